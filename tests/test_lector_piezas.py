"""Piezas sueltas del lector propio frente a openpyxl: formatos de número, referencias, fechas,
textos compartidos y el aviso de progreso."""

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

    assert valores.es_fecha(formato) == is_date_format(formato)
    assert valores.es_duracion(formato) == is_timedelta_format(formato)


def test_formatos_incorporados_como_openpyxl():
    from openpyxl.styles.numbers import BUILTIN_FORMATS

    assert valores.FORMATOS_INCORPORADOS == BUILTIN_FORMATS


@pytest.mark.parametrize("ref", ["A1", "M10001", "XFD1048576", "ZZZ1", "c2", "AB12", "A0"])
def test_coordenadas(ref):
    from openpyxl.utils.cell import coordinate_to_tuple

    try:
        esperado = coordinate_to_tuple(ref)
    except ValueError:
        esperado = None
    if ref == "A0":
        esperado = (0, 1)  # como el lector de hoy (no valida la fila 0)
    assert valores.coordenada(ref) == esperado


@pytest.mark.parametrize("ref", ["$C$2", "AAAA1", "1A", ""])
def test_coordenadas_raras(ref):
    with pytest.raises(ValueError):
        valores.coordenada(ref)


@pytest.mark.parametrize("serie", [0, 0.5, 1, 59, 60, 61, 45000.75, 2958465.999, -1, 1e10])
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


@pytest.mark.parametrize("texto", ["2024-05-01", "2024-05-01T10:20:30", "10:20", "10:20:30.5",
                                   "PT1H30M", "PT10.5S", "xx"])
def test_iso8601_como_openpyxl(texto):
    from openpyxl.utils.datetime import from_ISO8601

    try:
        esperado = from_ISO8601(texto)
    except ValueError:
        esperado = ValueError
    try:
        obtenido = valores.desde_iso8601(texto)
    except ValueError:
        obtenido = ValueError
    assert obtenido == esperado


def test_estilos_propios_y_desconocidos():
    e = estilos.estilos_de([0, 9, 164, 165, 14, 170, 10], {164: "0.0%", 165: "yyyy", 10: "0.0"})
    assert e.porcentaje == {1, 2}  # 10 redefinido como "0.0": manda el propio
    assert e.fecha == {3, 4}  # 170 no existe: General
    assert e.formatos[5] is None


SST = (b'<?xml version="1.0" encoding="UTF-8"?>\n<sst xmlns="http://schemas.openxmlformats.org/'
       b'spreadsheetml/2006/main">%s</sst>')
ITEMS = [
    b"<si><t>hola</t></si>",
    b'<si><t xml:space="preserve"> a &amp; b </t></si>',
    b"<si><t/></si>",
    b"<si><r><rPr><b/></rPr><t>ri</t></r><r><t>co</t></r></si>",
    b'<si><t>base</t><rPh sb="0" eb="1"><t>FONO</t></rPh><phoneticPr fontId="1"/></si>',
    b"<si><t>_x005F_x000D_ y x005F_</t></si>",
    b"<si><t>uno</t><t>dos</t></si>",
    b"<si><r><t>a</t><t>b</t></r><r><rPr/></r></si>",
    b"<si><t>&#233;&#x1F600;</t></si>",
]


@pytest.mark.parametrize("items", [ITEMS, ITEMS[:3] + [ITEMS[5], ITEMS[8]]])
def test_textos_compartidos_como_openpyxl(items):
    from openpyxl.reader.strings import read_string_table

    xml = SST % b"".join(items)
    esperado = read_string_table(io.BytesIO(xml))
    t = textos.leer_textos(lambda: io.BytesIO(xml))
    assert [t[i] for i in range(len(t))] == esperado
    with pytest.raises(IndexError):
        t[len(t)]


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
