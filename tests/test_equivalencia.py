"""Pruebas de oráculo: el lector propio entrega lo mismo que openpyxl (el lector de antes, guardado
en lector_openpyxl.py) donde openpyxl acierta: celdas y problemas de cada hoja, en la muestra, en
los libros sintéticos del banco de pruebas, en libros al azar y en casos construidos. Las
diferencias buscadas (donde openpyxl no lee lo que dice el estándar) se prueban aparte, cada una
con lo que hace openpyxl y lo que hace el lector propio."""

from __future__ import annotations

import datetime
import os
import re
import sys
import zipfile
from xml.etree import ElementTree as ET

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

import corpus
from conftest import MUESTRA, RAIZ, hojas_minimas
from equivalencia import abrir_paquete, ambos, comparar

sys.path.insert(0, str(RAIZ / "benchmarks"))
import generar  # noqa: E402


def test_muestra():
    oraculo, _ = comparar(MUESTRA)
    assert sum(map(len, oraculo.celdas.values())) > 1000


@pytest.mark.parametrize("decorar", [None, corpus.decorado])
def test_muestra_con_textos_compartidos(tmp_path, decorar):
    """La muestra como la guardaría Excel: textos compartidos (y con texto enriquecido,
    fonética y x005F_ en algunos)."""
    import shutil

    ruta = corpus.a_textos_compartidos(shutil.copy(MUESTRA, tmp_path / "m.xlsx"), decorar)
    oraculo, _ = comparar(ruta)
    assert any(c[4] == "s" for c in oraculo.celdas["Indicadores"])


@pytest.mark.parametrize("n, compartidos", [(100, False), (100, True), (10_000, False)])
def test_sinteticos(n, compartidos, tmp_path):
    import shutil

    ruta = generar.libro(n)
    if compartidos:
        ruta = corpus.a_textos_compartidos(shutil.copy(ruta, tmp_path / "s.xlsx"))
    oraculo, _ = comparar(ruta)
    assert len(oraculo.celdas["Logros esperados"]) > 10 * n


def test_minimo_con_porcentajes_fechas_y_textos(libro):
    hojas = hojas_minimas()
    hojas["Logros esperados"][1] = ["IOP.01.01", (0.2, "0.00%"), "40.00%"]
    hojas["Valores obtenidos"][1] = ["IOP.01.01", "15", (0.3, "0%")]
    hojas["Notas"] = [
        ["fecha", datetime.datetime(2024, 5, 1, 13, 30), datetime.date(2023, 1, 2)],
        ["hora", datetime.time(12, 15), (1.5, "[h]:mm:ss")],
        ["lógico", True, False],
        ["texto", "  con espacios  ", "   ", "a & b < c > d \"e\" 'f'", "ñandú 漢字 😀"],
        ["fórmula", "=1+1", "=A1&\"x\""],
        ["números", 1e-7, -3, 12345678901234567890, 1.5e300, 0.1 + 0.2],
        ["formatos", (0.5, '0.0" %"'), (0.5, "0.0\\%"), (0.5, '"%"0.0%'), (40000, "d-mmm-yy")],
    ]
    comparar(libro(hojas))


def test_fecha_1904(libro):
    from openpyxl import load_workbook

    hojas = hojas_minimas()
    hojas["Notas"] = [["fecha", (0, "yyyy-mm-dd"), (1000, "yyyy-mm-dd"), (2958466, "yyyy-mm-dd")]]
    ruta = libro(hojas)
    wb = load_workbook(ruta)
    wb.epoch = datetime.datetime(1904, 1, 1)
    wb.save(ruta)
    _, nuevo = comparar(ruta)
    with abrir_paquete(ruta) as l:
        assert l.epoca == datetime.datetime(1904, 1, 1)
    assert any(c[2] == "datetime" for c in nuevo.celdas["Notas"])
    assert any(c[4] == "e" and c[3] == "#VALUE!" for c in nuevo.celdas["Notas"])  # desborde


