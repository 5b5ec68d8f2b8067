"""Comparación de dos años (metodología, sección 10) y evolución año a año de un indicador, un
OP o el índice (sección 9)."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from enum import Enum

from ..modelos import Indicador, Matriz, Valor
from .agregados import ResultadoAnio, calcular, mapa_op
from .avance import TIPO_II, Avance, medir
from .franjas import franja_de, redondear
from .metodologia import FRANJAS, Franja
from .proyeccion import Proyeccion, anio_final_con_meta, proyectar


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
    """OP, IOP o ISS."""
    nombre: str
    inicial: Valor
    final: Valor
    movimiento: Movimiento

    @property
    def franja_inicial(self) -> Franja:
        return franja_de(self.inicial)

    @property
    def franja_final(self) -> Franja:
        return franja_de(self.final)


def variacion_mostrada(inicial: Valor, final: Valor) -> Valor:
    """Diferencia de los valores tal como se muestran (un decimal): 65.0 → 69.0 es +4.0."""
    if inicial is None or final is None:
        return None
    return redondear(final) - redondear(inicial)


@dataclass
class Comparacion:
    """Dos resultados del mismo libro (año inicial y final) puestos lado a lado."""

    inicial: ResultadoAnio
    final: ResultadoAnio
    transiciones: list[Transicion]

    @property
    def variacion_indice(self) -> Valor:
        return variacion_mostrada(self.inicial.indice.valor, self.final.indice.valor)

    def de(self, mov: Movimiento) -> list[Transicion]:
        return [t for t in self.transiciones if t.movimiento is mov]

    @property
    def conteos(self) -> dict[str, dict[Franja, tuple[int, int]]]:
        """Grupo → franja → (cuenta inicial, cuenta final)."""
        a, b = self.inicial.resumen, self.final.resumen
        return {g: {f: (a[g][f], b[g][f]) for f in FRANJAS} for g in a}


def comparar_anios(inicial: ResultadoAnio, final: ResultadoAnio) -> Comparacion:
    """Transiciones de franja de cada OP e indicador entre dos resultados del mismo libro."""
    transiciones: list[Transicion] = []
    finales_op = {o.codigo: o for o in final.objetivos}
    for o in inicial.objetivos:
        f = finales_op.get(o.codigo)
        valor_final = f.valor if f is not None else None
        transiciones.append(Transicion(o.codigo, "OP", o.enunciado, o.valor, valor_final,
                                       movimiento(o.franja, franja_de(valor_final))))
    finales = {r.codigo: r for r in final.indicadores}
    for r in sorted(inicial.indicadores, key=lambda r: r.indicador.nivel != "IOP"):
        f = finales.get(r.codigo)
        valor_final = f.avance.valor if f is not None else None
        transiciones.append(Transicion(r.codigo, r.indicador.nivel, r.indicador.nombre,
                                       r.avance.valor, valor_final,
                                       movimiento(r.franja, franja_de(valor_final))))
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
    """"indicador", "objetivo" o "indice"."""
    nombre: str
    anios: list[AnioEvolucion]
    indicador: Indicador | None = None
    op: str | None = None
    proyeccion: Proyeccion | None = None
    """Del indicador (sólo si es un indicador)."""
    proyecciones: dict[str, Proyeccion] = field(default_factory=dict)
    """De los indicadores de OP que entran en el avance (OP e índice)."""


def evolucion(matriz: Matriz, codigo: str, *, tope: Decimal | None = None) -> Evolucion:
    """Cada año del libro para un indicador (LE, VO, Tipo I, Tipo II), un OP o ``INDICE``.

    Lanza ``KeyError`` si el código no es un indicador, un OP ni ``INDICE``.
    """
    anios = matriz.anios
    final = anio_final_con_meta(matriz)
    ops = mapa_op(matriz)
    indicadores = {i.codigo: i for i in matriz.indicadores}
    if codigo in indicadores:
        ind = indicadores[codigo]
        filas = [AnioEvolucion(a, ind.le(a), ind.vo(a), medir(ind, a).avance,
                               medir(ind, a, tipo=TIPO_II).avance) for a in anios]
        return Evolucion(codigo, "indicador", ind.nombre, filas, indicador=ind,
                         op=ops.get(ind.pertenece_a), proyeccion=proyectar(ind, final))
    objetivos = {o.codigo: o for o in matriz.objetivos}
    if codigo != "INDICE" and codigo not in objetivos:
        raise KeyError(codigo)
    filas = []
    for a in anios:
        r1 = calcular(matriz, a, tope=tope)
        r2 = calcular(matriz, a, tope=tope, tipo=TIPO_II)
        if codigo == "INDICE":
            g1, g2 = r1.indice, r2.indice
        else:
            g1 = next(o for o in r1.objetivos if o.codigo == codigo)
            g2 = next(o for o in r2.objetivos if o.codigo == codigo)
        filas.append(AnioEvolucion(a, None, None, Avance(g1.valor), Avance(g2.valor),
                                   g1.con_dato, g1.total))
    propios = [i for i in matriz.indicadores if i.nivel == "IOP" and ops.get(i.pertenece_a)
               and (codigo == "INDICE" or ops[i.pertenece_a] == codigo)]
    nombre = ("Índice de gestión de la política nacional" if codigo == "INDICE"
              else objetivos[codigo].enunciado)
    return Evolucion(codigo, "indice" if codigo == "INDICE" else "objetivo", nombre, filas,
                     op=None if codigo == "INDICE" else codigo,
                     proyecciones={i.codigo: proyectar(i, final) for i in propios})

