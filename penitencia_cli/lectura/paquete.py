"""El paquete .xlsx según OPC (ECMA-376, parte 2): el libro por la relación ``officeDocument``, y
hojas, textos compartidos y estilos por las relaciones del libro (destinos relativos, absolutos,
con ``..`` o ``%XX``; los externos nunca se abren); nombres de parte sin distinguir mayúsculas;
Transitional y Strict. Sólo se abre lo que el cálculo necesita, y cada parte pasa antes por la
revisión de su tamaño y de su prólogo (:mod:`.seguridad`).
"""

from __future__ import annotations

import posixpath
import zipfile
from pathlib import Path
from typing import Iterator
from urllib.parse import unquote

from .estilos import Estilos, leer_estilos
from .recorrido import ESPACIOS, Hoja, Progreso
from .seguridad import DTD, LIMITES, PROLOGO_MAXIMO, Limites, NoEsLibro, XMLProhibido
from .seguridad import analizar, declara_dtd, demasiado_grande
from .textos import TextosCompartidos, leer_textos
from .valores import EPOCA_1900, EPOCA_1904, desescapar

RELACIONES = {"http://schemas.openxmlformats.org/officeDocument/2006/relationships",
              "http://purl.oclc.org/ooxml/officeDocument/relationships"}
"""El espacio de nombres de los atributos ``r:id``, en Transitional y en Strict."""
PAQUETE_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
TIPOS_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
_HOJA_DE = {"chartsheet": "una hoja de gráfico", "dialogsheet": "una hoja de diálogo",
            "xlMacrosheet": "una hoja de macros", "xlIntlMacrosheet": "una hoja de macros"}
"""Las hojas del libro que no son de cálculo, por el tipo de su relación."""
_OTROS_DOCUMENTOS = {"wordprocessingml": "un documento de Word (.docx)",
                     "presentationml": "una presentación de PowerPoint (.pptx)",
                     "sheet.binary": "un libro binario de Excel (.xlsb)"}
TROZO = 128 * 1024


class Paquete:
    """Un libro abierto: sus hojas de cálculo (:attr:`hojas`: título → su parte o, si no se puede
    leer, por qué), las demás hojas (:attr:`otras`: título → qué son), estilos y textos
    compartidos. ``paquete.hoja(titulo)`` da la hoja para recorrerla una vez."""

    def __init__(self, ruta: Path, limites: Limites = LIMITES):
        self.ruta = ruta
        self.limites = limites
        self.zip = zipfile.ZipFile(ruta)
        try:
            self._entradas: dict[str, zipfile.ZipInfo] = {}
            for i in self.zip.infolist():  # nombre de parte sin barra inicial → su entrada
                self._entradas.setdefault(i.filename.replace("\\", "/").lstrip("/").lower(), i)
            self._leer()
        except BaseException:
            self.zip.close()
            raise

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
            externa = a.get("TargetMode") == "External"  # nunca se abre
            destino = a.get("Target", "").partition("#")[0].replace("\\", "/")
            destino = posixpath.normpath(posixpath.join("/" + carpeta, destino)).lstrip("/")
            resultado.setdefault(a["Id"], (a.get("Type", ""), None if externa else destino))

        analizar(self.trozos(rels), inicio)
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

        analizar(self.trozos("[Content_Types].xml"), inicio)
        return tipos

    def _leer(self) -> None:
        tipos = self._tipos()
        libro = next((p for t, p in self.relaciones("").values()
                      if t.endswith("/officeDocument") and p), None)
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
        hojas: list[tuple[str, str | None]] = []
        fecha1904 = False
        raiz: list[str] = []
        cuantas = 0

        def inicio(elemento: str, a: dict) -> None:
            nonlocal fecha1904, cuantas
            uri, _, local = elemento.rpartition(" ")
            if not raiz:
                raiz.append(elemento)
                if uri not in ESPACIOS or local != "workbook":
                    raise NoEsLibro(f"{self.ruta} no se puede leer como libro .xlsx: su parte "
                                    f"{libro} no es un libro de Excel.")
            elif uri not in ESPACIOS:
                return
            elif local == "sheet":
                cuantas += 1  # se cuentan todas; se guardan las del límite
                if cuantas > self.limites.hojas:
                    return
                rid = next((v for k, v in a.items() if k.rpartition(" ")[0] in RELACIONES
                            and k.endswith(" id")), None)
                hojas.append((desescapar(a.get("name", "")), rid))
            elif local == "workbookPr":
                fecha1904 = a.get("date1904", "false").strip() in ("1", "true")

        analizar(self.trozos(libro), inicio)
        if cuantas > self.limites.hojas:
            raise NoEsLibro(f"{self.ruta} tiene {cuantas:,} hojas; la plantilla tiene seis "
                            f"(límite {self.limites.hojas}). No se lee.")
        self.epoca = EPOCA_1904 if fecha1904 else EPOCA_1900
        relaciones = self.relaciones(libro)
        self.hojas: dict[str, tuple[str | None, str | None]] = {}
        self.otras: dict[str, str] = {}
        for titulo, rid in hojas:
            tipo, parte = relaciones.get(rid or "", ("", None))
            que = tipo.rpartition("/")[2]  # el tipo de relación: worksheet, chartsheet...
            if _HOJA_DE.get(que):
                self.otras.setdefault(titulo, _HOJA_DE[que])
            elif tipo and parte is None:
                self.hojas.setdefault(titulo, (None, "apunta a un archivo fuera del libro "
                                                     "(vínculo externo): no se lee"))
            elif parte is None or self.entrada(parte) is None:
                self.hojas.setdefault(titulo, (None, "no tiene su parte en el zip (libro dañado)"))
            elif que != "worksheet":
                self.hojas.setdefault(titulo, (None, f"no es una hoja de cálculo (su relación es "
                                                     f"de tipo {que!r})"))
            else:
                self.hojas.setdefault(titulo, (parte, None))
        self.estilos, self.textos = Estilos(), TextosCompartidos()
        for tipo, parte in relaciones.values():
            if parte is None or self.entrada(parte) is None:
                continue
            if tipo.endswith("/styles") and not self.estilos.formatos:
                self.estilos = leer_estilos(self.trozos(parte))
            elif tipo.endswith("/sharedStrings") and not len(self.textos):
                self.textos = leer_textos(self.trozos(parte))

    @property
    def titulos(self) -> list[str]:
        """Nombres de las hojas de cálculo, en el orden del libro."""
        return list(self.hojas)

    def hoja(self, titulo: str, progreso: Progreso | None = None) -> Hoja:
        """La hoja ``titulo`` (la primera con ese nombre), para recorrerla una vez."""
        parte, problema = self.hojas[titulo]
        return Hoja(titulo, self, parte, progreso, problema and (
            f"La hoja {titulo!r} {problema}. Ábrala en Excel y guarde el libro de nuevo."))

    def cerrar(self) -> None:
        self.zip.close()
