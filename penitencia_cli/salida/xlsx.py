"""El libro del reporte (``avance --exportar reporte.xlsx``), listo para enviar e imprimir: Resumen
(encabezado, conteos, índice, avance por objetivo con su gráfico), Objetivos, Indicadores, Logros
y valores (los de cada año, en su propia hoja) y Alertas.

Se escribe en modo ``write_only`` de openpyxl, fila por fila (memoria constante: 100 000
indicadores no arman un libro en memoria). Para papel: A4 (horizontal si la hoja es ancha),
ajustado al ancho de una página con las columnas medidas para que la letra impresa no baje de
7 pt, encabezados repetidos, cada fila tan alta como su texto (medido con las métricas de Arial,
:mod:`.medidas`: ni recortado ni con aire de más) y el alto en páginas calculado para que la última
fila no quede sola en una página. Una sola familia de letra (:data:`.medidas.LETRA`) en todas las
celdas.

Las cifras, como en el reporte publicado: coma de miles; los avances con los decimales del
perfil; los logros esperados, valores obtenidos y líneas de base de un indicador con los mismos
decimales en todas sus celdas (:func:`formato_valor`: un porcentaje como «36.50%», un conteo como
«6,235»); «ND» alineado a la derecha como los números; la fecha como en el PDF («05/12/2026
18:41»). Un texto del libro de entrada (nombres, enunciados, mensajes) se escribe siempre como
texto, nunca como fórmula, aunque empiece con ``=``, ``+``, ``-`` o ``@``.
"""

from __future__ import annotations

import io
import math
from copy import copy
from datetime import date, time, timedelta
from pathlib import Path

from ..contrato import es_unidad_porcentaje
from ..modelos import Indicador
from ..reglas.agregados import ResultadoAnio
from ..reglas.alertas import Alertas
from ..reglas.metodologia import FRANJAS, Perfil
from . import documento as doc
from .formato import Origen, anios_calculados, decimales_de, formato_numero, nota_truncado
from .medidas import ALTO_FILA, LETRA, TAMANO, alto_fila, ancho_columna_pt, ancho_pt, lineas
from .xlsx_grafico import ALTO_CM, grafico
from .xlsx_letra import letra_del_libro

RELLENOS = {"rojo": "F4CCCC", "ámbar": "FFE599", "verde": "B6D7A8", "gris": "D9D9D9"}
"""Colores de relleno del semáforo en Excel."""
FORMATO_FECHA = "dd/mm/yyyy hh:mm"
"""La fecha del reporte, como la escribe el pie del PDF: «05/12/2026 18:41»."""
FILA_CONTEOS = 4
"""Fila del encabezado de la tabla de conteos en la hoja Resumen (las tres siguientes: grupos)."""
ANCHO_PAGINA = 200
"""Suma de anchos de columna (en caracteres) que cabe en el ancho de un A4 horizontal con la
letra de 10 pt impresa a 7 pt o más (~5.25 pt por carácter de ancho, 785 pt útiles)."""
ANCHO_VERTICAL = 110
"""Una hoja de hasta estos caracteres de ancho se imprime en A4 vertical (a 8 pt o más)."""
ALTO_UTIL = {"landscape": 509.0, "portrait": 756.0}
"""Alto útil de un A4, en puntos, sin los márgenes de 0.6 pulgadas."""


def _formato_avance(resultado: ResultadoAnio) -> str:
    """El formato de los avances, con los decimales del perfil: '#,##0.0' en una política,
    '#,##0.00' en un plan (la celda guarda el valor ya redondeado mitad hacia arriba)."""
    return formato_numero(resultado.perfil.decimales)


def _publicado(resultado: ResultadoAnio) -> str:
    """El encabezado del avance publicado, que es siempre el de un año: con un periodo lo dice."""
    return "Avance publicado" + ("" if resultado.desde is None else f" {resultado.anio}")


