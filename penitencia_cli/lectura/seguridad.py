"""Defensas ante libros rotos u hostiles (``docs/entrada.md``): los límites de lectura, lo que se
mira del archivo y del zip ANTES de leer nada, el XML seguro por construcción y la vigilancia de
cada hoja mientras se recorre.

XML seguro por construcción (sin defusedxml): ninguna parte se lee si declara un DTD o entidades.
Se mira dos veces: en los bytes del prólogo de cada parte, antes de leer nada (:func:`declara_dtd`:
un DOCTYPE sólo puede ir antes del elemento raíz), y en el analizador expat (:func:`analizador`),
con manejadores que rechazan la declaración de tipo de documento, toda entidad declarada y toda
entidad externa. Nunca se expande una entidad: sin DTD, expat sólo conoce las cinco predefinidas.

Los límites viajan en un :class:`Limites` (``leer_libro(ruta, limites=...)``): las pruebas pasan
uno pequeño en vez de cambiar constantes de módulo.
"""

from __future__ import annotations

import re
import stat
import zipfile
from dataclasses import dataclass
from pathlib import Path
from xml.parsers import expat

from ..errores import ErrorDeDatos
from ..modelos import Problema


@dataclass(frozen=True)
class Limites:
    """Límites de lectura. Se comprueban con lo que declara el zip antes de leer nada, y hoja por
    hoja mientras se recorre. Un libro real de la plantilla queda muy por debajo de todos."""

    miembros_zip: int = 1_000
    """Archivos dentro del zip (un libro de la plantilla tiene unos 15)."""
    bytes_descomprimidos: int = 2 * 2**30
    """Suma de los tamaños descomprimidos que declara el zip (la muestra: 115 KB; 100 000
    indicadores con 12 años: unos 180 MB)."""
    bytes_xml: int = 64 * 2**20
    """Tamaño descomprimido de cada parte XML que no es una hoja (textos compartidos, estilos,
    workbook...). Se leen por trozos; los textos compartidos se guardan en bloques."""
    bytes_hoja: int = 512 * 2**20
    """Tamaño descomprimido de cada hoja. Las hojas se recorren fila por fila (100 000 indicadores
    con 12 años ocupan unos 60 MB por hoja), y lo que se arma en memoria de una vez lo acota
    :attr:`etiquetas_fila`."""
    etiquetas_fila: int = 50_000
    """Etiquetas XML entre dos límites de fila de una hoja (un fin de fila o el comienzo de otra):
    cada fila se arma entera antes de entregarla; esta guardia la corta en los bytes, antes de
    analizarla. Una fila de la plantilla con 1 000 columnas usa unas 8 000."""
    razon_compresion: int = 100
    """Razón descomprimido/comprimido máxima de un miembro mayor que :attr:`min_bytes_razon`."""
    min_bytes_razon: int = 2**20
    """Los miembros pequeños pueden comprimirse mucho sin peligro: la razón se mira desde aquí."""
    hojas: int = 100
    """Hojas del libro (la plantilla tiene seis y sus instrucciones)."""
    filas: int = 200_000
    """Número de fila de Excel máximo de una fila CON DATOS (una fila vacía con formato, como la
    1 048 576 de una hoja a la que se dio formato por columnas, no cuenta): el doble de la mayor
    matriz que medimos (100 000 indicadores; ver benchmarks/README.md)."""
    columnas: int = 1_000
    """Columnas con datos por hoja (una por año alcanza de sobra)."""
    texto: int = 32_767
    """Caracteres de una celda: el máximo que admite Excel."""


LIMITES = Limites()
"""Los límites por omisión."""


