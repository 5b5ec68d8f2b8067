"""Tablas largas (la de indicadores, la lista de notas): anchos de columna decididos aquí, una vez,
y las filas escritas sin rich cuando no hay colores. Sólo la API pública de rich.

rich dibuja cada fila de una tabla midiendo y dibujando cada celda por separado: con 500
indicadores, la vista de ``avance`` tardaba unos 0.23 s más con rich dibujando sus dos tablas
largas que escritas aquí (el comando entero, un 60 % más; docs/tablas.md). Por eso:

1. :func:`anchos` decide el ancho de cada columna con todas las filas y se lo da a rich como ancho
   explícito (``Column.width``): la tabla que dibuja rich (en una terminal, con colores) y la que se
   escribe aquí (archivo o tubería, sin colores) tienen los mismos anchos por construcción.
2. Sin colores, cada fila es texto alineado: el borde, cada celda con sus blancos a su ancho, el
   separador entre columnas. Una celda que no cabe en una línea se parte entre palabras: con
   :func:`_partir` si cada carácter ocupa una columna, si no con ``Text.wrap`` de rich.
3. El título, el encabezado y el pie los dibuja rich (``Console.render_lines``) con las primeras
   filas, que también se escriben aquí: si no salen idénticas, la tabla entera la dibuja rich.
"""

from __future__ import annotations

import re
from typing import Any, Callable

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderResult
from rich.control import strip_control_codes
from rich.segment import Segment
from rich.table import Table
from rich.text import Text

MUESTRA = 3
"""Primeras filas que rich dibuja en cada tabla, para tomar su encabezado y su pie y comprobar las
líneas escritas aquí."""

Fila = tuple[tuple, bool]
"""Las celdas de una fila y si termina una sección."""


class Tramo:
    """Las filas de una tabla de rich (``add_row``, ``add_section``, como en ``Table``) y cómo
    armarla vacía (``tabla``: título, columnas, bordes). Se dibuja con ``consola.print``; los
    anchos de sus columnas los decide :func:`anchos`."""

    def __init__(self, tabla: Callable[[], Table]):
        self._tabla = tabla
        self.filas: list[Fila] = []

    def add_row(self, *celdas) -> None:
        self.filas.append((celdas, False))

    def add_section(self) -> None:
        if self.filas:
            self.filas[-1] = (self.filas[-1][0], True)

    def tabla(self, anchos: list[int] | None = None, filas: list[Fila] | None = None) -> Table:
        """La tabla de rich con ``filas`` (todas, si no se dicen) y, si se dan, esos ``anchos``
        de contenido como anchos fijos de sus columnas."""
        t = self._tabla()
        if anchos is not None:
            for columna, ancho in zip(t.columns, anchos):
                columna.width, columna.ratio = ancho, None
            t.expand = False  # los anchos ya son los finales: rich no reparte lo que sobre
        for celdas, seccion in (self.filas if filas is None else filas):
            t.add_row(*celdas)
            if seccion:
                t.add_section()
        return t

    def anchos(self, console: Console, disponible: int) -> list[int] | None:
        """Los anchos de las columnas con todas las filas, a ``disponible`` columnas de pantalla
        (:func:`anchos`)."""
        return anchos(self._tabla(), self.filas, disponible, console)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        medidas = self.anchos(console, options.max_width)
        if console.color_system is None:
            lineas = self.escritas(console, options, medidas)
            if lineas is not None:
                nueva = Segment.line()
                for linea in lineas:
                    yield Segment(linea)
                    yield nueva
                return
        yield self.tabla(medidas)  # la dibuja rich (con colores, o si no salió idéntica)

    def escritas(self, console: Console, options: ConsoleOptions,
                 medidas: list[int] | None) -> list[str] | None:
        """Las líneas sin colores de la tabla entera con esas ``medidas`` (de :func:`anchos`):
        las filas escritas aquí entre el encabezado y el pie que dibuja rich con las primeras
        filas; None si no se puede (sin filas o sin medidas) o si esas filas no salen idénticas
        a las de rich."""
        if medidas is None or not self.filas:
            return None
        muestra = self.filas[:MUESTRA]
        tabla = self.tabla(medidas, muestra)
        escritor = _Escritor.para(console, options, tabla, medidas)
        if escritor is None:
            return None
        propias = escritor.filas(muestra)
        if propias is None:
            return None
        dibujadas = ["".join(s.text for s in linea)
                     for linea in console.render_lines(tabla, options, pad=False)]
        pie = 1 if tabla.box and tabla.show_edge else 0
        cabeza = len(dibujadas) - pie - len(propias)
        if cabeza < 0 or dibujadas[cabeza: len(dibujadas) - pie] != propias:
            return None
        resto = escritor.filas(self.filas)
        if resto is None:
            return None
        return dibujadas[:cabeza] + resto + dibujadas[len(dibujadas) - pie:]


