"""Los comandos (typer). Cada uno lee sus opciones, llama a una función del dominio
(:mod:`penitencia_cli.reglas.consulta` y compañía), entrega el resultado a una vista o a un
exportador, y traduce los errores a mensajes y códigos de salida.

Códigos de salida: 0 bien; 1 problemas en los datos; 2 uso incorrecto (opciones, año, destino);
lo que comparten los comandos (correr uno, cargar el libro, JSON, notas) está en :mod:`.ejecucion`.
Lo pesado (pydantic, openpyxl, rich, los exportadores) se importa dentro de los comandos, para que
el arranque y ``--help`` sean rápidos.
"""

from __future__ import annotations

import sys
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from .. import __version__
from . import SALIDA_INTERRUMPIDO, ejecucion, interrumpido
from ..errores import ErrorDeDatos, Severidad  # sin pydantic: arranque rápido
from .castellano import Comando, Grupo
from .ejecucion import (
    SALIDA_DATOS,
    avisar,
    avisar_lectura,
    avisar_muestra,
    cargar,
    consola,
    ejecutar,
    emitir,
    emitir_json,
    importar_pdf,
    leer_entrada,
    perfil_del_libro,
    preparar_con_su_perfil,
    resumen_calidad,
    ruta_entrada,
)
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
    OpcionForzar,
    OpcionTipo,
    Solo,
)

if TYPE_CHECKING:
    from rich.console import Console

