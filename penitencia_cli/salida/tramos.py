"""Tablas largas de rich (los tramos de la tabla de indicadores, la lista de notas) escritas rápido
sin cambiar un byte.

rich arma cada fila de una tabla midiendo y dibujando cada celda (decenas de objetos por celda):
con 100 000 indicadores, minutos. Pero sin colores (una salida redirigida a un archivo o a una
tubería) y con los anchos de columna ya decididos, cada línea es texto alineado: el borde, cada
celda con sus blancos y alineada a su ancho, el separador entre columnas. Sólo las celdas que se
parten en líneas (el nombre del indicador, el texto de una nota) las sigue partiendo rich, con su
misma función, celda por celda.

Los anchos los calcula rich (su mismo cálculo) sobre unas pocas filas: las primeras y, si los
anchos dependen del contenido, las que tienen el texto y la palabra más largos de cada columna
(el cálculo de rich sólo mira esos máximos). Y para no depender de cómo dibuja rich por dentro,
cada tabla se comprueba a sí misma: rich dibuja esas filas, y si las líneas escritas aquí no son
idénticas, la tabla entera la dibuja rich (como antes). En una terminal, con colores, también.
"""

from __future__ import annotations

import re
from typing import Any, Callable

from rich._wrap import divide_line
from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderResult
from rich.control import strip_control_codes
from rich.padding import Padding
from rich.segment import Segment
from rich.table import Table
from rich.text import Text

_BLANCOS_FINALES = re.compile(r"\s+$")
MUESTRA = 3
"""Primeras filas que rich dibuja en cada tabla para comprobar las líneas escritas aquí."""

Fila = tuple[tuple, bool]
"""Las celdas de una fila y si termina una sección."""


class Tramo:
    """Las filas de una tabla de rich (``add_row``, ``add_section``, como en ``Table``) y cómo
    armarla vacía (``tabla``: título, columnas y anchos). Se dibuja con ``consola.print``.
    ``por_contenido``: los anchos dependen del contenido de las celdas (una rejilla sin ancho
    fijo); si no, sólo del ancho disponible."""

    def __init__(self, tabla: Callable[[], Table], por_contenido: bool = False,
                 margen: tuple[int, int, int, int] | None = None):
        self._tabla = tabla
        self.por_contenido = por_contenido
        self.margen = margen
        """Como ``Padding(tabla, margen)``: (arriba, derecha, abajo, izquierda)."""
        self.filas: list[Fila] = []

    def add_row(self, *celdas) -> None:
        self.filas.append((celdas, False))

    def add_section(self) -> None:
        if self.filas:
            self.filas[-1] = (self.filas[-1][0], True)

    def tabla(self, filas: list[Fila] | None = None) -> Table:
        """La tabla de rich con ``filas`` (todas, si no se dicen)."""
        t = self._tabla()
        for celdas, seccion in (self.filas if filas is None else filas):
            t.add_row(*celdas)
            if seccion:
                t.add_section()
        return t

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        arriba, derecha, abajo, izquierda = self.margen or (0, 0, 0, 0)
        ancho = options.max_width
        interior = ancho - izquierda - derecha
        lineas = None
        if console.color_system is None and self.filas:
            try:
                lineas = self._lineas(console, options.update_width(interior))
            except Exception:  # cualquier sorpresa: lo dibuja rich, como siempre
                lineas = None
            if self.margen and lineas is not None:  # lo que haría Padding (expand)
                anchos = [ancho_de(linea) for linea in lineas]
                if max(anchos, default=0) > interior:
                    lineas = None
                else:
                    lineas = ([" " * ancho] * arriba
                              + [" " * izquierda + linea + " " * (interior - largo + derecha)
                                 for linea, largo in zip(lineas, anchos)]
                              + [" " * ancho] * abajo)
        if lineas is None:
            tabla = self.tabla() if self.margen is None else Padding(self.tabla(), self.margen)
            yield from _recortadas(console, console.render(tabla, options))
            return
        nueva = Segment.line()
        if max(map(ancho_de, lineas[:3] + lineas[-3:])) > console.width:  # (todas igual de anchas)
            yield from _recortadas(console, (s for linea in lineas for s in (Segment(linea), nueva)))
            return
        for linea in lineas:
            yield Segment(linea)
            yield nueva

    @staticmethod
    def imprimir(consola: Console, pieza) -> None:
        """``consola.print(pieza)``; un :class:`Tramo` (solo o en un ``Group``) sin que rich mida
        otra vez cada línea para recortarla al ancho de la consola: ya viene recortado."""
        from rich.console import Group

        if isinstance(pieza, Tramo):
            consola.print(pieza, crop=False)
        elif isinstance(pieza, Group) and _con_tramo(pieza):  # cada parte termina su línea
            for parte in pieza.renderables:
                Tramo.imprimir(consola, parte)
        else:
            consola.print(pieza)

    def _muestra(self, console: Console) -> list[Fila]:
        """Las primeras filas y, con ``por_contenido``, las de los máximos de cada columna."""
        indices = set(range(min(MUESTRA, len(self.filas))))
        if self.por_contenido:
            columnas = max(len(celdas) for celdas, _ in self.filas)
            for i in range(columnas):
                medidas = [_medida(console, celdas[i] if i < len(celdas) else "")
                           for celdas, _ in self.filas]
                for k in (0, 1):
                    indices.add(max(range(len(medidas)), key=lambda n: medidas[n][k]))
        muestra = [self.filas[i] for i in sorted(indices)]
        return muestra[:-1] + [(muestra[-1][0], False)]

    def _lineas(self, console: Console, options: ConsoleOptions) -> list[str] | None:
        muestra = self._muestra(console)
        tabla = self.tabla(muestra)
        dibujadas = ["".join(s.text for s in linea)
                     for linea in console.render_lines(tabla, options, pad=False)]
        ancho = (tabla.width or options.max_width) - tabla._extra_width  # como rich
        anchos = tabla._calculate_column_widths(console, options.update_width(ancho))
        escritor = _Escritor(console, options, tabla, anchos)
        propias = escritor.filas(muestra)
        pie = 1 if tabla.box and tabla.show_edge else 0
        if propias is None or len(propias) + pie > len(dibujadas):
            return None
        cabeza = dibujadas[: len(dibujadas) - pie - len(propias)]
        if cabeza + propias + dibujadas[len(dibujadas) - pie:] != dibujadas:
            return None
        resto = escritor.filas(self.filas)
        if resto is None:
            return None
        return cabeza + resto + dibujadas[len(dibujadas) - pie:]


