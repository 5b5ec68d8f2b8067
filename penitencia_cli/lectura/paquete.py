"""El paquete .xlsx: abre el zip una vez (tras las revisiones de :mod:`.seguridad`), lee lo que el
cálculo necesita y nada más, y da cada hoja para recorrerla (:class:`~.recorrido.Hoja`).

Lo que se lee, como openpyxl: ``[Content_Types].xml`` (dónde están el libro y los textos
compartidos), el libro (nombres, estado y ``r:id`` de las hojas, ``date1904``), sus relaciones
(la parte de cada hoja, con destinos relativos o absolutos), ``xl/styles.xml`` y los textos
compartidos. Lo que NO se abre nunca: vínculos externos, dibujos, comentarios, cachés de tablas
dinámicas, configuración de impresora, temas, propiedades del documento, y las hojas que no se
recorren. Un vínculo externo de 62 MiB no cuesta nada.
"""

from __future__ import annotations

import posixpath
import zipfile
from dataclasses import dataclass
from pathlib import Path

from .estilos import Estilos, leer_estilos
from .recorrido import Hoja, Progreso
from .seguridad import LIMITES, Limites, analizador
from .textos import TextosCompartidos, leer_textos
from .valores import EPOCA_1900, EPOCA_1904

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
ESTRICTO = "http://purl.oclc.org/ooxml/spreadsheetml/main"
"""El espacio de nombres de «Strict Open XML», otra forma de .xlsx que Excel sabe guardar."""
REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
CONTYPES_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
_LIBRO = "application/vnd.openxmlformats-officedocument.spreadsheetml.%s.main+xml"
_LIBRO_MACROS = "application/vnd.ms-excel.%s.macroEnabled.main+xml"
TIPOS_LIBRO = [_LIBRO_MACROS % "template", _LIBRO % "template", _LIBRO_MACROS % "sheet",
               _LIBRO % "sheet"]
"""En el orden en que openpyxl los busca (XLTM, XLTX, XLSM, XLSX)."""
TIPO_TEXTOS = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
ESTILOS = "xl/styles.xml"
TROZO = 128 * 1024


@dataclass(frozen=True)
class DatosHoja:
    titulo: str
    parte: str
    """Nombre de la parte de la hoja en el zip (``xl/worksheets/sheet1.xml``)."""
    estado: str
    """'visible', 'hidden' o 'veryHidden'."""


def _recorrer(z: zipfile.ZipFile, nombre: str, inicio, fin=None) -> None:
    """Analiza una parte pequeña con expat, por trozos, llamando a ``inicio(nombre, atributos)``."""
    p = analizador()
    p.StartElementHandler = inicio
    if fin is not None:
        p.EndElementHandler = fin
    with z.open(nombre) as f:
        while datos := f.read(TROZO):
            p.Parse(datos, False)
    p.Parse(b"", True)


def _bool(valor: str | None) -> bool | None:
    """Un atributo lógico como lo convierte openpyxl ('false', 'f', '0' → False)."""
    if valor is None:
        return None
    return False if valor in ("false", "f", "0") else bool(valor)


class NoEsLibro(ValueError):
    """El zip no es un libro .xlsx que se pueda leer; el mensaje (en castellano) dice por qué y qué
    hacer."""


