"""Alertas del año (metodología, sección 6): el borrador de las «ALERTAS IDENTIFICADAS» del
reporte, en cuatro grupos y en el orden del reporte.

Decisión [definido] para el retroceso: si el año t−1 no tiene valor obtenido, se compara con el año
anterior más reciente que sí lo tenga, y el mensaje nombra ese año
(``Perfil.retroceso_anio_con_dato``; con False se omite el indicador). En la muestra 2024
ambas opciones dan la misma lista: los indicadores con retroceso tienen dato en 2023.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from enum import Enum

from ..modelos import Indicador, Sentido, Valor
from .agregados import ResultadoAnio, ResultadoIndicador
from .cifras import texto_valor
from .metodologia import Perfil


class GrupoAlerta(str, Enum):
    """Grupo de una alerta. Su clave JSON, con los niveles del instrumento: :func:`clave_grupo`."""

    SIN_DATO_OBJETIVO = "sin_dato_objetivo"
    SIN_DATO_ACCION = "sin_dato_accion"
    RETROCESO = "retroceso"
    AVANCE_LIMITADO = "avance_limitado"


GRUPOS_ALERTA = (
    GrupoAlerta.SIN_DATO_OBJETIVO,
    GrupoAlerta.SIN_DATO_ACCION,
    GrupoAlerta.RETROCESO,
    GrupoAlerta.AVANCE_LIMITADO,
)
"""Orden de los grupos, como en el reporte."""


def clave_grupo(grupo: GrupoAlerta, perfil: Perfil) -> str:
    """Clave JSON del grupo en el instrumento: ``sin_dato_op`` y ``sin_dato_servicio`` en una
    política; ``sin_dato_oei`` y ``sin_dato_aei`` en un PEI."""
    r = perfil.rotulos
    return {GrupoAlerta.SIN_DATO_OBJETIVO: f"sin_dato_{r.clave_objetivo}",
            GrupoAlerta.SIN_DATO_ACCION: f"sin_dato_{r.clave_accion}"}.get(grupo, grupo.value)


@dataclass(frozen=True)
class Alerta:
    """Una alerta del año: qué indicador, por qué, y los valores que la sostienen."""

    grupo: GrupoAlerta
    codigo: str
    nombre: str
    nivel: str
    anio: int
    mensaje: str
    """Frase completa: código, nombre entre comillas y el hecho, con sus cifras."""
    perfil: Perfil = field(compare=False, repr=False)
    """El perfil del instrumento (decimales del avance, rótulos)."""
    unidad: str | None = None
    sentido: Sentido | None = None
    logro_esperado: Valor = None
    valor_obtenido: Valor = None
    avance: Valor = None
    """Avance Tipo I exacto (se muestra con los decimales del perfil)."""
    anio_anterior: int | None = None
    """Retroceso: año con el que se comparó el valor obtenido."""
    valor_anterior: Valor = None
    umbral: Decimal | None = None
    """Avance limitado: el umbral aplicado."""

    @property
    def hecho(self) -> str:
        """El mensaje sin el código ni el nombre del indicador (para tablas que ya los muestran)."""
        _, separador, resto = self.mensaje.partition("”: ")
        return resto if separador else self.mensaje


@dataclass(frozen=True)
class Alertas:
    """Las alertas de un año, agrupadas y ordenadas como el reporte, con el umbral aplicado y el
    perfil del instrumento (para nombrar sus grupos aunque no haya ninguna). Las calcula
    :func:`alertas_de`, una vez; toda salida las recibe."""

    anio: int
    umbral: Decimal
    perfil: Perfil = field(repr=False)
    lista: tuple[Alerta, ...] = ()

    def __iter__(self):
        return iter(self.lista)

    def __len__(self) -> int:
        return len(self.lista)

    def del_grupo(self, grupo: GrupoAlerta) -> list[Alerta]:
        return [a for a in self.lista if a.grupo is grupo]


def _valor_anterior(ind: Indicador, anio: int, perfil: Perfil) -> tuple[int, Decimal] | None:
    """Año y valor obtenido con el que se compara el de ``anio`` (t−1, o el último con dato)."""
    anteriores = sorted((a for a in ind.valores_obtenidos if a < anio), reverse=True)
    for a in anteriores:
        v = ind.vo(a)
        if v is not None:
            return a, v
        if not perfil.retroceso_anio_con_dato:
            return None
    return None


def empeoro(sentido: Sentido, anterior: Decimal, actual: Decimal) -> bool:
    """El valor obtenido empeoró: bajó (ascendente) o subió (descendente)."""
    if sentido is Sentido.ASCENDENTE:
        return actual < anterior
    return actual > anterior


def alertas_de(resultado: ResultadoAnio, umbral: Decimal | None = None) -> Alertas:
    """Las alertas del año (metodología §6) de un resultado Tipo I ya calculado, con su perfil:
    sin dato de objetivo, sin dato de acción (servicio), retroceso y avance limitado (avance
    mostrado ≤ ``umbral``; sin él, el del perfil)."""
    perfil = resultado.perfil
    umbral = perfil.umbral_avance_limitado if umbral is None else umbral
    de_objetivo = perfil.instrumento.indicador_objetivo
    anio = resultado.anio
    grupos: dict[GrupoAlerta, list[Alerta]] = {g: [] for g in GRUPOS_ALERTA}

    for r in resultado.indicadores:
        ind = r.indicador
        base = dict(codigo=ind.codigo, nombre=ind.nombre, nivel=ind.nivel, anio=anio,
                    unidad=ind.unidad, sentido=ind.sentido, logro_esperado=r.le, valor_obtenido=r.vo,
                    avance=r.avance.valor, perfil=perfil)
        titulo = f"{ind.codigo} “{ind.nombre.strip().rstrip('.')}”"

        if r.avance.valor is None:
            grupo = (GrupoAlerta.SIN_DATO_OBJETIVO if ind.nivel == de_objetivo
                     else GrupoAlerta.SIN_DATO_ACCION)
            grupos[grupo].append(Alerta(grupo=grupo, mensaje=f"{titulo}: {_motivo_nd(r, anio)}",
                                        **base))

        if r.vo is not None:
            previo = _valor_anterior(ind, anio, perfil)
            if previo is not None and empeoro(ind.sentido, previo[1], r.vo):
                a_ant, v_ant = previo
                verbo = "bajó" if ind.sentido is Sentido.ASCENDENTE else "subió"
                salto = "" if a_ant == anio - 1 else f" ({anio - 1} sin dato)"
                mensaje = (
                    f"{titulo}: el valor obtenido {verbo} de {texto_valor(v_ant, ind.unidad)} en "
                    f"{a_ant}{salto} a {texto_valor(r.vo, ind.unidad)} en {anio} (sentido "
                    f"{ind.sentido.value.lower()}{' inferido' if ind.sentido_inferido else ''})"
                )
                if r.avance.valor is not None:
                    mensaje += f"; avance Tipo I {anio}: {r.avance.mostrado}%"
                grupos[GrupoAlerta.RETROCESO].append(Alerta(
                    grupo=GrupoAlerta.RETROCESO, mensaje=mensaje + ".", anio_anterior=a_ant,
                    valor_anterior=v_ant, **base))

        mostrado = r.avance.mostrado
        if mostrado is not None and mostrado <= umbral:
            mensaje = (
                f"{titulo}: avance Tipo I limitado de {mostrado}% en {anio} (valor obtenido "
                f"{texto_valor(r.vo, ind.unidad)} frente a un logro esperado de "
                f"{texto_valor(r.le, ind.unidad)}), igual o menor que el umbral de {umbral}%."
            )
            grupos[GrupoAlerta.AVANCE_LIMITADO].append(Alerta(
                grupo=GrupoAlerta.AVANCE_LIMITADO, mensaje=mensaje, umbral=umbral, **base))

    # El reporte enumera los avances limitados de menor a mayor.
    grupos[GrupoAlerta.AVANCE_LIMITADO].sort(key=lambda a: a.avance)
    return Alertas(anio, umbral, perfil, tuple(a for g in GRUPOS_ALERTA for a in grupos[g]))


def _motivo_nd(r: ResultadoIndicador, anio: int) -> str:
    unidad = r.indicador.unidad
    if r.le is None and r.vo is None:
        return f"sin medición en {anio} (sin logro esperado ni valor obtenido)."
    if r.vo is None:
        return (f"sin valor obtenido en {anio} (logro esperado "
                f"{texto_valor(r.le, unidad)}).")
    if r.le is None:
        return (f"sin logro esperado para {anio} (valor obtenido "
                f"{texto_valor(r.vo, unidad)}): no se puede calcular el avance.")
    return f"avance ND en {anio}: " + " ".join(r.avance.observaciones)
