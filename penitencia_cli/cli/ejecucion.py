"""Lo que comparten los comandos: correr uno traduciendo sus errores a mensajes en castellano y
códigos de salida (:func:`ejecutar`), cargar el libro pedido, el PDF de un Anexo B-7 o la muestra
(:func:`cargar`, :func:`leer_entrada`), escribir un documento JSON o una vista (:func:`emitir`) y
las notas por la salida de errores.

Códigos de salida: 0 bien; 1 problemas en los datos (:data:`SALIDA_DATOS`); 2 uso incorrecto
(:data:`SALIDA_USO`); 130 Ctrl-C.
"""

from __future__ import annotations

import gc
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Callable

import typer

from ..errores import (  # sin pydantic: arranque rápido
    ErrorDeDatos,
    ErrorDeEscritura,
    ErrorDeUso,
    Severidad,
    texto_del_sistema,
)
from . import interrumpido

if TYPE_CHECKING:
    from rich.console import Console

    from ..modelos import Matriz
    from ..reglas.metodologia import Perfil
    from ..reglas.sentido import MatrizPreparada

SALIDA_DATOS = 1
SALIDA_USO = 2

congelar_lo_importado = False
"""Si :func:`ejecutar` saca de la vista del recolector de basura, al empezar el comando, lo que ya
está en memoria (typer, pydantic: unos 30 000 objetos que viven hasta el final), que si no se
recorre en cada pasada completa y al salir: 28 ms menos con 500 indicadores, lo que separa 1.14 de
1.03 veces el tiempo de 5059e67 (docs/rendimiento.md). El recolector sigue activo para todo lo
demás. Lo pone en True sólo el punto de entrada de la consola (:func:`.comandos.main`): las
pruebas que llaman a la aplicación en su propio proceso (``CliRunner``) no lo congelan. Al empezar
el comando y no en ``main``: lo que typer importa y arma al leer las opciones (unos 13 000
objetos) entra también; congelando en ``main`` quedaban 10 de los 28 ms."""


def consola(stderr: bool = False) -> "Console":
    from ..salida.terminal import consola

    return consola(stderr)


def emitir_json(documento: dict) -> None:
    """Un único documento JSON por stdout (con escapes \\u si la salida no es UTF-8: nunca se
    pierde una letra del documento)."""
    from ..salida.codificador import escribir_json
    from ..salida.terminal import es_utf

    escribir_json(documento, sys.stdout.write, ensure_ascii=not es_utf(sys.stdout))


def emitir(en_json: bool, documento: Callable[[], dict],
            mostrar: Callable[["Console"], None]) -> None:
    """El documento JSON, o la vista en pantalla."""
    if en_json:
        emitir_json(documento())
    else:
        mostrar(consola())


SANGRIA_NOTA = " " * len("nota: ")
"""Las líneas que siguen a la primera de una nota quedan bajo su texto, no en la columna 0."""


def avisar(texto: str) -> None:
    """Una nota por stderr. Su primera línea es el texto; ante una terminal, se parte entre
    palabras a su ancho, con las líneas siguientes bajo el texto. Las demás líneas de ``texto``
    son órdenes para pegar: cada una en su línea, un poco más adentro y nunca partida (partida,
    ya no se podría pegar)."""
    primera, *ordenes = texto.split("\n")
    linea = f"nota: {primera}"
    from ..salida.terminal import ancho_de_terminal, es_terminal

    if es_terminal(sys.stderr):
        import textwrap

        ancho = ancho_de_terminal(sys.stderr)
        linea = textwrap.fill(linea, width=max(ancho - 1, 40), subsequent_indent=SANGRIA_NOTA,
                              break_long_words=False, break_on_hyphens=False)
    for orden in ordenes:
        linea += f"\n{SANGRIA_NOTA}  {orden}"
    typer.echo(linea, err=True)


