"""La capa de línea de comandos: :mod:`.comandos` (los comandos de typer) y :mod:`.castellano`
(uso, ayuda y errores de uso en castellano). Es el único paquete que importa typer."""

from .comandos import app, main

__all__ = ["app", "main"]