@pytest.mark.parametrize("error", ["#DIV/0!", "#N/A", "#REF!", "#VALUE!"])
def test_valores_de_error(libro, error):
    hojas = hojas_minimas()
    ruta = libro(hojas)
    corpus.reescribir(ruta, {corpus.miembro_de_hoja(hojas, "Logros esperados"):
                             corpus.con_error_excel("C4", error)})
    _, nuevo = comparar(ruta)
    assert (4, 3, "str", error, "e", False) in nuevo.celdas["Logros esperados"]


CASOS_XML = {
    "formula con valor": b'<c r="C2"><f>1+1</f><v>2</v></c>',
    "formula sin valor": b'<c r="C2"><f>1+1</f><v></v></c>',
    "formula sin v": b'<c r="C2"><f>1+1</f></c>',
    "formula t=n vacia": b'<c r="C2" t="n"><f>1+1</f><v/></c>',
    "formula texto": b'<c r="C2" t="str"><f>A1</f><v>hola</v></c>',
    "formula texto sin v": b'<c r="C2" t="str"><f>A1</f></c>',
    "formula error": b'<c r="C2" t="e"><f>1/0</f><v>#DIV/0!</v></c>',
    "formula compartida": b'<c r="C2"><f t="shared" ref="C2:C3" si="0">A2&amp;"x"</f><v>3</v></c>',
    "logico": b'<c r="C2" t="b"><v>1</v></c>',
    "fecha iso": b'<c r="C2" t="d"><v>2024-05-01T10:20:30</v></c>',
    "fecha iso sin hora": b'<c r="C2" t="d"><v>2024-05-01</v></c>',
    "inline": b'<c r="C2" t="inlineStr"><is><t>hola</t></is></c>',
    "inline preserve": b'<c r="C2" t="inlineStr"><is><t xml:space="preserve"> hola </t></is></c>',
    "inline entidades": (b'<c r="C2" t="inlineStr"><is><t>a &amp; b &lt;c&gt; &#233;&#x41;</t>'
                         b'</is></c>'),
    "inline vacio": b'<c r="C2" t="inlineStr"><is><t/></is></c>',
    "inline sin is con formula": b'<c r="C2" t="inlineStr"><f>A1</f></c>',
    "inline rico": (b'<c r="C2" t="inlineStr"><is><r><rPr><b/></rPr><t>ri</t></r><r><t>co</t>'
                    b'</r><rPh sb="0" eb="1"><t>FONO</t></rPh></is></c>'),
    "inline t y r": b'<c r="C2" t="inlineStr"><is><t>base</t><r><t>+run</t></r></is></c>',
    "sin r": b'<c><v>1</v></c><c t="inlineStr"><is><t>x</t></is></c>',
    "ref minuscula": b'<c r="c2"><v>7</v></c>',
    "atributos en otro orden": b'<c t="n" s="0" r="C2"><v>7</v></c>',
    "comillas simples": b"<c r='C2' t='n'><v>7</v></c>",
    "espacios entre hijos": b'<c r="C2">\n  <v>7</v>\n</c>',
    "comentario": b'<c r="C2"><!-- hola --><v>7</v></c>',
    "cdata": b'<c r="C2" t="inlineStr"><is><t><![CDATA[a<b]]></t></is></c>',
    "retorno de carro": b'<c r="C2" t="inlineStr"><is><t>a\r\nb</t></is></c>',
    "numero con espacios": b'<c r="C2"><v> 12 </v></c>',
    "numero grande": b'<c r="C2"><v>123456789012345678901234567890</v></c>',
    "notacion cientifica": b'<c r="C2"><v>1.5E-3</v></c>',
    "v en otro espacio": b'<c r="C2"><x:v xmlns:x="urn:x">5</x:v></c>',
    "estilo inexistente": b'<c r="C2" s="77"><v>1</v></c>',
    "formula en otro espacio": b'<c r="C2"><f xmlns="urn:x">A1</f></c>',
    "fila con xmlns": b'</row><row r="9" xmlns="urn:x"><c r="A9"><v>1</v></c>',
    "r repetido en la fila": b'</row><row r="9" spans="1:2" r="10"><c r="A9"><v>1</v></c>',
}


