"""Los comandos (typer). Cada uno lee sus opciones, llama a una función del dominio
(:mod:`penitencia_cli.reglas.consulta` y compañía), entrega el resultado a una vista o a un
exportador, y traduce los errores a mensajes y códigos de salida.

Códigos de salida: 0 bien; 1 problemas en los datos; 2 uso incorrecto (opciones, año, destino).
Lo pesado (pydantic, openpyxl, rich, los exportadores) se importa dentro de los comandos, para que
el arranque y ``--help`` sean rápidos.
"""

from __future__ import annotations

import gc
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Callable, Optional

import typer

from .. import __version__
from . import SALIDA_INTERRUMPIDO, interrumpido
from ..errores import ErrorDeDatos, ErrorDeUso, Severidad  # sin pydantic: arranque rápido
from .castellano import Comando, Grupo
from .opciones import (
    ArgumentoAnio,
    leer_anio,
    leer_numero,
    Formato,
    FormatoAlertas,
    FormatoSimple,
    OpcionArchivo,
    OpcionDebug,
    OpcionFormatoSimple,
    Solo,
    TipoAvance,
)

if TYPE_CHECKING:
    from rich.console import Console

    from ..modelos import Matriz

SALIDA_DATOS = 1
SALIDA_USO = 2

app = typer.Typer(
    name="penitencia",
    cls=Grupo,
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
    return app.command(cls=Comando, **kwargs)


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


# --- Piezas comunes -----------------------------------------------------------------------------


def _consola(stderr: bool = False) -> "Console":
    from ..salida.terminal import consola

    return consola(stderr)


def _json(documento: dict) -> None:
    """Un único documento JSON por stdout (con escapes \\u si la salida no es UTF-8: nunca se
    pierde una letra del documento)."""
    from ..salida.codificador import escribir_json
    from ..salida.terminal import es_utf

    escribir = sys.stdout.write
    if not es_utf(sys.stdout):
        escribir = lambda texto: sys.stdout.write(_escapar_no_ascii(texto))  # noqa: E731
    escribir_json(documento, escribir)


def _escapar_no_ascii(texto: str) -> str:
    """Lo que no es ASCII, como escapes \\uXXXX de JSON (sólo aparece dentro de cadenas)."""
    def escape(m) -> str:
        codigo = ord(m.group())
        if codigo > 0xFFFF:
            codigo -= 0x10000
            return f"\\u{0xD800 + (codigo >> 10):04x}\\u{0xDC00 + (codigo & 0x3FF):04x}"
        return f"\\u{codigo:04x}"

    import re

    return re.sub(r"[^\x00-\x7f]", escape, texto)


def _emitir(en_json: bool, documento: Callable[[], dict],
            mostrar: Callable[["Console"], None]) -> None:
    """El documento JSON, o la vista en pantalla."""
    if en_json:
        _json(documento())
    else:
        mostrar(_consola())


def _nota(texto: str) -> None:
    """Una nota por stderr; ante una terminal, partida entre palabras a su ancho."""
    linea = f"nota: {texto}"
    from ..salida.terminal import es_terminal

    if es_terminal(sys.stderr):
        import shutil
        import textwrap

        ancho = shutil.get_terminal_size().columns
        linea = textwrap.fill(linea, width=max(ancho - 1, 40), subsequent_indent="      ",
                              break_long_words=False, break_on_hyphens=False)
    typer.echo(linea, err=True)


def _notas(matriz: "Matriz") -> None:
    """Notas del lector (hojas o columnas ignoradas) por stderr, sin ensuciar stdout."""
    for p in matriz.observaciones_lectura:
        if p.severidad is Severidad.OBSERVACION:
            _nota(str(p))


def _resumen_calidad(calculo, archivo: Path | None, tabla: bool) -> None:
    """Una línea por stderr con las observaciones de calidad de los datos calculados (y las notas
    del cálculo): quien no corre ``validar`` también las ve."""
    for nota in calculo.notas:
        _nota(nota)
    n = sum(len(lista) for lista in calculo.calidad.values())
    if not n:
        return
    anios = (str(calculo.pedido.anio) if calculo.pedido.desde is None
             else f"{calculo.pedido.desde}-{calculo.pedido.anio}")
    donde = " (marcadas con ! en la tabla)" if tabla else ""
    validar = "penitencia validar" + (f" {archivo}" if archivo is not None else "")
    _nota(f"{n} observación(es) de calidad de los datos de {anios}{donde}; detalle con "
          f"{validar}")


def _ejecutar(debug: bool, accion: Callable[[], int | None]) -> None:
    """Corre un comando y traduce sus errores a mensajes en castellano y códigos de salida."""
    from ..salida.terminal import preparar_salidas

    preparar_salidas()
    gc.disable()  # millones de objetos sin ciclos: el recolector sólo gasta (benchmarks/README)
    try:
        codigo = accion() or 0
    except KeyboardInterrupt:
        if debug:
            raise
        codigo = interrumpido()
    except BrokenPipeError:  # `penitencia ... | head`: quien lee ya no quiere más
        _callar_tuberia()
        codigo = SALIDA_DATOS
    except ErrorDeDatos as exc:
        from ..salida.consola import tabla_problemas

        errores = sum(p.severidad is Severidad.ERROR for p in exc.problemas)
        _consola(stderr=True).print(tabla_problemas(
            exc.problemas, f"El libro tiene {errores} problema(s) que impiden calcular"))
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
    finally:
        gc.enable()
    if codigo:
        raise typer.Exit(codigo)


def _cargar(archivo: Path | None) -> tuple["Matriz", Path]:
    """El libro pedido (o la muestra), con barra de progreso si stderr es una terminal."""
    from ..lectura import leer_libro, ruta_muestra

    ruta = archivo if archivo is not None else ruta_muestra()
    if not sys.stderr.isatty():  # barra de progreso sólo ante una persona, nunca en stdout
        return leer_libro(ruta), ruta
    from ..salida.progreso import ProgresoLectura

    with ProgresoLectura() as progreso:
        return leer_libro(ruta, progreso=progreso), ruta


# --- Comandos -----------------------------------------------------------------------------------


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
                          "objetivos, indicadores, logros y valores, alertas), .csv (conteos por "
                          "franja e índice) "
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
        typer.Option("--desde", metavar="AÑO0", show_default=False, parser=leer_anio,
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
        typer.Option("--proyeccion", metavar="", help="Añade la proyección lineal de cada "
                                                      "indicador al último año con metas y su "
                                                      "clase."),
    ] = False,
    debug: OpcionDebug = False,
) -> None:
    """Avance del AÑO o de un periodo: indicadores, objetivos, índice de gestión y franjas.

    Tipo I por omisión; Tipo II, periodo, tope y proyección a pedido."""

    def accion() -> None:
        from ..reglas.consulta import PedidoAvance, calcular_avance, leer_tope

        pedido = PedidoAvance(anio, tipo.value, desde, leer_tope(tope), proyeccion)
        if exportar is not None:  # un destino imposible se dice antes de leer el libro
            from ..salida.archivos import comprobar_destino

            comprobar_destino(exportar)
        matriz, ruta = _cargar(archivo)
        calculo = calcular_avance(matriz, pedido)
        _notas(matriz)
        solo_ = solo.value if solo else None
        if formato is Formato.json:
            from ..salida.documento import documento_calculo

            if solo is not None:
                typer.echo("nota: --solo no cambia el documento JSON (se entrega completo).",
                           err=True)
            _json(documento_calculo(calculo))
        elif formato is Formato.csv:
            from ..salida.documento import filas_csv_avance
            from ..salida.exportar import escribir_csv

            escribir_csv(filas_csv_avance(calculo, solo_), sys.stdout)
        else:
            from ..salida.vista_avance import mostrar_calculo

            mostrar_calculo(calculo, _consola(), solo_)
        _resumen_calidad(calculo, archivo, formato is Formato.tabla)  # tras la tabla: se ve
        if exportar is not None:
            from ..salida.exportar import exportar_avance

            destino, notas = exportar_avance(calculo, exportar, ruta)
            for nota in notas:
                _nota(nota)
            typer.echo(f"Exportado a {destino}", err=True)

    _ejecutar(debug, accion)


