"""Exportadores (xlsx, csv, json) del resultado de ``avance``. Escriben con
:func:`~.archivos.escribir_atomico`: nada queda a medias y nunca se escribe sobre el libro de
entrada."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from ..errores import ErrorDeUso
from ..reglas.consulta import CalculoAvance
from . import documento as doc
from .archivos import escribir_atomico
from .codificador import escribir_json
from .formato import Origen, origen_de

FORMATOS_EXPORTACION = (".xlsx", ".csv", ".json")


def escribir_csv(filas, flujo) -> None:
    """Las filas como CSV en ``flujo``, fila por fila (sin armar el texto entero)."""
    csv.writer(flujo, lineterminator="\n").writerows(filas)


def texto_csv(filas: list[list]) -> str:
    salida = io.StringIO()
    escribir_csv(filas, salida)
    return salida.getvalue()


def guardar_json(documento: dict, destino: Path, entrada: Path | None) -> Path:
    """El documento JSON en ``destino``, escrito por tandas (nunca el texto entero en memoria)."""
    def escribir(ruta: Path) -> None:
        with open(ruta, "w", encoding="utf-8") as f:
            escribir_json(documento, f.write)

    return escribir_atomico(destino, escribir, entrada)


def exportar(calculo: CalculoAvance, destino: Path, entrada: Path | None = None,
             origen: Origen | None = None) -> Path:
    """Exporta según la extensión: .xlsx (el libro del reporte, con el avance Tipo I y las
    alertas del cálculo), .csv (conteos por franja e índice del Tipo I) o .json (el documento de
    ``--formato json``). ``origen`` (nombre y SHA-256 del libro de entrada) va al encabezado del
    .xlsx."""
    extension = Path(destino).suffix.lower()
    if extension == ".json":
        return guardar_json(doc.documento_calculo(calculo), destino, entrada)
    if extension == ".csv":
        contenido = texto_csv(doc.filas_resumen(calculo.tipo1))
        # utf-8 con BOM: Excel abre así las tildes correctamente.
        return escribir_atomico(destino, lambda p: p.write_text(contenido, encoding="utf-8-sig"),
                                entrada)
    if extension == ".xlsx":
        from .xlsx import escribir_xlsx

        return escribir_atomico(
            destino, lambda p: escribir_xlsx(calculo.tipo1, calculo.alertas, p, origen), entrada)
    raise ErrorDeUso(
        f"No sé exportar a {extension or 'un archivo sin extensión'}: use "
        f"{', '.join(FORMATOS_EXPORTACION)}."
    )


def exportar_avance(calculo: CalculoAvance, destino: Path, entrada: Path) -> tuple[Path, list[str]]:
    """``avance --exportar``: .json, el mismo documento que ``--formato json``; .xlsx y .csv, el
    avance Tipo I (con el tope y el periodo pedidos). Devuelve el destino y las notas para el
    usuario."""
    if Path(destino).suffix.lower() == ".json":
        return exportar(calculo, destino, entrada), []
    notas = []
    if calculo.tipo2 is not None or calculo.proyecciones is not None:
        notas.append("el .xlsx y el .csv exportados llevan el avance Tipo I; el Tipo II y la "
                     "proyección van en la exportación .json.")
    return exportar(calculo, destino, entrada=entrada, origen=origen_de(entrada)), notas