def formato_valor(ind: Indicador, perfil: Perfil) -> str:
    """El formato de los logros esperados, valores obtenidos y línea de base de un indicador: los
    mismos decimales en todas sus celdas, los que necesite su valor con más decimales (nada se
    oculta); un porcentaje con al menos los del reporte publicado y su signo («36.50%», la celda
    guarda 36.5), un conteo con coma de miles («6,235»)."""
    valores = [v for serie in (ind.logros_esperados, ind.valores_obtenidos)
               for v in serie.values() if v is not None]
    if ind.lb_valor is not None:
        valores.append(ind.lb_valor)
    decimales = max((decimales_de(v.normalize()) for v in valores), default=0)
    if es_unidad_porcentaje(ind.unidad):
        return formato_numero(max(decimales, perfil.decimales_porcentaje_impreso)) + '"%"'
    return formato_numero(decimales)


class _Estilos:
    def __init__(self, perfil: Perfil) -> None:
        from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

        self.normal = Font(name=LETRA, size=TAMANO)
        self.negrita = Font(name=LETRA, size=TAMANO, bold=True)
        self.titulo = Font(name=LETRA, size=14, bold=True)
        self.encabezado = Font(name=LETRA, size=TAMANO, bold=True, color="FFFFFF")
        self.fondo_encabezado = PatternFill("solid", fgColor="1F4E78")
        self.ajuste = Alignment(wrap_text=True, vertical="top")
        self.centro = Alignment(horizontal="center", vertical="top")
        self.arriba = Alignment(vertical="top")
        self.izquierda = Alignment(horizontal="left", vertical="top")
        self.derecha = Alignment(horizontal="right", vertical="top")
        fina = Side(style="thin", color="BFBFBF")
        self.borde = Border(left=fina, right=fina, top=fina, bottom=fina)
        self.rellenos = {f: PatternFill("solid", fgColor=RELLENOS[perfil.colores[f]])
                         for f in FRANJAS}


def _con_estilo(c, fuente, relleno, alineacion, formato, borde):
    """``c`` con ese estilo, asignado con la API de openpyxl."""
    c.font = fuente
    if relleno is not None:
        c.fill = relleno
    c.alignment = alineacion
    if formato is not None:
        c.number_format = formato
    if borde is not None:
        c.border = borde
    return c