@_comando()
def alertas(
    anio: ArgumentoAnio,
    archivo: OpcionArchivo = None,
    umbral: Annotated[
        Optional[float],
        typer.Option("--umbral", "-u", metavar="AVANCE", parser=leer_numero,
                     help="Avance limitado: avance mostrado igual o menor que este valor "
                          "(por omisión, 20.0)."),
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
        from ..reglas.consulta import alertas_del_anio, leer_umbral

        limite = leer_umbral(umbral)
        matriz, ruta = _cargar(archivo)
        lista = alertas_del_anio(matriz, anio, limite)
        _notas(matriz)
        if formato is FormatoAlertas.json:
            from ..salida.documento import documento_alertas

            _json(documento_alertas(anio, lista, limite))
        elif formato is FormatoAlertas.markdown:
            from ..salida.redaccion import borrador_alertas

            sys.stdout.write(borrador_alertas(anio, lista, origen=Path(ruta).name))
        else:
            from ..salida.vistas import mostrar_alertas

            mostrar_alertas(anio, lista, _consola())

    _ejecutar(debug, accion)


@_comando()
def reporte(
    anio: ArgumentoAnio,
    salida: Annotated[
        Path,
        typer.Option("--salida", "-o", metavar="RUTA", show_default=False,
                     help="El archivo que se escribe: .pdf, .docx o .html (el formato sale de la "
                          "extensión)."),
    ],
    archivo: OpcionArchivo = None,
    alertas: Annotated[
        Optional[Path],
        typer.Option("--alertas", metavar="ALERTAS.md", show_default=False,
                     help="Las alertas que completó el analista (el markdown de «penitencia "
                          "alertas AÑO --formato markdown»). Sin él se publica ese borrador, con "
                          "sus [completar: …] a la vista."),
    ] = None,
    debug: OpcionDebug = False,
) -> None:
    """Escribe el Reporte de Seguimiento del AÑO en PDF, DOCX o HTML.

    Encabezado y conteo por franja, índice de gestión y gráfico de objetivos,
    la matriz con los logros esperados y valores obtenidos de cada año, notas
    y alertas identificadas. Nunca se escribe sobre el libro de entrada."""

    def accion() -> None:
        from ..salida.publicacion import escribir_publicacion, formato_de

        formato = formato_de(salida)
        texto_alertas = None
        if alertas is not None:
            from ..salida.publicacion.alertas import leer_alertas

            texto_alertas = leer_alertas(alertas, anio)
        matriz, ruta = _cargar(archivo)
        from ..reglas.consulta import reporte_del_anio
        from ..salida.formato import origen_de
        from ..salida.publicacion.alertas import notas_alertas
        from ..salida.publicacion.datos import datos_publicacion

        calculo = reporte_del_anio(matriz, anio)
        _notas(matriz)
        datos = datos_publicacion(calculo, texto_alertas, origen_de(ruta))
        destino = escribir_publicacion(datos, salida, ruta, alertas)
        for nota in notas_alertas(datos, texto_alertas, alertas, archivo):
            _nota(nota)
        typer.echo(f"{datos['documento']['titulo']} ({formato.upper()}) escrito en {destino}")

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
        from ..reglas.consulta import verificacion
        from ..reglas.metodologia import METODOLOGIA

        matriz, _ = _cargar(archivo)
        conc = verificacion(matriz, anio)
        _notas(matriz)
        tolerancia = METODOLOGIA.tolerancia_publicado

        def documento() -> dict:
            from ..salida.documento import documento_conciliacion

            return documento_conciliacion(conc, tolerancia)

        def mostrar(consola: "Console") -> None:
            from ..salida.vistas import mostrar_conciliacion

            mostrar_conciliacion(conc, tolerancia, consola)

        _emitir(formato is FormatoSimple.json, documento, mostrar)
        return SALIDA_DATOS if conc.diferencias else 0

    _ejecutar(debug, accion)


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
        from ..reglas.consulta import evolucion_de
        from ..salida import documento, vistas

        matriz, _ = _cargar(archivo)
        ev = evolucion_de(matriz, codigo)
        _notas(matriz)
        _emitir(formato is FormatoSimple.json, lambda: documento.documento_evolucion(ev),
                lambda consola: vistas.mostrar_evolucion(ev, consola))

    _ejecutar(debug, accion)


@_comando()
def comparar(
    anio1: Annotated[int, typer.Argument(metavar="AÑO1", show_default=False, parser=leer_anio,
                                         help="Año inicial, p. ej. 2023.")],
    anio2: Annotated[int, typer.Argument(metavar="AÑO2", show_default=False, parser=leer_anio,
                                         help="Año final, p. ej. 2024.")],
    archivo: OpcionArchivo = None,
    formato: OpcionFormatoSimple = FormatoSimple.tabla,
    debug: OpcionDebug = False,
) -> None:
    """Compara el avance Tipo I de dos años: índice, conteos y transiciones de franja.

    Qué OP e indicadores suben o bajan de franja, ganan o pierden dato, y cuánto cambian el índice
    y cada conteo por franja."""

    def accion() -> None:
        from ..reglas.consulta import comparacion
        from ..salida import documento, vistas

        matriz, _ = _cargar(archivo)
        resultado = comparacion(matriz, anio1, anio2)
        _notas(matriz)
        _emitir(formato is FormatoSimple.json, lambda: documento.documento_comparacion(resultado),
                lambda consola: vistas.mostrar_comparacion(resultado, consola))

    _ejecutar(debug, accion)


@_comando()
def validar(
    archivo: Annotated[
        Optional[Path],
        typer.Argument(metavar="ARCHIVO", show_default=False,
                       help="Libro .xlsx de la plantilla que se revisa (sin él, la muestra "
                            "incluida)."),
    ] = None,
    formato: OpcionFormatoSimple = FormatoSimple.tabla,
    debug: OpcionDebug = False,
) -> None:
    """Revisa un libro y lista todos sus problemas a la vez (1 si hay errores).

    Errores (impiden calcular) y observaciones de calidad de los datos: sentido contra la
    tendencia de las metas, porcentajes fuera de 0-100, escala mezclada, años sin logro esperado
    o sin valor obtenido, avance publicado distinto del calculado. Sale con 0 si no hay errores y
    1 si los hay."""

    def accion() -> int:
        from ..lectura import leer_libro, ruta_muestra
        from ..reglas.calidad import revisar, revisar_parcial
        from ..salida import consola, documento

        ruta = archivo if archivo is not None else ruta_muestra()
        nombre = str(archivo) if archivo is not None else ruta.name
        try:
            problemas = revisar(leer_libro(ruta))
        except ErrorDeDatos as exc:  # también las observaciones que aún se pueden calcular
            problemas = revisar_parcial(exc.parcial, exc.problemas)
        errores = sum(p.severidad is Severidad.ERROR for p in problemas)
        _emitir(formato is FormatoSimple.json,
                lambda: documento.documento_validacion(nombre, problemas),
                lambda c: consola.mostrar_validacion(nombre, problemas, c))
        return SALIDA_DATOS if errores else 0

    _ejecutar(debug, accion)


@_comando()
def plantilla(
    salida: Annotated[
        str,
        typer.Argument(metavar="SALIDA.xlsx", help="Libro que se crea, p. ej. mi_politica.xlsx.",
                       show_default=False),
    ],
    desde: Annotated[int, typer.Option("--desde", metavar="AÑO", parser=leer_anio,
                                       help="Primer año de las columnas de años.")] = 2019,
    hasta: Annotated[int, typer.Option("--hasta", metavar="AÑO", parser=leer_anio,
                                       help="Último año de las columnas de años.")] = 2030,
    forzar: Annotated[bool, typer.Option("--forzar", metavar="",
                                         help="Reemplaza SALIDA si ya existe.")] = False,
    instrumento: Annotated[
        Optional[str],
        typer.Option("--instrumento", "-i", metavar="INSTRUMENTO", show_default=False,
                     help="politica (por omisión: política nacional), pei, pesem, pdrc o pdlc: "
                          "los niveles de las listas y las instrucciones de ese instrumento."),
    ] = None,
    debug: OpcionDebug = False,
) -> None:
    """Escribe una plantilla vacía, lista para llenar.

    Las cinco hojas con sus encabezados, una hoja Instrucciones, listas desplegables para nivel,
    sentido y acumulación, y una columna por año. No reemplaza un archivo existente sin
    --forzar."""

    def accion() -> None:
        from ..salida.archivos import comprobar_destino
        from ..salida.plantilla import escribir_plantilla, instrumento_pedido

        ins = instrumento_pedido(instrumento)
        destino = escribir_plantilla(comprobar_destino(salida), desde, hasta, forzar, ins)
        que = f" de un {ins.nombre}" if ins.es_plan else ""
        typer.echo(f"Plantilla{que} escrita en {destino} (años {desde} a {hasta}). Llénela y "
                   f"revísela con: penitencia validar {destino}")

    _ejecutar(debug, accion)


def _callar_tuberia() -> None:
    """Tras una tubería rota, que Python no intente vaciar stdout al salir (daría otra traza)."""
    import os

    try:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):  # pragma: no cover - sin descriptor
        pass


def main() -> None:
    """Punto de entrada del script ``penitencia``."""
    from ..salida.terminal import preparar_salidas

    preparar_salidas()
    try:
        app(prog_name="penitencia")
    except KeyboardInterrupt:
        sys.exit(interrumpido())
    except SystemExit as salida:
        if salida.code == SALIDA_INTERRUMPIDO:  # typer convierte Ctrl-C en Exit(130), sin aviso
            interrumpido()
        raise
