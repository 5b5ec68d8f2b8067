"""Las «ALERTAS IDENTIFICADAS» de la publicación: el markdown que redactó ``penitencia alertas AÑO
--formato markdown`` y completó el analista (``reporte --alertas ALERTAS.md``), leído y revisado.

Lo que se admite es lo que produce el borrador y lo que un analista escribe al completarlo:
párrafos (separados por una línea en blanco), la letra o el número del párrafo («a.», «1)»),
viñetas («- »), ``**negrita**``, ``[completar: …]`` (se publica resaltado), enlaces
``[texto](dirección)`` (se escriben «texto (dirección)») y subtítulos ``###`` (en negrita). El
título ``## Alertas identificadas — AÑO`` y la cita con que empieza el borrador no se publican
(el reporte pone su propio título). Lo que no se puede publicar tal cual (tablas, bloques de
código, HTML, imágenes), una negrita o un ``[completar`` sin cerrar, o un título de otro año, es un
error que nombra la línea.
"""

from __future__ import annotations

import re
from pathlib import Path

from ...errores import ErrorDeUso

PENDIENTE = "[completar: …]"
COMPLETAR = re.compile(r"\[completar:[^\]]*\]", re.IGNORECASE)
NEGRITA = re.compile(r"\*\*(.+?)\*\*")
ENLACE = re.compile(r"(?<!!)\[([^\]]+)\]\(([^)\s]+)\)")
LETRA = re.compile(r"^([a-zA-Z]|\d{1,2})[.)]\s+")
TITULO = re.compile(r"^#{1,6}\s+(.*)$")
ANIO = re.compile(r"\b(19\d\d|20\d\d)\b")
AVISO_BORRADOR = "> Borrador generado por penitencia"
MAXIMO_BYTES = 1_000_000
"""Un archivo de alertas más grande no es una sección de un reporte."""

_NO_PUBLICABLE = [
    (re.compile(r"^\s*\|"), "una tabla de markdown no se publica; escriba la alerta como un "
                            "párrafo"),
    (re.compile(r"^\s*(```|~~~)"), "un bloque de código no se publica; escriba la alerta como "
                                   "un párrafo"),
    (re.compile(r"<\s*/?\s*[a-zA-Z][^>]*>"), "el HTML no se publica; escriba texto (la negrita "
                                             "es **así**)"),
    (re.compile(r"!\[[^\]]*\]\("), "una imagen no se puede publicar en las alertas"),
]


def _error(nombre: str, linea: int, mensaje: str) -> ErrorDeUso:
    fin = "" if mensaje.endswith((".", "?", "!")) else "."  # «¿…otro año?», no «?.»
    return ErrorDeUso(f"{nombre}, línea {linea}: {mensaje}{fin}")


def _bloques(md: str, nombre: str, anio: int | None) -> list[tuple[int, str, bool]]:
    """Los bloques del markdown: (primera línea, texto unido, es subtítulo)."""
    bloques: list[tuple[int, str, bool]] = []
    actual: list[str] = []
    inicio = 0
    vio_titulo = False

    def cerrar() -> None:
        nonlocal actual
        if actual:
            bloques.append((inicio, " ".join(actual), False))
            actual = []

    en_aviso = False
    for numero, linea in enumerate(md.splitlines(), start=1):
        limpia = linea.strip()
        for patron, mensaje in _NO_PUBLICABLE:
            if patron.search(linea):
                raise _error(nombre, numero, mensaje)
        if not limpia:
            cerrar()
            en_aviso = False
            continue
        if limpia.startswith(AVISO_BORRADOR) or (en_aviso and limpia.startswith(">")):
            cerrar()
            en_aviso = True  # la nota del borrador (y sus líneas siguientes): no se publica
            continue
        titulo = TITULO.match(limpia)
        if titulo:
            cerrar()
            if not vio_titulo and not bloques:
                vio_titulo = True
                otro = [a for a in ANIO.findall(titulo.group(1)) if anio and int(a) != anio]
                if otro:
                    raise _error(nombre, numero, f"el título es de {otro[0]} y el reporte es de "
                                                 f"{anio}; ¿es el archivo de alertas de otro año?")
                continue
            bloques.append((numero, titulo.group(1).strip(), True))
            continue
        if not actual:
            inicio = numero
        actual.append(limpia.lstrip("> ").strip() if limpia.startswith(">") else limpia)
    cerrar()
    return bloques


def _partir(texto: str, patron: re.Pattern, grupo: int = 1):
    pos = 0
    for m in patron.finditer(texto):
        if m.start() > pos:
            yield texto[pos:m.start()], False
        yield m.group(grupo), True
        pos = m.end()
    if pos < len(texto):
        yield texto[pos:], False


