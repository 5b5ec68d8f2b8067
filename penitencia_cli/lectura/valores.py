"""Las conversiones de los valores guardados en el XML de una hoja: números, fechas, referencias
de celda y rangos, formatos de número (porcentaje, fecha, duración).

Hace lo mismo que openpyxl 3.1 en modo ``data_only`` (``_cast_number``, ``from_excel``,
``from_ISO8601``, ``coordinate_to_tuple``, ``is_date_format``...), escrito aquí para no importar
openpyxl al leer: las pruebas (tests/test_equivalencia.py, tests/test_lector_piezas.py) lo
comparan con openpyxl.
"""

from __future__ import annotations

import datetime
import re

# --- Números y fechas ---------------------------------------------------------------------------


def numero(texto: str | bytes) -> int | float:
    """El texto de ``<v>`` de una celda numérica → int o float (como ``_cast_number``)."""
    if isinstance(texto, bytes):
        if b"." in texto or b"E" in texto or b"e" in texto:
            return float(texto)
        return int(texto)
    if "." in texto or "E" in texto or "e" in texto:
        return float(texto)
    return int(texto)


EPOCA_1900 = datetime.datetime(1899, 12, 30)
EPOCA_1904 = datetime.datetime(1904, 1, 1)
_DIA = datetime.timedelta(days=1)


def desde_excel(valor: int | float, epoca: datetime.datetime = EPOCA_1900,
                duracion: bool = False):
    """Número de serie de Excel → datetime, time o timedelta (como ``from_excel``). Lanza
    ``OverflowError`` o ``ValueError`` fuera del calendario."""
    if duracion:
        td = datetime.timedelta(days=valor)
        if td.microseconds:
            td = datetime.timedelta(seconds=td.total_seconds() // 1,
                                    microseconds=round(td.microseconds, -3))
        return td
    dia, fraccion = divmod(valor, 1)
    diff = datetime.timedelta(milliseconds=round(fraccion * 86400 * 1000))
    if 0 <= valor < 1 and diff.days == 0:
        minutos, segundos = divmod(diff.seconds, 60)
        horas, minutos = divmod(minutos, 60)
        return datetime.time(horas, minutos, segundos, diff.microseconds)
    if 0 < valor < 60 and epoca == EPOCA_1900:
        dia += 1
    return epoca + datetime.timedelta(days=dia) + diff


_ISO = re.compile(r'''
(?P<date>(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2}))?T?
(?P<time>(?P<hour>\d{2}):(?P<minute>\d{2})(:(?P<second>\d{2})(?P<microsecond>\.\d{1,3})?)?)?Z?''',
                  re.VERBOSE)
_DURACION_ISO = re.compile(
    r'PT((?P<hours>\d+)H)?((?P<minutes>\d+)M)?((?P<seconds>\d+(\.\d{1,3})?)S)?')


def desde_iso8601(texto: str):
    """Celda ``t="d"`` (ISO 8601) → date, time, datetime o timedelta (como ``from_ISO8601``)."""
    if not texto:
        return None
    m = _ISO.match(texto)
    if m and any(m.groups()):
        partes = m.groupdict(0)
        for clave in ["year", "month", "day", "hour", "minute", "second"]:
            if partes[clave]:
                partes[clave] = int(partes[clave])
        if partes["microsecond"]:
            partes["microsecond"] = int(float(partes["microsecond"]) * 1_000_000)
        if not partes["date"]:
            return datetime.time(partes["hour"], partes["minute"], partes["second"],
                                 partes["microsecond"])
        if not partes["time"]:
            return datetime.date(partes["year"], partes["month"], partes["day"])
        del partes["time"]
        del partes["date"]
        return datetime.datetime(**partes)
    m = _DURACION_ISO.match(texto)
    if m and any(m.groups()):
        partes = m.groupdict(0)
        for clave, v in partes.items():
            if v:
                partes[clave] = float(v)
        return datetime.timedelta(**partes)
    raise ValueError(f"Invalid datetime value {texto}")


# --- Referencias de celda -----------------------------------------------------------------------

_MAYUSCULAS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_COLUMNAS: dict[str, int] = {}


def columna(letras: str) -> int:
    """'A' → 1, 'AB' → 28, hasta 'ZZZ'; ``ValueError`` si no es una columna."""
    n = _COLUMNAS.get(letras)
    if n is None:
        if not 0 < len(letras) <= 3 or not letras.isascii() or not letras.isalpha():
            raise ValueError(f"'{letras}' is not a valid column name. Column names are from A "
                             "to ZZZ")
        n = 0
        for ch in letras.upper():
            n = n * 26 + ord(ch) - 64
        if len(_COLUMNAS) < 20_000:
            _COLUMNAS[letras] = n
    return n


