"""Lo que el analista escribe y lee en la terminal (issue 19): las opciones se revisan antes de
trabajar, las opciones fijas no distinguen mayúsculas, los errores del sistema se dicen en
castellano, una sola historia del CSV (pantalla y archivo, los mismos bytes), la nota de la
muestra incluida, y los párrafos partidos quedan con su sangría."""

from __future__ import annotations

import csv
import errno
import io
import json
import re

import pytest

from conftest import RAIZ
from penitencia_cli.cli import app
from penitencia_cli.errores import texto_del_sistema
from penitencia_cli.salida import archivos

PEI = RAIZ / "samples" / "pei_ejemplo.xlsx"


# --- Las opciones, antes de trabajar ------------------------------------------------------------


@pytest.mark.parametrize("args, dice", [
    (["avance", "2024", "-e", "x.txt"], "No sé exportar a .txt"),
    (["avance", "2024", "-f", "csv", "-e", "x"], "sin extensión"),
    (["reporte", "2024", "-o", "x.xlsx"], "use --salida con .pdf, .docx o .html"),
    (["alertas", "2024", "-o", "alertas.json"], "use un nombre .md"),
    (["alertas", "2024", "-f", "json", "-o", "alertas.md"], "quite --formato json"),
    (["plantilla", "p.xlsx", "--desde", "2030", "--hasta", "2020"], "posterior"),
    (["avance", "2024", "--tope", "cien"], "tope"),
    (["alertas", "2024", "-u", "-5"], "umbral"),
    (["avance", "2024", "--desde", "2025"], "posterior al año 2024"),
    (["comparar", "2024", "2024"], "dos años distintos"),
])
def test_una_opcion_imposible_se_dice_antes_de_trabajar(runner, tmp_path, monkeypatch, args,
                                                         dice):
    """Salida 2, un solo mensaje, nada por stdout (ni la tabla de 200 líneas) y nada escrito."""
    monkeypatch.chdir(tmp_path)
    r = runner.invoke(app, args)
    assert r.exit_code == 2, r.output
    assert r.stdout == ""
    assert dice in r.stderr, r.stderr
    assert "muestra incluida" not in r.stderr  # ni siquiera se empezó a leer
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("args, sugerido", [
    (["reporte", "2024", "-o", "informes"], "informes/reporte_2024.pdf"),
    (["avance", "2024", "-e", "informes"], "informes/avance.xlsx"),
    (["alertas", "2024", "-o", "informes"], "informes/alertas_2024.md"),
    (["plantilla", "informes"], "informes/mi_politica.xlsx"),
])
def test_una_carpeta_sugiere_un_nombre_que_el_comando_acepta(runner, tmp_path, monkeypatch, args,
                                                             sugerido):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "informes").mkdir()
    r = runner.invoke(app, args)
    assert r.exit_code == 2 and r.stdout == ""
    assert f"informes es una carpeta; indique un nombre de archivo dentro de ella, p. ej. " \
           f"{sugerido}." in r.stderr
    corregido = [sugerido if a == "informes" else a for a in args]
    assert runner.invoke(app, corregido).exit_code == 0  # la sugerencia funciona


def test_una_carpeta_de_solo_lectura_se_dice_antes_de_trabajar(runner, tmp_path, monkeypatch):
    def solo_lectura(*args, **kwargs):
        raise OSError(errno.EROFS, "Read-only file system", str(tmp_path))

    monkeypatch.setattr(archivos.tempfile, "mkstemp", solo_lectura)
    r = runner.invoke(app, ["avance", "2024", "-e", str(tmp_path / "informes.xlsx")])
    assert r.exit_code == 2 and r.stdout == ""
    assert r.stderr == (f"Error: No se puede escribir informes.xlsx en la carpeta {tmp_path}: el "
                        "disco o la carpeta es de sólo lectura.\n")


def test_un_nombre_demasiado_largo_se_dice_antes_de_trabajar(runner, tmp_path):
    r = runner.invoke(app, ["avance", "2024", "-e", str(tmp_path / ("r" * 300 + ".json"))])
    assert r.exit_code == 2 and r.stdout == ""
    assert "es demasiado largo" in r.stderr and "elija uno más corto" in r.stderr


# --- Opciones fijas en cualquier caja -----------------------------------------------------------


