"""Defensas ante libros rotos u hostiles (docs/lectura.md): los límites de lectura (que viajan en
un :class:`Limites`), lo que se mira del archivo y del zip ANTES de leer nada, y el XML seguro por
construcción: ningún DTD ni entidad, mirado en los bytes del prólogo (:func:`declara_dtd`) y en
expat (:func:`analizador`).
"""

from __future__ import annotations

import stat
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from xml.parsers import expat

from ..errores import ErrorDeDatos
from ..modelos import Problema


@dataclass(frozen=True)
class Limites:
    """Límites de lectura. Se comprueban con lo que declara el zip antes de leer nada, al abrir
    cada parte, y hoja por hoja mientras se recorre. Un libro real queda muy por debajo de todos."""

    miembros_zip: int = 1_000
    """Archivos dentro del zip (un libro de la plantilla tiene unos 15)."""
    bytes_descomprimidos: int = 2 * 2**30
    """Suma de lo que el zip declara descomprimido (100 000 indicadores: unos 180 MB)."""
    bytes_xml: int = 64 * 2**20
    """Cada parte que no es una hoja (textos compartidos, estilos, libro, relaciones...)."""
    bytes_hoja: int = 512 * 2**20
    """Cada hoja y cualquier miembro del zip (100 000 indicadores: unos 60 MB por hoja)."""
    etiquetas_fila: int = 50_000
    """Elementos XML entre dos límites de fila (contados por expat, en cualquier prefijo y
    codificación): acota lo que se arma de una vez. Una fila de 1 000 columnas usa unos 3 000."""
    razon_compresion: int = 100
    """Razón descomprimido/comprimido máxima de un miembro mayor que :attr:`min_bytes_razon`."""
    min_bytes_razon: int = 2**20
    hojas: int = 100
    """Hojas del libro (la plantilla tiene seis y sus instrucciones)."""
    filas: int = 200_000
    """Fila máxima CON DATOS (una vacía con formato, como la 1 048 576, no cuenta)."""
    columnas: int = 1_000
    """Columnas con datos por hoja."""
    texto: int = 32_767
    """Caracteres de una celda: el máximo que admite Excel."""


LIMITES = Limites()
"""Los límites por omisión."""

_CFB = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
"""Firma de un archivo compuesto de Office (CFB/OLE): un .xls, o un .xlsx cifrado con contraseña."""


def _que_ole(ruta: Path) -> str:
    """Qué es un archivo compuesto de Office, por los nombres de sus secuencias (en UTF-16 en su
    directorio; se miran los primeros 8 MiB)."""
    with open(ruta, "rb") as f:
        datos = f.read(8 * 2**20)
    if "EncryptedPackage".encode("utf-16-le") in datos:
        return ("es un libro protegido con contraseña (cifrado): ábralo en Excel, quite la "
                "contraseña (Archivo > Información > Proteger libro) y guárdelo como .xlsx")
    if "Workbook".encode("utf-16-le") in datos or "Book\x00".encode("utf-16-le") in datos:
        return ("es un libro de Excel 97-2003 (.xls): ábralo en Excel y guárdelo como Libro de "
                "Excel .xlsx")
    return ("es un libro de Excel antiguo (.xls) o protegido con contraseña. Ábralo en Excel y "
            "guárdelo como .xlsx sin contraseña")


def _no_es_zip(ruta: Path, cabeza: bytes) -> str:
    """Qué es un archivo que no es un zip, por su primer KiB: la página de descarga guardada en
    lugar del archivo, un texto (un CSV) o un PDF (éste, sólo si llega aquí sin pasar por la capa
    de comandos, que lee el PDF del Anexo B-7)."""
    if b"%PDF-" in cabeza:
        return f"{ruta} no es un libro de Excel .xlsx (no es un archivo zip): es un PDF."
    texto = cabeza.lstrip(b"\xef\xbb\xbf \t\r\n")
    if texto.startswith(b"<"):
        que = ": parece una página web o un XML (¿se guardó la página de descarga?)"
    elif b"\0" not in cabeza:
        que = ": es un archivo de texto (si es un CSV, ábralo en Excel y guárdelo como .xlsx)"
    else:
        que = ""
    return (f"{ruta} no es un libro de Excel .xlsx (no es un archivo zip) ni un PDF{que}. Use el "
            "libro .xlsx de la plantilla o el PDF del Anexo B-7 tal como lo imprime el aplicativo "
            "de CEPLAN.")