def anchos(tabla: Table, filas: list[Fila], disponible: int,
           console: Console) -> list[int] | None:
    """El ancho del contenido (sin los blancos de relleno) de cada columna de ``tabla`` con
    ``filas``, a ``disponible`` columnas de pantalla:

    - una columna con ``width`` (o con ``min_width`` igual a ``max_width``): ese ancho;
    - la columna flexible (``ratio``; a lo más una): lo que queda tras bordes, separadores,
      rellenos y las demás columnas; si la tabla no se expande (``expand``), no más que su línea
      más larga;
    - cualquier otra: su línea más larga (con el encabezado, si se muestra).

    None si la tabla no se dispone así (dos columnas flexibles, ``collapse_padding``, un ancho
    de tabla fijo, lo que queda no alcanza para una columna): entonces la dispone rich."""
    columnas = tabla.columns
    flexibles = [i for i, columna in enumerate(columnas) if columna.ratio]
    if (len(flexibles) > 1 or (tabla.collapse_padding and any(tabla.padding))
            or tabla.width is not None or tabla.min_width is not None or not columnas):
        return None
    medidas = []
    for i, columna in enumerate(columnas):
        propio = columna.width
        if propio is None and columna.min_width is not None:
            propio = columna.min_width if columna.min_width == columna.max_width else None
        if propio is not None or (columna.ratio and tabla.expand):
            medidas.append(propio or 0)  # (la flexible, lo que quede: más abajo)
            continue
        celdas = [celdas[i] if i < len(celdas) else "" for celdas, _ in filas]
        if tabla.show_header:
            celdas.append(columna.header)
        largos = [_ancho_texto(console, celda) for celda in celdas]
        if None in largos:
            return None
        medidas.append(max(largos, default=0))
    rellenos = _rellenos(tabla)
    fijo = _extra(tabla) + sum(izquierda + derecha for izquierda, derecha in rellenos)
    if flexibles:
        i = flexibles[0]
        resto = disponible - fijo - (sum(medidas) - medidas[i])
        medidas[i] = resto if tabla.expand else min(medidas[i], resto)
        if medidas[i] < 1:
            return None
    if sum(medidas) + fijo > disponible or any(
            medida + izquierda + derecha < 1
            for medida, (izquierda, derecha) in zip(medidas, rellenos)):
        return None
    return medidas


def _extra(tabla: Table) -> int:
    """Las columnas de pantalla de los bordes y separadores verticales de la tabla."""
    if not tabla.box:
        return 0
    return (2 if tabla.show_edge else 0) + len(tabla.columns) - 1


def _rellenos(tabla: Table) -> list[tuple[int, int]]:
    """Los blancos a la izquierda y a la derecha de cada columna (``padding`` y ``pad_edge``;
    sin ``collapse_padding``)."""
    _, derecha, _, izquierda = tabla.padding
    ultima = len(tabla.columns) - 1
    if tabla.pad_edge:
        return [(izquierda, derecha)] * (ultima + 1)
    return [(0 if i == 0 else izquierda, 0 if i == ultima else derecha)
            for i in range(ultima + 1)]


def ancho_de(texto: str) -> int:
    """Las columnas de pantalla de un texto (``cell_len`` de rich); el ASCII visible, sin
    consultarlo: un carácter, una columna."""
    return len(texto) if texto.isascii() and texto.isprintable() else cell_len(texto)


