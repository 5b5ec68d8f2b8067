"""Motor general del recorrido de una hoja: expat (en C) con espacios de nombres y manejadores en
Python, con la semántica del analizador de hojas de openpyxl elemento por elemento. Lee cualquier
XML bien formado (UTF-16, prefijos, comentarios, CDATA, texto enriquecido, atributos en cualquier
orden, filas y celdas sin ``r``); el motor rápido de :mod:`.recorrido` le pasa lo que no reconoce.

Las filas se reúnen mientras expat analiza un trozo y se entregan al terminar el trozo; un error
(límite o XML dañado) se entrega después de las filas anteriores a él.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Iterator

from .seguridad import ErrorDeHoja, VigilanteDeEtiquetas, analizador
from .celdas import FORMULA_SIN_VALOR, Celda
from .valores import coordenada, desde_excel, desde_iso8601, numero

if TYPE_CHECKING:
    from .recorrido import Hoja

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
TROZO = 128 * 1024
_FILA, _V, _F, _IS, _T = (f"{MAIN} {x}" for x in ("row", "v", "f", "is", "t"))
_DIMENSION, _COL = MAIN + " dimension", MAIN + " col"
_MERGE_CELLS, _MERGE_CELL = MAIN + " mergeCells", MAIN + " mergeCell"


class _Detener(Exception):
    """Corta el análisis dentro de un manejador (el error verdadero se guarda aparte)."""


def prefijo_y_codigo(inicio: bytes) -> tuple[str, str]:
    """El prefijo de la raíz (``x`` en ``<x:worksheet>``) y la codificación de la parte, para que
    la guardia de etiquetas reconozca las filas."""
    codigo = "utf-8"
    if inicio[:2] in (b"\xff\xfe", b"<\x00"):
        codigo = "utf-16-le"
    elif inicio[:2] in (b"\xfe\xff", b"\x00<"):
        codigo = "utf-16-be"
    texto = inicio[: len(inicio) & ~1 if codigo != "utf-8" else len(inicio)].decode(
        codigo, errors="replace")
    m = re.search(r"<([A-Za-z_][\w.-]*):worksheet[\s>]", texto[:4096])
    return (m.group(1) if m else ""), codigo


class MotorGeneral:
    def __init__(self, hoja: "Hoja"):
        self.hoja = hoja

    def filas(self, saltar: int = 0) -> Iterator[tuple[int, list[Celda]]]:
        """Las filas con datos de la hoja, sin las primeras ``saltar`` filas (elementos ``<row>``,
        con datos o sin ellos) que el motor rápido ya entregó."""
        hoja = self.hoja
        hoja.combinadas, hoja.columnas_ocultas, hoja._columnas_dims = [], [], {}
        textos, epoca, limites = hoja.textos, hoja.epoca, hoja.limites
        porcentajes, fechas, duraciones = (hoja.estilos.porcentaje, hoja.estilos.fecha,
                                           hoja.estilos.duracion)
        listas: list[tuple[int, list[Celda]]] = []
        error: list[BaseException] = []

        # Estado del recorrido (como WorkSheetParser: contadores de fila y de columna).
        prof = 0
        prof_fila = prof_celda = -1
        contador_fila = contador_col = 0
        vistas = 0
        n = 0
        oculta = False
        celdas: list[Celda] = []
        atr: dict = {}
        v_texto: str | None = None
        v_visto = f_visto = False
        en_is = False
        is_hijos = 0
        is_primero_t = False
        is_primero_texto: str | None = None
        plano: str | None = None
        tramos: list[str | None] = []
        local_hijo_is = ""
        captura: str | None = None
        trozos: list[str] = []

        def guardar() -> None:
            nonlocal captura, v_texto, plano, is_primero_texto
            texto = "".join(trozos) if trozos else None
            if captura == "v":
                v_texto = texto
            elif captura == "plano":
                plano = texto
                if is_hijos == 1 and is_primero_t:
                    is_primero_texto = texto
            elif captura == "tramo":
                tramos[-1] = texto
            captura = None

        def inicio(nombre, atributos):
            nonlocal prof, prof_fila, prof_celda, contador_fila, contador_col, n, oculta, celdas
            nonlocal atr, v_texto, v_visto, f_visto, en_is, is_hijos, is_primero_t
            nonlocal plano, tramos, local_hijo_is, captura, is_primero_texto
            prof += 1
            if captura is not None:
                guardar()
            if prof_celda >= 0:
                d = prof - prof_celda
                if d == 1:
                    if nombre == _V and not v_visto:
                        v_visto = True
                        trozos.clear()
                        captura = "v"
                    elif nombre == _F:
                        f_visto = True
                    elif nombre == _IS and not en_is and is_hijos == -1:
                        en_is, is_hijos = True, 0
                elif d == 2 and en_is:
                    is_hijos += 1
                    local_hijo_is = nombre.rpartition(" ")[2]
                    if is_hijos == 1:
                        is_primero_t = nombre == _T
                    if local_hijo_is == "t":
                        trozos.clear()
                        captura = "plano"
                    elif local_hijo_is == "r":
                        tramos.append(None)
                elif d == 3 and en_is and local_hijo_is == "r" \
                        and nombre.rpartition(" ")[2] == "t":
                    trozos.clear()
                    captura = "tramo"
                return
            if prof_fila >= 0:
                if prof == prof_fila + 1:  # todo hijo de <row> es una celda, como en openpyxl
                    prof_celda = prof
                    atr = atributos
                    v_texto, v_visto, f_visto = None, False, False
                    en_is, is_hijos, is_primero_t, is_primero_texto = False, -1, False, None
                    plano, tramos = None, []
                return
            if nombre == _FILA:
                prof_fila = prof
                r = atributos.get("r")
                if r is not None:
                    try:
                        contador_fila = int(r)
                    except ValueError:
                        valor = float(r)
                        if not valor.is_integer():
                            raise ValueError(f"{r} is not a valid row number") from None
                        contador_fila = int(valor)
                else:
                    contador_fila += 1
                contador_col = 0
                n = contador_fila
                oculta = atributos.get("hidden") in ("1", "true")
                celdas = []
            elif nombre == _COL:
                hoja.poner_columnas(atributos)
            elif nombre == _MERGE_CELL:
                hoja.combinadas.append(atributos.get("ref"))
            elif nombre == _MERGE_CELLS:
                hoja.combinadas = []
            elif nombre == _DIMENSION:
                hoja.poner_dimension(atributos.get("ref"))

        def fin(_nombre):
            nonlocal prof, prof_fila, prof_celda, vistas, en_is, celdas
            if captura is not None:
                guardar()
            if prof == prof_celda:
                prof_celda = -1
                if vistas >= saltar:  # en las filas ya entregadas no se mira nada
                    celda = cerrar_celda()
                    if celda is not None:
                        celdas.append(celda)
            elif prof_celda >= 0 and prof == prof_celda + 1 and en_is:
                en_is = False
            elif prof == prof_fila:
                prof_fila = -1
                vistas += 1
                if vistas > saltar and celdas:
                    try:
                        hoja.revisar_fila(n, celdas)
                    except ErrorDeHoja as exc:
                        error.append(exc)
                        raise _Detener from None
                    if oculta:
                        hoja.filas_ocultas.append(n)
                    hoja.avisar(n)
                    listas.append((n, celdas))
                celdas = []
            prof -= 1

        def cerrar_celda() -> Celda | None:
            nonlocal contador_col
            tipo = atr.get("t", "n")
            ref = atr.get("r")
            estilo = atr.get("s")
            estilo = int(estilo) if estilo else 0
            if ref:
                fila, col = coordenada(ref)
                contador_col = col
            else:
                contador_col += 1
                fila, col = contador_fila, contador_col
            if tipo == "inlineStr":
                valor = None
                if is_hijos >= 0:
                    tipo = "s"
                    if is_hijos == 1 and is_primero_t:
                        valor = is_primero_texto
                    else:
                        partes = [plano] if plano is not None else []
                        valor = "".join(partes + [t for t in tramos if t is not None])
            else:
                valor = v_texto or None
                if valor is not None:
                    if tipo == "n":
                        valor = numero(valor)
                        if estilo in fechas:
                            tipo = "d"
                            try:
                                valor = desde_excel(valor, epoca, estilo in duraciones)
                            except (OverflowError, ValueError):
                                tipo, valor = "e", "#VALUE!"
                    elif tipo == "s":
                        valor = textos[int(valor)]
                    elif tipo == "b":
                        valor = bool(int(valor))
                    elif tipo == "str":
                        tipo = "s"
                    elif tipo == "d":
                        valor = desde_iso8601(valor)
            if valor is None:
                if not f_visto:
                    return None
                if tipo == "str" and v_visto:
                    return None  # fórmula de resultado texto vacío (=SI.ERROR(...;"")): ND
                tipo = FORMULA_SIN_VALOR
            elif valor.__class__ is str and not valor.strip():
                return None
            return Celda(fila, col, valor, tipo, estilo in porcentajes)

        def caracteres(texto):
            if captura is not None:
                trozos.append(texto)

        p = analizador()
        p.buffer_text = True
        p.StartElementHandler = inicio
        p.EndElementHandler = fin
        p.CharacterDataHandler = caracteres
        with hoja._abrir() as fuente:
            datos = fuente.read(TROZO)
            vigilante = VigilanteDeEtiquetas(limites.etiquetas_fila,
                                             *prefijo_y_codigo(datos[:8192]))
            final = False
            while True:
                try:
                    if datos:
                        vigilante.revisar(datos)
                        p.Parse(datos, False)
                    else:
                        p.Parse(b"", True)
                        final = True
                except _Detener:
                    final = True
                except Exception as exc:  # XML dañado u hostil: tras las filas anteriores
                    error.append(exc)
                    final = True
                if listas:
                    lote = listas[:]
                    listas.clear()
                    yield from lote
                if error:
                    raise error[0]
                if final:
                    return
                datos = fuente.read(TROZO)
