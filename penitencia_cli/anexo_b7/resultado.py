"""Lo que se lee de un Anexo B-7, tal como está impreso (sin modelos ni reglas): el encabezado,
los objetivos y acciones con su enunciado y prioridad, y cada indicador con sus celdas.

Una :class:`Celda` guarda el texto impreso y su valor: ``ND`` (valor None, texto «ND») se
distingue de una celda en blanco (valor None, texto vacío). :mod:`.matriz` lo lleva al modelo.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal


@dataclass(frozen=True)
class Celda:
    texto: str
    """Como está impreso («30.00», «ND»); vacío si la celda está en blanco."""
    valor: Decimal | None
    """El número; None si es ND o está en blanco."""

    @property
    def en_blanco(self) -> bool:
        return not self.texto


BLANCO = Celda("", None)


@dataclass
class Elemento:
    """Un objetivo (OEI) o una acción (AEI) del Anexo."""

    codigo: str
    nivel: str
    """``OEI`` o ``AEI``."""
    enunciado: str
    prioridad: int | None
    padre: str | None
    """El OEI de una AEI (el que imprime su título)."""
    pagina: int


@dataclass
class IndicadorAnexo:
    codigo: str
    """Como está impreso: ``IND.01.OEI.01``, ``IND.02.AEI.01.03``."""
    pertenece_a: str
    """El OEI o la AEI del bloque en que está impreso."""
    nivel: str
    """``OEI`` o ``AEI``: el nivel de ese bloque."""
    pagina: int
    nombre: str = ""
    unidad: str = ""
    """El parámetro de medición (Número, Porcentaje...)."""
    lb_anio: Celda = BLANCO
    lb_valor: Celda = BLANCO
    actual_anio: Celda = BLANCO
    actual_valor: Celda = BLANCO
    logros: dict[int, Celda] = field(default_factory=dict)
    obtenidos: dict[int, Celda] = field(default_factory=dict)
    avances: dict[int, Celda] = field(default_factory=dict)
    """AVANCE (%) impreso por año."""
    ue: str = ""
    """La unidad ejecutora («000084-INSTITUTO GEOFISICO DEL PERU»)."""
    unidad_organica: str = ""
    """La unidad orgánica responsable («05.01-DIRECCIÓN CIENTÍFICA»)."""


@dataclass
class AnexoB7:
    """Un Anexo B-7 leído entero."""

    periodo: tuple[int, int]
    nivel_gobierno: str
    sector: str
    pliego: str
    anios: list[int]
    """Los años de las columnas de cada tabla (los del periodo)."""
    elementos: list[Elemento]
    indicadores: list[IndicadorAnexo]
    paginas: int
    notas: list[str] = field(default_factory=list)
    """Las notas impresas al pie («NOTA : El porcentaje de avance de los indicadores ha sido
    truncado en 100 %»)."""