@pytest.mark.parametrize("mayusculas, minusculas", [
    (["avance", "2024", "--solo", "OP"], ["avance", "2024", "--solo", "op"]),
    (["avance", "2024", "-f", "JSON"], ["avance", "2024", "-f", "json"]),
    (["avance", "2024", "--tipo", "AMBOS", "-f", "Csv"], ["avance", "2024", "--tipo", "ambos",
                                                          "-f", "csv"]),
    (["alertas", "2024", "-f", "Markdown"], ["alertas", "2024", "-f", "markdown"]),
    (["verificar", "2024", "-f", "JSON"], ["verificar", "2024", "-f", "json"]),
    (["evolucion", "INDICE", "-f", "Json"], ["evolucion", "INDICE", "-f", "json"]),
    (["comparar", "2023", "2024", "-f", "TABLA"], ["comparar", "2023", "2024", "-f", "tabla"]),
    (["validar", "-f", "JSON"], ["validar", "-f", "json"]),
])
def test_las_opciones_fijas_no_distinguen_mayusculas(runner, mayusculas, minusculas):
    a, b = runner.invoke(app, mayusculas), runner.invoke(app, minusculas)
    assert a.exit_code == b.exit_code and a.exit_code in (0, 1), a.output
    assert a.stdout_bytes == b.stdout_bytes


def test_la_ayuda_sigue_mostrando_los_valores_en_minusculas(runner):
    r = runner.invoke(app, ["avance", "-h"], env={"COLUMNS": "200"})
    assert "tabla|json|csv" in r.stdout and "op|iop|iss|conteos" in r.stdout
    assert "1|2|ambos" in r.stdout


# --- Errores del sistema, en castellano ---------------------------------------------------------


@pytest.mark.parametrize("numero, dice", [
    (errno.EROFS, "sólo lectura"),
    (errno.ENOSPC, "el disco está lleno"),
    (errno.EACCES, "no tiene permiso"),
    (errno.ENAMETOOLONG, "demasiado largo"),
    (errno.ENOENT, "no existe"),
    (errno.EBUSY, "en uso por otro programa"),
    (errno.EIO, "el disco no respondió"),
    (errno.EDQUOT, "cuota"),
])
def test_texto_del_sistema(numero, dice):
    texto = texto_del_sistema(OSError(numero, "English text from the OS"))
    assert dice in texto and "English" not in texto


def test_un_error_del_sistema_desconocido_no_se_dice_en_ingles():
    assert texto_del_sistema(OSError(errno.EOPNOTSUPP, "Operation not supported")) == \
        f"error del sistema {errno.errorcode[errno.EOPNOTSUPP]}"  # ENOTSUP en Linux


def test_un_archivo_abierto_en_windows():
    exc = PermissionError(13, "The process cannot access the file")
    exc.winerror = 32
    assert "abierto en otro programa" in texto_del_sistema(exc)


def test_un_error_al_leer_se_dice_en_castellano(runner, monkeypatch, libro):
    from penitencia_cli import lectura

    ruta = libro()

    def falla(*args, **kwargs):
        raise OSError(errno.EIO, "Input/output error", str(ruta))

    monkeypatch.setattr(lectura, "leer_libro", falla)
    r = runner.invoke(app, ["avance", "2024", "-a", str(ruta)])
    assert r.exit_code == 1
    assert r.stderr.endswith(f"Error: no se pudo leer o escribir {ruta}: el disco no respondió "
                             "(¿un disco o una memoria USB desconectados?).\n")
    assert "Input/output" not in r.stderr


# --- Un solo CSV --------------------------------------------------------------------------------


@pytest.mark.parametrize("opciones", [
    [], ["--solo", "op"], ["--solo", "iss"], ["--solo", "conteos"],
    ["--tipo", "ambos", "--proyeccion"], ["--desde", "2020", "--tope", "100"],
])
def test_el_csv_en_pantalla_y_exportado_son_los_mismos_bytes(runner, tmp_path, opciones):
    destino = tmp_path / "avance.csv"
    pantalla = runner.invoke(app, ["avance", "2024", "-f", "csv", *opciones])
    archivo = runner.invoke(app, ["avance", "2024", "-e", str(destino), *opciones])
    assert pantalla.exit_code == archivo.exit_code == 0, archivo.output
    assert destino.read_bytes() == pantalla.stdout_bytes
    assert destino.read_bytes().startswith("\ufeff".encode())  # UTF-8 con BOM: Excel y tildes


