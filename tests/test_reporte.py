"""``penitencia reporte``: la publicación en PDF, DOCX y HTML, leída de vuelta con pypdf,
python-docx y el analizador HTML de la biblioteca estándar."""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from typer.testing import CliRunner

from penitencia_cli.cli import app

from conftest import MUESTRA, RAIZ, escribir_libro, hojas_pei, preparada

PEI = RAIZ / "samples" / "pei_ejemplo.xlsx"
EDITADO = "El hacinamiento persiste porque la obra del penal de Ica se retrasó"


def _alertas_editadas(carpeta: Path) -> Path:
    """El borrador de ``penitencia alertas 2024 --formato markdown`` con un motivo completado."""
    res = CliRunner().invoke(app, ["alertas", "2024", "--formato", "markdown"])
    assert res.exit_code == 0, res.output
    md = res.stdout.replace("[completar: motivo]", EDITADO, 1)
    ruta = carpeta / "alertas.md"
    ruta.write_text(md, encoding="utf-8")
    return ruta


@pytest.fixture(scope="module")
def publicados(tmp_path_factory):
    """La muestra 2024 publicada en los tres formatos (el PDF y el DOCX con alertas editadas; el
    HTML con el borrador), y el documento JSON de ``avance`` para comparar cifras."""
    carpeta = tmp_path_factory.mktemp("reporte")
    alertas = _alertas_editadas(carpeta)
    runner = CliRunner()
    salidas = {}
    for ext, extra in (("pdf", ["--alertas", str(alertas)]), ("docx", []),
                       ("html", [])):
        destino = carpeta / f"r.{ext}"
        res = runner.invoke(app, ["reporte", "2024", "-o", str(destino), *extra])
        assert res.exit_code == 0, res.output
        salidas[ext] = destino
        salidas[f"salida_{ext}"] = res
    res = runner.invoke(app, ["avance", "2024", "--formato", "json"])
    salidas["doc"] = json.loads(res.stdout)
    return salidas


def _texto_pdf(ruta: Path) -> str:
    """El texto del PDF, con los espacios y saltos de línea reducidos a un espacio."""
    from pypdf import PdfReader

    return " ".join(" ".join(p.extract_text() for p in PdfReader(ruta).pages).split())


# --- PDF --------------------------------------------------------------------------------------


def test_pdf_tiene_cada_codigo_avance_indice_y_alerta_editada(publicados):
    texto = _texto_pdf(publicados["pdf"])
    doc = publicados["doc"]
    for fila in [*doc["indicadores"], *doc["objetivos"]]:
        assert fila["codigo"] in texto, fila["codigo"]
        avance = "ND" if fila["avance"] is None else f"{fila['avance']:,.1f}"
        assert avance in texto, (fila["codigo"], avance)
    # Un solo estilo de cifras en todo el documento: coma de miles, como «6,235» del reporte.
    assert "1,666.7" in texto and "1666.7" not in texto
    assert "Índice de gestión de la política nacional" in texto and "69.0" in texto
    assert "36.50%" in texto and "6,235" in texto  # valores como los imprime el reporte
    assert EDITADO in texto
    assert "ALERTAS IDENTIFICADAS" in texto
    assert "Reporte de Seguimiento 2024" in texto


def test_pdf_horizontal_numerado_con_pie_y_metadatos(publicados):
    from pypdf import PdfReader

    lector = PdfReader(publicados["pdf"])
    paginas = lector.pages
    assert len(paginas) >= 5
    for pagina in paginas:
        assert float(pagina.mediabox.width) > float(pagina.mediabox.height)  # A4 horizontal
    texto = _texto_pdf(publicados["pdf"])
    total = len(paginas)
    for n in range(1, total + 1):
        assert f"Página {n} de {total}" in texto
    sha = hashlib.sha256(MUESTRA.read_bytes()).hexdigest()
    assert texto.count(sha) == total  # el SHA-256 del libro en el pie de cada página
    assert "Metodología PNP-CEPLAN 1.0" in texto
    assert lector.metadata.title == ("Reporte de Seguimiento 2024 — Política Nacional "
                                     "Penitenciaria al 2030")
    assert lector.metadata.author == "MINISTERIO DE JUSTICIA Y DERECHOS HUMANOS"  # sin código


