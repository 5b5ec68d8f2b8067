"""Archivos rotos y hostiles: cada uno, un mensaje claro en castellano, salida distinta de 0, sin
traza, en poco tiempo y con memoria acotada. El libro de entrada nunca se modifica."""

from __future__ import annotations

import json
import os
import re
import sys
import zipfile

import pytest
from openpyxl import load_workbook

import corpus
from conftest import RAIZ, hojas_minimas
from memoria import correr_midiendo
from penitencia_cli.cli import app
from penitencia_cli.errores import ErrorDeDatos
from penitencia_cli.lectura import leer_libro
from penitencia_cli.lectura.seguridad import LIMITES, Limites, declara_dtd, revisar_zip

ANCHO = {"COLUMNS": "200"}


def rechazado(runner, ruta, *fragmentos: str) -> dict:
    """validar y avance fallan con salida 1, sin traza, y el mensaje dice cada fragmento."""
    r = runner.invoke(app, ["avance", "2024", "-a", str(ruta)], env=ANCHO)
    assert r.exit_code == 1, r.output
    assert "Traceback" not in r.output and isinstance(r.exception, SystemExit)
    v = runner.invoke(app, ["validar", str(ruta), "-f", "json"], env=ANCHO)
    assert v.exit_code == 1 and "Traceback" not in v.output
    doc = json.loads(v.stdout)
    assert doc["errores"] >= 1
    mensajes = " ".join(p["mensaje"] for p in doc["problemas"])
    for f in fragmentos:
        assert f in mensajes
        assert f in " ".join(r.output.split())
    return doc


# --- Archivos que no son un libro -------------------------------------------------------------


def test_no_existe(runner, tmp_path):
    rechazado(runner, tmp_path / "no_esta.xlsx", "No existe el archivo")


def test_carpeta(runner, tmp_path):
    rechazado(runner, tmp_path, "es una carpeta")


def test_archivo_vacio(runner, tmp_path):
    (tmp_path / "vacio.xlsx").write_bytes(b"")
    rechazado(runner, tmp_path / "vacio.xlsx", "está vacío")


def test_no_es_zip(runner, tmp_path):
    (tmp_path / "texto.xlsx").write_text("codigo;2024\nIOP.01.01;30\n", encoding="utf-8")
    rechazado(runner, tmp_path / "texto.xlsx", "no es un archivo zip")


@pytest.mark.parametrize("nombre", ["antiguo.xls", "con_clave.xlsx"])
def test_ole_xls_o_cifrado(runner, tmp_path, nombre):
    # Un .xls y un .xlsx con contraseña son archivos OLE: empiezan con esta firma.
    (tmp_path / nombre).write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 4096)
    rechazado(runner, tmp_path / nombre, "guárdelo como .xlsx sin contraseña")


def test_zip_que_no_es_libro(runner, tmp_path):
    ruta = tmp_path / "otra_cosa.xlsx"
    with zipfile.ZipFile(ruta, "w") as z:
        z.writestr("hola.txt", "no soy un libro")
    rechazado(runner, ruta, "no se puede leer como libro .xlsx")


