"""Errores y severidades del dominio, sin dependencias (ni pydantic): la capa de línea de comandos
los importa al arrancar sin pagar la carga de los modelos, así ``penitencia --help`` no importa
pydantic. :mod:`penitencia_cli.modelos` los vuelve a exportar: ese sigue siendo su lugar de uso."""

from __future__ import annotations

from enum import Enum


class Severidad(str, Enum):
    ERROR = "error"
    OBSERVACION = "observacion"


class ErrorDeDatos(Exception):
    """Los datos no permiten calcular. Lleva todos los problemas encontrados, no sólo el primero."""

    def __init__(self, problemas: list, parcial=None, origen: str = "El libro"):
        self.problemas = list(problemas)
        self.parcial = parcial
        """Lo que se pudo leer pese a los errores (una ``Matriz`` incompleta), o None: ``validar``
        calcula con ella las observaciones de calidad que todavía tienen sentido."""
        self.origen = origen
        """De qué son los problemas, para el título de su tabla («El libro», «El PDF x.pdf»)."""
        super().__init__("\n".join(str(p) for p in self.problemas))


class ErrorDeUso(Exception):
    """Lo pedido no tiene sentido para estos datos (p. ej. un año que el libro no tiene)."""


class ErrorDeEscritura(Exception):
    """Un archivo de salida no se pudo escribir por una causa del sistema (el disco se llenó a
    mitad): el mensaje nombra el archivo que pidió el usuario y la causa en castellano."""


_ERRNO_EN_CASTELLANO = {
    "ENOENT": "no existe",
    "EACCES": "no tiene permiso",
    "EPERM": "no tiene permiso",
    "EROFS": "el disco o la carpeta es de sólo lectura",
    "ENOSPC": "el disco está lleno",
    "EDQUOT": "se agotó su cuota de disco",
    "EFBIG": "el archivo es demasiado grande para este disco",
    "ENAMETOOLONG": "el nombre es demasiado largo",
    "EISDIR": "es una carpeta",
    "ENOTDIR": "una parte de la ruta no es una carpeta",
    "EEXIST": "ya existe",
    "EBUSY": "está en uso por otro programa",
    "ETXTBSY": "está en uso por otro programa",
    "EMFILE": "hay demasiados archivos abiertos",
    "ENFILE": "hay demasiados archivos abiertos",
    "EIO": "el disco no respondió (¿un disco o una memoria USB desconectados?)",
    "ENXIO": "el dispositivo no existe",
    "ENODEV": "el dispositivo no existe",
    "EXDEV": "está en otro disco",
    "ELOOP": "hay un ciclo de accesos directos (enlaces simbólicos) en la ruta",
    "EINVAL": "el nombre no es válido en este sistema",
    "EAGAIN": "el sistema no pudo atender el pedido ahora; vuelva a intentarlo",
    "ENOMEM": "no hay memoria suficiente",
    "ETIMEDOUT": "la carpeta de red no respondió a tiempo",
    "EHOSTDOWN": "la carpeta de red no está disponible",
    "ESTALE": "la carpeta de red ya no está disponible",
    "ENOTCONN": "la carpeta de red no está conectada",
}
"""Las causas de un error del sistema operativo, en castellano (por el nombre de su errno: los
números cambian de un sistema a otro)."""

_WINERROR_EN_CASTELLANO = {
    5: "no tiene permiso",
    32: "el archivo está abierto en otro programa (¿en Excel o en el lector de PDF?)",
    33: "el archivo está abierto en otro programa (¿en Excel o en el lector de PDF?)",
    112: "el disco está lleno",
    123: "el nombre no es válido en Windows (no admite \\ / : * ? \" < > |)",
    206: "el nombre es demasiado largo",
}
"""Los errores propios de Windows que el errno no distingue (un archivo abierto en Excel)."""


def texto_del_sistema(exc: OSError) -> str:
    """La causa de un error del sistema operativo en castellano («el disco está lleno»), nunca
    el texto en inglés del sistema; si no se conoce, su nombre técnico («error del sistema
    EOPNOTSUPP»)."""
    import errno

    winerror = getattr(exc, "winerror", None)
    if winerror in _WINERROR_EN_CASTELLANO:
        return _WINERROR_EN_CASTELLANO[winerror]
    nombre = errno.errorcode.get(exc.errno) if isinstance(exc.errno, int) else None
    if nombre in _ERRNO_EN_CASTELLANO:
        return _ERRNO_EN_CASTELLANO[nombre]
    if nombre is None and isinstance(exc, PermissionError):
        return "no tiene permiso"
    if nombre is None and isinstance(exc, FileNotFoundError):
        return "no existe"
    return f"error del sistema {nombre or exc.errno or type(exc).__name__}"
