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
            opcion.metavar = ""
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


ORDEN_COMANDOS = ("avance", "alertas", "verificar", "evolucion", "comparar", "validar", "plantilla")
"""Orden de los comandos en la ayuda: el del trabajo de un analista."""


class _Grupo(_Castellano, TyperGroup):
    def list_commands(self, ctx):
        nombres = super().list_commands(ctx)
        orden = {n: i for i, n in enumerate(ORDEN_COMANDOS)}
        return sorted(nombres, key=lambda n: orden.get(n, len(orden)))

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
        typer.Option("--version", callback=_version, is_eager=True, metavar="",
                     help="Muestra la versión y termina."),
    ] = None,
) -> None:
    """Calculadora de indicadores de políticas nacionales (metodología CEPLAN)."""


# --- Piezas comunes ---------------------------------------------------------------------------


class Formato(str, Enum):
    tabla = "tabla"
    json = "json"
    csv = "csv"


class Solo(str, Enum):
    op = "op"
    iop = "iop"
    iss = "iss"


class FormatoSimple(str, Enum):
    tabla = "tabla"
    json = "json"


class TipoAvance(str, Enum):
    uno = "1"
    dos = "2"
    ambos = "ambos"


OpcionFormatoSimple = Annotated[
    FormatoSimple,
    typer.Option("--formato", "-f", help="tabla (en pantalla) o json (un documento)."),
]
OpcionArchivo = Annotated[
    Optional[Path],
    typer.Option("--archivo", "-a", metavar="RUTA",
                 help="Libro .xlsx de la plantilla. Sin él se usa la muestra incluida "
                      "(Política Nacional Penitenciaria)."),
]
OpcionDebug = Annotated[
    bool, typer.Option("--debug", metavar="",
                       help="Ante un error inesperado, muestra la traza de Python.")
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


def _documento():
    """El módulo que arma los documentos JSON (importado sólo al usarlo)."""
    from .salida import documento

    return documento


def _vista():
    """El módulo de vistas rich (importado sólo al mostrar en pantalla)."""
    from .salida import consola

    return consola


def _emitir(en_json: bool, documento: Callable[[], dict],
            mostrar: Callable[["Console"], None]) -> None:
    """Un único documento JSON por stdout, o la vista en pantalla."""
    if en_json:
        from .salida.exportar import texto_json

        sys.stdout.write(texto_json(documento()))
    else:
        mostrar(_consola())


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
                     help="Además, guarda el resultado: .xlsx (el libro del reporte: resumen, "
                          "objetivos, indicadores y alertas), .csv (conteos por franja e índice) "
                          "o .json."),
    ] = None,
    solo: Annotated[
        Optional[Solo],
        typer.Option("--solo", "-s",
                     help="Sólo una tabla: op (objetivos prioritarios), iop (indicadores de OP) o "
                          "iss (indicadores de servicio). Afecta a tabla y csv; no al json."),
    ] = None,
    tipo: Annotated[
        TipoAvance,
        typer.Option("--tipo", "-t", help="Avance Tipo I (VO frente a LE), Tipo II (progreso "
                                          "desde la línea de base) o ambos."),
    ] = TipoAvance.uno,
    desde: Annotated[
        Optional[int],
        typer.Option("--desde", metavar="AÑO0", show_default=False,
                     help="Avance del periodo AÑO0-AÑO: acumulados, el último año; no "
                          "acumulados, ΣVO/ΣLE de los años con ambos valores."),
    ] = None,
    tope: Annotated[
        Optional[str],
        typer.Option("--tope", metavar="VALOR", show_default=False,
                     help="Topa cada indicador en VALOR (p. ej. 100) antes de agregar; muestra "
                          "también el índice sin tope si cambia."),
    ] = None,
    proyeccion: Annotated[
        bool,
        typer.Option("--proyeccion", metavar="", help="Añade la proyección lineal de cada indicador al "
                                          "último año con metas y su clase."),
    ] = False,
    debug: OpcionDebug = False,
) -> None:
    """Avance del AÑO o de un periodo: indicadores, objetivos, índice de gestión y franjas.

    Tipo I por omisión; Tipo II, periodo, tope y proyección a pedido."""

    def accion() -> None:
        matriz, ruta = _cargar(archivo)
        _comprobar_anio(matriz, anio)
        calculo = _calcular_avance(matriz, anio, tipo, desde, _leer_tope(tope), proyeccion)
        _notas(matriz)
        if formato is Formato.json:
            from .salida.exportar import texto_json

            if solo is not None:
                typer.echo("nota: --solo no cambia el documento JSON (se entrega completo).",
                           err=True)
            sys.stdout.write(texto_json(calculo.documento()))
        elif formato is Formato.csv:
            from .salida.exportar import texto_csv

            sys.stdout.write(texto_csv(_filas_csv(calculo, solo)))
        else:
            from .salida.consola import mostrar_avance

            mostrar_avance(calculo.principal, _consola(), solo.value if solo else None,
                           calculo.ampliacion())
        if exportar is not None:
            destino = _exportar_avance(calculo, exportar, ruta)
            typer.echo(f"Exportado a {destino}", err=True)

    _ejecutar(debug, accion)


