"""``penitencia importar`` y el PDF de un Anexo B-7 en cada comando (``docs/importar.md``), por la
CLI: el libro que se escribe se lee de vuelta a la misma matriz, valida sin errores y ``verificar``
reproduce cada avance impreso, año por año, desde el libro y desde el PDF; los PDF que no se
pueden leer dan una frase (salida 1), los problemas de un Anexo una tabla con página e indicador,
y las opciones imposibles la salida 2 antes de leer nada."""

from __future__ import annotations

import io
import json
import shutil
import zlib

import pytest
from openpyxl import load_workbook

from anexo_sintetico import Bloque, Ind, anexo_pdf, ejemplo, pagina_con, texto_pdf
from conftest import RAIZ
from penitencia_cli.anexo_b7.matriz import importar_anexo
from penitencia_cli.cli import app
from penitencia_cli.lectura import leer_libro

REALES = RAIZ / "samples" / "anexo_b7"
ANIOS_REALES = {"igp_pei_2017_2019.pdf": (range(2017, 2020), 24),
                "igp_pei_2020_2025.pdf": (range(2020, 2026), 25)}
"""Cada Anexo real: sus años y cuántos indicadores imprime (un avance por indicador y año)."""
ANCHO = {"COLUMNS": "120"}


def _correr(runner, *argumentos, codigo: int = 0):
    r = runner.invoke(app, [str(a) for a in argumentos], env=ANCHO)
    assert "Traceback" not in r.output
    assert r.exit_code == codigo, r.output
    return r


def _sin_lugares(matriz) -> dict:
    """La matriz sin lo que dice dónde estaba cada cosa (página del PDF o celda del libro)."""
    return matriz.model_dump(exclude={
        "celdas_publicado": True, "observaciones_lectura": True,
        "estructura": {"__all__": {"ubicacion"}},
        "indicadores": {"__all__": {"ubicacion", "celdas_le", "celdas_vo"}}})


def _importar_y_comparar(runner, pdf, destino):
    """importar → el libro se lee de vuelta a la matriz del PDF y valida sin errores."""
    r = _correr(runner, "importar", pdf, "-o", destino)
    assert f"Anexo B-7 importado en {destino}" in r.stdout
    assert _sin_lugares(leer_libro(destino)) == _sin_lugares(importar_anexo(pdf))
    v = _correr(runner, "validar", destino, "-f", "json")
    assert json.loads(v.stdout)["errores"] == 0
    return r


@pytest.mark.parametrize("nombre", sorted(ANIOS_REALES))
def test_los_anexos_reales_se_importan_y_verificar_reproduce_cada_avance(runner, tmp_path,
                                                                         nombre):
    pdf = REALES / nombre
    libro = tmp_path / "plan.xlsx"
    r = _importar_y_comparar(runner, pdf, libro)
    anios, indicadores = ANIOS_REALES[nombre]
    assert f"{indicadores} indicadores; años {anios[0]} a {anios[-1]}" in r.stdout
    for anio in anios:  # desde el libro y desde el PDF, las mismas cifras
        for entrada in (libro, pdf):
            v = _correr(runner, "verificar", anio, "-a", entrada, "-f", "json")
            doc = json.loads(v.stdout)
            assert (doc["comparados"], doc["diferencias"]) == (indicadores, []), (entrada, anio)


