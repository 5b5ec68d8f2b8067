"""Defensas ante PDF rotos u hostiles, ANTES de que PDFium lea nada (``docs/importar.md``).

PDFium descomprime cada flujo hasta 1 GiB y no tiene un tope para el documento: un PDF de 2 MB
que se infla a 2 GB le cuesta 3 GB de memoria. Por eso el archivo se revisa primero con pypdf
(ya una dependencia, para unir las partes del reporte), que trae límites propios de
descompresión y de análisis (``pypdf.Configuration``, aplicados sólo dentro de esta revisión con
``apply_configuration``; ningún ajuste global): se recorre lo que PDFium leerá para sacar el
texto de cada página (contenido, fuentes, mapas de caracteres, formularios XObject) y se
descomprime cada flujo con un tope por flujo y otro para la suma. Las imágenes no se
descomprimen: PDFium no las abre para leer texto.

Todo rechazo es un :class:`ErrorDeDatos` con una frase en castellano (salida 1, sin traza). Los
límites viajan en un :class:`LimitesPdf` (las pruebas pasan uno pequeño).
"""

from __future__ import annotations

import io
import stat
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from ..errores import ErrorDeDatos
from ..modelos import Problema


@dataclass(frozen=True)
class LimitesPdf:
    """Límites de lectura de un PDF. Un Anexo B-7 real queda muy por debajo de todos: el de
    seis páginas pesa 770 KB, y sus flujos descomprimidos suman 0.6 MB (el mayor, 160 KB)."""

    bytes_archivo: int = 64 * 2**20
    """Tamaño del archivo (un Anexo de seis páginas: 770 KB; uno de cien páginas, unos 13 MB)."""
    paginas: int = 1_000
    """Páginas del documento (cada página lleva dos o tres bloques OEI/AEI)."""
    objetos: int = 500_000
    """Objetos que declara el PDF (``/Size``; el de seis páginas: 3 276)."""
    objetos_recorridos: int = 200_000
    """Objetos que se recorren desde las páginas (contenido, recursos, fuentes)."""
    bytes_flujo: int = 32 * 2**20
    """Bytes descomprimidos de un flujo (el contenido de una página real: 55 KB)."""
    bytes_flujos: int = 256 * 2**20
    """Bytes descomprimidos de todos los flujos que se leen."""
    letras_pagina: int = 200_000
    """Caracteres de texto de una página (una página real: unos 3 000): se cuentan antes de
    armar las palabras."""


LIMITES_PDF = LimitesPdf()

FIRMA_PDF = b"%PDF-"
"""La firma de un PDF: los lectores de PDF la buscan en el primer KiB del archivo."""
FIRMAS_NO_PDF = (b"PK", b"\xd0\xcf\x11\xe0")
"""Un zip (un libro .xlsx) o un archivo compuesto de Office (un .xls): lo son desde su primer
byte, aunque lleven un PDF guardado dentro."""


def es_pdf(cabeza: bytes) -> bool:
    """¿Es un PDF, por su comienzo (``cabeza``, su primer KiB) y no por su extensión? Un zip o un
    archivo de Office nunca lo es, aunque en su primer KiB asome la firma ``%PDF-`` (un .xlsx cuyo
    primer miembro es un PDF guardado sin comprimir). La única regla: la usan la capa de comandos
    (¿libro o Anexo?) y :func:`leer_archivo`."""
    return not cabeza.startswith(FIRMAS_NO_PDF) and FIRMA_PDF in cabeza[:1024]


def _rechazo(mensaje: str) -> ErrorDeDatos:
    return ErrorDeDatos([Problema(mensaje=mensaje)])


