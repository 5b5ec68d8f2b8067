"""Corpus de libros raros y hostiles, construidos por las propias pruebas (nada se guarda en git).

Algunos casos no se pueden escribir con openpyxl (un valor calculado guardado junto a su fórmula,
un DTD, una bomba zip); para ellos se reescriben las partes XML del zip.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from typing import Callable

from conftest import escribir_libro

Cambio = Callable[[bytes], bytes] | bytes | None


def miembro_de_hoja(hojas: dict, titulo: str) -> str:
    """Parte del zip de una hoja escrita por :func:`conftest.escribir_libro` (en su orden)."""
    return f"xl/worksheets/sheet{list(hojas).index(titulo) + 1}.xml"


def reescribir(ruta: Path, cambios: dict[str, Cambio]) -> Path:
    """Reescribe en su lugar partes del zip: bytes nuevos, una función bytes → bytes, o None
    para quitarla. Las partes que no estaban se añaden."""
    with zipfile.ZipFile(ruta) as z:
        partes = {i.filename: z.read(i) for i in z.infolist()}
    for nombre, cambio in cambios.items():
        if cambio is None:
            partes.pop(nombre, None)
        elif callable(cambio):
            partes[nombre] = cambio(partes[nombre])
        else:
            partes[nombre] = cambio
    with zipfile.ZipFile(ruta, "w", zipfile.ZIP_DEFLATED) as z:
        for nombre, datos in partes.items():
            z.writestr(nombre, datos)
    return ruta


def con_valor_guardado(celda: str, valor: str) -> Callable[[bytes], bytes]:
    """Da a la fórmula de ``celda`` un valor calculado guardado (como lo deja Excel)."""

    def cambiar(xml: bytes) -> bytes:
        # openpyxl escribe <v/> con su escritor propio y <v></v> con lxml (si está instalado).
        patron = re.compile(rf'(<c r="{celda}"[^>]*>)(<f>[^<]*</f>)(?:<v\s*/>|<v></v>)'.encode())
        nuevo, n = patron.subn(rb"\1\2<v>" + valor.encode() + b"</v>", xml)
        assert n == 1, f"no encontré la fórmula de {celda}"
        return nuevo

    return cambiar


def con_error_excel(celda: str, error: str) -> Callable[[bytes], bytes]:
    """Pone en ``celda`` un valor de error de Excel (t="e"), como #DIV/0!."""

    def cambiar(xml: bytes) -> bytes:
        patron = re.compile(rf'<c r="{celda}"[^>]*>.*?</c>'.encode(), re.S)
        nuevo, n = patron.subn(f'<c r="{celda}" t="e"><v>{error}</v></c>'.encode(), xml)
        assert n == 1, f"no encontré la celda {celda}"
        return nuevo

    return cambiar


