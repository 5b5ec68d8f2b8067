"""Agregación (metodología, sección 2): el resultado de cada indicador en un año o periodo, el
avance de cada objetivo prioritario (media de sus indicadores de OP con dato), el índice de gestión
(media de los OP con dato), la cobertura de cada agregado y el conteo por franja de los tres grupos
del reporte. En un plan (sección 12): OEI = media de sus IOEI, AEI = media de sus IAEI, índice =
media de los OEI; todo con el perfil del instrumento (tope y decimales)."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Iterable

from ..modelos import Indicador, Matriz, Valor
from .avance import Avance, medir
from .conciliacion import comparar_publicado
from .franjas import ConValor, contar_franjas
from .metodologia import CERO, METODOLOGIA, Franja, Metodologia, perfil_de
from .sentido import nota_inferido, preparar


def media(valores: Iterable[Valor]) -> Valor:
    """Media aritmética de los valores que no son ND; ND si todos lo son."""
    con_dato = [v for v in valores if v is not None]
    if not con_dato:
        return None
    return sum(con_dato, CERO) / len(con_dato)


def topar(valor: Valor, tope: Decimal | None) -> Valor:
    """Aplica el tope opcional (sensibilidad a la sobreejecución) antes de agregar."""
    if valor is None or tope is None:
        return valor
    return min(valor, tope)


@dataclass
class ResultadoIndicador:
    indicador: Indicador
    op: str | None
    """Código del OP al que se reduce el indicador."""
    le: Valor
    vo: Valor
    avance: Avance
    publicado: Valor = None
    observaciones: list[str] = field(default_factory=list)
    usados: tuple[int, ...] = ()
    """Con periodo: años cuyos valores entran en el avance."""
    excluidos: tuple[int, ...] = ()
    """Con periodo: años dejados fuera por falta de logro esperado o valor obtenido."""

    @property
    def codigo(self) -> str:
        return self.indicador.codigo

    @property
    def franja(self) -> Franja:
        return self.avance.franja


@dataclass
class ResultadoAgregado(ConValor):
    """Avance de un OP (media de sus IOP), de una acción estratégica de un plan (media de sus
    indicadores) o el índice de gestión (media de los objetivos)."""

    codigo: str
    enunciado: str
    valor: Valor
    con_dato: int
    total: int
    perfil: Metodologia = field(default=METODOLOGIA, repr=False)
    padre: str | None = None
    """El objetivo de una acción estratégica."""

    @property
    def cobertura(self) -> str:
        return f"{self.con_dato} de {self.total} indicadores con dato"


@dataclass
class ResultadoAnio:
    matriz: Matriz
    anio: int
    indicadores: list[ResultadoIndicador]
    objetivos: list[ResultadoAgregado]
    indice: ResultadoAgregado
    tope: Decimal | None = None
    tipo: int = 1
    """1 = avance Tipo I, 2 = avance Tipo II."""
    desde: int | None = None
    """Primer año del periodo [desde, anio]; None = sólo el año."""
    acciones: list[ResultadoAgregado] = field(default_factory=list)
    """Avance de cada acción estratégica (sólo en un plan)."""
    perfil: Metodologia = METODOLOGIA
    """El perfil del instrumento del libro: decimales, tope, rótulos."""

    @property
    def iop(self) -> list[ResultadoIndicador]:
        """Los indicadores de un objetivo: IOP, IOEI..."""
        nivel = self.perfil.instrumento.indicador_objetivo
        return [r for r in self.indicadores if r.indicador.nivel == nivel]

    @property
    def iss(self) -> list[ResultadoIndicador]:
        """Los otros indicadores: ISS (de un servicio), IAEI (de una acción)..."""
        nivel = self.perfil.instrumento.indicador_otro
        return [r for r in self.indicadores if r.indicador.nivel == nivel]

    @property
    def resumen(self) -> dict[str, dict[Franja, int]]:
        """Conteo por franja de los tres grupos del reporte (claves: ``perfil.grupos``)."""
        objetivos, de_objetivo, otros = self.perfil.grupos
        met = self.perfil
        return {
            objetivos: contar_franjas((o.valor for o in self.objetivos), met),
            de_objetivo: contar_franjas((r.avance.valor for r in self.iop), met),
            otros: contar_franjas((r.avance.valor for r in self.iss), met),
        }


def mapa_op(matriz: Matriz) -> dict[str, str]:
    """Código de cada elemento de la estructura → código de su OP (SS → LN → OP)."""
    padres = {e.codigo: e.padre for e in matriz.estructura}
    resultado: dict[str, str] = {}
    for codigo in padres:
        actual, vistos = codigo, set()
        while padres.get(actual) is not None and actual not in vistos:
            vistos.add(actual)
            actual = padres[actual]
        if actual in padres and padres[actual] is None:
            resultado[codigo] = actual
    return resultado


def _agregado(codigo: str, enunciado: str, valores: list[Valor], met: Metodologia,
              padre: str | None = None) -> ResultadoAgregado:
    """Media de los valores con dato, con su cobertura."""
    return ResultadoAgregado(codigo=codigo, enunciado=enunciado, valor=media(valores),
                             con_dato=sum(v is not None for v in valores), total=len(valores),
                             perfil=met, padre=padre)


def calcular(matriz: Matriz, anio: int, *, tope: Decimal | None = None, tipo: int = 1,
             desde: int | None = None, met: Metodologia | None = None) -> ResultadoAnio:
    """Avance de cada indicador, avance de cada objetivo (y acción, en un plan) e índice de
    gestión del año, con el perfil ``met`` (por omisión, el del instrumento del libro).

    ``tipo`` elige el avance Tipo I (por omisión) o Tipo II; ``desde`` pide el avance del periodo
    [desde, anio] (ver :func:`avance_periodo`). OP e índice se agregan igual para ambos tipos.
    """
    met = met or perfil_de(matriz.politica.instrumento)
    matriz = preparar(matriz, met)
    ops = mapa_op(matriz)
    indicadores: list[ResultadoIndicador] = []
    for ind in matriz.indicadores:
        med = medir(ind, anio, tipo=tipo, desde=desde, met=met)
        le, vo, av = med.le, med.vo, med.avance
        observaciones = list(av.observaciones)
        if ind.sentido_inferido:
            observaciones.insert(0, nota_inferido(ind))
        publicado = matriz.avance_publicado.get(ind.codigo, {})
        pub = publicado.get(anio)
        if anio in publicado and tipo == 1 and desde is None:
            nota = comparar_publicado(av.valor, pub, met)
            if nota:
                observaciones.append(nota)
        indicadores.append(
            ResultadoIndicador(
                indicador=ind,
                op=ops.get(ind.pertenece_a),
                le=le,
                vo=vo,
                avance=av,
                publicado=pub,
                observaciones=observaciones,
                usados=med.usados,
                excluidos=med.excluidos,
            )
        )

    niveles = met.instrumento
    por_op: dict[str, list[Valor]] = {}
    por_accion: dict[str, list[Valor]] = {}
    de_objetivo = niveles.indicador_objetivo  # propiedades que buscan: una vez, no por fila
    de_accion = niveles.indicador_otro if met.agrega_acciones else None
    for r in indicadores:
        valor = topar(r.avance.valor, tope)
        if r.indicador.nivel == de_objetivo and r.op is not None:
            por_op.setdefault(r.op, []).append(valor)
        elif met.agrega_acciones and r.indicador.nivel == de_accion:
            por_accion.setdefault(r.indicador.pertenece_a, []).append(valor)
    objetivos = [_agregado(op.codigo, op.enunciado, por_op.get(op.codigo, []), met)
                 for op in matriz.objetivos]
    acciones = ([_agregado(a.codigo, a.enunciado, por_accion.get(a.codigo, []), met, a.padre)
                 for a in matriz.acciones] if met.agrega_acciones else [])
    indice = _agregado("INDICE", met.rotulos.indice, [o.valor for o in objetivos], met)
    return ResultadoAnio(matriz, anio, indicadores, objetivos, indice, tope, tipo, desde,
                         acciones, met)
