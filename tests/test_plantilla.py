"""``penitencia plantilla``: la plantilla vacía se llena (por programa) y da un libro válido."""

from __future__ import annotations

import json

from openpyxl import load_workbook

from conftest import hojas_minimas, llenar
from penitencia_cli.cli import app
from penitencia_cli.contrato import (
    COLUMNAS_ESTRUCTURA,
    COLUMNAS_INDICADORES,
    HOJAS_REQUERIDAS,
    normalizar,
)
from penitencia_cli.salida.plantilla import DESCRIPCIONES


def crear(runner, ruta, *opciones):
    r = runner.invoke(app, ["plantilla", str(ruta), *opciones])
    assert "Traceback" not in r.output
    return r


def test_plantilla_tiene_hojas_encabezados_listas_y_paneles(runner, tmp_path):
    ruta = tmp_path / "nueva.xlsx"
    r = crear(runner, ruta, "--desde", "2021", "--hasta", "2026")
    assert r.exit_code == 0 and ruta.exists()
    wb = load_workbook(ruta)
    assert wb.sheetnames == ["Instrucciones", *HOJAS_REQUERIDAS]
    ind = wb["Indicadores"]
    assert [normalizar(c.value) for c in ind[1]] == list(COLUMNAS_INDICADORES)
    assert [c.value for c in ind[1]][2] == "pertenece_a"
    assert [normalizar(c.value) for c in wb["Estructura"][1]] == list(COLUMNAS_ESTRUCTURA)
    for hoja in ("Logros esperados", "Valores obtenidos"):
        assert [c.value for c in wb[hoja][1]] == ["codigo", *range(2021, 2027)]
        assert wb[hoja].freeze_panes == "B2"
    assert wb["Estructura"].freeze_panes == "A2" and ind.freeze_panes == "B2"
    listas = {str(dv.sqref).split(":")[0]: dv.formula1
              for dv in ind.data_validations.dataValidation}
    assert listas == {"B2": '"IOP,ISS"', "G2": '"Ascendente,Descendente"',
                      "H2": '"Acumulado,No acumulado"'}
    (dv,) = wb["Estructura"].data_validations.dataValidation
    assert dv.formula1 == '"OP,LN,SS"' and str(dv.sqref) == "B2:B2000"
    assert ind.column_dimensions["D"].width > 30
    texto = " ".join(str(c.value) for fila in wb["Instrucciones"].iter_rows() for c in fila
                     if c.value)
    for palabra in ("pertenece_a", "Descendente", "N.D.", "sin valor guardado", "ejemplo"):
        assert palabra in texto


def test_descripciones_cubren_las_columnas_del_lector():
    assert list(DESCRIPCIONES["Indicadores"]) == list(COLUMNAS_INDICADORES)
    assert list(DESCRIPCIONES["Estructura"]) == list(COLUMNAS_ESTRUCTURA)


def test_plantilla_llena_da_un_libro_valido(runner, tmp_path):
    ruta = tmp_path / "politica.xlsx"
    assert crear(runner, ruta, "--desde", "2023", "--hasta", "2030").exit_code == 0
    llenar(ruta, hojas_minimas())
    r = runner.invoke(app, ["avance", "2024", "-a", str(ruta), "-f", "json"])
    assert r.exit_code == 0, r.output
    doc = json.loads(r.stdout)
    assert doc["indice_gestion"]["avance"] == 100.0
    avances = {i["codigo"]: i["avance"] for i in doc["indicadores"]}
    assert avances == {"IOP.01.01": 75.0, "IOP.01.02": 125.0, "ISS.01.01.01.01": 120.0,
                       "IOP.02.01": None}
    v = runner.invoke(app, ["validar", str(ruta), "-f", "json"])
    assert v.exit_code == 0 and json.loads(v.stdout)["errores"] == 0


def test_plantilla_vacia_sin_llenar_dice_que_falta(runner, tmp_path):
    ruta = tmp_path / "vacia.xlsx"
    crear(runner, ruta)
    v = runner.invoke(app, ["validar", str(ruta), "-f", "json"])
    doc = json.loads(v.stdout)
    assert v.exit_code == 1
    assert [(p["hoja"], p["severidad"]) for p in doc["problemas"]] == [("Politica", "error")]


def test_no_reemplaza_sin_forzar(runner, tmp_path):
    ruta = tmp_path / "existe.xlsx"
    ruta.write_bytes(b"mis datos")
    r = crear(runner, ruta)
    assert r.exit_code == 2 and "--forzar" in r.output
    assert ruta.read_bytes() == b"mis datos"
    assert crear(runner, ruta, "--forzar").exit_code == 0
    assert load_workbook(ruta).sheetnames[0] == "Instrucciones"


def test_opciones_invalidas_son_error_de_uso(runner, tmp_path):
    for opciones in (["--desde", "2030", "--hasta", "2019"], ["--desde", "1500"],
                     ["--desde", "1900", "--hasta", "2100"]):
        r = crear(runner, tmp_path / "x.xlsx", *opciones)
        assert r.exit_code == 2, opciones
    assert crear(runner, tmp_path / "x.csv").exit_code == 2
    assert crear(runner, tmp_path / "no_existe" / "x.xlsx").exit_code == 2
    assert list(tmp_path.iterdir()) == []


def test_instrucciones_se_leen_e_imprimen_en_a4(runner, tmp_path):
    """Los párrafos en todo el ancho (no en una columna de 22 caracteres), cada fila tan alta
    como su texto y A4 vertical ajustado al ancho: pocas páginas limpias, no 18 encimadas."""
    import pytest

    from penitencia_cli.salida.medidas import ancho_columna_pt, lineas

    for opciones in ([], ["--instrumento", "pei"]):
        ruta = tmp_path / f"p{len(opciones)}.xlsx"
        assert crear(runner, ruta, *opciones).exit_code == 0
        ws = load_workbook(ruta)["Instrucciones"]
        anchos = {c: ws.column_dimensions[c].width for c in "ABC"}
        assert anchos["C"] >= 60 and sum(anchos.values()) <= 115
        combinadas = {r.min_row for r in ws.merged_cells.ranges
                      if (r.min_col, r.max_col) == (1, 3)}
        assert {1, 2, 3} <= combinadas  # título y párrafos de apertura, en las tres columnas
        for fila in ws.iter_rows():
            for celda in fila:
                if not isinstance(celda.value, str):
                    continue
                ancho = (sum(anchos.values()) if celda.row in combinadas
                         else anchos[celda.column_letter])
                tamano = celda.font.sz or 10
                alto = ws.row_dimensions[celda.row].height
                necesarias = lineas(celda.value, ancho_columna_pt(ancho), tamano, celda.font.b)
                assert alto is not None and alto >= necesarias * tamano * 1.1, celda.coordinate
        assert ws.page_setup.orientation == "portrait" and ws.page_setup.paperSize == 9
        assert ws.sheet_properties.pageSetUpPr.fitToPage
        assert (ws.page_setup.fitToWidth, ws.page_setup.fitToHeight) == (1, 0)
        alto_total = sum((ws.row_dimensions[r].height or 12.75) for r in range(1, ws.max_row + 1))
        escala = min(1.0, 523 / (sum(anchos.values()) * 5.25 + 10))
        assert alto_total * escala / 756 == pytest.approx(1.5, abs=1.5)  # una a tres páginas
