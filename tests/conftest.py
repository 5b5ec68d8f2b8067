"""Utilidades de prueba: libros de la plantilla construidos por las propias pruebas."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest

RAIZ = Path(__file__).resolve().parent.parent
MUESTRA = RAIZ / "samples" / "pnp_2024.xlsx"
GOLDEN = Path(__file__).resolve().parent / "golden"

HOJAS_MINIMAS: dict[str, list[list]] = {
    "Politica": [
        ["campo", "valor"],
        ["nombre", "Política de prueba"],
        ["sector", "99: PRUEBA"],
        ["ministerio conductor", "999: MINISTERIO DE PRUEBA"],
        ["tipo", "SECTORIAL"],
    ],
    "Estructura": [
        ["codigo", "nivel", "padre", "enunciado"],
        ["OP.01", "OP", None, "Objetivo uno"],
        ["LN.01.01", "LN", "OP.01", "Lineamiento uno"],
        ["SS.01.01.01", "SS", "LN.01.01", "Servicio uno"],
        ["OP.02", "OP", None, "Objetivo dos"],
    ],
    "Indicadores": [
        ["codigo", "nivel", "pertenece_a", "nombre", "responsable", "tipo", "sentido",
         "acumulacion", "unidad", "lb_anio", "lb_valor"],
        ["IOP.01.01", "IOP", "OP.01", "Indicador ascendente", "INPE", None, "Ascendente",
         "Acumulado", "Porcentaje", 2022, 10],
        ["IOP.01.02", "IOP", "OP.01", "Indicador descendente", "INPE", None, "Descendente",
         "No acumulado", "Porcentaje", 2022, 40],
        ["ISS.01.01.01.01", "ISS", "SS.01.01.01", "Indicador de servicio", "INPE", "Alcance",
         "Ascendente", "Acumulado", "Número", 2022, 5],
        ["IOP.02.01", "IOP", "OP.02", "Indicador sin dato", "INPE", None, "Ascendente",
         "Acumulado", "Porcentaje", None, None],
    ],
    "Logros esperados": [
        ["codigo", 2023, 2024],
        ["IOP.01.01", 20, 40],
        ["IOP.01.02", 30, 25],
        ["ISS.01.01.01.01", 8, 10],
        ["IOP.02.01", "ND", "ND"],
    ],
    "Valores obtenidos": [
        ["codigo", 2023, 2024],
        ["IOP.01.01", 15, 30],
        ["IOP.01.02", 35, 20],
        ["ISS.01.01.01.01", 8, 12],
        ["IOP.02.01", None, "ND"],
    ],
}
"""Una política pequeña y válida. 2024: IOP.01.01 75.0, IOP.01.02 125.0, ISS 120.0,
IOP.02.01 ND; OP.01 100.0, OP.02 ND; índice 100.0."""


def hojas_minimas() -> dict[str, list[list]]:
    """Copia modificable de :data:`HOJAS_MINIMAS`."""
    return copy.deepcopy(HOJAS_MINIMAS)


def escribir_libro(ruta: Path, hojas: dict[str, list[list]]) -> Path:
    """Escribe un .xlsx con esas hojas. Una celda puede ser ``(valor, formato_de_numero)``."""
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    for titulo, filas in hojas.items():
        ws = wb.create_sheet(titulo)
        for i, fila in enumerate(filas, start=1):
            for j, valor in enumerate(fila, start=1):
                formato = None
                if isinstance(valor, tuple):
                    valor, formato = valor
                celda = ws.cell(i, j, valor)
                if formato:
                    celda.number_format = formato
    wb.save(ruta)
    return ruta


@pytest.fixture
def libro(tmp_path):
    """Fábrica: ``libro(hojas=None, nombre="libro.xlsx")`` → ruta de un libro escrito."""

    def fabricar(hojas: dict[str, list[list]] | None = None, nombre: str = "libro.xlsx") -> Path:
        return escribir_libro(tmp_path / nombre, hojas if hojas is not None else hojas_minimas())

    return fabricar


@pytest.fixture
def runner():
    from typer.testing import CliRunner

    return CliRunner()


def senal_cuando_marque(guion: str, marca: Path, senal: int) -> tuple[int, str]:
    """Corre ``guion`` (Python) en otro proceso, espera a que cree ``marca`` y le manda
    ``senal``. Devuelve su código de salida y su salida de errores."""
    import os
    import subprocess
    import sys
    import time

    proceso = subprocess.Popen([sys.executable, "-c", guion], cwd=RAIZ, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True,
                               env=dict(os.environ, PYTHONPATH=str(RAIZ)))
    try:
        while not marca.exists():
            assert proceso.poll() is None, proceso.stderr.read()
            time.sleep(0.01)
        proceso.send_signal(senal)
        _, error = proceso.communicate(timeout=30)
    finally:
        proceso.kill()
    return proceso.returncode, error