def _con_celda(libro, celda: bytes):
    hojas = hojas_minimas()
    ruta = libro(hojas)
    miembro = corpus.miembro_de_hoja(hojas, "Valores obtenidos")
    corpus.reescribir(ruta, {miembro: lambda x: x.replace(b'<c r="C2" t="n"><v>30</v></c>', celda)})
    return ruta


@pytest.mark.parametrize("caso", sorted(CASOS_XML))
def test_celdas_escritas_a_mano(libro, caso):
    """Cada forma de celda, puesta en el XML en lugar de Valores obtenidos!C2."""
    comparar(_con_celda(libro, CASOS_XML[caso]))


DIFERENCIAS = {
    # caso: (la celda en el XML, lo que da el lector propio en la fila 2 de Valores obtenidos,
    #        su problema: (celda, fragmento del mensaje) o None)
    "numero con guion bajo": (b'<c r="C2"><v>1_000</v></c>', [], ("C2", "como número")),
    "numero invalido": (b'<c r="C2"><v>abc</v></c>', [], ("C2", "como número")),
    "tipo desconocido": (b'<c r="C2" t="x"><v>raro</v></c>', [], ("C2", "tipo que Excel no")),
    "texto compartido fuera de rango": (b'<c r="C2" t="s"><v>999</v></c>', [],
                                        ("C2", "texto compartido '999', que no existe")),
    "ref con dolar": (b'<c r="$C$2"><v>7</v></c>', [], (None, "'$C$2'")),
    "otro hijo de la fila": (b'<x:foo xmlns:x="urn:x"/><c><v>1</v></c>', [(2, 3, "int", 1)],
                             None),
    "logico escrito true": (b'<c r="C2" t="b"><v>true</v></c>', [(2, 3, "bool", True)], None),
    "inline vacio con formula": (b'<c r="C2" t="inlineStr"><f>A1</f><is><t/></is></c>', [],
                                 None),
}


@pytest.mark.parametrize("caso", sorted(DIFERENCIAS))
def test_diferencias_buscadas_en_celdas(libro, caso):
    """DIFERENCIAS BUSCADAS: lo que no es una celda de SpreadsheetML (un número que sólo Python
    acepta, un tipo que no existe, una referencia con $, un texto compartido que no está) es un
    error con su celda y la lectura sigue (openpyxl se detenía con una excepción en inglés o lo
    tomaba); sólo ``<c>`` es una celda (openpyxl contaba todo hijo de ``<row>``); un lógico
    ``true`` es VERDADERO (xsd:boolean); una fórmula cuyo resultado guardado es un texto vacío es
    ND también en un texto en línea (openpyxl: «fórmula sin valor calculado»)."""
    xml, celdas, problema = DIFERENCIAS[caso]
    _, nuevo = ambos(_con_celda(libro, xml))
    assert not nuevo.fatal["Valores obtenidos"]
    fila2 = [c[:4] for c in nuevo.celdas["Valores obtenidos"] if c[0] == 2 and c[1] > 2]
    assert fila2 == celdas
    errores = [(p[2], p[3]) for p in nuevo.problemas["Valores obtenidos"]]
    if problema is None:
        assert errores == []
    else:
        [(celda, mensaje)] = errores
        assert celda == problema[0] and problema[1] in mensaje, mensaje


def test_formula_de_texto_vacio_es_una_celda_vacia(libro):
    """DIFERENCIA BUSCADA (issue 10): =SI.ERROR(...;"") guardado por Excel o LibreOffice
    (t="str" con <v></v>) es una celda vacía (ND), no una fórmula sin valor calculado."""
    hojas = hojas_minimas()
    ruta = libro(hojas)
    miembro = corpus.miembro_de_hoja(hojas, "Valores obtenidos")
    for forma in (b'<c r="C2" t="str"><f>IFERROR(1/0,"")</f><v></v></c>',
                  b'<c r="C2" s="0" t="str"><f>IFERROR(1/0,"")</f><v/></c>'):
        corpus.reescribir(ruta, {miembro: lambda x, forma=forma: x.replace(
            b'<c r="C2" t="n"><v>30</v></c>', forma).replace(
            b'<c r="C2" t="str"><f>IFERROR(1/0,"")</f><v></v></c>', forma)})
        hoy, nuevo = ambos(ruta)  # hoy: openpyxl; nuevo: el lector propio
        assert (2, 3, "NoneType", None, "formula-sin-valor", False) in hoy.celdas[
            "Valores obtenidos"]
        assert [c for c in nuevo.celdas["Valores obtenidos"] if c[:2] == (2, 3)] == []
        otras = [c for c in hoy.celdas["Valores obtenidos"] if c[:2] != (2, 3)]
        assert nuevo.celdas["Valores obtenidos"] == otras