def test_los_conteos_por_franja_siguen_a_mano(runner):
    r = runner.invoke(app, ["avance", "2024", "-f", "csv", "--solo", "conteos"])
    filas = list(csv.reader(io.StringIO(r.stdout_bytes.decode("utf-8-sig"))))
    assert filas[0][:5] == ["grupo", "[0-75%>", "[75-95%>", "≥95%", "ND"]
    assert filas[1][:5] == ["Objetivos prioritarios", "3", "3", "0", "0"]
    assert filas[2][:5] == ["Indicadores de OP", "6", "1", "2", "4"]
    assert filas[3][:5] == ["Indicadores de servicio", "11", "5", "18", "2"]
    assert filas[4][0] == "Índice de gestión de la política nacional" and filas[4][5] == "69.0"
    tabla = runner.invoke(app, ["avance", "2024", "--solo", "conteos"], env={"COLUMNS": "100"})
    assert "Índice de gestión de la política nacional: 69.0" in tabla.stdout
    assert "Objetivos prioritarios\n\n  Código" not in tabla.stdout  # sin las tablas
    assert "IOP.01.02" not in tabla.stdout


def test_solo_avisa_que_no_cambia_el_xlsx_ni_el_json(runner, tmp_path):
    r = runner.invoke(app, ["avance", "2024", "--solo", "op", "-e", str(tmp_path / "r.json")])
    assert r.exit_code == 0 and "--solo no cambia el .json exportado" in r.stderr
    assert len(json.loads((tmp_path / "r.json").read_text("utf-8"))["indicadores"]) == 49


# --- La muestra incluida, dicha -----------------------------------------------------------------


NOTA_MUESTRA = ("nota: sin --archivo se usa la muestra incluida (pnp_2024.xlsx: Política Nacional "
                "Penitenciaria al 2030). Para usar su libro, añada -a SU_LIBRO.xlsx.")


@pytest.mark.parametrize("args", [
    ["avance", "2024"], ["avance", "2024", "-f", "json"], ["alertas", "2024", "-f", "json"],
    ["verificar", "2024"], ["evolucion", "OP.01"], ["comparar", "2023", "2024", "-f", "json"],
])
def test_sin_archivo_una_linea_nombra_la_muestra(runner, args):
    r = runner.invoke(app, args)
    assert r.exit_code in (0, 1), r.output
    assert r.stderr.splitlines().count(NOTA_MUESTRA) == 1
    assert "muestra incluida" not in r.stdout  # ni en la tabla ni en el JSON
    if "json" in args:
        json.loads(r.stdout)


def test_validar_sin_archivo_tambien(runner):
    r = runner.invoke(app, ["validar"])
    assert r.stderr.splitlines()[0] == (
        "nota: sin ARCHIVO se revisa la muestra incluida (pnp_2024.xlsx: Política Nacional "
        "Penitenciaria al 2030). Para revisar su libro: penitencia validar SU_LIBRO.xlsx")


def test_con_archivo_o_en_la_ayuda_no_hay_nota(runner):
    r = runner.invoke(app, ["avance", "2022", "-a", str(PEI)])
    assert r.exit_code == 0 and "muestra incluida" not in r.stderr
    assert "nota: sin --archivo" not in runner.invoke(app, ["avance", "-h"]).output


# --- Párrafos partidos con su sangría -----------------------------------------------------------


VISTAS = [
    ["avance", "2022", "-a", str(PEI)],
    ["avance", "2024", "--tipo", "ambos", "--proyeccion", "--tope", "100"],
    ["avance", "2024", "--desde", "2020"],
    ["alertas", "2024"], ["verificar", "2024"], ["evolucion", "IOP.01.02"],
    ["evolucion", "IOEI.01.02", "-a", str(PEI)], ["comparar", "2023", "2024"],
    ["validar", "samples/con_errores.xlsx"],
]


@pytest.mark.parametrize("args", VISTAS)
@pytest.mark.parametrize("columnas", [60, 80])
def test_ninguna_linea_partida_vuelve_a_la_columna_0(runner, monkeypatch, args, columnas):
    """Una línea que empieza en la columna 0 a ``columnas`` es el comienzo de una línea de la vista
    sin partir (a 1000 columnas); la que sigue a una línea partida va más adentro («…lo
    superaban: IOEI.01.02» y, debajo, «  211.40.»)."""
    monkeypatch.chdir(RAIZ)
    entera = runner.invoke(app, args, env={"COLUMNS": "1000"}).stdout.splitlines()
    partida = runner.invoke(app, args, env={"COLUMNS": str(columnas)}).stdout.splitlines()
    for linea in partida:
        if linea and not linea[0].isspace() and not linea.startswith(f"A {columnas} columnas"):
            assert any(e.startswith(linea.rstrip()) for e in entera), linea
    assert max(len(linea) for linea in partida) <= columnas


def test_la_nota_del_truncamiento_del_pei(runner):
    r = runner.invoke(app, ["avance", "2022", "-a", str(PEI)], env={"COLUMNS": "100"})
    assert re.search(r"lo superaban: IOEI\.01\.02\n  211\.40\.\n", r.stdout)
