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