# --- Reporte: alertas y verificación (issue 4) --------------------------------------------------


def _origen(ruta: Path):
    """Nombre y SHA-256 del libro de entrada, para el encabezado del libro del reporte."""
    import hashlib

    from .salida.documento import Origen

    h = hashlib.sha256()
    with open(ruta, "rb") as f:
        for bloque in iter(lambda: f.read(1 << 16), b""):
            h.update(bloque)
    return Origen(archivo=Path(ruta).name, sha256=h.hexdigest())


def _filas_csv(calculo: "_CalculoAvance", solo: "Solo | None") -> list[list]:
    """CSV de ``avance``: indicadores (todos, sólo IOP o sólo ISS; con las columnas de Tipo II y
    proyección si se pidieron) u objetivos (``--solo op``)."""
    from .salida.documento import filas_indicadores_ampliadas

    resultado = calculo.tipo1
    if solo is Solo.op:
        return [["codigo", "enunciado", "avance", "franja", "con_dato", "total"],
                *([o.codigo, o.enunciado, "" if o.mostrado is None else str(o.mostrado),
                   o.franja.value, o.con_dato, o.total] for o in resultado.objetivos)]
    encabezado, *filas = filas_indicadores_ampliadas(resultado, tipo2=calculo.tipo2,
                                                      proyecciones=calculo.proyecciones)
    if solo is not None:
        nivel = solo.value.upper()
        filas = [f for f in filas if f[1] == nivel]
    return [encabezado, *filas]


class FormatoAlertas(str, Enum):
    tabla = "tabla"
    json = "json"
    markdown = "markdown"


@_comando()
def alertas(
    anio: ArgumentoAnio,
    archivo: OpcionArchivo = None,
    umbral: Annotated[
        Optional[float],
        typer.Option("--umbral", "-u", metavar="AVANCE",
                     help="Avance limitado: avance mostrado igual o menor que este valor. "
                          "\\[por omisión: 20.0]"),
    ] = None,
    formato: Annotated[
        FormatoAlertas,
        typer.Option("--formato", "-f",
                     help="tabla (en pantalla), json (un documento) o markdown (borrador de la "
                          "sección «Alertas identificadas» del reporte, para editar)."),
    ] = FormatoAlertas.tabla,
    debug: OpcionDebug = False,
) -> None:
    """Alertas del AÑO: indicadores sin medición, con retroceso y con avance limitado."""

    def accion() -> None:
        from decimal import Decimal

        from .reglas import METODOLOGIA, alertas_de, calcular

        if umbral is not None and not 0 <= umbral < float("inf"):
            raise ErrorDeUso(f"El umbral debe ser un número mayor o igual que 0 (se dio {umbral}).")
        matriz, ruta = _cargar(archivo)
        _comprobar_anio(matriz, anio)
        _notas(matriz)
        limite = METODOLOGIA.umbral_avance_limitado if umbral is None else Decimal(str(umbral))
        lista = alertas_de(calcular(matriz, anio), limite)
        if formato is FormatoAlertas.json:
            from .salida.documento import documento_alertas
            from .salida.exportar import texto_json

            sys.stdout.write(texto_json(documento_alertas(anio, lista, limite)))
        elif formato is FormatoAlertas.markdown:
            from .salida.redaccion import borrador_alertas

            sys.stdout.write(borrador_alertas(anio, lista, origen=Path(ruta).name))
        else:
            from .salida.consola import mostrar_alertas

            mostrar_alertas(anio, lista, _consola())

    _ejecutar(debug, accion)


