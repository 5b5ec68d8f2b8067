"""El lector propio ante libros hostiles, enormes o raros: lo que ya hacía el lector de openpyxl
(tests/test_hostiles.py) más lo que éste no hacía (issues 10 y 13), cada caso frente al oráculo
cuando el resultado debe ser el mismo, y con lo que cambia cuando la diferencia es buscada."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile

import pytest

import corpus
from conftest import RAIZ, hojas_minimas
from equivalencia import abrir_paquete, ambos, comparar
from penitencia_cli.cli import app
from penitencia_cli.errores import ErrorDeDatos
from penitencia_cli.lectura import leer_libro
from penitencia_cli.lectura.seguridad import (
    LIMITES,
    ErrorDeHoja,
    Limites,
    XMLProhibido,
    analizador,
    declara_dtd,
)

DTD = "declara entidades o referencias XML (DTD)"
ANCHO = {"COLUMNS": "200"}


def _error_de_hoja(ruta, titulo, limites=LIMITES) -> ErrorDeHoja:
    with abrir_paquete(ruta, limites) as p:
        with pytest.raises(ErrorDeHoja) as e:
            for _ in p.hoja(titulo):
                pass
    return e.value


def _proceso(codigo: str, *args) -> tuple[int, int]:
    """Corre ``codigo`` en otro Python: (código de salida, memoria pico en MB). La memoria es
    VmHWM de /proc/self/status al salir (``ru_maxrss`` incluiría la de pytest antes del exec)."""
    envoltorio = ("import atexit, sys\n"
                  "def _pico():\n"
                  "    for l in open('/proc/self/status'):\n"
                  "        if l.startswith('VmHWM:'):\n"
                  "            sys.stderr.write('PICO %d\\n' % int(l.split()[1]))\n"
                  "atexit.register(_pico)\n")
    p = subprocess.run([sys.executable, "-c", envoltorio + codigo, *map(str, args)], cwd=RAIZ,
                       env=dict(os.environ, PYTHONPATH=str(RAIZ / "tests") + os.pathsep
                                + str(RAIZ)), stderr=subprocess.PIPE, text=True, timeout=300)
    pico = [int(l.split()[1]) for l in p.stderr.splitlines() if l.startswith("PICO ")]
    assert pico, p.stderr
    return p.returncode, pico[0] // 1024


def _rechazado(runner, ruta, *fragmentos: str) -> str:
    r = runner.invoke(app, ["avance", "2024", "-a", str(ruta)], env=ANCHO)
    assert r.exit_code == 1, r.output
    assert "Traceback" not in r.output and isinstance(r.exception, SystemExit)
    texto = " ".join(r.output.split())
    for f in fragmentos:
        assert f in texto, texto
    return texto


# --- DTD y entidades: en los bytes del prólogo y, además, en expat -----------------------------


def test_billion_laughs_en_los_textos_compartidos(libro):
    hojas = hojas_minimas()
    ruta = corpus.a_textos_compartidos(libro(hojas))
    corpus.reescribir(ruta, {"xl/sharedStrings.xml": corpus.con_risas})
    with pytest.raises(ErrorDeDatos) as e:
        leer_libro(ruta)
    assert DTD in e.value.problemas[0].mensaje and "sharedStrings" in e.value.problemas[0].mensaje


@pytest.mark.parametrize("parte", ["hoja", "textos"])
def test_entidad_externa_xxe(libro, parte):
    hojas = hojas_minimas()
    ruta = corpus.a_textos_compartidos(libro(hojas))
    if parte == "textos":  # la entidad, en el primer texto
        corpus.reescribir(ruta, {"xl/sharedStrings.xml": lambda x: corpus.con_xxe(
            x.replace(b"<si><t>", b"<si><t><v></v>", 1)).replace(b"<v>&xxe;</v>", b"&xxe;")})
    else:
        corpus.reescribir(ruta, {corpus.miembro_de_hoja(hojas, "Logros esperados"):
                                 corpus.con_xxe})
    with pytest.raises(ErrorDeDatos) as e:
        leer_libro(ruta)
    mensajes = " ".join(p.mensaje for p in e.value.problemas)
    assert DTD in mensajes and "root:" not in mensajes


def test_utf16_con_doctype_no_pasa_ni_sin_la_mirada_de_bytes(libro):
    hojas = hojas_minimas()
    ruta = libro(hojas)
    miembro = corpus.miembro_de_hoja(hojas, "Valores obtenidos")
    with zipfile.ZipFile(ruta) as z:
        original = z.read(miembro)
    corpus.reescribir(ruta, {miembro: corpus.en_utf16(original)})
    with pytest.raises(ErrorDeDatos) as e:
        leer_libro(ruta)
    assert DTD in e.value.problemas[0].mensaje
    # Defensa en profundidad: aunque el prólogo no se mirara, expat tampoco la deja pasar.
    with pytest.raises(XMLProhibido):
        analizador().Parse(corpus.en_utf16(original), True)


def test_utf16_sin_doctype_se_lee_como_openpyxl(libro):
    hojas = hojas_minimas()
    ruta = libro(hojas)
    miembro = corpus.miembro_de_hoja(hojas, "Valores obtenidos")
    corpus.reescribir(ruta, {miembro: lambda x: corpus.en_utf16(x, con_doctype=False)})
    comparar(ruta)


def test_doctype_tras_un_comentario_enorme_lo_detiene_expat(libro):
    """La mirada de bytes sólo ve los primeros 64 KiB del prólogo; un DOCTYPE escondido tras un
    comentario de 600 KB lo detienen los manejadores de expat, con el mismo mensaje."""
    hojas = hojas_minimas()
    ruta = libro(hojas)
    miembro = corpus.miembro_de_hoja(hojas, "Valores obtenidos")
    relleno = b"<!--" + os.urandom(300 * 1024).hex().encode() + b"-->"  # no se comprime
    corpus.reescribir(ruta, {miembro: lambda x: corpus.con_risas(x).replace(
        b"?>\n", b"?>\n" + relleno, 1)})
    with zipfile.ZipFile(ruta) as z:
        assert not declara_dtd(z.read(miembro)[:64 * 1024])  # no llega a verlo
    e = _error_de_hoja(ruta, "Valores obtenidos")
    assert e.mensaje == f"La hoja no se puede leer: {DTD}, algo que Excel nunca escribe; por " \
                        "seguridad no se procesa."


@pytest.mark.parametrize("xml", [
    b'<!DOCTYPE a SYSTEM "http://x/a.dtd"><a/>',
    b'<?xml version="1.0"?>\n<!-- c --><!DOCTYPE a [<!ENTITY % p SYSTEM "x">%p;]><a/>',
    b'\xef\xbb\xbf<?xml version="1.0"?><!DOCTYPE a><a/>',
])
def test_expat_rechaza_todo_dtd(xml):
    assert declara_dtd(xml)
    with pytest.raises(XMLProhibido):
        analizador().Parse(xml, True)


# --- Partes que el cálculo no necesita, y partes grandes dentro de los límites ----------------


def test_vinculo_externo_de_62_mib_no_se_lee(libro, monkeypatch):
    """Un vínculo externo de 62 MiB (dentro de todos los límites por parte) no se abre: sólo se
    abren las partes a las que llevan las relaciones del libro y que el cálculo necesita. Antes,
    openpyxl lo cargaba entero (1.5 a 1.8 GB y 20 s)."""
    ruta = corpus.con_vinculo_externo(libro(), 62)
    with zipfile.ZipFile(ruta) as z:
        assert z.getinfo("xl/externalLinks/externalLink1.xml").file_size > 62 * 2**20
    leidos: dict[str, int] = {}
    original = zipfile.ZipExtFile.read

    def espiar(self, n=-1):
        datos = original(self, n)
        leidos[self.name] = leidos.get(self.name, 0) + len(datos)
        return datos

    monkeypatch.setattr(zipfile.ZipExtFile, "read", espiar)
    matriz = leer_libro(ruta)
    assert len(matriz.indicadores) == 4
    assert "xl/externalLinks/externalLink1.xml" not in leidos
    assert sum(leidos.values()) < 2 * 2**20


def test_textos_compartidos_enormes_memoria_acotada(libro):
    """Una parte sharedStrings de ~60 MiB con 2.8 millones de textos diminutos y distintos: se
    lee por trozos y se guarda en bloques (8 bytes por texto más el texto), no un str por texto.
    Antes: un str por texto con openpyxl, más de 1 GB."""
    hojas = hojas_minimas()
    ruta = corpus.a_textos_compartidos(libro(hojas))
    n = 2_800_000
    items = b"".join(b"<si><t>%x</t></si>" % i for i in range(n))
    sst = (b'<?xml version="1.0" encoding="UTF-8"?>\n<sst xmlns="http://schemas.openxmlformats.'
           b'org/spreadsheetml/2006/main" count="%d" uniqueCount="%d">' % (n, n) + items
           + b"</sst>")
    assert 50 * 2**20 < len(sst) < LIMITES.bytes_xml
    with zipfile.ZipFile(ruta) as z:
        previo = z.read("xl/sharedStrings.xml")
    # Los textos del libro van al final: los índices de las hojas siguen valiendo si van primero.
    sst = sst.replace(b"<si><t>0</t></si>", previo.split(b">", 2)[2].rsplit(b"</sst>", 1)[0], 1)
    corpus.reescribir(ruta, {"xl/sharedStrings.xml": sst})
    codigo = ("import sys\nfrom penitencia_cli.lectura import leer_libro\n"
              "m = leer_libro(sys.argv[1])\nassert len(m.indicadores) == 4\n")
    salida, mb = _proceso(codigo, ruta)
    assert salida == 0
    assert mb < 250  # un str por texto serían ~250 MB más


def test_estilos_enormes_memoria_acotada(libro):
    """Un styles.xml de ~60 MiB (un millón de estilos de celda) se lee por trozos, sin árbol."""
    ruta = libro()
    import random

    azar = random.Random(1)  # estilos distintos: el zip no lo toma por una bomba
    xfs = b"".join(b'<xf numFmtId="%d" fontId="%d" fillId="0" borderId="0" xfId="0"/>'
                   % (azar.choice((0, 9, 10, 14, 3)), azar.randrange(10**6))
                   for _ in range(900_000))
    with zipfile.ZipFile(ruta) as z:
        estilos = z.read("xl/styles.xml")
    grande = estilos.replace(b"<cellXfs", b"<cellXfs><xf numFmtId=\"0\"/>" + xfs + b"</cellXfs>"
                             b"<cellXfs", 1)
    assert 50 * 2**20 < len(grande) < LIMITES.bytes_xml
    corpus.reescribir(ruta, {"xl/styles.xml": grande})
    codigo = ("import sys\nfrom penitencia_cli.lectura import leer_libro\n"
              "assert len(leer_libro(sys.argv[1]).indicadores) == 4\n")
    salida, mb = _proceso(codigo, ruta)
    assert salida == 0 and mb < 400


# --- Archivos que no son un libro .xlsx: mensajes en castellano ---------------------------------


def test_una_tuberia_se_rechaza_sin_esperar(tmp_path):
    """Antes, leer de una tubería (FIFO) esperaba para siempre: aquí, si esperara, el proceso
    no terminaría y la prueba fallaría por el tiempo de espera de subprocess."""
    fifo = tmp_path / "tuberia.xlsx"
    os.mkfifo(fifo)
    p = subprocess.run([sys.executable, "-m", "penitencia_cli", "avance", "2024", "-a", str(fifo)],
                       cwd=RAIZ, env=dict(os.environ, PYTHONPATH=str(RAIZ)), capture_output=True,
                       text=True, timeout=120)
    assert p.returncode == 1, p.stderr
    assert "no es un archivo común" in " ".join(p.stderr.split()) and "Traceback" not in p.stderr


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="sin /dev/zero")
def test_un_dispositivo_se_rechaza(runner):
    """Antes, /dev/zero se leía sin fin (7 GB de memoria)."""
    _rechazado(runner, "/dev/zero", "no es un archivo común", "/dev/zero")


def test_un_ods_con_otra_extension(runner, tmp_path):
    ruta = tmp_path / "matriz.xlsx"
    with zipfile.ZipFile(ruta, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet",
                   compress_type=zipfile.ZIP_STORED)
        z.writestr("content.xml", '<?xml version="1.0"?><office:document-content xmlns:office='
                                  '"urn:oasis:names:tc:opendocument:xmlns:office:1.0"/>')
        z.writestr("META-INF/manifest.xml", "<manifest/>")
    _rechazado(runner, ruta, "OpenDocument (.ods", "guárdelo como Libro de Excel .xlsx")


def test_strict_open_xml(libro, tmp_path):
    """Excel guarda «Hoja de cálculo Strict Open XML» con otros espacios de nombres (de
    SpreadsheetML y de las relaciones): se lee igual que el mismo libro en Transitional (antes se
    rechazaba)."""
    import shutil

    hojas = hojas_minimas()
    hojas["Logros esperados"][1] = ["IOP.01.01", (0.2, "0.00%"), "40.00%"]
    ruta = corpus.a_textos_compartidos(libro(hojas))
    estricto = corpus.a_estricto(shutil.copy(ruta, tmp_path / "estricto.xlsx"))
    with zipfile.ZipFile(estricto) as z:
        assert b"purl.oclc.org/ooxml/spreadsheetml/main" in z.read("xl/worksheets/sheet4.xml")
        assert b"schemas.openxmlformats.org/spreadsheetml" not in z.read("xl/workbook.xml")
    assert leer_libro(estricto).model_dump() == leer_libro(ruta).model_dump()
    assert leer_libro(estricto).indicadores[0].le(2023) == 20


def test_zip_que_no_es_un_libro(runner, tmp_path):
    ruta = tmp_path / "documento.xlsx"
    with zipfile.ZipFile(ruta, "w") as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.'
                   'openxmlformats.org/package/2006/content-types"><Default Extension="xml" '
                   'ContentType="application/xml"/></Types>')
        z.writestr("word/document.xml", "<w:document/>")
    _rechazado(runner, ruta, "no contiene un libro de Excel", "Libro de Excel .xlsx")


def test_hoja_sin_su_parte(runner, libro):
    ruta = libro()
    corpus.reescribir(ruta, {"xl/_rels/workbook.xml.rels": lambda x: x.replace(
        b'Id="rId1"', b'Id="rIdOtro"')})
    _rechazado(runner, ruta, "no tiene su parte en el zip")


# --- Celdas y filas ------------------------------------------------------------------------------


def test_formula_de_texto_vacio_es_nd_en_avance(libro, runner):
    """=SI.ERROR(...;"") de Excel o LibreOffice (t="str" y <v></v>): ND, no «fórmula sin valor
    calculado» (issue 10)."""
    hojas = hojas_minimas()
    ruta = libro(hojas)
    miembro = corpus.miembro_de_hoja(hojas, "Valores obtenidos")
    corpus.reescribir(ruta, {miembro: lambda x: x.replace(
        b'<c r="C2" t="n"><v>30</v></c>', b'<c r="C2" t="str"><f>IFERROR(1/0,"")</f><v></v></c>')})
    r = runner.invoke(app, ["avance", "2024", "-a", str(ruta), "-f", "json"], env=ANCHO)
    assert r.exit_code == 0, r.output
    doc = json.loads(r.stdout)
    ind = next(i for i in doc["indicadores"] if i["codigo"] == "IOP.01.01")
    assert ind["valor_obtenido"] is None and ind["logro_esperado"] == 40 and ind["franja"] == "ND"


def test_fila_vacia_con_formato_en_la_ultima_fila_no_cuenta(libro):
    """Una fila vacía con formato en la 1 048 576 (formato puesto a columnas enteras) no es una
    fila con datos: no supera el límite de filas (issue 10). Una fila con datos, sí."""
    hojas = hojas_minimas()
    ruta = corpus.reescribir(libro(hojas), {corpus.miembro_de_hoja(hojas, "Valores obtenidos"):
                                            lambda x: x.replace(b"</sheetData>",
                                            b'<row r="1048575" s="3" customFormat="1" ht="15">'
                                            b'</row><row r="1048576" s="3" customFormat="1"/>'
                                            b"</sheetData>")})
    hoy, nuevo = ambos(ruta)
    assert hoy.fatal["Valores obtenidos"] and "1,048,57" in hoy.problemas["Valores obtenidos"][-1][3]
    assert not nuevo.fatal["Valores obtenidos"] and nuevo.problemas["Valores obtenidos"] == []
    assert nuevo.celdas["Valores obtenidos"] == hoy.celdas["Valores obtenidos"]
    assert len(leer_libro(ruta).indicadores) == 4


def test_un_millon_de_filas_vacias(libro):
    hojas = hojas_minimas()
    vacias = b"".join(b'<row r="%d" s="3" customFormat="1"/>' % i for i in range(6, 1_048_577))
    ruta = corpus.reescribir(libro(hojas), {corpus.miembro_de_hoja(hojas, "Valores obtenidos"):
                                            lambda x: x.replace(b"</sheetData>",
                                                                vacias + b"</sheetData>")})
    with abrir_paquete(ruta) as p:
        assert [n for n, _ in p.hoja("Valores obtenidos")] == [1, 2, 3, 4, 5]


@pytest.mark.parametrize("limites", [Limites(filas=3), Limites(columnas=2), Limites(texto=5),
                                     Limites(etiquetas_fila=200)])
def test_limites_pequenos_como_openpyxl(libro, limites):
    comparar(libro(), limites)


def test_guardia_de_etiquetas_exacta_por_fila(libro):
    """DIFERENCIA BUSCADA: la guardia anterior sólo miraba las etiquetas tras el último </row> de
    cada trozo (16 KiB) que leía openpyxl: una fila desmedida que empezaba y terminaba dentro de
    un mismo trozo se le escapaba. La nueva cuenta los elementos de cada fila, en el analizador."""
    limites = Limites(etiquetas_fila=25)  # Indicadores tiene filas de ~31 elementos
    hoy, nuevo = ambos(libro(), limites)
    assert not hoy.fatal["Indicadores"]
    assert nuevo.fatal["Indicadores"]
    assert "más de 25 etiquetas XML seguidas" in nuevo.problemas["Indicadores"][-1][3]


def _hoja_con_filas(prefijo: str, filas: int, celdas: int) -> bytes:
    p = f"{prefijo}:" if prefijo else ""
    ns = f'xmlns{":" + prefijo if prefijo else ""}="http://schemas.openxmlformats.org/' \
         'spreadsheetml/2006/main"'
    cuerpo = "".join(f"<{p}row r=\"{i}\">" + "".join(
        f"<{p}c r=\"{_col(j)}{i}\"><{p}v>{i * j}</{p}v></{p}c>" for j in range(1, celdas + 1))
        + f"</{p}row>" for i in range(1, filas + 1))
    return (f'<?xml version="1.0" encoding="UTF-8"?><{p}worksheet {ns}><{p}sheetData>{cuerpo}'
            f"</{p}sheetData></{p}worksheet>").encode()


def _col(n: int) -> str:
    from penitencia_cli.lectura.valores import letra
    return letra(n)


@pytest.mark.parametrize("forma", ["", "x", "utf-16"])
def test_guardia_cuenta_elementos_en_cualquier_prefijo_y_codificacion(libro, forma):
    """Defecto 5 del issue 18: la guardia de bytes del motor rápido no conocía prefijos ni
    codificaciones y rechazaba como hostil una hoja válida del SDK de .NET (x:) o en UTF-16 de
    más de ~800 indicadores. La guardia cuenta ahora elementos en el analizador: 3 000 filas
    de 13 celdas pasan en cualquier forma; una fila de más elementos que el límite, no."""
    hojas = hojas_minimas()
    hojas["Notas"] = [["x"]]
    ruta = libro(hojas)
    xml = _hoja_con_filas("" if forma == "utf-16" else forma, 3000, 13)
    if forma == "utf-16":
        xml = xml.decode().replace('encoding="UTF-8"', 'encoding="UTF-16"').encode("utf-16")
    corpus.reescribir(ruta, {corpus.miembro_de_hoja(hojas, "Notas"): xml})
    with abrir_paquete(ruta) as p:
        filas = list(p.hoja("Notas"))
    assert len(filas) == 3000 and filas[-1][1][-1].valor == 3000 * 13
    with abrir_paquete(ruta, Limites(etiquetas_fila=20)) as p:  # una fila: 27 elementos
        with pytest.raises(ErrorDeHoja) as e:
            list(p.hoja("Notas"))
    assert "más de 20 etiquetas XML seguidas" in e.value.mensaje


def test_texto_compartido_desmedido_es_error_y_se_corta(libro):
    hojas = hojas_minimas()
    ruta = corpus.a_textos_compartidos(libro(hojas))
    largo = b"x" * (LIMITES.texto + 1)
    corpus.reescribir(ruta, {"xl/sharedStrings.xml": lambda x: x.replace(
        b"<t>Indicador descendente</t>", b"<t>" + largo + b"</t>")})
    _, nuevo = comparar(ruta)
    assert nuevo.problemas["Indicadores"] == [
        ("error", "Indicadores", "D3", "La celda tiene 32,768 caracteres; Excel admite 32,767.")]


def test_filas_y_columnas_ocultas_y_combinadas(libro):
    from openpyxl import load_workbook

    hojas = hojas_minimas()
    hojas["Indicadores"][2][6] = None
    ruta = libro(hojas)
    wb = load_workbook(ruta)
    ws = wb["Valores obtenidos"]
    for fila in (3, 4, 9):  # la 9, sin datos: no cuenta
        ws.row_dimensions[fila].hidden = True
    ws.column_dimensions["B"].hidden = True
    wb["Indicadores"].merge_cells("G2:G3")
    wb["Politica"].merge_cells("F8:H9")
    wb.save(ruta)
    _, nuevo = comparar(ruta)
    assert ("observacion", "Valores obtenidos", "3:4",
            "Las filas 3 a 4 están ocultas y tienen datos: se leen igual que las visibles."
            ) in nuevo.problemas["Valores obtenidos"]
    assert any(p[2] == "G2:G3" for p in nuevo.problemas["Indicadores"])


def test_algo_raro_a_mitad_de_una_hoja_grande(tmp_path):
    """Un comentario y una fila oculta cerca del final de una hoja de miles de filas: el
    resultado es el de openpyxl."""
    sys.path.insert(0, str(RAIZ / "benchmarks"))
    import generar

    ruta = generar.escribir(generar.datos(3000, semilla=5), tmp_path / "s.xlsx")
    corpus.reescribir(ruta, {"xl/worksheets/sheet5.xml": lambda x: x.replace(
        b'<row r="2900">', b'<!-- raro --><row r="2900">').replace(
        b'<row r="2950">', b'<row r="2950" hidden="1">')})
    comparar(ruta)
    with abrir_paquete(ruta) as p:
        h = p.hoja("Valores obtenidos")
        assert len(list(h)) == 3001
        assert h.filas_ocultas == [2950]


def test_fila_de_300_kb_entre_varios_trozos(libro):
    hojas = hojas_minimas()
    hojas["Notas"] = [["x" * 290 + str(i) for i in range(1000)], list(range(1000))]
    ruta = libro(hojas)
    comparar(ruta)
    with abrir_paquete(ruta) as p:
        filas = list(p.hoja("Notas"))
    assert [len(c) for _, c in filas] == [1000, 1000]


@pytest.mark.parametrize("despues", [True, False])
def test_filas_vacias_y_algo_raro(libro, despues):
    """Filas vacías con formato y algo raro (un comentario) antes o después de ellas."""
    hojas = hojas_minimas()
    if despues:
        vacias = b"".join(b'<row r="%d" s="3" customFormat="1"/>' % i for i in range(6, 3000))
        cola = (vacias + b'<!-- raro --><row r="3000"><c r="A3000" t="inlineStr"><is><t>fin'
                b'</t></is></c></row><row r="3001"><c r="A3001"><v>1</v></c></row>')
        filas = [1, 2, 3, 4, 5, 3000, 3001]
    else:
        cola = (b'<!-- raro --><row r="10"><c r="A10"><v>10</v></c></row>'
                b'<row r="11" s="3" customFormat="1"/><row r="12" s="3" customFormat="1"/>'
                b'<row r="13"><c r="A13"><v>13</v></c></row>')
        filas = [1, 2, 3, 4, 5, 10, 13]
    ruta = corpus.reescribir(libro(hojas), {corpus.miembro_de_hoja(hojas, "Valores obtenidos"):
                                            lambda x: x.replace(b"</sheetData>",
                                                                cola + b"</sheetData>")})
    comparar(ruta)
    with abrir_paquete(ruta) as p:
        assert [n for n, _ in p.hoja("Valores obtenidos")] == filas
