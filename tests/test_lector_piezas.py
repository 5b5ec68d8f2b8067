"""Piezas sueltas del lector propio: formatos de número, referencias, fechas, textos compartidos y
el aviso de progreso; frente a openpyxl donde openpyxl acierta, y cada diferencia buscada con lo
que dice el estándar (ECMA-376)."""

from __future__ import annotations

import io
import sys

import pytest

from conftest import RAIZ
from equivalencia import abrir_paquete
from penitencia_cli.lectura import estilos, textos, valores
from penitencia_cli.lectura.recorrido import FILAS_POR_AVISO

sys.path.insert(0, str(RAIZ / "benchmarks"))
import generar  # noqa: E402

FORMATOS = [
    "General", "0", "0.00", "0%", "0.0%", '0.0" %"', "0.0\\%", '"%"0', "#,##0", "@",
    "yyyy-mm-dd", "d-mmm-yy", "h:mm", "[h]:mm:ss", "[mm]:ss", "mm:ss", '"Año" yyyy',
    "[$-409]d-mmm-yy", "[Red]0.00", "0.00;[Red]-0.00", "_(* #,##0_)", "dd/mm/yyyy hh:mm",
    "0.00E+00", "# ?/?", '[$€-2] #,##0.00', "[hh]", "ss.0", None,
]


@pytest.mark.parametrize("formato", FORMATOS)
def test_formatos_como_openpyxl(formato):
    from openpyxl.styles.numbers import is_date_format, is_timedelta_format

    assert estilos.formato_de(formato).fecha == is_date_format(formato)
    assert estilos.formato_de(formato).duracion == is_timedelta_format(formato)


@pytest.mark.parametrize("formato, positivo, negativo", [
    ("0%", True, True), ("0.00%", True, True), ('0.0" %"', False, False), ("0.0\\%", False, False),
    ('"%"0', False, False), ("0.0_%", False, False), ("0.0*%", False, False),
    ("[$%-409]0.0", False, False), ("0.0%;-0.0", True, False), ("0.0;-0.0%", False, True),
    ("0.0%;[Red]-0.0%;0", True, True), ('0.0%;"menos "0.0', True, False), ("General", False, False),
])
def test_porcentaje_por_seccion_y_sin_literales(formato, positivo, negativo):
    """Un % que se muestra tal cual (entre comillas, escapado, tras _ o *, entre corchetes) no es
    un porcentaje; con dos secciones, el negativo usa la segunda (como Excel)."""
    f = estilos.formato_de(formato)
    assert (f.porcentaje, f.porcentaje_negativo) == (positivo, negativo)


def test_formatos_incorporados_como_openpyxl():
    """Los 0-49 que openpyxl conoce dan lo mismo (porcentaje, fecha, duración); los de fechas de
    Asia oriental y Tailandia (27-36, 50-58, 71-81), que openpyxl toma por General, son fechas."""
    from openpyxl.styles.numbers import BUILTIN_FORMATS

    for i, codigo in BUILTIN_FORMATS.items():
        a, b = estilos.formato_de(codigo), estilos.formato_de(estilos.INCORPORADOS.get(i))
        assert (a.porcentaje, a.fecha, a.duracion) == (b.porcentaje, b.fecha, b.duracion), i
    for i in (*range(27, 37), *range(50, 59), 71, 81):
        assert estilos.formato_de(estilos.INCORPORADOS[i]).fecha, i
    assert estilos.formato_de(estilos.INCORPORADOS[68]).porcentaje


@pytest.mark.parametrize("ref", ["A1", "M10001", "XFD1048576", "c2", "AB12"])
def test_coordenadas(ref):
    from openpyxl.utils.cell import coordinate_to_tuple

    assert valores.coordenada(ref) == coordinate_to_tuple(ref)


@pytest.mark.parametrize("ref", ["$C$2", "AAAA1", "1A", "", "A0", "ZZZ1", "XFE1", "A1048577"])
def test_coordenadas_raras(ref):
    with pytest.raises(ValueError):
        valores.coordenada(ref)


@pytest.mark.parametrize("serie", [0, 0.5, 1, 59, 60, 61, 45000.75, 2958465.999, -1, 1e10,
                                   1048576.257029832])  # × 86 400 000 da …377.5 ms: es …377.48
@pytest.mark.parametrize("epoca", [valores.EPOCA_1900, valores.EPOCA_1904])
@pytest.mark.parametrize("duracion", [False, True])
def test_fechas_como_openpyxl(serie, epoca, duracion):
    from openpyxl.utils.datetime import from_excel

    try:
        esperado = from_excel(serie, epoca, timedelta=duracion)
    except (OverflowError, ValueError) as e:
        esperado = type(e)
    try:
        obtenido = valores.desde_excel(serie, epoca, duracion)
    except (OverflowError, ValueError) as e:
        obtenido = type(e)
    assert obtenido == esperado