def test_filas_fuera_de_sheetdata(libro):
    """Un segundo <sheetData> tras el primero (bien formado, aunque no válido): openpyxl lee sus
    filas; el motor rápido pasa al general en cuanto las ve."""
    hojas = hojas_minimas()
    ruta = libro(hojas)
    corpus.reescribir(ruta, {corpus.miembro_de_hoja(hojas, "Valores obtenidos"): lambda x: x.replace(
        b"</sheetData>", b'</sheetData><sheetData><row r="20"><c r="A20"><v>7</v></c></row>'
        b"</sheetData>")})
    _, nuevo = comparar(ruta)
    assert (20, 1, "int", 7, "n", False) in nuevo.celdas["Valores obtenidos"]


# --- Libros al azar (hypothesis) ------------------------------------------------------------

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"

_texto = st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters=(
    [chr(i) for i in range(32) if i not in (9, 10, 13)] + ["\ufffe", "\uffff"])), max_size=12)

CELDA = st.one_of(
    st.none(),
    st.integers(-10**15, 10**15),
    st.floats(allow_nan=False, allow_infinity=False),
    st.tuples(st.floats(-2, 2, allow_nan=False),
              st.sampled_from(["0%", "0.0%", "0.00%", '0.0" %"', '0.0\\%', "#,##0", "0.0", "@"])),
    st.tuples(st.integers(0, 80_000) | st.floats(0, 3_000_000, allow_nan=False),
              st.sampled_from(["yyyy-mm-dd", "d-mmm-yy", "h:mm", "[h]:mm:ss", "mm:ss",
                               "yyyy-mm-dd h:mm:ss", '"Año" yyyy'])),
    st.booleans(),
    _texto,
    st.sampled_from(["ND", "-", "n.d.", "  ", "36.5%", "1,234.5", "=1+1", '=A1&"x"', "=SUM(A1:A2)"]),
    st.datetimes(min_value=datetime.datetime(1900, 3, 1),
                 max_value=datetime.datetime(9999, 12, 31)).map(lambda d: d.replace(microsecond=0)),
)
FILA = st.lists(CELDA, max_size=7)
HOJA = st.lists(FILA, max_size=10)


def _sst(ruta) -> list[str]:
    with zipfile.ZipFile(ruta) as z:
        if "xl/sharedStrings.xml" not in z.namelist():
            return []
        raiz = ET.fromstring(z.read("xl/sharedStrings.xml"))
    return ["".join(t.text or "" for t in si.iter(f"{{{MAIN}}}t")) for si in raiz]


def _escapar(texto: str) -> bytes:
    return (texto.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .encode("utf-8"))


