"""Qué archivos escribió este programa, para no reemplazar nunca uno que hizo el analista.

Un registro pequeño en la carpeta de estado del usuario guarda, por cada archivo que escribió
penitencia, su ruta completa, el SHA-256 de lo que escribió y su clase (una exportación de
``avance``, un reporte, un borrador de alertas, una plantilla, un libro de ``importar``). Un
archivo existente se puede reemplazar sin ``--forzar`` sólo si está en el registro, con la misma
clase y exactamente el mismo contenido; todo lo demás (un archivo que no está, que cambió, de otra
clase, o un registro que no se puede leer) es del analista. Por qué un registro y no una marca
dentro del archivo: docs/seguridad.md.

La carpeta de estado: ``$XDG_STATE_HOME/penitencia`` (o ``~/.local/state/penitencia``) en Linux y
macOS; ``%LOCALAPPDATA%\\penitencia`` en Windows. Las pruebas la llevan a una carpeta temporal con
esas variables de entorno.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import dataclass
from datetime import datetime
from enum import Enum
from pathlib import Path

ARCHIVO = "escritos.json"
VERSION = 1


class Clase(str, Enum):
    """La clase de un archivo que escribe el programa (el comando que lo escribe)."""

    AVANCE = "avance"
    REPORTE = "reporte"
    ALERTAS = "alertas"
    PLANTILLA = "plantilla"
    IMPORTAR = "importar"

    @property
    def nombre(self) -> str:
        return _NOMBRES[self]


_NOMBRES = {
    Clase.AVANCE: "una exportación de «penitencia avance»",
    Clase.REPORTE: "un reporte de «penitencia reporte»",
    Clase.ALERTAS: "un borrador de «penitencia alertas»",
    Clase.PLANTILLA: "una plantilla de «penitencia plantilla»",
    Clase.IMPORTAR: "un libro de «penitencia importar»",
}


def carpeta_de_estado(entorno: dict[str, str] | None = None, sistema: str | None = None) -> Path:
    """Dónde guarda el programa su registro (ver el docstring del módulo)."""
    entorno = os.environ if entorno is None else entorno
    sistema = os.name if sistema is None else sistema
    if sistema == "nt":
        base = entorno.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
        return Path(base) / "penitencia"
    base = entorno.get("XDG_STATE_HOME", "")
    if not os.path.isabs(base):  # la especificación XDG pide ignorar una ruta relativa
        base = str(Path.home() / ".local" / "state")
    return Path(base) / "penitencia"


def clave(ruta: Path) -> str:
    """La ruta completa, con los enlaces resueltos (y en Windows, sin distinguir mayúsculas)."""
    return os.path.normcase(os.path.realpath(ruta))


def sha256_de(ruta: Path) -> str:
    h = hashlib.sha256()
    with open(ruta, "rb") as f:
        for bloque in iter(lambda: f.read(1 << 20), b""):
            h.update(bloque)
    return h.hexdigest()


@dataclass(frozen=True)
class Escrito:
    """Lo que el registro sabe de un archivo: su contenido, su clase y cuándo se escribió."""

    sha256: str
    clase: str
    fecha: str


def _leer(registro: Path) -> dict[str, Escrito]:
    """El registro; vacío si no existe o no se puede leer (entonces nada es nuestro)."""
    try:
        datos = json.loads(registro.read_text(encoding="utf-8"))
        return {ruta: Escrito(e["sha256"], e["clase"], e.get("fecha", ""))
                for ruta, e in datos["archivos"].items()}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {}


def motivo_ajeno(ruta: Path, clase: Clase) -> str | None:
    """Por qué ``ruta``, que existe, no se reemplaza sin ``--forzar`` (None: es nuestra, de esta
    clase y sin cambios)."""
    escrito = _leer(carpeta_de_estado() / ARCHIVO).get(clave(ruta))
    if escrito is None:
        return "no lo escribió penitencia"
    if escrito.clase != clase.value:
        otra = next((c for c in Clase if c.value == escrito.clase), None)
        que = otra.nombre if otra is not None else "otra clase de archivo"
        return f"es {que}, no {clase.nombre}"
    try:
        igual = sha256_de(ruta) == escrito.sha256
    except OSError:
        igual = False
    if not igual:
        cuando = f" (el {_fecha(escrito.fecha)})" if escrito.fecha else ""
        return f"cambió desde que penitencia lo escribió{cuando}"
    return None


def _fecha(iso: str) -> str:
    try:
        return datetime.fromisoformat(iso).strftime("%d/%m/%Y %H:%M")
    except ValueError:
        return iso


def anotar(ruta: Path, clase: Clase, sha256: str) -> str | None:
    """Anota que el programa escribió ``ruta`` con ese contenido. Devuelve un aviso si no pudo
    (el archivo quedó escrito; sólo que reemplazarlo luego pedirá ``--forzar``)."""
    carpeta = carpeta_de_estado()
    registro = carpeta / ARCHIVO
    try:
        carpeta.mkdir(parents=True, exist_ok=True)
        archivos = {r: e for r, e in _leer(registro).items() if os.path.isfile(r)}
        archivos[clave(ruta)] = Escrito(sha256, clase.value,
                                        datetime.now().isoformat(timespec="seconds"))
        texto = json.dumps({"version": VERSION, "archivos": {
            r: {"sha256": e.sha256, "clase": e.clase, "fecha": e.fecha}
            for r, e in archivos.items()}}, ensure_ascii=False, indent=1)
        fd, temporal = tempfile.mkstemp(prefix=f".{ARCHIVO}.", suffix=".tmp", dir=carpeta)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                f.write(texto)
            os.replace(temporal, registro)
        finally:
            if os.path.exists(temporal):
                os.unlink(temporal)
    except OSError as exc:
        from ..errores import texto_del_sistema

        return (f"no se pudo anotar que penitencia escribió {ruta.name} ({registro}: "
                f"{texto_del_sistema(exc)}); para reemplazarlo más adelante hará falta --forzar.")
    return None