def avisar_lectura(matriz: "Matriz") -> None:
    """Notas del lector (hojas o columnas ignoradas) por stderr, sin ensuciar stdout."""
    for p in matriz.observaciones_lectura:
        if p.severidad is Severidad.OBSERVACION:
            avisar(str(p))


def resumen_calidad(calculo, archivo: Path | None, tabla: bool) -> None:
    """Una línea por stderr con las observaciones de calidad de los datos calculados (y las notas
    del cálculo): quien no corre ``validar`` también las ve."""
    for nota in calculo.notas:
        avisar(nota)
    n = sum(len(lista) for lista in calculo.calidad.values())
    if not n:
        return
    anios = (str(calculo.pedido.anio) if calculo.pedido.desde is None
             else f"{calculo.pedido.desde}-{calculo.pedido.anio}")
    donde = " (marcadas con ! en la tabla)" if tabla else ""
    from ..salida.sugerencias import orden

    validar = orden("penitencia", "validar", *((archivo,) if archivo is not None else ()))
    avisar(f"{n} observación(es) de calidad de los datos de {anios}{donde}; el detalle, con:"
           f"\n{validar}")


def ejecutar(debug: bool, accion: Callable[[], int | None], impiden: str = "calcular") -> None:
    """Corre un comando y traduce sus errores a mensajes en castellano y códigos de salida. Los
    problemas de los datos van en una tabla («El libro tiene N problema(s) que impiden
    ``impiden``»), salvo uno solo del archivo entero (no es un PDF, está cifrado...): una línea."""
    from ..salida.terminal import preparar_salidas

    preparar_salidas()
    if congelar_lo_importado:
        gc.freeze()
    try:
        codigo = accion() or 0
    except KeyboardInterrupt:
        if debug:
            raise
        codigo = interrumpido()
    except BrokenPipeError:  # `penitencia ... | head`: quien lee ya no quiere más
        callar_tuberia()
        codigo = SALIDA_DATOS
    except ErrorDeDatos as exc:
        errores = sum(p.severidad is Severidad.ERROR for p in exc.problemas)
        unico = exc.problemas[0] if len(exc.problemas) == 1 else None
        if unico is not None and not (unico.hoja or unico.celda or unico.codigo):
            typer.echo(f"Error: {unico.mensaje}", err=True)
        else:
            from ..salida.consola import tabla_problemas

            consola(stderr=True).print(tabla_problemas(
                exc.problemas, f"{exc.origen} tiene {errores} problema(s) que impiden {impiden}"))
        codigo = SALIDA_DATOS
    except ErrorDeUso as exc:
        typer.echo(f"Error: {exc}", err=True)
        codigo = SALIDA_USO
    except ErrorDeEscritura as exc:  # el disco se llenó a mitad: nada quedó a medias
        typer.echo(f"Error: {exc}", err=True)
        codigo = SALIDA_DATOS
    except OSError as exc:
        if debug:
            raise
        typer.echo(f"Error: {error_del_sistema(exc)}", err=True)
        codigo = SALIDA_DATOS
    except Exception as exc:  # el último recurso: nunca una traza sin --debug
        if debug:
            raise
        typer.echo(f"Error inesperado ({type(exc).__name__}): {exc}. Vuelva a ejecutar con "
                   "--debug para ver el detalle.", err=True)
        codigo = SALIDA_DATOS
    if codigo:
        raise typer.Exit(codigo)


def error_del_sistema(exc: OSError) -> str:
    """Un error del sistema que ningún módulo tradujo antes, en castellano y con el archivo."""
    import os

    archivo = os.fsdecode(exc.filename) if exc.filename is not None else None
    donde = f" {archivo}" if archivo else " un archivo"
    return f"no se pudo leer o escribir{donde}: {texto_del_sistema(exc)}."


MUESTRA = "la muestra incluida (pnp_2024.xlsx: Política Nacional Penitenciaria al 2030)"


