"""Avance de un indicador: Tipo I (metodología, sección 1), Tipo II (sección 5) y del periodo
según la acumulación (sección 4). Las fórmulas dan una :class:`Formula` (el valor exacto, sin
truncar ni redondear); :func:`medir` la lleva al perfil del instrumento (un plan trunca cada
indicador en 100, sección 12): un :class:`Avance`. Los valores exactos se redondean sólo al
mostrar."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from enum import Enum

from ..modelos import Acumulacion, Indicador, Sentido, Valor
from .franjas import ConValor
from .metodologia import CERO, CIEN, Perfil


class TipoAvance(str, Enum):
    """Qué avance se calcula. El valor es el de ``--tipo``."""

    I = "1"
    """Tipo I: VO frente a LE (sección 1)."""
    II = "2"
    """Tipo II: progreso desde la línea de base (sección 5)."""

    @property
    def nombre(self) -> str:
        """'Tipo I', 'Tipo II'."""
        return f"Tipo {self.name}"


@dataclass(frozen=True)
class Formula:
    """Lo que da una fórmula del avance: el valor exacto (ND: ``None``) y las observaciones que
    lo explican, antes de aplicar el perfil del instrumento."""

    valor: Valor
    observaciones: tuple[str, ...] = ()


@dataclass(frozen=True)
class Avance(Formula, ConValor):
    """Un avance en el perfil de su instrumento: se muestra con sus decimales y se clasifica en
    su franja.

    En un perfil que trunca (un plan), ``valor`` es min(avance, ``perfil.truncar_en``) —lo que
    se muestra, se clasifica y se agrega— y ``sin_truncar`` el avance de la fórmula."""

    perfil: Perfil = field(kw_only=True, compare=False, repr=False)
    sin_truncar: Valor = field(default=None, kw_only=True)
    """El avance de la fórmula (sólo en un perfil que trunca)."""

    @property
    def valor_sin_truncar(self) -> Valor:
        return self.valor if self.sin_truncar is None else self.sin_truncar

    @property
    def truncado(self) -> bool:
        """El perfil cambió el avance (p. ej. 211.40 → 100)."""
        return self.sin_truncar is not None and self.sin_truncar != self.valor


def en_perfil(formula: Formula, perfil: Perfil) -> Avance:
    """El avance de una fórmula en el perfil del instrumento: truncado si el perfil trunca."""
    valor, sin_truncar = formula.valor, None
    if perfil.truncar_en is not None:
        sin_truncar = valor
        if valor is not None:
            valor = min(valor, perfil.truncar_en)
    return Avance(valor, formula.observaciones, perfil=perfil, sin_truncar=sin_truncar)


def avance_tipo1(sentido: Sentido, le: Valor, vo: Valor) -> Formula:
    """Avance Tipo I del año: VO/LE×100 (ascendente) o LE/VO×100 (descendente), sin tope."""
    if le is None or vo is None:
        faltan = [n for n, v in (("logro esperado", le), ("valor obtenido", vo)) if v is None]
        return Formula(None, (f"Sin {' ni '.join(faltan)} para el año.",))
    if le < 0 or vo < 0:
        return Formula(
            None,
            (
                "Avance ND: un valor negativo (logro esperado o valor obtenido) no admite el "
                "cociente del avance Tipo I.",
            ),
        )
    if le == 0 and vo == 0:
        return Formula(CIEN)
    if sentido is Sentido.ASCENDENTE:
        if le == 0:
            return Formula(CIEN, ("meta cero superada",))
        return Formula(vo / le * CIEN)
    if vo == 0:
        return Formula(CIEN, ("valor obtenido cero",))
    return Formula(le / vo * CIEN)


def avance_tipo2(sentido: Sentido, lb: Valor, le: Valor, vo: Valor) -> Formula:
    """Avance Tipo II (progreso desde la línea de base), sin tope; puede ser negativo.

    Ascendente (VO−LB)/(LE−LB)×100; descendente (LB−VO)/(LB−LE)×100. ND, con su motivo, cuando
    falta la línea de base, el logro esperado o el valor obtenido, o cuando LE = LB.
    """
    faltan = [n for n, v in (("línea de base", lb), ("logro esperado", le),
                              ("valor obtenido", vo)) if v is None]
    if faltan:
        lista = faltan[0] if len(faltan) == 1 else f"{', '.join(faltan[:-1])} ni {faltan[-1]}"
        return Formula(None, (f"Avance Tipo II ND: sin {lista}.",))
    if le == lb:
        return Formula(
            None,
            ("Avance Tipo II ND: el logro esperado es igual a la línea de base (no se planificó "
             "cambio).",),
        )
    if sentido is Sentido.ASCENDENTE:
        return Formula((vo - lb) / (le - lb) * CIEN)
    return Formula((lb - vo) / (lb - le) * CIEN)


@dataclass(frozen=True)
class Medicion:
    """Lo que se compara de un indicador en un año o periodo, y el avance que resulta (una
    :class:`Formula` en :func:`avance_periodo`; un :class:`Avance` en el perfil, en
    :func:`medir`).

    ``le`` y ``vo`` son el valor del año o del periodo (acumulado: el último año; no acumulado: la
    suma de los años con ambos valores). ``usados`` y ``excluidos`` sólo se llenan en periodos.
    """

    le: Valor
    vo: Valor
    avance: Formula
    usados: tuple[int, ...] = ()
    excluidos: tuple[int, ...] = ()


def _formula(tipo: TipoAvance, sentido: Sentido, lb: Valor, le: Valor, vo: Valor) -> Formula:
    if tipo is TipoAvance.II:
        return avance_tipo2(sentido, lb, le, vo)
    return avance_tipo1(sentido, le, vo)


def medir(ind: Indicador, anio: int, perfil: Perfil, *, tipo: TipoAvance = TipoAvance.I,
          desde: int | None = None) -> Medicion:
    """Avance Tipo I o Tipo II de un indicador en ``anio`` o en el periodo [``desde``, ``anio``],
    en el ``perfil`` del instrumento (su truncamiento y sus decimales). El indicador tiene su
    sentido (la matriz está preparada: :func:`~.sentido.preparar`)."""
    if desde is None:
        le, vo = ind.le(anio), ind.vo(anio)
        med = Medicion(le, vo, _formula(tipo, ind.sentido, ind.lb_valor, le, vo))
    else:
        med = avance_periodo(ind, desde, anio, tipo=tipo)
    return replace(med, avance=en_perfil(med.avance, perfil))


def avance_periodo(ind: Indicador, desde: int, hasta: int, *,
                   tipo: TipoAvance = TipoAvance.I) -> Medicion:
    """Avance del periodo [desde, hasta] según la acumulación (metodología, sección 4).

    - Acumulado (stock): el valor del periodo es el del último año; avance = el del año ``hasta``.
    - No acumulado (flujo): ΣVO / ΣLE (Tipo I, invertido si es descendente) sobre los años del
      periodo con ambos valores; los demás se informan como excluidos. Tipo II de un flujo:
      Σ(VO−LB) / Σ(LE−LB), es decir, la fórmula Tipo II con LB×n, n = años usados.
    Las reglas de cero, ND y negativos del avance del año valen también para el cociente del periodo.
    """
    if desde > hasta:
        raise ValueError(f"El periodo empieza ({desde}) después de terminar ({hasta}).")
    anios = range(desde, hasta + 1)
    if ind.acumulacion is None:
        return Medicion(None, None, Formula(None, (
            "Avance del periodo ND: el indicador no declara su acumulación (Acumulado o No "
            "acumulado), que decide cómo se lee un periodo.",)), (), tuple(anios))
    if ind.acumulacion is Acumulacion.ACUMULADO:
        le, vo = ind.le(hasta), ind.vo(hasta)
        av = _formula(tipo, ind.sentido, ind.lb_valor, le, vo)
        notas = list(av.observaciones)
        if le is None or vo is None:
            notas.append(f"Indicador acumulado: el periodo se lee en su último año ({hasta}).")
            return Medicion(le, vo, Formula(av.valor, tuple(notas)), (), (hasta,))
        return Medicion(le, vo, av, (hasta,), ())

    usados = tuple(a for a in anios if ind.le(a) is not None and ind.vo(a) is not None)
    excluidos = tuple(a for a in anios if a not in usados)
    notas: list[str] = []
    if excluidos:
        notas.append("Años excluidos del periodo (sin logro esperado o valor obtenido): "
                      + ", ".join(str(a) for a in excluidos) + ".")
    if not usados:
        notas.append("Ningún año del periodo tiene logro esperado y valor obtenido.")
        return Medicion(None, None, Formula(None, tuple(notas)), usados, excluidos)
    negativos = [a for a in usados if ind.le(a) < 0 or ind.vo(a) < 0]
    suma_le = sum((ind.le(a) for a in usados), CERO)
    suma_vo = sum((ind.vo(a) for a in usados), CERO)
    if negativos:
        notas.append(
            "Avance ND: un valor negativo (año " + ", ".join(str(a) for a in negativos)
            + ") no admite el cociente del avance del periodo."
        )
        return Medicion(suma_le, suma_vo, Formula(None, tuple(notas)), usados, excluidos)
    lb = None if ind.lb_valor is None else ind.lb_valor * len(usados)
    av = _formula(tipo, ind.sentido, lb, suma_le, suma_vo)
    return Medicion(suma_le, suma_vo, Formula(av.valor, (*av.observaciones, *notas)), usados,
                    excluidos)
