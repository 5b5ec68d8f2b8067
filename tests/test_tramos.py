"""Las tablas largas escritas sin rich (salida/tramos.py) son idénticas, línea por línea, a las que
dibuja rich: tablas con borde y anchos fijos (la de indicadores) y rejillas cuyo ancho depende del
contenido (la lista de notas), con textos al azar, a varios anchos."""

from __future__ import annotations

import io
import os
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich import box
from rich.console import Console
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from penitencia_cli.salida.tramos import Tramo, _Escritor

PALABRA = st.text(alphabet=st.characters(codec="utf-8", categories=("L", "N", "P", "S", "Zs")),
                  min_size=0, max_size=14)
TEXTO = st.lists(PALABRA, max_size=12).map(" ".join) | st.sampled_from(
    ["", " ", "a  b", "漢字の名前 largo", "x" * 70, " borde ", "[b]marcado[/b]", ":smile: ok",
     "tab\tdentro", "dos\nlíneas", "nbsp\u00a0final\u00a0"])
AJUSTES = settings(max_examples=int(os.environ.get("PENITENCIA_EJEMPLOS", 120)), deadline=None)


def _consola(ancho: int) -> Console:
    return Console(file=io.StringIO(), width=ancho, color_system=None, highlight=False)


def _dibujo(consola: Console, renderable) -> str:
    consola.print(renderable)
    return consola.file.getvalue()


def _tabla(titulo: str | None, anchos: list[int]) -> Table:
    t = Table(title=titulo, box=box.SIMPLE_HEAVY, title_justify="left", expand=True,
              show_header=titulo is not None)
    t.add_column("Código", no_wrap=True, min_width=anchos[0], max_width=anchos[0])
    t.add_column("Indicador", ratio=1)
    t.add_column("LE", justify="right", no_wrap=True, min_width=anchos[1], max_width=anchos[1])
    t.add_column("Franja", no_wrap=True, min_width=anchos[2], max_width=anchos[2])
    return t


@AJUSTES
@given(filas=st.lists(st.tuples(st.text("ABC.0123", max_size=10), TEXTO,
                                st.text("0123456789,.", max_size=8), st.sampled_from(
                                    ["● [0-75%>", "● ≥95%", "ND", Text("●", style="red")]),
                                st.booleans()), min_size=1, max_size=12),
       ancho=st.sampled_from([60, 80, 120, 200]), titulo=st.sampled_from([None, "Indicadores"]))
def test_tabla_con_borde_como_rich(filas, ancho, titulo):
    anchos = [10, 8, 9]
    tramo, tabla = Tramo(lambda: _tabla(titulo, anchos)), _tabla(titulo, anchos)
    for codigo, nombre, le, franja, seccion in filas:
        for t in (tramo, tabla):
            t.add_row(Text(codigo, style="bold"), nombre, le, franja)
            if seccion:
                t.add_section()
    assert _dibujo(_consola(ancho), tramo) == _dibujo(_consola(ancho), tabla)


def _rejilla() -> Table:
    grid = Table.grid(padding=(0, 1), pad_edge=True)
    grid.add_column(no_wrap=True)
    grid.add_column(ratio=1)
    return grid


@AJUSTES
@given(filas=st.lists(st.tuples(st.text("ISO.0123:", min_size=1, max_size=18), TEXTO),
                      min_size=1, max_size=15), ancho=st.sampled_from([40, 80, 120]))
def test_rejilla_de_notas_como_rich(filas, ancho):
    tramo, grid = Tramo(_rejilla, por_contenido=True, margen=(0, 0, 1, 1)), _rejilla()
    for codigo, texto in filas:
        for t in (tramo, grid):
            t.add_row(Text(codigo, style="bold"), texto)
    assert _dibujo(_consola(ancho), tramo) == _dibujo(_consola(ancho), Padding(grid, (0, 0, 1, 1)))


def test_se_escribe_sin_rich_y_con_colores_lo_dibuja_rich(monkeypatch):
    """Sin colores, las filas las escribe el tramo (rich sólo dibuja la muestra); en una
    terminal con colores, rich dibuja la tabla entera, como antes."""
    llamadas = []
    original = _Escritor.filas
    monkeypatch.setattr(_Escritor, "filas", lambda self, filas: llamadas.append(len(filas))
                        or original(self, filas))
    tramo = Tramo(lambda: _tabla("T", [10, 8, 9]))
    for i in range(50):
        tramo.add_row(f"C{i}", f"Indicador {i}", str(i), "ND")
    _dibujo(_consola(100), tramo)
    assert llamadas == [3, 50]
    llamadas.clear()
    color = Console(file=io.StringIO(), width=100, force_terminal=True, color_system="truecolor")
    texto = _dibujo(color, tramo)
    assert llamadas == [] and "\x1b[" in texto


@pytest.mark.parametrize("ancho", [80, 120])
def test_la_vista_de_avance_de_una_matriz_grande_es_la_de_rich(ancho, monkeypatch, tmp_path):
    """La vista entera de avance sobre 3 000 indicadores (tramos de la tabla y miles de notas),
    con y sin el atajo: el mismo texto."""
    import sys

    from conftest import RAIZ, preparada

    sys.path.insert(0, str(RAIZ / "benchmarks"))
    import generar

    from penitencia_cli.lectura import leer_libro
    from penitencia_cli.reglas.consulta import PedidoAvance, calcular_avance
    from penitencia_cli.salida import tramos
    from penitencia_cli.salida.vista_avance import mostrar_calculo

    ruta = generar.escribir(generar.datos(3000, semilla=11), tmp_path / "g.xlsx")
    calculo = calcular_avance(preparada(leer_libro(ruta)), PedidoAvance(2024))

    def vista() -> str:
        consola = _consola(ancho)
        mostrar_calculo(calculo, consola)
        return consola.file.getvalue()

    rapido = vista()
    monkeypatch.setattr(tramos.Tramo, "_lineas", lambda self, consola, opciones: None)
    assert rapido == vista()
    assert rapido.count("\n") > 6000


PALABRA_ASCII = st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=126),
                        min_size=0, max_size=16)


@AJUSTES
@given(st.lists(PALABRA_ASCII, max_size=20).map(" ".join), st.integers(1, 40))
def test_cortes_ascii_como_divide_line_de_rich(texto, ancho):
    """Los cortes propios de un texto ASCII visible son los de rich; si una palabra no cabe en el
    ancho, no los da (los hace rich)."""
    from rich._wrap import divide_line

    from penitencia_cli.salida.tramos import cortes_ascii

    cortes = cortes_ascii(texto, ancho)
    # Una palabra de rich lleva delante los blancos del comienzo del texto.
    if any(len(p.rstrip()) > ancho for p in re.findall(r"\s*\S+\s*", texto)):
        assert cortes is None
    else:
        assert cortes == divide_line(texto, ancho, fold=True) == divide_line(texto, ancho,
                                                                             fold=False)


@AJUSTES
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=30) | TEXTO)
def test_sin_control_como_strip_control_codes_de_rich(texto):
    """Quitar los códigos de control como ``Text`` de rich: un texto visible queda igual."""
    from rich.control import strip_control_codes

    from penitencia_cli.salida.tramos import sin_control

    assert sin_control(texto) == strip_control_codes(texto)