def parrafos_alertas(md: str, nombre: str = "el archivo de alertas",
                     anio: int | None = None) -> list[dict]:
    """Markdown → párrafos ``{letra, segmentos: [{texto, completar, negrita}]}``.

    ErrorDeUso (con ``nombre`` y la línea) si algo no se puede publicar tal cual."""
    parrafos = []
    for numero, bloque, subtitulo in _bloques(md, nombre, anio):
        if subtitulo:
            parrafos.append({"letra": "", "segmentos": [
                {"texto": bloque, "completar": False, "negrita": True}]})
            continue
        if bloque.count("**") % 2:
            raise _error(nombre, numero, "una negrita (**) abre y no cierra en este párrafo")
        if re.search(r"\[completar(?![^\]]*\])", bloque, re.IGNORECASE):
            raise _error(nombre, numero, "un [completar: …] abre y no cierra (falta «]») en "
                                         "este párrafo")
        bloque = ENLACE.sub(r"\1 (\2)", bloque)
        letra = ""
        m = LETRA.match(bloque)
        if m:
            letra, bloque = f"{m.group(1)}.", bloque[m.end():]
        elif bloque.startswith(("- ", "* ", "• ")):
            letra, bloque = "•", bloque[2:]
        segmentos: list[dict] = []
        for parte, negrita in _partir(bloque, NEGRITA):
            for trozo, completar in _partir(parte, COMPLETAR, grupo=0):
                segmentos.append({"texto": trozo, "completar": completar, "negrita": negrita})
        parrafos.append({"letra": letra, "segmentos": segmentos})
    if not parrafos:
        raise ErrorDeUso(f"{nombre} no tiene ningún párrafo de alertas: escriba al menos uno (o "
                         "quite --alertas para publicar el borrador).")
    return parrafos


def lineas_pendientes(md: str) -> list[int]:
    """Las líneas con un ``[completar: …]`` sin completar."""
    return [n for n, linea in enumerate(md.splitlines(), start=1) if COMPLETAR.search(linea)]


def leer_alertas(ruta: Path, anio: int) -> str:
    """El markdown de ``--alertas``, revisado (ErrorDeUso con la línea si no se puede
    publicar)."""
    ruta = Path(ruta)
    if not ruta.is_file():
        que = "es una carpeta" if ruta.is_dir() else "no existe"
        from ..redaccion import EXTENSIONES_BORRADOR
        from ..sugerencias import orden

        destino = ruta if ruta.suffix.lower() in EXTENSIONES_BORRADOR and \
            not ruta.is_dir() else Path(f"alertas_{anio}.md")
        raise ErrorDeUso(f"El archivo de alertas {ruta} {que}. Genere el borrador con: "
                         f"{orden('penitencia', 'alertas', str(anio), '-o', destino)}")
    if ruta.stat().st_size > MAXIMO_BYTES:
        raise ErrorDeUso(f"{ruta.name} pesa más de {MAXIMO_BYTES // 1_000_000} MB: no parece la "
                         "sección de alertas de un reporte.")
    datos = ruta.read_bytes()
    try:
        md = datos.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        linea = datos[: exc.start].count(b"\n") + 1
        raise _error(ruta.name, linea, "el archivo no está en UTF-8; guárdelo como «UTF-8» en "
                                       "su editor") from None
    parrafos_alertas(md, ruta.name, anio)
    return md


def notas_alertas(datos: dict, texto: str | None, ruta: Path | None,
                  libro: Path | None, destino: Path) -> list[str]:
    """Lo que el comando dice de las alertas publicadas: que son el borrador (y cómo
    completarlo: las dos órdenes, listas para pegar, cada una en su línea) o qué líneas del archivo del analista
    conservan un ``[completar: …]``."""
    pendientes = datos["alertas"]["pendientes"]
    if texto is None:
        from ..sugerencias import orden

        anio = str(datos["anio"])
        borrador = Path(f"alertas_{anio}.md")
        con_libro = ("-a", libro) if libro is not None else ()
        generar = orden("penitencia", "alertas", anio, *con_libro, "-o", borrador)
        publicar = orden("penitencia", "reporte", anio, *con_libro, "-o", Path(destino),
                         "--alertas", borrador)
        return [f"las alertas publicadas son el borrador, con {pendientes} {PENDIENTE} a la "
                f"vista. Para completarlas, guarde el borrador, complete {borrador} en un editor "
                f"y vuelva a publicar:\n{generar}\n{publicar}"]
    if pendientes:
        lineas = ", ".join(str(n) for n in lineas_pendientes(texto))
        return [f"quedan {pendientes} {PENDIENTE} en {Path(ruta).name} (líneas {lineas}); se "
                "publican resaltados."]
    return []