def _retocar(xml: bytes, sst: list[str], d) -> bytes:
    """Cambios que openpyxl no escribe: errores, textos en línea, valores de fórmulas, y formas
    de XML que el motor rápido no reconoce (espacios, prefijos, comentarios, orden)."""
    def celda(m: re.Match) -> bytes:
        c = m.group(0)
        eleccion = d.draw(st.integers(0, 9), label="celda")
        if eleccion == 0 and b"<v>" in c and b't="s"' not in c and b"<f>" not in c:
            error = d.draw(st.sampled_from([b"#DIV/0!", b"#N/A", b"#REF!"]))
            return re.sub(rb"<v>[^<]*</v>", b"<v>" + error + b"</v>",
                          re.sub(rb' t="\w+"', b"", c).replace(b"<c ", b'<c t="e" ', 1))
        if eleccion == 1 and b't="s"' in c:
            i = int(re.search(rb"<v>(\d+)</v>", c).group(1))
            return re.sub(rb"<v>\d+</v>", b'<is><t xml:space="preserve">' + _escapar(sst[i])
                          + b"</t></is>", c).replace(b't="s"', b't="inlineStr"')
        if eleccion == 2 and b"<f>" in c:
            valor = d.draw(st.sampled_from([b"<v>42</v>", b"<v>1.5</v>", b"<v/>"]))
            return re.sub(rb"<v\s*/>|<v></v>", valor, c)
        if eleccion == 3 and b"<f>" in c:
            return re.sub(rb"<v\s*/>|<v></v>", b"<v>texto</v>", c).replace(b"<c ", b'<c t="str" ', 1)
        return c

    xml = re.sub(rb"<c [^>]*?(?:/>|>.*?</c>)", celda, xml, flags=re.S)
    forma = d.draw(st.sampled_from(["nada", "nada", "espacios", "prefijo", "comentario", "orden"]),
                   label="forma")
    event(f"forma {forma}")
    if forma == "espacios":
        xml = re.sub(rb"(</c>|</row>|<row [^>]*>)", rb"\1" + b"\n  ", xml)
    elif forma == "prefijo":
        cuerpo = re.sub(rb"^<\?xml[^>]*\?>", b"", xml)
        cuerpo = re.sub(rb"<(/?)([A-Za-z][\w]*)(?=[\s>/])", rb"<\1x:\2", cuerpo)
        xml = cuerpo.replace(b'xmlns="' + MAIN.encode() + b'"', b'xmlns:x="' + MAIN.encode() + b'"')
    elif forma == "comentario":
        xml = xml.replace(b"</row>", b"</row><!-- nota -->", 1)
    elif forma == "orden":
        xml = re.sub(rb'<c r="([A-Z]+\d+)"( s="\d+")?( t="\w+")?', rb'<c\3\2 r="\1"', xml, count=1)
    return xml


@settings(max_examples=int(os.environ.get("PENITENCIA_EJEMPLOS", 60)), deadline=None,
          derandomize=bool(os.environ.get("CI")),
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(hojas=st.lists(HOJA, min_size=1, max_size=3), d=st.data())
def test_libros_al_azar(tmp_path, hojas, d):
    """Libros al azar escritos con openpyxl y retocados en el XML (errores, textos en línea y
    compartidos, valores de fórmulas, espacios, prefijos, comentarios, otro orden de atributos):
    el lector propio entrega lo mismo que openpyxl, celda por celda y problema por problema.
    60 ejemplos (400 al medirlo antes de integrarlo); PENITENCIA_EJEMPLOS=2000 para buscar más."""
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    for k, filas in enumerate(hojas):
        ws = wb.create_sheet(f"Hoja {k}")
        for i, fila in enumerate(filas, start=1):
            for j, valor in enumerate(fila, start=1):
                formato = None
                if isinstance(valor, tuple):
                    valor, formato = valor
                c = ws.cell(i, j, valor)
                if formato:
                    c.number_format = formato
        if filas and d.draw(st.booleans(), label="ocultas"):
            ws.row_dimensions[d.draw(st.integers(1, len(filas)))].hidden = True
            ws.column_dimensions["B"].hidden = True
        if filas and d.draw(st.booleans(), label="combinadas"):
            ws.merge_cells(f"A1:B{max(1, len(filas) - 1)}")
    ruta = tmp_path / "azar.xlsx"
    wb.save(ruta)
    compartidos = d.draw(st.sampled_from(["en línea", "compartidos", "decorados"]),
                         label="textos")
    event(f"textos {compartidos}")
    if compartidos != "en línea":
        corpus.a_textos_compartidos(ruta, corpus.decorado if compartidos == "decorados" else None)
    sst = _sst(ruta)
    cambios = {f"xl/worksheets/sheet{k + 1}.xml": (lambda x: _retocar(x, sst, d))
               for k in range(len(hojas))}
    corpus.reescribir(ruta, cambios)
    comparar(ruta)