def _recortadas(console: Console, segmentos) -> RenderResult:
    """Los segmentos recortados al ancho de la consola como los recorta ``Console.print``."""
    for linea in Segment.split_and_crop_lines(segmentos, console.width, pad=False):
        yield from linea


def _con_tramo(pieza) -> bool:
    from rich.console import Group

    return any(isinstance(p, Tramo) or (isinstance(p, Group) and _con_tramo(p))
               for p in pieza.renderables)


def ancho_de(texto: str) -> int:
    """Las columnas de la terminal que ocupa un texto (``cell_len`` de rich; el ASCII visible,
    sin consultarlo)."""
    return len(texto) if texto.isascii() and texto.isprintable() else cell_len(texto)


def sin_control(texto: str) -> str:
    """``strip_control_codes`` de rich (lo que hace ``Text`` con su texto); un texto visible
    (``isprintable``) no tiene nada que quitar y no pasa por su ``translate``, lento."""
    return texto if texto.isprintable() else strip_control_codes(texto)


def _texto(console: Console, valor: Any) -> str:
    """El texto que rich muestra de una celda (un str pasa por su marcado y sus emojis)."""
    if isinstance(valor, Text):
        return valor.plain
    texto = sin_control(str(valor))  # como Text
    if "[" in texto or ":" in texto:
        texto = console.render_str(texto).plain
    return texto


def _medida(console: Console, valor: Any) -> tuple[int, int]:
    """Lo que mide rich de una celda de texto: la línea y la palabra más largas."""
    texto = _texto(console, valor)
    if texto.isascii() and texto.isprintable():  # una línea; cada carácter, una columna
        return len(texto), max(map(len, texto.split()), default=0)
    lineas, palabras = texto.splitlines(), texto.split()
    return (max((ancho_de(x) for x in lineas), default=0),
            max((ancho_de(x) for x in palabras), default=0))


