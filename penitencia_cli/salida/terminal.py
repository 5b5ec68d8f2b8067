"""La terminal y lo que no lo es: el ancho de la salida, su codificación y los blancos finales.

- En una terminal, las vistas usan su ancho. Redirigidas a un archivo o a una tubería, usan un
  ancho fijo y cómodo (:data:`ANCHO_SIN_TERMINAL`, o ``COLUMNS`` si está definida) y ninguna línea
  termina en blancos.
- Una salida que no es UTF-8 (``PYTHONIOENCODING=cp1252``, la salida redirigida en Windows, ASCII)
  no se corta a mitad de camino: los glifos (●, ≥, →, ≈, barras, tendencia) se escriben en ASCII
  con el mismo ancho que ocupaban cuando se puede, y las letras que la codificación no tiene pierden
  la tilde (:func:`preparar_salidas`).
"""

from __future__ import annotations

import codecs
import os
import sys
import unicodedata
from typing import IO, TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console

ANCHO_SIN_TERMINAL = 120
"""Columnas de las vistas cuando la salida no es una terminal (archivo, tubería)."""

GLIFOS_ASCII = {
    "●": "*", "≥": ">=", "≤": "<=", "→": "->", "←": "<-", "≈": "~", "…": "...", "·": ".",
    "—": "-", "–": "-", "━": "-", "─": "-", "│": "|", "┃": "|", "╭": "+", "╮": "+", "╰": "+",
    "╯": "+", "┏": "+", "┓": "+", "┗": "+", "┛": "+", "┡": "+", "┩": "+", "╇": "+", "┼": "+",
    "█": "#", "▉": "#", "▊": "#", "▋": "#", "▌": "=", "▍": "=", "▎": "-", "▏": "-",
    "▁": "_", "▂": "_", "▃": "-", "▄": "-", "▅": "=", "▆": "=", "▇": "#",
    "✓": "v", "Σ": "S", "«": '"', "»": '"', "“": '"', "”": '"', "‘": "'", "’": "'",
    "ñ": "ni", "Ñ": "NI", "¿": "?", "¡": "!", "°": "o", "º": "o", "ª": "a", "×": "x", "±": "+/-",
}
"""Glifo → texto ASCII, para una salida que no puede escribir el glifo."""
MANEJADOR = "penitencia-ascii"
"""Nombre del manejador de errores de codificación que escribe :data:`GLIFOS_ASCII`."""


def _ascii(caracter: str) -> str:
    if caracter in GLIFOS_ASCII:
        return GLIFOS_ASCII[caracter]
    base = "".join(c for c in unicodedata.normalize("NFKD", caracter)
                   if not unicodedata.combining(c))
    return base if base and base.isascii() else "?"


def _traducir_linea(texto: str, codificacion: str) -> str:
    """Lo que la codificación no puede escribir, en ASCII. Un glifo que pasa a ocupar más (≥ →
    '>=') toma el espacio que sobra en la siguiente racha de blancos de la línea, para que las
    columnas de una tabla sigan alineadas."""
    partes: list[str] = []
    deuda = 0
    for c in texto:
        if deuda and c == " " and partes and partes[-1] == " ":
            deuda -= 1  # se come un blanco de una racha de al menos dos
            continue
        try:
            c.encode(codificacion)
            partes.append(c)
        except UnicodeEncodeError:
            reemplazo = _ascii(c)
            deuda += len(reemplazo) - 1
            partes.append(reemplazo)
    return "".join(partes)


def _manejador(error: UnicodeError):
    if not isinstance(error, UnicodeEncodeError):
        raise error
    texto, inicio = error.object, error.start
    fin = texto.find("\n", inicio)
    fin = len(texto) if fin < 0 else fin
    return _traducir_linea(texto[inicio:fin], error.encoding), fin


codecs.register_error(MANEJADOR, _manejador)


