"""Avance de un indicador: Tipo I (metodología, sección 1), Tipo II (sección 5) y del periodo
según la acumulación (sección 4). Las fórmulas no tienen tope; :func:`medir` aplica el del perfil
(un plan trunca cada indicador en 100, sección 12). Los valores exactos se redondean sólo al
mostrar."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from ..modelos import Acumulacion, Indicador, Sentido, Valor
from .franjas import ConValor
from .metodologia import CERO, CIEN, METODOLOGIA, Metodologia

TIPO_I = 1
TIPO_II = 2
TIPOS = (TIPO_I, TIPO_II)
NOMBRE_TIPO = {TIPO_I: "Tipo I", TIPO_II: "Tipo II"}


@dataclass(frozen=True)
class Avance(ConValor):
    """Un avance calculado (exacto) con las observaciones que lo explican.

    En un perfil con tope (un plan), ``valor`` es min(avance, tope) —lo que se muestra, se
    clasifica y se agrega— y ``sin_tope`` el avance de la fórmula."""

    valor: Valor
    observaciones: tuple[str, ...] = ()
    perfil: Metodologia = field(default=METODOLOGIA, compare=False, repr=False)
    sin_tope: Valor = None
    """El avance antes del tope del perfil (sólo en un perfil con tope)."""

    @property
    def valor_sin_tope(self) -> Valor:
        return self.valor if self.sin_tope is None else self.sin_tope

    @property
    def truncado(self) -> bool:
        """El tope del perfil cambió el avance (p. ej. 211.40 → 100)."""
        return self.sin_tope is not None and self.sin_tope != self.valor


def en_perfil(av: Avance, met: Metodologia) -> Avance:
    """El avance con el perfil del instrumento: sus decimales y su tope por indicador."""
    if met is av.perfil and met.tope_indicador is None:
        return av
    valor = av.valor
    if met.tope_indicador is not None and valor is not None:
        valor = min(valor, met.tope_indicador)
    sin_tope = av.valor if met.tope_indicador is not None else None
    return replace(av, valor=valor, perfil=met, sin_tope=sin_tope)


def avance_tipo1(sentido: Sentido, le: Valor, vo: Valor) -> Avance:
    """Avance Tipo I del año: VO/LE×100 (ascendente) o LE/VO×100 (descendente), sin tope."""
    if le is None or vo is None:
        faltan = [n for n, v in (("logro esperado", le), ("valor obtenido", vo)) if v is None]
        return Avance(None, (f"Sin {' ni '.join(faltan)} para el año.",))
    if le < 0 or vo < 0:
        return Avance(
            None,
            (
                "Avance ND: un valor negativo (logro esperado o valor obtenido) no admite el "
                "cociente del avance Tipo I.",
            ),
        )
    if le == 0 and vo == 0:
        return Avance(CIEN)
    if sentido is Sentido.ASCENDENTE:
        if le == 0:
            return Avance(CIEN, ("meta cero superada",))
        return Avance(vo / le * CIEN)
    if vo == 0:
        return Avance(CIEN, ("valor obtenido cero",))
    return Avance(le / vo * CIEN)



def avance_tipo2(sentido: Sentido, lb: Valor, le: Valor, vo: Valor) -> Avance:
    """Avance Tipo II (progreso desde la línea de base), sin tope; puede ser negativo.

    Ascendente (VO−LB)/(LE−LB)×100; descendente (LB−VO)/(LB−LE)×100. ND, con su motivo, cuando
    falta la línea de base, el logro esperado o el valor obtenido, o cuando LE = LB.
    """
    faltan = [n for n, v in (("línea de base", lb), ("logro esperado", le),
                              ("valor obtenido", vo)) if v is None]
    if faltan:
        lista = faltan[0] if len(faltan) == 1 else f"{', '.join(faltan[:-1])} ni {faltan[-1]}"
        return Avance(None, (f"Avance Tipo II ND: sin {lista}.",))
    if le == lb:
        return Avance(
            None,
            ("Avance Tipo II ND: el logro esperado es igual a la línea de base (no se planificó "
             "cambio).",),
        )
    if sentido is Sentido.ASCENDENTE:
        return Avance((vo - lb) / (le - lb) * CIEN)
    return Avance((lb - vo) / (lb - le) * CIEN)


@dataclass(frozen=True)
class Medicion:
    """Lo que se compara de un indicador en un año o periodo, y el avance que resulta.

    ``le`` y ``vo`` son el valor del año o del periodo (acumulado: el último año; no acumulado: la
    suma de los años con ambos valores). ``usados`` y ``excluidos`` sólo se llenan en periodos.
    """

    le: Valor
    vo: Valor
    avance: Avance
    usados: tuple[int, ...] = ()
    excluidos: tuple[int, ...] = ()


def _avance_del_tipo(tipo: int, sentido: Sentido, lb: Valor, le: Valor, vo: Valor) -> Avance:
    if tipo == TIPO_II:
        return avance_tipo2(sentido, lb, le, vo)
    return avance_tipo1(sentido, le, vo)


def medir(ind: Indicador, anio: int, *, tipo: int = TIPO_I, desde: int | None = None,
          met: Metodologia = METODOLOGIA) -> Medicion:
    """Avance Tipo I o Tipo II de un indicador en ``anio`` o en el periodo [``desde``, ``anio``],
    con el tope y los decimales del perfil ``met``."""
    if tipo not in TIPOS:
        raise ValueError(f"Tipo de avance desconocido: {tipo!r}")
    if desde is None:
        le, vo = ind.le(anio), ind.vo(anio)
        med = Medicion(le, vo, _avance_del_tipo(tipo, ind.sentido, ind.lb_valor, le, vo))
    else:
        med = avance_periodo(ind, desde, anio, tipo=tipo)
    avance = en_perfil(med.avance, met)
    return med if avance is med.avance else replace(med, avance=avance)


def avance_periodo(ind: Indicador, desde: int, hasta: int, *, tipo: int = TIPO_I) -> Medicion:
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
        return Medicion(None, None, Avance(None, (
            "Avance del periodo ND: el indicador no declara su acumulación (Acumulado o No "
            "acumulado), que decide cómo se lee un periodo.",)), (), tuple(anios))
    if ind.acumulacion is Acumulacion.ACUMULADO:
        le, vo = ind.le(hasta), ind.vo(hasta)
        av = _avance_del_tipo(tipo, ind.sentido, ind.lb_valor, le, vo)
        notas = list(av.observaciones)
        if le is None or vo is None:
            notas.append(f"Indicador acumulado: el periodo se lee en su último año ({hasta}).")
            return Medicion(le, vo, Avance(av.valor, tuple(notas)), (), (hasta,))
        return Medicion(le, vo, av, (hasta,), ())

    usados = tuple(a for a in anios if ind.le(a) is not None and ind.vo(a) is not None)
    excluidos = tuple(a for a in anios if a not in usados)
    notas: list[str] = []
    if excluidos:
        notas.append("Años excluidos del periodo (sin logro esperado o valor obtenido): "
                      + ", ".join(str(a) for a in excluidos) + ".")
    if not usados:
        notas.append("Ningún año del periodo tiene logro esperado y valor obtenido.")
        return Medicion(None, None, Avance(None, tuple(notas)), usados, excluidos)
    negativos = [a for a in usados if ind.le(a) < 0 or ind.vo(a) < 0]
    suma_le = sum((ind.le(a) for a in usados), CERO)
    suma_vo = sum((ind.vo(a) for a in usados), CERO)
    if negativos:
        notas.append(
            "Avance ND: un valor negativo (año " + ", ".join(str(a) for a in negativos)
            + ") no admite el cociente del avance del periodo."
        )
        return Medicion(suma_le, suma_vo, Avance(None, tuple(notas)), usados, excluidos)
    lb = None if ind.lb_valor is None else ind.lb_valor * len(usados)
    av = _avance_del_tipo(tipo, ind.sentido, lb, suma_le, suma_vo)
    return Medicion(suma_le, suma_vo, Avance(av.valor, (*av.observaciones, *notas)), usados,
                    excluidos)