def revisar_archivo(ruta: Path, limites: Limites = LIMITES) -> None:
    """Antes de abrir el libro: que sea un archivo común con algo, no uno de Office antiguo o
    cifrado (ni un texto, una página web o un PDF), y un zip sano (:func:`revisar_zip`). Lanza :class:`ErrorDeDatos`."""
    def error(mensaje: str) -> ErrorDeDatos:
        return ErrorDeDatos([Problema(mensaje=mensaje)])

    if not ruta.exists():
        raise error(f"No existe el archivo {ruta}.")
    if ruta.is_dir():
        raise error(f"{ruta} es una carpeta, no un libro .xlsx.")
    if not stat.S_ISREG(ruta.stat().st_mode):  # /dev/zero crecería sin fin; una tubería, espera
        raise error(f"{ruta} no es un archivo común (es un dispositivo, una tubería o un socket): "
                    "guarde el libro en un archivo .xlsx y páselo con su ruta.")
    with open(ruta, "rb") as f:
        cabeza = f.read(1024)
    if not cabeza:
        raise error(f"El archivo {ruta} está vacío.")
    if cabeza.startswith(_CFB):
        raise error(f"{ruta} {_que_ole(ruta)}.")
    if not zipfile.is_zipfile(ruta):
        raise error(_no_es_zip(ruta, cabeza))
    problemas = revisar_zip(ruta, limites)
    if problemas:
        raise ErrorDeDatos(problemas)


def revisar_zip(ruta: Path, limites: Limites = LIMITES) -> list[Problema]:
    """Lo que el zip declara, ANTES de descomprimir nada: miembros, tamaños, razones de compresión
    y métodos (una bomba zip se rechaza aquí, en milisegundos). ``zipfile`` no entrega más que el
    tamaño declarado; el de cada parte según lo que es se mira al abrirla (:mod:`.paquete`)."""
    try:
        with zipfile.ZipFile(ruta) as z:
            miembros = z.infolist()
            tipo = b""
            if "mimetype" in z.namelist():
                with z.open("mimetype") as f:
                    tipo = f.read(100)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, OSError,
            NotImplementedError) as exc:
        return [Problema(mensaje=f"{ruta} es un zip dañado; no se puede leer como libro .xlsx "
                                 f"({type(exc).__name__}).")]
    if tipo.startswith(b"application/vnd.oasis.opendocument"):
        return [Problema(mensaje=(
            f"{ruta} es un documento OpenDocument (.ods, de LibreOffice o Calc) con otra "
            "extensión, no un libro .xlsx. Ábralo en LibreOffice o Excel y guárdelo como "
            "Libro de Excel .xlsx."))]
    if len(miembros) > limites.miembros_zip:
        return [Problema(mensaje=(
            f"{ruta} contiene {len(miembros):,} archivos internos; un libro de la plantilla tiene "
            f"unas decenas (límite {limites.miembros_zip:,}). No se lee."))]
    problemas: list[Problema] = []
    for m in miembros:
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
        elif m.file_size > (tope := max(limites.bytes_hoja, limites.bytes_xml)):
            problemas.append(demasiado_grande(ruta, m, tope, "parte"))
    total = sum(m.file_size for m in miembros)
    if total > limites.bytes_descomprimidos:
        problemas.append(Problema(mensaje=(
            f"{ruta} ocupa {total:,} bytes descomprimido (límite "
            f"{limites.bytes_descomprimidos:,}). No se lee.")))
    return problemas


def demasiado_grande(ruta: Path, miembro: zipfile.ZipInfo, limite: int, que: str) -> Problema:
    return Problema(mensaje=(f"{ruta}: {miembro.filename} ocupa {miembro.file_size:,} bytes "
                             f"descomprimido (límite {limite:,} por {que}). No se lee."))


PROLOGO_MAXIMO = 64 * 1024
"""Bytes del comienzo de cada parte XML en los que se busca un DTD (un prólogo real ocupa unos
cien: la declaración XML y, a lo sumo, un comentario)."""

