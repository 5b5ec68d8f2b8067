"""penitencia: calculadora de indicadores de políticas nacionales (metodología CEPLAN)."""

__version__ = "0.1.0"