def sin_control(texto: str) -> str:
    """El texto sin los códigos de control que quita ``Text`` (``strip_control_codes``); un
    texto visible (``isprintable``) no tiene ninguno."""
    return texto if texto.isprintable() else strip_control_codes(texto)


def _como_texto(console: Console, valor: Any) -> Text | None:
    """La celda como ``Text``: un str como lo interpreta la consola (``render_str``: marcado,
    emojis), como hace rich con una celda de texto; None si no es texto (la dibuja rich)."""
    if isinstance(valor, Text):
        return valor
    if isinstance(valor, str):
        return console.render_str(valor)
    return None


def _plano(console: Console, valor: Any) -> str | None:
    """El texto que muestra una celda (``_como_texto(…).plain``). Un str sin '[' ni ':' no
    tiene marcado ni emojis: se muestra tal cual, sin sus caracteres de control (como ``Text``)."""
    if isinstance(valor, str) and "[" not in valor and ":" not in valor:
        return sin_control(valor)
    texto = _como_texto(console, valor)
    return None if texto is None else texto.plain


def _ancho_texto(console: Console, valor: Any) -> int | None:
    """Las columnas de pantalla de la línea más larga de una celda de texto."""
    plano = _plano(console, valor)
    if plano is None:
        return None
    return max((ancho_de(linea) for linea in plano.split("\n")), default=0)


class _Escritor:
    """Escribe las líneas de las filas de una tabla de rich sin colores, con sus anchos."""

    def __init__(self, console: Console, tabla: Table, medidas: list[int], caja):
        self.console = console
        self.medidas = medidas
        self.columnas = tabla.columns
        self.rellenos = _rellenos(tabla)
        self.borde = (caja.mid_left, caja.mid_right) if caja and tabla.show_edge else ("", "")
        self.divisor = caja.mid_vertical if caja else ""
        completos = [m + izq + der for m, (izq, der) in zip(medidas, self.rellenos)]
        self.separador = caja.get_row(completos, "row", edge=tabla.show_edge) if caja else None
        self.blancos = [" " * ancho for ancho in completos]

    @classmethod
    def para(cls, console: Console, options: ConsoleOptions, tabla: Table,
             medidas: list[int]) -> "_Escritor | None":
        """El escritor de ``tabla``, o None si la tabla lleva algo que aquí no se escribe
        (pie, líneas entre filas, celdas no alineadas arriba, relleno vertical, un borde cuyas
        filas de encabezado, centro y pie no se escriben igual)."""
        caja = None
        if tabla.box:
            seguro = console.safe_box if tabla.safe_box is None else tabla.safe_box
            caja = tabla.box.substitute(options, safe=seguro)
            if not tabla.show_header:
                caja = caja.get_plain_headed_box()
            verticales = {(caja.head_left, caja.head_vertical, caja.head_right),
                          (caja.mid_left, caja.mid_vertical, caja.mid_right),
                          (caja.foot_left, caja.foot_vertical, caja.foot_right)}
            if len(verticales) > 1:
                return None
        arriba, _, abajo, _ = tabla.padding
        if (tabla.show_footer or tabla.show_lines or tabla.leading or arriba or abajo
                or any(columna.vertical != "top" for columna in tabla.columns)):
            return None
        return cls(console, tabla, medidas, caja)

    def celda(self, i: int, valor: Any) -> list[str] | None:
        """Las líneas de una celda con sus blancos, del ancho de su columna; None si no es
        texto o si rich la escribiría más ancha."""
        columna, ancho = self.columnas[i], self.medidas[i]
        izquierda, derecha = self.rellenos[i]
        izquierda, derecha = " " * izquierda, " " * derecha
        plano = _plano(self.console, valor)
        if plano is None:
            return None
        texto = valor if isinstance(valor, Text) else None
        justificar = (texto and texto.justify) or columna.justify
        partir = not (columna.no_wrap if texto is None or texto.no_wrap is None else texto.no_wrap)
        if justificar == "right" and plano.isprintable():  # Text.wrap: sin blancos finales
            plano = plano.rstrip()
            largo = ancho_de(plano)
            if largo <= ancho:  # el caso común: cabe en una línea
                return [izquierda + " " * (ancho - largo) + plano + derecha]
        elif justificar in ("left", "default") and plano.isprintable():
            largo = ancho_de(plano)
            if largo <= ancho:
                return [izquierda + plano + " " * (ancho - largo) + derecha]
            lineas = _partir(plano, ancho) if partir and largo == len(plano) else None
            if lineas is not None:
                return [izquierda + linea + derecha for linea in lineas]
        texto = _como_texto(self.console, valor)
        tabulador = self.console.tab_size if texto.tab_size is None else texto.tab_size
        lineas = texto.wrap(self.console, ancho, justify=justificar,
                            overflow=texto.overflow or columna.overflow,
                            tab_size=tabulador or 8,
                            no_wrap=columna.no_wrap if texto.no_wrap is None else texto.no_wrap)
        salida = []
        for linea in lineas:
            largo = ancho_de(linea.plain)
            if largo > ancho:
                return None
            salida.append(izquierda + linea.plain + " " * (ancho - largo) + derecha)
        return salida

    def filas(self, filas: list[Fila]) -> list[str] | None:
        salida: list[str] = []
        agregar = salida.append
        ultima = len(filas) - 1
        columnas = range(len(self.columnas))
        izquierda, derecha = self.borde
        divisor, blancos = self.divisor, self.blancos
        for k, (celdas, seccion) in enumerate(filas):
            partes = []
            for i in columnas:
                lineas = self.celda(i, celdas[i] if i < len(celdas) else "")
                if lineas is None:
                    return None
                partes.append(lineas)
            for n in range(max(map(len, partes))):  # las celdas más cortas, con blancos
                agregar(izquierda + divisor.join(p[n] if n < len(p) else blancos[i]
                                                 for i, p in enumerate(partes)) + derecha)
            if seccion and k != ultima and self.separador is not None:
                agregar(self.separador)
        return salida