def test_zip_truncado(runner, libro, tmp_path):
    datos = libro().read_bytes()
    (tmp_path / "cortado.xlsx").write_bytes(datos[: len(datos) // 2])
    r = runner.invoke(app, ["validar", str(tmp_path / "cortado.xlsx")], env=ANCHO)
    assert r.exit_code == 1 and "Traceback" not in r.output


# --- Bomba zip --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def bomba(tmp_path_factory):
    """Un libro de 4.5 MB cuya primera hoja se infla a 1 GB (se construye una vez: ~1.5 s)."""
    return corpus.bomba_zip(tmp_path_factory.mktemp("bomba") / "bomba.xlsx", hojas_minimas())


def test_bomba_zip_se_rechaza_antes_de_descomprimir(runner, bomba):
    declarado = sum(i.file_size for i in zipfile.ZipFile(bomba).infolist())
    assert declarado > 2**30
    rechazado(runner, bomba, "parece una bomba zip", "xl/worksheets/sheet1.xml")


def test_bomba_zip_memoria_acotada(bomba):
    """Otro proceso lee la bomba; su pico de memoria, sólo el suyo (tests/memoria.py: no la de
    pytest, que crece con las pruebas que corrieron antes), queda muy por debajo de 300 MB. El
    tiempo se mide en benchmarks/bomba_zip.py, no aquí."""
    codigo = ("import sys\n"
              "from penitencia_cli.lectura import leer_libro\n"
              "from penitencia_cli.modelos import ErrorDeDatos\n"
              "try:\n    leer_libro(sys.argv[1])\nexcept ErrorDeDatos:\n    sys.exit(7)\n")
    r, pico_mb = correr_midiendo([sys.executable, "-c", codigo, str(bomba)], cwd=RAIZ,
                                 env={**os.environ, "PYTHONPATH": str(RAIZ)})
    assert r.returncode == 7, r.stderr
    assert 0 < pico_mb < 300


def test_zip_que_miente_sobre_su_tamano_no_pasa_del_declarado(libro, tmp_path):
    """zipfile corta en el tamaño declarado y falla la suma de control: mentir no sirve."""
    hojas = hojas_minimas()
    ruta = libro(hojas)
    miembro = corpus.miembro_de_hoja(hojas, "Valores obtenidos")
    datos = ruta.read_bytes()
    with zipfile.ZipFile(ruta) as z:
        info = z.getinfo(miembro)
    # Cambia el tamaño descomprimido que declara el directorio central a 100 bytes.
    nombre = miembro.encode()
    i = 0
    while True:
        j = datos.index(b"PK\x01\x02", i)
        if datos[j + 46: j + 46 + len(nombre)] == nombre:
            break
        i = j + 4
    mentira = bytearray(datos)
    mentira[j + 24: j + 28] = (100).to_bytes(4, "little")
    falso = tmp_path / "miente.xlsx"
    falso.write_bytes(bytes(mentira))
    assert zipfile.ZipFile(falso).getinfo(miembro).file_size == 100 < info.file_size
    with pytest.raises(ErrorDeDatos) as e:
        leer_libro(falso)
    assert any("Valores obtenidos" == p.hoja or "zip" in p.mensaje for p in e.value.problemas)


# --- XML hostil -------------------------------------------------------------------------------


@pytest.mark.parametrize("parte", ["hoja", "libro"])
def test_expansion_de_entidades_billion_laughs(runner, libro, parte):
    hojas = hojas_minimas()
    ruta = libro(hojas)
    miembro = (corpus.miembro_de_hoja(hojas, "Valores obtenidos") if parte == "hoja"
               else "xl/workbook.xml")
    corpus.reescribir(ruta, {miembro: corpus.con_risas})
    rechazado(runner, ruta, "declara entidades o referencias XML (DTD)")


@pytest.mark.parametrize("parte", ["xl/workbook.xml", "xl/styles.xml", "[Content_Types].xml",
                                   "xl/_rels/workbook.xml.rels"])
def test_dtd_en_cualquier_parte_se_rechaza_antes_de_leer(runner, libro, parte):
    """Una entidad externa (XXE) en cualquier parte XML se rechaza mirando el prólogo, antes de
    que ningún analizador la vea (con lxml instalado, openpyxl no usa defusedxml en todas)."""
    ruta = libro()
    xxe = b'<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>\n'
    corpus.reescribir(ruta, {parte: lambda x: xxe + re.sub(rb"^<\?xml[^>]*\?>\s*", b"", x)})
    rechazado(runner, ruta, parte, "declara entidades o referencias XML (DTD)")


def test_dtd_en_una_parte_utf16_se_rechaza(runner, libro):
    ruta = libro()
    xml = ('<?xml version="1.0" encoding="UTF-16"?>\n<!DOCTYPE x [<!ENTITY a "b">]>\n'
           '<workbook/>').encode("utf-16")
    corpus.reescribir(ruta, {"xl/workbook.xml": xml})
    rechazado(runner, ruta, "xl/workbook.xml", "declara entidades")


@pytest.mark.parametrize("inicio, dtd", [
    (b'<?xml version="1.0"?><!-- <!DOCTYPE en un comentario --><worksheet/>', False),
    (b'<?xml version="1.0" standalone="yes"?>\r\n<worksheet><!DOCTYPE/></worksheet>', False),
    (b"<!DOCTYPE html><html/>", True),
    (b'<?xml version="1.0"?>\n<?otra instruccion?>\n<!ENTITY a "b"><x/>', True),
    ('<?xml version="1.0"?><!DOCTYPE x>'.encode("utf-16-le"), True),
])
def test_declara_dtd_mira_solo_el_prologo(inicio, dtd):
    assert declara_dtd(inicio) is dtd


# --- Tamaños absurdos -------------------------------------------------------------------------


def test_celda_absurdamente_larga(runner, libro):
    hojas = hojas_minimas()
    ruta = libro(hojas)  # openpyxl corta al escribir: el texto largo se pone en el XML
    largo = b"x" * (LIMITES.texto + 1)
    corpus.reescribir(ruta, {corpus.miembro_de_hoja(hojas, "Indicadores"): lambda x: x.replace(
        b"<t>Indicador descendente</t>", b"<t>" + largo + b"</t>")})   # Indicadores!D3
    doc = rechazado(runner, ruta, "32,768 caracteres")
    assert [(p["hoja"], p["celda"]) for p in doc["problemas"]
            if p["severidad"] == "error"] == [("Indicadores", "D3")]


@pytest.mark.parametrize("distintos, dice", [
    (True, "contiene 3,004 archivos internos"),  # el zip se rechaza antes de abrir el libro
    (False, "tiene 3,000 hojas; la plantilla tiene seis (límite 100)"),
])
def test_miles_de_hojas(runner, tmp_path, distintos, dice):
    ruta = corpus.libro_de_muchas_hojas(tmp_path / "hojas.xlsx", 3000, distintos)
    rechazado(runner, ruta, dice)


def test_miles_de_archivos_internos(runner, libro):
    ruta = libro()
    corpus.reescribir(ruta, {f"xl/media/imagen{i}.png": b"png" for i in range(1200)})
    rechazado(runner, ruta, "contiene 1,213 archivos internos")


def test_demasiadas_hojas_aun_bajo_el_limite_de_miembros(runner, tmp_path):
    ruta = corpus.libro_de_muchas_hojas(tmp_path / "hojas.xlsx", LIMITES.hojas + 1)
    rechazado(runner, ruta, f"tiene {LIMITES.hojas + 1} hojas")


def test_fila_mas_alla_del_limite(runner, libro):
    hojas = hojas_minimas()
    ruta = libro(hojas)
    fila = LIMITES.filas + 1
    corpus.reescribir(ruta, {corpus.miembro_de_hoja(hojas, "Valores obtenidos"): lambda x: x.replace(
        b"</sheetData>", b'<row r="%d"><c r="A%d" t="n"><v>1</v></c></row></sheetData>'
        % (fila, fila))})
    doc = rechazado(runner, ruta, f"llega a la fila {fila:,}")
    assert ("Valores obtenidos", f"{fila}:{fila}") in [(p["hoja"], p["celda"])
                                                       for p in doc["problemas"]]


def test_columna_mas_alla_del_limite(runner, libro):
    hojas = hojas_minimas()
    hojas["Logros esperados"][2] += [None] * (LIMITES.columnas - 2) + [7]
    doc = rechazado(runner, libro(hojas), "límite es 1,000 columnas")
    assert ("Logros esperados", "ALN3") in [(p["hoja"], p["celda"]) for p in doc["problemas"]]


def _rechazado_con(limites: Limites, ruta, fragmento: str) -> None:
    """Con límites reducidos (para que la prueba sea rápida; la regla es la misma), el libro se
    rechaza con un mensaje que dice ``fragmento``; con los límites normales se lee."""
    with pytest.raises(ErrorDeDatos) as e:
        leer_libro(ruta, limites=limites)
    assert fragmento in " ".join(p.mensaje for p in e.value.problemas)
    leer_libro(ruta)


def test_parte_xml_demasiado_grande(libro):
    hojas = hojas_minimas()
    ruta = libro(hojas)
    relleno = b"<!--" + os.urandom(40 * 1024).hex().encode() + b"-->"
    corpus.reescribir(ruta, {"xl/styles.xml": lambda x: x.replace(b"<numFmts", relleno + b"<numFmts",
                                                                  1)})
    _rechazado_con(Limites(bytes_xml=64 * 1024), ruta, "xl/styles.xml ocupa")
    _rechazado_con(Limites(bytes_xml=64 * 1024), ruta, "por parte XML")


def test_hoja_demasiado_grande(libro):
    hojas = hojas_minimas()
    ruta = libro(hojas)
    relleno = b"<!--" + os.urandom(40 * 1024).hex().encode() + b"-->"
    corpus.reescribir(ruta, {corpus.miembro_de_hoja(hojas, "Politica"):
                             lambda x: x.replace(b"<sheetData>", relleno + b"<sheetData>")})
    _rechazado_con(Limites(bytes_hoja=64 * 1024), ruta, "por hoja")  # al abrirla
    _rechazado_con(Limites(bytes_hoja=64 * 1024, bytes_xml=1024), ruta, "por parte")  # en el zip


def test_las_hojas_admiten_mas_que_las_demas_partes(libro):
    """El límite de cada parte depende de lo que es según las relaciones del libro (no de su
    ruta): una hoja de 8 KB pasa con bytes_hoja=16384; los textos compartidos de 8 KB, no."""
    assert LIMITES.bytes_hoja >= 8 * LIMITES.bytes_xml
    hojas = hojas_minimas()
    ruta = corpus.a_textos_compartidos(libro(hojas))
    grande = b"<!--" + b"x" * (8 * 1024) + b"-->"
    hoja = corpus.miembro_de_hoja(hojas, "Politica")
    corpus.reescribir(ruta, {hoja: lambda x: x.replace(b"<sheetData>", grande + b"<sheetData>")})
    assert leer_libro(ruta, limites=Limites(bytes_xml=6000, bytes_hoja=16384)).indicadores
    corpus.reescribir(ruta, {"xl/sharedStrings.xml": lambda x: x.replace(b"<sst ", grande
                                                                          + b"<sst ", 1)})
    with pytest.raises(ErrorDeDatos) as e:
        leer_libro(ruta, limites=Limites(bytes_xml=6000, bytes_hoja=16384))
    [p] = e.value.problemas
    assert "xl/sharedStrings.xml" in p.mensaje and "por parte XML" in p.mensaje
    assert revisar_zip(ruta, Limites(bytes_xml=6000, bytes_hoja=16384)) == []


def test_fila_desmedida_se_corta_mientras_se_lee(runner, libro):
    """Una fila con decenas de miles de celdas (vacías, muy comprimibles, bajo el umbral de la
    razón de compresión) se rechaza antes de que openpyxl la arme en memoria."""
    hojas = hojas_minimas()
    ruta = libro(hojas)
    celdas = b"".join(b'<c r="B%d"/>' % 3 for _ in range(LIMITES.etiquetas_fila * 3 // 2))
    corpus.reescribir(ruta, {corpus.miembro_de_hoja(hojas, "Valores obtenidos"): lambda x: x.replace(
        b"</sheetData>", b'<row r="9">' + celdas + b"</row></sheetData>")})
    doc = rechazado(runner, ruta, "etiquetas XML seguidas")
    assert ("Valores obtenidos", None) in [(p["hoja"], p["celda"]) for p in doc["problemas"]]


# --- La entrada nunca se modifica --------------------------------------------------------------


def test_la_entrada_no_se_modifica(runner, libro, tmp_path):
    ruta = libro()
    os.utime(ruta, (1_600_000_000, 1_600_000_000))
    antes = (ruta.read_bytes(), ruta.stat().st_mtime_ns)
    for args in (["avance", "2024", "-a", str(ruta)],
                 ["avance", "2024", "-a", str(ruta), "-e", str(tmp_path / "salida.xlsx")],
                 ["avance", "2024", "-a", str(ruta), "-e", str(ruta)],
                 ["validar", str(ruta)],
                 ["plantilla", str(ruta)]):
        runner.invoke(app, args, env=ANCHO)
        assert (ruta.read_bytes(), ruta.stat().st_mtime_ns) == antes, args
    assert load_workbook(ruta).sheetnames == list(hojas_minimas())


def test_sin_permiso_de_escritura_se_lee(libro):
    ruta = libro()
    ruta.chmod(0o444)
    try:
        assert leer_libro(ruta).ficha.nombre == "Política de prueba"
    finally:
        ruta.chmod(0o644)
