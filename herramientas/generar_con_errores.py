"""Genera samples/con_errores.xlsx: el libro del ejemplo de ``penitencia validar`` en el README.

Uso (herramienta de desarrollo; el programa no la importa):
    python herramientas/generar_con_errores.py samples/con_errores.xlsx

Una política pequeña de la plantilla con tres errores que no tienen que ver entre sí y una
observación de calidad de los datos:

- ``Indicadores!G3``: el sentido de IOP.01.02 es «Neutro» (un sentido neutro no se adivina);
- ``Logros esperados!C1``: el año 2024 escrito «2O24», con la letra O (la columna tiene valores);
- ``Valores obtenidos!B5``: «sin dato aún» en vez de ND;
- observación: el valor obtenido 2024 de IOP.02.01 (en porcentaje) es 130, fuera de 0-100.

``tests/test_readme.py`` comprueba que el libro guardado es el que da esta herramienta y que el
README muestra la salida real de ``penitencia validar samples/con_errores.xlsx``.
"""

from __future__ import annotations

import sys
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font

HOJAS: dict[str, list[list]] = {
    "Politica": [
        ["campo", "valor"],
        ["nombre", "Política de ejemplo (con errores)"],
        ["sector", "99: EJEMPLO"],
        ["tipo", "SECTORIAL"],
    ],
    "Estructura": [
        ["codigo", "nivel", "padre", "enunciado"],
        ["OP.01", "OP", None, "Reducir el hacinamiento"],
        ["LN.01.01", "LN", "OP.01", "Ampliar la infraestructura"],
        ["SS.01.01.01", "SS", "LN.01.01", "Construcción de pabellones"],
        ["OP.02", "OP", None, "Mejorar las condiciones de vida"],
    ],
    "Indicadores": [
        ["codigo", "nivel", "pertenece_a", "nombre", "responsable", "tipo", "sentido",
         "acumulacion", "unidad", "lb_anio", "lb_valor"],
        ["IOP.01.01", "IOP", "OP.01", "Metros cuadrados por interno", "INPE", None,
         "Ascendente", "Acumulado", "Número", 2022, 2.1],
        ["IOP.01.02", "IOP", "OP.01", "Porcentaje de internos sin sentencia", "INPE", None,
         "Neutro", "No acumulado", "Porcentaje", 2022, 38],
        ["ISS.01.01.01.01", "ISS", "SS.01.01.01", "Pabellones construidos", "INPE", "Alcance",
         "Ascendente", "Acumulado", "Número", 2022, 0],
        ["IOP.02.01", "IOP", "OP.02", "Porcentaje de internos con servicios básicos", "INPE",
         None, "Ascendente", "Acumulado", "Porcentaje", 2022, 40],
    ],
    "Logros esperados": [
        ["codigo", 2023, "2O24"],
        ["IOP.01.01", 2.5, 3],
        ["IOP.01.02", 34, 30],
        ["ISS.01.01.01.01", 2, 4],
        ["IOP.02.01", 50, 60],
    ],
    "Valores obtenidos": [
        ["codigo", 2023, 2024],
        ["IOP.01.01", 2.4, 2.8],
        ["IOP.01.02", 35, 31],
        ["ISS.01.01.01.01", 2, 3],
        ["IOP.02.01", "sin dato aún", 130],
    ],
}


def escribir(salida: Path) -> Path:
    wb = Workbook()
    wb.remove(wb.active)
    for titulo, filas in HOJAS.items():
        ws = wb.create_sheet(titulo)
        for fila in filas:
            ws.append(fila)
        for celda in ws[1]:
            celda.font = Font(bold=True)
    wb.save(salida)
    return salida


if __name__ == "__main__":
    escribir(Path(sys.argv[1] if len(sys.argv) > 1 else "samples/con_errores.xlsx"))
