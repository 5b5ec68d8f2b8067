"""Cuánto mide un texto en Arial (la letra del libro exportado y del DOCX; LibreOffice la
sustituye por Liberation Sans, de métricas idénticas) y en cuántas líneas se parte en una columna:
para dar a una fila del libro el alto de su texto (no todas las hojas de cálculo lo recalculan al
abrir, y una fila baja recorta el texto al imprimir) y a una columna el ancho de su texto.

Los anchos son los de avance de Liberation Sans (milésimas de em), agrupados por valor; una letra
que no está (otros alfabetos) cuenta como la más ancha, para no quedarse corto.
"""

from __future__ import annotations

_GRUPOS_NORMAL = {
    191: "'", 222: "ijl‘’", 260: "|", 278: "ftI!,./:;[\\] Íí·", 333: "r()-`¡“”", 334: "{}",
    355: '"', 370: "ª", 389: "*", 400: "°", 469: "^", 500: "cksvxyzJ", 549: "≥",
    556: "0123456789abdeghnopquL#$?_áéóúñü–àèìòùâêîôûäëïö", 584: "+<=>~", 604: "●",
    611: "FTZ¿", 667: "ABEKPSVXY&ÁÉÀÈÂÊÄË", 722: "wCDHNRUÚÑÜÙÛ", 778: "GOQÓÒÔÖ", 833: "mM",
    889: "%", 944: "W", 1000: "—…", 1015: "@",
}
_GRUPOS_NEGRITA = {
    238: "'", 278: "ijlI,./\\ Íí‘’·", 280: "|", 333: "ft!()-:;[]`¡", 370: "ª", 389: "r*{}",
    400: "°", 474: '"', 500: "z“”", 549: "≥", 556: "0123456789aceksvxyJ#$_áé–àèâêäë",
    584: "+<=>^~", 604: "●", 611: "bdghnopquFLTZ?óúñü¿òùôûö", 667: "EPSVXYÉÈÊË",
    722: "ABCDHKNRU&ÁÚÑÜÀÂÄÙÛ", 778: "wGOQÓÒÔÖ", 833: "M", 889: "m%", 944: "W", 975: "@",
    1000: "—…",
}
_NORMAL = {c: w / 1000 for w, letras in _GRUPOS_NORMAL.items() for c in letras}
_NEGRITA = {c: w / 1000 for w, letras in _GRUPOS_NEGRITA.items() for c in letras}
_OTRA = 1.0

LETRA = "Arial"
"""La letra de los libros que escribe el programa (el del reporte, la plantilla, el importado) y
del DOCX: la de estas métricas."""
TAMANO = 10
"""Puntos de la letra de una celda."""
LINEA_PT = 1.15
"""Alto de una línea de texto, en veces el tamaño de la letra (Liberation Sans: 0.905 + 0.212 em,
con un poco de aire)."""
ALTO_FILA = 12.75
"""Alto de una fila de una línea (el de Excel con Arial 10), en puntos; ninguna fila es más baja."""


def alto_fila(n: int, tamano: float = TAMANO) -> float:
    """El alto en puntos de una fila con ``n`` líneas de letra de ``tamano`` puntos (con 3 pt de
    margen), nunca menos que :data:`ALTO_FILA`."""
    return round(max(ALTO_FILA, tamano * LINEA_PT * n + 3), 2)


def ancho_pt(texto: str, tamano: float, negrita: bool = False) -> float:
    """El ancho de ``texto`` a ``tamano`` puntos, en puntos."""
    tabla = _NEGRITA if negrita else _NORMAL
    return sum(tabla.get(c, _OTRA) for c in texto) * tamano


def ancho_columna_pt(ancho: float) -> float:
    """El espacio para el texto en una columna de hoja de cálculo de ``ancho`` caracteres (el
    ancho de Excel: cifras de 7 px de Arial 10 a 96 ppp), sin el margen de la celda."""
    return (7 * ancho - 3) * 0.75


def lineas(texto: str, ancho: float, tamano: float, negrita: bool = False) -> int:
    """En cuántas líneas se parte ``texto`` en ``ancho`` puntos: entre palabras y, una palabra más
    larga que la línea, entre letras. Cada salto de línea del texto empieza una."""
    total = 0
    espacio = ancho_pt(" ", tamano, negrita)
    for parrafo in texto.split("\n"):
        n, ocupado = 1, 0.0
        for palabra in parrafo.split(" "):
            largo = ancho_pt(palabra, tamano, negrita)
            if ocupado and ocupado + espacio + largo > ancho:
                n, ocupado = n + 1, 0.0
            if largo > ancho:  # una palabra que no cabe en una línea: se parte entre letras
                for letra in palabra:
                    w = ancho_pt(letra, tamano, negrita)
                    if ocupado + w > ancho:
                        n, ocupado = n + 1, 0.0
                    ocupado += w
                continue
            ocupado += (espacio if ocupado else 0.0) + largo
        total += n
    return total
