"""Escritura segura de archivos de salida: se escribe en un temporal de la misma carpeta y se
renombra, así nada queda a medias; nunca se escribe sobre el libro de entrada, y nunca se reemplaza
un archivo que el programa no escribió (o que cambió desde entonces) sin ``--forzar``
(:mod:`.autoria`).

El archivo que resulta tiene los permisos de un archivo normal (``0644`` con la ``umask`` 022; uno
que se reemplaza conserva los suyos), el temporal cabe en el límite de nombre del sistema siempre
que quepa el destino, y ni un SIGTERM ni Ctrl-C dejan el temporal atrás. Los destinos imposibles
(una carpeta, una carpeta que no existe o es de sólo lectura, un archivo abierto en Excel en
Windows) son :class:`~penitencia_cli.errores.ErrorDeUso` con un mensaje que nombra lo que el
usuario escribió, nunca el temporal, y la causa en castellano.

Un comando llama a :func:`comprobar_salida` antes de trabajar (el destino imposible, con otra
extensión o ajeno se dice antes de leer el libro) y luego a :func:`escribir_atomico`, que vuelve a
comprobar todo justo antes de escribir.
"""

from __future__ import annotations

import os
import signal
import stat
import sys
import tempfile
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterable, Iterator

from ..errores import ErrorDeEscritura, ErrorDeUso, texto_del_sistema
from .autoria import Clase, anotar, motivo_ajeno, sha256_de

SALIDA_SIGTERM = 128 + 15
"""Código de salida de un proceso terminado por SIGTERM (como lo informa el shell)."""
_SUFIJO = ".tmp"
_AZAR = 8
"""Caracteres al azar que ``tempfile`` pone en el nombre del temporal."""
Protegidos = Iterable[tuple[Path | None, str]]
"""Otros archivos sobre los que no se escribe, con lo que son: ``[(alertas, "el archivo de
alertas")]`` (la entrada se protege siempre, como «el libro de entrada»)."""


def comprobar_destino(destino: str | Path, ejemplo: str | None = None) -> Path:
    """El destino de una salida tal como lo escribió el usuario: ErrorDeUso si está vacío o es una
    carpeta (``.``, ``/``, ``..``; el mensaje sugiere ``ejemplo`` dentro de ella), si su carpeta
    no existe o si no es una carpeta."""
    texto = str(destino)
    if not texto.strip():
        raise ErrorDeUso("Falta el nombre del archivo de salida (se dio un texto vacío).")
    ruta = Path(texto)
    if ruta.name not in ("", ".", "..") and ruta.parent.is_dir():  # antes de mirar el nombre
        largo, maximo = len(os.fsencode(ruta.name)), _nombre_maximo(ruta.parent)
        if largo > maximo:
            raise ErrorDeUso(f"El nombre {ruta.name[:40]}… es demasiado largo ({largo} bytes; la "
                             f"carpeta {ruta.parent} admite {maximo}): elija uno más corto.")
    if ruta.is_dir() or texto.endswith(("/", os.sep)) or ruta.name in ("", ".", ".."):
        sugerencia = f", p. ej. {Path(texto) / ejemplo}" if ejemplo else ""
        raise ErrorDeUso(f"{texto} es una carpeta; indique un nombre de archivo dentro de ella"
                         f"{sugerencia}.")
    carpeta = ruta.parent
    if not carpeta.exists():
        raise ErrorDeUso(f"No existe la carpeta {carpeta} para escribir {ruta.name}.")
    if not carpeta.is_dir():
        raise ErrorDeUso(f"{carpeta} no es una carpeta: no se puede escribir {ruta.name} dentro.")
    return ruta


def comprobar_salida(destino: str | Path, *, clase: Clase, forzar: bool,
                     extensiones: Iterable[str], otra_extension: Callable[[Path], str],
                     ejemplo: str | None = None, entrada: Path | None = None,
                     protegidos: Protegidos = ()) -> Path:
    """Todo lo que se puede saber de un destino antes de trabajar, en este orden: que es un nombre
    de archivo en una carpeta que existe (una carpeta sugiere ``ejemplo`` dentro); que su
    extensión es una de ``extensiones`` (si no, ErrorDeUso con el mensaje
    ``otra_extension(ruta)``); que no es la entrada ni uno de ``protegidos``; que no es un archivo
    ajeno (sin ``forzar``) y que la carpeta admite escribir (se crea y se borra un temporal).
    Es la comprobación de todo escritor."""
    ruta = comprobar_destino(destino, ejemplo)
    if ruta.suffix.lower() not in extensiones:
        raise ErrorDeUso(otra_extension(ruta))
    _proteger(ruta, clase, forzar, entrada, protegidos)
    _borrar(_crear_temporal(ruta))
    return ruta


def _proteger(destino: Path, clase: Clase, forzar: bool, entrada: Path | None,
              protegidos: Protegidos = ()) -> None:
    """ErrorDeUso si ``destino`` es la entrada o uno de ``protegidos`` (aun con ``forzar``), si
    existe y no es un archivo común, o si existe, es ajeno y no se pidió ``forzar``."""
    for ruta, que in ((entrada, "el libro de entrada"), *protegidos):
        if ruta is not None and mismo_archivo(destino, Path(ruta)):
            raise ErrorDeUso(f"{destino} es {que}: no se escribe sobre él. Elija otro nombre.")
    if not os.path.lexists(destino):
        return
    if destino.exists() and not destino.is_file():
        raise ErrorDeUso(f"{destino} no es un archivo común (es un dispositivo o algo parecido): "
                         "no se escribe sobre él. Elija otro nombre.")
    if forzar:
        return
    motivo = motivo_ajeno(destino, clase)
    if motivo is not None:
        raise ErrorDeUso(f"{destino} ya existe y {motivo}: no se reemplaza. Para reemplazarlo, "
                         "vuelva a ejecutar el comando con --forzar; si no, elija otro nombre.")


