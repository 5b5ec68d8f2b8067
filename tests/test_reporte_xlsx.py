"""El libro del reporte (``avance --exportar reporte.xlsx``), leído de vuelta con openpyxl."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import zipfile
from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook

from penitencia_cli.cli import app
from penitencia_cli.reglas.metodologia import FRANJAS, PERFILES
from penitencia_cli.salida.xlsx import FILA_CONTEOS, RELLENOS

from conftest import MUESTRA, RAIZ, preparada


def calculo(matriz, anio):
    """El cálculo de ``avance AÑO`` (Tipo I, con sus alertas), lo que exporta ``--exportar``."""
    from penitencia_cli.reglas.consulta import PedidoAvance, calcular_avance

    return calcular_avance(preparada(matriz), PedidoAvance(anio))

HOJAS = ["Resumen", "Objetivos", "Indicadores", "Logros y valores", "Alertas"]


@pytest.fixture(scope="module")
def reporte(tmp_path_factory):
    from typer.testing import CliRunner

    destino = tmp_path_factory.mktemp("reporte") / "reporte.xlsx"
    runner = CliRunner()
    res = runner.invoke(app, ["avance", "2024", "--formato", "json", "--exportar", str(destino)])
    assert res.exit_code == 0, res.output
    return destino, json.loads(res.stdout)


def _filas(ws):
    return [list(f) for f in ws.iter_rows(values_only=True)]


def _buscar(ws, texto):
    for fila in ws.iter_rows():
        for celda in fila:
            if celda.value == texto:
                return celda
    raise AssertionError(f"no está {texto!r} en {ws.title}")


def test_hojas(reporte):
    wb = load_workbook(reporte[0])
    assert wb.sheetnames == HOJAS


def test_resumen_conteos_iguales_al_json(reporte):
    ruta, doc = reporte
    ws = load_workbook(ruta)["Resumen"]
    encabezado = [ws.cell(FILA_CONTEOS, c).value for c in range(5, 9)]
    assert encabezado == [PERFILES["politica"].etiquetas[f] for f in FRANJAS]
    leidos = {}
    for fila, grupo in enumerate(("objetivos", "indicadores_op", "indicadores_servicio"),
                                 start=FILA_CONTEOS + 1):
        leidos[grupo] = {f.value: ws.cell(fila, c).value for c, f in enumerate(FRANJAS, start=5)}
    assert leidos == doc["resumen"]
    assert leidos["indicadores_servicio"] == {"0-75": 11, "75-95": 5, "95+": 18, "ND": 2}
    # El encabezado de la política en las mismas filas, como en el reporte.
    assert [ws.cell(FILA_CONTEOS + i, 1).value for i in range(4)] == [
        "Política:", "Sector:", "Ministerio conductor:", "Tipo:"]
    assert ws.cell(FILA_CONTEOS + 1, 2).value == "06: JUSTICIA"
    # Semáforo en los rótulos de franja.
    for c, f in enumerate(FRANJAS, start=5):
        color = PERFILES["politica"].colores[f]
        assert ws.cell(FILA_CONTEOS, c).fill.fgColor.rgb.endswith(RELLENOS[color])


def test_resumen_indice_origen_y_metodologia(reporte):
    ruta, doc = reporte
    ws = load_workbook(ruta)["Resumen"]
    indice = _buscar(ws, "Índice de gestión de la política nacional")
    valor = ws.cell(indice.row, 2)
    assert valor.value == doc["indice_gestion"]["avance"] == 69.0
    assert valor.number_format == "#,##0.0"
    assert valor.fill.fgColor.rgb.endswith(RELLENOS["rojo"])

    def dato(rotulo):
        return ws.cell(_buscar(ws, rotulo).row, 2).value

    assert dato("Archivo de origen") == MUESTRA.name
    assert dato("SHA-256 del archivo") == hashlib.sha256(MUESTRA.read_bytes()).hexdigest()
    assert dato("Metodología") == PERFILES["politica"].version
    assert dato("Año") == 2024
    generado = dato("Generado")
    assert isinstance(generado, datetime)
    assert abs((datetime.now() - generado).total_seconds()) < 3600
    # La fecha como en el pie del PDF: «05/12/2026 18:41».
    assert ws.cell(_buscar(ws, "Generado").row, 2).number_format == "dd/mm/yyyy hh:mm"


def test_resumen_grafico_de_barras_con_valores_y_umbrales(reporte):
    ruta, _ = reporte
    ws = load_workbook(ruta)["Resumen"]
    tabla = _buscar(ws, "Avance por objetivo prioritario")
    encabezado = tabla.row + 1
    assert [ws.cell(encabezado, c).value for c in range(1, 7)] == [
        "Código", "Objetivo prioritario", "Avance", "Franja", "Umbral 75", "Umbral 95"]
    datos = [[ws.cell(encabezado + i, c).value for c in range(1, 7)] for i in range(1, 7)]
    assert datos[0] == ["OP.01", "Reducir significativamente el hacinamiento en el sistema "
                        "penitenciario", 68.7, "[0-75%>", 75, 95]  # con su nombre
    assert [d[2] for d in datos] == [68.7, 89.0, 20.0, 56.1, 94.3, 86.0]
    with zipfile.ZipFile(ruta) as z:
        graficos = [n for n in z.namelist() if n.startswith("xl/charts/chart")]
        assert len(graficos) == 1
        xml = z.read(graficos[0]).decode()
    assert "<barChart>" in xml and "<lineChart>" in xml
    fila = encabezado + 1
    rango = f"${fila}:${{}}${fila + 5}"
    assert f"'Resumen'!$C{rango.format('C')}" in xml  # barras: avance de los objetivos
    assert f"'Resumen'!$E{rango.format('E')}" in xml  # línea: umbral 75
    assert f"'Resumen'!$F{rango.format('F')}" in xml  # línea: umbral 95
    assert f"'Resumen'!$A{rango.format('A')}" in xml  # categorías: códigos
    assert xml.count("<dPt>") == 6        # una barra coloreada por objetivo (su franja)
    assert '<showVal val="1"/>' in xml    # el valor escrito sobre cada barra
    # La leyenda no muestra la serie de las barras (su color es el de cada franja): sólo las
    # dos líneas de los umbrales.
    assert '<legendEntry><idx val="0"/><delete val="1"/></legendEntry>' in xml
    assert "1F4E78" not in xml            # ningún color de serie que contradiga las barras
    assert 'typeface="Arial"' in xml


def test_objetivos(reporte):
    ruta, doc = reporte
    ws = load_workbook(ruta)["Objetivos"]
    filas = _filas(ws)
    assert filas[0] == ["Código", "Objetivo prioritario", "Avance 2024", "Franja",
                        "Indicadores con dato", "Avance publicado"]  # una sola cobertura
    assert [(f[0], f[2]) for f in filas[1:]] == [(o["codigo"], o["avance"])
                                                  for o in doc["objetivos"]]
    assert filas[3][0] == "OP.03" and filas[3][3] == "[0-75%>"
    assert filas[3][4] == "1 de 2"
    assert ws["C2"].number_format == "#,##0.0"
    assert ws["D3"].fill.fgColor.rgb.endswith(RELLENOS["ámbar"])  # OP.02 89.0
    assert ws.freeze_panes == "C2"
    assert ws.auto_filter.ref == "A1:F7"
    assert ws.column_dimensions["B"].width == 60


def test_indicadores_y_series(reporte):
    ruta, doc = reporte
    wb = load_workbook(ruta)
    ws = wb["Indicadores"]
    filas = _filas(ws)
    encabezado = filas[0]
    for columna in ("LB año", "LB valor", "Avance 2024", "Franja", "Avance publicado",
                    "Años con LE y VO", "Observaciones"):
        assert columna in encabezado
    assert not [c for c in encabezado if c.startswith(("LE ", "VO "))]  # van en su hoja
    assert len(filas) == 1 + len(doc["indicadores"])
    fila = {f[0]: dict(zip(encabezado, f)) for f in filas[1:]}
    alfa = fila["ISS.04.05.01.01"]
    assert (alfa["Avance 2024"], alfa["Avance publicado"]) == (28.2, 27.9)
    assert "27.9" in alfa["Observaciones"]
    assert fila["IOP.01.02"]["LB valor"] == 36.5 and fila["IOP.01.02"]["LB año"] == 2019
    assert fila["IOP.01.02"]["Años con LE y VO"] == "6 de 6"
    assert fila["IOP.01.01"]["Avance 2024"] == "ND" and fila["IOP.01.01"]["Franja"] == "ND"
    assert fila["ISS.04.05.04.01"]["Avance 2024"] == 1666.7
    col = encabezado.index("Avance 2024") + 1
    assert ws.cell(3, col).number_format == "#,##0.0"  # «1,666.7», como el reporte
    franja = ws.cell(3, encabezado.index("Franja") + 1)  # IOP.01.02 68.7
    assert franja.fill.fgColor.rgb.endswith(RELLENOS["rojo"])
    assert ws.freeze_panes == "C2"
    assert ws.auto_filter.ref.startswith("A1:") and ws.auto_filter.ref.endswith(f"{len(filas)}")

    series = _filas(wb["Logros y valores"])
    assert series[0] == ["Código", "Indicador", "Serie", *(str(a) for a in range(2019, 2025))]
    assert len(series) == 1 + 2 * len(doc["indicadores"])
    por_clave = {(f[0], f[2]): f for f in series[1:]}
    le, vo = por_clave[("ISS.04.05.01.01", "Logro esperado")], por_clave[
        ("ISS.04.05.01.01", "Valor obtenido")]
    assert (le[-1], vo[-1], vo[-2]) == (85, 24, 34)
    assert le[1].startswith("Porcentaje de personas") and vo[1] is None
    assert por_clave[("IOP.01.01", "Logro esperado")][3:] == ["ND"] * 6


def test_alertas_en_el_libro(reporte):
    ruta, _ = reporte
    filas = _filas(load_workbook(ruta)["Alertas"])
    assert filas[0][:3] == ["Grupo", "Código", "Indicador"]
    codigos = [f[1] for f in filas[1:] if f[0] == "Indicadores con avance limitado"]
    assert codigos == ["IOP.06.02", "ISS.03.01.02.01", "ISS.01.04.01.01", "IOP.03.01"]
    sin_dato = [f[1] for f in filas[1:] if f[0].endswith("sin medición")]
    assert sin_dato == ["IOP.01.01", "IOP.03.02", "IOP.04.02", "IOP.05.02", "ISS.01.05.01.01",
                        "ISS.04.01.02.01"]


def test_impresion(reporte):
    wb = load_workbook(reporte[0])
    for ws in wb.worksheets:
        ancho = sum(ws.column_dimensions[c].width for c in ws.column_dimensions)
        orientacion = "landscape" if ancho > 110 else "portrait"  # horizontal si es ancha
        assert ws.page_setup.orientation == orientacion, ws.title
        assert ws.page_setup.paperSize == 9  # A4
        assert ws.page_setup.fitToWidth == 1, ws.title  # todas caben en el ancho de una página
        assert ws.sheet_properties.pageSetUpPr.fitToPage
        anchos = sum(ws.column_dimensions[c].width for c in ws.column_dimensions)
        assert anchos <= 200, ws.title  # letra de 10 pt impresa a 7 pt o más
    assert wb["Resumen"].page_setup.fitToHeight == 1  # el gráfico no se parte
    for hoja in HOJAS[1:]:
        assert wb[hoja].print_title_rows == "$1:$1"
    assert wb["Logros y valores"].print_title_cols == "$A:$C"
    # Las alertas de la muestra: más de una página sin una última página casi vacía.
    assert wb["Alertas"].page_setup.fitToHeight >= 1


def test_una_sola_familia_de_letra(reporte):
    """Toda celda, el estilo por omisión y los textos del gráfico usan la misma letra."""
    from penitencia_cli.salida.medidas import LETRA as FUENTE

    wb = load_workbook(reporte[0])
    familias = {c.font.name for ws in wb.worksheets for fila in ws.iter_rows() for c in fila}
    assert familias == {FUENTE}
    with zipfile.ZipFile(reporte[0]) as z:
        estilos = z.read("xl/styles.xml").decode()
    assert estilos.count("<name ") == estilos.count(f'<name val="{FUENTE}"/>')


def test_textos_que_parecen_formulas_se_escriben_como_texto(tmp_path):
    from conftest import escribir_libro, hojas_minimas

    from penitencia_cli.lectura import leer_libro
    from penitencia_cli.salida.exportar import exportar

    trampa = '=HYPERLINK("http://x","y")'
    libro = escribir_libro(tmp_path / "trampa.xlsx", hojas_minimas())
    wb = load_workbook(libro)  # textos (no fórmulas) que empiezan con = + - @
    for hoja, celda, texto in (("Indicadores", "D2", trampa), ("Indicadores", "D3", "+SUM(1,2)"),
                               ("Estructura", "D2", "-1+1"), ("Politica", "B2", "@politica")):
        wb[hoja][celda].value = texto
        wb[hoja][celda].data_type = "s"
    wb.save(libro)
    matriz = leer_libro(libro)
    assert matriz.indicadores[0].nombre == trampa
    destino = exportar(calculo(matriz, 2024), tmp_path / "r.xlsx")
    wb = load_workbook(destino)
    celdas = [c for ws in wb.worksheets for fila in ws.iter_rows() for c in fila
              if isinstance(c.value, str) and c.value[:1] in "=+-@"]
    valores = {c.value for c in celdas}
    assert {trampa, "+SUM(1,2)", "-1+1", "@politica"} <= valores
    assert {c.data_type for c in celdas} == {"s"}
    with zipfile.ZipFile(destino) as z:
        assert not any("<f>" in z.read(n).decode() for n in z.namelist()
                       if n.startswith("xl/worksheets/"))


def test_plan_con_rotulos_del_perfil(tmp_path):
    """Un PEI: título del Anexo B-7, su metodología, dos decimales y la nota del tope; nada de
    «objetivos prioritarios» ni de la metodología de una política."""
    from penitencia_cli.lectura import leer_libro
    from penitencia_cli.salida.exportar import exportar

    destino = exportar(calculo(leer_libro(RAIZ / "samples" / "pei_ejemplo.xlsx"), 2022),
                       tmp_path / "pei.xlsx")
    wb = load_workbook(destino)
    ws = wb["Resumen"]
    assert ws["A1"].value.startswith("Anexo B-7 · Seguimiento del Plan Estratégico")
    assert ws.cell(_buscar(ws, "Metodología").row, 2).value == "PEI-CEPLAN 1.0"
    assert "truncado en 100 %" in ws.cell(_buscar(ws, "Tope").row, 2).value
    todo = [str(c.value) for w in wb.worksheets for f in w.iter_rows() for c in f if c.value]
    assert not [t for t in todo if "prioritario" in t.lower() or "PNP-CEPLAN" in t]
    indicadores = _filas(wb["Indicadores"])
    fila = next(f for f in indicadores if f[0] == "IOEI.01.01")
    # 2020-2026 con datos hasta 2022: los años futuros no cuentan.
    assert fila[indicadores[0].index("Años con LE y VO")] == "3 de 3"
    assert wb["Indicadores"]["L2"].number_format == "#,##0.00"


def test_un_periodo_se_dice_periodo(runner, tmp_path):
    """Con ``--desde`` el libro lleva el avance del periodo (el índice 70.8 de 2020-2024, no el
    69.0 del año): el título, los datos del reporte, los encabezados y el gráfico lo dicen, y el
    avance publicado, que es el del año, dice de qué año es."""
    destino = tmp_path / "periodo.xlsx"
    res = runner.invoke(app, ["avance", "2024", "--desde", "2020", "-f", "json", "-e",
                              str(destino)])
    assert res.exit_code == 0, res.output
    wb = load_workbook(destino)
    ws = wb["Resumen"]
    assert ws["A1"].value == "Reporte de Seguimiento 2020-2024"
    assert ws.cell(_buscar(ws, "Índice de gestión de la política nacional").row, 2).value == 70.8
    assert ws.cell(_buscar(ws, "Periodo").row, 2).value == (
        "2020-2024 (según la acumulación de cada indicador)")
    assert _filas(wb["Objetivos"])[0][2:] == ["Avance 2020-2024", "Franja",
                                              "Indicadores con dato", "Avance publicado 2024"]
    encabezados = _filas(wb["Indicadores"])[0]
    assert "Avance 2020-2024" in encabezados and "Avance publicado 2024" in encabezados
    with zipfile.ZipFile(destino) as z:
        grafico = z.read("xl/charts/chart1.xml").decode()
    assert "Avance por objetivo prioritario 2020-2024" in grafico


def test_sin_origen_no_relee_nada(tmp_path):
    """El exportador no abre el libro de entrada: sin ``origen`` deja el dato en blanco."""
    from penitencia_cli.lectura import leer_libro
    from penitencia_cli.salida.exportar import exportar

    destino = exportar(calculo(leer_libro(MUESTRA), 2024), tmp_path / "r.xlsx")
    ws = load_workbook(destino)["Resumen"]
    assert ws.cell(_buscar(ws, "SHA-256 del archivo").row, 2).value == "—"


def _soffice():
    return shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.skipif(_soffice() is None, reason="LibreOffice no está instalado")
def test_libreoffice_abre_el_libro_sin_reparar(reporte, tmp_path):
    """LibreOffice (sin interfaz) lo convierte; el resultado conserva conteos e índice."""
    ruta, doc = reporte
    perfil = (tmp_path / "perfil").as_uri()
    salida = tmp_path / "lo"
    proc = subprocess.run(
        [_soffice(), f"-env:UserInstallation={perfil}", "--headless", "--convert-to", "xlsx",
         "--outdir", str(salida), str(ruta)],
        capture_output=True, text=True, timeout=180, env={**os.environ, "HOME": str(tmp_path)},
    )
    convertido = salida / ruta.name
    assert proc.returncode == 0 and convertido.exists(), proc.stdout + proc.stderr
    wb = load_workbook(convertido)
    assert wb.sheetnames == HOJAS
    ws = wb["Resumen"]
    conteos = [ws.cell(FILA_CONTEOS + 1 + i, c).value for i in range(3) for c in range(5, 9)]
    esperados = [doc["resumen"][g][f.value] for g in ("objetivos", "indicadores_op",
                                                       "indicadores_servicio") for f in FRANJAS]
    assert conteos == esperados
    assert ws.cell(_buscar(ws, "Índice de gestión de la política nacional").row, 2).value == 69


def test_no_escribe_sobre_la_entrada(runner, tmp_path):
    copia = tmp_path / "pnp.xlsx"
    copia.write_bytes(MUESTRA.read_bytes())
    antes = copia.read_bytes()
    res = runner.invoke(app, ["avance", "2024", "-a", str(copia), "-e", str(copia)])
    assert res.exit_code == 2
    assert copia.read_bytes() == antes
    assert not [p for p in Path(tmp_path).iterdir() if p.name.endswith(".tmp")]


@pytest.mark.parametrize("lineas, paginas", [(30, 1), (40, 1), (60, 2), (80, 2), (90, 3)])
def test_alto_en_paginas_sin_ultima_pagina_casi_vacia(lineas, paginas):
    """Con 38 líneas de 13.4 pt por página (509 pt útiles): 40 líneas (una página y dos líneas
    sueltas) se encogen a una página; 60 ocupan dos; 80 (dos y cuatro líneas), dos; 90 (dos y
    14 líneas), tres."""
    from openpyxl import Workbook

    from penitencia_cli.salida.xlsx import ALTO_UTIL, _Estilos, _Hoja

    hoja = _Hoja(Workbook(write_only=True), "Alertas", _Estilos(PERFILES["politica"]),
                 [20, 100])
    hoja.alto = lineas * ALTO_UTIL["landscape"] / 38
    hoja.imprimir()
    assert hoja.ws.page_setup.fitToHeight == paginas
    assert hoja.ws.page_setup.fitToWidth == 1


def test_cada_celda_con_su_estilo_aunque_lo_compartan():
    """Las celdas de un mismo estilo son copias de una celda modelo (salida/xlsx.py): una fecha,
    que se da a sí misma un formato de fecha, no se lo da a las demás; un texto que parece
    fórmula queda texto; y cada celda lleva su propio valor."""
    from openpyxl import Workbook
    from openpyxl.styles.numbers import is_date_format

    from penitencia_cli.salida.xlsx import _Estilos, _Hoja

    hoja = _Hoja(Workbook(write_only=True), "Prueba", _Estilos(PERFILES["politica"]), [10])
    antes, fecha, despues = hoja.celda(5), hoja.celda(datetime(2026, 12, 5)), hoja.celda(7.5)
    formula, otro = hoja.celda("=1+1"), hoja.celda(None)
    assert antes.number_format == despues.number_format == "General"
    assert is_date_format(fecha.number_format)
    assert (antes.value, despues.value, formula.value, otro.value) == (5, 7.5, "=1+1", None)
    assert formula.data_type == "s"
    assert {(c.font.name, c.font.sz) for c in (antes, fecha, despues, otro)} == {("Arial", 10)}


# --- El libro impreso -------------------------------------------------------------------------


def test_cifras_como_el_reporte_publicado(reporte):
    """Conteos enteros («6,235», «8»), porcentajes con los decimales del reporte en todas las
    celdas de un indicador («1.90%» junto a «36.97%»), «ND» a la derecha como los números."""
    wb = load_workbook(reporte[0])
    ws = wb["Logros y valores"]
    filas = {(f[0].value, f[2].value): f for f in ws.iter_rows(min_row=2)}
    conteo = filas[("ISS.01.05.01.01", "Logro esperado")]
    assert conteo[3].value == 6235 and conteo[3].number_format == "#,##0"
    ocho = filas[("ISS.03.02.01.01", "Logro esperado")]
    assert 8 in [c.value for c in ocho[3:]] and ocho[4].number_format == "#,##0"
    pct = filas[("IOP.04.01", "Logro esperado")]
    assert pct[3].value == 1.9 and pct[3].number_format == '#,##0.00"%"'
    assert {c.number_format for c in filas[("IOP.01.02", "Valor obtenido")][3:]} == {
        '#,##0.00"%"'}  # 36.97, 37.85...: los mismos decimales
    nd = filas[("IOP.01.01", "Logro esperado")][3]
    assert nd.value == "ND" and nd.alignment.horizontal == "right"
    ind = wb["Indicadores"]
    encabezado = [c.value for c in ind[1]]
    lb = {f[0].value: f[encabezado.index("LB valor")] for f in ind.iter_rows(min_row=2)}
    assert lb["ISS.01.05.01.01"].number_format == "#,##0"
    assert lb["IOP.01.02"].number_format == '#,##0.00"%"'


def test_cada_fila_tan_alta_como_su_texto(reporte):
    """Ningún nombre recortado (ISS.05.01.01.01 en «Logros y valores», cuatro líneas) y ninguna
    fila de una línea más alta que una línea: caben más de 11 indicadores por página."""
    from penitencia_cli.salida.medidas import ancho_columna_pt, lineas

    wb = load_workbook(reporte[0])
    ws = wb["Logros y valores"]
    ancho = ancho_columna_pt(ws.column_dimensions["B"].width)
    for fila in ws.iter_rows(min_row=2):
        nombre = fila[1].value
        alto = ws.row_dimensions[fila[0].row].height or 12.75
        if nombre:
            assert alto >= lineas(nombre, ancho, 10) * 11.5, (fila[0].value, nombre)
        else:
            assert alto <= 12.75, fila[0].value
    largo = next(f for f in ws.iter_rows(min_row=2) if f[0].value == "ISS.05.01.01.01")
    assert ws.row_dimensions[largo[0].row].height >= 2 * 11.5
    ind = wb["Indicadores"]
    altos = [ind.row_dimensions[r].height or 12.75 for r in range(2, ind.max_row + 1)]
    escala = 784 / (sum(ind.column_dimensions[c].width for c in ind.column_dimensions) * 5.25)
    por_pagina = 509 / escala / (sum(altos) / len(altos))
    assert por_pagina > 15, por_pagina


def test_el_grafico_no_cruza_sus_valores(reporte):
    """Cada valor del gráfico del libro va donde ninguna línea (umbrales, base, borde) lo cruza:
    «89.0» (OP.02) y «68.7» (OP.01), que cruzaban el 95 y el 75, quedan dentro de su barra."""
    import re

    from penitencia_cli.salida.grafico import cruzan
    from penitencia_cli.salida.xlsx_grafico import (_caja, lineas_del_grafico, medidas)

    with zipfile.ZipFile(reporte[0]) as z:
        xml = z.read(next(n for n in z.namelist() if n.startswith("xl/charts/chart"))).decode()
    posiciones = dict(re.findall(r'<dLbl><idx val="(\d+)"/>.*?<dLblPos val="(\w+)"/>', xml))
    assert "<majorGridlines" not in xml  # sin rejilla: sólo los umbrales y la base
    assert '<max val="100"/>' in xml
    m = medidas()
    lineas = lineas_del_grafico(100, [75, 95])
    avances = [68.7, 89.0, 20.0, 56.1, 94.3, 86.0]
    for i, av in enumerate(avances):
        abajo, arriba = _caja(posiciones[str(i)], av / 100, m)
        assert not cruzan(abajo, arriba, lineas, m.holgura), (i, av, posiciones[str(i)])
    assert posiciones["0"] == posiciones["1"] == "inEnd"


@pytest.mark.parametrize("avances", [[100, 100, 100, 100], [96.77, 92.62], [75.7, 57.7, 28.5,
                                     63.2, 100.0], [1666.7, 95, 75, 3], [0.5, 74, 76, 94, 96]])
def test_posicion_de_los_valores_sin_cruces(avances):
    from penitencia_cli.salida.grafico import cruzan, escala
    from penitencia_cli.salida.xlsx_grafico import (_caja, lineas_del_grafico, medidas,
                                                    posicion_rotulo)

    tope, _ = escala(avances)
    lineas = lineas_del_grafico(tope, [75, 95])
    m = medidas()
    for av in avances:
        for ancho in (True, False):
            posicion = posicion_rotulo(av / tope, lineas, m, ancho)
            if posicion is None:  # ningún lugar libre: sin valor escrito (está en la tabla)
                assert tope > 1000 and av < 100, av
                continue
            abajo, arriba = _caja(posicion, av / tope, m)
            assert not cruzan(abajo, arriba, lineas, m.holgura), (av, posicion)
            assert ancho or posicion != "inEnd"
