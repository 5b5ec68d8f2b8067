"""Exportadores (xlsx, csv, json). Escriben en un temporal y lo renombran: nada queda a medias, y
nunca se escribe sobre el libro de entrada."""

from __future__ import annotations

import csv
import io
import json
import os
import tempfile
from pathlib import Path
from typing import Callable

from ..modelos import ErrorDeUso
from ..reglas import FRANJAS, ResultadoAnio
from . import documento as doc

FORMATOS_EXPORTACION = (".xlsx", ".csv", ".json")


def escribir_atomico(destino: Path, escribir: Callable[[Path], None],
                     entrada: Path | None = None) -> Path:
    """Escribe ``destino`` mediante ``escribir(temporal)`` y renombra; protege la entrada."""
    destino = Path(destino)
    if entrada is not None and _mismo_archivo(destino, entrada):
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


def _mismo_archivo(a: Path, b: Path) -> bool:
    try:
        if a.exists() and b.exists():
            return os.path.samefile(a, b)
    except OSError:
        pass
    return a.resolve() == b.resolve()


def texto_csv(filas: list[list]) -> str:
    salida = io.StringIO()
    csv.writer(salida, lineterminator="\n").writerows(filas)
    return salida.getvalue()


def texto_json(documento: dict) -> str:
    # Igual que json.dumps(documento, ensure_ascii=False, indent=2), pero uniendo los trozos por
    # tandas: con indentación el codificador da millones de trozos pequeños, y json.dumps los
    # junta todos en una lista antes de unirlos (cientos de MB con 100 000 indicadores).
    trozos = json.JSONEncoder(ensure_ascii=False, indent=2).iterencode(documento)
    tandas, tanda = [], []
    for trozo in trozos:
        tanda.append(trozo)
        if len(tanda) == 10_000:
            tandas.append("".join(tanda))
            tanda.clear()
    tandas.append("".join(tanda))
    tandas.append("\n")
    return "".join(tandas)


def exportar(resultado: ResultadoAnio, destino: Path, entrada: Path | None = None) -> Path:
    """Exporta según la extensión: .xlsx (libro), .csv (conteos por franja e índice), .json."""
    extension = Path(destino).suffix.lower()
    if extension == ".json":
        contenido = texto_json(doc.documento_avance(resultado))
        return escribir_atomico(destino, lambda p: p.write_text(contenido, encoding="utf-8"),
                                entrada)
    if extension == ".csv":
        contenido = texto_csv(doc.filas_resumen(resultado))
        # utf-8 con BOM: Excel abre así las tildes correctamente.
        return escribir_atomico(destino, lambda p: p.write_text(contenido, encoding="utf-8-sig"),
                                entrada)
    if extension == ".xlsx":
        return escribir_atomico(destino, lambda p: escribir_xlsx(resultado, p), entrada)
    raise ErrorDeUso(
        f"No sé exportar a {extension or 'un archivo sin extensión'}: use "
        f"{', '.join(FORMATOS_EXPORTACION)}."
    )


RELLENOS = {"rojo": "F4CCCC", "ámbar": "FFE599", "verde": "B6D7A8", "gris": "D9D9D9"}
"""Colores de relleno del semáforo en Excel."""


def escribir_xlsx(resultado: ResultadoAnio, ruta: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill

    negrita = Font(bold=True)
    rellenos = {f: PatternFill("solid", fgColor=RELLENOS[f.color]) for f in FRANJAS}
    etiquetas = {f.value: f for f in FRANJAS}

    wb = Workbook()
    ws = wb.active
    ws.title = "Resumen"
    pol = resultado.matriz.politica
    for campo, valor in (("Política", pol.nombre), ("Sector", pol.sector),
                         ("Ministerio conductor", pol.ministerio_conductor), ("Tipo", pol.tipo),
                         ("Año", resultado.anio)):
        ws.append([campo, valor])
        ws.cell(ws.max_row, 1).font = negrita
    ws.append([])
    inicio = ws.max_row + 1
    for fila in doc.filas_resumen(resultado):
        ws.append(fila)
    for celda in ws[inicio]:
        celda.font = negrita
    fila_indice = ws.max_row
    ws.cell(fila_indice, 6).value = float(resultado.indice.mostrado) \
        if resultado.indice.mostrado is not None else "ND"
    ws.cell(fila_indice, 6).number_format = "0.0"
    ws.cell(fila_indice, 7).fill = rellenos[resultado.indice.franja]
    for col, franja in enumerate(FRANJAS, start=2):
        ws.cell(inicio, col).fill = rellenos[franja]
    ws.column_dimensions["A"].width = 42
    for letra in "BCDEFG":
        ws.column_dimensions[letra].width = 12

    ws = wb.create_sheet("Objetivos")
    ws.append(["codigo", "enunciado", "avance", "franja", "con_dato", "total"])
    for o in resultado.objetivos:
        ws.append([o.codigo, o.enunciado, _num(o.mostrado), o.franja.value, o.con_dato, o.total])
        ws.cell(ws.max_row, 3).number_format = "0.0"
        ws.cell(ws.max_row, 4).fill = rellenos[o.franja]

    ws = wb.create_sheet("Indicadores")
    ws.append(doc.COLUMNAS_INDICADORES)
    for fila, r in zip(doc.filas_indicadores(resultado), resultado.indicadores):
        fila[7], fila[8] = _num(r.le), _num(r.vo)
        fila[9] = _num(r.avance.mostrado)
        ws.append(fila)
        ws.cell(ws.max_row, 10).number_format = "0.0"
        ws.cell(ws.max_row, 11).fill = rellenos[etiquetas[fila[10]]]
    for hoja in wb.worksheets[1:]:
        for celda in hoja[1]:
            celda.font = negrita
        hoja.freeze_panes = "A2"
    wb.save(ruta)


def _num(valor):
    return None if valor is None else float(valor)
