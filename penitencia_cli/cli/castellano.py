"""La línea de comandos en castellano: uso, ayuda y errores de uso de typer/click traducidos.

Los comandos (:mod:`.comandos`) usan :class:`Grupo` y :class:`Comando` en vez de las clases de
typer; nada más depende de los textos originales de click. La ayuda la dibuja :mod:`.ayuda`; los
errores de uso se traducen según la clase de la excepción de click (opción desconocida, argumento
que falta, valor no válido) y, los que sólo traen un texto, según ese texto, en las formas que
tienen desde typer 0.26 (el piso) hasta la última probada.
"""

from __future__ import annotations

import re

from typer.core import TyperCommand, TyperGroup

# typer trae su propia copia de click desde la 0.26 (el piso de pyproject.toml).
from typer._click.exceptions import (
    BadParameter,
    ClickException,
    MissingParameter,
    NoSuchOption,
    UsageError,
)

from . import ayuda

_TEXTOS = [
    (re.compile(r"^No such command '(.+?)'\.?(?: Did you mean '(.+?)'\?)?$"), None),
    (re.compile(r"^Got unexpected extra arguments?(?:\(s\))? \((.+)\)$"), None),
    (re.compile(r"^Option '(.+)' requires an argument\.$"), r"La opción '\1' necesita un valor."),
    (re.compile(r"^Option '(.+)' does not take a value\.$"), r"La opción '\1' no lleva valor."),
    (re.compile(r"^Missing argument '(.+)'\.$"), r"Falta el argumento '\1'."),
    (re.compile(r"^Missing option '(.+)'\.$"), r"Falta la opción '\1'."),
    (re.compile(r"^Missing command\.?$"), "Falta el comando."),
    (re.compile(r"^No such option: (\S+?)\.?(?: Did you mean (.+)\?)?$"), None),
    (re.compile(r"^Invalid value for (.+?): (.+)$", re.S), None),
]
"""Errores de click que sólo traen un texto: patrón → reemplazo (None: se arma en el código)."""


def traducir_mensaje(mensaje: str) -> str:
    """Un mensaje de error de click/typer, en castellano (si no se reconoce, tal cual)."""
    for patron, reemplazo in _TEXTOS:
        m = patron.match(mensaje)
        if not m:
            continue
        if reemplazo is not None:
            return m.expand(reemplazo)
        if mensaje.startswith("No such command"):
            pista = f" ¿Quiso decir '{m.group(2)}'?" if m.group(2) else ""
            return f"No existe el comando '{m.group(1)}'.{pista}"
        if mensaje.startswith("Got unexpected"):
            sobran = m.group(1).split()
            if len(sobran) == 1:
                return f"Sobra el argumento {sobran[0]}."
            return f"Sobran los argumentos {' '.join(sobran)}."
        if mensaje.startswith("No such option"):
            return _opcion_desconocida(m.group(1), [m.group(2)] if m.group(2) else [])
        return f"Valor no válido para {m.group(1)}: {traducir_detalle(m.group(2))}"
    return mensaje


def _opcion_desconocida(opcion: str, parecidas) -> str:
    pista = f" ¿Quiso decir {' o '.join(sorted(parecidas))}?" if parecidas else ""
    return f"No existe la opción {opcion}.{pista}"


def traducir_detalle(detalle: str) -> str:
    """El detalle de un valor no válido (de click o de pydantic, según la versión de typer)."""
    detalle = detalle.strip().removeprefix("Value error, ")
    m = re.match(r"^'?(.*?)'? is not one of (.+?)\.?$", detalle, re.S)
    if m:
        return f"{m.group(1)!r} no es uno de {m.group(2)}."
    m = re.match(r"^(?:Value )?'?(.*?)'? is not a valid (integer|float|.+?)\.?$", detalle)
    if m:
        tipo = {"integer": "número entero", "float": "número"}.get(m.group(2), m.group(2))
        return f"{m.group(1)!r} no es un {tipo} válido."
    m = re.match(r"^Input should be (?:a valid )?(integer|number|.+?)(?:,.*)?$", detalle)
    if m:
        tipo = {"integer": "un número entero", "number": "un número"}.get(m.group(1), m.group(1))
        return f"se esperaba {tipo}."
    return detalle