def revisar_archivo(ruta: Path, limites: Limites = LIMITES) -> None:
    """Antes de abrir el libro: que exista, sea un archivo con algo, no sea un .xls antiguo (OLE)
    y sea un zip sano según :func:`revisar_zip`. Lanza :class:`ErrorDeDatos`."""
    if not ruta.exists():
        raise ErrorDeDatos([Problema(mensaje=f"No existe el archivo {ruta}.")])
    if ruta.is_dir():
        raise ErrorDeDatos([Problema(mensaje=f"{ruta} es una carpeta, no un libro .xlsx.")])
    if not stat.S_ISREG(ruta.stat().st_mode):  # /dev/zero crecería sin fin; una tubería, espera
        raise ErrorDeDatos([Problema(mensaje=(
            f"{ruta} no es un archivo común (es un dispositivo, una tubería o un socket): guarde "
            "el libro en un archivo .xlsx y páselo con su ruta."))])
    with open(ruta, "rb") as f:
        cabecera = f.read(8)
    if not cabecera:
        raise ErrorDeDatos([Problema(mensaje=f"El archivo {ruta} está vacío.")])
    if cabecera.startswith(b"\xd0\xcf\x11\xe0"):
        raise ErrorDeDatos([Problema(mensaje=(
            f"{ruta} es un libro de Excel antiguo (.xls) o protegido con contraseña. "
            "Ábralo en Excel y guárdelo como .xlsx sin contraseña."))])
    if not zipfile.is_zipfile(ruta):
        raise ErrorDeDatos([Problema(mensaje=(
            f"{ruta} no es un libro de Excel .xlsx (no es un archivo zip)."))])
    problemas = revisar_zip(ruta, limites)
    if problemas:
        raise ErrorDeDatos(problemas)


def revisar_zip(ruta: Path, limites: Limites = LIMITES) -> list[Problema]:
    """Lo que el zip declara, ANTES de descomprimir nada: cantidad de miembros, tamaños,
    razones de compresión y métodos. Una bomba zip se rechaza aquí, en milisegundos.

    El tamaño declarado también acota lo que ``zipfile`` entrega al leer (corta ahí y falla
    la suma de control), así que un zip que miente sobre su tamaño no pasa de este límite.
    """
    try:
        with zipfile.ZipFile(ruta) as z:
            miembros = z.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError,
            NotImplementedError) as exc:
        return [Problema(mensaje=f"{ruta} es un zip dañado; no se puede leer como libro .xlsx "
                                 f"({exc}).")]
    problemas: list[Problema] = []
    nombres = {m.filename for m in miembros}
    if "mimetype" in nombres and "xl/workbook.xml" not in nombres:
        with zipfile.ZipFile(ruta) as z:
            try:
                tipo = z.read("mimetype")[:200]
            except Exception:
                tipo = b""
        if tipo.startswith(b"application/vnd.oasis.opendocument"):
            return [Problema(mensaje=(
                f"{ruta} es un documento OpenDocument (.ods, de LibreOffice o Calc) con otra "
                "extensión, no un libro .xlsx. Ábralo en LibreOffice o Excel y guárdelo como "
                "Libro de Excel .xlsx."))]

    def muchas_hojas(n: int) -> Problema:
        return Problema(mensaje=(f"{ruta} tiene {n:,} hojas; la plantilla tiene seis (límite "
                                 f"{limites.hojas}). No se lee."))

    hojas = sum(m.filename.startswith("xl/worksheets/") and m.filename.endswith(".xml")
                for m in miembros)
    if hojas > limites.hojas:
        return [muchas_hojas(hojas)]
    if len(miembros) > limites.miembros_zip:
        return [Problema(mensaje=(
            f"{ruta} contiene {len(miembros):,} archivos internos; un libro de la plantilla tiene "
            f"unas decenas (límite {limites.miembros_zip:,}). No se lee."))]
    libro = next((m for m in miembros if m.filename == "xl/workbook.xml"), None)
    if libro is not None and libro.file_size <= limites.bytes_xml:
        # Varias hojas del libro pueden apuntar a la misma parte: se cuentan también aquí.
        # (Leerla es seguro: zipfile no entrega más que el tamaño declarado.)
        with zipfile.ZipFile(ruta) as z:
            try:
                declaradas = len(re.findall(rb"<(?:\w+:)?sheet[\s/>]", z.read(libro)))
            except Exception:  # zip dañado: se dirá al abrirlo
                declaradas = 0
        if declaradas > limites.hojas:
            problemas.append(muchas_hojas(declaradas))
    problemas.extend(_partes_con_dtd(ruta, miembros))
    total = 0
    for m in miembros:
        total += m.file_size
        if m.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            problemas.append(Problema(mensaje=(
                f"{ruta}: {m.filename} usa un método de compresión que Excel no usa "
                f"({m.compress_type}). No se lee.")))
        elif (m.file_size > limites.min_bytes_razon
              and m.file_size > limites.razon_compresion * max(m.compress_size, 1)):
            problemas.append(Problema(mensaje=(
                f"{ruta}: {m.filename} se infla de {m.compress_size:,} a {m.file_size:,} bytes "
                f"(razón {m.file_size // max(m.compress_size, 1):,}, límite "
                f"{limites.razon_compresion}): parece una bomba zip. No se lee.")))
        elif m.filename.lower().endswith((".xml", ".rels")) and m.file_size > (
                limite := _limite_parte(m.filename, limites)):
            problemas.append(Problema(mensaje=(
                f"{ruta}: {m.filename} ocupa {m.file_size:,} bytes descomprimido (límite "
                f"{limite:,} por {'hoja' if limite == limites.bytes_hoja else 'parte XML'}). "
                "No se lee.")))
    if total > limites.bytes_descomprimidos:
        problemas.append(Problema(mensaje=(
            f"{ruta} ocupa {total:,} bytes descomprimido (límite "
            f"{limites.bytes_descomprimidos:,}). No se lee.")))
    return problemas


