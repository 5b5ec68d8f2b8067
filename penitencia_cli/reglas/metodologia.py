"""La configuración de la metodología: umbrales, franjas, decimales, tolerancias y rótulos, y un
perfil por instrumento de CEPLAN (metodología, sección 12).

Es el único lugar donde se cambia la metodología (``docs/metodologia.md``). No hay un perfil por
omisión: la capa de comandos elige el del instrumento del libro (:func:`perfil_de`) y lo pasa a
cada regla (:func:`~.sentido.preparar` lo une a la matriz); las reglas de
:mod:`penitencia_cli.reglas` leen sus números y textos sólo del perfil que reciben.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from decimal import Decimal
from enum import Enum
from functools import cached_property

from ..contrato import INSTRUMENTOS, POLITICA, Instrumento

CIEN = Decimal(100)
CERO = Decimal(0)


class Franja(str, Enum):
    """Franja de avance. El valor es la clave estable usada en JSON y CSV; su rótulo y su color
    son del perfil (:attr:`Perfil.etiquetas`, :attr:`Perfil.colores`)."""

    BAJA = "0-75"
    MEDIA = "75-95"
    ALTA = "95+"
    ND = "ND"


@dataclass(frozen=True)
class Rotulos:
    """Cómo se nombra en las salidas cada cosa de un instrumento. Los códigos de los niveles
    están en ``contrato.INSTRUMENTOS``; aquí, las palabras."""

    instrumento: str
    """Rótulo del nombre en un encabezado («Política: …», «Plan: …»)."""
    titulo: str
    """Título del reporte del instrumento (sin el año)."""
    objetivo: str
    objetivos: str
    columna_objetivo: str
    """Encabezado de la columna del enunciado en la tabla de objetivos."""
    indicadores_objetivo: str
    """Los indicadores de un objetivo (IOP, IOEI...): «Indicadores de OP»."""
    indicadores_accion: str
    """Los demás indicadores (ISS de un servicio, IAEI de una acción): «Indicadores de
    servicio»."""
    indice: str
    sin_objetivo: str
    sin_dato_objetivo: str
    sin_dato_accion: str
    redaccion_objetivos: str
    """Cómo los nombra el borrador de las alertas («… de algunos Objetivos Prioritarios»)."""
    redaccion_acciones: str
    """«… algunos indicadores de servicios no han podido reportarse …»."""
    clave_objetivo: str
    clave_accion: str
    """Claves JSON de los grupos: ``indicadores_op``, ``sin_dato_servicio``…"""
    acciones: str | None = None
    """Las acciones estratégicas de un plan (se agregan); una política no las tiene."""
    columna_accion: str | None = None


ETIQUETAS = {Franja.BAJA: "[0-75%>", Franja.MEDIA: "[75-95%>", Franja.ALTA: "≥95%",
             Franja.ND: "ND"}
COLORES = {Franja.BAJA: "rojo", Franja.MEDIA: "ámbar", Franja.ALTA: "verde", Franja.ND: "gris"}
CORTAS_PROYECCION = {"ya cumplida": "cumplida", "en ruta": "en ruta",
                     "requiere aceleración": "acelerar", "en retroceso": "retroceso",
                     "sin datos suficientes": "sin datos"}


@dataclass(frozen=True)
class Perfil:
    """Toda la configuración de las reglas de un instrumento: un perfil. Un cambio de metodología
    es una edición aquí. Lo propio de cada instrumento (niveles, rótulos, decimales, truncamiento,
    sentido inferido) no tiene valor por omisión; los umbrales y convenciones comunes, sí."""

    version: str
    instrumento: Instrumento
    """Los niveles del instrumento (``contrato.INSTRUMENTOS``)."""
    rotulos: Rotulos
    decimales: int
    """Decimales con que se muestra (y se clasifica en franjas) un avance, mitad hacia arriba."""
    truncar_en: Decimal | None
    """Avance máximo de cada indicador en el reporte del instrumento (un plan: 100): lo
    mostrado, su franja y lo que se agrega es min(avance, truncar_en); el valor sin truncar se
    conserva (JSON ``avance_sin_tope``). None: sin truncar. No es el ``--tope`` del usuario, un
    análisis de sensibilidad que se aplica además, al agregar."""
    nota_truncado: str | None
    """La nota con que el reporte del instrumento advierte el truncamiento."""
    infiere_sentido: bool
    """Un sentido vacío se infiere de los logros esperados (``reglas.sentido``)."""
    agrega_acciones: bool
    """Avance de cada acción estratégica = media de sus indicadores (en un plan) [definido]."""
    sentido_inferido_minimo: Decimal = Decimal(0)
    """Sentido inferido: último LE − primer LE ≥ este valor es ascendente; menor, descendente."""
    decimales_porcentaje_impreso: int = 2
    """Decimales mínimos de un valor en porcentaje en la publicación (``penitencia reporte``),
    como los imprime el reporte: «36.50%», «33.00%» (uno con más decimales los conserva)."""
    umbral_media: Decimal = Decimal(75)
    """Desde aquí (valor mostrado) la franja es [75-95%>."""
    umbral_alta: Decimal = Decimal(95)
    """Desde aquí (valor mostrado) la franja es >= 95%."""
    umbral_avance_limitado: Decimal = Decimal("20.0")
    """Alerta de avance limitado: avance mostrado menor o igual que este valor (``alertas
    --umbral`` lo cambia)."""
    retroceso_anio_con_dato: bool = True
    """Alerta de retroceso: si t−1 es ND, comparar con el último año anterior con dato (True) u
    omitir el indicador (False)."""
    tolerancia_publicado: Decimal = Decimal("0.05")
    """Diferencia máxima admitida entre un avance publicado y el calculado."""
    rango_porcentaje: tuple = (Decimal(0), Decimal(100))
    """Valores esperables de un indicador en porcentaje (fuera: observación de calidad). Qué
    unidad es un porcentaje lo dice el contrato (``contrato.es_unidad_porcentaje``)."""
    razon_escala: Decimal = Decimal(500)
    """Fuera de escala: un valor (logro esperado o valor obtenido) al menos esta cantidad de
    veces menor o mayor que el resto de la serie de su indicador (6.182 junto a 5,940 y 5,937:
    un punto de miles leído como decimal, unas 1000 veces) es una observación de calidad."""
    razon_escala_porcentaje: Decimal = Decimal(50)
    """Lo mismo en un indicador en porcentaje, donde el error típico es de 100 veces (0.365
    junto a 36.5: una fracción sin multiplicar por 100); un dato real bajo, como 0.2 frente a
    una meta de 5 en la muestra (25 veces), no llega."""
    etiquetas: dict = field(default_factory=lambda: dict(ETIQUETAS))
    """Rótulo de cada franja en tablas y reportes."""
    colores: dict = field(default_factory=lambda: dict(COLORES))
    """Color del semáforo de cada franja: rojo, ámbar, verde o gris."""
    proyeccion_minimo_valores: int = 2
    """Valores obtenidos (años distintos) que necesita la proyección lineal al año final."""
    proyeccion_cortas: dict = field(default_factory=lambda: dict(CORTAS_PROYECCION))
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
                f"indicadores_{r.clave_accion}": r.indicadores_accion}


_POLITICA = Perfil(
    version="PNP-CEPLAN 1.0", instrumento=POLITICA, decimales=1, truncar_en=None,
    nota_truncado=None, infiere_sentido=False, agrega_acciones=False,
    rotulos=Rotulos(
        instrumento="Política", titulo="Reporte de Seguimiento",
        objetivo="Objetivo prioritario", objetivos="Objetivos prioritarios",
        columna_objetivo="Objetivo prioritario", indicadores_objetivo="Indicadores de OP",
        indicadores_accion="Indicadores de servicio",
        indice="Índice de gestión de la política nacional",
        sin_objetivo="Sin objetivo prioritario",
        sin_dato_objetivo="Indicadores de objetivos prioritarios sin medición",
        sin_dato_accion="Indicadores de servicio sin medición",
        redaccion_objetivos="Objetivos Prioritarios", redaccion_acciones="servicios",
        clave_objetivo="op", clave_accion="servicio"),
)
"""El perfil de una política nacional (verificado en la Política Nacional Penitenciaria 2024)."""
FRANJAS = (Franja.BAJA, Franja.MEDIA, Franja.ALTA, Franja.ND)
"""Orden de las franjas en tablas y resúmenes."""


def _plan(clave: str, objetivos: str, acciones: str, titulo: str) -> Perfil:
    """El perfil de un plan: las reglas del Anexo B-7 (PEI) con los nombres del instrumento."""
    ins = INSTRUMENTOS[clave]
    o, a = ins.objetivo, ins.accion
    return replace(
        _POLITICA, version=f"{ins.nombre}-CEPLAN 1.0", instrumento=ins, decimales=2,
        truncar_en=Decimal(100), infiere_sentido=True, agrega_acciones=True,
        nota_truncado="El porcentaje de avance de los indicadores ha sido truncado en 100 %",
        rotulos=Rotulos(
            instrumento="Plan", titulo=titulo,
            objetivo=ins.nombres[o].capitalize(), objetivos=objetivos.capitalize(),
            acciones=acciones.capitalize(),
            columna_objetivo="Objetivo", columna_accion="Acción",
            indicadores_objetivo=f"Indicadores de {o}", indicadores_accion=f"Indicadores de {a}",
            indice=f"Índice de gestión del {ins.nombre}", sin_objetivo=f"Sin {o}",
            sin_dato_objetivo=f"Indicadores de {o} sin medición",
            sin_dato_accion=f"Indicadores de {a} sin medición",
            redaccion_objetivos=objetivos.title().replace(" De ", " de "),
            redaccion_acciones=acciones.title().replace(" De ", " de "),
            clave_objetivo=o.lower(), clave_accion=a.lower()),
    )


PERFILES: dict[str, Perfil] = {
    "politica": _POLITICA,
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
"""Clave del instrumento (``Ficha.instrumento``) → su perfil."""


def perfil_de(instrumento: str | Instrumento) -> Perfil:
    """El perfil de un instrumento (su clave o el objeto del contrato). Lo llama la capa de
    comandos, una vez por libro; las reglas reciben el perfil."""
    clave = instrumento if isinstance(instrumento, str) else instrumento.clave
    return PERFILES[clave]