def leer_archivo(ruta: Path, limites: LimitesPdf = LIMITES_PDF) -> bytes:
    """Los bytes del PDF, si es un archivo común, no vacío, de tamaño razonable y un PDF
    (:func:`es_pdf`). Se lee una sola vez: lo que se revisa es lo que se lee."""
    if not ruta.exists():
        raise _rechazo(f"No existe el archivo {ruta}.")
    if ruta.is_dir():
        raise _rechazo(f"{ruta} es una carpeta, no un PDF del Anexo B-7.")
    estado = ruta.stat()
    if not stat.S_ISREG(estado.st_mode):
        raise _rechazo(f"{ruta} no es un archivo común (es un dispositivo, una tubería o un "
                       "socket): guarde el PDF en un archivo y páselo con su ruta.")
    if estado.st_size == 0:
        raise _rechazo(f"El archivo {ruta} está vacío.")
    if estado.st_size > limites.bytes_archivo:
        raise _rechazo(f"{ruta} pesa {estado.st_size:,} bytes: más de lo que ocupa un Anexo B-7 "
                       f"(límite {limites.bytes_archivo:,}). No se lee.")
    with open(ruta, "rb") as f:
        datos = f.read(limites.bytes_archivo + 1)
    if len(datos) > limites.bytes_archivo:  # creció mientras se leía
        raise _rechazo(f"{ruta} pesa más de {limites.bytes_archivo:,} bytes. No se lee.")
    if not es_pdf(datos[:1024]):
        if datos.startswith(b"PK"):
            raise _rechazo(f"{ruta} no es un PDF: es un archivo zip (¿un libro .xlsx?). "
                           "Páselo sin convertir a los comandos que leen libros.")
        raise _rechazo(f"{ruta} no es un PDF (no empieza con la firma %PDF-).")
    return datos


def _configuracion(limites: LimitesPdf):
    """Los límites de pypdf para esta revisión (sus topes de descompresión, por flujo)."""
    tope = limites.bytes_flujo
    return dict(zlib_maximum_output_length=tope, lzw_maximum_output_length=tope,
                run_length_maximum_output_length=tope, brotli_maximum_output_length=tope,
                jbig2_maximum_output_length=tope, maximum_declared_stream_length=tope,
                array_based_stream_maximum_output_length=tope, image_maximum_buffer_size=tope,
                stream_decoding_work_maximum_length=2 * tope)


def revisar_pdf(datos: bytes, nombre: str, limites: LimitesPdf = LIMITES_PDF) -> int:
    """Revisa el PDF antes de que PDFium lo lea; devuelve cuántas páginas tiene. Lanza
    :class:`ErrorDeDatos` si está cifrado, dañado, sin páginas o pasa un límite."""
    from pypdf import PdfReader, apply_configuration
    from pypdf.errors import LimitReachedError

    try:
        with apply_configuration(**_configuracion(limites)), _sin_avisos_de_pypdf():
            lector = PdfReader(io.BytesIO(datos), strict=False)
            if lector.is_encrypted and not _abre_sin_contrasena(lector):
                raise _rechazo(
                    f"{nombre} está protegido con contraseña: no se lee. Abra el Anexo B-7 en el "
                    "aplicativo de CEPLAN y vuelva a imprimirlo a PDF sin protección.")
            tamano = lector.trailer.get("/Size")
            if isinstance(tamano, int) and tamano > limites.objetos:
                raise _rechazo(f"{nombre} declara {tamano:,} objetos (límite "
                               f"{limites.objetos:,}): no es un Anexo B-7. No se lee.")
            paginas = len(lector.pages)
            if paginas == 0:
                raise _rechazo(f"{nombre} no tiene páginas.")
            if paginas > limites.paginas:
                raise _rechazo(f"{nombre} tiene {paginas:,} páginas (límite "
                               f"{limites.paginas:,}). No se lee.")
            _recorrer_flujos(lector, nombre, limites)
            return paginas
    except ErrorDeDatos:
        raise
    except LimitReachedError:
        raise _rechazo(f"{nombre} tiene un flujo que se infla más allá de "
                       f"{limites.bytes_flujo:,} bytes: parece una bomba de descompresión. "
                       "No se lee.") from None
    except Exception as exc:  # noqa: BLE001 — pypdf ante un archivo hostil puede lanzar de todo
        # (PdfReadError, zlib.error, struct.error, RecursionError...): todo es «dañado».
        raise _rechazo(f"{nombre} es un PDF dañado: no se puede leer ({_causa(exc, datos)}).") \
            from None


@contextmanager
def _sin_avisos_de_pypdf():
    """pypdf cuenta en inglés, por su registro («EOF marker not found»), lo que arregla al leer
    un PDF imperfecto; sin un manejador, Python los escribe en stderr. Durante la revisión un
    ``NullHandler`` los calla (lo que impide leer ya lo dice el rechazo, en castellano) y luego
    se quita: nada cambia para el resto del proceso."""
    import logging  # aquí: un libro, que no lo necesita, no paga su importación (1.6 ms)

    registro = logging.getLogger("pypdf")
    nulo = logging.NullHandler()
    registro.addHandler(nulo)
    try:
        yield
    finally:
        registro.removeHandler(nulo)


