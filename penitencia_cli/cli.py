"""Capa de línea de comandos (typer): lee opciones, llama al núcleo, muestra y traduce errores a
códigos de salida. Es el único módulo que importa typer.

Códigos de salida: 0 bien; 1 problemas en los datos; 2 uso incorrecto (opciones, año, destino).
openpyxl, rich y los exportadores se importan dentro de los comandos, para que el arranque (y
``--help``) sea rápido.
"""

from __future__ import annotations

import re
import sys
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Callable, Optional

import typer
from typer.core import TyperCommand, TyperGroup

from . import __version__
from .errores import ErrorDeDatos, ErrorDeUso, Severidad  # sin pydantic: arranque rápido

if TYPE_CHECKING:
    from rich.console import Console

    from .modelos import Matriz

SALIDA_DATOS = 1
SALIDA_USO = 2


# --- Ayuda y errores de uso en castellano ----------------------------------------------------

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


def _traducir_mensaje(mensaje: str) -> str:
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


def _traducir_rich() -> None:
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


class _Castellano:
    """Mezcla para comandos y grupos de typer: uso, ayuda y errores de uso en castellano."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.options_metavar = "[OPCIONES]"

    def format_usage(self, ctx, formatter) -> None:
        formatter.write_usage(ctx.command_path, " ".join(self.collect_usage_pieces(ctx)),
                              prefix="Uso: ")

    def format_help(self, ctx, formatter) -> None:
        _traducir_rich()
        return super().format_help(ctx, formatter)

    def get_help_option(self, ctx):
        opcion = super().get_help_option(ctx)
        if opcion is not None:
            opcion.help = "Muestra esta ayuda y termina."
        return opcion

    def make_context(self, *args, **kwargs):
        from typer._click.exceptions import ClickException

        try:
            return super().make_context(*args, **kwargs)
        except ClickException as exc:
            _traducir_rich()
            original = exc.format_message
            exc.format_message = lambda: _traducir_mensaje(original())  # type: ignore[method-assign]
            raise


class _Grupo(_Castellano, TyperGroup):
    def resolve_command(self, ctx, args):
        from typer._click.exceptions import UsageError

        try:
            return super().resolve_command(ctx, args)
        except UsageError as exc:
            _traducir_rich()
            exc.message = _traducir_mensaje(exc.message)
            raise


class _Comando(_Castellano, TyperCommand):
    pass


app = typer.Typer(
    name="penitencia",
    cls=_Grupo,
    help=(
        "Calculadora de indicadores de políticas nacionales (metodología CEPLAN): avance Tipo I, "
        "avance de los objetivos prioritarios, índice de gestión, franjas y semáforo. "
        "Sin --archivo usa la muestra incluida: la Política Nacional Penitenciaria al 2030."
    ),
    no_args_is_help=True,
    subcommand_metavar="COMANDO [ARGUMENTOS]...",
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _comando(**kwargs):
    return app.command(cls=_Comando, **kwargs)


def _version(valor: bool) -> None:
    if valor:
        typer.echo(f"penitencia {__version__}")
        raise typer.Exit()


@app.callback()
def _principal(
    version: Annotated[
        Optional[bool],
        typer.Option("--version", callback=_version, is_eager=True,
                     help="Muestra la versión y termina."),
    ] = None,
) -> None:
    """Calculadora de indicadores de políticas nacionales (metodología CEPLAN)."""


# --- Piezas comunes ---------------------------------------------------------------------------


class Formato(str, Enum):
    tabla = "tabla"
    json = "json"
    csv = "csv"


OpcionArchivo = Annotated[
    Optional[Path],
    typer.Option("--archivo", "-a", metavar="RUTA",
                 help="Libro .xlsx de la plantilla. Sin él se usa la muestra incluida "
                      "(Política Nacional Penitenciaria)."),
]
OpcionDebug = Annotated[
    bool, typer.Option("--debug", help="Ante un error inesperado, muestra la traza de Python.")
]
ArgumentoAnio = Annotated[
    int, typer.Argument(metavar="AÑO", help="Año del seguimiento, p. ej. 2024.", show_default=False)
]


def _consola(stderr: bool = False) -> "Console":
    from rich.console import Console

    return Console(stderr=stderr, highlight=False)


def _mostrar_problemas(problemas, titulo: str) -> None:
    from .salida.consola import tabla_problemas

    _consola(stderr=True).print(tabla_problemas(problemas, titulo))


def _notas(matriz: "Matriz") -> None:
    """Notas del lector (hojas o columnas ignoradas) por stderr, sin ensuciar stdout."""
    notas = [p for p in matriz.observaciones_lectura if p.severidad is Severidad.OBSERVACION]
    for p in notas:
        typer.echo(f"nota: {p}", err=True)


def _ejecutar(debug: bool, accion: Callable[[], int | None]) -> None:
    """Corre un comando y traduce sus errores a mensajes en castellano y códigos de salida."""
    try:
        codigo = accion() or 0
    except ErrorDeDatos as exc:
        errores = sum(p.severidad is Severidad.ERROR for p in exc.problemas)
        _mostrar_problemas(exc.problemas, f"El libro tiene {errores} problema(s) que impiden "
                                          "calcular")
        codigo = SALIDA_DATOS
    except ErrorDeUso as exc:
        typer.echo(f"Error: {exc}", err=True)
        codigo = SALIDA_USO
    except OSError as exc:
        if debug:
            raise
        typer.echo(f"Error al leer o escribir un archivo: {exc}", err=True)
        codigo = SALIDA_DATOS
    except Exception as exc:  # el último recurso: nunca una traza sin --debug
        if debug:
            raise
        typer.echo(f"Error inesperado ({type(exc).__name__}): {exc}. Vuelva a ejecutar con "
                   "--debug para ver el detalle.", err=True)
        codigo = SALIDA_DATOS
    if codigo:
        raise typer.Exit(codigo)


def _cargar(archivo: Path | None) -> tuple["Matriz", Path]:
    from .lectura import leer_libro, ruta_muestra

    ruta = archivo if archivo is not None else ruta_muestra()
    if not sys.stderr.isatty():  # barra de progreso sólo ante una persona, nunca en stdout
        return leer_libro(ruta), ruta
    from .salida.progreso import ProgresoLectura

    with ProgresoLectura() as progreso:
        return leer_libro(ruta, progreso=progreso), ruta


def _comprobar_anio(matriz: "Matriz", anio: int) -> None:
    if anio not in matriz.anios:
        tiene = ", ".join(str(a) for a in matriz.anios) or "ninguno"
        raise ErrorDeUso(f"El libro no tiene datos del año {anio}. Años disponibles: {tiene}.")


# --- Comandos ---------------------------------------------------------------------------------


@_comando()
def avance(
    anio: ArgumentoAnio,
    archivo: OpcionArchivo = None,
    formato: Annotated[
        Formato,
        typer.Option("--formato", "-f", help="tabla (en pantalla), json (un documento) o csv "
                                             "(tabla de indicadores)."),
    ] = Formato.tabla,
    exportar: Annotated[
        Optional[Path],
        typer.Option("--exportar", "-e", metavar="RUTA",
                     help="Además, guarda el resultado: .xlsx (libro con resumen, objetivos e "
                          "indicadores), .csv (conteos por franja e índice) o .json."),
    ] = None,
    debug: OpcionDebug = False,
) -> None:
    """Avance Tipo I del AÑO: indicadores, objetivos prioritarios, índice de gestión y franjas."""

    def accion() -> None:
        from .reglas import calcular

        matriz, ruta = _cargar(archivo)
        _comprobar_anio(matriz, anio)
        resultado = calcular(matriz, anio)
        _notas(matriz)
        if formato is Formato.json:
            from .salida.documento import documento_avance
            from .salida.exportar import texto_json

            sys.stdout.write(texto_json(documento_avance(resultado)))
        elif formato is Formato.csv:
            from .salida.documento import COLUMNAS_INDICADORES, filas_indicadores
            from .salida.exportar import texto_csv

            sys.stdout.write(texto_csv([COLUMNAS_INDICADORES, *filas_indicadores(resultado)]))
        else:
            from .salida.consola import mostrar_avance

            mostrar_avance(resultado, _consola())
        if exportar is not None:
            from .salida.exportar import exportar as exportar_a

            destino = exportar_a(resultado, exportar, entrada=ruta)
            typer.echo(f"Exportado a {destino}", err=True)

    _ejecutar(debug, accion)


def main() -> None:
    """Punto de entrada del script ``penitencia``."""
    app(prog_name="penitencia")
