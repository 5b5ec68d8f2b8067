"""El paquete .xlsx según OPC (ECMA-376, parte 2): cada parte se halla por las relaciones del
paquete y no por su ruta habitual, y se abre sólo si hace falta.

- ``_rels/.rels`` → la relación ``officeDocument`` da el libro (en cualquier ruta y nombre);
- las relaciones del libro (``<carpeta>/_rels/<nombre>.rels``) dan cada hoja (por su ``r:id``),
  los textos compartidos y los estilos;
- un destino se resuelve contra la parte de origen (relativo, absoluto, con ``..`` o con
  caracteres codificados ``%20``), y uno externo (``TargetMode="External"``) no se abre nunca;
- los nombres de parte se comparan sin distinguir mayúsculas (OPC), también los de
  ``[Content_Types].xml``;
- se lee Transitional y Strict (los dos espacios de nombres de SpreadsheetML).

Lo que NO se abre nunca: vínculos externos, dibujos, comentarios, cachés de tablas dinámicas,
temas, propiedades del documento, y las hojas que no se recorren. Cada parte que se abre pasa
por la revisión de su tamaño y de su prólogo (:mod:`.seguridad`) antes de que la vea expat.
"""

from __future__ import annotations

import posixpath
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator
from urllib.parse import unquote

from .estilos import Estilos, leer_estilos
from .recorrido import Hoja, Progreso
from .seguridad import (
    DTD,
    LIMITES,
    PROLOGO_MAXIMO,
    Limites,
    XMLProhibido,
    analizador,
    declara_dtd,
    demasiado_grande,
)
from .textos import TextosCompartidos, leer_textos
from .valores import EPOCA_1900, EPOCA_1904, desescapar

TRANSICIONAL = "http://schemas.openxmlformats.org/"
ESTRICTO = "http://purl.oclc.org/ooxml/"
PRINCIPAL = {TRANSICIONAL + "spreadsheetml/2006/main", ESTRICTO + "spreadsheetml/main"}
"""El espacio de nombres de SpreadsheetML en Transitional y en Strict."""
RELACIONES = {TRANSICIONAL + "officeDocument/2006/relationships",
              ESTRICTO + "officeDocument/relationships"}
"""El de los atributos ``r:id`` y el prefijo de los tipos de relación."""
PAQUETE_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
TIPOS_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
_HOJA_DE = {"worksheet": None, "chartsheet": "una hoja de gráfico",
            "dialogsheet": "una hoja de diálogo", "xlMacrosheet": "una hoja de macros",
            "xlIntlMacrosheet": "una hoja de macros"}
"""Los tipos de relación de una hoja del libro y, salvo la hoja de cálculo, qué es."""
_OTROS_DOCUMENTOS = {"wordprocessingml": "un documento de Word (.docx)",
                     "presentationml": "una presentación de PowerPoint (.pptx)",
                     "sheet.binary": "un libro binario de Excel (.xlsb)"}
TROZO = 128 * 1024


class NoEsLibro(ValueError):
    """El zip no es un libro .xlsx que se pueda leer; el mensaje (en castellano) dice por qué y qué
    hacer."""


@dataclass(frozen=True)
class DatosHoja:
    titulo: str
    parte: str | None
    """Entrada del zip de la hoja, o ``None`` si no se puede leer (entonces :attr:`problema`)."""
    estado: str = "visible"
    """'visible', 'hidden' o 'veryHidden'."""
    problema: str | None = None


def tipo_de_relacion(tipo: str) -> str:
    """'http://.../relationships/worksheet' → 'worksheet' (Transitional, Strict o Microsoft)."""
    return tipo.rpartition("/")[2]


