"""La ayuda (``-h``/``--help``) de cada comando, dibujada con rich a partir de las opciones de
click, sin pasar por el formateador de typer: así sale igual con cualquier versión de typer desde
el piso de ``pyproject.toml``, en castellano y sin tipos de Python (``<int>``, ``PATH``...): cada
argumento se nombra con su metavar (``AÑO``, ``RUTA``) y cada opción con el suyo o sus valores
(``tabla|json|csv``).
"""

from __future__ import annotations

import inspect
import io
from enum import Enum
from typing import Any

ARGUMENTOS, OPCIONES, COMANDOS = "Argumentos", "Opciones", "Comandos"
OBLIGATORIO = "[obligatorio]"
POR_OMISION = "[por omisión: {}]"


def parrafos(texto: str | None) -> list[str]:
    """Los párrafos de una ayuda (separados por una línea en blanco), cada uno en una línea."""
    limpio = inspect.cleandoc(texto or "").partition("\f")[0]
    return [" ".join(p.split()) for p in limpio.split("\n\n") if p.strip()]


def metavar(param: Any) -> str:
    """Cómo se nombra el valor de un parámetro en la ayuda y en el uso."""
    if getattr(param, "is_flag", False):
        return ""
    if param.metavar:
        return param.metavar
    opciones = _opciones(param)
    if opciones:
        return "|".join(str(c.value if isinstance(c, Enum) else c) for c in opciones)
    return (param.name or "valor").upper()


def _opciones(param: Any):
    """Los valores que admite un parámetro de opciones fijas (según la versión de typer, en su
    tipo de click o en su descriptor), o None."""
    for fuente in (getattr(param, "type", None), getattr(param, "type_descriptor", None)):
        opciones = getattr(fuente, "choices", None)
        if opciones:
            return opciones
    return None


def uso(comando: Any, ctx: Any) -> str:
    """'penitencia avance [OPCIONES] AÑO' (los argumentos opcionales, entre corchetes)."""
    piezas = [ctx.command_path, "[OPCIONES]"]
    for param in comando.get_params(ctx):
        if param.param_type_name == "argument":
            nombre = metavar(param) + ("..." if param.nargs != 1 else "")
            piezas.append(nombre if param.required else f"[{nombre}]")
    subcomandos = getattr(comando, "subcommand_metavar", None)
    if getattr(comando, "list_commands", None) is not None and subcomandos:
        piezas.append(subcomandos)
    return " ".join(piezas)


def _por_omision(param: Any) -> str | None:
    if param.param_type_name != "option" or getattr(param, "is_flag", False):
        return None
    if param.show_default is False or param.default is None or callable(param.default):
        return None
    valor = param.default.value if isinstance(param.default, Enum) else param.default
    return POR_OMISION.format(valor)


def _panel(titulo: str, filas: list[tuple], anchos_fijos: int):
    from rich import box
    from rich.panel import Panel
    from rich.table import Table
    from rich.text import Text

    tabla = Table.grid(padding=(0, 2))
    for _ in range(anchos_fijos):
        tabla.add_column(no_wrap=True, style="bold cyan")
    tabla.add_column(ratio=1)
    for fila in filas:
        *fijas, ayuda = fila
        tabla.add_row(*fijas, Text(ayuda))
    return Panel(tabla, title=titulo, title_align="left", border_style="dim", box=box.ROUNDED)


def texto_ayuda(comando: Any, ctx: Any, ancho: int, color: bool) -> str:
    """La ayuda completa de ``comando`` como texto (con códigos de color si ``color``)."""
    from rich.console import Console
    from rich.padding import Padding
    from rich.text import Text

    salida = io.StringIO()
    consola = Console(file=salida, width=ancho, force_terminal=color, highlight=False,
                      color_system="standard" if color else None)
    consola.print(Padding(Text("Uso: " + uso(comando, ctx), style="bold"), (1, 1)))
    primero, *resto = parrafos(comando.help) or [""]
    if primero:
        consola.print(Padding(Text(primero), (0, 1)))
    for parrafo in resto:
        consola.print(Padding(Text(parrafo, style="dim"), (1, 1, 0, 1)))
    consola.print()
    argumentos, opciones = [], []
    for param in comando.get_params(ctx):
        if getattr(param, "hidden", False):
            continue
        ayuda = " ".join(p for p in (getattr(param, "help", None) or "",
                                     OBLIGATORIO if param.required else None) if p)
        if _por_omision(param):  # en su propia línea: no se parte
            ayuda = f"{ayuda}\n{_por_omision(param)}".strip()
        if param.param_type_name == "argument":
            argumentos.append((metavar(param), ayuda))
        else:
            largas = ", ".join(o for o in param.opts if o.startswith("--"))
            cortas = ", ".join(o for o in param.opts if not o.startswith("--"))
            opciones.append((largas, cortas, metavar(param), ayuda))
    if argumentos:
        consola.print(_panel(ARGUMENTOS, argumentos, 1))
    if opciones:
        consola.print(_panel(OPCIONES, opciones, 3))
    nombres = getattr(comando, "list_commands", None)
    if nombres is not None:
        filas = []
        for nombre in nombres(ctx):
            sub = comando.get_command(ctx, nombre)
            if sub is not None and not sub.hidden:
                filas.append((nombre, (parrafos(sub.help) or [""])[0]))
        if filas:
            consola.print(_panel(COMANDOS, filas, 1))
    return "\n".join(linea.rstrip() for linea in salida.getvalue().splitlines())


def ancho_ayuda() -> tuple[int, bool]:
    """Ancho de la ayuda y si va en color: el de la terminal, o el de una salida redirigida."""
    import sys

    from ..salida.terminal import ancho_de_terminal, ancho_sin_terminal, es_terminal

    if es_terminal(sys.stdout):
        return ancho_de_terminal(sys.stdout), True
    return ancho_sin_terminal(), False
