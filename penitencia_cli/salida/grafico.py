"""El gráfico de barras de los objetivos: su escala y sus marcas (reporte en PDF y HTML, libro
exportado) y, en el PDF y el HTML, dónde va cada rótulo, con una regla: **ninguna línea cruza un
rótulo y ningún rótulo pisa a otro**. El libro exportado sigue la misma regla (:func:`cruzan`),
pero una hoja de cálculo sólo ofrece cuatro lugares para el valor de una barra: el lugar lo elige
:mod:`.xlsx_grafico`.

Todo se mide en fracciones del alto de la zona de barras: 0 es la base, 1 el tope de la escala.
Las líneas horizontales son las de la rejilla (una por marca, la base incluida) y las de los
umbrales. El rótulo del valor de una barra va, por preferencia:

1. dentro de la barra, pegado a su borde superior; si una línea lo cruzaría, baja hasta quedar
   debajo de esa línea (siempre dentro de la barra);
2. si no cabe dentro (una barra baja, o más angosta que su rótulo), encima de la barra; si una
   línea lo cruzaría, sube hasta quedar encima de ella.

Los rótulos de los umbrales, a la derecha de la zona de barras, se apartan entre sí si están tan
cerca que se pisarían. Quien dibuja pone la base del rótulo (la línea de base de la letra: las
cifras no bajan de ella) en la altura que se le da, con una letra cuyo alto de mayúsculas no pasa
de ``Medidas.alto_rotulo``.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Iterable


@dataclass(frozen=True)
class Medidas:
    """Las medidas de un rótulo en fracciones del alto de la zona de barras."""

    alto_rotulo: float
    """Alto de la caja de un rótulo (su letra, de la línea de base al alto de las cifras)."""
    holgura: float
    """Distancia mínima entre un rótulo y una línea (incluye medio grosor de la línea)."""
    margen: float
    """Distancia entre el borde de la barra (o la base) y su rótulo."""


MEDIDAS_PUBLICACION = Medidas(alto_rotulo=0.04, holgura=0.012, margen=0.02)
"""El gráfico del PDF (60 mm de alto, rótulos de 7.5 pt: 1.9 mm de cifra, 2.4 mm de caja) y el
del HTML (200 px, rótulos de 10 px: 7.3 px de cifra, 8 px de caja)."""

PASOS = (25, 50, 100, 250, 500, 1000, 2500, 5000, 10000)
"""Pasos posibles entre marcas del eje: el menor que deja a lo sumo :data:`MAX_MARCAS` marcas."""
MAX_MARCAS = 8


def escala(valores: Iterable[Decimal | float | None]) -> tuple[float, list[float]]:
    """El tope de la escala (100, o más si una barra lo supera, redondeado a su paso) y sus
    marcas (de 0 al tope). Con una barra muy alta (un objetivo de 1,666.7) el paso crece para que
    las marcas no se junten."""
    mayor = max([100.0, *(float(v) for v in valores if v is not None)])
    for paso in PASOS:
        tope = -(-mayor // paso) * paso
        if tope / paso <= MAX_MARCAS:
            break
    return float(tope), [float(m) for m in range(0, int(tope) + 1, paso)]


def cruzan(abajo: float, arriba: float, lineas: Iterable[float], holgura: float) -> list[float]:
    """Las líneas que pasan por la caja [abajo, arriba] o a menos de ``holgura`` de ella."""
    return [y for y in lineas if abajo - holgura < y < arriba + holgura]


def rotulo_dentro(alto: float, lineas: list[float], m: Medidas) -> float | None:
    """La base del rótulo dentro de una barra de ``alto``: lo más arriba posible sin que una
    línea lo cruce; None si no cabe dentro."""
    arriba = alto - m.margen
    while arriba - m.alto_rotulo >= m.margen:
        tocadas = cruzan(arriba - m.alto_rotulo, arriba, lineas, m.holgura)
        if not tocadas:
            return arriba - m.alto_rotulo
        arriba = min(tocadas) - m.holgura
    return None


def rotulo_encima(alto: float, lineas: list[float], m: Medidas) -> float:
    """La base del rótulo encima de una barra de ``alto`` (0: una barra sin dato, su «ND» sobre
    la base): lo más abajo posible sin que una línea lo cruce."""
    abajo = alto + m.margen
    while True:
        tocadas = cruzan(abajo, abajo + m.alto_rotulo, lineas, m.holgura)
        if not tocadas:
            return abajo
        abajo = max(tocadas) + m.holgura


def apartar(alturas: list[float], alto: float, separacion: float) -> list[float]:
    """Centros de rótulos de ``alto`` puestos en ``alturas`` (los de los umbrales, en el eje
    vertical), movidos lo mínimo para que entre dos queden al menos ``separacion``; nunca por
    debajo de la base. Conserva el orden."""
    orden = sorted(range(len(alturas)), key=lambda i: alturas[i])
    paso = alto + separacion
    centros = [alturas[i] for i in orden]
    # Grupos de rótulos que se pisan, centrados en la media de sus alturas.
    grupos: list[list[int]] = []
    for k in range(len(centros)):
        grupos.append([k])
        while len(grupos) > 1:
            a, b = grupos[-2], grupos[-1]
            centro_a = sum(centros[i] for i in a) / len(a) + paso * (len(a) - 1) / 2
            centro_b = sum(centros[i] for i in b) / len(b) - paso * (len(b) - 1) / 2
            if centro_b - centro_a >= paso:
                break
            grupos[-2:] = [a + b]
    salida = [0.0] * len(alturas)
    for grupo in grupos:
        medio = sum(centros[i] for i in grupo) / len(grupo)
        primero = max(medio - paso * (len(grupo) - 1) / 2, alto / 2)
        for j, k in enumerate(grupo):
            salida[orden[k]] = primero + paso * j
    return salida

