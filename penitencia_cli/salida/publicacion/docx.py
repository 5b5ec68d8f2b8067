"""El reporte en DOCX (python-docx), desde el mismo diccionario que el PDF y el HTML
(:mod:`.datos`).

Todo el documento se arma con python-docx, salvo la matriz: en matrices grandes (10 000
indicadores) un árbol lxml de la tabla de Word pesa cientos de MB, así que la tabla se escribe
como texto XML, fila por fila, directamente dentro de ``word/document.xml`` (en el lugar de un
párrafo marcador) al copiar el paquete. La tabla es una tabla real de Word: dos filas de
encabezado repetidas en cada página (``w:tblHeader``), ninguna fila partida (``w:cantSplit``),
y los títulos de la estructura (OP, LN, SS; OEI, AEI) «conservados con el siguiente»
(``w:keepNext``).

Fuente: Arial (está en todo Windows y macOS; LibreOffice la sustituye por Liberation Sans, de
métricas idénticas). La letra del PDF no se incrusta: un DOCX es para editarse con las letras de
quien lo abre. python-docx no dibuja gráficos nativos de Word: en lugar del gráfico de barras va
una tabla corta con el avance de cada objetivo (las mismas cifras).
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

from ..medidas import LETRA, ancho_pt
from .docx_xml import elemento

MARCADOR = "«MATRIZ-PENITENCIA»"
ANCHO_UTIL_MM = 277.0  # A4 horizontal (297 mm) menos márgenes de 10 mm
_CENTRADO = '<w:jc w:val="center"/>'
TWIPS_MM = 1440 / 25.4
ANCHO_CONTEO_MM = 130.0
"""Ancho de la tabla del conteo por franja, a la derecha de la primera página."""
MINIMO_TEXTO_MM = 30.0
"""Ancho mínimo de la columna del nombre del indicador."""


def _ancho_mm(texto: str, pt: float, negrita: bool = False) -> float:
    """El ancho de ``texto`` en Arial a ``pt`` puntos, en mm (:mod:`...medidas`)."""
    return ancho_pt(texto, pt, negrita) * 25.4 / 72


def _hex(color: str) -> str:
    return color.lstrip("#").upper()


def _t(texto: str) -> str:
    """Un texto de Word; el guion suave (U+00AD, «Respon-sable») es ``<w:softHyphen/>``."""
    trozos = texto.split("\u00ad")
    return "<w:softHyphen/>".join(f'<w:t xml:space="preserve">{escape(t)}</w:t>'
                                  for t in trozos)


def _t_entero(texto: str) -> str:
    """Un texto que no se parte entre líneas («[75-95%>»): espacios de no separación y el guion
    como ``<w:noBreakHyphen/>``."""
    trozos = texto.replace(" ", "\u00a0").split("-")
    return "<w:noBreakHyphen/>".join(f'<w:t xml:space="preserve">{escape(t)}</w:t>'
                                     for t in trozos)


class _Tabla:
    """Fragmentos XML de la matriz (estilos de párrafo «Celda», «CeldaNum», «CeldaEnc»…)."""

    def __init__(self, datos: dict) -> None:
        self.d = datos
        self.E = datos["estilo"]
        self.nd = len(datos["matriz"]["descriptivas"])
        self.nv = len(datos["matriz"]["columnas"])
        self.anchos = self._anchos()

    # -- anchos ----------------------------------------------------------------------------
    def _anchos(self) -> list[float]:
        M = self.d["matriz"]
        filas = [f for f in M["filas"] if f["nivel"] == "indicador"]
        pt, pad = 7.0, 1.4  # márgenes de celda (2 × 30 twips = 1.06 mm) y holgura

        def maximo(textos, minimo=0.0, negrita=False):
            return max([minimo, *(_ancho_mm(t, pt, negrita) for t in textos)]) + pad

        codigo = maximo([f["codigo"] for f in M["filas"]])
        descriptivas = []
        for j, c in enumerate(M["descriptivas"]):
            titulo = max((_ancho_mm(t.split("\u00ad")[0] + "-" if "\u00ad" in t else t, pt, True)
                          for t in c["titulo"].split("\n")), default=0)
            if c["partir"] == "palabras":
                textos = [p for f in filas for p in f["descriptivas"][j].split()]
                descriptivas.append(maximo(textos, max(titulo, 11)))
            else:
                textos = [ln for f in filas for ln in f["descriptivas"][j].split("\n")]
                descriptivas.append(maximo(textos, titulo))
        lb_anio = maximo((f["lb_anio"] for f in filas), _ancho_mm("Año", pt, True))
        valores = [ln for f in filas for v in (f["lb_valor"], *f["valores"])
                   for ln in v.split("\n")]
        valor = maximo(valores, max(_ancho_mm(c, pt, True) for c in M["muestras_columnas"]))
        avance = maximo([f.get("avance", "") for f in M["filas"]], 0, True)
        franja = maximo(["● " + f["etiqueta"] for f in self.d["franjas"]], 0, True)
        fijos = [codigo, *descriptivas, lb_anio, valor, *([valor] * self.nv), avance, franja]
        texto = max(ANCHO_UTIL_MM - sum(fijos), MINIMO_TEXTO_MM)
        return [codigo, texto, *descriptivas, lb_anio, valor, *([valor] * self.nv), avance,
                franja]

    @property
    def ncol(self) -> int:
        return 6 + self.nd + self.nv

    # -- celdas ----------------------------------------------------------------------------
    @staticmethod
    def _p(contenido: str, estilo: str = "Celda", mantener: bool = False,
           centrado: bool = False) -> str:
        extra = ("<w:keepNext/>" if mantener else "") + (_CENTRADO if centrado else "")
        ppr = f'<w:pPr><w:pStyle w:val="{estilo}"/>{extra}</w:pPr>'
        return f"<w:p>{ppr}{contenido}</w:p>"

    @staticmethod
    def _r(texto: str, negrita: bool = False, color: str | None = None,
           sup: bool = False) -> str:
        rpr = ""
        if negrita or color or sup:
            rpr = ("<w:rPr>" + ("<w:b/>" if negrita else "")
                   + (f'<w:color w:val="{color}"/>' if color else "")
                   + ('<w:vertAlign w:val="superscript"/>' if sup else "") + "</w:rPr>")
        partes = texto.split("\n")
        cuerpo = "<w:br/>".join(_t(p) for p in partes)
        return f"<w:r>{rpr}{cuerpo}</w:r>"

    def _tc(self, parrafos: str, fondo: str | None = None, span: int = 1,
            vmerge: str | None = None) -> str:
        tcpr = ""
        if span > 1:
            tcpr += f'<w:gridSpan w:val="{span}"/>'
        if vmerge:
            tcpr += f'<w:vMerge w:val="{vmerge}"/>' if vmerge == "restart" else "<w:vMerge/>"
        if fondo:
            tcpr += f'<w:shd w:val="clear" w:color="auto" w:fill="{_hex(fondo)}"/>'
        return f"<w:tc>{'<w:tcPr>' + tcpr + '</w:tcPr>' if tcpr else ''}{parrafos}</w:tc>"

    def _franja(self, f: dict, negrita: bool = False) -> str:
        color = _hex(self.E["colores"][f["color"]]["fuerte"])
        rpr = "<w:rPr><w:b/></w:rPr>" if negrita else ""
        return (self._r("●", color=color, negrita=negrita)
                + f"<w:r>{rpr}{_t_entero(' ' + f['etiqueta'])}</w:r>")

    # -- filas ------------------------------------------------------------------------------
    def inicio(self) -> str:
        grid = "".join(f'<w:gridCol w:w="{round(a * TWIPS_MM)}"/>' for a in self.anchos)
        borde = '<w:{0} w:val="single" w:sz="2" w:space="0" w:color="CDCDCD"/>'
        return (
            "<w:tbl><w:tblPr>"
            f'<w:tblW w:w="{round(sum(self.anchos) * TWIPS_MM)}" w:type="dxa"/>'
            '<w:tblLayout w:type="fixed"/>'
            "<w:tblBorders>" + borde.format("bottom") + borde.format("insideH") + "</w:tblBorders>"
            '<w:tblCellMar><w:top w:w="20" w:type="dxa"/><w:left w:w="30" w:type="dxa"/>'
            '<w:bottom w:w="20" w:type="dxa"/><w:right w:w="30" w:type="dxa"/></w:tblCellMar>'
            '<w:tblLook w:val="0020" w:firstRow="1" w:lastRow="0" w:firstColumn="0" '
            'w:lastColumn="0" w:noHBand="1" w:noVBand="1"/>'
            f"</w:tblPr><w:tblGrid>{grid}</w:tblGrid>"
            + self._encabezado()
        )

    def _encabezado(self) -> str:
        acento = self.E["fondo_encabezado"]
        m = self.d["matriz"]

        def enc(texto, span=1, vmerge=None, num=False):
            estilo = "CeldaEncNum" if num else "CeldaEnc"
            parrafo = self._p(self._r(texto) if texto else "", estilo, centrado=span > 1)
            return self._tc(parrafo, acento, span, vmerge)  # un grupo de columnas, centrado

        trpr = "<w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>"
        fila1 = (enc("Código", vmerge="restart") + enc(m["columna_texto"], vmerge="restart")
                 + "".join(enc(c["titulo"], vmerge="restart") for c in m["descriptivas"])
                 + enc("Línea de base", 2)
                 + "".join(enc(g["texto"], g["columnas"]) for g in m["grupos"])
                 + enc(m["rotulo_avance"], 2))
        fila2 = (enc("", vmerge="continue") * (2 + self.nd) + enc("Año", num=True)
                 + enc("Valor", num=True) + "".join(enc(c, num=True) for c in m["columnas"])
                 + enc("%", num=True) + enc("Franja"))
        return f"<w:tr>{trpr}{fila1}</w:tr><w:tr>{trpr}{fila2}</w:tr>"

    def fila(self, f: dict) -> str:
        E = self.E
        nivel = f["nivel"]
        trpr = "<w:trPr><w:cantSplit/></w:trPr>"
        if nivel == "indicador":
            texto = self._r(f["texto"])
            if f["notas"]:
                texto += self._r("(" + ",".join(f["notas"]) + ")", sup=True)
            if f["detalle"]:
                texto += self._r("\n" + f["detalle"], color="555555")
            tinte = E["colores"][f["color"]]["suave"]
            celdas = (
                self._tc(self._p(self._r(f["codigo"])))
                + self._tc(self._p(texto))
                + "".join(self._tc(self._p(self._r(t))) for t in f["descriptivas"])
                + self._tc(self._p(self._r(f["lb_anio"]), "CeldaNum"))
                + self._tc(self._p(self._r(f["lb_valor"]), "CeldaNum"))
                + "".join(self._tc(self._p(self._r(v), "CeldaNum")) for v in f["valores"])
                + self._tc(self._p(self._r(f["avance"], negrita=True), "CeldaNum"), tinte)
                + self._tc(self._p(self._franja(f)), tinte)
            )
        elif "avance" in f:
            fuerte = nivel == "objetivo"
            fondo = E["fondo_op"] if fuerte else E["fondo_ln"]
            celdas = (
                self._tc(self._p(self._r(f["codigo"], negrita=fuerte), mantener=True), fondo)
                + self._tc(self._p(self._r(f["texto"], negrita=fuerte)
                                   + self._r(f" ({f['cobertura']})", color="555555"),
                                   mantener=True), fondo, span=self.ncol - 3)
                + self._tc(self._p(self._r(f["avance"], negrita=True), "CeldaNum",
                                   mantener=True), fondo)
                + self._tc(self._p(self._franja(f, fuerte), mantener=True), fondo)
            )
        else:
            fondo = E["fondo_ln"] if f["profundidad"] == 1 else None
            celdas = (self._tc(self._p(self._r(f["codigo"]), mantener=True), fondo)
                      + self._tc(self._p(self._r(f["texto"]), mantener=True), fondo,
                                 span=self.ncol - 1))
        return f"<w:tr>{trpr}{celdas}</w:tr>"

    def fin(self) -> str:
        ind = self.d["indice"]
        tinte = self.E["colores"][ind["color"]]["suave"]
        fila = ("<w:tr><w:trPr><w:cantSplit/></w:trPr>"
                + self._tc(self._p(self._r(ind["rotulo"], negrita=True)), "D2DCE8",
                           span=self.ncol - 2)
                + self._tc(self._p(self._r(ind["avance"], negrita=True), "CeldaNum"), tinte)
                + self._tc(self._p(self._franja(ind, True)), tinte)
                + "</w:tr>")
        return fila + "</w:tbl>"


def _estilos(doc, E: dict) -> None:
    from docx.enum.style import WD_STYLE_TYPE
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Pt, RGBColor

    def fuente(estilo, pt, negrita=None, color=None):
        estilo.font.name = LETRA
        estilo.font.size = Pt(pt)
        if negrita is not None:
            estilo.font.bold = negrita
        if color:
            estilo.font.color.rgb = RGBColor.from_string(_hex(color))
        rfonts = estilo.element.get_or_add_rPr().get_or_add_rFonts()
        for atributo in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            rfonts.attrib.pop(qn(atributo), None)
        for atributo in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
            rfonts.set(qn(atributo), LETRA)

    normal = doc.styles["Normal"]
    fuente(normal, 9)
    normal.paragraph_format.space_after = Pt(3)
    lang = normal.element.get_or_add_rPr()
    from docx.oxml import OxmlElement

    idioma = OxmlElement("w:lang")
    idioma.set(qn("w:val"), "es-PE")
    lang.append(idioma)

    for nombre, pt, color in (("Title", 18, E["acento"]), ("Heading 1", 12, E["acento"]),
                              ("Heading 2", 9.5, "#111111")):
        estilo = doc.styles[nombre]
        fuente(estilo, pt, True, color)
        estilo.paragraph_format.space_before = Pt(10 if nombre != "Title" else 0)
        estilo.paragraph_format.space_after = Pt(4)
        estilo.paragraph_format.keep_with_next = True

    celda = doc.styles.add_style("Celda", WD_STYLE_TYPE.PARAGRAPH)
    celda.base_style = normal
    fuente(celda, 7)
    celda.paragraph_format.space_after = Pt(0)
    celda.paragraph_format.space_before = Pt(0)
    num = doc.styles.add_style("CeldaNum", WD_STYLE_TYPE.PARAGRAPH)
    num.base_style = celda
    num.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    enc = doc.styles.add_style("CeldaEnc", WD_STYLE_TYPE.PARAGRAPH)
    enc.base_style = celda
    fuente(enc, 7, True, E["texto_encabezado"])
    pie = doc.styles.add_style("Pie", WD_STYLE_TYPE.PARAGRAPH)
    pie.base_style = normal
    fuente(pie, 6.5, color="#444444")
    pie.paragraph_format.space_after = Pt(0)
    enc_num = doc.styles.add_style("CeldaEncNum", WD_STYLE_TYPE.PARAGRAPH)
    enc_num.base_style = enc
    enc_num.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.RIGHT


def _campo(parrafo, instruccion: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    campo = OxmlElement("w:fldSimple")
    campo.set(qn("w:instr"), instruccion)
    r = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.text = "1"
    r.append(t)
    campo.append(r)
    elemento(parrafo).append(campo)


def _sombrear(celda, color: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), _hex(color))
    elemento(celda).get_or_add_tcPr().append(shd)


def _anchos_tabla(tabla, anchos: list) -> None:
    """Anchos de columna que respetan Word y LibreOffice: los de la rejilla y los de cada celda."""
    tabla.autofit = False
    for columna, ancho in zip(tabla.columns, anchos):
        columna.width = ancho
    for fila in tabla.rows:
        for celda, ancho in zip(fila.cells, anchos):
            celda.width = ancho


def _sin_bordes(tabla) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    bordes = OxmlElement("w:tblBorders")
    for lado in ("top", "left", "bottom", "right", "insideH", "insideV"):
        b = OxmlElement(f"w:{lado}")
        b.set(qn("w:val"), "nil")
        bordes.append(b)
    elemento(tabla).tblPr.append(bordes)


def _franja_runs(parrafo, f: dict, E: dict, negrita: bool = False) -> None:
    """El punto de color y la franja escrita, sin partirse entre líneas («[75-95%>» entero)."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls
    from docx.shared import RGBColor

    punto = parrafo.add_run("●")
    punto.font.color.rgb = RGBColor.from_string(_hex(E["colores"][f["color"]]["fuerte"]))
    punto.bold = negrita
    rpr = "<w:rPr><w:b/></w:rPr>" if negrita else ""
    elemento(parrafo).append(parse_xml(f"<w:r {nsdecls('w')}>{rpr}{_t_entero(' ' + f['etiqueta'])}"
                                "</w:r>"))


def documento_docx(datos: dict) -> bytes:
    """El .docx en memoria (la matriz se inserta al copiar el paquete)."""
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_COLOR_INDEX
    from docx.shared import Mm, Pt, RGBColor

    E = datos["estilo"]
    doc = Document()
    _estilos(doc, E)

    sec = doc.sections[0]
    sec.orientation = WD_ORIENT.LANDSCAPE
    sec.page_width, sec.page_height = Mm(297), Mm(210)
    sec.left_margin = sec.right_margin = Mm(10)
    sec.top_margin, sec.bottom_margin = Mm(12), Mm(14)
    sec.footer_distance = Mm(6)

    props = doc.core_properties
    props.title = datos["documento"]["titulo_completo"]
    props.author = datos["documento"]["autor"]
    props.subject = datos["documento"]["asunto"]
    props.language = "es-PE"
    props.keywords = ", ".join(datos["documento"]["palabras_clave"])

    pie = datos["pie"]
    p = sec.footer.paragraphs[0]
    p.style = doc.styles["Pie"]
    p.add_run(f"Fuente: {pie['archivo']} · SHA-256 {pie['sha256']} · Metodología "
              f"{pie['metodologia']} · Generado el {pie['generado']} · Página ")
    _campo(p, " PAGE ")
    p.add_run(" de ")
    _campo(p, " NUMPAGES ")

    doc.add_paragraph(datos["documento"]["titulo"], style="Title")
    p = doc.add_paragraph()
    p.add_run(datos["politica"]["nombre"]).bold = True
    p.runs[0].font.size = Pt(12)

    # Encabezado (izquierda) y conteo por franja (derecha), como la primera página del reporte.
    marco = doc.add_table(rows=1, cols=2)
    _sin_bordes(marco)
    izq, der = marco.rows[0].cells
    izq.width, der.width = Mm(ANCHO_UTIL_MM - ANCHO_CONTEO_MM - 4), Mm(ANCHO_CONTEO_MM + 4)
    izq.paragraphs[0].text = ""
    for i, c in enumerate(datos["politica"]["campos"]):
        q = izq.paragraphs[0] if i == 0 else izq.add_paragraph()
        q.add_run(f"{c['rotulo']}: ").bold = True
        q.add_run(c["valor"])
    der.paragraphs[0].add_run("Conteo por franja de avance").bold = True
    conteos = der.add_table(rows=1 + len(datos["conteos"]), cols=1 + len(datos["franjas"]))
    conteos.style = doc.styles["Table Grid"]
    conteos.autofit = False
    # Cada franja, tan ancha como su texto (a 9 pt, con los márgenes de la celda de «Table
    # Grid», 1.9 mm por lado): «● [75-95%>» nunca se parte. El grupo («Objetivos estratégicos
    # institucionales») toma lo que queda, y se parte si hace falta.
    franja = max(16.0, max(_ancho_mm("● " + f["etiqueta"], 9, negrita=True)
                           for f in datos["franjas"]) + 5)
    grupo = max(_ancho_mm(c["grupo"], 9) for c in datos["conteos"]) + 5
    grupo = max(30.0, min(grupo, ANCHO_CONTEO_MM - franja * len(datos["franjas"])))
    _anchos_tabla(conteos, [Mm(grupo)] + [Mm(franja)] * len(datos["franjas"]))
    for j, f in enumerate(datos["franjas"], start=1):
        celda = conteos.cell(0, j)
        _franja_runs(celda.paragraphs[0], f, E, negrita=True)
        celda.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
        _sombrear(celda, "#EBEBEB")
    _sombrear(conteos.cell(0, 0), "#EBEBEB")
    for i, c in enumerate(datos["conteos"], start=1):
        conteos.cell(i, 0).paragraphs[0].text = c["grupo"]
        for j, v in enumerate(c["valores"], start=1):
            q = conteos.cell(i, j).paragraphs[0]
            q.text = v
            q.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    for fila in conteos.rows:
        for celda in fila.cells:
            for q in celda.paragraphs:
                q.paragraph_format.space_after = Pt(0)

    # Índice de gestión
    ind = datos["indice"]
    doc.add_paragraph(ind["rotulo"], style="Heading 1")
    p = doc.add_paragraph()
    r = p.add_run(ind["avance"] + "  ")
    r.bold, r.font.size = True, Pt(20)
    _franja_runs(p, ind, E, negrita=True)
    for r in p.runs[1:]:
        r.font.size = Pt(12)
    doc.add_paragraph(ind["cobertura"])
    _nota_truncado(doc, datos)

    # En lugar del gráfico: el avance de cada objetivo en una tabla corta (python-docx no dibuja
    # gráficos nativos de Word; las mismas cifras que las barras del PDF y el HTML).
    g = datos["grafico"]
    doc.add_paragraph(g["titulo"], style="Heading 2")
    ops = doc.add_table(rows=1 + len(g["barras"]), cols=4)
    ops.style = doc.styles["Table Grid"]
    ops.alignment = WD_TABLE_ALIGNMENT.LEFT
    ops.autofit = False
    _anchos_tabla(ops, [Mm(18), Mm(146), Mm(24), Mm(25)])
    # Fila por fila (``table.cell(i, j)`` recorre toda la tabla en cada llamada: cuadrático).
    for i, fila in enumerate(ops.rows):
        celdas = fila.cells
        for celda in celdas:
            celda.paragraphs[0].paragraph_format.space_after = Pt(0)
        if i == 0:
            for celda, t in zip(celdas, ("Código", g["rotulo_objetivo"], "Avance (%)", "Franja")):
                celda.paragraphs[0].add_run(t).bold = True
                _sombrear(celda, "#EBEBEB")
            continue
        b = g["barras"][i - 1]
        celdas[0].paragraphs[0].text = b["codigo"]
        celdas[1].paragraphs[0].text = b["texto"]
        q = celdas[2].paragraphs[0]
        q.add_run(b["avance"]).bold = True
        q.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        _franja_runs(celdas[3].paragraphs[0], b, E)
        for celda in celdas[2:]:
            _sombrear(celda, E["colores"][b["color"]]["suave"])

    # La matriz (se inserta en el lugar del marcador)
    m = datos["matriz"]
    doc.add_paragraph(m["titulo"], style="Heading 1")
    doc.add_paragraph(MARCADOR)
    _nota_truncado(doc, datos)

    if m["notas"]:
        doc.add_paragraph("Notas", style="Heading 2")
        for nota in m["notas"]:
            q = doc.add_paragraph()
            q.paragraph_format.space_after = Pt(1)
            q.add_run(f"({nota['numero']}) {nota['texto']} ").font.size = Pt(8)
            r = q.add_run("— " + ", ".join(nota["codigos"]))
            r.font.size = Pt(8)
            r.font.color.rgb = RGBColor(0x55, 0x55, 0x55)

    al = datos["alertas"]
    doc.add_paragraph(al["titulo"], style="Heading 1")
    if al["aviso"]:
        q = doc.add_paragraph()
        r = q.add_run(al["aviso"])
        r.bold = True
        r.font.highlight_color = WD_COLOR_INDEX.YELLOW
    for par in al["parrafos"]:
        q = doc.add_paragraph()
        q.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        q.paragraph_format.space_after = Pt(6)
        if par["letra"]:
            q.paragraph_format.left_indent = Mm(6)
            q.paragraph_format.first_line_indent = Mm(-6)
            q.add_run(par["letra"] + "\t").bold = True
            q.paragraph_format.tab_stops.add_tab_stop(Mm(6))
        for s in par["segmentos"]:
            r = q.add_run(s["texto"])
            if s["negrita"] or s["completar"]:
                r.bold = True
            if s["completar"]:
                r.font.highlight_color = WD_COLOR_INDEX.YELLOW

    salida = io.BytesIO()
    doc.save(salida)
    return salida.getvalue()


def _nota_truncado(doc, datos: dict) -> None:
    """La nota del tope de un plan («…truncado en 100 %»), en cursiva."""
    from docx.shared import Pt

    if datos["nota_truncado"]:
        r = doc.add_paragraph().add_run(datos["nota_truncado"])
        r.italic, r.font.size = True, Pt(8)


def escribir_docx(datos: dict, ruta: Path | str) -> None:
    """Escribe el DOCX en ``ruta`` (el temporal de :func:`~..archivos.escribir_atomico`): el
    documento de python-docx con la matriz escrita, fila por fila, en el lugar del marcador."""
    base = documento_docx(datos)
    tabla = _Tabla(datos)
    with zipfile.ZipFile(io.BytesIO(base)) as origen, \
            zipfile.ZipFile(ruta, "w", zipfile.ZIP_DEFLATED) as destino:
        for item in origen.infolist():
            if item.filename != "word/document.xml":
                destino.writestr(item, origen.read(item.filename))
                continue
            xml = origen.read(item.filename).decode("utf-8")
            pos = xml.index(MARCADOR)
            inicio, fin = xml.rindex("<w:p>", 0, pos), xml.index("</w:p>", pos) + len("</w:p>")
            with destino.open("word/document.xml", "w") as f:
                f.write(xml[:inicio].encode("utf-8"))
                f.write(tabla.inicio().encode("utf-8"))
                bloque: list[str] = []
                for fila in datos["matriz"]["filas"]:
                    bloque.append(tabla.fila(fila))
                    if len(bloque) >= 500:
                        f.write("".join(bloque).encode("utf-8"))
                        bloque.clear()
                f.write("".join(bloque).encode("utf-8"))
                f.write(tabla.fin().encode("utf-8"))
                f.write(xml[fin:].encode("utf-8"))