def test_el_libro_importado_lleva_todo_lo_del_anexo(runner, tmp_path):
    destino = tmp_path / "plan.xlsx"
    _correr(runner, "importar", REALES / "igp_pei_2020_2025.pdf", "-o", destino)
    wb = load_workbook(destino)
    politica = {f[0]: f[1] for f in wb["Politica"].iter_rows(min_row=2, values_only=True)}
    assert politica == {
        "nombre": "Plan Estratégico Institucional 2020-2025 — INSTITUTO GEOFISICO DEL PERU",
        "instrumento": "PEI", "entidad": "112 - INSTITUTO GEOFISICO DEL PERU",
        "periodo": "2020-2025", "sector": "05 - AMBIENTAL",
        "nivel de gobierno": "E - GOBIERNO NACIONAL"}
    estructura = list(wb["Estructura"].iter_rows(values_only=True))
    assert estructura[:3] == [
        ("codigo", "nivel", "padre", "enunciado", "prioridad"),
        ("OEI.01", "OEI", None, "INCREMENTAR EL CONOCIMIENTO CIENTIFICO EN EL CAMPO DE LA "
         "GEOFISICA Y CIENCIAS AFINES DE LAS ENTIDADES DEL SINAGERD.", 1),
        ("AEI.01.01", "AEI", "OEI.01", "INVESTIGACIONES EN CIENCIAS DE LA TIERRA SÒLIDA DE "
         "CALIDAD PARA LAS ENTIDADES.", 1)]
    ws = wb["Indicadores"]
    encabezado = [c.value for c in ws[1]]
    fila = dict(zip(encabezado, (c.value for c in ws[2])))
    assert fila == {
        "codigo": "IND.01.OEI.01", "nivel": "IOEI", "pertenece_a": "OEI.01",
        "nombre": "numero de investigaciones cientificas en el campo de la geofisica y ciencias "
                  "de la geofisica y ciencias afines transferidas a las entidades del SINAGERD.",
        "responsable": "05.01-DIRECCIÓN CIENTÍFICA", "tipo": None, "sentido": None,
        "acumulacion": None, "unidad": "Número", "lb_anio": 2017, "lb_valor": 23,
        "actual_anio": 2018, "actual_valor": 26, "ue": "000084-INSTITUTO GEOFISICO DEL PERU"}
    assert ws["K2"].number_format == "#,##0.00"  # «23.00», como está impreso
    le = [c.value for c in wb["Logros esperados"][2]]
    assert le == ["IND.01.OEI.01", 32, 35, 38, 41, 44, "ND"]
    vo = [c.value for c in wb["Valores obtenidos"][2]]
    assert vo == ["IND.01.OEI.01", 35, 32, "ND", "ND", "ND", "ND"]
    publicado = wb["Avance publicado"]
    assert [c.value for c in publicado[1]] == ["codigo", *range(2020, 2026)]
    assert [c.value for c in publicado[2]] == ["IND.01.OEI.01", 100, 91.43,
                                                "ND", "ND", "ND", "ND"]
    assert publicado["B2"].number_format == "#,##0"  # «100» impreso sin decimales
    assert wb.sheetnames == ["Instrucciones", "Politica", "Estructura", "Indicadores",
                             "Logros esperados", "Valores obtenidos", "Avance publicado"]
    assert wb.properties.description == (
        "Importado con penitencia importar de igp_pei_2020_2025.pdf (SHA-256 "
        "7c024752402c0630b45601751d3aea348c6fae90ef0223a5eac2033b7e246908).")


@pytest.mark.parametrize("periodo", [(2020, 2025), (2020, 2021), (2018, 2024)])
def test_anexos_sinteticos_de_dos_seis_y_siete_anios(runner, tmp_path, periodo):
    """Nombres de varias líneas, ND y celdas en blanco (en blanco: ND, también en el avance)."""
    n = periodo[1] - periodo[0] + 1
    opciones = ({"papel": "carta", "letra": 5.2, "pie": "pag"} if n == 7 else
                {"espaciado": True})
    pdf = tmp_path / "anexo.pdf"
    pdf.write_bytes(anexo_pdf(periodo, ejemplo(periodo), **opciones))
    destino = tmp_path / "plan.xlsx"
    r = _importar_y_comparar(runner, pdf, destino)
    assert f"(2 OEI, 1 AEI y 4 indicadores; años {periodo[0]} a {periodo[1]})" in r.stdout
    publicado = leer_libro(destino).avance_publicado
    assert len(publicado) == 4 and all(len(serie) == n for serie in publicado.values())
    for anio in periodo[0], periodo[0] + 1:  # los años en que el ejemplo imprime sus avances
        for entrada in (destino, pdf):
            doc = json.loads(_correr(runner, "verificar", anio, "-a", entrada, "-f",
                                     "json").stdout)
            assert doc["diferencias"] == [] and doc["comparados"] == 4