app = typer.Typer(
    name="penitencia",
    cls=Grupo,
    help=(
        "Calculadora de indicadores de seguimiento (metodología CEPLAN) de políticas nacionales "
        "y planes (PEI, PESEM, PDRC, PDLC): avance Tipo I, avance de los objetivos, índice de "
        "gestión, franjas y semáforo. Sin --archivo usa la muestra incluida: la Política Nacional "
        "Penitenciaria al 2030."
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
    """Calculadora de indicadores de seguimiento de políticas y planes (metodología CEPLAN)."""


# --- Comandos -----------------------------------------------------------------------------------


@_comando()
def avance(
    anio: ArgumentoAnio,
    archivo: OpcionArchivo = None,
    formato: Annotated[
        Formato,
        typer.Option("--formato", "-f", case_sensitive=False,
                     help="tabla (en pantalla), json (un documento) o csv (la tabla de "
                          "indicadores; los mismos bytes que --exportar x.csv)."),
    ] = Formato.tabla,
    exportar: Annotated[
        Optional[Path],
        typer.Option("--exportar", "-e", metavar="RUTA",
                     help="Además, guarda el resultado: .xlsx (el libro del reporte: resumen, "
                          "objetivos, indicadores, logros y valores, alertas), .csv (lo mismo "
                          "que --formato csv, en UTF-8 con BOM: Excel lo abre con sus tildes) o "
                          ".json (lo mismo que --formato json)."),
    ] = None,
    solo: Annotated[
        Optional[Solo],
        typer.Option("--solo", "-s", case_sensitive=False,
                     help="Sólo una parte: op (objetivos prioritarios), iop (indicadores de OP), "
                          "iss (indicadores de servicio) o conteos (conteos por franja e índice); "
                          "en un plan, op son los OEI, iop los indicadores de OEI e iss los de "
                          "AEI. Afecta a la tabla y al csv (en pantalla o exportado); no al json "
                          "ni al xlsx."),
    ] = None,
    tipo: Annotated[
        OpcionTipo,
        typer.Option("--tipo", "-t", case_sensitive=False,
                     help="Avance Tipo I (VO frente a LE), Tipo II (progreso desde la línea de "
                          "base) o ambos."),
    ] = OpcionTipo.uno,
    desde: Annotated[
        Optional[int],
        typer.Option("--desde", metavar="AÑO0", show_default=False, parser=leer_anio,
                     help="Avance del periodo AÑO0-AÑO: acumulados, el último año; no "
                          "acumulados, ΣVO/ΣLE de los años con ambos valores."),
    ] = None,
    tope: Annotated[
        Optional[Decimal],
        typer.Option("--tope", metavar="VALOR", show_default=False, parser=leer_numero,
                     help="Topa cada indicador en VALOR (p. ej. 100) antes de agregar; muestra "
                          "también el índice sin tope si cambia."),
    ] = None,
    proyeccion: Annotated[
        bool,
        typer.Option("--proyeccion", metavar="", help="Añade la proyección lineal de cada "
                                                      "indicador al último año con metas y su "
                                                      "clase."),
    ] = False,
    forzar: OpcionForzar = False,
    debug: OpcionDebug = False,
) -> None:
    """Avance del AÑO o de un periodo: indicadores, objetivos, índice de gestión y franjas.

    Tipo I por omisión; Tipo II, periodo, tope y proyección a pedido."""

    def accion() -> None:
        from ..reglas.avance import TipoAvance
        from ..reglas.consulta import PedidoAvance, calcular_avance

        pedido = PedidoAvance(anio, TipoAvance.II if tipo is OpcionTipo.dos else TipoAvance.I,
                              ambos=tipo is OpcionTipo.ambos, desde=desde, tope=tope,
                              proyeccion=proyeccion)
        if exportar is not None:  # un destino imposible o ajeno se dice antes de leer el libro
            from ..salida.exportar import comprobar_exportacion

            comprobar_exportacion(exportar, ruta_entrada(archivo), forzar)
        preparada, ruta = cargar(archivo)
        calculo = calcular_avance(preparada, pedido)
        avisar_lectura(preparada.matriz)
        solo_ = solo.value if solo else None
        if formato is Formato.json:
            from ..salida.documento import documento_calculo

            if solo is not None:
                typer.echo("nota: --solo no cambia el documento JSON (se entrega completo).",
                           err=True)
            emitir_json(documento_calculo(calculo))
        elif formato is Formato.csv:
            from ..salida.documento import filas_csv_avance
            from ..salida.exportar import csv_por_la_salida

            csv_por_la_salida(filas_csv_avance(calculo, solo_))
        else:
            from ..salida.vista_avance import mostrar_calculo

            mostrar_calculo(calculo, consola(), solo_)
        resumen_calidad(calculo, archivo, formato is Formato.tabla)  # tras la tabla: se ve
        if exportar is not None:
            from ..salida.exportar import exportar_avance

            destino, notas = exportar_avance(calculo, exportar, ruta, solo=solo_, forzar=forzar)
            for nota in notas:
                avisar(nota)
            typer.echo(f"Exportado a {destino}", err=True)

    ejecutar(debug, accion)


@_comando()
def alertas(
    anio: ArgumentoAnio,
    archivo: OpcionArchivo = None,
    umbral: Annotated[
        Optional[Decimal],
        typer.Option("--umbral", "-u", metavar="AVANCE", parser=leer_numero,
                     help="Avance limitado: avance mostrado igual o menor que este valor "
                          "(por omisión, el de la metodología del instrumento: 20.0)."),
    ] = None,
    formato: Annotated[
        FormatoAlertas,
        typer.Option("--formato", "-f", case_sensitive=False,
                     help="tabla (en pantalla), json (un documento) o markdown (borrador de la "
                          "sección «Alertas identificadas» del reporte, para editar)."),
    ] = FormatoAlertas.tabla,
    salida: Annotated[
        Optional[Path],
        typer.Option("--salida", "-o", metavar="ALERTAS.md", show_default=False,
                     help="Escribe el borrador markdown en ALERTAS.md (.md o .txt), para "
                          "completarlo en un editor y publicarlo con «penitencia reporte "
                          "--alertas»."),
    ] = None,
    forzar: OpcionForzar = False,
    debug: OpcionDebug = False,
) -> None:
    """Alertas del AÑO: indicadores sin medición, con retroceso y con avance limitado."""

    def accion() -> None:
        from ..reglas.consulta import alertas_del_anio, comprobar_umbral

        comprobar_umbral(umbral)  # un umbral imposible se dice antes de leer el libro
        if salida is not None:
            from ..salida.redaccion import comprobar_borrador

            comprobar_borrador(salida, anio, formato.value, ruta_entrada(archivo), forzar)
        preparada, ruta = cargar(archivo)
        lista = alertas_del_anio(preparada, anio, umbral)
        avisar_lectura(preparada.matriz)
        if salida is not None:
            from ..salida.redaccion import guardar_borrador
            from ..salida.sugerencias import orden

            destino = guardar_borrador(lista, Path(ruta).name, salida, ruta, forzar)
            con_libro = ("-a", archivo) if archivo is not None else ()
            publicar = orden("penitencia", "reporte", str(anio), *con_libro, "-o",
                             f"reporte_{anio}.pdf", "--alertas", destino)
            typer.echo(f"Borrador de las alertas {anio} escrito en {destino}. Complételo en un "
                       f"editor y publíquelo con: {publicar}")
        elif formato is FormatoAlertas.json:
            from ..salida.documento import documento_alertas

            emitir_json(documento_alertas(lista))
        elif formato is FormatoAlertas.markdown:
            from ..salida.redaccion import borrador_alertas

            sys.stdout.write(borrador_alertas(lista, origen=Path(ruta).name))
        else:
            from ..salida.vistas import mostrar_alertas

            mostrar_alertas(lista, consola())

    ejecutar(debug, accion)


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
                          "alertas AÑO -o ALERTAS.md»). Sin él se publica ese borrador, con "
                          "sus [completar: …] a la vista."),
    ] = None,
    forzar: OpcionForzar = False,
    debug: OpcionDebug = False,
) -> None:
    """Escribe el Reporte de Seguimiento del AÑO en PDF, DOCX o HTML.

    Encabezado y conteo por franja, índice de gestión y gráfico de objetivos,
    la matriz con los logros esperados y valores obtenidos de cada año, notas
    y alertas identificadas. Nunca se escribe sobre el libro de entrada."""

    def accion() -> None:
        from ..salida.publicacion import comprobar_publicacion, escribir_publicacion

        # el destino imposible o ajeno se dice antes de leer el libro
        formato = comprobar_publicacion(salida, anio, alertas, ruta_entrada(archivo), forzar)
        texto_alertas = None
        if alertas is not None:
            from ..salida.publicacion.alertas import leer_alertas

            texto_alertas = leer_alertas(alertas, anio)
        preparada, ruta = cargar(archivo)
        from ..reglas.consulta import reporte_del_anio
        from ..salida.formato import origen_de
        from ..salida.publicacion.alertas import notas_alertas
        from ..salida.publicacion.datos import datos_publicacion

        calculo = reporte_del_anio(preparada, anio)
        avisar_lectura(preparada.matriz)
        datos = datos_publicacion(calculo, texto_alertas, origen_de(ruta))
        destino = escribir_publicacion(datos, salida, ruta, alertas, forzar=forzar)
        for nota in notas_alertas(datos, texto_alertas, alertas, archivo, destino):
            avisar(nota)
        typer.echo(f"{datos['documento']['titulo']} ({formato.upper()}) escrito en {destino}")

    ejecutar(debug, accion)


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

        preparada, _ = cargar(archivo)
        conc = verificacion(preparada, anio)  # con la tolerancia del perfil del libro
        avisar_lectura(preparada.matriz)

        def documento() -> dict:
            from ..salida.documento import documento_conciliacion

            return documento_conciliacion(conc)

        def mostrar(consola: "Console") -> None:
            from ..salida.vistas import mostrar_conciliacion

            mostrar_conciliacion(conc, consola)

        emitir(formato is FormatoSimple.json, documento, mostrar)
        return SALIDA_DATOS if conc.diferencias else 0

    ejecutar(debug, accion)


