"""Comparación de dos años (metodología, sección 10) y evolución año a año de un indicador, un
OP (o un objetivo o acción estratégica de un plan) o el índice (sección 9)."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

from ..contrato import CODIGO_INDICE
from ..modelos import Indicador, Valor
from .agregados import ResultadoAnio, calcular, objetivo_de
from .avance import Avance, TipoAvance, medir
from .franjas import franja_de, redondear
from .metodologia import FRANJAS, Franja, Perfil
from .proyeccion import Proyeccion, anio_final_con_meta, proyectar
from .sentido import MatrizPreparada


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
    perfil: Perfil = field(compare=False, repr=False)

    @property
    def franja_inicial(self) -> Franja:
        return franja_de(self.inicial, self.perfil)

    @property
    def franja_final(self) -> Franja:
        return franja_de(self.final, self.perfil)


def variacion_mostrada(inicial: Valor, final: Valor, perfil: Perfil) -> Valor:
    """Diferencia de los valores tal como se muestran (un decimal en una política): 65.0 → 69.0
    es +4.0."""
    if inicial is None or final is None:
        return None
    return redondear(final, perfil) - redondear(inicial, perfil)


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
    perfil = inicial.perfil
    niveles = perfil.instrumento
    transiciones: list[Transicion] = []
    for agregados, finales_ag, nivel in ((inicial.objetivos, final.objetivos, niveles.objetivo),
                                         (inicial.acciones, final.acciones, niveles.accion)):
        por_codigo = {o.codigo: o for o in finales_ag}
        for o in agregados:
            f = por_codigo.get(o.codigo)
            valor_final = f.valor if f is not None else None
            transiciones.append(Transicion(o.codigo, nivel, o.enunciado, o.valor, valor_final,
                                           movimiento(o.franja, franja_de(valor_final, perfil)),
                                           perfil))
    finales = {r.codigo: r for r in final.indicadores}
    for r in sorted(inicial.indicadores,
                    key=lambda r: r.indicador.nivel != niveles.indicador_objetivo):
        f = finales.get(r.codigo)
        valor_final = f.avance.valor if f is not None else None
        transiciones.append(Transicion(r.codigo, r.indicador.nivel, r.indicador.nombre,
                                       r.avance.valor, valor_final,
                                       movimiento(r.franja, franja_de(valor_final, perfil)),
                                       perfil))
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
    perfil: Perfil
    indicador: Indicador | None = None
    objetivo: str | None = None
    """El objetivo del indicador; el de una acción (su padre); el propio objetivo."""
    proyeccion: Proyeccion | None = None
    """Del indicador (sólo si es un indicador)."""
    proyecciones: dict[str, Proyeccion] = field(default_factory=dict)
    """De los indicadores que entran en el avance (de un OP, una acción o el índice)."""


def evolucion(preparada: MatrizPreparada, codigo: str) -> Evolucion:
    """Cada año del libro para un indicador (LE, VO, Tipo I, Tipo II), un objetivo (o una acción
    de un plan) o ``INDICE``, con el perfil del instrumento.

    Lanza ``KeyError`` si el código no es un indicador, un objetivo, una acción ni ``INDICE``.
    """
    matriz, perfil = preparada.matriz, preparada.perfil
    anios = matriz.anios
    final = anio_final_con_meta(matriz)
    objetivos_de = objetivo_de(matriz)
    indicadores = {i.codigo: i for i in matriz.indicadores}
    if codigo in indicadores:
        ind = indicadores[codigo]
        filas = [AnioEvolucion(a, ind.le(a), ind.vo(a), medir(ind, a, perfil).avance,
                               medir(ind, a, perfil, tipo=TipoAvance.II).avance) for a in anios]
        return Evolucion(codigo, "indicador", ind.nombre, filas, perfil, indicador=ind,
                         objetivo=objetivos_de.get(ind.pertenece_a),
                         proyeccion=proyectar(ind, final, perfil))
    objetivos = {o.codigo: o for o in matriz.objetivos}
    acciones = {a.codigo: a for a in matriz.acciones} if perfil.agrega_acciones else {}
    if codigo != CODIGO_INDICE and codigo not in objetivos and codigo not in acciones:
        raise KeyError(codigo)
    filas = []
    for a in anios:
        r1 = calcular(preparada, a)
        r2 = calcular(preparada, a, tipo=TipoAvance.II)
        if codigo == CODIGO_INDICE:
            g1, g2 = r1.indice, r2.indice
        else:
            g1 = next(o for o in (*r1.objetivos, *r1.acciones) if o.codigo == codigo)
            g2 = next(o for o in (*r2.objetivos, *r2.acciones) if o.codigo == codigo)
        filas.append(AnioEvolucion(a, None, None, Avance(g1.valor, perfil=perfil),
                                   Avance(g2.valor, perfil=perfil), g1.con_dato, g1.total))
    niveles = perfil.instrumento
    if codigo in acciones:
        propios = [i for i in matriz.indicadores
                   if i.nivel == niveles.indicador_accion and i.pertenece_a == codigo]
        return Evolucion(codigo, "accion", acciones[codigo].enunciado, filas, perfil,
                         objetivo=acciones[codigo].padre,
                         proyecciones={i.codigo: proyectar(i, final, perfil) for i in propios})
    propios = [i for i in matriz.indicadores
               if i.nivel == niveles.indicador_objetivo and objetivos_de.get(i.pertenece_a)
               and (codigo == CODIGO_INDICE or objetivos_de[i.pertenece_a] == codigo)]
    es_indice = codigo == CODIGO_INDICE
    nombre = perfil.rotulos.indice if es_indice else objetivos[codigo].enunciado
    return Evolucion(codigo, "indice" if es_indice else "objetivo", nombre, filas, perfil,
                     objetivo=None if es_indice else codigo,
                     proyecciones={i.codigo: proyectar(i, final, perfil) for i in propios})
