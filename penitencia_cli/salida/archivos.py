"""Escritura segura de archivos de salida: se escribe en un temporal de la misma carpeta y se
renombra, así nada queda a medias; nunca se escribe sobre el libro de entrada."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Callable

from ..errores import ErrorDeUso


def escribir_atomico(destino: Path, escribir: Callable[[Path], None],
                     entrada: Path | None = None) -> Path:
    """Escribe ``destino`` mediante ``escribir(temporal)`` y renombra; protege la entrada."""
    destino = Path(destino)
    if entrada is not None and mismo_archivo(destino, entrada):
        raise ErrorDeUso(
            f"{destino} es el libro de entrada: no se escribe sobre él. Elija otro nombre."
        )
    if destino.is_dir():
        raise ErrorDeUso(f"{destino} es una carpeta; indique un nombre de archivo.")
    carpeta = destino.parent if str(destino.parent) else Path(".")
    if not carpeta.is_dir():
        raise ErrorDeUso(f"No existe la carpeta {carpeta} para escribir {destino.name}.")
    fd, nombre = tempfile.mkstemp(prefix=f".{destino.name}.", suffix=".tmp", dir=carpeta)
    os.close(fd)
    temporal = Path(nombre)
    try:
        escribir(temporal)
        os.replace(temporal, destino)
    finally:
        if temporal.exists():
            temporal.unlink()
    return destino


def mismo_archivo(a: Path, b: Path) -> bool:
    try:
        if a.exists() and b.exists():
            return os.path.samefile(a, b)
    except OSError:
        pass
    return a.resolve() == b.resolve()

