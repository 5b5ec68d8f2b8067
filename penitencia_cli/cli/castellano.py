"""La línea de comandos en castellano: uso, ayuda y errores de uso de typer/click traducidos.

Los comandos (:mod:`.comandos`) usan :class:`Grupo` y :class:`Comando` en vez de las clases de
typer; nada más depende de los textos originales de click.
"""

from __future__ import annotations

import re

from typer.core import TyperCommand, TyperGroup

# typer trae su propia copia de click desde la 0.26 (el piso de pyproject.toml).
from typer._click.exceptions import ClickException, UsageError

_TRADUCCIONES = [
    (re.compile(r"^Missing argument '(.+)'\.$"), r"Falta el argumento '\1'."),
    (re.compile(r"^Missing option '(.+)'\.$"), r"Falta la opción '\1'."),
    (re.compile(r"^No such option: (.+?)(?: Did you mean (.+)\?)?$"), None),
    (re.compile(r"^No such command '(.+)'\.$"), r"No existe el comando '\1'."),
    (re.compile(r"^Got unexpected extra arguments? \((.+)\)$"), r"Sobra el argumento: \1."),
    (re.compile(r"^Invalid value for (.+?): (.+)$"), None),
    (re.compile(r"^Option '(.+)' requires an argument\.$"), r"La opción '\1' necesita un valor."),
    (re.compile(r"^Missing command\.$"), "Falta el comando."),
]


def traducir_mensaje(mensaje: str) -> str:
    for patron, reemplazo in _TRADUCCIONES:
        m = patron.match(mensaje)
        if not m:
            continue
        if reemplazo is not None:
            return m.expand(reemplazo)
        if mensaje.startswith("No such option"):
            sugerencia = f" ¿Quiso decir {m.group(2)}?" if m.group(2) else ""
            return f"No existe la opción: {m.group(1)}.{sugerencia}"
        return f"Valor no válido para {m.group(1)}: {_traducir_detalle(m.group(2))}"
    return mensaje


def _traducir_detalle(detalle: str) -> str:
    detalle = detalle.removeprefix("Value error, ")
    m = re.match(r"^'?(.*?)'? is not one of (.+)\.$", detalle)
    if m:
        return f"{m.group(1)!r} no es uno de {m.group(2).replace(', ', ', ')}."
    m = re.match(r"^(?:Value )?'?(.*?)'? is not a valid (integer|float|.+)\.$", detalle)
    if m:
        tipo = {"integer": "número entero", "float": "número"}.get(m.group(2), m.group(2))
        return f"{m.group(1)!r} no es un {tipo} válido."
    return detalle


def traducir_rich() -> None:
    """Rótulos de la ayuda de typer (rich) en castellano; se llama sólo al mostrar ayuda/errores."""
    try:
        from typer import rich_utils as ru
    except ImportError:  # pragma: no cover - rich es dependencia
        return
    ru.ARGUMENTS_PANEL_TITLE = "Argumentos"
    ru.OPTIONS_PANEL_TITLE = "Opciones"
    ru.COMMANDS_PANEL_TITLE = "Comandos"
    ru.ERRORS_PANEL_TITLE = "Error"
    ru.DEFAULT_STRING = "[por omisión: {}]"
    ru.REQUIRED_LONG_STRING = "[obligatorio]"
    ru.ENVVAR_STRING = "[variable de entorno: {}]"
    ru.DEPRECATED_STRING = "(obsoleto) "
    ru.ABORTED_TEXT = "Cancelado."
    ru.RICH_HELP = "Pruebe [blue]'{command_path} {help_option}'[/] para ver la ayuda."


class Castellano:
    """Mezcla para comandos y grupos de typer: uso, ayuda y errores de uso en castellano."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.options_metavar = "[OPCIONES]"

    def format_usage(self, ctx, formatter) -> None:
        formatter.write_usage(ctx.command_path, " ".join(self.collect_usage_pieces(ctx)),
                              prefix="Uso: ")

    def format_help(self, ctx, formatter) -> None:
        traducir_rich()
        return super().format_help(ctx, formatter)

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
            traducir_rich()
            original = exc.format_message
            exc.format_message = lambda: traducir_mensaje(original())  # type: ignore[method-assign]
            raise


ORDEN_COMANDOS = ("avance", "alertas", "reporte", "verificar", "evolucion", "comparar", "validar",
                  "plantilla")
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
            exc.message = traducir_mensaje(exc.message)
            raise


class Comando(Castellano, TyperCommand):
    pass
