"""Una hoja de la plantilla leída como tabla: la fila de encabezados (puede haber una o dos filas
de título encima), las columnas que reconoce y las filas de datos que siguen.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import chain, islice
from typing import Callable, Iterator

from ..contrato import nombre_columna, normalizar
from .celdas import Celda, texto_de
from .hoja import Libro, Problemas

FILAS_BUSCADAS = 10
"""Filas no vacías del comienzo de una hoja entre las que se busca la de encabezados."""


@dataclass
class Tabla:
    """Una hoja leída como tabla: encabezados normalizados → columna, y filas de datos."""

    hoja: str
    columnas: dict[str, int]
    encabezados: list[Celda]
    filas: Iterator[list[Celda]]
    fila_encabezado: int


def tiene_columnas(fila: list[Celda], requeridas: list[str]) -> bool:
    claves = {normalizar(texto_de(c)) for c in fila}
    return all(r in claves for r in requeridas)


def fila_de_encabezados(filas: list[list[Celda]], requeridas: list[str],
                        esperadas: dict[str, bool],
                        conocida: Callable[[Celda], bool] | None) -> int | None:
    """Índice de la fila de encabezados: la primera con todas las columnas requeridas o, si
    ninguna, la que más columnas conocidas tiene; None si ninguna tiene una sola."""
    mejor, puntos_mejor = None, 0
    for i, fila in enumerate(filas):
        if tiene_columnas(fila, requeridas):
            return i
        puntos = sum(1 for c in fila if normalizar(texto_de(c)) in esperadas
                     or (conocida is not None and conocida(c)))
        if puntos > puntos_mejor:
            mejor, puntos_mejor = i, puntos
    return mejor


def leer_tabla(libro: Libro, titulo: str, hoja: str, esperadas: dict[str, bool],
               problemas: Problemas, conocida: Callable[[Celda], bool] | None = None,
               ) -> Tabla | None:
    """La hoja ``titulo`` como tabla (sus problemas, en ``hoja``, su nombre en la plantilla): el
    encabezado es la primera fila con las columnas requeridas, o la que más conoce (``conocida``
    reconoce otras, como los años); las de encima son título (con una nota). ``None`` sin columnas
    de la plantilla (un solo error) o sin alguna requerida (un error por cada una)."""
    filas = libro.filas(titulo)
    requeridas = [c for c, req in esperadas.items() if req]
    primeras: list[list[Celda]] = []
    for fila in islice(filas, FILAS_BUSCADAS):  # hasta dar con los encabezados
        primeras.append(fila)
        if tiene_columnas(fila, requeridas):
            break
    if not primeras:
        problemas.error(f"La hoja {hoja} está vacía; debe tener las columnas: "
                        f"{', '.join(nombre_columna(c) for c in requeridas)}.", hoja)
        return None
    indice = fila_de_encabezados(primeras, requeridas, esperadas, conocida)
    if indice is None:
        problemas.error(
            f"No se encontró la fila de encabezados de la hoja {hoja}: ninguna de sus primeras "
            f"{len(primeras)} filas con datos tiene las columnas "
            f"{', '.join(nombre_columna(c) for c in requeridas)}. Escriba los encabezados en "
            "la primera fila (puede haber una o dos filas de título encima).", hoja)
        return None
    encabezado = primeras[indice]
    n = encabezado[0].fila
    if indice:
        titulo_arriba = next((texto_de(c) for f in primeras[:indice] for c in f
                              if texto_de(c)), "")
        problemas.nota(f"Los encabezados de {hoja} están en la fila {n}: la(s) fila(s) de encima "
                       f"(p. ej. {titulo_arriba[:60]!r}) se toman como título y no se leen.",
                       hoja, f"{n}:{n}")
        libro.encabezados[titulo] = (n, {c.columna for c in encabezado})
    columnas: dict[str, int] = {}
    for c in encabezado:
        clave = normalizar(texto_de(c))
        if clave in columnas:
            problemas.error(f"La columna {texto_de(c)!r} está repetida.", hoja, c.ref)
        else:
            columnas[clave] = c.columna
    faltan = [c for c in requeridas if c not in columnas]
    for c in faltan:
        problemas.error(f"Falta la columna requerida {nombre_columna(c)!r} en la hoja {hoja}.",
                        hoja, f"{n}:{n}")
    return None if faltan else Tabla(hoja, columnas, encabezado,
                                     chain(primeras[indice + 1:], filas), n)


def notar_columnas_extra(tabla: Tabla, conocidas, problemas: Problemas) -> None:
    for c in tabla.encabezados:
        if normalizar(texto_de(c)) not in conocidas:
            problemas.nota(f"Columna {texto_de(c)!r} no pertenece a la plantilla: se ignora.",
                           tabla.hoja, c.ref)