def test_pdf_solo_incrusta_nuestra_letra(publicados):
    from penitencia_cli.salida.publicacion.pdf import NOMBRES_PDF_PERMITIDOS, fuentes_incrustadas

    fuentes = fuentes_incrustadas(publicados["pdf"].read_bytes())
    assert fuentes and fuentes <= NOMBRES_PDF_PERMITIDOS


def test_pdf_en_partes_unidas_y_numeradas():
    """Una matriz grande se compone en partes (procesos aparte) y se une: aquí la muestra
    cortada en partes de 40 filas."""
    from pypdf import PdfReader

    from penitencia_cli.lectura import leer_libro
    from penitencia_cli.reglas.consulta import reporte_del_anio
    from penitencia_cli.salida.formato import origen_de
    from penitencia_cli.salida.publicacion.datos import datos_publicacion
    from penitencia_cli.salida.publicacion.pdf import (NOMBRES_PDF_PERMITIDOS, compilar_pdf,
                                                       cortes_en_partes, fuentes_incrustadas)

    datos = datos_publicacion(reporte_del_anio(preparada(leer_libro(MUESTRA)), 2024), None,
                              origen_de(MUESTRA))
    filas = datos["matriz"]["filas"]
    cortes = cortes_en_partes(filas, 40)
    assert len(cortes) >= 2
    for a, _ in cortes[1:]:  # cada parte empieza en un título, nunca dentro de un grupo
        assert filas[a]["nivel"] != "indicador" and filas[a - 1]["nivel"] == "indicador"
    pdf = compilar_pdf(datos, filas_por_parte=40)
    lector = PdfReader(io.BytesIO(pdf))
    total = len(lector.pages)
    texto = " ".join(" ".join(p.extract_text() for p in lector.pages).split())
    for n in range(1, total + 1):
        assert f"Página {n} de {total}" in texto
    for fila in filas:
        assert fila["codigo"] in texto
    assert texto.count("Índice de gestión de la política nacional") == 2  # página 1 y matriz
    assert lector.metadata.title.startswith("Reporte de Seguimiento 2024")
    assert fuentes_incrustadas(pdf) <= NOMBRES_PDF_PERMITIDOS


def test_el_proceso_de_una_parte_no_carga_el_programa():
    """Los procesos de las partes importan sólo pdf.py: ni pydantic ni openpyxl."""
    codigo = ("import sys, penitencia_cli.salida.publicacion.pdf\n"
              "print(' '.join(sorted(sys.modules)))")
    r = subprocess.run([sys.executable, "-c", codigo], capture_output=True, text=True,
                       check=True, env=dict(os.environ, PYTHONPATH=str(RAIZ)))
    modulos = set(r.stdout.split())
    for pesado in ("pydantic", "openpyxl", "typst", "docx", "penitencia_cli.modelos",
                   "penitencia_cli.salida.publicacion.datos"):
        assert pesado not in modulos


# --- DOCX -------------------------------------------------------------------------------------


