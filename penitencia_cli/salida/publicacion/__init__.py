"""La publicación del reporte (``penitencia reporte``): el «Reporte de Seguimiento AÑO» en PDF,
DOCX o HTML, con el mismo contenido en los tres.

- :mod:`.datos`: lo que se publica, ya escrito, en un diccionario neutro;
  :mod:`.alertas`: el markdown de las alertas que completó el analista.
- :mod:`.pdf` (Typst), :mod:`.docx` (python-docx), :mod:`.html` (``string.Template``): la forma.
- ``plantillas/``: las plantillas y la paleta; ``fuentes/``: la letra (DejaVu Sans Condensed,
  con su licencia).

Este paquete no importa nada pesado al cargarse: los procesos que componen partes de un PDF
grande importan sólo :mod:`.pdf`.
"""

from __future__ import annotations

from pathlib import Path

FORMATOS = {".pdf": "pdf", ".docx": "docx", ".html": "html", ".htm": "html"}
"""Extensión del destino → formato de la publicación."""


def formato_de(destino: Path) -> str:
    """El formato que pide la extensión de ``destino`` (ErrorDeUso si no es ninguno)."""
    from ...errores import ErrorDeUso

    formato = FORMATOS.get(Path(destino).suffix.lower())
    if formato is None:
        raise ErrorDeUso(_otra_extension(Path(destino)))
    return formato


def _otra_extension(ruta: Path) -> str:
    extension = ruta.suffix.lower()
    que = f"«{extension}»" if extension else "un archivo sin extensión"
    return (f"No sé publicar el reporte en {que} ({ruta.name}): use --salida con .pdf, .docx o "
            ".html.")


def _protegidos(alertas: Path | None) -> list[tuple[Path | None, str]]:
    return [(alertas, "el archivo de alertas")]


def comprobar_publicacion(destino: Path, anio: int, alertas: Path | None, entrada: Path,
                          forzar: bool) -> str:
    """``reporte``, antes de leer el libro: el destino es un archivo .pdf, .docx o .html (una
    carpeta sugiere ``reporte_AÑO.pdf`` dentro), no es el archivo de alertas ni la entrada, y no
    es un archivo ajeno (sin ``forzar``). Devuelve el formato."""
    from ..archivos import comprobar_salida
    from ..autoria import Clase

    ruta = comprobar_salida(destino, clase=Clase.REPORTE, forzar=forzar, extensiones=FORMATOS,
                            otra_extension=_otra_extension, ejemplo=f"reporte_{anio}.pdf",
                            entrada=entrada, protegidos=_protegidos(alertas))
    return formato_de(ruta)


def escribir_publicacion(datos: dict, destino: Path, entrada: Path | None = None,
                         alertas: Path | None = None, *, forzar: bool = False) -> Path:
    """Escribe la publicación en el formato de la extensión de ``destino``, en un temporal que
    luego se renombra; nunca sobre el libro de entrada ni sobre el archivo de alertas, ni (sin
    ``forzar``) sobre un archivo que no escribió el programa."""
    from ..archivos import escribir_atomico
    from ..autoria import Clase

    formato = formato_de(destino)
    if formato == "pdf":
        from .pdf import escribir_pdf as escribir
    elif formato == "docx":
        from .docx import escribir_docx as escribir
    else:
        from .html import escribir_html as escribir
    return escribir_atomico(destino, lambda temporal: escribir(datos, temporal), entrada,
                            clase=Clase.REPORTE, forzar=forzar, protegidos=_protegidos(alertas))
