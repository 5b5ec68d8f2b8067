"""La configuración de la metodología: umbrales, franjas, decimales, tolerancias y rótulos, y un
perfil por instrumento de CEPLAN (metodología, sección 12).

Es el único lugar donde se cambia la metodología (``docs/metodologia.md``): las reglas de los
demás módulos de :mod:`penitencia_cli.reglas` leen sus números y textos del perfil del libro
(:func:`perfil_de`); :data:`METODOLOGIA` es el de una política nacional, el perfil por omisión.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from decimal import Decimal
from enum import Enum
from functools import cached_property

from ..contrato import INSTRUMENTOS, POLITICA, UNIDADES_PORCENTAJE, Instrumento

CIEN = Decimal(100)
CERO = Decimal(0)


class Franja(str, Enum):
    """Franja de avance. El valor es la clave estable usada en JSON y CSV."""

    BAJA = "0-75"
    MEDIA = "75-95"
    ALTA = "95+"
    ND = "ND"

    @property
    def etiqueta(self) -> str:
        return METODOLOGIA.etiquetas[self]

    @property
    def color(self) -> str:
        """Color del semáforo: rojo, ámbar, verde o gris."""
        return METODOLOGIA.colores[self]


@dataclass(frozen=True)
class Rotulos:
    """Cómo se nombra en las salidas cada cosa de un instrumento (los de una política nacional por
    omisión). Los códigos de los niveles están en ``contrato.INSTRUMENTOS``."""

    instrumento: str = "Política"
    """Rótulo del nombre en un encabezado («Política: …», «Plan: …»)."""
    titulo: str = "Reporte de Seguimiento"
    """Título del reporte del instrumento (sin el año)."""
    objetivo: str = "Objetivo prioritario"
    objetivos: str = "Objetivos prioritarios"
    accion: str | None = None
    """Las acciones estratégicas de un plan (se agregan); una política no las tiene."""
    acciones: str | None = None
    columna_objetivo: str = "Objetivo prioritario"
    columna_accion: str | None = None
    """Encabezado de la columna del enunciado en las tablas de objetivos y de acciones."""
    indicadores_objetivo: str = "Indicadores de OP"
    indicadores_otro: str = "Indicadores de servicio"
    indice: str = "Índice de gestión de la política nacional"
    sin_objetivo: str = "Sin objetivo prioritario"
    sin_dato_objetivo: str = "Indicadores de objetivos prioritarios sin medición"
    sin_dato_otro: str = "Indicadores de servicio sin medición"
    redaccion_objetivos: str = "Objetivos Prioritarios"
    """Cómo los nombra el borrador de las alertas («… de algunos Objetivos Prioritarios»)."""
    redaccion_otros: str = "servicios"
    """«… algunos indicadores de servicios no han podido reportarse …»."""
    clave_objetivo: str = "op"
    clave_otro: str = "servicio"
    """Claves JSON de los grupos: ``indicadores_op``, ``sin_dato_servicio``…"""


@dataclass(frozen=True)
class Metodologia:
    """Toda la configuración de las reglas de un instrumento: un perfil. Un cambio de metodología
    es una edición aquí. Los valores por omisión son los de una política nacional."""

    version: str = "PNP-CEPLAN 1.0"
    instrumento: Instrumento = POLITICA
    """Los niveles del instrumento (``contrato.INSTRUMENTOS``)."""
    rotulos: Rotulos = Rotulos()
    decimales: int = 1
    """Decimales con que se muestra (y se clasifica en franjas) un avance, mitad hacia arriba."""
    tope_indicador: Decimal | None = None
    """Avance máximo de cada indicador: lo mostrado, su franja y lo que se agrega es
    min(avance, tope); el valor sin tope se conserva (JSON ``avance_sin_tope``). None: sin tope."""
    nota_tope: str | None = None
    """La nota con que el reporte del instrumento advierte el tope."""
    infiere_sentido: bool = False
    """Un sentido vacío se infiere de los logros esperados (``reglas.sentido``)."""
    sentido_inferido_minimo: Decimal = Decimal(0)
    """Sentido inferido: último LE − primer LE ≥ este valor es ascendente; menor, descendente."""
    agrega_acciones: bool = False
    """Avance de cada acción estratégica = media de sus indicadores (en un plan) [definido]."""
    decimales_porcentaje_impreso: int = 2
    """Decimales mínimos de un valor en porcentaje en la publicación (``penitencia reporte``),
    como los imprime el reporte: «36.50%», «33.00%» (uno con más decimales los conserva)."""
    umbral_media: Decimal = Decimal(75)
    """Desde aquí (valor mostrado) la franja es [75-95%>."""
    umbral_alta: Decimal = Decimal(95)
    """Desde aquí (valor mostrado) la franja es >= 95%."""
    umbral_avance_limitado: Decimal = Decimal("20.0")
    """Alerta de avance limitado: avance mostrado menor o igual que este valor."""
    retroceso_anio_con_dato: bool = True
    """Alerta de retroceso: si t−1 es ND, comparar con el último año anterior con dato (True) u
    omitir el indicador (False)."""
    tolerancia_publicado: Decimal = Decimal("0.05")
    """Diferencia máxima admitida entre un avance publicado y el calculado."""
    rango_porcentaje: tuple = (Decimal(0), Decimal(100))
    """Valores esperables de un indicador en porcentaje (fuera: observación de calidad)."""
    unidades_porcentaje: tuple = UNIDADES_PORCENTAJE
    """Una ``unidad`` que contiene alguno de estos textos (sin mayúsculas) es un porcentaje."""
    razon_escala_mixta: Decimal = Decimal(50)
    """Escala de porcentaje mezclada: una fracción (0 < v < 1) junto a valores ≥ 1 que la
    superan al menos esta cantidad de veces (0.365 junto a 36.5: 100 veces; un dato real bajo,
    como 0.2 frente a una meta de 5 en la muestra, no llega)."""
    etiquetas: dict = field(
        default_factory=lambda: {
            Franja.BAJA: "[0-75%>",
            Franja.MEDIA: "[75-95%>",
            Franja.ALTA: "≥95%",
            Franja.ND: "ND",
        }
    )
    colores: dict = field(
        default_factory=lambda: {
            Franja.BAJA: "rojo",
            Franja.MEDIA: "ámbar",
            Franja.ALTA: "verde",
            Franja.ND: "gris",
        }
    )
    proyeccion_minimo_valores: int = 2
    """Valores obtenidos (años distintos) que necesita la proyección lineal al año final."""
    proyeccion_cortas: dict = field(
        default_factory=lambda: {
            "ya cumplida": "cumplida",
            "en ruta": "en ruta",
            "requiere aceleración": "acelerar",
            "en retroceso": "retroceso",
            "sin datos suficientes": "sin datos",
        }
    )
    """Rótulos cortos de las clases de proyección (columnas estrechas)."""

    @cached_property
    def cuanto(self) -> Decimal:
        """El múltiplo al que se redondea (0.1, 0.01): una vez por perfil, no por valor."""
        return Decimal(1).scaleb(-self.decimales)

    @property
    def grupos(self) -> dict[str, str]:
        """Los tres grupos del conteo por franja: clave JSON → rótulo (``objetivos``,
        ``indicadores_op``, ``indicadores_servicio`` en una política; ``indicadores_oei`` e
        ``indicadores_aei`` en un PEI)."""
        r = self.rotulos
        return {"objetivos": r.objetivos,
                f"indicadores_{r.clave_objetivo}": r.indicadores_objetivo,
                f"indicadores_{r.clave_otro}": r.indicadores_otro}


METODOLOGIA = Metodologia()
"""El perfil de una política nacional (verificado en la Política Nacional Penitenciaria 2024)."""
FRANJAS = (Franja.BAJA, Franja.MEDIA, Franja.ALTA, Franja.ND)
"""Orden de las franjas en tablas y resúmenes."""


def _plan(clave: str, objetivos: str, acciones: str, titulo: str) -> Metodologia:
    """El perfil de un plan: las reglas del Anexo B-7 (PEI) con los nombres del instrumento."""
    ins = INSTRUMENTOS[clave]
    o, a = ins.objetivo, ins.accion
    return replace(
        METODOLOGIA, version=f"{ins.nombre}-CEPLAN 1.0", instrumento=ins, decimales=2,
        tope_indicador=Decimal(100), infiere_sentido=True, agrega_acciones=True,
        nota_tope="El porcentaje de avance de los indicadores ha sido truncado en 100 %",
        rotulos=Rotulos(
            instrumento="Plan", titulo=titulo,
            objetivo=ins.nombres[o].capitalize(), objetivos=objetivos.capitalize(),
            accion=ins.nombres[a].capitalize(), acciones=acciones.capitalize(),
            columna_objetivo="Objetivo", columna_accion="Acción",
            indicadores_objetivo=f"Indicadores de {o}", indicadores_otro=f"Indicadores de {a}",
            indice=f"Índice de gestión del {ins.nombre}", sin_objetivo=f"Sin {o}",
            sin_dato_objetivo=f"Indicadores de {o} sin medición",
            sin_dato_otro=f"Indicadores de {a} sin medición",
            redaccion_objetivos=objetivos.title().replace(" De ", " de "),
            redaccion_otros=acciones.title().replace(" De ", " de "),
            clave_objetivo=o.lower(), clave_otro=a.lower()),
    )


PERFILES: dict[str, Metodologia] = {
    "politica": METODOLOGIA,
    # [verificado] en dos Anexos B-7 reales (197 de 197 avances); sus agregados, [definido].
    "pei": _plan("pei", "objetivos estratégicos institucionales",
                 "acciones estratégicas institucionales",
                 "Anexo B-7 · Seguimiento del Plan Estratégico Institucional (PEI)"),
    # [definido]: las reglas del PEI con sus niveles.
    "pesem": _plan("pesem", "objetivos estratégicos sectoriales",
                   "acciones estratégicas sectoriales",
                   "Seguimiento del Plan Estratégico Sectorial Multianual (PESEM)"),
    "pdrc": _plan("pdrc", "objetivos estratégicos regionales", "acciones estratégicas regionales",
                  "Seguimiento del Plan de Desarrollo Regional Concertado (PDRC)"),
    "pdlc": _plan("pdlc", "objetivos estratégicos de desarrollo local",
                  "acciones estratégicas de desarrollo local",
                  "Seguimiento del Plan de Desarrollo Local Concertado (PDLC)"),
}
"""Clave del instrumento (``Politica.instrumento``) → su perfil."""


def perfil_de(instrumento: str | Instrumento) -> Metodologia:
    """El perfil de un instrumento (su clave o el objeto del contrato)."""
    clave = instrumento if isinstance(instrumento, str) else instrumento.clave
    return PERFILES[clave]
