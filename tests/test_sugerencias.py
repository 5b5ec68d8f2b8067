"""Las órdenes que sugiere el programa se pegan y corren (issue 19): cada ruta va citada para el
intérprete del usuario (bash y compañía, PowerShell, cmd), y una orden nunca se parte entre
líneas. En POSIX se comprueba con bash de verdad: lo que la orden le pasa al programa es la ruta
tal cual."""

from __future__ import annotations

import shlex
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import MUESTRA
from penitencia_cli.cli import app
from penitencia_cli.salida.sugerencias import Interprete, citar, interprete

NOMBRES = [
    "Mis Documentos/Planeación 2024/Política – año 2024 (versión final).xlsx",
    "it's (v2).xlsx",
    'comillas "dobles".xlsx',
    "$HOME y `eco`.xlsx",
    "-raro.xlsx",
    "100% listo!.xlsx",
    "a;b&c|d>e.xlsx",
    "ñandú.xlsx",
    "simple.xlsx",
]


@pytest.mark.skipif(shutil.which("bash") is None, reason="sin bash")
@pytest.mark.parametrize("nombre", NOMBRES)
def test_en_bash_la_ruta_llega_tal_cual(nombre):
    citada = citar(nombre, Interprete.POSIX)
    r = subprocess.run(["bash", "-c", f"printf '%s' {citada}"], capture_output=True, text=True)
    esperado = "./" + nombre if nombre.startswith("-") else nombre  # no se lee como opción
    assert r.stdout == esperado


def test_una_ruta_simple_no_se_cita():
    assert citar("samples/pnp_2024.xlsx", Interprete.POSIX) == "samples/pnp_2024.xlsx"
    assert citar(r"C:\informes\pnp_2024.xlsx", Interprete.CMD) == r"C:\informes\pnp_2024.xlsx"


@pytest.mark.parametrize("nombre, cmd, powershell", [
    (r"Mis Documentos\Política – año 2024 (versión final).xlsx",
     r'"Mis Documentos\Política – año 2024 (versión final).xlsx"',
     r'"Mis Documentos\Política – año 2024 (versión final).xlsx"'),
    ("it's (v2).xlsx", '"it\'s (v2).xlsx"', '"it\'s (v2).xlsx"'),
    ("$HOME y `eco`.xlsx", '"$HOME y `eco`.xlsx"', "'$HOME y `eco`.xlsx'"),
    ("it's $x.xlsx", '"it\'s $x.xlsx"', "'it''s $x.xlsx'"),
    ("-raro.xlsx", r".\-raro.xlsx", r".\-raro.xlsx"),
    ("a&b.xlsx", '"a&b.xlsx"', '"a&b.xlsx"'),
])
def test_en_windows_comillas_que_entienden_cmd_y_powershell(nombre, cmd, powershell):
    assert citar(nombre, Interprete.CMD) == cmd
    assert citar(nombre, Interprete.POWERSHELL) == powershell


@pytest.mark.parametrize("entorno, sistema, esperado", [
    ({}, "posix", Interprete.POSIX),
    ({"PSModulePath": "a;b;c"}, "posix", Interprete.POSIX),
    ({"MSYSTEM": "MINGW64", "PSModulePath": "a;b;c"}, "nt", Interprete.POSIX),  # Git Bash
    ({"SHELL": "/usr/bin/bash"}, "nt", Interprete.POSIX),
    ({"PSModulePath": r"C:\Users\ana\Documents\WindowsPowerShell\Modules;C:\Program Files"
                      r"\WindowsPowerShell\Modules;C:\Windows\system32\WindowsPowerShell\v1.0"
                      r"\Modules"}, "nt", Interprete.POWERSHELL),
    ({"PSModulePath": r"C:\Program Files\WindowsPowerShell\Modules;C:\Windows\system32"
                      r"\WindowsPowerShell\v1.0\Modules"}, "nt", Interprete.CMD),
    ({}, "nt", Interprete.CMD),
])
def test_el_interprete_del_usuario(entorno, sistema, esperado):
    assert interprete(entorno, sistema) is esperado


# --- Las órdenes que dice el programa, pegadas en bash ------------------------------------------


RARA = "Mis Documentos/Planeación 2024/Política – año 2024 (versión final).xlsx"