class _Escritor:
    """Escribe las líneas de las filas de una tabla de rich sin colores, con sus anchos."""

    def __init__(self, console: Console, options: ConsoleOptions, tabla: Table,
                 anchos: list[int]):
        self.console = console
        self.anchos = anchos
        self.columnas = tabla.columns
        caja = tabla.box
        self.borde = (caja.mid_left, caja.mid_right) if caja and tabla.show_edge else ("", "")
        self.divisor = caja.mid_vertical if caja else ""
        self.separador = (caja.get_row(anchos, "row", edge=tabla.show_edge) if caja else None)
        self.opciones = [options.update(width=ancho, justify=col.justify, no_wrap=col.no_wrap,
                                        overflow=col.overflow, height=None,
                                        highlight=col.highlight)
                         for ancho, col in zip(anchos, tabla.columns)]
        self.blancos = [" " * ancho for ancho in anchos]
        _, derecha, _, izquierda = tabla.padding
        ultima = len(anchos) - 1
        self.rellenos = []
        for i in range(len(anchos)):  # como Table._get_cells (sólo los blancos a los lados)
            izq, der = izquierda, derecha
            if tabla.collapse_padding and i:
                izq = max(0, izq - der)
            if not tabla.pad_edge:
                izq, der = (0 if i == 0 else izq), (0 if i == ultima else der)
            self.rellenos.append((izq, der))

    def celda(self, i: int, valor: Any) -> list[str] | None:
        """Las líneas de una celda, con sus blancos, de ``anchos[i]`` columnas."""
        col, ancho = self.columnas[i], self.anchos[i]
        izq, der = self.rellenos[i]
        if col.no_wrap:
            texto = _texto(self.console, valor)
            hueco = ancho - izq - der - ancho_de(texto)
            if hueco < 0 or "\n" in texto:
                return None
            if col.justify == "right":
                return [" " * (izq + hueco) + texto + " " * der]
            if col.justify not in ("left", "default"):
                return None
            return [" " * izq + texto + " " * (hueco + der)]
        if col.justify in ("left", "default") and col.overflow in ("ellipsis", "fold") and (
                not isinstance(valor, Text) or (valor.justify is valor.overflow is None
                                                and not valor.no_wrap)):
            texto = _texto(self.console, valor)
            if "\n" not in texto and "\t" not in texto:
                lineas = _partir(texto, ancho - izq - der, col.overflow == "fold")
                if lineas is not None:
                    return [" " * izq + linea + " " * der for linea in lineas]
        lineas = self.console.render_lines(Padding(valor, (0, der, 0, izq)), self.opciones[i],
                                           pad=True)
        return ["".join(s.text for s in linea) for linea in lineas]

    def filas(self, filas: list[Fila]) -> list[str] | None:
        salida: list[str] = []
        agregar = salida.append
        ultima = len(filas) - 1
        columnas = range(len(self.columnas))
        izquierda, derecha = self.borde
        divisor = self.divisor
        for k, (celdas, seccion) in enumerate(filas):
            partes = []
            for i in columnas:
                lineas = self.celda(i, celdas[i] if i < len(celdas) else "")
                if lineas is None:
                    return None
                partes.append(lineas)
            alto = max(map(len, partes))
            if alto == 1 and all(partes):  # el caso común: cada celda, una línea
                agregar(izquierda + divisor.join([p[0] for p in partes]) + derecha)
            else:
                self._varias_lineas(partes, alto, agregar)
            if seccion and k != ultima and self.separador is not None:
                agregar(self.separador)
        return salida

    def _varias_lineas(self, partes: list[list[str]], alto: int, agregar) -> None:
        """Las líneas de una fila con alguna celda partida: las más cortas, con blancos."""
        izquierda, derecha = self.borde
        divisor, blancos = self.divisor, self.blancos
        for n in range(alto):
            agregar(izquierda + divisor.join(p[n] if n < len(p) else blancos[i]
                                             for i, p in enumerate(partes)) + derecha)


def _partir(texto: str, ancho: int, doblar: bool) -> list[str] | None:
    """Las líneas de un texto de una sola línea partido como lo parte ``Text.wrap`` de rich
    (justificado a la izquierda), cada una de ``ancho`` columnas; None si alguna se cortaría
    (una palabra más larga que el ancho): entonces lo hace rich."""
    largo = ancho_de(texto)
    if largo <= ancho:  # cabe: una sola línea
        return [texto + " " * (ancho - largo)]
    cortes = cortes_ascii(texto, ancho) if texto.isascii() and texto.isprintable() else None
    if cortes is None:
        cortes = divide_line(texto, ancho, fold=doblar)
    cortes = [0, *cortes, len(texto)]
    lineas = []
    for a, b in zip(cortes, cortes[1:]):
        linea = texto[a:b]
        if len(linea) > ancho:  # Text.rstrip_end: los blancos finales más allá del ancho
            blancos = _BLANCOS_FINALES.search(linea)
            if blancos is not None:
                linea = linea[: len(linea) - min(len(blancos.group()), len(linea) - ancho)]
        largo = ancho_de(linea)
        if largo > ancho:
            return None
        lineas.append(linea + " " * (ancho - largo))
    return lineas


_NO_BLANCO = re.compile(r"\S")


def cortes_ascii(texto: str, ancho: int) -> list[int] | None:
    """Los cortes de ``divide_line`` de rich en un texto ASCII visible (cada carácter, una
    columna; el único blanco es el espacio), si ninguna palabra es más larga que el ancho; si
    alguna lo es, None (entonces la corta o la dobla rich).

    Como rich, cada línea toma las palabras que terminan (sin sus blancos) dentro del ancho; la
    primera que no cabe empieza la línea siguiente. Se busca con ``find`` y ``rfind`` (en C) una
    vez por línea, no palabra por palabra."""
    cortes: list[int] = []
    largo = len(texto)
    linea = 0  # donde empieza la línea en curso
    while linea + ancho < largo:
        fin = linea + ancho  # la línea ocupa [linea, fin)
        if texto[fin] == " ":  # la palabra que llega a ``fin`` cabe; la siguiente va abajo
            siguiente = _NO_BLANCO.search(texto, fin)
            if siguiente is None:
                break  # sólo blancos: se quedan al final de la línea
            corte = siguiente.start()
        else:  # la palabra que pasa por ``fin`` va abajo entera
            corte = texto.rfind(" ", linea, fin) + 1
        if corte <= linea or texto[linea:corte].isspace():
            return None  # es la primera palabra de la línea (con los blancos del comienzo)
        blanco = texto.find(" ", corte)
        if (largo if blanco < 0 else blanco) - corte > ancho:
            return None  # tampoco cabe sola en la línea siguiente
        cortes.append(corte)
        linea = corte
    return cortes
