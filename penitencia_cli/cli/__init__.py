"""La capa de línea de comandos: :mod:`.comandos` (los comandos de typer) y :mod:`.castellano`
(uso, ayuda y errores de uso en castellano). Es el único paquete que importa typer.

Este módulo no importa nada pesado: así Ctrl-C, aun mientras se cargan typer y los demás, termina
con una línea y el código 130, sin traza.
"""

from __future__ import annotations

import sys

SALIDA_INTERRUMPIDO = 130
"""Ctrl-C: el código que da el shell a un proceso interrumpido (128 + SIGINT)."""
_avisado: list[bool] = []


def interrumpido() -> int:
    """Ctrl-C: una línea por la salida de errores (una sola vez), sin traza."""
    if not _avisado:
        _avisado.append(True)
        try:
            sys.stderr.write("\nInterrumpido (Ctrl-C): no se terminó; nada quedó a medio "
                             "escribir.\n")
            sys.stderr.flush()
        except (OSError, ValueError):  # pragma: no cover - stderr cerrado
            pass
    return SALIDA_INTERRUMPIDO


def main() -> None:
    """Punto de entrada del script ``penitencia``."""
    try:
        from .comandos import main as principal
    except KeyboardInterrupt:
        sys.exit(interrumpido())
    principal()


def __getattr__(nombre: str):
    if nombre == "app":
        from .comandos import app

        return app
    raise AttributeError(nombre)


__all__ = ["app", "main"]
