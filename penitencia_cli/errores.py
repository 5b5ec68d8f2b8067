"""Errores y severidades del dominio, sin dependencias (ni pydantic): la capa de línea de comandos
los importa al arrancar sin pagar la carga de los modelos, así ``penitencia --help`` no importa
pydantic. :mod:`penitencia_cli.modelos` los vuelve a exportar: ese sigue siendo su lugar de uso."""

from __future__ import annotations

from enum import Enum


class Severidad(str, Enum):
    ERROR = "error"
    OBSERVACION = "observacion"


class ErrorDeDatos(Exception):
    """Los datos no permiten calcular. Lleva todos los problemas encontrados, no sólo el primero."""

    def __init__(self, problemas: list, parcial=None):
        self.problemas = list(problemas)
        self.parcial = parcial
        """Lo que se pudo leer pese a los errores (una ``Matriz`` incompleta), o None: ``validar``
        calcula con ella las observaciones de calidad que todavía tienen sentido."""
        super().__init__("\n".join(str(p) for p in self.problemas))


class ErrorDeUso(Exception):
    """Lo pedido no tiene sentido para estos datos (p. ej. un año que el libro no tiene)."""
