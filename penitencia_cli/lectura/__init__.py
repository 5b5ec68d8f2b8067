"""Libro de Excel (plantilla de seguimiento) → modelos; cada problema con su hoja y celda.

- :mod:`.seguridad`: límites (:class:`~.seguridad.Limites`) y defensas ante libros rotos u hostiles.
- :mod:`.hoja`: el recorrido de cada hoja, fila por fila, en una sola pasada.
- :mod:`.celdas`: qué significa cada celda (números, porcentajes, ND, errores, fórmulas).
- :mod:`.plantilla`: las hojas de la plantilla → :class:`~penitencia_cli.modelos.Matriz`.

Lo que usan los demás paquetes: :func:`leer_libro` y :func:`ruta_muestra`.
"""

from .plantilla import leer_libro, ruta_muestra

__all__ = ["leer_libro", "ruta_muestra"]
