"""Las tablas largas (salida/tramos.py): los anchos de sus columnas se deciden una vez y se dan a
rich; sin colores, sus filas escritas aquí son idénticas, línea por línea, a las que dibuja rich con
esos anchos: tablas con borde y columnas fijas (la de indicadores) y rejillas cuyo ancho depende del
contenido (la lista de notas), con textos al azar, a varios anchos. Que ni aquí ni en el paquete
se use una parte privada de rich lo comprueba tests/test_api_publica.py."""

from __future__ import annotations

import io
import os

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from rich import box
from rich.console import Console, Group
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from penitencia_cli.salida.consola import lista_notas
from penitencia_cli.salida.tramos import Tramo, _Escritor

PALABRA = st.text(alphabet=st.characters(codec="utf-8", categories=("L", "N", "P", "S", "Zs")),
                  min_size=0, max_size=14)
TEXTO = st.lists(PALABRA, max_size=12).map(" ".join) | st.sampled_from(
    ["", " ", "a  b", "漢字の名前 largo", "x" * 70, " borde ", "[b]marcado[/b]", ":smile: ok",
     "tab\tdentro", "dos\nlíneas", "nbsp\u00a0final\u00a0", "fin con blancos   ", "26 "])
AJUSTES = settings(max_examples=int(os.environ.get("PENITENCIA_EJEMPLOS", 120)), deadline=None)


def _consola(ancho: int) -> Console:
    return Console(file=io.StringIO(), width=ancho, color_system=None, highlight=False)


def _dibujo(consola: Console, renderable) -> str:
    consola.print(renderable)
    return consola.file.getvalue()


def _lineas_de_rich(consola: Console, tabla: Table) -> list[str]:
    return ["".join(s.text for s in linea)
            for linea in consola.render_lines(tabla, consola.options, pad=False)]


def _tabla(titulo: str | None, anchos: list[int]) -> Table:
    """Como la de indicadores: columnas de ancho fijo y una flexible que toma el resto."""
    t = Table(title=titulo, box=box.SIMPLE_HEAVY, title_justify="left", expand=True,
              show_header=titulo is not None)
    t.add_column("Código", no_wrap=True, width=anchos[0])
    t.add_column("Indicador", ratio=1)
    t.add_column("LE", justify="right", no_wrap=True, min_width=anchos[1], max_width=anchos[1])
    t.add_column("Franja", no_wrap=True, min_width=anchos[2], max_width=anchos[2])
    return t


@AJUSTES
@given(filas=st.lists(st.tuples(st.text("ABC.0123", max_size=10), TEXTO,
                                st.text("0123456789,. ", max_size=8), st.sampled_from(
                                    ["● [0-75%>", "● ≥95%", "ND", Text("●", style="red")]),
                                st.booleans()), min_size=1, max_size=12),
       ancho=st.sampled_from([60, 80, 120, 200]), titulo=st.sampled_from([None, "Indicadores"]))
def test_tabla_con_borde_como_rich(filas, ancho, titulo):
    """Las filas escritas aquí son las que dibuja rich con los mismos anchos: la columna
    flexible toma todo lo que dejan las fijas."""
    tramo = Tramo(lambda: _tabla(titulo, [10, 8, 9]))
    for codigo, nombre, le, franja, seccion in filas:
        tramo.add_row(Text(codigo, style="bold"), nombre, le, franja)
        if seccion:
            tramo.add_section()
    consola = _consola(ancho)
    medidas = tramo.anchos(consola, ancho)
    # ``width`` o ``min_width`` = ``max_width``: ese ancho; bordes, 2, y 3 separadores
    assert medidas == [10, ancho - 10 - 8 - 9 - 2 * 4 - 5, 8, 9]
    escritas = tramo.escritas(consola, consola.options, medidas)
    assert escritas == _lineas_de_rich(consola, tramo.tabla(medidas))
    assert _dibujo(_consola(ancho), tramo) == _dibujo(_consola(ancho), tramo.tabla(medidas))


def _rejilla_de_antes() -> Table:
    """La rejilla de la lista de notas hasta 5059e67, cuyo ancho medía rich."""
    grid = Table.grid(padding=(0, 1), pad_edge=True)
    grid.add_column(no_wrap=True)
    grid.add_column(ratio=1)
    return grid


@AJUSTES
@given(filas=st.lists(st.tuples(st.text("ISO.0123:", min_size=1, max_size=18), TEXTO),
                      min_size=1, max_size=15), ancho=st.sampled_from([40, 80, 120]))
def test_lista_de_notas_como_rich_y_como_antes(filas, ancho):
    """La lista de notas escrita aquí es la que dibuja rich con los mismos anchos, y la misma
    que dibujaba rich midiendo él mismo la rejilla de antes."""
    filas = [(Text(codigo, style="bold"), texto) for codigo, texto in filas]
    notas = lista_notas(Text("Notas:"), filas)
    titulo, margen = notas.renderables
    tramo = margen.renderable
    consola = _consola(ancho)
    medidas = tramo.anchos(consola, ancho - 2)
    assume(medidas is not None)  # un código más ancho que la pantalla: lo dibuja rich
    assert tramo.escritas(consola, consola.options.update_width(ancho - 2), medidas) is not None
    con_rich = Group(titulo, Padding(tramo.tabla(medidas), (0, 0, 1, 2)))
    assert _dibujo(_consola(ancho), notas) == _dibujo(_consola(ancho), con_rich)
    antes = _rejilla_de_antes()
    for codigo, texto in filas:
        antes.add_row(codigo, texto)
    assert _dibujo(_consola(ancho), notas) == _dibujo(_consola(ancho),
                                                      Group(titulo, Padding(antes, (0, 0, 1, 1))))


