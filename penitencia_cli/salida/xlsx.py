"""El libro del reporte (``avance --exportar reporte.xlsx``): Resumen (encabezado, conteos, índice,
gráfico), Objetivos, Indicadores y Alertas, listo para enviar e imprimir."""

from __future__ import annotations

from pathlib import Path

from ..reglas.agregados import ResultadoAnio
from ..reglas.alertas import alertas_de
from ..reglas.metodologia import FRANJAS
from . import documento as doc
from .formato import Origen, nota_tope

RELLENOS = {"rojo": "F4CCCC", "ámbar": "FFE599", "verde": "B6D7A8", "gris": "D9D9D9"}
"""Colores de relleno del semáforo en Excel."""

COLORES_GRAFICO = {"rojo": "CC0000", "ámbar": "F1C232", "verde": "6AA84F", "gris": "999999"}
"""Color de cada barra del gráfico de OP según su franja."""

FORMATO_AVANCE = "0.0"
"""Avances: un decimal (la celda guarda el valor ya redondeado mitad hacia arriba); en un plan,
dos (:func:`_formato_avance`)."""


def _formato_avance(resultado: ResultadoAnio) -> str:
    """'0.0' con un decimal (una política), '0.00' con dos (un plan)."""
    decimales = resultado.perfil.decimales
    return "0." + "0" * decimales if decimales else "0"
FORMATO_VALOR = "#,##0.0##"
"""Logros esperados y valores obtenidos: al menos un decimal, sin perder los que tengan."""

def escribir_xlsx(resultado: ResultadoAnio, ruta: Path, origen: Origen | None = None) -> None:
    """El libro del reporte: Resumen (encabezado, conteos, índice, gráfico), Objetivos,
    Indicadores y Alertas, listo para enviar. No relee ningún libro: ``origen`` trae el nombre y el
    SHA-256 del libro de entrada, calculados por quien llama."""
    from openpyxl import Workbook

    wb = Workbook()
    estilos = _Estilos()
    _hoja_resumen(wb.active, resultado, origen, estilos)
    _hoja_objetivos(wb.create_sheet("Objetivos"), resultado, estilos)
    _hoja_indicadores(wb.create_sheet("Indicadores"), resultado, estilos)
    _hoja_alertas(wb.create_sheet("Alertas"), alertas_de(resultado), estilos,
                  _formato_avance(resultado))
    for ws in wb.worksheets:
        _imprimir(ws)
    wb.save(ruta)


class _Estilos:
    def __init__(self) -> None:
        from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

        self.negrita = Font(bold=True)
        self.titulo = Font(bold=True, size=14)
        self.encabezado = Font(bold=True, color="FFFFFF")
        self.fondo_encabezado = PatternFill("solid", fgColor="1F4E78")
        self.ajuste = Alignment(wrap_text=True, vertical="top")
        self.centro = Alignment(horizontal="center", vertical="top")
        self.arriba = Alignment(vertical="top")
        self.izquierda = Alignment(horizontal="left", vertical="top")
        fina = Side(style="thin", color="BFBFBF")
        self.borde = Border(left=fina, right=fina, top=fina, bottom=fina)
        self.rellenos = {f: PatternFill("solid", fgColor=RELLENOS[f.color]) for f in FRANJAS}


def _alineado_nd():
    from openpyxl.styles import Alignment

    return Alignment(horizontal="center", vertical="top")


def _celda_numero(ws, fila: int, col: int, valor, formato: str) -> None:
    """Un número con su formato, o 'ND' centrado."""
    celda = ws.cell(fila, col)
    if valor is None:
        celda.value = "ND"
        celda.alignment = _alineado_nd()
    else:
        celda.value = float(valor) if not isinstance(valor, int) else valor
        celda.number_format = formato


def _tabla(ws, encabezados: list[str], anchos: list[float], estilos: _Estilos,
           fila: int = 1) -> None:
    """Encabezado de una tabla de datos: anchos, fila fija y repetida al imprimir."""
    from openpyxl.utils import get_column_letter

    for col, (texto, ancho) in enumerate(zip(encabezados, anchos), start=1):
        celda = ws.cell(fila, col, texto)
        celda.font = estilos.encabezado
        celda.fill = estilos.fondo_encabezado
        celda.alignment = estilos.ajuste
        ws.column_dimensions[get_column_letter(col)].width = ancho
    ws.row_dimensions[fila].height = 30
    ws.freeze_panes = ws.cell(fila + 1, 3 if len(encabezados) > 6 else 2)
    ws.print_title_rows = f"{fila}:{fila}"


