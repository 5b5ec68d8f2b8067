"""Las opciones y argumentos que comparten los comandos, y los valores que admiten."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer


class Formato(str, Enum):
    tabla = "tabla"
    json = "json"
    csv = "csv"


class FormatoSimple(str, Enum):
    tabla = "tabla"
    json = "json"


class FormatoAlertas(str, Enum):
    tabla = "tabla"
    json = "json"
    markdown = "markdown"


class Solo(str, Enum):
    op = "op"
    iop = "iop"
    iss = "iss"


class TipoAvance(str, Enum):
    uno = "1"
    dos = "2"
    ambos = "ambos"


OpcionFormatoSimple = Annotated[
    FormatoSimple,
    typer.Option("--formato", "-f", help="tabla (en pantalla) o json (un documento)."),
]
OpcionArchivo = Annotated[
    Optional[Path],
    typer.Option("--archivo", "-a", metavar="RUTA",
                 help="Libro .xlsx de la plantilla. Sin él se usa la muestra incluida "
                      "(Política Nacional Penitenciaria)."),
]
OpcionDebug = Annotated[
    bool, typer.Option("--debug", metavar="",
                       help="Ante un error inesperado, muestra la traza de Python.")
]
ArgumentoAnio = Annotated[
    int, typer.Argument(metavar="AÑO", help="Año del seguimiento, p. ej. 2024.", show_default=False)
]