def para(texto: str, flujo: IO | None) -> str:
    """``texto`` tal como :func:`preparar_salidas` lo escribiría en ``flujo`` (para quien escribe
    sin pasar por el flujo, como click con una salida ASCII, que escribe UTF-8 igual)."""
    if es_utf(flujo):
        return texto
    codificacion = getattr(flujo, "encoding", None) or "ascii"
    return "\n".join(_traducir_linea(linea, codificacion) for linea in texto.split("\n"))


def es_utf(flujo: IO | None) -> bool:
    codificacion = (getattr(flujo, "encoding", None) or "utf-8").lower().replace("_", "-")
    return codificacion.startswith("utf")


def preparar_salidas() -> None:
    """La salida estándar y la de errores escriben en ASCII lo que su codificación no tiene, en
    vez de cortarse con UnicodeEncodeError a mitad de la salida."""
    for flujo in (sys.stdout, sys.stderr):
        if flujo is None or es_utf(flujo):
            continue
        reconfigurar = getattr(flujo, "reconfigure", None)
        if reconfigurar is not None:
            try:
                reconfigurar(errors=MANEJADOR)
            except (ValueError, OSError):  # pragma: no cover - un flujo que no se deja
                pass


def es_terminal(flujo: IO) -> bool:
    try:
        return flujo.isatty()
    except (AttributeError, ValueError, OSError):
        return False


def _columnas_pedidas() -> int | None:
    """``COLUMNS``, si está definida y es un número razonable."""
    try:
        ancho = int(os.environ.get("COLUMNS", ""))
    except ValueError:
        return None
    return ancho if 20 <= ancho <= 1000 else None


def ancho_sin_terminal() -> int:
    """``COLUMNS`` si está definida (un número razonable), si no :data:`ANCHO_SIN_TERMINAL`."""
    return _columnas_pedidas() or ANCHO_SIN_TERMINAL


def ancho_de_terminal(flujo: IO) -> int:
    """Columnas de la terminal de ``flujo`` (``COLUMNS`` si se dio): con stdout redirigido
    (``penitencia avance 2024 | less``) las notas por stderr siguen al ancho de la terminal que
    las muestra; 80 si no se sabe."""
    pedidas = _columnas_pedidas()
    if pedidas is not None:
        return pedidas
    try:
        return os.get_terminal_size(flujo.fileno()).columns
    except (OSError, ValueError, AttributeError):
        return 80


class SinBlancosFinales:
    """Un flujo que quita los blancos del final de cada línea (para archivos y tuberías). Dice
    ser UTF-8 cuando el flujo de debajo ya traduce a ASCII lo que no puede escribir (así rich
    dibuja sus tablas como siempre)."""

    def __init__(self, flujo: IO):
        self._flujo = flujo
        self._pendiente = ""

    @property
    def encoding(self) -> str:
        if getattr(self._flujo, "errors", None) == MANEJADOR:
            return "utf-8"
        return getattr(self._flujo, "encoding", None) or "utf-8"

    def write(self, texto: str) -> int:
        lineas = (self._pendiente + texto).split("\n")
        self._pendiente = lineas.pop()
        if lineas:
            self._flujo.write("\n".join(linea.rstrip() for linea in lineas) + "\n")
        return len(texto)

    def flush(self) -> None:
        if self._pendiente.strip():
            self._flujo.write(self._pendiente)
            self._pendiente = ""
        self._flujo.flush()

    def isatty(self) -> bool:
        return False

    def fileno(self) -> int:
        return self._flujo.fileno()


def consola(stderr: bool = False) -> "Console":
    """La consola de rich de las vistas: en una terminal, su ancho y sus colores; fuera de ella,
    el ancho fijo de :func:`ancho_sin_terminal`, sin color y sin blancos finales."""
    from rich.console import Console

    flujo = sys.stderr if stderr else sys.stdout
    # Sin marcado ni emojis de rich: un texto del libro con '[...]' o ':nombre:' se ve tal cual.
    if es_terminal(flujo):
        return Console(file=flujo, highlight=False, markup=False, emoji=False)
    return Console(file=SinBlancosFinales(flujo), width=ancho_sin_terminal(), highlight=False,
                   color_system=None, markup=False, emoji=False)