def coordenada(ref: str) -> tuple[int, int]:
    """'M10001' → (10001, 13), como el lector anterior (y, si no, como ``coordinate_to_tuple``
    de openpyxl: corta en el primer dígito; así 'c2' vale y '$C$2' no). ``ValueError`` ante una
    referencia rara."""
    digitos = ref.lstrip(_MAYUSCULAS)
    letras = ref[: len(ref) - len(digitos)]
    try:
        return int(digitos), columna(letras)
    except ValueError:
        i = next((k for k, ch in enumerate(ref) if ch in "0123456789"), max(len(ref) - 1, 0))
        return int(ref[i:]), columna(ref[:i])


_RANGO = re.compile(r"^[$]?([A-Za-z]{1,3})[$]?(\d+)(?::[$]?([A-Za-z]{1,3})[$]?(\d+))?$")


def rango(ref: str) -> tuple[int, int, int, int] | None:
    """'G2:G3' → (columna1, fila1, columna2, fila2) = (7, 2, 7, 3); 'B4' → (2, 4, 2, 4); ``None``
    si no es un rango de celdas (filas o columnas enteras, texto raro)."""
    m = _RANGO.match(ref or "")
    if not m:
        return None
    c1, f1 = columna(m.group(1).upper()), int(m.group(2))
    if m.group(3) is None:
        return c1, f1, c1, f1
    return c1, f1, columna(m.group(3).upper()), int(m.group(4))


# --- Formatos de número -------------------------------------------------------------------------

FORMATOS_INCORPORADOS = {
    0: 'General', 1: '0', 2: '0.00', 3: '#,##0', 4: '#,##0.00',
    5: '"$"#,##0_);("$"#,##0)', 6: '"$"#,##0_);[Red]("$"#,##0)',
    7: '"$"#,##0.00_);("$"#,##0.00)', 8: '"$"#,##0.00_);[Red]("$"#,##0.00)',
    9: '0%', 10: '0.00%', 11: '0.00E+00', 12: '# ?/?', 13: '# ??/??',
    14: 'mm-dd-yy', 15: 'd-mmm-yy', 16: 'd-mmm', 17: 'mmm-yy', 18: 'h:mm AM/PM',
    19: 'h:mm:ss AM/PM', 20: 'h:mm', 21: 'h:mm:ss', 22: 'm/d/yy h:mm',
    37: '#,##0_);(#,##0)', 38: '#,##0_);[Red](#,##0)', 39: '#,##0.00_);(#,##0.00)',
    40: '#,##0.00_);[Red](#,##0.00)',
    41: r'_(* #,##0_);_(* \(#,##0\);_(* "-"_);_(@_)',
    42: r'_("$"* #,##0_);_("$"* \(#,##0\);_("$"* "-"_);_(@_)',
    43: r'_(* #,##0.00_);_(* \(#,##0.00\);_(* "-"??_);_(@_)',
    44: r'_("$"* #,##0.00_)_("$"* \(#,##0.00\)_("$"* "-"??_)_(@_)',
    45: 'mm:ss', 46: '[h]:mm:ss', 47: 'mmss.0', 48: '##0.0E+0', 49: '@',
}
"""Los formatos de número incorporados de Excel (ids < 164), como los conoce openpyxl."""

_QUITAR = re.compile(r'".*?"|\[(?!hh?\]|mm?\]|ss?\])[^\]]*\]')
_DURACION = re.compile(r'\[hh?\](:mm(:ss(\.0*)?)?)?|\[mm?\](:ss(\.0*)?)?|\[ss?\](\.0*)?', re.I)
_FECHA = re.compile(r"(?<![_\\])[dmhysDMHYS]")
_LITERALES = re.compile(r'"[^"]*"|\\.')


def es_fecha(formato: str | None) -> bool:
    """Formato de fecha u hora (como ``is_date_format`` de openpyxl: sólo la primera sección)."""
    if formato is None:
        return False
    return _FECHA.search(_QUITAR.sub("", formato.split(";")[0])) is not None


def es_duracion(formato: str | None) -> bool:
    """Formato de duración, p. ej. ``[h]:mm:ss`` (como ``is_timedelta_format``)."""
    if formato is None:
        return False
    return _DURACION.search(formato.split(";")[0]) is not None


def es_porcentaje(formato: str | None) -> bool:
    """Un ``%`` fuera de texto entre comillas y de caracteres escapados (como el lector anterior)."""
    return formato is not None and "%" in _LITERALES.sub("", formato)
