"""Comparación de dos años (metodología, sección 10) y evolución año a año de un indicador, un
OP (o un objetivo o acción estratégica de un plan) o el índice (sección 9)."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from enum import Enum

from ..modelos import Indicador, Matriz, Valor
from .agregados import ResultadoAnio, calcular, mapa_op
from .avance import TIPO_II, Avance, medir
from .franjas import franja_de, redondear
from .metodologia import FRANJAS, METODOLOGIA, Franja, Metodologia, perfil_de
from .proyeccion import Proyeccion, anio_final_con_meta, proyectar
from .sentido import preparar


_RANGO_FRANJA = {Franja.BAJA: 0, Franja.MEDIA: 1, Franja.ALTA: 2}


class Movimiento(str, Enum):
    """Cómo cambió la franja de un OP o indicador entre dos años. Valor: clave estable en JSON."""

    SUBE = "suben"
    BAJA = "bajan"
    GANA_DATO = "ganan_dato"
    PIERDE_DATO = "pierden_dato"
    IGUAL = "sin_cambio"


def movimiento(inicial: Franja, final: Franja) -> Movimiento:
    """Subir o bajar de franja (entre franjas con dato), ganar o perder el dato, o quedarse."""
    if inicial is Franja.ND and final is Franja.ND:
        return Movimiento.IGUAL
    if inicial is Franja.ND:
        return Movimiento.GANA_DATO
    if final is Franja.ND:
        return Movimiento.PIERDE_DATO
    diferencia = _RANGO_FRANJA[final] - _RANGO_FRANJA[inicial]
    if diferencia > 0:
        return Movimiento.SUBE
    if diferencia < 0:
        return Movimiento.BAJA
    return Movimiento.IGUAL


@dataclass(frozen=True)
class Transicion:
    codigo: str
    nivel: str
    """OP, IOP o ISS (en un plan: OEI, AEI, IOEI, IAEI...)."""
    nombre: str
    inicial: Valor
    final: Valor
    movimiento: Movimiento
    perfil: Metodologia = field(default=METODOLOGIA, compare=False, repr=False)

    @property
    def franja_inicial(self) -> Franja:
        return franja_de(self.inicial, self.perfil)

    @property
    def franja_final(self) -> Franja:
        return franja_de(self.final, self.perfil)


def variacion_mostrada(inicial: Valor, final: Valor, met: Metodologia = METODOLOGIA) -> Valor:
    """Diferencia de los valores tal como se muestran (un decimal): 65.0 → 69.0 es +4.0."""
    if inicial is None or final is None:
        return None
    return redondear(final, met) - redondear(inicial, met)


@dataclass
class Comparacion:
    """Dos resultados del mismo libro (año inicial y final) puestos lado a lado."""

    inicial: ResultadoAnio
    final: ResultadoAnio
    transiciones: list[Transicion]

    @property
    def variacion_indice(self) -> Valor:
        return variacion_mostrada(self.inicial.indice.valor, self.final.indice.valor,
                                  self.inicial.perfil)

    def de(self, mov: Movimiento) -> list[Transicion]:
        return [t for t in self.transiciones if t.movimiento is mov]

    @property
    def conteos(self) -> dict[str, dict[Franja, tuple[int, int]]]:
        """Grupo → franja → (cuenta inicial, cuenta final)."""
        a, b = self.inicial.resumen, self.final.resumen
        return {g: {f: (a[g][f], b[g][f]) for f in FRANJAS} for g in a}


def comparar_anios(inicial: ResultadoAnio, final: ResultadoAnio) -> Comparacion:
    """Transiciones de franja de cada objetivo (y acción, en un plan) e indicador entre dos
    resultados del mismo libro."""
    met = inicial.perfil
    niveles = met.instrumento
    transiciones: list[Transicion] = []
    for agregados, finales_ag, nivel in ((inicial.objetivos, final.objetivos, niveles.objetivo),
                                         (inicial.acciones, final.acciones, niveles.accion)):
        por_codigo = {o.codigo: o for o in finales_ag}
        for o in agregados:
            f = por_codigo.get(o.codigo)
            valor_final = f.valor if f is not None else None
            transiciones.append(Transicion(o.codigo, nivel, o.enunciado, o.valor, valor_final,
                                           movimiento(o.franja, franja_de(valor_final, met)),
                                           met))
    finales = {r.codigo: r for r in final.indicadores}
    for r in sorted(inicial.indicadores,
                    key=lambda r: r.indicador.nivel != niveles.indicador_objetivo):
        f = finales.get(r.codigo)
        valor_final = f.avance.valor if f is not None else None
        transiciones.append(Transicion(r.codigo, r.indicador.nivel, r.indicador.nombre,
                                       r.avance.valor, valor_final,
                                       movimiento(r.franja, franja_de(valor_final, met)), met))
    return Comparacion(inicial, final, transiciones)


# Evolución de un indicador, OP o del índice (metodología, sección 9) ---------------------------


@dataclass(frozen=True)
class AnioEvolucion:
    """Un año de la evolución. En un OP o el índice, ``le`` y ``vo`` son ND y hay cobertura."""

    anio: int
    le: Valor
    vo: Valor
    tipo1: Avance
    tipo2: Avance
    con_dato: int | None = None
    total: int | None = None


@dataclass
class Evolucion:
    codigo: str
    clase: str
    """"indicador", "objetivo", "accion" (de un plan) o "indice"."""
    nombre: str
    anios: list[AnioEvolucion]
    indicador: Indicador | None = None
    op: str | None = None
    proyeccion: Proyeccion | None = None
    """Del indicador (sólo si es un indicador)."""
    proyecciones: dict[str, Proyeccion] = field(default_factory=dict)
    """De los indicadores que entran en el avance (de un OP, una acción o el índice)."""
    perfil: Metodologia = METODOLOGIA


def evolucion(matriz: Matriz, codigo: str, *, tope: Decimal | None = None,
              met: Metodologia | None = None) -> Evolucion:
    """Cada año del libro para un indicador (LE, VO, Tipo I, Tipo II), un OP (un objetivo o una
    acción de un plan) o ``INDICE``, con el perfil del instrumento.

    Lanza ``KeyError`` si el código no es un indicador, un objetivo, una acción ni ``INDICE``.
    """
    met = met or perfil_de(matriz.politica.instrumento)
    matriz = preparar(matriz, met)
    anios = matriz.anios
    final = anio_final_con_meta(matriz)
    ops = mapa_op(matriz)
    indicadores = {i.codigo: i for i in matriz.indicadores}
    if codigo in indicadores:
        ind = indicadores[codigo]
        filas = [AnioEvolucion(a, ind.le(a), ind.vo(a), medir(ind, a, met=met).avance,
                               medir(ind, a, tipo=TIPO_II, met=met).avance) for a in anios]
        return Evolucion(codigo, "indicador", ind.nombre, filas, indicador=ind,
                         op=ops.get(ind.pertenece_a), proyeccion=proyectar(ind, final, met=met),
                         perfil=met)
    objetivos = {o.codigo: o for o in matriz.objetivos}
    acciones = {a.codigo: a for a in matriz.acciones} if met.agrega_acciones else {}
    if codigo != "INDICE" and codigo not in objetivos and codigo not in acciones:
        raise KeyError(codigo)
    filas = []
    for a in anios:
        r1 = calcular(matriz, a, tope=tope, met=met)
        r2 = calcular(matriz, a, tope=tope, tipo=TIPO_II, met=met)
        if codigo == "INDICE":
            g1, g2 = r1.indice, r2.indice
        else:
            g1 = next(o for o in (*r1.objetivos, *r1.acciones) if o.codigo == codigo)
            g2 = next(o for o in (*r2.objetivos, *r2.acciones) if o.codigo == codigo)
        filas.append(AnioEvolucion(a, None, None, Avance(g1.valor, perfil=met),
                                   Avance(g2.valor, perfil=met), g1.con_dato, g1.total))
    niveles = met.instrumento
    if codigo in acciones:
        propios = [i for i in matriz.indicadores
                   if i.nivel == niveles.indicador_otro and i.pertenece_a == codigo]
        return Evolucion(codigo, "accion", acciones[codigo].enunciado, filas,
                         op=acciones[codigo].padre, perfil=met,
                         proyecciones={i.codigo: proyectar(i, final, met=met) for i in propios})
    propios = [i for i in matriz.indicadores
               if i.nivel == niveles.indicador_objetivo and ops.get(i.pertenece_a)
               and (codigo == "INDICE" or ops[i.pertenece_a] == codigo)]
    nombre = met.rotulos.indice if codigo == "INDICE" else objetivos[codigo].enunciado
    return Evolucion(codigo, "indice" if codigo == "INDICE" else "objetivo", nombre, filas,
                     op=None if codigo == "INDICE" else codigo, perfil=met,
                     proyecciones={i.codigo: proyectar(i, final, met=met) for i in propios})

