"""Genera samples/pnp_2024.xlsx desde la transcripción del reporte 2024 (CSV de referencia).

Uso (herramienta de desarrollo; ni el programa ni las pruebas la ejecutan):
    python herramientas/generar_muestra.py ../shared/reference samples/pnp_2024.xlsx

Los porcentajes se escriben como números con formato de porcentaje (como los guarda Excel), los
conteos como números con separador de miles y lo no disponible como el texto "ND".
"""

import csv
import sys
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font

ANIOS = range(2019, 2025)


def celda_valor(texto: str):
    """'36.50%' → (0.365, '0.00%'); '6,235' → (6235, '#,##0'); 'ND' → ('ND', None)."""
    texto = texto.strip()
    if texto in ("", "ND"):
        return "ND", None
    if texto.endswith("%"):
        cuerpo = texto[:-1]
        decimales = len(cuerpo.split(".")[1]) if "." in cuerpo else 0
        valor = Decimal(cuerpo) / 100
        return float(valor), "0." + "0" * decimales + "%" if decimales else "0%"
    valor = Decimal(texto.replace(",", ""))
    return (int(valor) if valor == valor.to_integral() else float(valor)), "#,##0"


def hoja(wb, titulo, encabezados, filas, formatos=None):
    ws = wb.create_sheet(titulo)
    ws.append(encabezados)
    for c in ws[1]:
        c.font = Font(bold=True)
    for fila in filas:
        ws.append([v for v, _ in fila] if formatos else fila)
        if formatos:
            for celda, (_, fmt) in zip(ws[ws.max_row], fila):
                if fmt:
                    celda.number_format = fmt
    ws.freeze_panes = "B2"
    return ws


def main(ref: Path, salida: Path) -> None:
    estructura = list(csv.DictReader(open(ref / "pnp2024_estructura.csv", encoding="utf-8")))
    indicadores = list(csv.DictReader(open(ref / "pnp2024_indicadores.csv", encoding="utf-8")))
    wb = Workbook()
    wb.remove(wb.active)
    hoja(wb, "Politica", ["campo", "valor"], [
        ["nombre", "Política Nacional Penitenciaria al 2030"],
        ["sector", "06: JUSTICIA"],
        ["ministerio conductor", "006: MINISTERIO DE JUSTICIA Y DERECHOS HUMANOS"],
        ["tipo", "MULTISECTORIAL"],
    ])
    hoja(wb, "Estructura", ["codigo", "nivel", "padre", "enunciado"],
         [[e["codigo"], e["nivel"], e["padre"] or None, e["enunciado"]] for e in estructura])
    filas = []
    for i in indicadores:
        lb = celda_valor(i["lb_valor"])
        unidad = "Porcentaje" if i["nombre"].lower().startswith("porcentaje") else "Número"
        filas.append([(i["codigo"], None), (i["nivel"], None), (i["pertenece_a"], None),
                      (i["nombre"], None), (i["responsable"] or None, None),
                      (i["tipo"] or None, None), (i["sentido"], None), (i["acumulacion"], None),
                      (unidad, None), (int(i["lb_anio"]), None), lb])
    hoja(wb, "Indicadores", ["codigo", "nivel", "pertenece_a", "nombre", "responsable", "tipo",
                             "sentido", "acumulacion", "unidad", "lb_anio", "lb_valor"],
         filas, formatos=True)
    for titulo, prefijo in (("Logros esperados", "le_"), ("Valores obtenidos", "vo_")):
        hoja(wb, titulo, ["codigo", *ANIOS],
             [[(i["codigo"], None)] + [celda_valor(i[f"{prefijo}{a}"]) for a in ANIOS]
              for i in indicadores], formatos=True)
    publicado = [[(i["codigo"], None), celda_valor(i["avance_tipo1_publicado_2024"])]
                 for i in indicadores]
    publicado += [[(e["codigo"], None), celda_valor(e["avance_tipo1_publicado_2024"])]
                  for e in estructura if e["nivel"] == "OP"]
    publicado.append([("INDICE", None), (69.0, None)])
    for fila in publicado:
        if fila[1][1] == "#,##0":
            fila[1] = (fila[1][0], "0.0")
    hoja(wb, "Avance publicado", ["codigo", 2024], publicado, formatos=True)
    wb.save(salida)


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
