"""Exportadores (xlsx, csv, json) del resultado de ``avance``. Escriben con
:func:`~.archivos.escribir_atomico`: nada queda a medias, nunca se escribe sobre el libro de
entrada ni sobre un archivo ajeno sin ``--forzar``.

El CSV es uno solo: ``--formato csv`` (por la salida estándar) y ``--exportar x.csv`` dan los
mismos bytes (:func:`escribir_csv`): la misma tabla según ``--solo`` y UTF-8 con BOM, la marca con
la que Excel reconoce UTF-8 y abre bien las tildes (sin ella, Excel en Windows lee el archivo como
ANSI: «Ã­» en vez de «í»)."""

from __future__ import annotations

import csv
import io
import sys
from pathlib import Path
from typing import BinaryIO

from ..reglas.consulta import CalculoAvance
from . import documento as doc
from .archivos import comprobar_salida, escribir_atomico
from .autoria import Clase
from .codificador import escribir_json
from .formato import Origen, origen_de

FORMATOS_EXPORTACION = (".xlsx", ".csv", ".json")
CODIFICACION_CSV = "utf-8-sig"
"""UTF-8 con BOM, en la pantalla y en el archivo (ver el docstring del módulo)."""


def escribir_csv(filas, flujo: BinaryIO) -> None:
    """Las filas como CSV en UTF-8 con BOM en el flujo binario ``flujo``, fila por fila (sin armar
    el texto entero). Es la única forma en que el programa escribe un CSV."""
    texto = io.TextIOWrapper(flujo, encoding=CODIFICACION_CSV, newline="", write_through=True)
    try:
        csv.writer(texto, lineterminator="\n").writerows(filas)
        texto.flush()
    finally:
        texto.detach()  # el flujo sigue abierto: es de quien lo pasó


def csv_por_la_salida(filas) -> None:
    """``--formato csv``: los mismos bytes que ``--exportar x.csv``, por la salida estándar."""
    sys.stdout.flush()
    escribir_csv(filas, sys.stdout.buffer)
    sys.stdout.buffer.flush()


def comprobar_exportacion(destino: Path, entrada: Path | None, forzar: bool) -> Path:
    """Antes de leer el libro: la extensión de ``--exportar`` y el destino (ver
    :func:`~.archivos.comprobar_salida`)."""
    return comprobar_salida(
        destino, clase=Clase.AVANCE, forzar=forzar, extensiones=FORMATOS_EXPORTACION,
        otra_extension=lambda ruta: (
            f"No sé exportar a {ruta.suffix.lower() or 'un archivo sin extensión'} "
            f"({ruta.name}): use {', '.join(FORMATOS_EXPORTACION)}."),
        ejemplo="avance.xlsx", entrada=entrada)


def guardar_json(documento: dict, destino: Path, entrada: Path | None, forzar: bool) -> Path:
    """El documento JSON en ``destino``, escrito por tandas (nunca el texto entero en memoria)."""
    def escribir(ruta: Path) -> None:
        with open(ruta, "w", encoding="utf-8") as f:
            escribir_json(documento, f.write)

    return escribir_atomico(destino, escribir, entrada, clase=Clase.AVANCE, forzar=forzar)


def exportar(calculo: CalculoAvance, destino: Path, entrada: Path | None = None,
             origen: Origen | None = None, *, solo: str | None = None,
             forzar: bool = False) -> Path:
    """Exporta según la extensión, ya revisada por :func:`comprobar_exportacion`: .xlsx (el
    libro del reporte, con el avance Tipo I y las alertas del cálculo), .csv (la tabla de
    ``--formato csv`` con ese ``solo``) o .json (el documento de ``--formato json``). ``origen``
    (nombre y SHA-256 del libro de entrada) va al encabezado del .xlsx. Sin ``forzar``, un archivo
    ajeno no se reemplaza."""
    extension = Path(destino).suffix.lower()
    if extension == ".json":
        return guardar_json(doc.documento_calculo(calculo), destino, entrada, forzar)
    if extension == ".csv":
        def escribir(ruta: Path) -> None:
            with open(ruta, "wb") as f:
                escribir_csv(doc.filas_csv_avance(calculo, solo), f)

        return escribir_atomico(destino, escribir, entrada, clase=Clase.AVANCE, forzar=forzar)
    from .xlsx import escribir_xlsx

    return escribir_atomico(
        destino, lambda p: escribir_xlsx(calculo.tipo1, calculo.alertas, p, origen), entrada,
        clase=Clase.AVANCE, forzar=forzar)


def exportar_avance(calculo: CalculoAvance, destino: Path, entrada: Path, *,
                    solo: str | None, forzar: bool) -> tuple[Path, list[str]]:
    """``avance --exportar``: .json, el mismo documento que ``--formato json``; .csv, los mismos
    bytes que ``--formato csv``; .xlsx, el avance Tipo I (con el tope y el periodo pedidos).
    Devuelve el destino y las notas para el usuario."""
    extension = Path(destino).suffix.lower()
    notas = []
    if extension == ".xlsx" and (calculo.tipo2 is not None or calculo.proyecciones is not None):
        notas.append("el .xlsx exportado lleva el avance Tipo I; el Tipo II y la proyección van "
                     "en la exportación .csv o .json.")
    if solo is not None and extension != ".csv":
        notas.append(f"--solo no cambia el {extension} exportado (se guarda completo).")
    return exportar(calculo, destino, entrada=entrada, origen=origen_de(entrada), solo=solo,
                    forzar=forzar), notas
