"""Agregación (metodología, sección 2): el resultado de cada indicador en un año o periodo, el
avance de cada objetivo prioritario (media de sus indicadores de OP con dato), el índice de gestión
(media de los OP con dato), la cobertura de cada agregado y el conteo por franja de los tres grupos
del reporte."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Iterable

from ..modelos import Indicador, Matriz, Valor
from .avance import Avance, medir
from .conciliacion import comparar_publicado
from .franjas import ConValor, contar_franjas
from .metodologia import CERO, Franja


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
    """Avance de un OP (media de sus IOP) o el índice de gestión (media de los OP)."""

    codigo: str
    enunciado: str
    valor: Valor
    con_dato: int
    total: int

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

    @property
    def iop(self) -> list[ResultadoIndicador]:
        return [r for r in self.indicadores if r.indicador.nivel == "IOP"]

    @property
    def iss(self) -> list[ResultadoIndicador]:
        return [r for r in self.indicadores if r.indicador.nivel == "ISS"]

    @property
    def resumen(self) -> dict[str, dict[Franja, int]]:
        """Conteo por franja de los tres grupos del reporte."""
        return {
            "objetivos": contar_franjas(o.valor for o in self.objetivos),
            "indicadores_op": contar_franjas(r.avance.valor for r in self.iop),
            "indicadores_servicio": contar_franjas(r.avance.valor for r in self.iss),
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


def calcular(matriz: Matriz, anio: int, *, tope: Decimal | None = None, tipo: int = 1,
             desde: int | None = None) -> ResultadoAnio:
    """Avance de cada indicador, avance de cada OP e índice de gestión del año.

    ``tipo`` elige el avance Tipo I (por omisión) o Tipo II; ``desde`` pide el avance del periodo
    [desde, anio] (ver :func:`avance_periodo`). OP e índice se agregan igual para ambos tipos.
    """
    ops = mapa_op(matriz)
    indicadores: list[ResultadoIndicador] = []
    for ind in matriz.indicadores:
        med = medir(ind, anio, tipo=tipo, desde=desde)
        le, vo, av = med.le, med.vo, med.avance
        observaciones = list(av.observaciones)
        publicado = matriz.avance_publicado.get(ind.codigo, {})
        pub = publicado.get(anio)
        if anio in publicado and tipo == 1 and desde is None:
            nota = comparar_publicado(av.valor, pub)
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

    por_op: dict[str, list[ResultadoIndicador]] = {}
    for r in indicadores:
        if r.indicador.nivel == "IOP" and r.op is not None:
            por_op.setdefault(r.op, []).append(r)
    objetivos = []
    for op in matriz.objetivos:
        propios = por_op.get(op.codigo, [])
        valores = [topar(r.avance.valor, tope) for r in propios]
        objetivos.append(
            ResultadoAgregado(
                codigo=op.codigo,
                enunciado=op.enunciado,
                valor=media(valores),
                con_dato=sum(v is not None for v in valores),
                total=len(valores),
            )
        )
    indice = ResultadoAgregado(
        codigo="INDICE",
        enunciado="Índice de gestión de la política nacional",
        valor=media(o.valor for o in objetivos),
        con_dato=sum(o.valor is not None for o in objetivos),
        total=len(objetivos),
    )
    return ResultadoAnio(matriz, anio, indicadores, objetivos, indice, tope, tipo, desde)