class Paquete:
    """Un libro abierto: sus hojas (título, parte, estado), estilos y textos compartidos.
    ``paquete.hoja(titulo)`` da la hoja para recorrerla una vez."""

    def __init__(self, ruta: Path, limites: Limites = LIMITES):
        self.ruta = ruta
        self.limites = limites
        self.zip = zipfile.ZipFile(ruta)
        try:
            self._leer()
        except BaseException:
            self.zip.close()
            raise

    def _leer(self) -> None:
        z = self.zip
        nombres = set(z.namelist())
        libro, textos = self._tipos(z)
        # El libro: hojas en orden, su estado y r:id; date1904.
        hojas: list[tuple[str, str, str | None]] = []
        propiedades: dict = {}
        raiz: list[str] = []
        sheet, workbook_pr = MAIN + " sheet", MAIN + " workbookPr"

        def inicio_libro(nombre, atributos):
            if not raiz:  # el elemento raíz
                raiz.append(nombre)
                if nombre.startswith(ESTRICTO + " "):
                    raise NoEsLibro(
                        f"{self.ruta} está guardado como «Hoja de cálculo Strict Open XML», una "
                        "forma de .xlsx que no se lee. Ábralo en Excel y guárdelo como Libro de "
                        "Excel .xlsx.")
            if nombre == sheet:
                hojas.append((atributos.get("name"), atributos.get("state", "visible"),
                              atributos.get(REL_NS + " id")))
            elif nombre == workbook_pr:
                propiedades.update(atributos)

        _recorrer(z, libro, inicio_libro)
        self.fecha1904 = bool(_bool(propiedades.get("date1904")))
        self.epoca = EPOCA_1904 if self.fecha1904 else EPOCA_1900
        # Relaciones del libro: r:id → (tipo, parte).
        carpeta, archivo = posixpath.split(libro)
        relaciones: dict[str, tuple[str, str]] = {}
        base = posixpath.split(posixpath.join(carpeta, "_rels"))[0]
        relacion = PKG_REL_NS + " Relationship"

        def inicio_rels(nombre, atributos):
            if nombre != relacion:
                return
            destino = atributos.get("Target", "")
            if atributos.get("TargetMode") != "External":
                if destino.startswith("/"):
                    destino = destino[1:]
                else:
                    destino = posixpath.normpath(posixpath.join(base, destino))
            relaciones[atributos.get("Id")] = (atributos.get("Type", ""), destino)

        _recorrer(z, posixpath.join(carpeta, "_rels", archivo + ".rels"), inicio_rels)
        self.hojas: list[DatosHoja] = []
        for titulo, estado, rid in hojas:
            if not rid:
                continue  # openpyxl la quita con un aviso
            if rid not in relaciones:
                raise NoEsLibro(f"{self.ruta} no se puede leer como libro .xlsx: la hoja {titulo!r} "
                                "no tiene su parte en el zip (libro dañado). Ábralo en Excel y "
                                "guárdelo de nuevo como Libro de Excel .xlsx.")
            tipo, parte = relaciones[rid]
            if parte not in nombres or "chartsheet" in tipo:
                continue
            self.hojas.append(DatosHoja(titulo, parte, estado))
        if len(self.hojas) > self.limites.hojas:
            raise NoEsLibro(f"{self.ruta} tiene {len(self.hojas):,} hojas; la plantilla tiene seis "
                            f"(límite {self.limites.hojas}). No se lee.")
        self.estilos = Estilos()
        if ESTILOS in nombres:
            with z.open(ESTILOS) as f:
                self.estilos = leer_estilos(f)
        self.textos = TextosCompartidos()
        if textos is not None:
            self.textos = leer_textos(lambda: z.open(textos))

    def _tipos(self, z: zipfile.ZipFile) -> tuple[str, str | None]:
        """Las partes del libro y de los textos compartidos, según ``[Content_Types].xml``."""
        override, default = CONTYPES_NS + " Override", CONTYPES_NS + " Default"
        partes: list[tuple[str, str]] = []
        por_omision: set[str] = set()

        def inicio(nombre, atributos):
            if nombre == override:
                partes.append((atributos.get("ContentType"), atributos.get("PartName", "")))
            elif nombre == default:
                por_omision.add(atributos.get("ContentType"))

        _recorrer(z, "[Content_Types].xml", inicio)
        libro = next((p for tipo in TIPOS_LIBRO for t, p in partes if t == tipo), None)
        if libro is None:
            if not por_omision & set(TIPOS_LIBRO):
                raise NoEsLibro(
                    f"{self.ruta} no se puede leer como libro .xlsx: es un zip que no contiene un "
                    "libro de Excel (¿un documento de otro programa?). Ábralo en su programa y "
                    "guárdelo como Libro de Excel .xlsx.")
            libro = "/xl/workbook.xml"
        textos = next((p for t, p in partes if t == TIPO_TEXTOS), None)
        return libro[1:], (textos[1:] if textos else None)

    # --- Lo que usan los demás ------------------------------------------------------------------

    @property
    def titulos(self) -> list[str]:
        """Nombres de las hojas, en el orden del libro."""
        return [h.titulo for h in self.hojas]

    def hoja(self, titulo: str, progreso: Progreso | None = None) -> Hoja:
        """La hoja ``titulo`` (la primera con ese nombre), para recorrerla una vez."""
        datos = next((h for h in self.hojas if h.titulo == titulo), None)
        if datos is None:
            raise KeyError(f"Worksheet {titulo} does not exist.")
        return Hoja(datos.titulo, lambda: self.zip.open(datos.parte), self.textos,
                    self.estilos, self.limites, self.epoca, progreso)

    def cerrar(self) -> None:
        self.zip.close()
