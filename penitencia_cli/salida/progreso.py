"""Barra de progreso de la lectura de libros grandes (rich, por la salida de errores).

Sólo aparece si la lectura tarda más de :data:`ESPERA` segundos; en un libro pequeño no se ve nada
(ni se importa ``rich.progress``). Nunca escribe en la salida estándar: el JSON o CSV de stdout queda
intacto. La CLI la usa sólo cuando la salida de errores es una terminal.
"""

from __future__ import annotations

import time
from typing import Any, Callable

ESPERA = 1.0
"""Segundos de lectura antes de mostrar la barra."""


class ProgresoLectura:
    """Callback ``progreso`` para :func:`penitencia_cli.lectura.leer_libro` y contexto que cierra la
    barra al terminar (``with ProgresoLectura() as p: leer_libro(ruta, progreso=p)``)."""

    def __init__(self, consola: Any = None, espera: float = ESPERA,
                 reloj: Callable[[], float] = time.monotonic):
        self.consola = consola
        self.espera = espera
        self.reloj = reloj
        self.inicio = reloj()
        self.barra: Any = None
        self.tarea: Any = None

    def __call__(self, hoja: str, fila: int, total: int | None) -> None:
        if self.barra is None:
            if self.reloj() - self.inicio < self.espera:
                return
            self._empezar()
        descripcion = f"Leyendo {hoja}"
        if total is not None and fila > total:
            total = None
        self.barra.update(self.tarea, description=descripcion, completed=fila, total=total)

    def _empezar(self) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

        consola = self.consola if self.consola is not None else Console(stderr=True)
        self.barra = Progress(TextColumn("{task.description:<28}"), BarColumn(),
                              MofNCompleteColumn(), TextColumn("filas"), console=consola,
                              transient=True)
        self.barra.start()
        self.tarea = self.barra.add_task("Leyendo", total=None)

    def __enter__(self) -> "ProgresoLectura":
        self.inicio = self.reloj()
        return self

    def __exit__(self, *exc: object) -> None:
        if self.barra is not None:
            self.barra.stop()
            self.barra = None