def _orden_tras(texto: str, marca: str) -> list[str]:
    """La orden que sigue a ``marca`` en ``texto`` (hasta el fin de su línea), como la partiría
    bash."""
    return shlex.split(texto.split(marca, 1)[1].splitlines()[0])


@pytest.fixture
def libro_raro(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("PSModulePath", raising=False)
    ruta = Path(RARA)
    ruta.parent.mkdir(parents=True)
    shutil.copy(MUESTRA, ruta)  # la muestra tiene una observación de calidad en 2024
    return ruta


def test_la_pista_de_validar_se_pega(runner, libro_raro):
    r = runner.invoke(app, ["avance", "2024", "-a", RARA, "-f", "json"])
    assert r.exit_code == 0, r.output
    lineas = r.stderr.splitlines()
    i = next(i for i, linea in enumerate(lineas) if "el detalle, con:" in linea)
    assert shlex.split(lineas[i + 1]) == ["penitencia", "validar", RARA]


def test_las_ordenes_de_las_alertas_del_reporte_se_pegan(runner, libro_raro):
    salida = "informe final (firmar).pdf"
    r = runner.invoke(app, ["reporte", "2024", "-a", RARA, "-o", salida])
    assert r.exit_code == 0, r.output
    lineas = r.stderr.splitlines()
    i = next(i for i, linea in enumerate(lineas) if "las alertas publicadas son el borrador" in
             linea)
    generar, publicar = shlex.split(lineas[i + 1]), shlex.split(lineas[i + 2])
    assert generar == ["penitencia", "alertas", "2024", "-a", RARA, "-o", "alertas_2024.md"]
    assert publicar == ["penitencia", "reporte", "2024", "-a", RARA, "-o", salida, "--alertas",
                        "alertas_2024.md"]
    # y corren: el borrador se escribe y el reporte se publica con él
    assert runner.invoke(app, generar[1:]).exit_code == 0
    r = runner.invoke(app, publicar[1:])
    assert r.exit_code == 0, r.output
    assert "quedan" in r.stderr  # los [completar: …] siguen ahí, y el programa lo dice


def test_alertas_dice_como_publicar_el_borrador(runner, libro_raro):
    r = runner.invoke(app, ["alertas", "2024", "-a", RARA, "-o", "mis alertas.md"])
    assert r.exit_code == 0, r.output
    assert _orden_tras(r.stdout, "publíquelo con: ") == [
        "penitencia", "reporte", "2024", "-a", RARA, "-o", "reporte_2024.pdf", "--alertas",
        "mis alertas.md"]


def test_un_archivo_de_alertas_que_falta_dice_como_generarlo(runner, libro_raro):
    r = runner.invoke(app, ["reporte", "2024", "-a", RARA, "-o", "r.pdf", "--alertas",
                            "las alertas (v1).md"])
    assert r.exit_code == 2
    assert _orden_tras(r.stderr, "Genere el borrador con: ") == [
        "penitencia", "alertas", "2024", "-o", "las alertas (v1).md"]


def test_plantilla_dice_como_validarla(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("PSModulePath", raising=False)
    r = runner.invoke(app, ["plantilla", "Política – año 2024 (borrador).xlsx"])
    assert r.exit_code == 0, r.output
    assert _orden_tras(r.stdout, "revísela con: ") == [
        "penitencia", "validar", "Política – año 2024 (borrador).xlsx"]


def test_una_nota_con_una_orden_nunca_la_parte(monkeypatch, capsys):
    """Ante una terminal estrecha, el texto de la nota se parte (bajo su texto, no en la columna
    0), pero la orden va entera en su propia línea: partida, ya no se podría pegar."""
    from penitencia_cli.cli import ejecucion
    from penitencia_cli.salida import terminal

    monkeypatch.setattr(terminal, "es_terminal", lambda flujo: True)
    monkeypatch.setattr(terminal, "ancho_de_terminal", lambda flujo: 50)
    orden = f"penitencia validar {citar(RARA, Interprete.POSIX)}"
    ejecucion.avisar("1 observación(es) de calidad de los datos de 2024 (marcadas con ! en la "
                     f"tabla); el detalle, con:\n{orden}")
    lineas = capsys.readouterr().err.splitlines()
    assert lineas[0].startswith("nota: 1 observación(es)") and len(lineas[0]) <= 50
    assert all(linea.startswith("      ") for linea in lineas[1:])
    assert lineas[-1] == "        " + orden
