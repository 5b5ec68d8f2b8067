"""Los encabezados de una hoja de la plantilla: en qué fila están (puede haber una o dos filas de
título encima) y qué pasa con las columnas de una hoja de años cuyo encabezado no es un año.

Funciones puras sobre las :class:`~.celdas.Celda` ya leídas; el lector (:mod:`.plantilla`) decide
cuándo llamarlas y junta sus problemas con los demás.
"""

from __future__ import annotations

from typing import Callable

from ..contrato import ND_TEXTOS, normalizar
from ..modelos import Problema, Severidad
from .celdas import (
    FORMULA_SIN_VALOR,
    Celda,
    ValorInvalido,
    describir,
    letra,
    numero_de_texto,
    texto_de,
)

FILAS_BUSCADAS = 10
"""Filas no vacías del comienzo de una hoja entre las que se busca la de encabezados."""


def tiene_columnas(fila: list[Celda], requeridas: list[str]) -> bool:
    claves = {normalizar(texto_de(c)) for c in fila}
    return all(r in claves for r in requeridas)


def fila_de_encabezados(filas: list[list[Celda]], requeridas: list[str],
                        esperadas: dict[str, bool],
                        conocida: Callable[[Celda], bool] | None) -> int | None:
    """Índice de la fila de encabezados entre ``filas``: la primera con todas las columnas
    requeridas o, si ninguna, la que más columnas conocidas tiene (las de ``esperadas`` o las que
    ``conocida`` reconoce, como los años); None si ninguna tiene una sola."""
    mejor, puntos_mejor = None, 0
    for i, fila in enumerate(filas):
        if tiene_columnas(fila, requeridas):
            return i
        puntos = sum(1 for c in fila if normalizar(texto_de(c)) in esperadas
                     or (conocida is not None and conocida(c)))
        if puntos > puntos_mejor:
            mejor, puntos_mejor = i, puntos
    return mejor


def parece_valor(celda: Celda) -> bool:
    """¿Es la celda un dato de valor (número, ND escrito, fecha, error, fórmula) y no un texto
    cualquiera, como el nombre de un indicador?"""
    if celda.tipo != "s":
        return True
    texto = str(celda.valor).strip()
    if texto.lower() in ND_TEXTOS:
        return True
    try:
        numero_de_texto(texto)
    except ValorInvalido:
        return False
    return True


def columnas_sin_anio(hoja: str, fila: int, encabezados: dict[int, Celda],
                      fuera: dict[int, list]) -> list[Problema]:
    """Las columnas de una hoja de años cuyo encabezado no es un año (o está vacío).

    ``encabezados``: columna → celda de encabezado que no es un año; ``fuera``: columna → [primera
    celda con algo debajo del encabezado, ¿alguna parece un valor?]. Con valores es un error (se
    perderían: se dice la celda y qué escribir); sin nada, o sólo con textos bajo un encabezado de
    texto (los nombres de los indicadores junto a su código), se ignora con una nota."""
    problemas: list[Problema] = []

    def error(mensaje: str, ref: str) -> None:
        problemas.append(Problema(hoja=hoja, celda=ref, mensaje=mensaje))

    def nota(mensaje: str, ref: str) -> None:
        problemas.append(Problema(severidad=Severidad.OBSERVACION, hoja=hoja, celda=ref,
                                  mensaje=mensaje))

    for columna in sorted(set(encabezados) | set(fuera)):
        encabezado = encabezados.get(columna)
        primera, hay_valor = fuera.get(columna, (None, False))
        ref = f"{letra(columna)}{fila}"
        texto = texto_de(encabezado)
        formula = encabezado is not None and encabezado.tipo == FORMULA_SIN_VALOR
        muestra = "" if primera is None else f" (p. ej. {primera.ref}: {describir(primera)})"
        if primera is None:
            nombre = "una fórmula sin valor calculado" if formula else repr(texto)
            nota(f"La columna {letra(columna)} ({nombre}) no es un año y no tiene valores: se "
                 "ignora.", ref)
        elif encabezado is None:
            error(f"La columna {letra(columna)} tiene valores{muestra} pero su encabezado {ref} "
                  f"está vacío: escriba en {ref} el año de esos valores (p. ej. 2024), o bórrelos "
                  "si no son de ningún año.", ref)
        elif formula:
            error(f"El encabezado {ref} es una fórmula sin valor calculado y la columna tiene "
                  f"valores{muestra}: escriba el año en {ref} (p. ej. 2024), o abra el libro en "
                  "Excel y guárdelo para que la fórmula se calcule.", ref)
        elif hay_valor or any(ch.isdigit() for ch in texto):
            error(f"El encabezado {texto!r} no es un año y la columna tiene valores{muestra}: "
                  f"escriba el año con cifras en {ref} (p. ej. 2024), o mueva esos valores fuera "
                  "de la hoja.", ref)
        else:
            nota(f"La columna {letra(columna)} ({texto!r}) no es un año: se ignora (sólo tiene "
                 "textos, no valores de un año).", ref)
    return problemas