@pytest.mark.parametrize("texto", ["2024-05-01", "2024-05-01T10:20:30", "10:20", "10:20:30.5"])
def test_iso8601_como_openpyxl(texto):
    from openpyxl.utils.datetime import from_ISO8601

    assert valores.desde_iso8601(texto) == from_ISO8601(texto)


def test_iso8601_que_no_se_entiende_queda_como_texto():
    """Una celda t="d" es una fecha aunque su texto no se entienda: se dice tal cual."""
    assert valores.desde_iso8601(" PT1H30M ") == "PT1H30M"


def test_estilos_propios_desconocidos_y_de_estilo_con_nombre():
    e = estilos.estilos_de([(0, 0), (9, 0), (164, 0), (165, 0), (14, 0), (170, 0), (10, 0),
                            (None, 1), (None, 7)],
                           [0, 10], {164: "0.0%", 165: "yyyy", 10: "0.0"})
    assert [i for i, f in enumerate(e.formatos) if f.porcentaje] == [1, 2]  # 10 es el propio
    assert [i for i, f in enumerate(e.formatos) if f.fecha] == [3, 4]  # 170: General
    assert e.de(5) == estilos.GENERAL and e.de(99) == estilos.GENERAL
    assert e.de(7).codigo == "0.0"  # sin numFmtId: el de su estilo con nombre (xfId 1 → 10)
    assert e.de(8) == estilos.GENERAL


SST = (b'<?xml version="1.0" encoding="UTF-8"?>\n<sst xmlns="http://schemas.openxmlformats.org/'
       b'spreadsheetml/2006/main">%s</sst>')
ITEMS = [
    b"<si><t>hola</t></si>",
    b'<si><t xml:space="preserve"> a &amp; b </t></si>',
    b"<si><t/></si>",
    b"<si><r><rPr><b/></rPr><t>ri</t></r><r><t>co</t></r></si>",
    b'<si><t>base</t><rPh sb="0" eb="1"><t>FONO</t></rPh><phoneticPr fontId="1"/></si>',
    b"<si><t>_x005F_x000D_ es un texto</t></si>",
    b"<si><t>&#233;&#x1F600;</t></si>",
]


def _leer_textos(xml: bytes) -> list[str]:
    t = textos.leer_textos([xml])
    return [t[i] for i in range(len(t))]


def test_textos_compartidos_como_openpyxl():
    from openpyxl.reader.strings import read_string_table

    xml = SST % b"".join(ITEMS)
    assert _leer_textos(xml) == read_string_table(io.BytesIO(xml))
    t = textos.leer_textos([xml])
    with pytest.raises(IndexError):
        t[len(t)]


@pytest.mark.parametrize("si, esperado", [
    (b"<si><t>linea 1_x000D__x000A_linea 2</t></si>", "linea 1\r\nlinea 2"),
    (b"<si><t>IOP.01.02_x000D_</t></si>", "IOP.01.02\r"),
    (b"<si><t>_x005f_x000D_</t></si>", "_x000D_"),
    (b"<si><t>_xD83D__xDE00_ y _xD83D_</t></si>", "\U0001F600 y \ufffd"),
    (b"<si><r><t>ri_x0009_</t></r><r><t>co</t></r></si>", "ri\tco"),
    (b"<si><t>uno</t><t>dos</t></si>", "unodos"),
])
def test_escape_de_excel_en_textos_compartidos(si, esperado):
    """Defecto 6 del issue 18: Excel escribe como _xHHHH_ los caracteres que XML no admite (un
    salto de línea pegado en una celda es _x000D__x000A_) y _x005F_ un «_» literal. openpyxl no lo
    decodifica (sólo quita «x005F_»), y un código pegado con un salto de línea era «desconocido»."""
    assert _leer_textos(SST % si) == [esperado]


def test_textos_compartidos_con_prefijo_y_en_strict():
    xml = (b'<x:sst xmlns:x="http://purl.oclc.org/ooxml/spreadsheetml/main"><x:si><x:t>a</x:t>'
           b'</x:si><x:si><x:r><x:t>b</x:t></x:r><x:rPh><x:t>no</x:t></x:rPh></x:si></x:sst>')
    assert _leer_textos(xml) == ["a", "b"]


def test_textos_en_bloques():
    t = textos.TextosCompartidos()
    for i in range(5000):
        t.agregar(str(i) * (i % 3))
    t.cerrar()
    assert len(t) == 5000 and t[4999] == "4999" and t[1024] == "1024" and t[3] == ""


def test_progreso_cada_1000_filas_con_datos(tmp_path):
    n = 2 * FILAS_POR_AVISO + 500
    ruta = generar.escribir(generar.datos(n, semilla=3), tmp_path / "grande.xlsx")
    avisos = []
    with abrir_paquete(ruta) as l:
        for t in l.titulos:
            for _ in l.hoja(t, progreso=lambda *a: avisos.append(a)):
                pass
    assert [(h, f, tot) for h, f, tot in avisos if h == "Logros esperados"] == [
        ("Logros esperados", 1000, n + 1), ("Logros esperados", 2000, n + 1)]