def _cerrar_tabla(ws, estilos: _Estilos, ajustar: tuple[int, ...] = (), fila: int = 1) -> None:
    """Autofiltro sobre toda la tabla, bordes, y texto ajustado en las columnas ``ajustar``."""
    from openpyxl.utils import get_column_letter

    ultima_col = ws.max_column
    ultima_fila = max(ws.max_row, fila + 1) if ws.max_row > fila else fila
    ws.auto_filter.ref = f"A{fila}:{get_column_letter(ultima_col)}{ultima_fila}"
    for row in ws.iter_rows(min_row=fila + 1, max_row=ws.max_row):
        lineas = 1
        for celda in row:
            celda.border = estilos.borde
            if celda.column in ajustar:
                celda.alignment = estilos.ajuste
                ancho = ws.column_dimensions[get_column_letter(celda.column)].width or 10
                lineas = max(lineas, _lineas(str(celda.value or ""), ancho))
            elif celda.alignment.horizontal is None:
                celda.alignment = estilos.arriba
        if lineas > 1:
            # Alto explícito: no todas las hojas de cálculo reajustan las filas al abrir.
            ws.row_dimensions[row[0].row].height = 15 * lineas


def _lineas(texto: str, ancho: float) -> int:
    """Líneas aproximadas que ocupa ``texto`` ajustado a una columna de ``ancho`` caracteres."""
    por_linea = max(int(ancho * 1.1) - 1, 1)
    return sum(max(1, -(-len(parrafo) // por_linea)) for parrafo in texto.split("\n"))


def _imprimir(ws) -> None:
    """Horizontal, ajustado al ancho de una página (alto libre), A4."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True


def _hoja_resumen(ws, resultado: ResultadoAnio, origen: Origen | None,
                  estilos: _Estilos) -> None:
    ws.title = "Resumen"
    pol = resultado.matriz.politica
    met = resultado.perfil
    formato_avance = _formato_avance(resultado)
    ws["A1"] = f"{met.rotulos.titulo} {resultado.anio}"
    ws["A1"].font = estilos.titulo
    ws["A2"] = pol.nombre
    ws["A2"].font = estilos.negrita

    # Encabezado de la política a la izquierda y conteo por franja a la derecha, fila a fila,
    # como en la primera página del reporte publicado.
    fila0 = FILA_CONTEOS
    izquierda = [(f"{met.rotulos.instrumento}:", pol.nombre), ("Sector:", pol.sector or ""),
                 ("Ministerio conductor:", pol.ministerio_conductor or ""),
                 ("Tipo:", pol.tipo or "")]
    if met.instrumento.es_plan:
        izquierda[1:] = [("Entidad:", pol.entidad or ""), ("Periodo:", pol.periodo or ""),
                         ("Sector:", pol.sector or "")]
    ws.cell(fila0, 4, "Conteo por franja de avance").font = estilos.negrita
    for col, franja in enumerate(FRANJAS, start=5):
        celda = ws.cell(fila0, col, franja.etiqueta)
        celda.font = estilos.negrita
        celda.fill = estilos.rellenos[franja]
        celda.alignment = estilos.centro
        celda.border = estilos.borde
    for i, (rotulo, valor) in enumerate(izquierda):
        ws.cell(fila0 + i, 1, rotulo).font = estilos.negrita
        ws.cell(fila0 + i, 2, valor).alignment = estilos.ajuste
    for i, (grupo, cuenta) in enumerate(resultado.resumen.items(), start=1):
        ws.cell(fila0 + i, 4, met.grupos[grupo]).border = estilos.borde
        for col, franja in enumerate(FRANJAS, start=5):
            celda = ws.cell(fila0 + i, col, cuenta[franja])
            celda.alignment = estilos.centro
            celda.border = estilos.borde

    fila = fila0 + 5
    ind = resultado.indice
    ws.cell(fila, 1, ind.enunciado).font = estilos.negrita
    _celda_numero(ws, fila, 2, ind.mostrado, formato_avance)
    ws.cell(fila, 2).font = estilos.titulo
    ws.cell(fila, 2).fill = estilos.rellenos[ind.franja]
    ws.cell(fila, 2).alignment = estilos.centro
    ws.cell(fila, 4, f"{ind.franja.etiqueta} · {ind.con_dato} de {ind.total} objetivos con dato")

    fila += 2
    ws.cell(fila, 1, "Datos del reporte").font = estilos.negrita
    generado = origen.generado if origen else None
    datos = [
        ("Año", resultado.anio),
        ("Generado", generado if generado is not None else "—"),
        ("Archivo de origen", origen.archivo if origen else "—"),
        ("SHA-256 del archivo", origen.sha256 if origen else "—"),
        ("Metodología", met.version),
        ("Avance", "Tipo I; agregación: media de los indicadores con dato"
                   + (f"; cada indicador topado en {resultado.tope}" if resultado.tope else "")),
    ]
    if met.nota_tope is not None:
        datos.append(("Tope", nota_tope(resultado)))
    for rotulo, valor in datos:
        fila += 1
        ws.cell(fila, 1, rotulo)
        celda = ws.cell(fila, 2, valor)
        celda.alignment = estilos.izquierda
        if rotulo == "Generado" and generado is not None:
            celda.number_format = "yyyy-mm-dd hh:mm"

    fila += 2
    _grafico_objetivos(ws, resultado, fila, estilos)

    for letra, ancho in zip("ABCDEFGH", (42, 48, 2, 26, 10, 10, 10, 10)):
        ws.column_dimensions[letra].width = ancho


FILA_CONTEOS = 4
"""Fila del encabezado de la tabla de conteos en la hoja Resumen (las tres siguientes: grupos)."""


def _grafico_objetivos(ws, resultado: ResultadoAnio, fila: int, estilos: _Estilos) -> None:
    """Tabla 'Avance por objetivo prioritario' y su gráfico de barras con los umbrales 75 y 95."""
    from openpyxl.chart import BarChart, LineChart, Reference
    from openpyxl.chart.marker import DataPoint
    from openpyxl.chart.shapes import GraphicalProperties

    # Datos del gráfico a la derecha (columnas D-H, bajo los conteos); el gráfico, a la izquierda.
    met = resultado.perfil
    objetivo = met.rotulos.objetivo
    ws.cell(fila, 4, f"Avance por {objetivo.lower()}").font = estilos.negrita
    encabezado = fila + 1
    media, alta = met.umbral_media, met.umbral_alta
    for col, texto in enumerate((objetivo, "Avance", f"Umbral {media}",
                                 f"Umbral {alta}", "Franja"), start=4):
        celda = ws.cell(encabezado, col, texto)
        celda.font = estilos.negrita
        celda.border = estilos.borde
        celda.alignment = estilos.ajuste
    objetivos = resultado.objetivos
    for i, o in enumerate(objetivos, start=1):
        f = encabezado + i
        ws.cell(f, 4, o.codigo).border = estilos.borde
        for col, valor in ((5, o.mostrado), (6, media), (7, alta)):
            celda = ws.cell(f, col, None if valor is None else float(valor))
            celda.number_format = _formato_avance(resultado)
            celda.border = estilos.borde
        celda = ws.cell(f, 8, o.franja.etiqueta)
        celda.fill = estilos.rellenos[o.franja]
        celda.border = estilos.borde
        celda.alignment = estilos.centro
    if not objetivos:
        return
    ultima = encabezado + len(objetivos)
    categorias = Reference(ws, min_col=4, min_row=encabezado + 1, max_row=ultima)

    barras = BarChart()
    barras.type = "col"
    barras.title = f"Avance por {objetivo.lower()} {resultado.anio}"
    barras.y_axis.title = "Avance (%)"
    barras.y_axis.scaling.min = 0
    barras.y_axis.numFmt = "0"
    barras.x_axis.delete = False
    barras.y_axis.delete = False
    barras.add_data(Reference(ws, min_col=5, min_row=encabezado, max_row=ultima),
                    titles_from_data=True)
    barras.set_categories(categorias)
    serie = barras.series[0]
    serie.graphicalProperties = GraphicalProperties(solidFill="1F4E78")
    for i, o in enumerate(objetivos):
        punto = DataPoint(idx=i)
        punto.graphicalProperties = GraphicalProperties(solidFill=COLORES_GRAFICO[o.franja.color])
        serie.dPt.append(punto)

    umbrales = LineChart()
    umbrales.add_data(Reference(ws, min_col=6, max_col=7, min_row=encabezado, max_row=ultima),
                      titles_from_data=True)
    umbrales.set_categories(categorias)
    for linea, color in zip(umbrales.series, (COLORES_GRAFICO["ámbar"], COLORES_GRAFICO["verde"])):
        linea.graphicalProperties.line.solidFill = color
        linea.graphicalProperties.line.dashStyle = "dash"
        linea.graphicalProperties.line.width = 19050
        linea.marker.symbol = "none"
        linea.smooth = False
    barras += umbrales
    barras.legend.position = "b"
    barras.height, barras.width = 8.5, 17
    ws.add_chart(barras, f"A{fila}")


def _hoja_objetivos(ws, resultado: ResultadoAnio, estilos: _Estilos) -> None:
    anio = resultado.anio
    rotulos = resultado.perfil.rotulos
    formato_avance = _formato_avance(resultado)
    _tabla(ws, ["Código", rotulos.objetivo, f"Avance {anio}", "Franja",
                "Indicadores con dato",
                "Indicadores" if resultado.acciones else rotulos.indicadores_objetivo,
                "Cobertura", "Avance publicado"],
           [10, 60, 12, 12, 12, 12, 30, 12], estilos)
    publicado = resultado.matriz.avance_publicado
    # En un plan, las acciones estratégicas siguen a los objetivos (con sus indicadores).
    for fila, o in enumerate([*resultado.objetivos, *resultado.acciones], start=2):
        ws.cell(fila, 1, o.codigo)
        ws.cell(fila, 2, o.enunciado)
        _celda_numero(ws, fila, 3, o.mostrado, formato_avance)
        celda = ws.cell(fila, 4, o.franja.etiqueta)
        celda.fill = estilos.rellenos[o.franja]
        celda.alignment = estilos.centro
        ws.cell(fila, 5, o.con_dato)
        ws.cell(fila, 6, o.total)
        ws.cell(fila, 7, o.cobertura)
        serie = publicado.get(o.codigo, {})
        if anio in serie:
            _celda_numero(ws, fila, 8, serie[anio], formato_avance)
    _cerrar_tabla(ws, estilos, ajustar=(2,))


def _hoja_indicadores(ws, resultado: ResultadoAnio, estilos: _Estilos) -> None:
    anio = resultado.anio
    anios = resultado.matriz.anios
    formato_avance = _formato_avance(resultado)
    fijas = ["Código", "Indicador", "Nivel", "Pertenece a", resultado.perfil.instrumento.objetivo,
             "Responsable", "Tipo",
             "Sentido", "Acumulación", "Unidad", "LB año", "LB valor"]
    series = [f"LE {a}" for a in anios] + [f"VO {a}" for a in anios]
    finales = [f"Avance {anio}", "Franja", "Avance publicado", "Años con LE y VO",
               "Observaciones"]
    anchos = [17, 50, 6, 13, 7, 16, 12, 12, 13, 12, 7, 9] + [9] * len(series) + \
             [10, 11, 11, 11, 50]
    encabezados = fijas + series + finales
    ajustar = (2, 6, len(encabezados))
    _tabla(ws, encabezados, anchos, estilos)
    for fila, r in enumerate(resultado.indicadores, start=2):
        ind = r.indicador
        for col, valor in enumerate([ind.codigo, ind.nombre, ind.nivel, ind.pertenece_a,
                                     r.op or "", ind.responsable or "", ind.tipo or "",
                                     ind.sentido.value + (" (inferido)" if ind.sentido_inferido
                                                          else ""),
                                     ind.acumulacion.value if ind.acumulacion else "",
                                     ind.unidad or "", ind.lb_anio], start=1):
            ws.cell(fila, col, valor)
        col = len(fijas)
        if ind.lb_valor is None and ind.lb_anio is None:
            ws.cell(fila, col, None)
        else:
            _celda_numero(ws, fila, col, ind.lb_valor, FORMATO_VALOR)
        for a in anios:
            col += 1
            _celda_numero(ws, fila, col, ind.le(a), FORMATO_VALOR)
        for a in anios:
            col += 1
            _celda_numero(ws, fila, col, ind.vo(a), FORMATO_VALOR)
        _celda_numero(ws, fila, col + 1, r.avance.mostrado, formato_avance)
        celda = ws.cell(fila, col + 2, r.franja.etiqueta)
        celda.fill = estilos.rellenos[r.franja]
        celda.alignment = estilos.centro
        serie = resultado.matriz.avance_publicado.get(ind.codigo, {})
        if anio in serie:
            _celda_numero(ws, fila, col + 3, serie[anio], formato_avance)
        con_dato = sum(ind.le(a) is not None and ind.vo(a) is not None for a in anios)
        ws.cell(fila, col + 4, f"{con_dato} de {len(anios)}")
        ws.cell(fila, col + 5, " | ".join(r.observaciones))
    _cerrar_tabla(ws, estilos, ajustar=ajustar)


def _hoja_alertas(ws, alertas, estilos: _Estilos, formato_avance: str = FORMATO_AVANCE) -> None:
    _tabla(ws, doc.COLUMNAS_ALERTAS, [30, 17, 45, 10, 10, 10, 9, 10, 70], estilos)
    for fila, valores in enumerate(doc.filas_alertas(alertas), start=2):
        for col, valor in enumerate(valores, start=1):
            if col in (4, 5, 8):
                if valor is not None or col != 8:
                    _celda_numero(ws, fila, col, valor, FORMATO_VALOR)
            elif col == 6:
                _celda_numero(ws, fila, col, valor, formato_avance)
            else:
                ws.cell(fila, col, valor)
    _cerrar_tabla(ws, estilos, ajustar=(1, 3, 9))