# --- Tiempo y método: avance Tipo II, periodo, tope y proyección; evolucion; comparar ------------


class _CalculoAvance:
    """Los resultados que pide ``avance`` con ``--tipo``, ``--desde``, ``--tope``, ``--proyeccion``.

    ``tipo1`` da siempre las claves del contrato JSON; ``principal`` es lo que muestra la tabla
    (Tipo II con ``--tipo 2``).
    """

    def __init__(self, matriz: "Matriz", anio: int, tipo: TipoAvance, desde: int | None,
                 tope, proyeccion: bool):
        from .reglas import TIPO_II, anio_final_con_meta, calcular, proyectar

        self.tipo = tipo
        self.tipo1 = calcular(matriz, anio, tope=tope, desde=desde)
        self.tipo2 = (calcular(matriz, anio, tope=tope, desde=desde, tipo=TIPO_II)
                      if tipo is not TipoAvance.uno else None)
        self.principal = self.tipo2 if tipo is TipoAvance.dos else self.tipo1
        self.sin_tope = self.sin_tope2 = None
        if tope is not None:
            self.sin_tope = calcular(matriz, anio, desde=desde)
            if self.tipo2 is not None:
                self.sin_tope2 = calcular(matriz, anio, desde=desde, tipo=TIPO_II)
        self.proyecciones = None
        if proyeccion:
            final = anio_final_con_meta(matriz)
            self.proyecciones = {i.codigo: proyectar(i, final, hasta=anio)
                                 for i in matriz.indicadores}

    def documento(self) -> dict:
        from .salida.documento import agregado_json, documento_avance_ampliado

        documento = documento_avance_ampliado(self.tipo1, tipo2=self.tipo2, sin_tope=self.sin_tope,
                                              proyecciones=self.proyecciones)
        if self.sin_tope2 is not None:
            documento["tipo2"]["indice_sin_tope"] = agregado_json(self.sin_tope2.indice)
        return documento

    def ampliacion(self):
        from .salida.consola import Ampliacion

        return Ampliacion(
            tipo2=self.tipo2 if self.tipo is TipoAvance.ambos else None,
            sin_tope=self.sin_tope2 if self.tipo is TipoAvance.dos else self.sin_tope,
            proyecciones=self.proyecciones,
            linea_base=self.tipo is TipoAvance.dos,
        )


def _calcular_avance(matriz: "Matriz", anio: int, tipo: TipoAvance, desde: int | None, tope,
                     proyeccion: bool) -> _CalculoAvance:
    if desde is not None:
        if desde > anio:
            raise ErrorDeUso(f"--desde {desde} es posterior al año {anio}: el periodo va de "
                             "AÑO0 a AÑO.")
        _comprobar_anio(matriz, desde)
    return _CalculoAvance(matriz, anio, tipo, desde, tope, proyeccion)


def _leer_tope(texto: str | None):
    """``--tope``: un número positivo (admite coma decimal)."""
    from decimal import Decimal, InvalidOperation

    if texto is None:
        return None
    try:
        valor = Decimal(texto.strip().replace(",", "."))
    except InvalidOperation:
        valor = None
    if valor is None or not valor.is_finite() or valor <= 0:
        raise ErrorDeUso(f"--tope {texto!r} no es válido: indique un número positivo, p. ej. 100.")
    return valor


