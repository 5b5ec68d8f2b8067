"""El README dice la verdad: sus dos líneas de inicio, la de las pruebas igual a la de `.ci/run`,
el ejemplo de `validar` con su libro reproducible y los enlaces que llevan a algún lado."""

from __future__ import annotations

import importlib.util
import re
import shlex

from openpyxl import load_workbook

from conftest import RAIZ
from penitencia_cli.cli import app

README = (RAIZ / "README.md").read_text(encoding="utf-8")
LINEA_PRINCIPAL = "python3 -m venv .venv && .venv/bin/pip install . && .venv/bin/penitencia avance 2024"
LINEA_PRUEBAS = ('python3 -m venv .venv && .venv/bin/pip install ".[test]" && '
                 ".venv/bin/python -m pytest")


def test_las_dos_lineas_de_inicio_y_sus_equivalentes_en_windows():
    inicio = README[:README.index("## El trabajo de cada año")]
    assert LINEA_PRINCIPAL in inicio and LINEA_PRUEBAS in inicio
    assert r"py -m venv .venv; .venv\Scripts\pip install .; .venv\Scripts\penitencia avance 2024" \
        in inicio
    assert "activate" in inicio  # la explicación larga: una terminal nueva vuelve a activar


def test_el_readme_es_para_el_analista():
    """Unas 400 líneas a lo sumo: el trabajo del analista; el diseño, los tiempos y la seguridad
    viven en docs/ (enlazados desde el README)."""
    assert README.count("\n") <= 400
    for documento in ("docs/comandos.md", "docs/seguridad.md", "docs/rendimiento.md",
                      "docs/arquitectura.md", "docs/metodologia.md", "docs/plantilla.md",
                      "docs/importar.md"):
        assert f"]({documento})" in README
    for paso in ("plantilla", "validar", "avance", "alertas", "reporte", "verificar", "importar"):
        assert f"$ penitencia {paso} " in README  # cada paso con su salida real


def test_ci_corre_exactamente_la_linea_de_las_pruebas():
    ci = (RAIZ / ".ci" / "run").read_text(encoding="utf-8")
    esperada = LINEA_PRUEBAS.replace(".venv/", '"$VENV"/').replace("venv .venv", 'venv "$VENV"')
    assert esperada in ci


def _ejemplos(texto: str) -> list[tuple[list[str], list[list[str]]]]:
    """Los bloques de código del README que empiezan con «$ penitencia …»: cada orden con los
    trozos de su salida (separados por líneas «...», lo que el README omite)."""
    ejemplos = []
    for sangria, cuerpo in re.findall(r"^( *)```[a-z]*\n(.*?)^\1```", texto, re.S | re.M):
        lineas = [linea[len(sangria):] for linea in cuerpo.splitlines()]
        if not lineas or not lineas[0].startswith("$ penitencia "):
            continue
        for linea in lineas:
            if linea.startswith("$ penitencia "):
                ejemplos.append((shlex.split(linea)[2:], [[]]))
            elif linea == "...":
                ejemplos[-1][1].append([])
            else:
                ejemplos[-1][1][-1].append(linea)
    return [(orden, [t for t in trozos if t]) for orden, trozos in ejemplos]


COMANDOS = (RAIZ / "docs" / "comandos.md").read_text(encoding="utf-8")
IMPORTAR = (RAIZ / "docs" / "importar.md").read_text(encoding="utf-8")
EJEMPLOS = _ejemplos(README) + _ejemplos(COMANDOS) + _ejemplos(IMPORTAR)


def test_los_ejemplos_del_readme_son_la_salida_real(runner, tmp_path, monkeypatch):
    """Cada «$ penitencia …» del README, de docs/comandos.md y de docs/importar.md corre, en orden, en una carpeta con los libros de
    samples/ (y una copia de la muestra para el ejemplo de --forzar), a 100 columnas; cada trozo
    de lo que el README muestra está, línea por línea y seguido, en lo que el programa escribe
    (en la salida estándar, la de errores o ambas, en el orden en que se ven)."""
    import shutil

    monkeypatch.chdir(tmp_path)
    (tmp_path / "samples").symlink_to(RAIZ / "samples", target_is_directory=True)
    shutil.copy(RAIZ / "samples" / "pnp_2024.xlsx", tmp_path / "copia_de_la_muestra.xlsx")
    assert len(EJEMPLOS) >= 25
    for orden, trozos in EJEMPLOS:
        r = runner.invoke(app, orden, env={"COLUMNS": "100"})
        assert "Traceback" not in r.output
        salida = r.stdout.removeprefix("\ufeff")  # el BOM del CSV no se ve
        vistas = [salida, r.stderr, r.stderr + salida, salida + r.stderr]
        for trozo in trozos:
            texto = "\n".join(trozo)
            assert any(f"\n{texto}\n" in f"\n{v}" for v in vistas), (
                f"`penitencia {' '.join(orden)}` ya no escribe lo que muestra el README:\n"
                f"{texto}\n--- escribe:\n{r.stderr}{r.stdout}")


def test_el_ejemplo_de_validar_es_la_salida_entera(runner, monkeypatch):
    monkeypatch.chdir(RAIZ)
    r = runner.invoke(app, ["validar", "samples/con_errores.xlsx"], env={"COLUMNS": "100"})
    assert r.exit_code == 1
    assert "```\n$ penitencia validar samples/con_errores.xlsx\n" + r.stdout + "```" in README


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