def test_docx_tablas_de_word_horizontal_y_completar_resaltado(publicados):
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.enum.text import WD_COLOR_INDEX

    doc = Document(publicados["docx"])
    assert doc.sections[0].orientation == WD_ORIENT.LANDSCAPE
    assert doc.sections[0].page_width > doc.sections[0].page_height
    assert doc.core_properties.title.startswith("Reporte de Seguimiento 2024")
    matriz = max(doc.tables, key=lambda t: len(t.rows))
    codigos = {fila.cells[0].text for fila in matriz.rows}
    for ind in publicados["doc"]["indicadores"]:
        assert ind["codigo"] in codigos
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    tabla = max(doc.element.body.iterchildren(f"{w}tbl"), key=lambda t: len(t.findall(f"{w}tr")))
    assert len(tabla.findall(f"{w}tr")) == len(matriz.rows)  # la misma tabla
    # Dos filas de encabezado repetidas en cada página, las dos primeras.
    filas = tabla.findall(f"{w}tr")
    assert [f.find(f"{w}trPr/{w}tblHeader") is not None for f in filas[:3]] == [True, True, False]
    assert len(tabla.findall(f"{w}tr/{w}trPr/{w}tblHeader")) == 2
    assert matriz.rows[0].cells[0].text == "Código"
    fila = next(f for f in matriz.rows if f.cells[0].text == "ISS.04.05.04.01")
    assert "1,666.7" in [c.text for c in fila.cells]
    resaltados = [r.text for p in doc.paragraphs for r in p.runs
                  if r.font.highlight_color == WD_COLOR_INDEX.YELLOW]
    assert "[completar: motivo]" in resaltados  # el borrador: sus huecos, resaltados
    assert any(p.text.startswith("a.") for p in doc.paragraphs)
    assert "las alertas publicadas son el borrador" in publicados["salida_docx"].stderr


# --- HTML -------------------------------------------------------------------------------------