def _exportar_avance(calculo: _CalculoAvance, destino: Path, entrada: Path) -> Path:
    """.json: el mismo documento que ``--formato json``; .xlsx y .csv: el avance Tipo I."""
    from .salida.exportar import escribir_atomico, texto_json
    from .salida.exportar import exportar as exportar_a

    if Path(destino).suffix.lower() == ".json":
        contenido = texto_json(calculo.documento())
        return escribir_atomico(destino, lambda p: p.write_text(contenido, encoding="utf-8"),
                                entrada)
    if calculo.tipo2 is not None or calculo.proyecciones is not None:
        typer.echo("nota: el .xlsx y el .csv exportados llevan el avance Tipo I; el Tipo II y la "
                   "proyección van en la exportación .json.", err=True)
    return exportar_a(calculo.tipo1, destino, entrada=entrada, origen=_origen(entrada))




def _codigo_del_libro(matriz: "Matriz", codigo: str) -> str:
    """El código tal como está en el libro (sin distinguir mayúsculas), o ErrorDeUso."""
    import difflib

    codigos = [i.codigo for i in matriz.indicadores] + [o.codigo for o in matriz.objetivos]
    codigos.append("INDICE")
    por_clave = {c.upper(): c for c in codigos}
    buscado = codigo.strip().upper()
    if buscado in por_clave:
        return por_clave[buscado]
    parecidos = difflib.get_close_matches(buscado, list(por_clave), n=3, cutoff=0.6)
    sugerencia = (" ¿Quiso decir " + " o ".join(por_clave[p] for p in parecidos) + "?"
                  if parecidos else "")
    raise ErrorDeUso(f"{codigo!r} no es un indicador, un objetivo prioritario ni INDICE del "
                     f"libro.{sugerencia}")


@_comando()
def evolucion(
    codigo: Annotated[
        str, typer.Argument(metavar="CODIGO", show_default=False,
                            help="Indicador (p. ej. IOP.01.02), objetivo prioritario (OP.01) o "
                                 "INDICE.")
    ],
    archivo: OpcionArchivo = None,
    formato: OpcionFormatoSimple = FormatoSimple.tabla,
    debug: OpcionDebug = False,
) -> None:
    """Evolución año a año de un indicador, un OP o el índice.

    Logro esperado, valor obtenido, avance Tipo I y Tipo II, franja, línea de tendencia y
    proyección al último año con metas."""

    def accion() -> None:
        from .reglas import evolucion as evolucion_de

        matriz, _ = _cargar(archivo)
        if not matriz.anios:
            raise ErrorDeUso("El libro no tiene años con datos.")
        ev = evolucion_de(matriz, _codigo_del_libro(matriz, codigo))
        _notas(matriz)
        _emitir(formato is FormatoSimple.json, lambda: _documento().documento_evolucion(ev),
                lambda consola: _vista().mostrar_evolucion(ev, consola))

    _ejecutar(debug, accion)


@_comando()
def verificar(
    anio: ArgumentoAnio,
    archivo: OpcionArchivo = None,
    formato: OpcionFormatoSimple = FormatoSimple.tabla,
    debug: OpcionDebug = False,
) -> None:
    """Compara el avance del AÑO con el publicado y explica cada diferencia (1 si las hay)."""

    def accion() -> int:
        from .reglas import METODOLOGIA, calcular, conciliar

        matriz, _ = _cargar(archivo)
        _comprobar_anio(matriz, anio)
        _notas(matriz)
        conc = conciliar(calcular(matriz, anio))
        if not conc.comparados:
            raise ErrorDeUso(
                f"El libro no tiene avances publicados para {anio} (hoja «Avance publicado», "
                f"columna {anio}): no hay nada que verificar."
            )
        tolerancia = METODOLOGIA.tolerancia_publicado
        _emitir(formato is FormatoSimple.json,
                lambda: _documento().documento_conciliacion(conc, tolerancia),
                lambda consola: _vista().mostrar_conciliacion(conc, tolerancia, consola))
        return SALIDA_DATOS if conc.diferencias else 0

    _ejecutar(debug, accion)


