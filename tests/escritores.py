"""Libros .xlsx escritos a mano como los escriben otros programas (Excel, LibreOffice, el SDK de
Open XML de .NET, Google Sheets), para probar el lector con lo que dice el estándar y no sólo con
la forma que escribe openpyxl. Cada libro lo construye la prueba; nada se guarda en git.

:func:`escribir` toma las hojas como :func:`conftest.escribir_libro` (una celda puede ser
``(valor, formato)``) y un :class:`Escritor` con los rasgos de un programa: textos compartidos o
en línea, prefijo de los elementos, ``r`` en filas y celdas, rutas y nombres de las partes,
destinos relativos o absolutos de las relaciones, atributos de más.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
TIPOS = "http://schemas.openxmlformats.org/package/2006/content-types"
CT = "application/vnd.openxmlformats-officedocument.spreadsheetml."


@dataclass
class Escritor:
    nombre: str
    compartidos: bool = True
    """Textos en sharedStrings (Excel, LibreOffice, Google) o en línea (SDK de .NET)."""
    prefijo: str = ""
    """Prefijo de SpreadsheetML (``x`` en el SDK de .NET)."""
    con_r: bool = True
    """``r`` en filas y celdas (el SDK de .NET, a menudo, sin ellos)."""
    libro: str = "xl/workbook.xml"
    hoja: str = "xl/worksheets/sheet{}.xml"
    estilos: str = "xl/styles.xml"
    textos: str = "xl/sharedStrings.xml"
    absolutos: bool = False
    """Destinos de las relaciones absolutos (``/xl/...``) o relativos al libro."""
    ids: str = "rId{}"
    atributos_fila: str = ""
    atributos_raiz: str = ""
    cabeza_hoja: str = ""
    """Lo que va entre la raíz y <sheetData> (vistas, formato, columnas...)."""
    cola_hoja: str = ""
    texto_enriquecido: bool = False
    """El primer texto largo, en dos tramos con formato (y un tramo fonético)."""
    extra: dict[str, bytes] = field(default_factory=dict)


EXCEL = Escritor(
    "excel", atributos_fila=' spans="1:12" x14ac:dyDescent="0.25"',
    atributos_raiz=(' xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
                    'xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac" '
                    'mc:Ignorable="x14ac xr" xmlns:xr="http://schemas.microsoft.com/office/'
                    'spreadsheetml/2014/revision" xr:uid="{00000000-0001-0000-0000-000000000000}"'),
    cabeza_hoja=('<sheetViews><sheetView tabSelected="1" workbookViewId="0"/></sheetViews>'
                 '<sheetFormatPr defaultRowHeight="15" x14ac:dyDescent="0.25"/>'),
    cola_hoja='<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" '
              'footer="0.3"/>',
    texto_enriquecido=True)
LIBREOFFICE = Escritor(
    "libreoffice", atributos_fila=' customFormat="false" ht="12.8" hidden="false" '
                                  'customHeight="false" outlineLevel="0" collapsed="false"',
    cabeza_hoja=('<sheetPr filterMode="false"><pageSetUpPr fitToPage="false"/></sheetPr>'
                 '<cols><col collapsed="false" customWidth="false" hidden="false" '
                 'outlineLevel="0" max="1025" min="1" style="0" width="11.52"/></cols>'))
DOTNET = Escritor(
    "dotnet", compartidos=False, prefijo="x", con_r=False, libro="xl/libro.xml",
    hoja="xl/hojas/hoja_{}.xml", estilos="xl/estilos.xml", absolutos=True, ids="R7a{}f3c")
GOOGLE = Escritor(
    "google", cabeza_hoja=('<sheetPr><outlinePr summaryBelow="0" summaryRight="0"/></sheetPr>'
                           '<sheetFormatPr customHeight="1" defaultColWidth="14.43" '
                           'defaultRowHeight="15.0"/>'), ids="rId{}")
ESCRITORES = {e.nombre: e for e in (EXCEL, LIBREOFFICE, DOTNET, GOOGLE)}


def letra(n: int) -> str:
    texto = ""
    while n:
        n, r = divmod(n - 1, 26)
        texto = chr(65 + r) + texto
    return texto


class _Estilos:
    """Los formatos de número usados → índice de <xf> de celda (0 es General)."""

    def __init__(self):
        self.formatos: dict[str, int] = {}

    def indice(self, formato: str) -> int:
        return self.formatos.setdefault(formato, len(self.formatos) + 1)

    def xml(self, p: str) -> bytes:
        ns = f'xmlns{":" + p if p else ""}="{MAIN}"'
        q = f"{p}:" if p else ""
        propios = "".join(f'<{q}numFmt numFmtId="{164 + i}" formatCode={quoteattr(f)}/>'
                          for f, i in self.formatos.items())
        xfs = "".join(f'<{q}xf numFmtId="{164 + i}" fontId="0" fillId="0" borderId="0" xfId="0" '
                      f'applyNumberFormat="1"/>' for _, i in self.formatos.items())
        return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<{q}styleSheet {ns}>'
                f'<{q}numFmts count="{len(self.formatos)}">{propios}</{q}numFmts>'
                f'<{q}fonts count="1"><{q}font><{q}sz val="11"/><{q}name val="Calibri"/></{q}font>'
                f'</{q}fonts><{q}fills count="1"><{q}fill><{q}patternFill patternType="none"/>'
                f'</{q}fill></{q}fills><{q}borders count="1"><{q}border/></{q}borders>'
                f'<{q}cellStyleXfs count="1"><{q}xf numFmtId="0" fontId="0" fillId="0" '
                f'borderId="0"/></{q}cellStyleXfs><{q}cellXfs count="{len(self.formatos) + 1}">'
                f'<{q}xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>{xfs}'
                f'</{q}cellXfs><{q}cellStyles count="1"><{q}cellStyle name="Normal" xfId="0" '
                f'builtinId="0"/></{q}cellStyles><{q}dxfs count="0"/></{q}styleSheet>').encode()


def _numero(valor) -> str:
    return repr(float(valor)) if isinstance(valor, float) else str(valor)


def escribir(ruta: Path, hojas: dict[str, list[list]], e: Escritor) -> Path:
    """Escribe las hojas como lo haría el programa ``e``."""
    p = e.prefijo
    q = f"{p}:" if p else ""
    estilos = _Estilos()
    textos: dict[str, int] = {}
    partes: dict[str, bytes] = {}
    enriquecido = e.texto_enriquecido
    for k, (titulo, filas) in enumerate(hojas.items(), start=1):
        xml_filas = []
        for i, fila in enumerate(filas, start=1):
            celdas = []
            for j, valor in enumerate(fila, start=1):
                formato = None
                if isinstance(valor, tuple):
                    valor, formato = valor
                if valor is None:
                    if not e.con_r:  # sin r, la posición cuenta: una celda vacía
                        celdas.append(f"<{q}c/>")
                    continue
                r = f' r="{letra(j)}{i}"' if e.con_r else ""
                s = f' s="{estilos.indice(formato)}"' if formato else ""
                if isinstance(valor, bool):
                    celdas.append(f'<{q}c{r}{s} t="b"><{q}v>{int(valor)}</{q}v></{q}c>')
                elif isinstance(valor, (int, float)):
                    celdas.append(f"<{q}c{r}{s}><{q}v>{_numero(valor)}</{q}v></{q}c>")
                elif e.compartidos:
                    celdas.append(f'<{q}c{r}{s} t="s"><{q}v>{textos.setdefault(valor, len(textos))}'
                                  f"</{q}v></{q}c>")
                else:
                    celdas.append(f'<{q}c{r}{s} t="inlineStr"><{q}is><{q}t>{escape(valor)}'
                                  f"</{q}t></{q}is></{q}c>")
            rf = f' r="{i}"' if e.con_r else ""
            xml_filas.append(f"<{q}row{rf}{e.atributos_fila}>{''.join(celdas)}</{q}row>")
        ns = f'xmlns{":" + p if p else ""}="{MAIN}" xmlns:r="{R}"'
        partes[e.hoja.format(k)] = (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<{q}worksheet {ns}'
            f"{e.atributos_raiz}>{e.cabeza_hoja.replace('<', '<' + q).replace('<' + q + '/', '</' + q)}"
            f"<{q}sheetData>{''.join(xml_filas)}</{q}sheetData>"
            f"{e.cola_hoja.replace('<', '<' + q)}</{q}worksheet>").encode()
    if e.compartidos:
        items = []
        for texto in textos:
            if enriquecido and len(texto) > 12:
                mitad = len(texto) // 2
                items.append(f'<si><r><rPr><b/><sz val="11"/><rFont val="Calibri"/></rPr>'
                             f"<t>{escape(texto[:mitad])}</t></r><r><t xml:space=\"preserve\">"
                             f'{escape(texto[mitad:])}</t></r><rPh sb="0" eb="1"><t>フ</t>'
                             f'</rPh><phoneticPr fontId="1"/></si>')
                enriquecido = False
            else:
                items.append(f"<si><t>{escape(texto)}</t></si>")
        partes[e.textos] = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst '
                            f'xmlns="{MAIN}" count="{len(items)}" uniqueCount="{len(items)}">'
                            f"{''.join(items)}</sst>").encode()
    partes[e.estilos] = estilos.xml(p)
    carpeta = e.libro.rpartition("/")[0]

    def destino(parte: str) -> str:
        return "/" + parte if e.absolutos else parte[len(carpeta) + 1:]

    rels, hojas_xml = [], []
    for k, titulo in enumerate(hojas, start=1):
        rid = e.ids.format(k)
        rels.append(f'<Relationship Id="{rid}" Type="{R}/worksheet" '
                    f'Target="{destino(e.hoja.format(k))}"/>')
        hojas_xml.append(f'<{q}sheet name={quoteattr(titulo)} sheetId="{k}" r:id="{rid}"/>')
    n = len(hojas)
    rels.append(f'<Relationship Id="{e.ids.format(n + 1)}" Type="{R}/styles" '
                f'Target="{destino(e.estilos)}"/>')
    if e.compartidos:
        rels.append(f'<Relationship Id="{e.ids.format(n + 2)}" Type="{R}/sharedStrings" '
                    f'Target="{destino(e.textos)}"/>')
    ns = f'xmlns{":" + p if p else ""}="{MAIN}" xmlns:r="{R}"'
    partes[e.libro] = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                       f'<{q}workbook {ns}><{q}workbookPr/><{q}sheets>{"".join(hojas_xml)}'
                       f"</{q}sheets></{q}workbook>").encode()
    partes[f"{carpeta}/_rels/{e.libro.rpartition('/')[2]}.rels"] = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships '
        f'xmlns="{PKG}">{"".join(rels)}</Relationships>').encode()
    partes["_rels/.rels"] = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="{PKG}">'
        f'<Relationship Id="rId1" Type="{R}/officeDocument" Target="{e.libro}"/></Relationships>'
    ).encode()
    overrides = [(e.libro, CT + "sheet.main+xml"), (e.estilos, CT + "styles+xml")]
    overrides += [(e.hoja.format(k), CT + "worksheet+xml") for k in range(1, n + 1)]
    if e.compartidos:
        overrides.append((e.textos, CT + "sharedStrings+xml"))
    partes["[Content_Types].xml"] = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="{TIPOS}">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
        'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
        + "".join(f'<Override PartName="/{parte}" ContentType="{tipo}"/>'
                  for parte, tipo in overrides) + "</Types>").encode()
    partes.update(e.extra)
    with zipfile.ZipFile(ruta, "w", zipfile.ZIP_DEFLATED) as z:
        for nombre in ["[Content_Types].xml", "_rels/.rels", *sorted(set(partes) - {
                "[Content_Types].xml", "_rels/.rels"})]:
            z.writestr(nombre, partes[nombre])
    return ruta