@_comando()
def evolucion(
    codigo: Annotated[
        str, typer.Argument(metavar="CODIGO", show_default=False,
                            help="Indicador (p. ej. IOP.01.02), objetivo (OP.01; en un plan, "
                                 "OEI.01) o INDICE.")
    ],
    archivo: OpcionArchivo = None,
    formato: OpcionFormatoSimple = FormatoSimple.tabla,
    debug: OpcionDebug = False,
) -> None:
    """Evolución año a año de un indicador, un objetivo (OP u OEI) o el índice.

    Logro esperado, valor obtenido, avance Tipo I y Tipo II, franja, línea de tendencia y
    proyección al último año con metas."""

    def accion() -> None:
        from ..reglas.consulta import evolucion_de
        from ..salida import documento, vistas

        preparada, _ = cargar(archivo)
        ev = evolucion_de(preparada, codigo)
        avisar_lectura(preparada.matriz)
        emitir(formato is FormatoSimple.json, lambda: documento.documento_evolucion(ev),
                lambda consola: vistas.mostrar_evolucion(ev, consola))

    ejecutar(debug, accion)


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
        from ..reglas.consulta import comparacion, comprobar_comparacion
        from ..salida import documento, vistas

        comprobar_comparacion(anio1, anio2)  # antes de leer el libro
        preparada, _ = cargar(archivo)
        resultado = comparacion(preparada, anio1, anio2)
        avisar_lectura(preparada.matriz)
        emitir(formato is FormatoSimple.json, lambda: documento.documento_comparacion(resultado),
                lambda consola: vistas.mostrar_comparacion(resultado, consola))

    ejecutar(debug, accion)