def ruta_entrada(archivo: Path | None) -> Path:
    """El libro que leerá el comando: el pedido o, sin él, la muestra incluida."""
    from ..lectura import ruta_muestra

    return archivo if archivo is not None else ruta_muestra()


def avisar_muestra(validar: bool = False) -> None:
    """La nota de que se usa la muestra incluida (el comando no recibió un libro): una línea por
    stderr, antes de leer, para que un -a olvidado no pase por las cifras propias."""
    if validar:
        avisar(f"sin ARCHIVO se revisa {MUESTRA}. Para revisar su libro: penitencia validar "
               "SU_LIBRO.xlsx")
    else:
        avisar(f"sin --archivo se usa {MUESTRA}. Para usar su libro, añada -a SU_LIBRO.xlsx.")


def cargar(archivo: Path | None) -> tuple["MatrizPreparada", Path]:
    """El libro pedido, el PDF de un Anexo B-7 (:func:`leer_entrada`) o la muestra (con una
    nota), con barra de progreso si stderr es una terminal, preparado con el perfil de su
    instrumento: el único lugar donde se elige el perfil de un libro."""
    if archivo is None:
        avisar_muestra()
    ruta = ruta_entrada(archivo)
    # Barra de progreso: sólo ante una persona, nunca en stdout (y no para un PDF: se lee en un
    # instante).
    return preparar_con_su_perfil(leer_entrada(ruta, barra=sys.stderr.isatty())), ruta


def es_pdf_la_entrada(ruta: Path) -> bool:
    """¿El archivo es un PDF, por su contenido y no por su extensión
    (:func:`~penitencia_cli.anexo_b7.seguridad.es_pdf`)? Sólo se abre un archivo común; lo que no
    es un PDF (tampoco lo que no existe o no se puede abrir) va al lector de libros, que dice en
    castellano qué es y qué hacer."""
    from ..anexo_b7.seguridad import es_pdf

    try:
        if not ruta.is_file():
            return False
        with open(ruta, "rb") as f:
            return es_pdf(f.read(1024))
    except OSError:
        return False


def leer_entrada(ruta: Path, barra: bool = False) -> "Matriz":
    """Lo que leen los comandos: un libro .xlsx de la plantilla (con ``barra``, con una barra de
    progreso en stderr) o, si el archivo es un PDF (:func:`es_pdf_la_entrada`), el Anexo B-7
    importado en memoria como lo haría ``penitencia importar``. Lanza :class:`ErrorDeDatos` con
    todos los problemas."""
    if es_pdf_la_entrada(ruta):
        return importar_pdf(ruta)
    from ..lectura import leer_libro

    if not barra:
        return leer_libro(ruta)
    from ..salida.progreso import ProgresoLectura

    with ProgresoLectura() as progreso:
        return leer_libro(ruta, progreso=progreso)


def importar_pdf(ruta: Path) -> "Matriz":
    """El Anexo B-7 en PDF → la matriz de su PEI (:func:`~penitencia_cli.anexo_b7.matriz.
    importar_anexo`, importado sólo cuando hace falta: el arranque no carga pydantic)."""
    from ..anexo_b7.matriz import importar_anexo

    return importar_anexo(ruta)


def perfil_del_libro(matriz: "Matriz") -> "Perfil":
    """El perfil del instrumento del libro (política nacional, PEI...)."""
    from ..reglas.metodologia import perfil_de

    return perfil_de(matriz.ficha.instrumento)


def preparar_con_su_perfil(matriz: "Matriz") -> "MatrizPreparada":
    """La matriz preparada (sentidos inferidos) con el perfil de su instrumento."""
    from ..reglas.sentido import preparar

    return preparar(matriz, perfil_del_libro(matriz))


def callar_tuberia() -> None:
    """Tras una tubería rota, que Python no intente vaciar stdout al salir (daría otra traza)."""
    import os

    try:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):  # pragma: no cover - sin descriptor
        pass
