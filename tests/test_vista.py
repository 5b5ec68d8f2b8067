"""Vista en la terminal: barra de avance por OP y ``avance --solo op|iop|iss`` (tabla y csv)."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

import pytest

from penitencia_cli.cli import app
from penitencia_cli.reglas.metodologia import PERFILES, Franja
from penitencia_cli.salida.consola import ANCHO_BARRA, barra, estilo

POLITICA = PERFILES["politica"]


@pytest.mark.parametrize("valor, texto", [
    ("50", "█████     "),
    ("68.7", "██████▊   "),     # 54.96 octavos → 6 llenos y 6/8
    ("0", "          "),
    ("100", "██████████"),
])
def test_barra_proporcional(valor, texto):
    b = barra(Decimal(valor), Franja.BAJA, POLITICA)
    assert b.plain == texto + " "
    assert len(b.plain) == ANCHO_BARRA + 1


def test_barra_sobre_100_y_nd():
    assert barra(Decimal("168"), Franja.ALTA, POLITICA).plain == "█" * ANCHO_BARRA + "+"
    assert barra(None, Franja.ND, POLITICA).plain == ""


def test_barra_en_el_color_de_su_franja():
    for franja in (Franja.BAJA, Franja.MEDIA, Franja.ALTA):
        assert barra(Decimal(80), franja, POLITICA).style == estilo(franja, POLITICA)
    assert estilo(Franja.BAJA, POLITICA) != estilo(Franja.ALTA, POLITICA)


def test_tabla_de_objetivos_lleva_barras(runner):
    res = runner.invoke(app, ["avance", "2024", "--solo", "op"])
    assert res.exit_code == 0, res.output
    fila = next(linea for linea in res.output.splitlines() if linea.strip().startswith("OP.03"))
    assert "20.0" in fila and "██ " in fila  # 20.0 → dos caracteres llenos
    assert "Objetivos prioritarios" in res.output
    assert "Avance Tipo I 2024" not in res.output  # sin tabla de indicadores
    assert "IOP.01.02" not in res.output


@pytest.mark.parametrize("solo, esta, no_esta", [
    ("iop", "IOP.01.02", "ISS.01.04.01.01"),
    ("iss", "ISS.01.04.01.01", "IOP.01.02"),
])
def test_solo_indicadores(runner, solo, esta, no_esta):
    res = runner.invoke(app, ["avance", "2024", "--solo", solo])
    assert res.exit_code == 0, res.output
    assert esta in res.output and no_esta not in res.output
    assert "Índice de gestión" in res.output  # el resumen se mantiene
    assert "OP.01    Reducir" not in res.output  # sin la tabla de objetivos


def _csv(runner, solo):
    res = runner.invoke(app, ["avance", "2024", "--formato", "csv", "--solo", solo])
    assert res.exit_code == 0, res.output
    return list(csv.reader(io.StringIO(res.stdout_bytes.decode("utf-8-sig"))))


def test_solo_en_csv(runner):
    op = _csv(runner, "op")
    assert op[0][:3] == ["codigo", "enunciado", "avance"]
    assert [f[2] for f in op[1:]] == ["68.7", "89.0", "20.0", "56.1", "94.3", "86.0"]
    iop = _csv(runner, "iop")
    assert len(iop) - 1 == 13 and {f[1] for f in iop[1:]} == {"IOP"}
    iss = _csv(runner, "iss")
    assert len(iss) - 1 == 36 and {f[1] for f in iss[1:]} == {"ISS"}


def test_solo_no_cambia_el_json(runner):
    res = runner.invoke(app, ["avance", "2024", "--formato", "json", "--solo", "iss"])
    assert res.exit_code == 0
    import json

    assert len(json.loads(res.stdout)["indicadores"]) == 49


def test_solo_invalido(runner):
    res = runner.invoke(app, ["avance", "2024", "--solo", "ln"])
    assert res.exit_code == 2


def test_tabla_de_indicadores_por_tramos_se_lee_como_una_sola():
    """Con muchas filas la tabla se imprime por tramos (memoria acotada) con los mismos anchos:
    un solo encabezado, todas las filas, columnas alineadas y nada más ancho que la terminal."""
    from rich.console import Console

    from conftest import MUESTRA, calcular
    from penitencia_cli.lectura import leer_libro
    from penitencia_cli.salida.vista_avance import tablas_indicadores

    resultado = calcular(leer_libro(MUESTRA), 2024)
    tramos = list(tablas_indicadores(resultado, tramo=10))
    assert len(tramos) > 3

    def texto(*tablas) -> list[str]:
        consola = Console(width=100, record=True, file=io.StringIO())
        for t in tablas:
            consola.print(t)
        return consola.export_text().splitlines()

    por_tramos, entera = texto(*tramos), texto(*tablas_indicadores(resultado, tramo=10_000))
    assert max(len(linea) for linea in por_tramos) <= 100
    assert sum("Código" in linea for linea in por_tramos) == 1
    for r in resultado.indicadores:
        assert sum(linea.split()[:1] == [r.codigo] for linea in por_tramos) == 1
    # Las columnas quedan donde quedan en la tabla entera: la franja de cada indicador empieza en
    # la misma columna en todos los tramos.
    columna_franja = {linea.index("●") for linea in por_tramos if "●" in linea}
    assert len(columna_franja) == 1
    assert columna_franja == {linea.index("●") for linea in entera if "●" in linea}


# --- Anchos: archivos, tuberías y terminales estrechas -----------------------------------------


def test_redirigida_a_un_archivo_ancho_fijo_y_sin_blancos_finales(tmp_path):
    """Sin terminal (ni COLUMNS), la vista se dispone a 120 columnas y ninguna línea termina en
    blancos."""
    import os
    import subprocess
    import sys

    from conftest import RAIZ

    entorno = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
    entorno["PYTHONPATH"] = str(RAIZ)
    destino = tmp_path / "avance.txt"
    with open(destino, "w", encoding="utf-8") as salida:
        r = subprocess.run([sys.executable, "-m", "penitencia_cli", "avance", "2024"],
                           stdout=salida, stderr=subprocess.PIPE, env=entorno, cwd=tmp_path)
    assert r.returncode == 0
    lineas = destino.read_text(encoding="utf-8").splitlines()
    assert max(len(linea) for linea in lineas) in (119, 120)
    assert all(linea == linea.rstrip() for linea in lineas)


ORDENES = [["avance", "2024"], ["avance", "2024", "--tipo", "2"],
           ["avance", "2024", "--tipo", "ambos", "--proyeccion", "--tope", "100"],
           ["avance", "2024", "--solo", "op"], ["alertas", "2024"], ["verificar", "2024"],
           ["evolucion", "IOP.01.02"], ["evolucion", "INDICE"], ["comparar", "2023", "2024"],
           ["validar"]]


@pytest.mark.parametrize("columnas", [80, 100, 120])
@pytest.mark.parametrize("args", ORDENES)
def test_ninguna_palabra_cortada_ni_linea_de_mas(runner, args, columnas):
    """A 80 columnas los nombres se parten entre palabras (o se omiten antes columnas
    secundarias, y se dice cuáles): ni una palabra cortada con '…'."""
    r = runner.invoke(app, args, env={"COLUMNS": str(columnas)})
    assert r.exit_code in (0, 1), r.output
    assert "…" not in r.stdout
    assert max(len(linea) for linea in r.stdout.splitlines()) <= columnas


def test_a_80_columnas_se_omite_primero_lo_secundario_y_se_dice(runner):
    r = runner.invoke(app, ["avance", "2024"], env={"COLUMNS": "80"})
    assert "0 ─── 100" not in r.stdout          # la barra de los OP, primero
    assert "A 80 columnas no cabe: sentido" in r.stdout
    assert "significativamente" in r.stdout     # la palabra más larga, entera
    r = runner.invoke(app, ["avance", "2024"], env={"COLUMNS": "120"})
    assert "0 ─── 100" in r.stdout and "Sent." in r.stdout and "no cabe" not in r.stdout


def test_evolucion_del_indice_cuenta_objetivos(runner):
    r = runner.invoke(app, ["evolucion", "INDICE"], env={"COLUMNS": "100"})
    assert "6 de 6 OP" in r.stdout and "ind." not in r.stdout
    r = runner.invoke(app, ["evolucion", "OP.01"], env={"COLUMNS": "100"})
    assert "de 2 ind." in r.stdout


NOMBRES_CON_CORCHETES = {"IOP.01.01": "Hogares [urbanos] con :thumbs_up: agua",
                         "IOP.01.02": "Tasa de cierre [/b] anual",
                         "IOP.02.01": "Sin dato [rural] :x:"}


@pytest.mark.parametrize("args, codigos", [
    (["avance", "2024"], ["IOP.01.01", "IOP.01.02", "IOP.02.01"]),
    (["alertas", "2024"], ["IOP.02.01"]), (["evolucion", "IOP.01.01"], ["IOP.01.01"])])
def test_un_nombre_con_corchetes_o_dos_puntos_se_ve_tal_cual(runner, libro, args, codigos):
    """rich lee '[...]' como marcado y ':nombre:' como emoji en un texto suelto: un nombre del
    libro con '[urbanos]' se perdía en silencio y uno con '[/b]' terminaba en «Error inesperado
    (MarkupError)». Las vistas lo muestran tal como está escrito."""
    from conftest import hojas_minimas

    hojas = hojas_minimas()
    for fila in hojas["Indicadores"][1:]:
        fila[3] = NOMBRES_CON_CORCHETES.get(fila[0], fila[3])
    r = runner.invoke(app, [*args, "-a", str(libro(hojas))], env={"COLUMNS": "200"})
    assert r.exit_code in (0, 1) and "Error inesperado" not in r.output, r.output
    for codigo in codigos:
        assert NOMBRES_CON_CORCHETES[codigo] in r.stdout
