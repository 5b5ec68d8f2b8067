"""El README dice la verdad: sus dos líneas de inicio, la de las pruebas igual a la de `.ci/run`,
el ejemplo de `validar` con su libro reproducible y los enlaces que llevan a algún lado."""

from __future__ import annotations

import importlib.util
import re

from openpyxl import load_workbook

from conftest import RAIZ
from penitencia_cli.cli import app

README = (RAIZ / "README.md").read_text(encoding="utf-8")
LINEA_PRINCIPAL = "python3 -m venv .venv && .venv/bin/pip install . && .venv/bin/penitencia avance 2024"
LINEA_PRUEBAS = ('python3 -m venv .venv && .venv/bin/pip install ".[test]" && '
                 ".venv/bin/python -m pytest")


def test_las_dos_lineas_de_inicio_y_sus_equivalentes_en_windows():
    inicio = README[:README.index("## `penitencia avance AÑO`")]
    assert LINEA_PRINCIPAL in inicio and LINEA_PRUEBAS in inicio
    assert r"py -m venv .venv; .venv\Scripts\pip install .; .venv\Scripts\penitencia avance 2024" \
        in inicio
    assert "activate" in inicio  # la explicación larga: una terminal nueva vuelve a activar


def test_ci_corre_exactamente_la_linea_de_las_pruebas():
    ci = (RAIZ / ".ci" / "run").read_text(encoding="utf-8")
    esperada = LINEA_PRUEBAS.replace(".venv/", '"$VENV"/').replace("venv .venv", 'venv "$VENV"')
    assert esperada in ci


def test_el_ejemplo_de_validar_es_la_salida_real(runner, monkeypatch):
    monkeypatch.chdir(RAIZ)
    r = runner.invoke(app, ["validar", "samples/con_errores.xlsx"], env={"COLUMNS": "100"})
    assert r.exit_code == 1
    assert "```\n" + r.stdout + "```" in README


def test_el_libro_con_errores_es_el_de_su_herramienta(tmp_path):
    spec = importlib.util.spec_from_file_location(
        "generar_con_errores", RAIZ / "herramientas" / "generar_con_errores.py")
    herramienta = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(herramienta)
    nuevo = herramienta.escribir(tmp_path / "con_errores.xlsx")

    def contenido(ruta):
        wb = load_workbook(ruta)
        return {ws.title: [[c.value for c in fila] for fila in ws.iter_rows()] for ws in wb}

    assert contenido(nuevo) == contenido(RAIZ / "samples" / "con_errores.xlsx")


def test_los_enlaces_de_la_documentacion_llevan_a_algun_lado():
    for documento in [RAIZ / "README.md", *sorted((RAIZ / "docs").glob("*.md"))]:
        texto = documento.read_text(encoding="utf-8")
        for destino in re.findall(r"\]\(([^)\s]+)\)", texto):
            if re.match(r"[a-z]+:", destino) or destino.startswith("#"):
                continue
            ruta = (documento.parent / destino.split("#")[0]).resolve()
            assert ruta.exists(), f"{documento.name}: enlace roto a {destino}"