@_comando()
def validar(
    archivo: Annotated[
        Optional[Path],
        typer.Argument(metavar="ARCHIVO", show_default=False,
                       help="Libro .xlsx de la plantilla que se revisa, o el PDF de un Anexo B-7 "
                            "(sin él, la muestra incluida)."),
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
        from ..lectura import ruta_muestra
        from ..reglas.consulta import revisar, revisar_parcial
        from ..salida import consola, documento

        if archivo is None:
            avisar_muestra(validar=True)
        ruta = archivo if archivo is not None else ruta_muestra()
        nombre = str(archivo) if archivo is not None else ruta.name
        try:
            problemas = revisar(preparar_con_su_perfil(leer_entrada(ruta)))
        except ErrorDeDatos as exc:  # también las observaciones que aún se pueden calcular
            parcial = exc.parcial
            problemas = (list(exc.problemas) if parcial is None else
                         revisar_parcial(parcial, exc.problemas, perfil_del_libro(parcial)))
        errores = sum(p.severidad is Severidad.ERROR for p in problemas)
        emitir(formato is FormatoSimple.json,
                lambda: documento.documento_validacion(nombre, problemas),
                lambda c: consola.mostrar_validacion(nombre, problemas, c))
        return SALIDA_DATOS if errores else 0

    ejecutar(debug, accion)


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
    forzar: OpcionForzar = False,
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
    sentido y acumulación, y una columna por año. No reemplaza un archivo que no escribió
    penitencia (o que cambió desde entonces) sin --forzar."""

    def accion() -> None:
        from ..salida.plantilla import escribir_plantilla, instrumento_pedido
        from ..salida.sugerencias import orden

        ins = instrumento_pedido(instrumento)
        destino = escribir_plantilla(salida, desde, hasta, forzar, ins)
        que = f" de un {ins.nombre}" if ins.es_plan else ""
        typer.echo(f"Plantilla{que} escrita en {destino} (años {desde} a {hasta}). Llénela y "
                   f"revísela con: {orden('penitencia', 'validar', destino)}")

    ejecutar(debug, accion)


@_comando()
def importar(
    anexo: Annotated[
        Path,
        typer.Argument(metavar="ANEXO.pdf", show_default=False,
                       help="El PDF del Anexo B-7 (Seguimiento del PEI) tal como lo imprime el "
                            "aplicativo de CEPLAN."),
    ],
    salida: Annotated[
        Path,
        typer.Option("--salida", "-o", metavar="PLAN.xlsx", show_default=False,
                     help="El libro de la plantilla que se escribe (.xlsx)."),
    ],
    forzar: OpcionForzar = False,
    debug: OpcionDebug = False,
) -> None:
    """Lleva el Anexo B-7 de un PEI (el PDF del aplicativo CEPLAN) a un libro de la plantilla.

    El encabezado, cada OEI y AEI con su prioridad, y cada indicador con su línea de base, su
    valor actual, sus logros esperados y valores obtenidos, sus unidades responsables y el avance
    impreso (hoja Avance publicado, para que verificar compruebe cada cifra). Nada se adivina: lo
    que no se lee con certeza se informa con su página y su indicador, todo junto. Los demás
    comandos también leen el PDF directamente (-a ANEXO.pdf). No reemplaza un archivo que no
    escribió penitencia sin --forzar."""

    def accion() -> None:
        from ..salida.libro import comprobar_libro, escribir_libro, resumen_importacion

        destino = comprobar_libro(salida, anexo, forzar)  # antes de leer el PDF
        matriz = importar_pdf(anexo)
        typer.echo(resumen_importacion(matriz, escribir_libro(matriz, destino, anexo, forzar)))

    ejecutar(debug, accion, impiden="importarlo")


def main() -> None:
    """Punto de entrada del script ``penitencia``."""
    from ..salida.terminal import preparar_salidas

    preparar_salidas()
    ejecucion.congelar_lo_importado = True  # el proceso es el de la consola: es suyo
    try:
        app(prog_name="penitencia")
    except KeyboardInterrupt:
        sys.exit(interrumpido())
    except SystemExit as salida:
        if salida.code == SALIDA_INTERRUMPIDO:  # typer convierte Ctrl-C en Exit(130), sin aviso
            interrumpido()
        raise
