"""Las palabras de un PDF con su posición, página por página (pypdfium2: PDFium, el lector de PDF
de Chrome, en una rueda para Windows, macOS y Linux; ver ``docs/importar.md``, por qué éste).

Una :class:`Palabra` es lo que PDFium separa con un espacio (suyo o del archivo) o un salto de
línea, cortada además donde el texto salta de renglón o de lugar. Las coordenadas van en puntos,
con el origen arriba a la izquierda de la página tal como se ve (girada si el PDF la gira), y ``y``
crece hacia abajo. Antes de entregar el archivo a PDFium, :mod:`.seguridad` lo revisa (tamaño,
cifrado, bombas de descompresión): aquí se lee sólo un PDF ya revisado.

El carácter que PDFium no sabe traducir a texto (una letra sin ``ToUnicode``), o que el PDF
traduce a algo que no es una letra (un control C1, una mitad de par sustituto, U+FFFF: no caben
en un libro .xlsx), se conserva como ``\\ufffd``: quien lee una celda que lo tiene la informa como
ilegible, no la adivina.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..errores import ErrorDeDatos
from ..modelos import Problema

ILEGIBLE = "\ufffd"
"""Un carácter cuya letra el PDF no declara: la celda que lo tiene no se puede leer."""
_GUIONES = {0xFFFE: "-", 0x00AD: "-", 0x2010: "-", 0x2011: "-"}
"""PDFium marca con U+FFFE el guion que corta una palabra al final de un renglón; el guion suave
y los guiones tipográficos se leen como «-»."""
_BLANCOS = frozenset(" \t\r\n\u00a0\u2002\u2003\u2009\u200a\u202f\u3000")


def letra(codigo: int) -> str:
    """La letra de un código que da PDFium: un guion, o :data:`ILEGIBLE` si no es texto (el
    código 0 o U+FFFD de una letra sin traducción, un control C1 —0x7F a 0x9F: un ``ToUnicode``
    mal hecho—, una mitad de par sustituto o un no-carácter como U+FFFF)."""
    if codigo in _GUIONES:
        return _GUIONES[codigo]
    if (codigo in (0, 0xFFFD) or 0x7F <= codigo <= 0x9F or 0xD800 <= codigo <= 0xDFFF
            or 0xFDD0 <= codigo <= 0xFDEF or codigo & 0xFFFE == 0xFFFE or codigo > 0x10FFFF):
        return ILEGIBLE
    return chr(codigo)


@dataclass(frozen=True, slots=True)
class Palabra:
    """Una palabra impresa: de dónde a dónde va y su renglón, en puntos desde la esquina
    superior izquierda."""

    texto: str
    x0: float
    x1: float
    y: float
    """La línea de base (donde se apoyan las letras): el renglón de la palabra. Como en
    :class:`~.maqueta.Pieza`, que la lleva con la página sumada."""
    cuerpo: float
    """El tamaño de la letra, en puntos: la medida de las tolerancias."""

    @property
    def centro(self) -> float:
        return (self.x0 + self.x1) / 2


@dataclass(frozen=True, slots=True)
class Pagina:
    numero: int
    """Desde 1, como la imprime el PDF."""
    palabras: tuple[Palabra, ...]


def _transformacion(caja: tuple[float, float, float, float], giro: int):
    """De coordenadas del PDF (origen abajo a la izquierda) a las de la página vista (origen
    arriba a la izquierda, ``y`` hacia abajo), con el giro de la página (0, 90, 180, 270)."""
    x0, y0, x1, y1 = caja
    if giro == 90:
        return lambda x, y: (y - y0, x - x0)
    if giro == 180:
        return lambda x, y: (x1 - x, y - y0)
    if giro == 270:
        return lambda x, y: (y1 - y, x1 - x)
    return lambda x, y: (x - x0, y1 - y)


def _palabras_de_pagina(pagina, raw, letras: int, nombre: str, numero: int) -> list[Palabra]:
    """Las palabras de una página de PDFium, en el orden del archivo."""
    ver = _transformacion(pagina.get_cropbox(), pagina.get_rotation())
    texto = pagina.get_textpage()
    try:
        total = texto.count_chars()
        if total > letras:
            raise ErrorDeDatos([Problema(mensaje=(
                f"La página {numero} de {nombre} tiene {total:,} caracteres (límite "
                f"{letras:,}): no es un Anexo B-7. No se lee."))])
        palabras: list[Palabra] = []
        letras: list[str] = []
        cajas: list[tuple[float, float]] = []  # de dónde a dónde va cada letra
        base_actual = cuerpo_actual = 0.0
        origen_x, origen_y = _c_double_par()

        def cerrar() -> None:
            if letras:
                palabras.append(Palabra("".join(letras), min(c[0] for c in cajas),
                                        max(c[1] for c in cajas), base_actual, cuerpo_actual))
                letras.clear()
                cajas.clear()

        for i in range(total):
            codigo = raw.FPDFText_GetUnicode(texto, i)
            if raw.FPDFText_IsHyphen(texto, i):  # el guion de un corte de renglón (PDFium: 0x02)
                codigo = 0x2D
            if raw.FPDFText_IsGenerated(texto, i) or chr(codigo) in _BLANCOS or codigo < 32:
                cerrar()
                continue
            izq, abajo, der, arriba = texto.get_charbox(i)
            raw.FPDFText_GetCharOrigin(texto, i, origen_x, origen_y)
            cuerpo = raw.FPDFText_GetFontSize(texto, i) or abs(arriba - abajo) or 1.0
            (ax, _), (bx, _) = ver(izq, arriba), ver(der, abajo)
            _, base = ver(origen_x.value, origen_y.value)
            x0, x1 = min(ax, bx), max(ax, bx)
            if letras:
                otra_linea = abs(base - base_actual) > 0.35 * max(cuerpo, cuerpo_actual)
                salto = x0 - cajas[-1][1]
                if otra_linea or salto > 0.6 * cuerpo or salto < -0.6 * cuerpo:
                    cerrar()
            if not letras:
                base_actual, cuerpo_actual = base, cuerpo
            cuerpo_actual = max(cuerpo_actual, cuerpo)
            letras.append(ILEGIBLE if raw.FPDFText_HasUnicodeMapError(texto, i)
                          else letra(codigo))
            cajas.append((x0, x1))
        cerrar()
        return palabras
    finally:
        texto.close()


def _c_double_par():
    from ctypes import c_double

    return c_double(), c_double()


def leer_paginas(datos: bytes, paginas: int, letras: int, nombre: str) -> list[Pagina]:
    """Las palabras de cada página de un PDF ya revisado por :mod:`.seguridad` (``paginas`` es
    cuántas tiene, según esa revisión; ``letras``, los caracteres que admite una página)."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    documento = pdfium.PdfDocument(datos)
    try:
        resultado = []
        for indice in range(min(paginas, len(documento))):
            pagina = documento[indice]
            try:
                palabras = _palabras_de_pagina(pagina, raw, letras, nombre, indice + 1)
            finally:
                pagina.close()
            resultado.append(Pagina(indice + 1, tuple(palabras)))
        return resultado
    finally:
        documento.close()