def test_anchos_de_una_rejilla_por_contenido():
    """Sin ``expand``, la columna flexible mide su línea más larga si cabe, y si no, lo que
    queda; la otra, su línea más larga. Dos columnas flexibles, o una que no cabe: las dispone
    rich (None)."""
    def rejilla(flexibles: int = 1) -> Tramo:
        def tabla() -> Table:
            t = Table.grid(padding=(0, 1, 0, 0), pad_edge=True, collapse_padding=False)
            t.add_column(no_wrap=True, ratio=1 if flexibles == 2 else None)
            t.add_column(ratio=1)
            return t
        tramo = Tramo(tabla)
        tramo.add_row("ISS.01:", "una nota corta")
        tramo.add_row("OP.1:", "una nota bastante más larga que la otra")
        return tramo

    consola = _consola(200)
    assert rejilla().anchos(consola, 200) == [7, 39]
    assert rejilla().anchos(consola, 30) == [7, 30 - 8 - 1]
    assert rejilla().anchos(consola, 9) is None
    assert rejilla(flexibles=2).anchos(consola, 200) is None


def test_se_escribe_sin_rich_y_con_colores_lo_dibuja_rich(monkeypatch):
    """Sin colores, las filas las escribe el tramo (rich sólo dibuja las primeras, para el
    encabezado); en una terminal con colores, rich dibuja la tabla entera, con esos anchos."""
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
    sin_escape = Text.from_ansi(texto).plain
    assert sin_escape.splitlines() == _dibujo(_consola(100), tramo).splitlines()


def test_una_celda_que_no_es_texto_la_dibuja_rich():
    tramo = Tramo(lambda: _tabla("T", [10, 8, 9]))
    tramo.add_row("C1", "Indicador", "1", "ND")
    tramo.add_row("C2", Padding("con margen", (0, 0, 0, 2)), "2", "ND")
    consola = _consola(80)
    medidas = tramo.anchos(consola, 80)
    assert tramo.escritas(consola, consola.options, medidas) is None
    assert "  con margen" in _dibujo(_consola(80), tramo)
    assert _dibujo(_consola(80), tramo) == _dibujo(_consola(80), tramo.tabla(medidas))


PALABRA_SIMPLE = st.text(alphabet=st.characters(min_codepoint=33, max_codepoint=126)
                        | st.sampled_from("áéíóúñÁÑü·—"), min_size=0, max_size=16)


@AJUSTES
@given(st.lists(PALABRA_SIMPLE, max_size=20).map(" ".join) | st.sampled_from(
    ["", "   ", "  borde", "fin   ", "a" * 30, "dos  espacios  aquí"]), st.integers(1, 40))
def test_partir_como_text_wrap_de_rich(texto, ancho):
    """Un texto en el que cada carácter ocupa una columna se parte como lo parte ``Text.wrap``
    (justificado a la izquierda); sólo si una palabra no cabe en el ancho o el texto empieza con
    blancos puede dejárselo a rich."""
    from penitencia_cli.salida.tramos import _partir

    lineas = _partir(texto, ancho)
    rich = [linea.plain for linea in Text(texto).wrap(_consola(80), ancho, justify="left")]
    if lineas is not None:
        assert lineas == rich
    if not texto.startswith(" ") and all(len(p) <= ancho for p in texto.split(" ")):
        assert lineas is not None


@AJUSTES
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=30) | TEXTO)
def test_ancho_y_control_como_rich(texto):
    """Los atajos de un texto visible dan lo mismo que rich: su ancho (``cell_len``) y el texto
    sin códigos de control (``strip_control_codes``, lo que hace ``Text``)."""
    from rich.cells import cell_len
    from rich.control import strip_control_codes

    from penitencia_cli.salida.tramos import ancho_de, sin_control

    assert ancho_de(texto) == cell_len(texto)
    assert sin_control(texto) == strip_control_codes(texto) == Text(texto).plain


@pytest.mark.parametrize("ancho", [80, 120])
def test_la_vista_de_avance_de_una_matriz_grande_es_la_de_rich(ancho, monkeypatch, tmp_path):
    """La vista entera de avance sobre 3 000 indicadores (tramos de la tabla y miles de notas),
    escrita aquí y dibujada toda por rich: el mismo texto."""
    import sys

    from conftest import RAIZ, preparada

    sys.path.insert(0, str(RAIZ / "benchmarks"))
    import generar

    from penitencia_cli.lectura import leer_libro
    from penitencia_cli.reglas.consulta import PedidoAvance, calcular_avance
    from penitencia_cli.salida.vista_avance import mostrar_calculo

    ruta = generar.escribir(generar.datos(3000, semilla=11), tmp_path / "g.xlsx")
    calculo = calcular_avance(preparada(leer_libro(ruta)), PedidoAvance(2024))

    def vista() -> str:
        consola = _consola(ancho)
        mostrar_calculo(calculo, consola)
        return consola.file.getvalue()

    llamadas = []
    original = _Escritor.filas
    monkeypatch.setattr(_Escritor, "filas", lambda self, filas: llamadas.append(len(filas))
                        or original(self, filas))
    rapido = vista()
    assert sum(llamadas) > 4000  # las filas de la tabla y de las notas, escritas aquí
    monkeypatch.setattr(Tramo, "escritas", lambda self, consola, opciones, medidas: None)
    assert rapido == vista()
    assert rapido.count("\n") > 6000
