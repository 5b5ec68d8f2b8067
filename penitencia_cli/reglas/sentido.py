"""Sentido de un indicador: el declarado o, en un plan que lo deja vacío, el inferido de sus logros
esperados (metodología, sección 12).

CEPLAN documenta que su aplicativo «determina el sentido de forma endógena a partir de la diferencia
de los logros esperados de periodos sucesivos». Regla [verificado en dos Anexos B-7]: el signo de
(último LE − primer LE) sobre los años con logro esperado; ≥ 0 ascendente, < 0 descendente. Una
serie que sube y luego cae a 0 es descendente. Sin logros esperados no hay avance que calcular: se
toma ascendente y se dice [definido].

Las reglas calculan sobre la matriz ya preparada (:func:`preparar`): cada indicador con su sentido,
y ``sentido_inferido`` marcado donde se infirió.
"""

from __future__ import annotations

from decimal import Decimal

from ..modelos import Indicador, Matriz, Sentido
from .cifras import texto_valor
from .metodologia import Metodologia, perfil_de

PREFIJO = "Sentido inferido"
"""Con esto empieza la observación de un sentido inferido (las vistas la agrupan)."""


def _logros(ind: Indicador) -> list[tuple[int, Decimal]]:
    return [(a, v) for a, v in sorted(ind.logros_esperados.items()) if v is not None]


def inferir(ind: Indicador, met: Metodologia) -> Sentido:
    """Ascendente si último LE − primer LE ≥ ``met.sentido_inferido_minimo`` (0); si no,
    descendente. Sin logros esperados, ascendente."""
    le = _logros(ind)
    if not le:
        return Sentido.ASCENDENTE
    diferencia = le[-1][1] - le[0][1]
    return Sentido.ASCENDENTE if diferencia >= met.sentido_inferido_minimo else \
        Sentido.DESCENDENTE


def nota_inferido(ind: Indicador) -> str | None:
    """La observación de un sentido inferido, con los logros esperados que lo deciden."""
    if not ind.sentido_inferido or ind.sentido is None:
        return None
    le = _logros(ind)
    sentido = ind.sentido.value
    if not le:
        return f"{PREFIJO}: {sentido} (sin logros esperados; no afecta al avance, que es ND)."
    (a0, v0), (a1, v1) = le[0], le[-1]
    if len(le) == 1:
        return (f"{PREFIJO}: {sentido} (un solo logro esperado, {texto_valor(v0, miles=False)} en "
                f"{a0}).")
    desde, hasta = texto_valor(v0, miles=False), texto_valor(v1, miles=False)
    if v1 == v0:
        return (f"{PREFIJO}: {sentido} (el logro esperado de {a1}, {hasta}, es igual al de {a0}).")
    verbo = "suben" if v1 > v0 else "bajan"
    return f"{PREFIJO}: {sentido} (los logros esperados {verbo} de {desde} en {a0} a {hasta} en {a1})."


def preparar(matriz: Matriz, met: Metodologia | None = None) -> Matriz:
    """La matriz con el sentido de cada indicador: los vacíos, inferidos (si el perfil lo admite)
    y marcados con ``sentido_inferido``. Devuelve la misma matriz si no falta ninguno."""
    if all(ind.sentido is not None for ind in matriz.indicadores):
        return matriz
    met = met or perfil_de(matriz.politica.instrumento)
    if not met.infiere_sentido:
        faltan = ", ".join(i.codigo for i in matriz.indicadores if i.sentido is None)
        raise ValueError(f"Indicadores sin sentido en un instrumento que no lo infiere: {faltan}")
    indicadores = [
        ind if ind.sentido is not None else
        ind.model_copy(update={"sentido": inferir(ind, met), "sentido_inferido": True})
        for ind in matriz.indicadores
    ]
    return matriz.model_copy(update={"indicadores": indicadores})