def _causa(exc: Exception, datos: bytes) -> str:
    """Por qué pypdf no pudo leer el PDF, en castellano (su mensaje está en inglés)."""
    import zlib

    if b"%%EOF" not in datos[-1024:]:
        return "termina sin la marca de fin de un PDF: ¿se cortó la descarga o la copia?"
    if isinstance(exc, RecursionError):
        return "sus objetos se anidan sin fin"
    if isinstance(exc, zlib.error):
        return "un flujo comprimido está roto"
    return f"su estructura interna está rota (error de pypdf {type(exc).__name__})"


def _abre_sin_contrasena(lector) -> bool:
    """Un PDF cifrado sólo con permisos (contraseña de usuario vacía: cualquier lector lo abre
    sin preguntar) se revisa y se lee como los demás; uno que pide contraseña, o cuyo cifrado no
    se puede descifrar aquí (AES sin la biblioteca que lo descifra), no."""
    try:
        return bool(lector.decrypt(""))
    except Exception:  # noqa: BLE001 — DependencyError (AES), un cifrado dañado...
        return False


def _recorrer_flujos(lector, nombre: str, limites: LimitesPdf) -> None:
    """Descomprime (con los topes de pypdf) cada flujo que cuelga de una página, salvo las
    imágenes, y suma sus tamaños. Un recorrido sin recursión, con los objetos ya vistos."""
    from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, StreamObject

    vistos: set[tuple[int, int]] = set()
    pendientes: list = [pagina for pagina in lector.pages]
    total = recorridos = 0
    while pendientes:
        objeto = pendientes.pop()
        if isinstance(objeto, IndirectObject):
            clave = (objeto.idnum, objeto.generation)
            if clave in vistos:
                continue
            vistos.add(clave)
            objeto = objeto.get_object()
        recorridos += 1
        if recorridos > limites.objetos_recorridos:
            raise _rechazo(f"{nombre} tiene más de {limites.objetos_recorridos:,} objetos en sus "
                           "páginas: no es un Anexo B-7. No se lee.")
        if isinstance(objeto, DictionaryObject):
            es_imagen = objeto.get("/Subtype") == "/Image"
            if isinstance(objeto, StreamObject) and not es_imagen:
                tamano = len(objeto.get_data())
                total += tamano
                if tamano > limites.bytes_flujo or total > limites.bytes_flujos:
                    raise _rechazo(
                        f"{nombre} tiene flujos que se inflan a más de "
                        f"{min(tamano, total):,} bytes (límites {limites.bytes_flujo:,} por "
                        f"flujo y {limites.bytes_flujos:,} en total): parece una bomba de "
                        "descompresión. No se lee.")
            if es_imagen:
                continue
            pendientes.extend(v for k, v in objeto.items() if k not in ("/Parent", "/Annots"))
        elif isinstance(objeto, ArrayObject):
            pendientes.extend(objeto)


def abrir_paginas(ruta: Path, limites: LimitesPdf = LIMITES_PDF):
    """Lee el archivo, lo revisa y devuelve las páginas con sus palabras (:mod:`.pdf`)."""
    from .pdf import leer_paginas

    datos = leer_archivo(ruta, limites)
    paginas = revisar_pdf(datos, str(ruta), limites)
    try:
        resultado = leer_paginas(datos, paginas, limites.letras_pagina, str(ruta))
    except Exception as exc:  # PdfiumError: lo que pypdf leyó y PDFium no
        if type(exc).__name__ != "PdfiumError":
            raise
        raise _rechazo(f"{ruta} es un PDF dañado: no se puede leer ({_causa_pdfium(exc)}).") \
            from None
    return resultado


def _causa_pdfium(exc: Exception) -> str:
    """Por qué PDFium no pudo abrir el PDF, por su código de error (su mensaje está en inglés)."""
    import pypdfium2.raw as raw

    return {raw.FPDF_ERR_FORMAT: "su formato está dañado",
            raw.FPDF_ERR_PASSWORD: "pide una contraseña",
            raw.FPDF_ERR_SECURITY: "usa un cifrado que no se puede leer aquí",
            raw.FPDF_ERR_PAGE: "una página o su contenido están dañados",
            }.get(getattr(exc, "err_code", None), "PDFium, el lector de PDF, no pudo abrirlo")