def escribir_atomico(destino: Path, escribir: Callable[[Path], None],
                     entrada: Path | None = None, *, clase: Clase, forzar: bool,
                     protegidos: Protegidos = ()) -> Path:
    """Escribe ``destino`` mediante ``escribir(temporal)`` y renombra; protege la entrada, los
    ``protegidos`` y los archivos ajenos (:func:`_proteger`) y anota lo escrito en el registro de
    :mod:`.autoria`."""
    destino = comprobar_destino(destino)
    _proteger(destino, clase, forzar, entrada, protegidos)
    modo = _modo_de(destino)
    with _sin_restos_ante_sigterm(destino):
        temporal = _crear_temporal(destino)
        try:
            try:
                escribir(temporal)
                os.chmod(temporal, modo)
                huella = sha256_de(temporal)
            except OSError as exc:
                raise ErrorDeEscritura(f"No se pudo escribir {destino}: "
                                       f"{texto_del_sistema(exc)}. No quedó nada a medio "
                                       "escribir.") from exc
            try:
                os.replace(temporal, destino)
            except PermissionError as exc:
                raise ErrorDeUso(
                    f"No se pudo reemplazar {destino}: el archivo está abierto en otro programa o "
                    f"no tiene permiso para cambiarlo. Si lo tiene abierto, cierre {destino.name} "
                    "en Excel y vuelva a intentarlo."
                ) from exc
            except OSError as exc:
                raise ErrorDeEscritura(f"No se pudo escribir {destino}: "
                                       f"{texto_del_sistema(exc)}.") from exc
        finally:
            _borrar(temporal)
    aviso = anotar(destino, clase, huella)
    if aviso is not None:
        sys.stderr.write(f"nota: {aviso}\n")
    return destino


def _modo_de(destino: Path) -> int:
    """Los permisos del archivo final: los del archivo que se reemplaza o, si es nuevo, los de un
    archivo normal según la umask (0o666 sin lo que la umask quita)."""
    try:
        return stat.S_IMODE(os.stat(destino).st_mode)
    except OSError:
        pass
    return 0o666 & ~_umask()


def _umask() -> int:
    """La umask del proceso (se lee poniéndola y devolviéndola: no hay otra forma portable)."""
    with _CANDADO_UMASK:
        actual = os.umask(0o022)
        os.umask(actual)
    return actual


_CANDADO_UMASK = threading.Lock()


def _crear_temporal(destino: Path) -> Path:
    """Un temporal oculto junto al destino (``.NOMBRE.XXXXXXXX.tmp``) cuyo nombre cabe en el
    límite del sistema de archivos: si el destino es muy largo, se acorta la parte del nombre."""
    carpeta = destino.parent
    prefijo = f".{destino.name}."
    maximo = _nombre_maximo(carpeta) - len(os.fsencode(_SUFIJO)) - _AZAR
    while len(os.fsencode(prefijo)) > maximo and len(prefijo) > 2:
        prefijo = prefijo[:-2] + "."
    try:
        fd, nombre = tempfile.mkstemp(prefix=prefijo, suffix=_SUFIJO, dir=carpeta)
    except PermissionError as exc:
        raise ErrorDeUso(f"No se puede escribir en la carpeta {carpeta} (sin permiso de "
                         f"escritura): elija otra carpeta para {destino.name}.") from exc
    except OSError as exc:
        raise ErrorDeUso(f"No se puede escribir {destino.name} en la carpeta {carpeta}: "
                         f"{texto_del_sistema(exc)}.") from exc
    os.close(fd)
    return Path(nombre)


def _nombre_maximo(carpeta: Path) -> int:
    """Bytes que admite un nombre de archivo en ``carpeta`` (NAME_MAX; 255 si no se sabe)."""
    try:
        return os.pathconf(carpeta, "PC_NAME_MAX")
    except (AttributeError, ValueError, OSError):
        return 255


def _borrar(temporal: Path) -> None:
    try:
        temporal.unlink()
    except FileNotFoundError:
        pass
    except OSError:  # pragma: no cover - no hay más que hacer
        pass


@contextmanager
def _sin_restos_ante_sigterm(destino: Path) -> Iterator[None]:
    """Mientras se escribe, un SIGTERM sale como SystemExit (143) en vez de matar el proceso en
    seco: así corren los ``finally`` que borran el temporal. Sólo en el hilo principal."""
    if threading.current_thread() is not threading.main_thread() or \
            not hasattr(signal, "SIGTERM"):
        yield
        return

    def terminar(numero, marco):
        sys.stderr.write(f"Terminado (SIGTERM) mientras se escribía {destino}: no se escribió "
                         "nada a medias.\n")
        raise SystemExit(SALIDA_SIGTERM)

    anterior = signal.signal(signal.SIGTERM, terminar)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, anterior)


def mismo_archivo(a: Path, b: Path) -> bool:
    try:
        if a.exists() and b.exists():
            return os.path.samefile(a, b)
    except OSError:
        pass
    return a.resolve() == b.resolve()
