"""Libro de Excel (plantilla de seguimiento) → modelos; cada problema con su hoja y celda. Cómo
funciona y por qué así: docs/lectura.md. Lo que usan los demás paquetes: :func:`leer_libro` y
:func:`ruta_muestra`.
"""

from .plantilla import leer_libro, ruta_muestra

__all__ = ["leer_libro", "ruta_muestra"]