def test_un_texto_del_pdf_nunca_es_una_formula(runner, tmp_path):
    bloques = ejemplo((2020, 2021))
    bloques[0].indicadores[0].nombre = "=SUMA(1;2) indicador"
    bloques[0].indicadores[0].unidad_organica = "+51 OFICINA"
    bloques[1].enunciado = "@ACCION DE PRUEBA"
    pdf = tmp_path / "anexo.pdf"
    pdf.write_bytes(anexo_pdf((2020, 2021), bloques))
    destino = tmp_path / "plan.xlsx"
    _importar_y_comparar(runner, pdf, destino)
    wb = load_workbook(destino)
    celdas = [c for ws in wb for fila in ws.iter_rows(min_row=2) for c in fila]
    assert not [c.coordinate for c in celdas if c.data_type == "f"]
    assert wb["Indicadores"]["D2"].value == "=SUMA(1;2) indicador"
    assert wb["Indicadores"]["E2"].value == "+51 OFICINA"


def test_problemas_del_anexo_todos_juntos_con_pagina_e_indicador(runner, tmp_path):
    bloques = ejemplo((2020, 2021))
    bloques[0].indicadores[0].vo = ["3O.00", "32.00"]
    bloques[2].indicadores[0].av = ["0", "1OO"]
    pdf = tmp_path / "anexo.pdf"
    pdf.write_bytes(anexo_pdf((2020, 2021), bloques))
    r = _correr(runner, "importar", pdf, "-o", tmp_path / "plan.xlsx", codigo=1)
    texto = " ".join(r.stderr.split())
    assert f"El PDF {pdf} tiene 2 problema(s) que impiden importarlo" in texto
    assert "Anexo B-7, página 1 IND.01.OEI.01 La celda VALOR OBTENIDO 2020" in texto
    assert "Anexo B-7, página 1 IND.01.OEI.02 La celda AVANCE (%) 2021" in texto
    assert not (tmp_path / "plan.xlsx").exists()
    r = _correr(runner, "avance", 2021, "-a", pdf, codigo=1)
    assert "2 problema(s) que impiden calcular" in " ".join(r.stderr.split())
    v = _correr(runner, "validar", pdf, "-f", "json", codigo=1)
    problemas = json.loads(v.stdout)["problemas"]
    assert [(p["hoja"], p["codigo"], p["severidad"]) for p in problemas] == [
        ("Anexo B-7, página 1", "IND.01.OEI.01", "error"),
        ("Anexo B-7, página 1", "IND.01.OEI.02", "error")]


def _cifrado(datos: bytes) -> bytes:
    from pypdf import PdfReader, PdfWriter

    escritor = PdfWriter(clone_from=PdfReader(io.BytesIO(datos)))
    escritor.encrypt("clave", "dueño", algorithm="RC4-128")
    salida = io.BytesIO()
    escritor.write(salida)
    return salida.getvalue()


PDF_ILEGIBLES = {
    "escaneado": (lambda: pagina_con(zlib.compress(b"0 0 m 100 100 l S")),
                  "no tiene texto (parece escaneado"),
    "cifrado": (lambda: _cifrado(anexo_pdf((2020, 2021), ejemplo((2020, 2021)))),
                "protegido con contraseña"),
    "otro_pdf": (lambda: texto_pdf("Informe de evaluacion de resultados"),
                 "no es un Anexo B-7 del aplicativo CEPLAN"),
    "danado": (lambda: b"%PDF-1.7\n" + b"\x00\xff basura " * 200, "es un PDF dañado"),
}