class _Hoja:
    """Una hoja de solo escritura: columnas, filas con su alto, y lo necesario para imprimirla."""

    def __init__(self, wb, titulo: str, estilos: _Estilos, anchos: list[float]) -> None:
        from openpyxl.cell import WriteOnlyCell
        from openpyxl.utils import get_column_letter

        self._celda = WriteOnlyCell
        self.ws = wb.create_sheet(titulo)
        self.e = estilos
        self.anchos = anchos
        self.fila = 0
        self.en_tabla = False
        """Dentro de una tabla, cada celda lleva borde."""
        self.alto = 0.0
        """Alto de las filas escritas, en puntos (para calcular el alto en páginas)."""
        self.modelos: dict[tuple, tuple] = {}
        """(fuente, relleno, alineación, formato, borde) → la celda modelo con ese estilo."""
        # En modo write_only el principio de la hoja (anchos, paneles fijos, propiedades) se
        # escribe con la primera fila: todo eso va antes.
        for col, ancho in enumerate(anchos, start=1):
            self.ws.column_dimensions[get_column_letter(col)].width = ancho
        self.ws.sheet_properties.pageSetUpPr.fitToPage = True

    def celda(self, valor, fuente=None, relleno=None, alineacion=None, formato=None,
              borde=None):
        """Una celda con estilo; un texto es siempre texto (``data_type`` 's'), nunca fórmula."""
        fuente = fuente or self.e.normal
        alineacion = alineacion or self.e.arriba
        if borde is None and self.en_tabla:
            borde = self.e.borde
        if isinstance(valor, (date, time, timedelta)):
            # Una fecha da a su celda un formato de fecha si no tiene uno: se arma aparte, nunca
            # sobre el estilo compartido de una celda modelo.
            c = _con_estilo(self._celda(self.ws, valor), fuente, relleno, alineacion, formato,
                            borde)
        else:
            c = copy(self._modelo(fuente, relleno, alineacion, formato, borde))
            c.value = valor
        if isinstance(valor, str):
            c.data_type = "s"
        return c

    def _modelo(self, fuente, relleno, alineacion, formato, borde):
        """La celda vacía con ese estilo de la que se copia (``copy.copy``) cada celda que lo
        lleva, con su valor.

        Asignar un estilo a una celda busca cada objeto (Font, Alignment, Border...) en las
        listas del libro calculando su hash: con decenas de miles de celdas y unas decenas de
        combinaciones, asignarlo celda por celda cuesta más que todo el resto del libro (500
        indicadores: ``avance -f json -e x.xlsx`` en 1.45 s en lugar de 0.86 s). La copia
        comparte el estilo ya armado de su modelo, por eso sólo recibe su valor (``value`` y
        ``data_type``, que no tocan el estilo salvo en una fecha, que no se copia)."""
        clave = (id(fuente), id(relleno), id(alineacion), formato, id(borde))
        visto = self.modelos.get(clave)
        if visto is None:
            # Con los objetos guardados, su id() no se reutiliza mientras viva la hoja.
            visto = self.modelos[clave] = (
                _con_estilo(self._celda(self.ws), fuente, relleno, alineacion, formato, borde),
                (fuente, relleno, alineacion, borde))
        return visto[0]

    def numero(self, valor, formato: str, **estilo):
        """Un número con su formato, o 'ND' a la derecha, como los números."""
        if valor is None:
            return self.celda("ND", alineacion=self.e.derecha, **estilo)
        return self.celda(valor if isinstance(valor, int) else float(valor), formato=formato,
                          **estilo)

    def escribir(self, celdas: list, ajustar: tuple[int, ...] = (), negrita: bool = False,
                 tamano: float = TAMANO) -> int:
        """Añade una fila; con texto ajustado en las columnas ``ajustar`` le da el alto de sus
        líneas, medidas con la letra de la fila (no todas las hojas de cálculo reajustan las filas
        al abrir, y una fila baja recorta su texto al imprimir)."""
        self.fila += 1
        n = 1
        for col in ajustar:
            if col <= len(celdas):
                valor = celdas[col - 1].value if hasattr(celdas[col - 1], "value") else None
                if valor:
                    n = max(n, lineas(str(valor), ancho_columna_pt(self.anchos[col - 1]),
                                      tamano, negrita))
        alto = ALTO_FILA if n == 1 and tamano <= TAMANO else alto_fila(n, tamano)
        if alto != ALTO_FILA:
            self.ws.row_dimensions[self.fila].height = alto
        self.alto += alto
        self.ws.append(celdas)
        return self.fila

    def tabla(self, encabezados: list[str], congelar: int = 2) -> None:
        """La fila de encabezado de una tabla: fija al desplazarse y repetida al imprimir."""
        from openpyxl.utils import get_column_letter

        e = self.e
        self.ws.freeze_panes = f"{get_column_letter(congelar + 1)}{self.fila + 2}"
        fila = self.escribir([self.celda(t, e.encabezado, e.fondo_encabezado, e.ajuste)
                              for t in encabezados], tuple(range(1, len(encabezados) + 1)),
                             negrita=True)
        self.ws.print_title_rows = f"{fila}:{fila}"
        self.encabezado = fila
        self.en_tabla = True

    def filtro(self) -> None:
        from openpyxl.utils import get_column_letter
        from openpyxl.worksheet.filters import AutoFilter

        ultima = max(self.fila, self.encabezado + 1)
        self.ws.auto_filter = AutoFilter(
            ref=f"A{self.encabezado}:{get_column_letter(len(self.anchos))}{ultima}")

    def imprimir(self, paginas_alto: int | None = None) -> None:
        """A4 (vertical si la hoja es angosta, si no horizontal), ajustada al ancho de las
        páginas que hagan falta para no imprimir por debajo de 7 pt, y a un alto en páginas que
        no deja una última página casi vacía."""
        ws = self.ws
        total = sum(self.anchos)
        orientacion = "portrait" if total <= ANCHO_VERTICAL else "landscape"
        por_pagina = ANCHO_VERTICAL if orientacion == "portrait" else ANCHO_PAGINA
        ws.page_setup.orientation = orientacion
        ws.page_setup.paperSize = "9"  # A4
        ws.page_margins.left = ws.page_margins.right = 0.4
        ws.page_margins.top = ws.page_margins.bottom = 0.6
        ancho = max(1, math.ceil(total / por_pagina))
        escala = min(1.0, ancho * por_pagina / total)
        paginas = self.alto * escala / ALTO_UTIL[orientacion]
        # Una última página con menos de un 20 % de alto se reparte encogiendo un poco.
        ws.page_setup.fitToWidth = ancho
        if paginas_alto is None:
            paginas_alto = max(1, math.floor(paginas + 0.8)) if paginas < 20 else 0
        ws.page_setup.fitToHeight = paginas_alto
        ws.print_options.horizontalCentered = True