class Paquete:
    """Un libro abierto: sus hojas de cálculo (:attr:`hojas`), las demás hojas (:attr:`otras`:
    título → qué son), estilos y textos compartidos. ``paquete.hoja(titulo)`` da la hoja para
    recorrerla una vez."""

    def __init__(self, ruta: Path, limites: Limites = LIMITES):
        self.ruta = ruta
        self.limites = limites
        self.zip = zipfile.ZipFile(ruta)
        try:
            self._entradas: dict[str, zipfile.ZipInfo] = {}
            for info in self.zip.infolist():
                self._entradas.setdefault(info.filename.replace("\\", "/").lower(), info)
            self._leer()
        except BaseException:
            self.zip.close()
            raise

    # --- Partes -----------------------------------------------------------------------------------

    def entrada(self, parte: str) -> zipfile.ZipInfo | None:
        """La entrada del zip de un nombre de parte (sin la barra inicial), sin distinguir
        mayúsculas; si no está, la del nombre con sus ``%XX`` decodificados."""
        info = self._entradas.get(parte.lower())
        if info is None and "%" in parte:
            info = self._entradas.get(unquote(parte).lower())
        return info

    def trozos(self, parte: str, limite: int | None = None) -> Iterator[bytes]:
        """Los bytes de una parte, por trozos: antes, su tamaño declarado frente al límite
        (``bytes_xml`` salvo que se diga otro) y su prólogo frente a un DTD."""
        info = self.entrada(parte)
        if info is None:
            raise NoEsLibro(f"{self.ruta} no se puede leer como libro .xlsx: le falta la parte "
                            f"{parte} (libro dañado). Ábralo en Excel y guárdelo de nuevo.")
        limite = self.limites.bytes_xml if limite is None else limite
        if info.file_size > limite:
            que = "hoja" if limite == self.limites.bytes_hoja else "parte XML"
            raise NoEsLibro(demasiado_grande(self.ruta, info, limite, que).mensaje)
        with self.zip.open(info) as f:
            datos = f.read(TROZO)
            if declara_dtd(datos[:PROLOGO_MAXIMO]):
                raise XMLProhibido(f"{info.filename} {DTD}")
            while datos:
                yield datos
                datos = f.read(TROZO)

    def _analizar(self, parte: str, inicio: Callable) -> None:
        p = analizador()
        p.StartElementHandler = inicio
        for datos in self.trozos(parte):
            p.Parse(datos, False)
        p.Parse(b"", True)

    def relaciones(self, origen: str) -> dict[str, tuple[str, str | None]]:
        """Las relaciones de la parte ``origen`` ("" es el paquete): Id → (tipo, parte destino
        o ``None`` si es externa). Sin su parte de relaciones, ninguna."""
        carpeta, nombre = posixpath.split(origen)
        rels = posixpath.join(carpeta, "_rels", nombre + ".rels")
        resultado: dict[str, tuple[str, str | None]] = {}
        if self.entrada(rels) is None:
            return resultado

        def inicio(elemento: str, a: dict) -> None:
            if elemento != PAQUETE_RELS + " Relationship" or "Id" not in a:
                return
            if len(resultado) >= self.limites.miembros_zip:
                raise NoEsLibro(f"{self.ruta}: {rels} tiene más de "
                                f"{self.limites.miembros_zip:,} relaciones. No se lee.")
            destino = a.get("Target", "").partition("#")[0]
            if a.get("TargetMode") == "External":
                resultado.setdefault(a["Id"], (a.get("Type", ""), None))
                return
            destino = posixpath.normpath(posixpath.join("/" + carpeta, destino)).lstrip("/")
            resultado.setdefault(a["Id"], (a.get("Type", ""), destino))

        self._analizar(rels, inicio)
        return resultado

    def _tipos(self) -> dict[str, str]:
        """``[Content_Types].xml``: nombre de parte (o ``.extensión``) en minúsculas → tipo."""
        tipos: dict[str, str] = {}
        if self.entrada("[Content_Types].xml") is None:
            return tipos

        def inicio(elemento: str, a: dict) -> None:
            if len(tipos) >= self.limites.miembros_zip:
                return
            if elemento == TIPOS_NS + " Override" and "PartName" in a:
                tipos.setdefault(unquote(a["PartName"]).lstrip("/").lower(),
                                 a.get("ContentType", ""))
            elif elemento == TIPOS_NS + " Default" and "Extension" in a:
                tipos.setdefault("." + a["Extension"].lower(), a.get("ContentType", ""))

        self._analizar("[Content_Types].xml", inicio)
        return tipos

    # --- El libro ---------------------------------------------------------------------------------

    def _leer(self) -> None:
        tipos = self._tipos()
        libro = next((p for t, p in self.relaciones("").values()
                      if tipo_de_relacion(t) == "officeDocument" and p), None)
        if libro is None:  # sin relación: el libro que declaren los tipos de contenido
            libro = next((p for p, t in tipos.items()
                          if not p.startswith(".") and t.endswith(".main+xml")), None)
        tipo = "" if libro is None else tipos.get(unquote(libro).lower(), tipos.get(
            "." + libro.rpartition(".")[2].lower(), ""))
        otro = next((que for clave, que in _OTROS_DOCUMENTOS.items() if clave in tipo), None)
        if libro is not None and libro.lower().endswith(".bin"):
            otro = _OTROS_DOCUMENTOS["sheet.binary"]
        if otro or libro is None or self.entrada(libro) is None:
            raise NoEsLibro(
                f"{self.ruta} no se puede leer como libro .xlsx: es "
                + (otro or "un zip que no contiene un libro de Excel (¿un documento de otro "
                   "programa?)") + ". Ábralo en su programa y guárdelo como Libro de Excel .xlsx.")
        hojas: list[tuple[str, str, str | None]] = []
        fecha1904 = False
        raiz: list[str] = []
        cuantas = 0

        def inicio(elemento: str, a: dict) -> None:
            nonlocal fecha1904, cuantas
            uri, _, local = elemento.rpartition(" ")
            if not raiz:
                raiz.append(elemento)
                if uri not in PRINCIPAL or local != "workbook":
                    raise NoEsLibro(f"{self.ruta} no se puede leer como libro .xlsx: su parte "
                                    f"{libro} no es un libro de Excel.")
            elif uri not in PRINCIPAL:
                return
            elif local == "sheet":
                cuantas += 1  # se cuentan todas; se guardan las del límite
                if cuantas > self.limites.hojas:
                    return
                rid = next((v for k, v in a.items() if k.rpartition(" ")[0] in RELACIONES
                            and k.endswith(" id")), None)
                hojas.append((desescapar(a.get("name", "")), a.get("state", "visible"), rid))
            elif local == "workbookPr":
                fecha1904 = a.get("date1904", "false").strip() in ("1", "true")

        self._analizar(libro, inicio)
        if cuantas > self.limites.hojas:
            raise NoEsLibro(f"{self.ruta} tiene {cuantas:,} hojas; la plantilla tiene seis "
                            f"(límite {self.limites.hojas}). No se lee.")
        self.epoca = EPOCA_1904 if fecha1904 else EPOCA_1900
        relaciones = self.relaciones(libro)
        self.hojas: list[DatosHoja] = []
        self.otras: dict[str, str] = {}
        for titulo, estado, rid in hojas:
            tipo, parte = relaciones.get(rid or "", ("", None))
            que = tipo_de_relacion(tipo)
            if que in _HOJA_DE and _HOJA_DE[que] is not None:
                self.otras.setdefault(titulo, _HOJA_DE[que])
                continue
            problema = None
            if tipo and parte is None:
                problema = "apunta a un archivo fuera del libro (vínculo externo): no se lee"
            elif parte is None or self.entrada(parte) is None:
                problema = "no tiene su parte en el zip (libro dañado)"
            elif que != "worksheet":
                problema = f"no es una hoja de cálculo (su relación es de tipo {que!r})"
            self.hojas.append(DatosHoja(titulo, None if problema else parte, estado, problema))
        self.estilos, self.textos = Estilos(), TextosCompartidos()
        for tipo, parte in relaciones.values():
            que = tipo_de_relacion(tipo)
            if parte is None or self.entrada(parte) is None:
                continue
            if que == "styles" and not self.estilos.formatos:
                self.estilos = leer_estilos(self.trozos(parte))
            elif que == "sharedStrings" and not len(self.textos):
                self.textos = leer_textos(self.trozos(parte))

    # --- Lo que usan los demás --------------------------------------------------------------------

    @property
    def titulos(self) -> list[str]:
        """Nombres de las hojas de cálculo, en el orden del libro."""
        return [h.titulo for h in self.hojas]

    def hoja(self, titulo: str, progreso: Progreso | None = None) -> Hoja:
        """La hoja ``titulo`` (la primera con ese nombre), para recorrerla una vez."""
        datos = next(h for h in self.hojas if h.titulo == titulo)
        if datos.parte is None:
            return Hoja(titulo, None, self.textos, self.estilos, self.limites, self.epoca,
                        progreso, problema=f"La hoja {titulo!r} {datos.problema}. Ábrala en "
                                           "Excel y guarde el libro de nuevo como .xlsx.")
        parte = datos.parte
        return Hoja(titulo, lambda: self.trozos(parte, self.limites.bytes_hoja), self.textos,
                    self.estilos, self.limites, self.epoca, progreso)

    def cerrar(self) -> None:
        self.zip.close()