class _Revisor(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.lang = None
        self.externos: list[str] = []
        self.th_con_scope = 0
        self.en_thead = False
        self.texto: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html":
            self.lang = a.get("lang")
        if tag == "thead":
            self.en_thead = True
        if tag == "th" and self.en_thead and a.get("scope") in ("col", "colgroup"):
            self.th_con_scope += 1
        for clave in ("src", "href"):
            valor = a.get(clave) or ""
            if tag in ("link", "script", "img", "iframe", "source") and valor \
                    and not valor.startswith(("data:", "#")):
                self.externos.append(valor)

    def handle_endtag(self, tag):
        if tag == "thead":
            self.en_thead = False

    def handle_data(self, data):
        self.texto.append(data)


def test_html_autocontenido_y_semantico(publicados):
    contenido = publicados["html"].read_text(encoding="utf-8")
    revisor = _Revisor()
    revisor.feed(contenido)
    assert revisor.lang == "es"
    assert revisor.th_con_scope >= 10
    assert revisor.externos == []
    assert "http://" not in contenido.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert "https://" not in contenido
    assert "@page" in contenido and "landscape" in contenido
    texto = "".join(revisor.texto)
    for ind in publicados["doc"]["indicadores"]:
        assert ind["codigo"] in texto
    assert "[completar: motivo]" in texto and "69.0" in texto


# --- Para el público ---------------------------------------------------------------------------

CELDA = re.compile(r"[A-Za-zÁÉÍÓÚáéíóúñ ]+![A-Z]{1,3}\d+")
"""Una dirección de celda de un libro («Logros esperados!G5»)."""


def _texto_docx(ruta: Path) -> str:
    from docx import Document

    doc = Document(ruta)
    partes = [p.text for p in doc.paragraphs]
    partes += [c.text for t in doc.tables for f in t.rows for c in f.cells]
    return " ".join(" ".join(partes).split())


def test_las_notas_hablan_al_lector_del_reporte(publicados):
    """Ni celdas del libro ni la conciliación con el reporte anterior (eso es de validar y
    verificar): por qué un avance es ND, dicho para quien lee."""
    textos = {"pdf": _texto_pdf(publicados["pdf"]), "docx": _texto_docx(publicados["docx"]),
              "html": " ".join(publicados["html"].read_text(encoding="utf-8").split())}
    for formato, texto in textos.items():
        assert not CELDA.search(texto), (formato, CELDA.search(texto))
        assert "Calidad de los datos" not in texto and "avance publicado" not in texto, formato
        assert "difiere del calculado" not in texto, formato
        assert "Sin logro esperado para 2024: el avance no se calcula." in texto, formato
        assert ("Sin logro esperado ni valor obtenido para 2024: el avance no se calcula."
                in texto), formato
        assert "?." not in texto and "para el año" not in texto, formato
    # La terminal conserva el detalle para el analista.
    observaciones = {i["codigo"]: i["observaciones"] for i in publicados["doc"]["indicadores"]}
    assert any("Logros esperados!G5" in o for o in observaciones["ISS.01.05.01.01"])


def test_pei_notas_con_mayuscula_y_encabezado_de_alertas(runner, tmp_path):
    from pypdf import PdfReader

    destino = tmp_path / "pei.pdf"
    res = runner.invoke(app, ["reporte", "2022", "-a", str(PEI), "-o", str(destino)])
    assert res.exit_code == 0, res.output
    texto = _texto_pdf(destino)
    assert "(5) Meta cero superada: el logro esperado es 0" in texto
    assert "meta cero superada" not in texto
    assert "Sentido no declarado: se toma Ascendente, porque los logros esperados suben" in texto
    assert not CELDA.search(texto)
    paginas = [" ".join(p.extract_text().split()) for p in PdfReader(destino).pages]
    con_alertas = [p for p in paginas if "ALERTAS IDENTIFICADAS" in p]
    assert con_alertas and all("Alertas identificadas 2022" in p and "Avance Tipo I 2022" not in p
                               for p in con_alertas)  # el encabezado de la página: la sección
    assert any("Avance Tipo I 2022" in p for p in paginas[1:])  # las de la matriz
    assert PdfReader(destino).metadata.author == "INSTITUTO NACIONAL DE EJEMPLO"


# --- Perfiles y disposiciones -----------------------------------------------------------------


def test_pei_con_rotulos_del_plan_y_nota_del_tope(runner, tmp_path):
    destino = tmp_path / "pei.pdf"
    res = runner.invoke(app, ["reporte", "2022", "-a", str(PEI), "-o", str(destino)])
    assert res.exit_code == 0, res.output
    texto = _texto_pdf(destino)
    assert "Anexo B-7 · Seguimiento del Plan Estratégico Institucional (PEI) 2022" in texto
    assert "El porcentaje de avance de los indicadores ha sido truncado en 100 %" in texto
    assert "IOEI.01.02 211.40" in texto  # lo que superaba el tope
    assert f"penitencia alertas 2022 -a {PEI} -o alertas_2022.md" in res.stderr
    assert "Índice de gestión del PEI" in texto and "94.70" in texto
    assert "Metodología PEI-CEPLAN 1.0" in texto
    for prohibido in ("Objetivos prioritarios", "política nacional", "PNP-CEPLAN"):
        assert prohibido not in texto


def test_disposiciones_de_la_matriz(tmp_path):
    """Una política de hasta 6 años: bloques LE y VO (como el reporte); un plan: por año, con el
    avance de cada año; muchos años: apilada (LE arriba, VO abajo)."""
    from penitencia_cli.lectura import leer_libro
    from penitencia_cli.reglas.consulta import reporte_del_anio
    from penitencia_cli.salida.formato import Origen
    from penitencia_cli.salida.publicacion.datos import datos_publicacion

    def datos(ruta, anio):
        return datos_publicacion(reporte_del_anio(preparada(leer_libro(ruta)), anio), None,
                                 Origen("x.xlsx", "0" * 64))["matriz"]

    m = datos(MUESTRA, 2024)
    assert m["disposicion"] == "bloques"
    assert [g["texto"] for g in m["grupos"]] == ["Logros esperados", "Valores obtenidos"]
    fila = next(f for f in m["filas"] if f["codigo"] == "IOP.01.02")
    assert fila["valores"][:2] == ["36.50%", "33.00%"] and fila["avance"] == "68.7"
    assert m["columna_texto"] == "Objetivo prioritario, lineamiento, servicio e indicador"

    p = datos(PEI, 2022)
    assert p["disposicion"] == "grupos"
    assert p["columnas"] == ["LE", "VO", "%", "LE", "VO", "%", "LE", "VO"]
    fila = next(f for f in p["filas"] if f["codigo"] == "IOEI.01.02")
    assert fila["valores"][2] == "100.00" and fila["avance"] == "100.00"  # truncado
    assert [c["clave"] for c in p["descriptivas"]] == ["responsable", "sentido"]  # sin tipo
    assert next(f for f in p["filas"] if f["codigo"] == "AEI.02.02")["avance"] == "20.00"

    doce = _libro_de_doce_anios(tmp_path / "doce.xlsx")
    d = datos(doce, 2024)
    assert d["disposicion"] == "apilada"
    assert d["columnas"] == [""] + [str(a) for a in range(2013, 2025)]  # sólo hasta AÑO
    fila = next(f for f in d["filas"] if f["codigo"] == "IOP.01.02")
    assert fila["valores"][0] == "LE\nVO" and fila["valores"][-1] == "26.00%\n37.85%"
    assert fila["detalle"] == "Poder Judicial · Descendente · No acumulado"


def test_las_notas_escriben_los_valores_como_la_matriz(tmp_path):
    """La nota del sentido inferido escribe un porcentaje como la matriz de al lado, con los
    decimales del perfil: «200.00%», no «200%»."""
    from penitencia_cli.lectura import leer_libro
    from penitencia_cli.reglas.consulta import reporte_del_anio
    from penitencia_cli.salida.formato import Origen
    from penitencia_cli.salida.publicacion.datos import datos_publicacion

    ruta = escribir_libro(tmp_path / "pei.xlsx", hojas_pei())
    m = datos_publicacion(reporte_del_anio(preparada(leer_libro(ruta)), 2022), None,
                          Origen("x.xlsx", "0" * 64))["matriz"]
    notas = {n["numero"]: n["texto"] for n in m["notas"]}
    filas = {f["codigo"]: f for f in m["filas"]}
    assert filas["IOEI.02.02"]["valores"][3:5] == ["200.00%", "149.90%"]  # LE y VO 2022
    assert [notas[n] for n in filas["IOEI.02.02"]["notas"]] == [
        "Sentido no declarado: se toma Ascendente, porque los logros esperados suben de 200.00% "
        "en 2022 a 220.00% en 2023."]
    assert [notas[n] for n in filas["IOEI.01.02"]["notas"]] == [
        "Sentido no declarado: se toma Ascendente (el logro esperado no cambia: 62.00% en 2023)."]
    assert [notas[n] for n in filas["IOEI.01.01"]["notas"]] == [  # un conteo, como está
        "Sentido no declarado: se toma Ascendente, porque los logros esperados suben de 40 en "
        "2021 a 60 en 2023."]


def _libro_de_doce_anios(ruta: Path) -> Path:
    """La muestra con seis años antes (2013-2018, copia de 2019) y metas hasta 2030."""
    from openpyxl import load_workbook

    wb = load_workbook(MUESTRA)
    for hoja in ("Logros esperados", "Valores obtenidos"):
        ws = wb[hoja]
        ws.insert_cols(2, 6)
        for j, anio in enumerate(range(2013, 2019), start=2):
            ws.cell(1, j, anio)
            for i in range(2, ws.max_row + 1):
                ws.cell(i, j, ws.cell(i, 8).value).number_format = ws.cell(i, 8).number_format
        if hoja == "Logros esperados":
            ws.cell(1, 14, 2030)
            for i in range(2, ws.max_row + 1):
                ws.cell(i, 14, ws.cell(i, 13).value).number_format = ws.cell(i, 13).number_format
    wb.save(ruta)
    return ruta


def test_doce_anios_en_pdf(runner, tmp_path):
    destino = tmp_path / "doce.pdf"
    res = runner.invoke(app, ["reporte", "2024", "-a", str(_libro_de_doce_anios(
        tmp_path / "doce.xlsx")), "-o", str(destino)])
    assert res.exit_code == 0, res.output
    texto = _texto_pdf(destino)
    assert "2013" in texto and "LE VO" in texto


# --- Alertas del analista -----------------------------------------------------------------------


@pytest.mark.parametrize("contenido, linea, palabra", [
    ("## Alertas identificadas — 2024\n\na. Bien.\n\n| a | b |\n", 5, "tabla"),
    ("a. Texto con **negrita sin cerrar.\n\nb. Otro.\n", 1, "negrita"),
    ("a. Uno.\n\nb. Falta [completar: motivo sin cerrar.\n", 3, "[completar"),
    ("## Alertas identificadas — 2023\n\na. De otro año.\n", 1, "2023"),
    ("a. Con <b>HTML</b>.\n", 1, "HTML"),
])
def test_alertas_mal_formadas_nombran_la_linea(runner, tmp_path, contenido, linea, palabra):
    md = tmp_path / "alertas.md"
    md.write_text(contenido, encoding="utf-8")
    destino = tmp_path / "r.pdf"
    res = runner.invoke(app, ["reporte", "2024", "-o", str(destino), "--alertas", str(md)])
    assert res.exit_code == 2
    assert f"alertas.md, línea {linea}:" in res.stderr and palabra in res.stderr
    assert "?." not in res.stderr and ".." not in res.stderr  # una sola puntuación final
    assert not destino.exists()


def test_alertas_vacias_o_ausentes_o_no_utf8(runner, tmp_path):
    destino = tmp_path / "r.html"
    vacio = tmp_path / "vacio.md"
    vacio.write_text("## Alertas identificadas — 2024\n\n", encoding="utf-8")
    res = runner.invoke(app, ["reporte", "2024", "-o", str(destino), "--alertas", str(vacio)])
    assert res.exit_code == 2 and "ningún párrafo" in res.stderr
    res = runner.invoke(app, ["reporte", "2024", "-o", str(destino), "--alertas",
                              str(tmp_path / "no.md")])
    assert res.exit_code == 2 and "no existe" in res.stderr
    latin = tmp_path / "latin.md"
    latin.write_bytes("a. Bien.\n\nb. Año mal codificado.\n".encode("latin-1"))
    res = runner.invoke(app, ["reporte", "2024", "-o", str(destino), "--alertas", str(latin)])
    assert res.exit_code == 2 and "latin.md, línea 3:" in res.stderr and "UTF-8" in res.stderr
    assert not destino.exists()


def test_alertas_del_analista_en_el_html(runner, tmp_path):
    md = tmp_path / "mis.md"
    md.write_text("## Alertas identificadas — 2024\n\n> Borrador generado por penitencia a "
                  "partir de x.\n\na. Primera **importante** alerta, ver "
                  "[el informe](informe.pdf).\n\n### Otros\n\n- Queda [completar: motivo].\n",
                  encoding="utf-8")
    destino = tmp_path / "r.html"
    res = runner.invoke(app, ["reporte", "2024", "-o", str(destino), "--alertas", str(md)])
    assert res.exit_code == 0, res.output
    html = destino.read_text(encoding="utf-8")
    assert "<strong>importante</strong>" in html and "el informe (informe.pdf)" in html
    assert "Borrador generado" not in html
    assert '<mark class="completar">[completar: motivo]</mark>' in html
    assert "quedan 1 [completar: …] en mis.md (líneas 9)" in res.stderr


# --- Destinos ---------------------------------------------------------------------------------


def test_extension_desconocida_es_error_de_uso(runner, tmp_path):
    res = runner.invoke(app, ["reporte", "2024", "-o", str(tmp_path / "r.txt")])
    assert res.exit_code == 2 and ".pdf, .docx o .html" in res.stderr
    assert not (tmp_path / "r.txt").exists()


def test_no_escribe_sobre_la_entrada_ni_deja_temporales(runner, tmp_path):
    copia = tmp_path / "libro.xlsx"
    copia.write_bytes(MUESTRA.read_bytes())
    antes = copia.read_bytes()
    res = runner.invoke(app, ["reporte", "2024", "-a", str(copia), "-o", str(copia)])
    assert res.exit_code == 2 and ".pdf, .docx o .html" in res.stderr
    assert copia.read_bytes() == antes
    # Y si el destino fuera el libro (uno con nombre de PDF), el escritor lo rechaza.
    from penitencia_cli.errores import ErrorDeUso
    from penitencia_cli.salida.publicacion import escribir_publicacion

    falso = tmp_path / "libro.pdf"
    falso.write_bytes(antes)
    with pytest.raises(ErrorDeUso, match="libro de entrada"):
        escribir_publicacion({}, falso, entrada=falso)
    assert falso.read_bytes() == antes
    assert sorted(p.name for p in tmp_path.iterdir()) == ["libro.pdf", "libro.xlsx"]


def test_no_escribe_sobre_las_alertas(runner, tmp_path):
    md = tmp_path / "alertas.html"
    md.write_text("a. Una alerta.\n", encoding="utf-8")
    res = runner.invoke(app, ["reporte", "2024", "-o", str(md), "--alertas", str(md)])
    assert res.exit_code == 2 and "archivo de alertas" in res.stderr
    assert md.read_text(encoding="utf-8") == "a. Una alerta.\n"


def test_anio_que_el_libro_no_tiene(runner, tmp_path):
    res = runner.invoke(app, ["reporte", "2031", "-o", str(tmp_path / "r.pdf")])
    assert res.exit_code == 2 and "2031" in res.stderr


def test_ayuda_no_importa_lo_pesado():
    codigo = (
        "import sys\n"
        "from penitencia_cli.cli import app\n"
        "for args in (['--help'], ['reporte', '--help']):\n"
        "    try:\n"
        "        app(args, prog_name='penitencia')\n"
        "    except SystemExit:\n"
        "        pass\n"
        "sys.stderr.write('MODULOS ' + ' '.join(sorted(sys.modules)))\n"
    )
    r = subprocess.run([sys.executable, "-c", codigo], capture_output=True, text=True,
                       check=True, env=dict(os.environ, PYTHONPATH=str(RAIZ)))
    modulos = set(r.stderr.rsplit("MODULOS ", 1)[1].split())
    for pesado in ("typst", "docx", "pypdf", "lxml"):
        assert pesado not in modulos


def test_la_plantilla_y_la_letra_viajan_en_el_paquete():
    """Plantillas y fuentes son archivos del paquete (no cadenas en el código)."""
    import penitencia_cli.salida.publicacion as pub

    carpeta = Path(pub.__file__).parent
    for nombre in ("plantillas/reporte.typ", "plantillas/comun.typ", "plantillas/numeracion.typ",
                   "plantillas/reporte.html", "plantillas/fragmentos.html",
                   "plantillas/reporte.css", "plantillas/estilo.json",
                   "fuentes/DejaVuSansCondensed.ttf", "fuentes/DejaVuSansCondensed-Bold.ttf",
                   "fuentes/LICENCIA-DejaVu.txt", "fuentes/web/DejaVuSansCondensed-web.woff2"):
        assert (carpeta / nombre).is_file(), nombre


def test_la_prosa_de_las_alertas_escribe_las_cifras_como_la_matriz(runner, libro, tmp_path):
    """Un avance de cuatro cifras en el borrador de las alertas lleva la coma de miles, como en
    la matriz del mismo reporte («1,700.0%», no «1700.0%»)."""
    from conftest import hojas_minimas

    hojas = hojas_minimas()
    hojas["Logros esperados"][1] = ["IOP.01.01", 20, 1]
    hojas["Valores obtenidos"][1] = ["IOP.01.01", 2000, 17]  # bajó: una alerta de retroceso
    ruta = libro(hojas)
    res = runner.invoke(app, ["alertas", "2024", "-a", str(ruta), "--formato", "markdown"])
    assert res.exit_code == 0, res.output
    assert "lo que da un avance de 1,700.0%" in res.stdout
    destino = tmp_path / "r.html"
    res = runner.invoke(app, ["reporte", "2024", "-a", str(ruta), "-o", str(destino)])
    assert res.exit_code == 0, res.output
    texto = destino.read_text(encoding="utf-8")
    assert "1,700.0%" in texto and "1700.0" not in texto and ">1,700.0<" in texto
