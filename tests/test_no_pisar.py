"""Ningún comando destruye un archivo que hizo el analista (issue 19): un archivo existente que el
programa no escribió, o que cambió desde entonces, o de otra clase, no se reemplaza sin --forzar;
el mensaje lo nombra y dice cómo, con salida 2, sin escribir nada y sin trabajar antes. Volver a
correr el mismo comando sobre lo que el programa escribió sigue siendo una nueva corrida.

El registro de lo escrito vive en la carpeta de estado (``salida/autoria.py``); ``conftest`` la
lleva a una carpeta temporal de cada prueba (``XDG_STATE_HOME``)."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from pathlib import Path

import pytest

from conftest import MUESTRA, RAIZ
from penitencia_cli.cli import app
from penitencia_cli.salida import autoria
from penitencia_cli.salida.autoria import Clase, carpeta_de_estado

POSIX = os.name == "posix"


def huella(ruta: Path) -> str:
    return hashlib.sha256(ruta.read_bytes()).hexdigest()


def rechazado(r, ruta: Path) -> None:
    """Salida 2, una sola línea que nombra el archivo y dice cómo (--forzar u otro nombre), nada
    por stdout: ni la tabla ni la nota de la muestra (no se trabajó antes de decirlo)."""
    assert r.exit_code == 2, r.output
    assert r.stdout == ""
    [linea] = r.stderr.splitlines()
    assert linea.startswith(f"Error: {ruta} ya existe y ")
    assert "no se reemplaza" in linea and "--forzar" in linea and "otro nombre" in linea


def sin_temporales(carpeta: Path) -> None:
    assert [p.name for p in carpeta.iterdir() if p.name.endswith(".tmp")] == []


# --- Los casos del issue ------------------------------------------------------------------------


def test_exportar_sobre_una_copia_de_la_muestra_se_rechaza(runner, tmp_path, monkeypatch):
    """`cp pnp_2024.xlsx mi_politica.xlsx; penitencia avance 2024 -e mi_politica.xlsx` (el -a
    olvidado): el libro del analista queda byte a byte como estaba."""
    monkeypatch.chdir(tmp_path)
    shutil.copy(MUESTRA, "mi_politica.xlsx")
    antes = huella(Path("mi_politica.xlsx"))
    r = runner.invoke(app, ["avance", "2024", "-e", "mi_politica.xlsx"])
    rechazado(r, Path("mi_politica.xlsx"))
    assert "no lo escribió penitencia" in r.stderr
    assert huella(Path("mi_politica.xlsx")) == antes
    sin_temporales(tmp_path)
    r = runner.invoke(app, ["avance", "2024", "-a", "mi_politica.xlsx"])  # sigue siendo un libro
    assert r.exit_code == 0, r.output


def test_la_muestra_del_repositorio_no_se_pisa(runner, monkeypatch, tmp_path):
    """samples/pnp_2024.xlsx: sin -a es la entrada si el paquete se instaló desde esta carpeta
    (o un archivo que el programa no escribió, si se instaló como rueda); con otro libro, un
    archivo que el programa no escribió."""
    monkeypatch.chdir(RAIZ)
    antes = huella(MUESTRA)
    r = runner.invoke(app, ["avance", "2024", "-e", "samples/pnp_2024.xlsx"])
    assert r.exit_code == 2 and r.stdout == ""
    assert "libro de entrada" in r.stderr or "no lo escribió penitencia" in r.stderr
    otro = shutil.copy(MUESTRA, tmp_path / "otro.xlsx")
    r = runner.invoke(app, ["avance", "2024", "-a", str(otro), "-e", "samples/pnp_2024.xlsx"])
    rechazado(r, Path("samples/pnp_2024.xlsx"))
    assert huella(MUESTRA) == antes


def test_un_pdf_firmado_no_se_reemplaza(runner, tmp_path):
    firmado = tmp_path / "firmado.pdf"
    firmado.write_bytes(b"%PDF-1.7 firmado por la jefa de planeamiento")
    r = runner.invoke(app, ["reporte", "2024", "-o", str(firmado)])
    rechazado(r, firmado)
    assert firmado.read_bytes() == b"%PDF-1.7 firmado por la jefa de planeamiento"
    sin_temporales(tmp_path)


def test_el_reporte_propio_se_vuelve_a_escribir(runner, tmp_path):
    destino = tmp_path / "reporte_2024.pdf"
    assert runner.invoke(app, ["reporte", "2024", "-o", str(destino)]).exit_code == 0
    inodo = os.stat(destino).st_ino
    r = runner.invoke(app, ["reporte", "2024", "-o", str(destino)])  # una nueva corrida
    assert r.exit_code == 0, r.output
    assert os.stat(destino).st_ino != inodo  # reemplazado (temporal renombrado)
    # firmado después: ya no es lo que escribió el programa
    destino.write_bytes(destino.read_bytes() + b"% firma\n")
    r = runner.invoke(app, ["reporte", "2024", "-o", str(destino)])
    rechazado(r, destino)
    assert "cambió desde que penitencia lo escribió" in r.stderr
    assert destino.read_bytes().endswith(b"% firma\n")
    r = runner.invoke(app, ["reporte", "2024", "-o", str(destino), "--forzar"])
    assert r.exit_code == 0, r.output
    assert not destino.read_bytes().endswith(b"% firma\n")


@pytest.mark.parametrize("extension", [".xlsx", ".csv", ".json"])
def test_una_exportacion_editada_despues_no_se_reemplaza(runner, tmp_path, extension):
    destino = tmp_path / f"avance{extension}"
    assert runner.invoke(app, ["avance", "2024", "-f", "json", "-e", str(destino)]).exit_code == 0
    assert runner.invoke(app, ["avance", "2024", "-f", "json", "-e", str(destino)]).exit_code == 0
    with open(destino, "ab") as f:
        f.write(b" ")  # el analista la abrió y la guardó
    editada = destino.read_bytes()
    r = runner.invoke(app, ["avance", "2024", "-f", "json", "-e", str(destino)])
    rechazado(r, destino)
    assert destino.read_bytes() == editada
    r = runner.invoke(app, ["avance", "2024", "-f", "json", "-e", str(destino), "--forzar"])
    assert r.exit_code == 0 and destino.read_bytes() != editada


def test_otro_json_no_se_reemplaza_y_con_forzar_si(runner, tmp_path):
    resumen = tmp_path / "resumen.json"
    resumen.write_text('{"de": "otro programa"}', encoding="utf-8")
    rechazado(runner.invoke(app, ["avance", "2024", "-e", str(resumen)]), resumen)
    assert json.loads(resumen.read_text(encoding="utf-8")) == {"de": "otro programa"}
    r = runner.invoke(app, ["avance", "2024", "-e", str(resumen), "--forzar"])
    assert r.exit_code == 0, r.output
    assert json.loads(resumen.read_text(encoding="utf-8"))["anio"] == 2024
    # ahora es nuestro: la siguiente corrida lo reemplaza sin --forzar
    assert runner.invoke(app, ["avance", "2024", "-e", str(resumen)]).exit_code == 0


def test_la_entrada_se_rechaza_aun_con_forzar(runner, libro):
    ruta = libro()
    antes = huella(ruta)
    r = runner.invoke(app, ["avance", "2024", "-a", str(ruta), "-e", str(ruta), "--forzar"])
    assert r.exit_code == 2 and "libro de entrada" in r.stderr and r.stdout == ""
    assert huella(ruta) == antes


# --- Clases: lo que escribió otro comando del programa ------------------------------------------


def test_una_plantilla_no_es_una_exportacion(runner, tmp_path):
    plantilla = tmp_path / "mi_politica.xlsx"
    assert runner.invoke(app, ["plantilla", str(plantilla)]).exit_code == 0
    antes = huella(plantilla)
    r = runner.invoke(app, ["avance", "2024", "-e", str(plantilla)])
    rechazado(r, plantilla)
    assert "es una plantilla de «penitencia plantilla», no una exportación" in r.stderr
    assert huella(plantilla) == antes


def test_plantilla_se_rehace_pero_no_la_llenada(runner, tmp_path):
    from conftest import hojas_minimas, llenar

    plantilla = tmp_path / "mi_politica.xlsx"
    assert runner.invoke(app, ["plantilla", str(plantilla)]).exit_code == 0
    r = runner.invoke(app, ["plantilla", str(plantilla), "--desde", "2020"])  # otra vez: se rehace
    assert r.exit_code == 0, r.output
    llenar(plantilla, hojas_minimas())
    llena = huella(plantilla)
    r = runner.invoke(app, ["plantilla", str(plantilla)])
    rechazado(r, plantilla)
    assert huella(plantilla) == llena


def test_borrador_de_alertas_completado_no_se_reemplaza(runner, tmp_path):
    borrador = tmp_path / "alertas 2024.md"
    r = runner.invoke(app, ["alertas", "2024", "-o", str(borrador)])
    assert r.exit_code == 0, r.output
    assert borrador.read_text(encoding="utf-8").startswith("## Alertas identificadas — 2024")
    assert runner.invoke(app, ["alertas", "2024", "-o", str(borrador)]).exit_code == 0
    completado = borrador.read_text(encoding="utf-8").replace("[completar: motivo]",
                                                              "la falta de presupuesto")
    borrador.write_text(completado, encoding="utf-8")
    rechazado(runner.invoke(app, ["alertas", "2024", "-o", str(borrador)]), borrador)
    assert borrador.read_text(encoding="utf-8") == completado


# --- El registro --------------------------------------------------------------------------------


def test_registro_ilegible_todo_es_del_analista(runner, tmp_path, estado_aparte):
    destino = tmp_path / "avance.json"
    assert runner.invoke(app, ["avance", "2024", "-e", str(destino)]).exit_code == 0
    (estado_aparte / autoria.ARCHIVO).write_text("{ esto no es JSON", encoding="utf-8")
    rechazado(runner.invoke(app, ["avance", "2024", "-e", str(destino)]), destino)
    # con --forzar se escribe, y el registro vuelve a ser legible
    assert runner.invoke(app, ["avance", "2024", "-e", str(destino), "--forzar"]).exit_code == 0
    assert runner.invoke(app, ["avance", "2024", "-e", str(destino)]).exit_code == 0


def test_el_registro_guarda_ruta_huella_y_clase(runner, tmp_path, estado_aparte):
    destino = tmp_path / "avance.csv"
    assert runner.invoke(app, ["avance", "2024", "-e", str(destino)]).exit_code == 0
    datos = json.loads((estado_aparte / autoria.ARCHIVO).read_text(encoding="utf-8"))
    escrito = datos["archivos"][os.path.realpath(destino)]
    assert escrito["sha256"] == huella(destino) and escrito["clase"] == "avance"
    destino.unlink()  # lo borrado sale del registro en la siguiente anotación
    assert runner.invoke(app, ["avance", "2024", "-e", str(tmp_path / "otro.csv")]).exit_code == 0
    datos = json.loads((estado_aparte / autoria.ARCHIVO).read_text(encoding="utf-8"))
    assert list(datos["archivos"]) == [os.path.realpath(tmp_path / "otro.csv")]


def test_sin_carpeta_de_estado_se_escribe_y_se_avisa(runner, tmp_path, monkeypatch):
    archivo = tmp_path / "no_es_carpeta"
    archivo.write_text("")
    monkeypatch.setenv("XDG_STATE_HOME", str(archivo))  # no se puede crear la carpeta
    destino = tmp_path / "avance.json"
    r = runner.invoke(app, ["avance", "2024", "-e", str(destino)])
    assert r.exit_code == 0, r.output
    assert destino.exists()
    assert "no se pudo anotar que penitencia escribió avance.json" in r.stderr
    assert "--forzar" in r.stderr


@pytest.mark.parametrize("entorno, sistema, esperada", [
    ({"XDG_STATE_HOME": "/srv/estado"}, "posix", "/srv/estado/penitencia"),
    ({"XDG_STATE_HOME": "relativa"}, "posix", "~/.local/state/penitencia"),
    ({}, "posix", "~/.local/state/penitencia"),
    ({"LOCALAPPDATA": "C:/Users/ana/AppData/Local"}, "nt", "C:/Users/ana/AppData/Local/penitencia"),
])
def test_carpeta_de_estado(entorno, sistema, esperada):
    assert carpeta_de_estado(entorno, sistema) == Path(os.path.expanduser(esperada))


@pytest.mark.skipif(not POSIX, reason="mkfifo")
def test_un_destino_que_no_es_un_archivo_comun_se_rechaza_siempre(runner, tmp_path):
    tuberia = tmp_path / "x.json"
    os.mkfifo(tuberia)
    r = runner.invoke(app, ["avance", "2024", "-e", str(tuberia), "--forzar"])
    assert r.exit_code == 2 and "no es un archivo común" in r.stderr and r.stdout == ""


def test_clases_con_nombre():
    assert {c.value for c in Clase} == {"avance", "reporte", "alertas", "plantilla", "importar"}
    assert all(c.nombre.startswith(("un ", "una ")) for c in Clase)