RISAS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
"""
"""Cabecera «billion laughs»: 10⁹ «lol» si un analizador XML expandiera las entidades."""


def con_risas(xml: bytes) -> bytes:
    """Antepone el DTD de :data:`RISAS` a una parte XML y usa la entidad en su primera celda."""
    cuerpo = re.sub(rb"^<\?xml[^>]*\?>\s*", b"", xml)
    cuerpo = re.sub(rb"<v>[^<]*</v>", b"<v>&lol9;</v>", cuerpo, count=1)
    return RISAS + cuerpo


def bomba_zip(ruta: Path, hojas: dict, inflado: int = 2**30) -> Path:
    """Un libro válido cuya primera hoja se infla a ``inflado`` bytes (espacios en su XML):
    un zip de unos 4.5 MB que declara 1 GB. Se escribe por trozos, sin tener 1 GB en memoria."""
    escribir_libro(ruta, hojas)
    miembro = miembro_de_hoja(hojas, next(iter(hojas)))
    with zipfile.ZipFile(ruta) as z:
        partes = {i.filename: z.read(i) for i in z.infolist()}
    xml = partes.pop(miembro)
    corte = xml.index(b"<sheetData>") + len(b"<sheetData>")
    with zipfile.ZipFile(ruta, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        for nombre, datos in partes.items():
            z.writestr(nombre, datos)
        with z.open(miembro, "w", force_zip64=True) as f:
            f.write(xml[:corte])
            trozo = b" " * 2**20
            escrito = 0
            while escrito < inflado:
                f.write(trozo)
                escrito += len(trozo)
            f.write(xml[corte:])
    return ruta


_TIPOS = b"""<?xml version="1.0" encoding="UTF-8"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
%s
</Types>"""
_RAIZ = b"""<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>
</Relationships>"""
_HOJA_VACIA = (b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
               b"<sheetData/></worksheet>")


def libro_de_muchas_hojas(ruta: Path, n: int, miembros_distintos: bool = True) -> Path:
    """Un .xlsx mínimo, escrito a mano, con ``n`` hojas vacías. Con ``miembros_distintos=False``
    todas las hojas del libro apuntan a la misma parte del zip (el zip parece pequeño)."""
    ns_r = b"http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    hojas = b"".join(
        b'<sheet name="H%d" sheetId="%d" r:id="rId%d"/>' % (i, i, i) for i in range(1, n + 1))
    libro = (b'<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
             b'xmlns:r="' + ns_r + b'"><sheets>' + hojas + b"</sheets></workbook>")
    rels = b"".join(
        b'<Relationship Id="rId%d" Type="%s/worksheet" Target="worksheets/sheet%d.xml"/>'
        % (i, ns_r, i if miembros_distintos else 1) for i in range(1, n + 1))
    rels = (b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
            b'relationships">' + rels + b"</Relationships>")
    tipo = (b"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml")
    cuantas = n if miembros_distintos else 1
    overrides = b"".join(b'<Override PartName="/xl/worksheets/sheet%d.xml" ContentType="%s"/>'
                         % (i, tipo) for i in range(1, cuantas + 1))
    with zipfile.ZipFile(ruta, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", _TIPOS % overrides)
        z.writestr("_rels/.rels", _RAIZ)
        z.writestr("xl/workbook.xml", libro)
        z.writestr("xl/_rels/workbook.xml.rels", rels)
        for i in range(1, cuantas + 1):
            z.writestr(f"xl/worksheets/sheet{i}.xml", _HOJA_VACIA)
    return ruta


def con_xxe(xml: bytes) -> bytes:
    """Una entidad externa (XXE) que apunta a /etc/passwd, usada en el primer <v>."""
    cuerpo = re.sub(rb"^<\?xml[^>]*\?>\s*", b"", xml)
    raiz = re.match(rb"<(\w+)", cuerpo).group(1)
    cuerpo = re.sub(rb"<v>[^<]*</v>", b"<v>&xxe;</v>", cuerpo, count=1)
    return (b'<?xml version="1.0"?>\n<!DOCTYPE ' + raiz + b' [<!ENTITY xxe SYSTEM '
            b'"file:///etc/passwd">]>\n' + cuerpo)


def en_utf16(xml: bytes, con_doctype: bool = True) -> bytes:
    """La misma parte en UTF-16 (con BOM), opcionalmente con un DOCTYPE con entidad."""
    texto = re.sub(r"^<\?xml[^>]*\?>\s*", "", xml.decode("utf-8"))
    cabeza = '<?xml version="1.0" encoding="UTF-16"?>\n'
    if con_doctype:
        raiz = re.match(r"<(\w+)", texto).group(1)
        cabeza += f'<!DOCTYPE {raiz} [<!ENTITY e "x">]>\n'
        texto = re.sub(r"<v>[^<]*</v>", "<v>&e;</v>", texto, count=1)
    return (cabeza + texto).encode("utf-16")


def con_vinculo_externo(ruta: Path, megas: int = 62) -> Path:
    """Añade un vínculo externo de ``megas`` MiB (como lo deja Excel: externalLink1.xml con su
    caché de celdas), declarado en el libro, sus relaciones y los tipos de contenido. Comprimido
    con poca razón (datos variados), para no caer en la guardia de bomba zip."""
    import random

    rnd = random.Random(1)
    filas = []
    tam = 0
    i = 1
    while tam < megas * 2**20:
        fila = (f'<row r="{i}">' + "".join(
            f'<cell r="{c}{i}"><v>{rnd.random()!r}</v></cell>' for c in "ABCDEFGH") + "</row>")
        filas.append(fila)
        tam += len(fila)
        i += 1
    xml = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<externalLink xmlns='
           '"http://schemas.openxmlformats.org/spreadsheetml/2006/main"><externalBook xmlns:r='
           '"http://schemas.openxmlformats.org/officeDocument/2006/relationships" r:id="rId1">'
           '<sheetNames><sheetName val="Hoja1"/></sheetNames><sheetDataSet><sheetData sheetId="0">'
           + "".join(filas) + "</sheetData></sheetDataSet></externalBook></externalLink>").encode()

    def libro(x: bytes) -> bytes:
        return x.replace(b"</sheets>", b'</sheets><externalReferences><externalReference xmlns:r="http://schemas.'
                         b'openxmlformats.org/officeDocument/2006/relationships" r:id="rId99"/>'
                         b'</externalReferences>', 1)

    def rels(x: bytes) -> bytes:
        return x.replace(b"</Relationships>", b'<Relationship Id="rId99" Type="http://schemas.'
                         b'openxmlformats.org/officeDocument/2006/relationships/externalLink" '
                         b'Target="externalLinks/externalLink1.xml"/></Relationships>')

    def tipos(x: bytes) -> bytes:
        return x.replace(b"</Types>", b'<Override PartName="/xl/externalLinks/externalLink1.xml" '
                         b'ContentType="application/vnd.openxmlformats-officedocument.'
                         b'spreadsheetml.externalLink+xml"/></Types>')

    rels_vinculo = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns='
                    b'"http://schemas.openxmlformats.org/package/2006/relationships"><Relationship '
                    b'Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                    b'relationships/externalLinkPath" Target="otro.xlsx" TargetMode="External"/>'
                    b"</Relationships>")
    return reescribir(ruta, {"xl/externalLinks/externalLink1.xml": xml,
                             "xl/externalLinks/_rels/externalLink1.xml.rels": rels_vinculo,
                             "xl/workbook.xml": libro,
                             "xl/_rels/workbook.xml.rels": rels, "[Content_Types].xml": tipos})


_EN_LINEA = re.compile(rb'<c ([^>]*?)t="inlineStr"([^>]*)><is><t(?: xml:space="preserve")?>([^<]*)</t>'
                       rb'</is></c>')
_SST_TIPO = (b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.'
             b'openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>')
_SST_REL = (b'<Relationship Id="rIdSst" Type="http://schemas.openxmlformats.org/officeDocument/'
            b'2006/relationships/sharedStrings" Target="sharedStrings.xml"/>')


def a_textos_compartidos(ruta: Path, decorar: Callable[[int, bytes], bytes] | None = None) -> Path:
    """Pasa los textos en línea que escribe openpyxl a textos compartidos, como Excel (una parte
    xl/sharedStrings.xml, sin repetidos). ``decorar(i, texto)`` da el <si> del texto i (para texto
    enriquecido, fonético...); por omisión ``<si><t>texto</t></si>``."""
    with zipfile.ZipFile(ruta) as z:
        partes = {i.filename: z.read(i) for i in z.infolist()}
    indices: dict[bytes, int] = {}

    def cambiar(m: re.Match) -> bytes:
        texto = m.group(3)
        i = indices.setdefault(texto, len(indices))
        return b'<c ' + m.group(1) + b't="s"' + m.group(2) + b"><v>%d</v></c>" % i

    for nombre in list(partes):
        if nombre.startswith("xl/worksheets/sheet"):
            partes[nombre] = _EN_LINEA.sub(cambiar, partes[nombre])
    items = []
    for texto, i in indices.items():
        if decorar is not None:
            items.append(decorar(i, texto))
        elif texto != texto.strip():
            items.append(b'<si><t xml:space="preserve">' + texto + b"</t></si>")
        else:
            items.append(b"<si><t>" + texto + b"</t></si>")
    partes["xl/sharedStrings.xml"] = (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.'
        b'openxmlformats.org/spreadsheetml/2006/main" count="%d" uniqueCount="%d">'
        % (len(items), len(items)) + b"".join(items) + b"</sst>")
    partes["[Content_Types].xml"] = partes["[Content_Types].xml"].replace(
        b"</Types>", _SST_TIPO + b"</Types>")
    partes["xl/_rels/workbook.xml.rels"] = partes["xl/_rels/workbook.xml.rels"].replace(
        b"</Relationships>", _SST_REL + b"</Relationships>")
    with zipfile.ZipFile(ruta, "w", zipfile.ZIP_DEFLATED) as z:
        for nombre, datos in partes.items():
            z.writestr(nombre, datos)
    return ruta


def decorado(i: int, texto: bytes) -> bytes:
    """Formas de <si> que escriben Excel y LibreOffice: texto enriquecido en tramos, fonética
    japonesa (<rPh>, que no cuenta) y espacios que se conservan (xml:space). El escape _xHHHH_,
    que openpyxl no decodifica, se prueba aparte (test_lector_piezas, test_lector_estandar)."""
    forma = i % 5
    if forma == 1 and len(texto) > 1:
        mitad = len(texto) // 2
        if b"&" in texto:  # no partir una referencia (&#128;, &amp;)
            mitad = texto.index(b"&")
        while mitad and texto[mitad] & 0xC0 == 0x80:  # no partir un carácter UTF-8
            mitad -= 1
        return (b"<si><r><rPr><b/><sz val=\"11\"/></rPr><t>" + texto[:mitad] + b"</t></r><r><t "
                b'xml:space="preserve">' + texto[mitad:] + b"</t></r></si>")
    if forma == 2:
        return (b"<si><t>" + texto + b'</t><rPh sb="0" eb="1"><t>\xe3\x83\x95</t></rPh>'
                b'<phoneticPr fontId="1"/></si>')
    if forma == 3:
        return b'<si><t xml:space="preserve">  ' + texto + b"</t></si>"
    return b"<si><t>" + texto + b"</t></si>"


def a_estricto(ruta: Path) -> Path:
    """El mismo libro en «Strict Open XML» (como lo guarda Excel con esa opción): los espacios de
    nombres de SpreadsheetML y de las relaciones de Office (también los tipos de relación) son
    los de Strict; los del paquete (tipos de contenido, relaciones) no cambian."""
    cambios = {b"http://schemas.openxmlformats.org/spreadsheetml/2006/main":
               b"http://purl.oclc.org/ooxml/spreadsheetml/main",
               b"http://schemas.openxmlformats.org/officeDocument/2006/relationships":
               b"http://purl.oclc.org/ooxml/officeDocument/relationships"}

    def estricto(xml: bytes) -> bytes:
        for antes, despues in cambios.items():
            xml = xml.replace(antes, despues)
        return xml

    with zipfile.ZipFile(ruta) as z:
        nombres = [n for n in z.namelist() if n.endswith((".xml", ".rels"))]
    return reescribir(ruta, {n: estricto for n in nombres})
