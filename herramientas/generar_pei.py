"""Genera samples/pei_ejemplo.xlsx: un Plan Estratégico Institucional (PEI) pequeño, inventado.

Uso (herramienta de desarrollo; ni el programa ni las pruebas la ejecutan):
    python herramientas/generar_pei.py samples/pei_ejemplo.xlsx

Las cifras son inventadas para mostrar las reglas del perfil PEI (metodología, sección 12): 3 OEI,
5 AEI y 10 indicadores con logros esperados 2020-2026 y valores obtenidos hasta 2022 (alguno hasta
2023); sentidos vacíos que se infieren (uno con logros que suben y luego caen a 0), un «S.P.» (sin
programación) y un «S.I.» (seguimiento incompleto), un logro esperado 0, un avance de 211.40 que el
Anexo B-7 trunca en 100 y otro de 93.548… que se muestra 93.55. La hoja «Avance publicado» trae lo
que imprimiría el Anexo B-7 de 2022, para ``penitencia verificar 2022``.
"""

import sys
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font

ANIOS = list(range(2020, 2027))

POLITICA = [
    ["nombre", "Plan Estratégico Institucional 2020-2026 del Instituto Nacional de Ejemplo"],
    ["instrumento", "PEI"],
    ["entidad", "999: INSTITUTO NACIONAL DE EJEMPLO"],
    ["periodo", "2020-2026"],
    ["sector", "99: EJEMPLO"],
]

ESTRUCTURA = [
    ["OEI.01", "OEI", None, "Mejorar la calidad de la información estadística para los usuarios"],
    ["AEI.01.01", "AEI", "OEI.01", "Catálogo de datos abiertos actualizado para los usuarios"],
    ["AEI.01.02", "AEI", "OEI.01", "Asistencia técnica oportuna a las entidades del sistema"],
    ["OEI.02", "OEI", None, "Ampliar la cobertura de los registros administrativos"],
    ["AEI.02.01", "AEI", "OEI.02", "Registros administrativos integrados en las regiones"],
    ["AEI.02.02", "AEI", "OEI.02", "Capacitación permanente a los registradores"],
    ["OEI.03", "OEI", None, "Modernizar la gestión institucional"],
    ["AEI.03.01", "AEI", "OEI.03", "Procesos institucionales simplificados"],
]

# codigo, nivel, pertenece_a, nombre, sentido, acumulacion, unidad, LB (año, valor),
# logros esperados 2020-2026, valores obtenidos 2020-...
INDICADORES = [
    ("IOEI.01.01", "IOEI", "OEI.01", "Porcentaje de usuarios satisfechos con la información "
     "estadística", "Ascendente", "No acumulado", "Porcentaje", (2019, 55),
     [58, 60, 62, 64, 66, 68, 70], [55, 57.3, 58]),
    ("IOEI.01.02", "IOEI", "OEI.01", "Número de publicaciones estadísticas difundidas", None,
     None, "Número", (2019, 25), [30, 40, 50, 55, 60, 65, 70], [35, 52, 105.7]),
    ("IAEI.01.01.01", "IAEI", "AEI.01.01", "Porcentaje de conjuntos de datos del catálogo "
     "actualizados", "Ascendente", "Acumulado", "Porcentaje", (2019, 30),
     [40, 50, "S.P.", 70, 80, 90, 100], [38, 47, 55]),
    ("IAEI.01.02.01", None, "AEI.01.02", "Tiempo promedio de atención de una asistencia técnica "
     "(días)", None, "No acumulado", "Días", (2019, 16), [15, 14, 12, 10, 9, 8, 7],
     [16, 13, 12.9]),
    ("IOEI.02.01", "IOEI", "OEI.02", "Número de registros administrativos pendientes de "
     "integrar", None, "Acumulado", "Número", (2019, 4), [5, 8, 10, 6, 3, 1, 0], [6, 9, 11]),
    ("IOEI.02.02", "IOEI", "OEI.02", "Tasa de omisión de registro de hechos vitales",
     "Descendente", "No acumulado", "Porcentaje", (2019, 13), [12, 11, 10, 9, 8, 7, 6],
     [12.5, 11.2, 10.6]),
    ("IAEI.02.01.01", None, "AEI.02.01", "Número de regiones con registros integrados",
     "Ascendente", "Acumulado", "Número", (2019, 0), [0, 0, 0, 4, 8, 12, 16], [0, 1, 2]),
    ("IAEI.02.02.01", "IAEI", "AEI.02.02", "Porcentaje de registradores capacitados",
     "Ascendente", "No acumulado", "Porcentaje", (2019, 10), [20, 30, 40, 50, 60, 70, 80],
     [15, 22, 8]),
    ("IOEI.03.01", "IOEI", "OEI.03", "Índice de percepción de la gestión institucional", None,
     None, "Índice", (2019, 58), [60, 60, 60, 60, 60, 60, 60], [57, 59, "S.I.", 55]),
    ("IAEI.03.01.01", "IAEI", "AEI.03.01", "Porcentaje de procesos institucionales simplificados",
     "Ascendente", "Acumulado", "Porcentaje", (2019, 5), [10, 20, 30, 40, 50, 60, 70],
     [12, 18, 27.9, 41]),
]

PUBLICADO_2022 = {
    "IOEI.01.01": 93.55, "IOEI.01.02": 100, "IAEI.01.01.01": "S.P.", "IAEI.01.02.01": 93.02,
    "IOEI.02.01": 90.91, "IOEI.02.02": 94.34, "IAEI.02.01.01": 100, "IAEI.02.02.01": 20,
    "IOEI.03.01": "S.I.", "IAEI.03.01.01": 93,
}
"""Lo que imprimiría el Anexo B-7 de 2022 (cada indicador truncado en 100, dos decimales)."""


def hoja(wb, titulo, encabezados, filas):
    ws = wb.create_sheet(titulo)
    ws.append(encabezados)
    for c in ws[1]:
        c.font = Font(bold=True)
    for fila in filas:
        ws.append(fila)
    ws.freeze_panes = "B2"
    return ws


def main(salida: Path) -> None:
    wb = Workbook()
    wb.remove(wb.active)
    hoja(wb, "Politica", ["campo", "valor"], POLITICA)
    hoja(wb, "Estructura", ["codigo", "nivel", "padre", "enunciado"], ESTRUCTURA)
    hoja(wb, "Indicadores", ["codigo", "nivel", "pertenece_a", "nombre", "responsable", "tipo",
                             "sentido", "acumulacion", "unidad", "lb_anio", "lb_valor"],
         [[c, n, p, nombre, "Oficina de Planeamiento", None, s, a, u, lb[0], lb[1]]
          for c, n, p, nombre, s, a, u, lb, _, _ in INDICADORES])
    hoja(wb, "Logros esperados", ["codigo", *ANIOS],
         [[c, *le] for c, *_, le, _ in INDICADORES])
    hoja(wb, "Valores obtenidos", ["codigo", *ANIOS],
         [[c, *vo] for c, *_, vo in INDICADORES])
    hoja(wb, "Avance publicado", ["codigo", 2022],
         [[c, v] for c, v in PUBLICADO_2022.items()])
    wb.save(salida)


if __name__ == "__main__":
    main(Path(sys.argv[1]))