def _pista(param) -> str:
    """Cómo se nombra un parámetro en un error: 'AÑO' o '--umbral / -u'."""
    if param is None:
        return "un valor"
    if param.param_type_name == "argument":
        return f"'{ayuda.metavar(param)}'"
    return " / ".join(f"'{o}'" for o in param.opts)


def traducir(exc: ClickException) -> None:
    """Deja en castellano el mensaje de un error de uso de click (en su lugar)."""
    if getattr(exc, "_castellano", False):
        return
    if isinstance(exc, NoSuchOption):
        mensaje = _opcion_desconocida(exc.option_name, exc.possibilities or [])
    elif isinstance(exc, MissingParameter):
        param = exc.param
        if param is not None and param.param_type_name == "argument":
            mensaje = f"Falta el argumento {ayuda.metavar(param)}."
        elif param is not None:
            mensaje = f"Falta la opción {_pista(param)}."
        else:
            mensaje = traducir_mensaje(exc.format_message())
    elif isinstance(exc, BadParameter) and exc.param is not None:
        mensaje = f"Valor no válido para {_pista(exc.param)}: {traducir_detalle(exc.message)}"
    else:
        mensaje = traducir_mensaje(exc.format_message())
    exc.message = mensaje
    exc.format_message = lambda: mensaje  # type: ignore[method-assign]
    exc._castellano = True  # type: ignore[attr-defined]


def traducir_rich() -> None:
    """Rótulos de los errores de typer (rich) en castellano."""
    try:
        from typer import rich_utils as ru
    except ImportError:  # pragma: no cover - rich es dependencia
        return
    ru.ARGUMENTS_PANEL_TITLE = ayuda.ARGUMENTOS
    ru.OPTIONS_PANEL_TITLE = ayuda.OPCIONES
    ru.COMMANDS_PANEL_TITLE = ayuda.COMANDOS
    ru.ERRORS_PANEL_TITLE = "Error"
    ru.DEFAULT_STRING = ayuda.POR_OMISION
    ru.REQUIRED_LONG_STRING = ayuda.OBLIGATORIO
    ru.ENVVAR_STRING = "[variable de entorno: {}]"
    ru.DEPRECATED_STRING = "(obsoleto) "
    ru.ABORTED_TEXT = "Cancelado."
    ru.RICH_HELP = "Pruebe [blue]'{command_path} {help_option}'[/] para ver la ayuda."


class Castellano:
    """Mezcla para comandos y grupos de typer: uso, ayuda y errores de uso en castellano."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.options_metavar = "[OPCIONES]"

    def collect_usage_pieces(self, ctx):
        return ayuda.uso(self, ctx).split(" ", 1)[1:]

    def format_usage(self, ctx, formatter) -> None:
        formatter.write(f"Uso: {ayuda.uso(self, ctx)}\n")

    def format_help(self, ctx, formatter) -> None:
        import sys

        from ..salida.terminal import para

        ancho, color = ayuda.ancho_ayuda()
        formatter.write(para(ayuda.texto_ayuda(self, ctx, ancho, color), sys.stdout) + "\n")

    def get_help_option(self, ctx):
        opcion = super().get_help_option(ctx)
        if opcion is not None:
            opcion.help = "Muestra esta ayuda y termina."
            opcion.metavar = ""
        return opcion

    def make_context(self, *args, **kwargs):
        try:
            return super().make_context(*args, **kwargs)
        except ClickException as exc:
            if exc.__class__.__name__ == "NoArgsIsHelpError":  # sin argumentos: la ayuda
                import typer

                typer.echo(exc.ctx.get_help())
                raise typer.Exit(UsageError.exit_code) from None
            traducir_rich()
            traducir(exc)
            raise


ORDEN_COMANDOS = ("avance", "alertas", "reporte", "verificar", "evolucion", "comparar", "validar",
                  "plantilla", "importar")
"""Orden de los comandos en la ayuda: el del trabajo de un analista."""


class Grupo(Castellano, TyperGroup):
    def list_commands(self, ctx):
        nombres = super().list_commands(ctx)
        orden = {n: i for i, n in enumerate(ORDEN_COMANDOS)}
        return sorted(nombres, key=lambda n: orden.get(n, len(orden)))

    def resolve_command(self, ctx, args):
        try:
            return super().resolve_command(ctx, args)
        except UsageError as exc:
            traducir_rich()
            traducir(exc)
            raise


class Comando(Castellano, TyperCommand):
    pass