PROLOGO_MAXIMO = 64 * 1024
"""Bytes del comienzo de cada parte XML en los que se busca un DTD (un prólogo real ocupa unos
cien: la declaración XML y, a lo sumo, un comentario)."""

_DTD = ("declara entidades o referencias XML (DTD), algo que Excel nunca escribe; por seguridad "
        "no se procesa")


def declara_dtd(inicio: bytes) -> bool:
    """¿El prólogo de este XML (sus primeros bytes) declara un DOCTYPE o una ENTITY? Un DTD sólo
    puede ir antes del elemento raíz: se salta la declaración XML, instrucciones y comentarios y
    se mira lo primero que queda. Entiende UTF-8 y UTF-16 (con o sin BOM)."""
    texto = None
    if inicio.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in inicio[:4]:
        for codificacion in ("utf-16", "utf-16-le", "utf-16-be"):
            try:
                texto = inicio[: len(inicio) // 2 * 2].decode(codificacion)
                break
            except UnicodeDecodeError:
                continue
    if texto is None:
        texto = inicio.decode("utf-8", errors="replace")
    i = 0
    while True:
        i = texto.find("<", i)
        if i < 0:
            return "<!" in texto  # prólogo cortado: ante la duda, sólo si asoma una declaración
        if texto.startswith("<?", i):
            fin = texto.find("?>", i)
        elif texto.startswith("<!--", i):
            fin = texto.find("-->", i)
        else:
            return texto.startswith("<!", i)
        if fin < 0:
            return False
        i = fin + 2


def _partes_con_dtd(ruta: Path, miembros: list[zipfile.ZipInfo]) -> list[Problema]:
    """Partes XML cuyo prólogo declara un DTD («billion laughs», XXE): se rechazan mirando los
    bytes, antes de que ningún analizador las lea (con o sin defusedxml, con o sin lxml)."""
    problemas = []
    with zipfile.ZipFile(ruta) as z:
        for m in miembros:
            if not m.filename.lower().endswith((".xml", ".rels")):
                continue
            try:
                with z.open(m) as f:
                    inicio = f.read(PROLOGO_MAXIMO)
            except Exception:  # zip dañado: se informa al abrir el libro
                continue
            if declara_dtd(inicio):
                problemas.append(Problema(mensaje=f"{ruta}: {m.filename} {_DTD}. No se lee."))
    return problemas


def _limite_parte(nombre: str, limites: Limites) -> int:
    """Tamaño descomprimido máximo de una parte XML del zip: las hojas se leen por filas."""
    if nombre.startswith("xl/worksheets/") and nombre.count("/") == 2:
        return limites.bytes_hoja
    return limites.bytes_xml


def _prohibido(*_args) -> None:
    raise XMLProhibido(_DTD)


def analizador(espacios: bool = True):
    """Un analizador expat (en C) que rechaza DTD y entidades: declaración de tipo de documento,
    entidades declaradas (generales o de parámetro, internas o externas), referencias a entidades
    externas y notaciones. Con ``espacios``, los nombres llegan como ``"espacio local"``."""
    p = expat.ParserCreate(namespace_separator=" ") if espacios else expat.ParserCreate()
    p.StartDoctypeDeclHandler = _prohibido
    p.EntityDeclHandler = _prohibido
    p.UnparsedEntityDeclHandler = _prohibido
    p.NotationDeclHandler = _prohibido
    p.ExternalEntityRefHandler = _prohibido
    p.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    return p


class XMLProhibido(ValueError):
    """Una parte XML declara un DTD o entidades: Excel nunca lo escribe; no se procesa."""


class ErrorDeHoja(Exception):
    """Una hoja no se puede seguir leyendo (límite superado, XML dañado u hostil). ``celda`` es
    la celda o el rango de filas (``"9:9"``) del problema, o ``None``."""

    def __init__(self, mensaje: str, celda: str | None = None):
        self.mensaje = mensaje
        self.celda = celda
        super().__init__(mensaje)


class FilaDesmedida(Exception):
    """Una hoja con más de ``Limites.etiquetas_fila`` etiquetas XML seguidas sin límite de fila."""


class VigilanteDeEtiquetas:
    """Cuenta, en los bytes crudos de una hoja, las etiquetas (``<``) desde el último límite de
    fila (un ``</row>`` o el comienzo de un ``<row``), y corta (:class:`FilaDesmedida`) una fila
    o un elemento desmedido ANTES de analizarlo. Exacto por fila aunque varias filas caigan en el
    mismo trozo. Cuenta con operaciones de bytes en C.

    A diferencia de la guardia anterior (que sólo contaba desde ``</row>``), el comienzo de una fila
    también es un límite: un millón de filas vacías ``<row r=".." s="3"/>`` seguidas no son
    «una fila desmedida». ``prefijo`` y ``codigo``: los de la hoja (``x:`` y UTF-16 se ven)."""

    __slots__ = ("limite", "etiquetas", "cola", "marcas", "largo", "patron")

    def __init__(self, limite: int, prefijo: str = "", codigo: str = "utf-8"):
        self.limite = limite
        self.etiquetas = 0
        self.cola = b""
        p = f"{prefijo}:" if prefijo else ""
        # (marca, desplazamiento del límite desde el comienzo de la marca)
        self.marcas = [(f"</{p}row>".encode(codigo), len(f"</{p}row>".encode(codigo))),
                       (f"<{p}row ".encode(codigo), 0), (f"<{p}row>".encode(codigo), 0)]
        self.largo = max(len(m) for m, _ in self.marcas)
        self.patron = re.compile(b"|".join(re.escape(m) for m, _ in self.marcas))

    def revisar(self, datos: bytes) -> None:
        ventana = self.cola + datos  # una marca puede quedar partida entre dos trozos
        base = len(self.cola)
        primero, ultimo = -1, -1
        for marca, desplazamiento in self.marcas:
            i = ventana.find(marca)
            if i >= 0:
                if primero < 0 or i < primero:
                    primero = i
                j = ventana.rfind(marca) + desplazamiento
                if j > ultimo:
                    ultimo = j
        if primero < 0:
            self.etiquetas += datos.count(b"<")
        else:
            if primero > base:
                self.etiquetas += ventana.count(b"<", base, primero)
            if self.etiquetas > self.limite:
                self._cortar()
            if ultimo > primero and ventana.count(b"<", primero, ultimo) > self.limite:
                # Muchas etiquetas entre el primer y el último límite: fila por fila.
                previo = primero
                for m in self.patron.finditer(ventana, primero, ultimo):
                    if ventana.count(b"<", previo, m.start()) > self.limite + 1:
                        self._cortar()
                    previo = m.start()
            self.etiquetas = ventana.count(b"<", max(ultimo, base))
        self.cola = ventana[-(self.largo - 1):]
        if self.etiquetas > self.limite:
            self._cortar()

    def _cortar(self):
        raise FilaDesmedida(
            f"tiene una fila o un elemento con más de {self.limite:,} etiquetas XML seguidas "
            "(una fila de la plantilla usa unos miles); no es un libro de la plantilla")


def causa_ilegible(exc: BaseException) -> str:
    """Por qué una parte del libro no se pudo leer, en castellano (sin traza)."""
    cadena, actual = [], exc
    while actual is not None and len(cadena) < 10:
        cadena.append(actual)
        actual = actual.__cause__ or actual.__context__
    for e in cadena:
        if isinstance(e, XMLProhibido):
            return _DTD
        if isinstance(e, zipfile.BadZipFile):
            return f"el zip está dañado ({e})"
        if isinstance(e, FilaDesmedida):
            return str(e)
    # expat dice ExpatError; ElementTree (el lector anterior) lo llamaba ParseError.
    nombre = "ParseError" if isinstance(exc, expat.ExpatError) else type(exc).__name__
    detalle = " ".join(str(exc).split())
    if len(detalle) > 160:
        detalle = detalle[:157] + "..."
    return f"contenido dañado o inesperado ({nombre}: {detalle})"
