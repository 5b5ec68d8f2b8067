"""Los valores tal como los guarda el XML de un libro (ECMA-376, parte 1): números (``xsd:double``),
fechas (número de serie de Excel o ISO 8601), referencias de celda y rangos, y el escape
``_xHHHH_`` de Excel en los textos. Funciones puras; el recorrido de las hojas las usa.
"""

from __future__ import annotations

import datetime
import re


def numero(texto: str) -> int | float:
    """El texto de ``<v>`` de una celda numérica → int o float. Un ``xsd:double`` admite espacios
    alrededor, exponente, ``INF`` y ``NaN``; no los ``_`` que Python sí aceptaría. ``ValueError``
    si no es un número."""
    if texto.isdigit():
        return int(texto)
    t = texto.strip()
    if "_" in t or not t:
        raise ValueError(texto)
    if "." in t or "e" in t or "E" in t or not t.lstrip("+-").isdigit():
        return float(t)
    return int(t)


EPOCA_1900 = datetime.datetime(1899, 12, 30)
EPOCA_1904 = datetime.datetime(1904, 1, 1)


def desde_excel(valor: int | float, epoca: datetime.datetime = EPOCA_1900,
                duracion: bool = False):
    """Número de serie de Excel → datetime, time (menos de un día) o timedelta (formato de
    duración), para decir qué fecha se encontró. ``OverflowError`` o ``ValueError`` fuera del
    calendario."""
    if duracion:  # al milisegundo, como la muestra Excel (valor × 86 400 000 redondea antes)
        td = datetime.timedelta(days=valor)
        return td + datetime.timedelta(microseconds=round(td.microseconds, -3) - td.microseconds)
    dia, fraccion = divmod(valor, 1)
    resto = datetime.timedelta(milliseconds=round(fraccion * 86_400_000))
    if 0 <= valor < 1 and resto.days == 0:
        return (datetime.datetime.min + resto).time()
    if 0 < valor < 60 and epoca == EPOCA_1900:
        dia += 1  # el 29 de febrero de 1900 que Excel cuenta y no existió
    return epoca + datetime.timedelta(days=dia) + resto


def desde_iso8601(texto: str):
    """Una celda ``t="d"`` (ISO 8601) → date, datetime o time; si no se entiende, el texto tal
    cual (es una fecha igual: no es un número ni ND)."""
    t = texto.strip()
    for convertir in (datetime.date.fromisoformat, datetime.datetime.fromisoformat,
                      datetime.time.fromisoformat):
        try:
            return convertir(t)
        except ValueError:
            continue
    return t


MAX_COLUMNA = 16_384
"""XFD, la última columna de Excel."""
MAX_FILA = 1_048_576


def columna(letras: str) -> int:
    """'A' → 1, 'AB' → 28, 'xfd' → 16384; ``ValueError`` si no es una columna de Excel."""
    if not 0 < len(letras) <= 3 or not (letras.isascii() and letras.isalpha()):
        raise ValueError(f"{letras!r} no es una columna")
    n = 0
    for ch in letras.upper():
        n = n * 26 + ord(ch) - 64
    if n > MAX_COLUMNA:
        raise ValueError(f"{letras!r} no es una columna")
    return n


def letra(n: int) -> str:
    """Letra de una columna de Excel: 1 → 'A', 28 → 'AB'."""
    m, texto = n, ""
    while m > 0:
        m, r = divmod(m - 1, 26)
        texto = chr(65 + r) + texto
    return texto


def coordenada(ref: str) -> tuple[int, int]:
    """'M10001' → (10001, 13); también en minúsculas ('c2'). ``ValueError`` si no es una
    referencia de celda (``$C$2``, 'A0', 'AAAA1')."""
    letras = ref.rstrip("0123456789")
    digitos = ref[len(letras):]
    if not digitos or not digitos.isascii() or digitos[0] == "0":
        raise ValueError(f"{ref!r} no es una celda")
    fila = int(digitos)
    if fila > MAX_FILA:
        raise ValueError(f"{ref!r} no es una celda")
    return fila, columna(letras)


_RANGO = re.compile(r"\$?([A-Za-z]{1,3})\$?(\d+)(?::\$?([A-Za-z]{1,3})\$?(\d+))?")


def rango(ref: str | None) -> tuple[int, int, int, int] | None:
    """'G2:G3' → (columna1, fila1, columna2, fila2) = (7, 2, 7, 3); 'B4' → (2, 4, 2, 4); ``None``
    si no es un rango de celdas (filas o columnas enteras, texto raro)."""
    m = _RANGO.fullmatch(ref or "")
    try:
        c1, f1 = columna(m.group(1)), int(m.group(2))
        return (c1, f1, c1, f1) if m.group(3) is None else (c1, f1, columna(m.group(3)),
                                                             int(m.group(4)))
    except (AttributeError, ValueError):  # sin coincidencia, o una columna más allá de XFD
        return None


_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")


def desescapar(texto: str) -> str:
    """El escape de Excel para los caracteres que XML no admite (``ST_Xstring``): ``_x000D_`` es un
    retorno de carro y ``_x005F_`` un ``_`` (así ``_x005F_x000D_`` es el texto ``_x000D_``). Un par
    de sustitutos UTF-16 escapados se une en su carácter; uno suelto queda como U+FFFD."""
    if "_x" not in texto:
        return texto
    texto = _ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), texto)
    if any("\ud800" <= ch <= "\udfff" for ch in texto):
        texto = texto.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")
    return texto
