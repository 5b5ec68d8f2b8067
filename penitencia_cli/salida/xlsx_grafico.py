"""El gráfico del libro exportado (hoja Resumen): una barra por objetivo en el color de su franja,
con su valor escrito, y los umbrales como líneas discontinuas; sin rejilla (el eje lleva sus
marcas).

Ninguna línea cruza un valor: dónde va cada uno lo decide la regla de :mod:`.grafico`. Para poder
medir, la zona de las barras tiene un lugar fijo dentro del gráfico (un diseño manual, que respetan
Excel y LibreOffice) y la escala vertical va de 0 al tope de :func:`.grafico.escala`. Una hoja de
cálculo sólo ofrece cuatro lugares para el valor de una barra; se elige el primero que ninguna
línea cruza, en este orden: dentro arriba (si cabe a lo ancho y a lo alto), encima, al centro y
dentro abajo. Con tantas barras que sus valores no caben a lo ancho, o si ninguno de los cuatro
lugares queda libre, el valor no se escribe (está en la tabla de al lado).
"""

from __future__ import annotations

from ..reglas.agregados import ResultadoAnio
from .formato import anios_calculados, texto_avance
from .grafico import Medidas, cruzan, escala
from .medidas import LETRA, ancho_pt

ALTO_CM, ANCHO_CM = 9.5, 17.0
"""El tamaño del gráfico."""
ZONA = {"x": 0.09, "y": 0.13, "w": 0.87, "h": 0.62}
"""La zona de las barras, en fracciones del gráfico (desde su esquina superior izquierda)."""
SEPARACION = 60
"""Espacio entre barras, en % del ancho de una barra."""
TAMANO_ROTULO = 9.0
"""Puntos de la letra de los valores."""
COLORES_GRAFICO = {"rojo": "CC0000", "ámbar": "F1C232", "verde": "6AA84F", "gris": "999999"}
"""Color de cada barra del gráfico según su franja (el mismo tono que su relleno, más fuerte)."""
TEXTO_DENTRO = {"rojo": "FFFFFF", "ámbar": "000000", "verde": "000000", "gris": "000000"}
"""Color del valor escrito dentro de una barra."""
CM_PT = 72 / 2.54


def _alto_zona_cm() -> float:
    return ALTO_CM * ZONA["h"]


def medidas() -> Medidas:
    """El rótulo de 9 pt en la zona de las barras: su caja de texto (unos 0.45 cm, más de lo que
    dibuja LibreOffice), 0.1 cm de holgura a una línea y 0.12 cm de la barra."""
    alto = _alto_zona_cm()
    return Medidas(alto_rotulo=0.45 / alto, holgura=0.1 / alto, margen=0.12 / alto)


POSICIONES = ("inEnd", "outEnd", "ctr", "inBase")


def _caja(posicion: str, alto: float, m: Medidas) -> tuple[float, float]:
    if posicion == "inEnd":
        return alto - m.margen - m.alto_rotulo, alto - m.margen
    if posicion == "outEnd":
        return alto + m.margen, alto + m.margen + m.alto_rotulo
    if posicion == "inBase":
        return m.margen, m.margen + m.alto_rotulo
    return alto / 2 - m.alto_rotulo / 2, alto / 2 + m.alto_rotulo / 2


def posicion_rotulo(alto: float, lineas: list[float], m: Medidas,
                    cabe_a_lo_ancho: bool) -> str | None:
    """Dónde va el valor de una barra de ``alto`` (fracción de la escala): la primera posición
    que ninguna línea cruza, sin salirse de la zona de las barras; dentro arriba, sólo si el
    valor cabe a lo ancho y a lo alto de la barra. None si ninguna queda libre (una barra baja
    pegada a los umbrales en una escala muy alta): el valor no se escribe (está en la tabla)."""
    for posicion in POSICIONES:
        abajo, arriba = _caja(posicion, alto, m)
        if posicion == "inEnd" and (not cabe_a_lo_ancho or abajo < m.margen):
            continue
        if arriba > 1 or abajo < 0:
            continue
        if not cruzan(abajo, arriba, lineas, m.holgura):
            return posicion
    return None


def sobre_la_barra(posicion: str, alto: float, m: Medidas, cabe_a_lo_ancho: bool) -> bool:
    """Si el valor queda escrito sobre el color de la barra (entonces, en el color de texto de
    su franja; si no, en negro)."""
    arriba = _caja(posicion, alto, m)[1]
    return cabe_a_lo_ancho and posicion != "outEnd" and arriba <= alto


def lineas_del_grafico(tope: float, umbrales: list[float]) -> list[float]:
    """Las líneas horizontales del gráfico, en fracciones de la escala: la base, el borde de
    arriba de la zona y los umbrales (sin rejilla)."""
    return [0.0, 1.0, *(float(u) / tope for u in umbrales)]


def _texto(tamano: float = 9, color: str | None = None, negrita: bool = False):
    """Propiedades de texto de un elemento del gráfico: la letra del libro."""
    from openpyxl.chart.text import RichText
    from openpyxl.drawing.text import CharacterProperties, Font, Paragraph, ParagraphProperties

    letra = CharacterProperties(latin=Font(typeface=LETRA), sz=int(tamano * 100),
                                b=negrita or None, solidFill=color)
    return RichText(p=[Paragraph(pPr=ParagraphProperties(defRPr=letra), endParaRPr=letra)])