@_comando()
def validar(
    archivo: Annotated[
        Path,
        typer.Argument(metavar="ARCHIVO", help="Libro .xlsx de la plantilla que se revisa.",
                       show_default=False),
    ],
    formato: OpcionFormatoSimple = FormatoSimple.tabla,
    debug: OpcionDebug = False,
) -> None:
    """Revisa un libro y lista todos sus problemas a la vez (1 si hay errores).

    Errores (impiden calcular) y observaciones de calidad de los datos: sentido contra la
    tendencia de las metas, porcentajes fuera de 0-100, escala mezclada, años sin logro esperado
    o sin valor obtenido, avance publicado distinto del calculado. Sale con 0 si no hay errores y
    1 si los hay."""

    def accion() -> int:
        from .lectura import leer_libro
        from .reglas import observaciones_calidad

        try:
            matriz = leer_libro(archivo)
            problemas = list(matriz.observaciones_lectura) + observaciones_calidad(matriz)
        except ErrorDeDatos as exc:
            problemas = list(exc.problemas)
        errores = sum(p.severidad is Severidad.ERROR for p in problemas)
        _emitir(formato is FormatoSimple.json,
                lambda: _documento().documento_validacion(str(archivo), problemas),
                lambda consola: _vista().mostrar_validacion(str(archivo), problemas, consola))
        return SALIDA_DATOS if errores else 0

    _ejecutar(debug, accion)


@_comando()
def comparar(
    anio1: Annotated[int, typer.Argument(metavar="AÑO1", show_default=False,
                                         help="Año inicial, p. ej. 2023.")],
    anio2: Annotated[int, typer.Argument(metavar="AÑO2", show_default=False,
                                         help="Año final, p. ej. 2024.")],
    archivo: OpcionArchivo = None,
    formato: OpcionFormatoSimple = FormatoSimple.tabla,
    debug: OpcionDebug = False,
) -> None:
    """Compara el avance Tipo I de dos años: índice, conteos y transiciones de franja.

    Qué OP e indicadores suben o bajan de franja, ganan o pierden dato, y cuánto cambian el índice
    y cada conteo por franja."""

    def accion() -> None:
        from .reglas import calcular, comparar_anios

        if anio1 == anio2:
            raise ErrorDeUso("Indique dos años distintos.")
        matriz, _ = _cargar(archivo)
        _comprobar_anio(matriz, anio1)
        _comprobar_anio(matriz, anio2)
        comparacion = comparar_anios(calcular(matriz, anio1), calcular(matriz, anio2))
        _notas(matriz)
        _emitir(formato is FormatoSimple.json,
                lambda: _documento().documento_comparacion(comparacion),
                lambda consola: _vista().mostrar_comparacion(comparacion, consola))

    _ejecutar(debug, accion)


@_comando()
def plantilla(
    salida: Annotated[
        Path,
        typer.Argument(metavar="SALIDA.xlsx", help="Libro que se crea, p. ej. mi_politica.xlsx.",
                       show_default=False),
    ],
    desde: Annotated[int, typer.Option("--desde", metavar="AÑO",
                                       help="Primer año de las columnas de años.")] = 2019,
    hasta: Annotated[int, typer.Option("--hasta", metavar="AÑO",
                                       help="Último año de las columnas de años.")] = 2030,
    forzar: Annotated[bool, typer.Option("--forzar", metavar="",
                                         help="Reemplaza SALIDA si ya existe.")] = False,
    debug: OpcionDebug = False,
) -> None:
    """Escribe una plantilla vacía, lista para llenar.

    Las cinco hojas con sus encabezados, una hoja Instrucciones, listas desplegables para nivel,
    sentido y acumulación, y una columna por año. No reemplaza un archivo existente sin
    --forzar."""

    def accion() -> None:
        from .salida.plantilla import escribir_plantilla

        destino = escribir_plantilla(salida, desde, hasta, forzar)
        typer.echo(f"Plantilla escrita en {destino} (años {desde} a {hasta}). Llénela y "
                   f"revísela con: penitencia validar {destino}")

    _ejecutar(debug, accion)


def main() -> None:
    """Punto de entrada del script ``penitencia``."""
    app(prog_name="penitencia")