def escribir_xlsx(resultado: ResultadoAnio, alertas: Alertas, ruta: Path,
                  origen: Origen | None = None) -> None:
    """El libro del reporte: el resultado Tipo I del año y sus alertas (las del cálculo). No
    relee ningún libro: ``origen`` trae el nombre y el SHA-256 del libro de entrada, calculados
    por quien llama."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook(write_only=True)
    letra_del_libro(wb, Font(name=LETRA, size=TAMANO))  # la de las celdas vacías también
    estilos = _Estilos(resultado.perfil)
    formatos = {i.codigo: formato_valor(i, resultado.perfil) for i in resultado.matriz.indicadores}
    hojas = [
        _hoja_resumen(wb, resultado, origen, estilos),
        _hoja_objetivos(wb, resultado, estilos),
        _hoja_indicadores(wb, resultado, estilos, formatos),
        _hoja_series(wb, resultado, estilos, formatos),
        _hoja_alertas(wb, alertas, estilos, _formato_avance(resultado), formatos),
    ]
    # El resumen, en una sola página (el gráfico no se parte), salvo con muchos objetivos.
    hojas[0].imprimir(1 if len(resultado.objetivos) <= 12 else 0)
    for hoja in hojas[1:]:
        hoja.imprimir()
    # El zip se arma en memoria (unos 3 MB con 10 000 indicadores) y se escribe de una vez, en
    # un archivo que se cierra pase lo que pase: si el disco se llena, el error es uno. openpyxl
    # no cierra su zip cuando falla a medias, y al recogerlo Python volvería a fallar («Exception
    # ignored»).
    memoria = io.BytesIO()
    wb.save(memoria)
    Path(ruta).write_bytes(memoria.getbuffer())


def _hoja_resumen(wb, resultado: ResultadoAnio, origen: Origen | None,
                  e: _Estilos) -> _Hoja:
    perfil = resultado.perfil
    # La columna de los grupos del conteo, tan ancha como el más largo («Objetivos estratégicos
    # institucionales»): la celda de al lado tiene contenido y lo recortaría.
    grupos = max(ancho_pt(g, TAMANO) for g in perfil.grupos.values())
    h = _Hoja(wb, "Resumen", e, [36, 56, 10, max(26, math.ceil(grupos / 5.25) + 2), 10, 10, 10,
                                 10])
    pol = resultado.matriz.ficha
    etiquetas = perfil.etiquetas
    formato_avance = _formato_avance(resultado)
    h.escribir([h.celda(f"{perfil.rotulos.titulo} {anios_calculados(resultado)}", e.titulo)],
               tamano=14)
    h.escribir([h.celda(pol.nombre, e.negrita)])
    h.escribir([])

    # Encabezado de la política a la izquierda y conteo por franja a la derecha, fila a fila,
    # como en la primera página del reporte publicado.
    izquierda = [(f"{perfil.rotulos.instrumento}:", pol.nombre), ("Sector:", pol.sector),
                 ("Ministerio conductor:", pol.ministerio_conductor), ("Tipo:", pol.tipo)]
    if perfil.instrumento.es_plan:
        izquierda[1:] = [("Entidad:", pol.entidad), ("Periodo:", pol.periodo),
                         ("Sector:", pol.sector)]
    derecha = [[h.celda("Conteo por franja de avance", e.negrita)]
               + [h.celda(etiquetas[f], e.negrita, e.rellenos[f], e.centro, borde=e.borde)
                  for f in FRANJAS]]
    for grupo, cuenta in resultado.resumen.items():
        derecha.append([h.celda(perfil.grupos[grupo], borde=e.borde)]
                       + [h.celda(cuenta[f], alineacion=e.centro, borde=e.borde)
                          for f in FRANJAS])
    for i in range(max(len(izquierda), len(derecha))):
        rotulo, valor = izquierda[i] if i < len(izquierda) else ("", "")
        fila = [h.celda(rotulo, e.negrita), h.celda(valor or "", alineacion=e.ajuste), None]
        h.escribir(fila + (derecha[i] if i < len(derecha) else []), ajustar=(2,))
    h.escribir([])

    ind = resultado.indice
    h.escribir([h.celda(ind.enunciado, e.negrita),
                h.numero(ind.mostrado, formato_avance, fuente=e.titulo,
                         relleno=e.rellenos[ind.franja]), None,
                h.celda(f"{etiquetas[ind.franja]} · {ind.con_dato} de {ind.total} "
                        f"{perfil.rotulos.objetivos.lower()} con dato")], tamano=14)
    h.escribir([])
    h.escribir([h.celda("Datos del reporte", e.negrita)])
    generado = origen.generado if origen else None
    datos = [
        ("Año", resultado.anio, None),
        *([("Periodo", f"{anios_calculados(resultado)} (según la acumulación de cada indicador)",
            None)] if resultado.desde is not None else []),
        ("Generado", generado if generado is not None else "—",
         FORMATO_FECHA if generado else None),
        ("Archivo de origen", origen.archivo if origen else "—", None),
        ("SHA-256 del archivo", origen.sha256 if origen else "—", None),
        ("Metodología", perfil.version, None),
        ("Avance", "Tipo I; agregación: media de los indicadores con dato"
                   + (f"; cada indicador topado en {resultado.tope}" if resultado.tope else ""),
         None),
    ]
    if perfil.nota_truncado is not None:
        datos.append(("Tope", nota_truncado(resultado), None))
    for rotulo, valor, formato in datos:
        h.escribir([h.celda(rotulo), h.celda(valor, alineacion=e.izquierda, formato=formato)],
                   ajustar=(2,))
    h.escribir([])
    _grafico_objetivos(h, resultado)
    return h


def _grafico_objetivos(h: _Hoja, resultado: ResultadoAnio) -> None:
    """La tabla «Avance por objetivo» (código, nombre, avance, franja, umbrales) y, debajo, su
    gráfico de barras: cada barra en el color de su franja con su valor escrito, y los umbrales
    como líneas discontinuas (la leyenda sólo nombra las líneas)."""
    e = h.e
    perfil = resultado.perfil
    objetivo = perfil.rotulos.objetivo
    formato = _formato_avance(resultado)
    h.escribir([h.celda(f"Avance por {objetivo.lower()}", e.negrita)])
    media, alta = perfil.umbral_media, perfil.umbral_alta
    encabezado = h.escribir([h.celda(t, e.negrita, alineacion=e.ajuste, borde=e.borde) for t in
                             ("Código", objetivo, "Avance", "Franja", f"Umbral {media}",
                              f"Umbral {alta}")], ajustar=(2,))
    objetivos = resultado.objetivos
    for o in objetivos:
        h.escribir([h.celda(o.codigo, borde=e.borde),
                    h.celda(o.enunciado, alineacion=e.ajuste, borde=e.borde),
                    h.numero(o.mostrado, formato, borde=e.borde),
                    h.celda(perfil.etiquetas[o.franja], relleno=e.rellenos[o.franja],
                            alineacion=e.centro, borde=e.borde),
                    h.numero(media, formato, borde=e.borde),
                    h.numero(alta, formato, borde=e.borde)], ajustar=(2,))
    if objetivos:
        h.ws.add_chart(grafico(h.ws, resultado, encabezado, formato), f"A{h.fila + 2}")
        h.alto += ALTO_CM * 72 / 2.54 + ALTO_FILA  # para el alto en páginas


def _hoja_objetivos(wb, resultado: ResultadoAnio, e: _Estilos) -> _Hoja:
    anio = resultado.anio
    rotulos = resultado.perfil.rotulos
    etiquetas = resultado.perfil.etiquetas
    formato = _formato_avance(resultado)
    h = _Hoja(wb, "Objetivos", e, [12, 60, 12, 12, 16, 12])
    h.tabla(["Código", rotulos.objetivo, f"Avance {anios_calculados(resultado)}", "Franja",
             "Indicadores con dato", _publicado(resultado)])
    publicado = resultado.matriz.avance_publicado
    # En un plan, las acciones estratégicas siguen a los objetivos (con sus indicadores).
    for o in [*resultado.objetivos, *resultado.acciones]:
        serie = publicado.get(o.codigo, {})
        h.escribir([h.celda(o.codigo, borde=e.borde),
                    h.celda(o.enunciado, alineacion=e.ajuste, borde=e.borde),
                    h.numero(o.mostrado, formato, borde=e.borde),
                    h.celda(etiquetas[o.franja], relleno=e.rellenos[o.franja],
                            alineacion=e.centro, borde=e.borde),
                    h.celda(f"{o.con_dato} de {o.total}", alineacion=e.centro, borde=e.borde),
                    h.numero(serie[anio], formato, borde=e.borde) if anio in serie
                    else h.celda(None, borde=e.borde)], ajustar=(2,))
    h.filtro()
    return h


def _hoja_indicadores(wb, resultado: ResultadoAnio, e: _Estilos,
                      formatos: dict[str, str]) -> _Hoja:
    """Un indicador por fila, sin las series de cada año (van en «Logros y valores»): caben en
    el ancho de una página. ``formatos``: el de los valores de cada indicador
    (:func:`formato_valor`)."""
    anio = resultado.anio
    anios = [a for a in resultado.matriz.anios if a <= anio]
    formato = _formato_avance(resultado)
    etiquetas = resultado.perfil.etiquetas
    # Anchos medidos: «ISS.05.01.01.01», «Descendente», «No acumulado», «Porcentaje», «100.00%»
    # y «[75-95%>» caben en una línea; el nombre, en unas tres.
    h = _Hoja(wb, "Indicadores", e,
              [15.5, 38, 5.5, 8, 12, 12, 12.5, 13.5, 10.5, 6, 10, 8.5, 9.5, 9, 8.5, 21])
    h.tabla(["Código", "Indicador", "Nivel", resultado.perfil.instrumento.objetivo,
             "Responsable", "Tipo", "Sentido", "Acumulación", "Unidad", "LB año", "LB valor",
             f"Avance {anios_calculados(resultado)}", "Franja", _publicado(resultado),
             "Años con LE y VO", "Observaciones"])
    publicado = resultado.matriz.avance_publicado
    for r in resultado.indicadores:
        ind = r.indicador
        sentido = ind.sentido.value if ind.sentido else ""
        lb = (h.celda(None) if ind.lb_valor is None and ind.lb_anio is None
              else h.numero(ind.lb_valor, formatos[ind.codigo]))
        serie = publicado.get(ind.codigo, {})
        con_dato = sum(ind.le(a) is not None and ind.vo(a) is not None for a in anios)
        h.escribir([
            h.celda(ind.codigo), h.celda(ind.nombre, alineacion=e.ajuste),
            h.celda(ind.nivel), h.celda(r.objetivo or ""),
            h.celda(ind.responsable or "", alineacion=e.ajuste),
            h.celda(ind.tipo or "", alineacion=e.ajuste),
            h.celda(sentido + (" (inferido)" if ind.sentido_inferido else ""),
                    alineacion=e.ajuste),
            h.celda(ind.acumulacion.value if ind.acumulacion else ""), h.celda(ind.unidad or ""),
            h.celda(ind.lb_anio), lb,
            h.numero(r.avance.mostrado, formato),
            h.celda(etiquetas[r.franja], relleno=e.rellenos[r.franja], alineacion=e.centro),
            h.numero(serie[anio], formato) if anio in serie else h.celda(None),
            h.celda(f"{con_dato} de {len(anios)}", alineacion=e.centro),
            h.celda(" | ".join(r.observaciones), alineacion=e.ajuste),
        ], ajustar=(2, 5, 6, 7, 16))
    h.filtro()
    return h


def _hoja_series(wb, resultado: ResultadoAnio, e: _Estilos, formatos: dict[str, str]) -> _Hoja:
    """Logros esperados y valores obtenidos de todos los años del libro: dos filas por indicador
    (LE y VO), una columna por año."""
    anios = resultado.matriz.anios
    h = _Hoja(wb, "Logros y valores", e, [15.5, 48, 14] + [10] * len(anios))
    h.tabla(["Código", "Indicador", "Serie", *(str(a) for a in anios)], congelar=3)
    h.ws.print_title_cols = "A:C"  # si los años no caben en una página, cada una lleva el nombre
    for r in resultado.indicadores:
        ind = r.indicador
        formato = formatos[ind.codigo]
        # El nombre, sólo en la primera de las dos filas (el código, en ambas: para filtrar).
        for serie, valor, nombre in (("Logro esperado", ind.le, ind.nombre),
                                     ("Valor obtenido", ind.vo, None)):
            h.escribir([h.celda(ind.codigo), h.celda(nombre, alineacion=e.ajuste),
                        h.celda(serie)] + [h.numero(valor(a), formato) for a in anios],
                       ajustar=(2,))
    h.filtro()
    return h


def _hoja_alertas(wb, alertas: Alertas, e: _Estilos, formato_avance: str,
                  formatos: dict[str, str]) -> _Hoja:
    """Una alerta por fila; sus valores con el formato de su indicador (:func:`formato_valor`)."""
    h = _Hoja(wb, "Alertas", e, [22, 15.5, 34, 10, 10, 8.5, 8, 10, 60])
    h.tabla(doc.COLUMNAS_ALERTAS)
    for alerta, valores in zip(alertas, doc.filas_alertas(alertas)):
        celdas = []
        formato = formatos.get(alerta.codigo, "#,##0.##")
        for col, valor in enumerate(valores, start=1):
            if col in (4, 5, 8) and (valor is not None or col != 8):
                celdas.append(h.numero(valor, formato))
            elif col == 6:
                celdas.append(h.numero(valor, formato_avance))
            else:
                celdas.append(h.celda(valor, alineacion=e.ajuste))
        h.escribir(celdas, ajustar=(1, 3, 9))
    h.filtro()
    return h
