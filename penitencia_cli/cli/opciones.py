"""Las opciones y argumentos que comparten los comandos, y los valores que admiten (los de opciones
fijas, sin distinguir mayúsculas: ``-f JSON``, ``--solo OP``).

Los años y números se leen aquí (``parser=``), no con la conversión de typer: así el mensaje de un
valor no válido es el nuestro, en castellano y con un ejemplo, en cualquier versión de typer.
"""

from __future__ import annotations

import re
from decimal import Decimal
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
    conteos = "conteos"


class OpcionTipo(str, Enum):
    """``--tipo``: el avance Tipo I, el Tipo II (``reglas.avance.TipoAvance``) o ambos."""

    uno = "1"
    dos = "2"
    ambos = "ambos"


def leer_anio(texto: str | int) -> int:
    """Un año escrito en la línea de comandos: cuatro cifras, p. ej. 2024."""
    if isinstance(texto, int):
        return texto
    limpio = texto.strip()
    if not limpio.isascii() or not limpio.isdigit():
        raise typer.BadParameter(f"{texto!r} no es un año: escríbalo con cifras, p. ej. 2024.")
    return int(limpio)


NUMERO = re.compile(r"[+-]?(\d+([.,]\d*)?|[.,]\d+)", re.ASCII)
"""Un número como se escribe en la línea de comandos: cifras, con signo y con punto o coma
decimal (12.5, 12,5); ni exponentes, ni ``nan``, ni ``inf``."""


def leer_numero(texto: str | Decimal) -> Decimal:
    """Un número escrito en la línea de comandos (``--tope``, ``--umbral``), exacto: lo que se
    escribió, sin pasar por ``float``. Cada comando comprueba su rango."""
    if isinstance(texto, Decimal):
        return texto
    limpio = texto.strip()
    if not NUMERO.fullmatch(limpio):
        raise typer.BadParameter(
            f"{texto!r} no es un número: escríbalo con cifras, p. ej. 20 o 12.5.")
    return Decimal(limpio.replace(",", "."))


OpcionFormatoSimple = Annotated[
    FormatoSimple,
    typer.Option("--formato", "-f", case_sensitive=False,
                 help="tabla (en pantalla) o json (un documento)."),
]
OpcionArchivo = Annotated[
    Optional[Path],
    typer.Option("--archivo", "-a", metavar="RUTA",
                 help="Libro .xlsx de la plantilla, o el PDF de un Anexo B-7 del aplicativo "
                      "CEPLAN (se importa en memoria). Sin él se usa la muestra incluida "
                      "(Política Nacional Penitenciaria)."),
]
OpcionForzar = Annotated[
    bool, typer.Option("--forzar", metavar="",
                       help="Reemplaza el archivo de salida aunque ya exista y no lo haya escrito "
                            "penitencia (o haya cambiado desde entonces). Sin --forzar sólo se "
                            "reemplaza lo que el programa escribió y nadie cambió.")
]
OpcionDebug = Annotated[
    bool, typer.Option("--debug", metavar="",
                       help="Ante un error inesperado, muestra la traza de Python.")
]
ArgumentoAnio = Annotated[
    int, typer.Argument(metavar="AÑO", help="Año del seguimiento, p. ej. 2024.", show_default=False,
                        parser=leer_anio)
]
