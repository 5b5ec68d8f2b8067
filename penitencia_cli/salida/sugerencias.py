"""Las órdenes que el programa sugiere («revise con: penitencia validar …») se pegan y corren: cada
ruta va citada para el intérprete de órdenes del usuario.

- POSIX (bash, zsh, sh; también Git Bash y WSL): ``shlex.quote`` (comillas simples).
- Windows, PowerShell y ``cmd``: comillas dobles, que ambos entienden igual para cualquier nombre
  que Windows admite, salvo uno con ``$`` o ````` (PowerShell los interpretaría dentro de comillas
  dobles): entonces, en PowerShell, comillas simples (``'`` se duplica). ``cmd`` no tiene forma de
  escapar ``%`` dentro de comillas; un nombre con ``%NOMBRE%`` de una variable que existe es el
  único caso que no se pega tal cual.

Cuál es el intérprete (:func:`interprete`): fuera de Windows, POSIX. En Windows, POSIX si hay
``MSYSTEM`` o ``SHELL`` (Git Bash, MSYS2, Cygwin); PowerShell si ``PSModulePath`` tiene tres rutas o
más (PowerShell añade la de los módulos del usuario al arrancar; ``cmd`` hereda las dos del
sistema); si no, ``cmd``. Una ruta que empieza con ``-`` lleva delante ``./`` (o ``.\\``) para que
no se lea como una opción.
"""

from __future__ import annotations

import os
import re
import shlex
from enum import Enum
from pathlib import Path


class Interprete(str, Enum):
    POSIX = "posix"
    POWERSHELL = "powershell"
    CMD = "cmd"


def interprete(entorno: dict[str, str] | None = None, sistema: str | None = None) -> Interprete:
    """El intérprete de órdenes del usuario (ver el docstring del módulo)."""
    entorno = os.environ if entorno is None else entorno
    sistema = os.name if sistema is None else sistema
    if sistema != "nt" or entorno.get("MSYSTEM") or entorno.get("SHELL"):
        return Interprete.POSIX
    rutas = [r for r in entorno.get("PSModulePath", "").split(";") if r.strip()]
    return Interprete.POWERSHELL if len(rutas) >= 3 else Interprete.CMD


_SEGURO_WINDOWS = re.compile(r"[\w.:\\/-]+")
"""Una ruta de Windows que ni PowerShell ni cmd interpretan: letras (con tildes), cifras y
``. : \\ / - _``."""


def citar(ruta: str | Path, donde: Interprete | None = None) -> str:
    """``ruta`` escrita para pegarla en el intérprete ``donde`` (por omisión, el del usuario)."""
    donde = interprete() if donde is None else donde
    texto = str(ruta)
    if donde is Interprete.POSIX:
        if texto.startswith("-"):
            texto = "./" + texto
        return shlex.quote(texto)
    if texto.startswith("-"):
        texto = ".\\" + texto
    if _SEGURO_WINDOWS.fullmatch(texto):
        return texto
    if donde is Interprete.POWERSHELL and re.search(r"[$`]", texto):
        return "'" + texto.replace("'", "''") + "'"
    return f'"{texto}"'


def orden(*partes: str | Path) -> str:
    """Una orden para pegar: ``orden("penitencia", "validar", Path("mi libro.xlsx"))``. Las
    partes que son ``Path`` se citan; las demás (nombres de comando y opciones) van tal cual."""
    donde = interprete()
    return " ".join(citar(p, donde) if isinstance(p, Path) else p for p in partes)