@pytest.mark.parametrize("caso", sorted(PDF_ILEGIBLES))
def test_un_pdf_que_no_se_puede_leer_es_una_frase(runner, tmp_path, caso):
    datos, fragmento = PDF_ILEGIBLES[caso]
    pdf = tmp_path / "anexo.pdf"
    pdf.write_bytes(datos())
    for orden in (["importar", pdf, "-o", tmp_path / "plan.xlsx"], ["verificar", 2021, "-a", pdf],
                  ["reporte", 2021, "-a", pdf, "-o", tmp_path / "r.pdf"]):
        r = _correr(runner, *orden, codigo=1)
        (linea,) = r.stderr.strip().splitlines()  # una frase, sin tabla
        assert linea.startswith("Error: ") and fragmento in linea, linea
    assert sorted(p.name for p in tmp_path.iterdir()) == ["anexo.pdf"]


def test_stderr_sin_los_avisos_en_ingles_de_pypdf(tmp_path):
    """pypdf cuenta por su registro, en inglés, lo que arregla al leer («invalid pdf header»,
    «incorrect startxref pointer», «EOF marker not found»); sin un manejador, Python los escribe
    en stderr. En otro proceso (pytest pone un manejador propio que los ocultaría): un PDF con
    basura delante se lee igual y uno cortado es una frase en castellano; stderr, nada más."""
    import subprocess
    import sys

    real = (REALES / "igp_pei_2017_2019.pdf").read_bytes()
    corrido, cortado = tmp_path / "corrido.pdf", tmp_path / "cortado.pdf"
    corrido.write_bytes(b"basura\n" + real)
    cortado.write_bytes(real[:len(real) // 2])

    def correr(*argumentos):
        return subprocess.run([sys.executable, "-m", "penitencia_cli", *map(str, argumentos)],
                              capture_output=True, text=True, cwd=RAIZ)

    r = correr("verificar", 2018, "-a", corrido)
    assert r.returncode == 0 and r.stderr == "", r.stderr
    assert "Sin diferencias" in r.stdout
    r = correr("importar", cortado, "-o", tmp_path / "plan.xlsx")
    assert r.returncode == 1
    assert r.stderr.splitlines() == [
        f"Error: {cortado} es un PDF dañado: no se puede leer (termina sin la marca de fin de un "
        "PDF: ¿se cortó la descarga o la copia?)."]


def test_se_reconoce_por_el_contenido_no_por_la_extension(runner, tmp_path):
    disfrazado = tmp_path / "anexo.xlsx"  # un PDF con nombre de libro
    shutil.copy(REALES / "igp_pei_2017_2019.pdf", disfrazado)
    assert "Sin diferencias" in _correr(runner, "verificar", 2018, "-a", disfrazado).stdout
    libro = tmp_path / "libro.pdf"  # un libro con nombre de PDF
    shutil.copy(RAIZ / "samples" / "pei_ejemplo.xlsx", libro)
    _correr(runner, "avance", 2022, "-a", libro, "--solo", "conteos")
    texto = tmp_path / "datos.pdf"
    texto.write_text("codigo;2024\nIOP.01.01;30\n", encoding="utf-8")
    r = _correr(runner, "avance", 2024, "-a", texto, codigo=1)
    assert "no es un libro de Excel .xlsx (no es un archivo zip) ni un PDF: es un archivo de " \
           "texto" in " ".join(r.stderr.split())
    pagina = tmp_path / "descarga.pdf"
    pagina.write_text("<!DOCTYPE html><html>Sesión expirada</html>", encoding="utf-8")
    r = _correr(runner, "validar", pagina, codigo=1)
    assert "parece una página web" in " ".join(r.stdout.split())
    # importar lee sólo PDF: un libro se le explica
    r = _correr(runner, "importar", libro, "-o", tmp_path / "x.xlsx", codigo=1)
    assert "no es un PDF: es un archivo zip (¿un libro .xlsx?)" in " ".join(r.stderr.split())


def test_un_libro_con_un_pdf_guardado_dentro_es_un_libro(runner, tmp_path):
    """Un .xlsx cuyo primer miembro es un PDF guardado sin comprimir tiene «%PDF-» en su primer
    KiB, pero es un zip desde su primer byte: se lee como libro, igual que sin el PDF."""
    import zipfile

    from penitencia_cli.anexo_b7.seguridad import es_pdf

    libro = tmp_path / "con_pdf.xlsx"
    with zipfile.ZipFile(RAIZ / "samples" / "pnp_2024.xlsx") as origen, \
            zipfile.ZipFile(libro, "w") as z:
        z.writestr("xl/embeddings/anexo.pdf", b"%PDF-1.7\n%%EOF\n")  # guardado, sin comprimir
        for miembro in origen.infolist():
            z.writestr(miembro, origen.read(miembro.filename))
    cabeza = libro.read_bytes()[:1024]
    assert b"%PDF-" in cabeza and not es_pdf(cabeza)
    assert es_pdf(b"%PDF-1.7\n") and es_pdf(b"basura\n%PDF-1.7\n")
    assert not es_pdf(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1 %PDF-") and not es_pdf(b"codigo;2024")
    muestra = _correr(runner, "avance", 2024, "-f", "json").stdout
    assert _correr(runner, "avance", 2024, "-a", libro, "-f", "json").stdout == muestra


def test_el_destino_se_revisa_antes_de_leer_el_pdf(runner, tmp_path):
    pdf = tmp_path / "anexo.pdf"
    pdf.write_bytes(b"%PDF-1.7\n basura")  # si se leyera, sería un error de datos (salida 1)
    ajeno = tmp_path / "plan.xlsx"
    ajeno.write_bytes(b"mi libro")
    disfrazado = tmp_path / "anexo_en_pdf.xlsx"
    disfrazado.write_bytes(pdf.read_bytes())
    r = _correr(runner, "importar", disfrazado, "-o", disfrazado, "--forzar", codigo=2)
    assert "es el libro de entrada: no se escribe sobre él" in " ".join(r.stderr.split())
    for destino, fragmento in ((ajeno, "ya existe y no lo escribió penitencia"),
                               (pdf, "use un nombre como anexo.xlsx"),
                               (tmp_path / "plan.csv", "use un nombre como plan.xlsx"),
                               (tmp_path / "no_existe" / "plan.xlsx", "No existe la carpeta"),
                               (tmp_path, "es una carpeta")):
        r = _correr(runner, "importar", pdf, "-o", destino, codigo=2)
        assert fragmento in " ".join(r.stderr.split()), r.stderr
    assert ajeno.read_bytes() == b"mi libro" and pdf.read_bytes() == b"%PDF-1.7\n basura"
    r = _correr(runner, "importar", pdf, codigo=2)  # sin -o
    assert "--salida" in r.stderr


def test_reemplaza_lo_suyo_y_lo_ajeno_solo_con_forzar(runner, tmp_path):
    pdf = REALES / "igp_pei_2017_2019.pdf"
    destino = tmp_path / "plan.xlsx"
    destino.write_bytes(b"mi libro")
    _correr(runner, "importar", pdf, "-o", destino, codigo=2)
    _correr(runner, "importar", pdf, "-o", destino, "--forzar")
    _correr(runner, "importar", pdf, "-o", destino)  # lo escribió importar: se reemplaza
    _correr(runner, "plantilla", tmp_path / "otra.xlsx")
    r = _correr(runner, "importar", pdf, "-o", tmp_path / "otra.xlsx", codigo=2)
    assert "es una plantilla de «penitencia plantilla», no un libro de «penitencia importar»" \
        in " ".join(r.stderr.split())


def test_los_comandos_leen_el_pdf(runner, tmp_path):
    pdf = REALES / "igp_pei_2020_2025.pdf"
    r = _correr(runner, "avance", 2021, "-a", pdf, "-f", "json")
    doc = json.loads(r.stdout)
    assert doc["indice_gestion"]["avance"] == 93.02
    assert r.stderr == ""  # sin nota de la muestra ni barra de progreso
    r = _correr(runner, "evolucion", "OEI.02", "-a", pdf, "-f", "json")
    assert [a["avance_tipo1"] for a in json.loads(r.stdout)["anios"][:2]] == [66.67, 75.0]
    _correr(runner, "alertas", 2021, "-a", pdf, "-o", tmp_path / "alertas.md")
    r = _correr(runner, "reporte", 2021, "-a", pdf, "-o", tmp_path / "reporte.pdf", "--alertas",
                tmp_path / "alertas.md")
    assert "escrito en" in r.stdout and (tmp_path / "reporte.pdf").stat().st_size > 10_000
    from pypdf import PdfReader

    texto = " ".join(p.extract_text() for p in PdfReader(tmp_path / "reporte.pdf").pages[:2])
    assert "igp_pei_2020_2025.pdf" in texto and "93.02" in texto
    r = _correr(runner, "comparar", 2020, 2021, "-a", pdf, "-f", "json")
    assert json.loads(r.stdout)["indice_gestion"]["final"]["avance"] == 93.02


def test_un_anexo_sin_prioridad_ni_indicadores_en_una_accion(runner, tmp_path):
    bloques = [Bloque(("OEI.01",), "OBJETIVO SIN PRIORIDAD", None,
                      [Ind("IND.01.OEI.01", "indicador", le=["10.00", "12.00"],
                           vo=["10.00", ""], av=["100.00", ""])]),
               Bloque(("OEI.01", "AEI.01.01"), "ACCION SIN INDICADORES", 2, [])]
    pdf = tmp_path / "anexo.pdf"
    pdf.write_bytes(anexo_pdf((2020, 2021), bloques))
    destino = tmp_path / "plan.xlsx"
    _importar_y_comparar(runner, pdf, destino)
    estructura = list(load_workbook(destino)["Estructura"].iter_rows(min_row=2, values_only=True))
    assert [(f[0], f[4]) for f in estructura] == [("OEI.01", None), ("AEI.01.01", 2)]


def test_el_tipo_de_la_entrada_se_decide_una_vez(monkeypatch):
    """Con stderr en una terminal (barra de progreso para un libro), la capa de comandos mira
    una sola vez si la entrada es un PDF, sea un libro o un PDF."""
    import sys

    from penitencia_cli.cli import ejecucion

    class Terminal(io.StringIO):
        def isatty(self):
            return True

    vistas = []
    mirar = ejecucion.es_pdf_la_entrada
    monkeypatch.setattr(ejecucion, "es_pdf_la_entrada", lambda r: vistas.append(r) or mirar(r))
    monkeypatch.setattr(sys, "stderr", Terminal())
    for ruta, instrumento in ((RAIZ / "samples" / "pnp_2024.xlsx", "politica"),
                              (REALES / "igp_pei_2017_2019.pdf", "pei")):
        vistas.clear()
        preparada, _ = ejecucion.cargar(ruta)
        assert preparada.matriz.ficha.instrumento == instrumento and vistas == [ruta]


def test_los_problemas_del_pdf_dicen_que_son_del_pdf(tmp_path):
    """importar_anexo (también fuera de la CLI) da el PDF por origen de sus problemas."""
    from penitencia_cli.errores import ErrorDeDatos

    pdf = tmp_path / "anexo.pdf"
    pdf.write_bytes(b"%PDF-1.7\n basura")
    with pytest.raises(ErrorDeDatos) as info:
        importar_anexo(pdf)
    assert info.value.origen == f"El PDF {pdf}"
