"""La configuración de la metodología: umbrales, franjas, decimales, tolerancias y rótulos.

Es el único lugar donde se cambia la metodología (``docs/metodologia.md``): las reglas de los
demás módulos de :mod:`penitencia_cli.reglas` leen sus números y textos de :data:`METODOLOGIA`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from enum import Enum

from ..contrato import UNIDADES_PORCENTAJE

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
class Metodologia:
    """Toda la configuración de las reglas. Un cambio de metodología es una edición aquí."""

    version: str = "PNP-CEPLAN 1.0"
    decimales: int = 1
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

    @property
    def cuanto(self) -> Decimal:
        return Decimal(1).scaleb(-self.decimales)


METODOLOGIA = Metodologia()
FRANJAS = (Franja.BAJA, Franja.MEDIA, Franja.ALTA, Franja.ND)
"""Orden de las franjas en tablas y resúmenes."""
