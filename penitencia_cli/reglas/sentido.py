"""Sentido de un indicador: el declarado o, en un plan que lo deja vacío, el inferido de sus logros
esperados (metodología, sección 12).

CEPLAN documenta que su aplicativo «determina el sentido de forma endógena a partir de la diferencia
de los logros esperados de periodos sucesivos». Regla [verificado en dos Anexos B-7]: el signo de
(último LE − primer LE) sobre los años con logro esperado; ≥ 0 ascendente, < 0 descendente. Una
serie que sube y luego cae a 0 es descendente. Sin logros esperados no hay avance que calcular: se
toma ascendente y se dice [definido].

Las reglas calculan sobre la matriz ya preparada (:func:`preparar`, una vez por libro): cada
indicador con su sentido, ``sentido_inferido`` marcado donde se infirió, y el perfil con que se
preparó, que es el que usan todas las reglas.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ..modelos import Indicador, Matriz, Sentido
from .cifras import texto_valor
from .metodologia import Perfil

PREFIJO = "Sentido inferido"
"""Con esto empieza la observación de un sentido inferido (las vistas la agrupan)."""


Logro = tuple[int, Decimal]
"""(año, logro esperado)."""


def tendencia(ind: Indicador) -> tuple[Logro, Logro] | None:
    """El primer y el último logro esperado con dato, por año: la tendencia de las metas, que
    decide el sentido inferido y contra la que se revisa el declarado
    (:func:`~.calidad.observacion_sentido`). Con uno solo, los dos son el mismo; sin ninguno,
    None."""
    le = [(a, v) for a, v in sorted(ind.logros_esperados.items()) if v is not None]
    return (le[0], le[-1]) if le else None


def inferir(ind: Indicador, perfil: Perfil) -> Sentido:
    """Ascendente si último LE − primer LE ≥ ``perfil.sentido_inferido_minimo`` (0); si no,
    descendente. Sin logros esperados, ascendente."""
    extremos = tendencia(ind)
    if extremos is None:
        return Sentido.ASCENDENTE
    (_, v0), (_, v1) = extremos
    return Sentido.ASCENDENTE if v1 - v0 >= perfil.sentido_inferido_minimo else \
        Sentido.DESCENDENTE


def nota_inferido(ind: Indicador) -> str | None:
    """La observación de un sentido inferido, con los logros esperados que lo deciden."""
    if not ind.sentido_inferido or ind.sentido is None:
        return None
    extremos = tendencia(ind)
    sentido = ind.sentido.value
    if extremos is None:
        return f"{PREFIJO}: {sentido} (sin logros esperados; no afecta al avance, que es ND)."
    (a0, v0), (a1, v1) = extremos
    if a0 == a1:
        return (f"{PREFIJO}: {sentido} (un solo logro esperado, {texto_valor(v0, miles=False)} en "
                f"{a0}).")
    desde, hasta = texto_valor(v0, miles=False), texto_valor(v1, miles=False)
    if v1 == v0:
        return (f"{PREFIJO}: {sentido} (el logro esperado de {a1}, {hasta}, es igual al de {a0}).")
    verbo = "suben" if v1 > v0 else "bajan"
    return f"{PREFIJO}: {sentido} (los logros esperados {verbo} de {desde} en {a0} a {hasta} en {a1})."


@dataclass(frozen=True)
class MatrizPreparada:
    """Una matriz lista para calcular y el perfil de su instrumento: lo que recibe toda regla
    que calcula sobre un libro. Sólo la arma :func:`preparar`."""

    matriz: Matriz
    """Cada indicador con su sentido (declarado o inferido)."""
    perfil: Perfil


def preparar(matriz: Matriz, perfil: Perfil) -> MatrizPreparada:
    """La matriz con el sentido de cada indicador (los vacíos, inferidos si el perfil lo admite,
    y marcados con ``sentido_inferido``) unida a su ``perfil``. ``ValueError`` si el perfil es
    de otro instrumento, o si falta un sentido y el perfil no lo infiere."""
    if perfil.instrumento.clave != matriz.ficha.instrumento:
        raise ValueError(f"El perfil de {perfil.instrumento.nombre} no es el del libro "
                         f"({matriz.instrumento.nombre}).")
    if all(ind.sentido is not None for ind in matriz.indicadores):
        return MatrizPreparada(matriz, perfil)
    if not perfil.infiere_sentido:
        faltan = ", ".join(i.codigo for i in matriz.indicadores if i.sentido is None)
        raise ValueError(f"Indicadores sin sentido en un instrumento que no lo infiere: {faltan}")
    indicadores = [
        ind if ind.sentido is not None else
        ind.model_copy(update={"sentido": inferir(ind, perfil), "sentido_inferido": True})
        for ind in matriz.indicadores
    ]
    return MatrizPreparada(matriz.model_copy(update={"indicadores": indicadores}), perfil)