DTD = ("declara entidades o referencias XML (DTD), algo que Excel nunca escribe; por seguridad "
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


class NoEsLibro(ValueError):
    """El zip no es un libro .xlsx que se pueda leer; el mensaje (en castellano) dice por qué y qué
    hacer."""


class XMLProhibido(ValueError):
    """Una parte XML declara un DTD o entidades: Excel nunca lo escribe; no se procesa."""


def _prohibido(*_args) -> None:
    raise XMLProhibido(DTD)


def analizar(trozos, inicio, fin=None, caracteres=None) -> None:
    """Una parte entera, por trozos, con :func:`analizador` y esos manejadores."""
    p = analizador()
    p.buffer_text = True
    p.StartElementHandler, p.EndElementHandler, p.CharacterDataHandler = inicio, fin, caracteres
    for datos in trozos:
        p.Parse(datos, False)
    p.Parse(b"", True)


def analizador():
    """Un analizador expat (en C) con espacios de nombres (los nombres llegan como ``"espacio
    local"``, sea cual sea el prefijo) que rechaza DTD y entidades: declaración de tipo de
    documento, entidades declaradas (generales o de parámetro, internas o externas), referencias
    a entidades externas y notaciones."""
    p = expat.ParserCreate(namespace_separator=" ")
    p.StartDoctypeDeclHandler = _prohibido
    p.EntityDeclHandler = _prohibido
    p.UnparsedEntityDeclHandler = _prohibido
    p.NotationDeclHandler = _prohibido
    p.ExternalEntityRefHandler = _prohibido
    p.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    return p


class ErrorDeHoja(Exception):
    """Una hoja no se puede seguir leyendo (límite superado, XML dañado u hostil). ``celda`` es
    la celda o el rango de filas (``"9:9"``) del problema, o ``None``."""

    def __init__(self, mensaje: str, celda: str | None = None):
        self.mensaje = mensaje
        self.celda = celda
        super().__init__(mensaje)


_EXPAT = {  # XML_ERROR_... → qué le pasa a la parte
    "SYNTAX": "error de sintaxis", "INVALID_TOKEN": "un carácter o una marca no válidos",
    "UNCLOSED_TOKEN": "termina a mitad de una etiqueta", "NO_ELEMENTS": "se corta o está vacía",
    "TAG_MISMATCH": "una etiqueta que no cierra la que está abierta", "BAD_CHAR_REF":
    "un carácter no válido", "JUNK_AFTER_DOC_ELEMENT": "contenido tras el elemento raíz",
    "UNDEFINED_ENTITY": "una entidad XML desconocida", "DUPLICATE_ATTRIBUTE": "un atributo repetido",
    "UNKNOWN_ENCODING": "una codificación desconocida", "UNBOUND_PREFIX": "un prefijo sin declarar",
    "INCORRECT_ENCODING": "una codificación distinta de la declarada"}


def causa_ilegible(exc: BaseException) -> str:
    """Por qué una parte del libro no se pudo leer, en castellano (sin traza)."""
    cadena, actual = [], exc
    while actual is not None and len(cadena) < 10:
        cadena.append(actual)
        actual = actual.__cause__ or actual.__context__
    for e in cadena:
        if isinstance(e, XMLProhibido):
            return DTD
        if isinstance(e, NoEsLibro):
            return str(e).removesuffix(" No se lee.")
        if isinstance(e, (zipfile.BadZipFile, EOFError, zlib.error)):
            return "el zip está dañado (una suma de control o un tamaño no coinciden)"
        if isinstance(e, UnicodeError):
            return "su texto no está en la codificación que declara"
        if isinstance(e, expat.ExpatError):
            nombre = next((k for k, v in vars(expat.errors).items()
                           if k.startswith("XML_ERROR") and v == expat.ErrorString(e.code)), "")
            que = _EXPAT.get(nombre[10:], f"código de expat {e.code}")
            return f"el XML está dañado en la línea {e.lineno}, columna {e.offset} ({que})"
    if isinstance(exc, MemoryError):
        return "no hay memoria suficiente para leerlo"
    return f"contenido dañado o inesperado (error de Python {type(exc).__name__})"
