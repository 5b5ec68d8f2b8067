"""Agregación (metodología, sección 2): el resultado de cada indicador en un año o periodo, el
avance de cada objetivo prioritario (media de sus indicadores de OP con dato), el índice de gestión
(media de los OP con dato), la cobertura de cada agregado y el conteo por franja de los tres grupos
del reporte. En un plan (sección 12): OEI = media de sus IOEI, AEI = media de sus IAEI, índice =
media de los OEI; todo con el perfil del instrumento (truncamiento y decimales)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Iterable

from ..contrato import CODIGO_INDICE
from ..modelos import Indicador, Matriz, Problema, Valor
from .avance import Avance, TipoAvance, medir
from .calidad import texto_calidad
from .conciliacion import comparar_publicado
from .franjas import ConValor, contar_franjas
from .metodologia import CERO, Franja, Perfil
from .sentido import MatrizPreparada, nota_inferido


def media(valores: Iterable[Valor]) -> Valor:
    """Media aritmética de los valores que no son ND; ND si todos lo son."""
    con_dato = [v for v in valores if v is not None]
    if not con_dato:
        return None
    return sum(con_dato, CERO) / len(con_dato)


def topar(valor: Valor, tope: Decimal | None) -> Valor:
    """Aplica el ``--tope`` del usuario (sensibilidad a la sobreejecución) antes de agregar."""
    if valor is None or tope is None:
        return valor
    return min(valor, tope)


@dataclass
class ResultadoIndicador:
    indicador: Indicador
    objetivo: str | None
    """Código del objetivo (OP, OEI...) al que se reduce el indicador."""
    le: Valor
    vo: Valor
    avance: Avance
    publicado: Valor = None
    observaciones: list[str] = field(default_factory=list)
    """Lo que explica el avance: sentido inferido, fórmula, avance publicado distinto y las
    observaciones de calidad de sus datos (con su Hoja!Celda)."""
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
    """Avance de un objetivo (media de sus indicadores de objetivo), de una acción estratégica de
    un plan (media de sus indicadores) o el índice de gestión (media de los objetivos)."""

    codigo: str
    enunciado: str
    valor: Valor
    con_dato: int
    total: int
    perfil: Perfil = field(repr=False)
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
    perfil: Perfil
    """El perfil del instrumento del libro: decimales, truncamiento, rótulos."""
    tope: Decimal | None = None
    """El ``--tope`` del usuario, aplicado a cada indicador al agregar; None = sin tope."""
    tipo: TipoAvance = TipoAvance.I
    desde: int | None = None
    """Primer año del periodo [desde, anio]; None = sólo el año."""
    acciones: list[ResultadoAgregado] = field(default_factory=list)
    """Avance de cada acción estratégica (sólo en un plan)."""

    @property
    def de_objetivo(self) -> list[ResultadoIndicador]:
        """Los indicadores de un objetivo: IOP, IOEI..."""
        nivel = self.perfil.instrumento.indicador_objetivo
        return [r for r in self.indicadores if r.indicador.nivel == nivel]

    @property
    def de_accion(self) -> list[ResultadoIndicador]:
        """Los demás indicadores: ISS (de un servicio), IAEI (de una acción)..."""
        nivel = self.perfil.instrumento.indicador_accion
        return [r for r in self.indicadores if r.indicador.nivel == nivel]

    @property
    def resumen(self) -> dict[str, dict[Franja, int]]:
        """Conteo por franja de los tres grupos del reporte (claves: ``perfil.grupos``)."""
        objetivos, de_objetivo, de_accion = self.perfil.grupos
        perfil = self.perfil
        return {
            objetivos: contar_franjas((o.valor for o in self.objetivos), perfil),
            de_objetivo: contar_franjas((r.avance.valor for r in self.de_objetivo), perfil),
            de_accion: contar_franjas((r.avance.valor for r in self.de_accion), perfil),
        }


def objetivo_de(matriz: Matriz) -> dict[str, str]:
    """Código de cada elemento de la estructura → código de su objetivo (SS → LN → OP)."""
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


def _agregado(codigo: str, enunciado: str, valores: list[Valor], perfil: Perfil,
              padre: str | None = None) -> ResultadoAgregado:
    """Media de los valores con dato, con su cobertura."""
    return ResultadoAgregado(codigo=codigo, enunciado=enunciado, valor=media(valores),
                             con_dato=sum(v is not None for v in valores), total=len(valores),
                             perfil=perfil, padre=padre)


def calcular(preparada: MatrizPreparada, anio: int, *, tope: Decimal | None = None,
             tipo: TipoAvance = TipoAvance.I, desde: int | None = None,
             calidad: Mapping[str, Sequence[Problema]] | None = None) -> ResultadoAnio:
    """Avance de cada indicador, avance de cada objetivo (y acción, en un plan) e índice de
    gestión del año, con el perfil de la matriz preparada.

    ``tipo`` elige el avance Tipo I (por omisión) o Tipo II; ``desde`` pide el avance del periodo
    [desde, anio] (ver :func:`avance_periodo`). Objetivos e índice se agregan igual para ambos
    tipos. ``calidad``: las observaciones de calidad de los datos de cada indicador
    (:func:`~.calidad.calidad_por_indicador`), que van en sus ``observaciones``.
    """
    matriz, perfil = preparada.matriz, preparada.perfil
    calidad = calidad or {}
    objetivos_de = objetivo_de(matriz)
    compara_publicado = tipo is TipoAvance.I and desde is None
    indicadores: list[ResultadoIndicador] = []
    for ind in matriz.indicadores:
        med = medir(ind, anio, perfil, tipo=tipo, desde=desde)
        le, vo, av = med.le, med.vo, med.avance
        observaciones = list(av.observaciones)
        if ind.sentido_inferido:
            observaciones.insert(0, nota_inferido(ind))
        publicado = matriz.avance_publicado.get(ind.codigo, {})
        pub = publicado.get(anio)
        if anio in publicado and compara_publicado:
            nota = comparar_publicado(av.valor, pub, perfil)
            if nota:
                observaciones.append(nota)
        observaciones.extend(texto_calidad(p) for p in calidad.get(ind.codigo, ()))
        indicadores.append(
            ResultadoIndicador(
                indicador=ind,
                objetivo=objetivos_de.get(ind.pertenece_a),
                le=le,
                vo=vo,
                avance=av,
                publicado=pub,
                observaciones=observaciones,
                usados=med.usados,
                excluidos=med.excluidos,
            )
        )

    niveles = perfil.instrumento
    por_objetivo: dict[str, list[Valor]] = {}
    por_accion: dict[str, list[Valor]] = {}
    de_objetivo = niveles.indicador_objetivo  # propiedades que buscan: una vez, no por fila
    de_accion = niveles.indicador_accion if perfil.agrega_acciones else None
    for r in indicadores:
        valor = topar(r.avance.valor, tope)
        if r.indicador.nivel == de_objetivo and r.objetivo is not None:
            por_objetivo.setdefault(r.objetivo, []).append(valor)
        elif perfil.agrega_acciones and r.indicador.nivel == de_accion:
            por_accion.setdefault(r.indicador.pertenece_a, []).append(valor)
    objetivos = [_agregado(o.codigo, o.enunciado, por_objetivo.get(o.codigo, []), perfil)
                 for o in matriz.objetivos]
    acciones = ([_agregado(a.codigo, a.enunciado, por_accion.get(a.codigo, []), perfil, a.padre)
                 for a in matriz.acciones] if perfil.agrega_acciones else [])
    indice = _agregado(CODIGO_INDICE, perfil.rotulos.indice, [o.valor for o in objetivos],
                       perfil)
    return ResultadoAnio(matriz, anio, indicadores, objetivos, indice, perfil, tope=tope,
                         tipo=tipo, desde=desde, acciones=acciones)