def _titulo(texto: str, tamano: int):
    """El título de un gráfico o de un eje, en la letra del libro."""
    from openpyxl.chart.text import RichText, Text
    from openpyxl.chart.title import Title
    from openpyxl.drawing.text import (CharacterProperties, Font, Paragraph, ParagraphProperties,
                                       RegularTextRun)

    letra = CharacterProperties(latin=Font(typeface=LETRA), sz=tamano, b=True)
    parrafo = Paragraph(pPr=ParagraphProperties(defRPr=letra),
                        r=[RegularTextRun(rPr=letra, t=texto)])
    return Title(tx=Text(rich=RichText(p=[parrafo])), overlay=False)


def grafico(ws, resultado: ResultadoAnio, encabezado: int, formato: str):
    """El gráfico de la tabla «Avance por objetivo» que empieza en la fila ``encabezado`` (código
    en la columna A, avance en la C, umbrales en la E y la F)."""
    from openpyxl.chart import BarChart, LineChart, Reference
    from openpyxl.chart.label import DataLabel, DataLabelList
    from openpyxl.chart.layout import Layout, ManualLayout
    from openpyxl.chart.legend import LegendEntry
    from openpyxl.chart.marker import DataPoint
    from openpyxl.chart.shapes import GraphicalProperties

    perfil = resultado.perfil
    objetivos = resultado.objetivos
    ultima = encabezado + len(objetivos)
    categorias = Reference(ws, min_col=1, min_row=encabezado + 1, max_row=ultima)
    barras = BarChart()
    barras.type = "col"
    barras.gapWidth = SEPARACION
    barras.title = _titulo(f"Avance por {perfil.rotulos.objetivo.lower()} "
                           f"{anios_calculados(resultado)}", 1200)
    barras.y_axis.title = _titulo("Avance (%)", 900)
    tope, marcas = escala(o.mostrado for o in objetivos)
    barras.y_axis.scaling.min = 0
    barras.y_axis.scaling.max = tope
    barras.y_axis.majorUnit = marcas[1] - marcas[0]
    barras.y_axis.majorGridlines = None
    barras.y_axis.numFmt = "#,##0"
    barras.x_axis.delete = False
    barras.y_axis.delete = False
    barras.x_axis.txPr = barras.y_axis.txPr = _texto()
    barras.plot_area.layout = Layout(manualLayout=ManualLayout(
        layoutTarget="inner", xMode="edge", yMode="edge", **ZONA))
    barras.add_data(Reference(ws, min_col=3, min_row=encabezado, max_row=ultima),
                    titles_from_data=True)
    barras.set_categories(categorias)
    serie = barras.series[0]
    colores = perfil.colores

    m = medidas()
    lineas = lineas_del_grafico(tope, [perfil.umbral_media, perfil.umbral_alta])
    categoria_pt = ANCHO_CM * ZONA["w"] * CM_PT / max(len(objetivos), 1)
    barra_pt = categoria_pt / (1 + SEPARACION / 100)
    numeros = [texto_avance(o.valor, o.perfil) for o in objetivos if o.mostrado is not None]
    ancho = max((ancho_pt(t, TAMANO_ROTULO) for t in numeros), default=0)
    escribir = ancho + 4 <= categoria_pt
    cabe = ancho + 6 <= barra_pt  # el valor más ancho, dentro de una barra
    rotulos = []
    for i, o in enumerate(objetivos):
        color = colores[o.franja]
        punto = DataPoint(idx=i)
        punto.graphicalProperties = GraphicalProperties(solidFill=COLORES_GRAFICO[color])
        serie.dPt.append(punto)
        alto = None if o.mostrado is None else min(max(float(o.mostrado), 0.0) / tope, 1.0)
        posicion = None if alto is None or not escribir else posicion_rotulo(alto, lineas, m,
                                                                             cabe)
        if posicion is None:
            rotulos.append(DataLabel(idx=i, showVal=False, showSerName=False,
                                     showCatName=False, showLegendKey=False, showPercent=False))
            continue
        texto = TEXTO_DENTRO[color] if sobre_la_barra(posicion, alto, m, cabe) else "000000"
        rotulos.append(DataLabel(
            idx=i, dLblPos=posicion, numFmt=formato, showVal=True, showSerName=False,
            showCatName=False, showLegendKey=False, showPercent=False,
            txPr=_texto(TAMANO_ROTULO, texto, negrita=True)))
    serie.dLbls = DataLabelList(dLbl=rotulos, showVal=escribir, showSerName=False,
                                showCatName=False, showLegendKey=False, showPercent=False)

    umbrales = LineChart()
    umbrales.add_data(Reference(ws, min_col=5, max_col=6, min_row=encabezado, max_row=ultima),
                      titles_from_data=True)
    umbrales.set_categories(categorias)
    for linea, color in zip(umbrales.series, ("7F6000", "274E13")):
        linea.graphicalProperties.line.solidFill = color
        linea.graphicalProperties.line.dashStyle = "dash"
        linea.graphicalProperties.line.width = 19050
        linea.marker.symbol = "none"
        linea.smooth = False
    barras += umbrales
    # La leyenda sólo nombra las líneas de los umbrales: las barras llevan su valor escrito y
    # el color de su franja (la tabla de al lado la dice).
    barras.legend.position = "b"
    barras.legend.legendEntry = [LegendEntry(idx=0, delete=True)]
    barras.legend.txPr = _texto()
    barras.height, barras.width = ALTO_CM, ANCHO_CM
    return barras
