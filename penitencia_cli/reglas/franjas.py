"""Redondeo para mostrar y franjas de avance (metodología, sección 3).

Se calcula con ``Decimal`` exactos y se redondea (mitad hacia arriba, con los decimales del perfil
del instrumento) sólo para mostrar; la franja se decide sobre el valor mostrado.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Context, Decimal
from typing import Iterable

from ..modelos import Valor
from .metodologia import FRANJAS, Franja, Perfil


def redondear(valor: Valor, perfil: Perfil) -> Valor:
    """Redondeo para mostrar, mitad hacia arriba, con los decimales del perfil: 68.75 → 68.8 (una
    política), 93.548 → 93.55 (un plan). ND queda ND.

    Con la precisión que haga falta: un avance enorme (un logro esperado diminuto) se redondea
    igual, sin el ``InvalidOperation`` del contexto decimal por omisión (28 cifras)."""
    if valor is None:
        return None
    return redondear_a(valor, perfil.cuanto)


_CONTEXTO = Context(prec=28, rounding=ROUND_HALF_UP)
"""El contexto de casi todo redondeo (28 cifras bastan), armado una vez: armar un ``Context`` por
valor costaba más que el redondeo (sus banderas no cambian el resultado)."""


def redondear_a(valor: Decimal, cuanto: Decimal) -> Decimal:
    """``valor`` redondeado mitad hacia arriba al múltiplo de ``cuanto`` (0.1, 0.01...)."""
    cifras = max(valor.adjusted(), 0) - cuanto.adjusted() + 2
    contexto = (_CONTEXTO if cifras <= 28
                else Context(prec=cifras, rounding=ROUND_HALF_UP))
    return valor.quantize(cuanto, rounding=ROUND_HALF_UP, context=contexto)


def franja_de(valor: Valor, perfil: Perfil) -> Franja:
    """Franja decidida sobre el valor tal como se muestra (94.96 se muestra 95.0: ≥95%; en un plan,
    con dos decimales, 74.95 queda en [0-75%>)."""
    mostrado = redondear(valor, perfil)
    if mostrado is None:
        return Franja.ND
    if mostrado >= perfil.umbral_alta:
        return Franja.ALTA
    if mostrado >= perfil.umbral_media:
        return Franja.MEDIA
    return Franja.BAJA


def contar_franjas(valores: Iterable[Valor], perfil: Perfil) -> dict[Franja, int]:
    cuenta = {f: 0 for f in FRANJAS}
    for v in valores:
        cuenta[franja_de(v, perfil)] += 1
    return cuenta


class ConValor:
    """Un avance exacto (``valor``) que se muestra redondeado y se clasifica en una franja, con
    los decimales de su ``perfil`` (el del instrumento del libro)."""

    valor: Valor
    perfil: Perfil

    @property
    def mostrado(self) -> Valor:
        return redondear(self.valor, self.perfil)

    @property
    def franja(self) -> Franja:
        return franja_de(self.valor, self.perfil)