_NO_BLANCO = re.compile(r"\S")


def _partir(texto: str, ancho: int) -> list[str] | None:
    """Las líneas de ``ancho`` columnas de un texto de una línea en el que cada carácter ocupa
    una columna y el único blanco es el espacio, partido entre palabras como ``Text.wrap`` de
    rich (justificado a la izquierda): cada línea toma las palabras que terminan dentro del ancho,
    con los espacios que las siguen hasta el ancho. None si una palabra no cabe sola en una línea
    (o el texto empieza con blancos): entonces lo parte ``Text.wrap``.

    Es lo único de la escritura que rehace algo de rich, porque ``Text.wrap`` (una palabra a la
    vez) era la mitad del tiempo de la vista de 500 indicadores a 100 columnas (docs/tablas.md).
    Busca con ``find`` y ``rfind`` (en C) una vez por línea; una prueba al azar lo compara con
    ``Text.wrap``."""
    lineas: list[str] = []
    largo, inicio = len(texto), 0
    while inicio + ancho < largo:
        fin = inicio + ancho  # la línea en curso ocupa [inicio, fin)
        if texto[fin] == " ":  # la palabra que llega a ``fin`` cabe: la siguiente va abajo
            siguiente = _NO_BLANCO.search(texto, fin)
            if siguiente is None:
                break  # sólo blancos hasta el final: se quedan en esta línea
            corte = siguiente.start()
        else:  # la palabra que pasa por ``fin`` va abajo entera
            corte = texto.rfind(" ", inicio, fin) + 1
        if corte <= inicio or texto[inicio:corte].isspace():
            return None  # es la primera palabra de la línea: no cabe
        espacio = texto.find(" ", corte)
        if (largo if espacio < 0 else espacio) - corte > ancho:
            return None  # la siguiente no cabe sola en una línea
        lineas.append(texto[inicio:corte])
        inicio = corte
    lineas.append(texto[inicio:])
    # Los espacios finales de una línea más allá del ancho se descartan (Text.rstrip_end).
    return [linea[:ancho] + " " * (ancho - len(linea)) for linea in lineas]
