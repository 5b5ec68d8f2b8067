"""El recorrido de una hoja (ECMA-376 parte 1, 18.3): su XML por trozos, con expat, en una sola
pasada; cada fila con datos sale como ``(número de fila, [Celda, ...])``, sólo con sus celdas no
vacías. En la misma pasada se vigilan los límites (:class:`~.seguridad.Limites`) y se reúne lo
oculto y lo combinado. Una celda que no se entiende es un error con su celda y la lectura sigue;
lo que detiene la hoja es :class:`~.seguridad.ErrorDeHoja`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable, Iterator

from .celdas import FORMULA_SIN_VALOR, Celda
from .seguridad import ErrorDeHoja, analizador, causa_ilegible
from .valores import MAX_FILA, coordenada, desde_excel, desde_iso8601, desescapar, letra, numero
from .valores import rango

if TYPE_CHECKING:
    from .paquete import Paquete

FILAS_POR_AVISO = 1000
PIEZA = 16 * 1024  # lo que se analiza antes de entregar sus filas (docs/lectura.md)
Progreso = Callable[[str, int, "int | None"], None]
"""Aviso de progreso: ``(hoja, fila en curso, última fila declarada por <dimension> o None)``."""
ESPACIOS = ("http://schemas.openxmlformats.org/spreadsheetml/2006/main",
            "http://purl.oclc.org/ooxml/spreadsheetml/main")
"""El espacio de nombres de SpreadsheetML en Transitional y en Strict."""


class Hoja:
    """Una hoja para recorrer una vez: ``for n, celdas in hoja``. Tras el recorrido (o durante),
    sus atributos dan lo que la guardia necesita. Todo problema fatal es :class:`ErrorDeHoja`."""

    def __init__(self, titulo: str, paquete: Paquete, parte: str | None,
                 progreso: Progreso | None = None, problema: str | None = None):
        self.titulo, self.paquete, self.parte = titulo, paquete, parte
        self.progreso, self.problema = progreso, problema
        self.total: int | None = None  # la última fila según <dimension>
        self.columnas_ocultas: list[tuple[int, int]] = []  # (desde, hasta)
        self.filas_ocultas: list[int] = []  # las que tienen datos
        self.ocultas_con_datos: dict[int, str] = {}  # columna → su primera celda con datos
        self.combinadas: list[str] = []  # rangos de <mergeCell>
        self.avisos: list[tuple[str | None, str]] = []  # (celda, error que no detiene la lectura)

    def __iter__(self) -> Iterator[tuple[int, list[Celda]]]:
        if self.parte is None:
            raise ErrorDeHoja(self.problema or "La hoja no se puede leer.")
        listas: list[tuple[int, list[Celda]]] = []
        p = analizador()
        p.buffer_text = True
        p.buffer_size = 64 * 1024

        def raiz(nombre: str, _atributos: dict) -> None:
            uri, _, local = nombre.rpartition(" ")
            if uri not in ESPACIOS or local != "worksheet":
                raise ErrorDeHoja(f"La hoja no es una hoja de cálculo de Excel (su XML empieza "
                                  f"con <{local}>).")
            p.StartElementHandler, p.EndElementHandler, p.CharacterDataHandler = \
                _manejadores(self, listas, uri)

        p.StartElementHandler = raiz
        error: BaseException | None = None
        try:
            for datos in self.paquete.trozos(self.parte, self.paquete.limites.bytes_hoja):
                for i in range(0, len(datos), PIEZA):
                    p.Parse(datos[i:i + PIEZA], False)
                    if listas:
                        yield from listas
                        listas.clear()
            p.Parse(b"", True)
        except Exception as exc:  # XML dañado u hostil: tras las filas anteriores a él
            error = exc
        yield from listas
        if isinstance(error, ErrorDeHoja):
            raise error
        if error is not None:
            raise ErrorDeHoja(f"La hoja no se puede leer: {causa_ilegible(error)}.") from error


def _manejadores(hoja: Hoja, salida: list, ns: str):
    """Los tres manejadores de expat de una hoja (espacio de nombres ``ns``): el estado del
    recorrido vive en sus variables. Una celda numérica dispara cinco llamados (inicio de ``<c>``
    y de ``<v>``, su texto, fin de ``<v>`` y de ``<c>``); lo común va primero."""
    FILA, C, V, F, IS, T, RPH = (f"{ns} {x}" for x in ("row", "c", "v", "f", "is", "t", "rPh"))
    COL, COMBINADA, DIMENSION = (f"{ns} {x}" for x in ("col", "mergeCell", "dimension"))
    DATOS = f"{ns} sheetData"
    lim = hoja.paquete.limites
    lim_elementos, lim_filas, lim_columnas, lim_texto = (lim.etiquetas_fila, lim.filas,
                                                         lim.columnas, lim.texto)
    textos, estilos, epoca = hoja.paquete.textos, hoja.paquete.estilos, hoja.paquete.epoca
    avisos, ocultas = hoja.avisos, hoja.columnas_ocultas
    por_letras = {chr(65 + i): i + 1 for i in range(26)}  # la letra de una columna A-Z
    por_estilo = {None: estilos.de(0)}
    elementos = 0
    en_datos = en_fila = en_is = en_rph = f_visto = oculta = False
    captura = 0  # 1: el texto de <v>; 2: el de un <t> de <is>
    n, nb, previa, leidas, sobra = 0, "", 0, 0, 0
    celdas: list[Celda] = []
    atr: dict | None = None  # los atributos de la celda abierta; None: fuera de una celda
    texto_v: str | None = None  # None: sin <v>
    texto_is: str | None = None  # None: sin <is>

    def inicio(nombre: str, a: dict) -> None:
        nonlocal elementos, en_datos, en_fila, en_is, en_rph, captura, f_visto
        nonlocal oculta, n, nb, previa, celdas, atr, texto_v, texto_is, sobra
        elementos += 1
        if elementos > lim_elementos:
            raise ErrorDeHoja(f"La hoja no se puede leer: tiene una fila o un elemento con más de "
                              f"{lim_elementos:,} etiquetas XML seguidas (una fila de la plantilla "
                              "usa unos miles); no es un libro de la plantilla.")
        if nombre == C:
            if en_fila:
                atr, texto_v, texto_is, sobra = a, None, None, 0
                f_visto = en_is = False
        elif nombre == V:
            if atr is not None and texto_v is None:
                texto_v, captura = "", 1
        elif nombre == T:
            if en_is and not en_rph:
                captura = 2
        elif nombre == IS:
            if atr is not None and texto_is is None:
                en_is, texto_is = True, ""
        elif nombre == FILA:
            if en_datos:
                r = a.get("r")
                n = _fila(r) if r else n + 1
                nb = r.strip() if r else str(n)
                en_fila, previa, celdas, elementos = True, 0, [], 0
                oculta = a.get("hidden", "").strip() in ("1", "true")
        elif nombre == F:
            f_visto = True
        elif nombre == RPH:
            en_rph = True
        elif nombre == DATOS:
            en_datos = True
        elif nombre == COL:
            if a.get("hidden", "").strip() in ("1", "true") and a.get("min", "").isdigit():
                hasta = a.get("max", a["min"])
                ocultas.append((int(a["min"]), int(hasta) if hasta.isdigit() else 16_384))
        elif nombre == COMBINADA:
            if "ref" in a:
                hoja.combinadas.append(a["ref"])
        elif nombre == DIMENSION:
            limites = rango((a.get("ref") or "").partition(":")[2] or a.get("ref"))
            hoja.total = limites[3] if limites else None

    def fin(nombre: str) -> None:
        nonlocal captura, en_fila, en_is, en_rph, en_datos, elementos, leidas, previa, atr
        if captura:
            captura = 0
        elif nombre == C:
            if atr is None:
                return
            a, atr = atr, None
            ref = a.get("r")
            if ref is None:
                fila, col = n, previa + 1
            elif ref[1:] == nb and (col := por_letras.get(ref[0])):
                fila = n
            else:
                try:
                    fila, col = coordenada(ref)
                except ValueError:
                    avisos.append((None, f"Una celda de la fila {n} tiene la referencia {ref!r}, "
                                         "que no es una celda de Excel: no se lee."))
                    return
            previa = col
            tipo = a.get("t", "n")
            porcentaje = False
            try:
                if tipo == "n":
                    if not texto_v or texto_v.isspace():
                        valor = None
                    else:
                        valor = (int(texto_v) if texto_v.isdigit() else float(texto_v)
                                 if "." in texto_v and "_" not in texto_v else numero(texto_v))
                        formato = por_estilo.get(s := a.get("s"))
                        if formato is None:
                            formato = por_estilo[s] = estilos.de(int(s))
                        if formato.fecha:
                            tipo = "d"
                            try:
                                valor = desde_excel(valor, epoca, formato.duracion)
                            except (OverflowError, ValueError):
                                pass  # fuera del calendario: una fecha igual, con su número
                        elif valor >= 0:
                            porcentaje = formato.porcentaje
                        else:
                            porcentaje = formato.porcentaje_negativo
                elif tipo == "inlineStr":  # su <v>, si lo hubiera, no cuenta
                    valor, tipo = None if texto_is is None else desescapar(texto_is), "s"
                elif tipo == "str":  # el resultado texto de una fórmula; "" es ND
                    valor, tipo = None if texto_v is None else desescapar(texto_v), "s"
                elif not texto_v or texto_v.isspace():
                    valor = None
                elif tipo == "s":
                    valor = textos[int(texto_v)]
                elif tipo == "b":
                    valor = {"1": True, "0": False, "true": True, "false": False}[texto_v.strip()]
                elif tipo == "e":
                    valor = texto_v.strip()
                elif tipo == "d":
                    valor = desde_iso8601(texto_v)
                else:
                    raise ValueError(tipo)
            except (ValueError, KeyError, IndexError, OverflowError):
                avisos.append((f"{letra(col)}{fila}", _incomprensible(tipo, texto_v, len(textos))))
                return
            if valor is None:
                if not f_visto:
                    return
                tipo = FORMULA_SIN_VALOR
            elif valor.__class__ is str:
                if not valor or valor.isspace():
                    return
                if len(valor) > lim_texto:
                    avisos.append((f"{letra(col)}{fila}", f"La celda tiene {len(valor) + sobra:,} "
                                                          f"caracteres; Excel admite {lim_texto:,}."))
                    valor = valor[:60]
            if fila > lim_filas or col > lim_columnas:
                if fila > lim_filas:
                    raise ErrorDeHoja(f"La hoja llega a la fila {fila:,}; el límite es "
                                      f"{lim_filas:,} filas. No se sigue leyendo.", f"{fila}:{fila}")
                raise ErrorDeHoja(f"La hoja tiene datos en la columna {letra(col)}; el límite es "
                                  f"{lim_columnas:,} columnas. No se sigue leyendo.",
                                  f"{letra(col)}{fila}")
            if ocultas and any(desde <= col <= hasta for desde, hasta in ocultas):
                hoja.ocultas_con_datos.setdefault(col, f"{letra(col)}{fila}")
            celdas.append(Celda(fila, col, valor, tipo, porcentaje))
        elif nombre == IS:
            en_is = False
        elif nombre == FILA:
            if en_fila:
                en_fila, elementos = False, 0
                if celdas:
                    if oculta:
                        hoja.filas_ocultas.append(n)
                    salida.append((n, celdas))
                    leidas += 1
                    if hoja.progreso is not None and leidas % FILAS_POR_AVISO == 0:
                        hoja.progreso(hoja.titulo, n, hoja.total)
        elif nombre == RPH:
            en_rph = False
        elif nombre == DATOS:
            en_datos = False

    def caracteres(texto: str) -> None:
        nonlocal texto_v, texto_is, sobra
        if captura == 1 and len(texto_v) <= lim_texto:
            texto_v += texto
        elif captura == 2 and len(texto_is) <= lim_texto:
            texto_is += texto
        elif captura:  # un texto desmedido: se cuenta, no se guarda
            sobra += len(texto)

    return inicio, fin, caracteres


def _fila(r: str) -> int:
    if not (r.strip().isascii() and r.strip().isdigit()) or not 0 < int(r) <= MAX_FILA:
        raise ErrorDeHoja(f"La hoja tiene la fila {r!r}, que no es una fila de Excel: el libro "
                          "está dañado. Ábralo en Excel y guárdelo de nuevo.")
    return int(r)


def _incomprensible(tipo: str, texto: str | None, cuantos: int) -> str:
    """Por qué no se entiende el valor guardado de una celda, y qué hacer."""
    guardado = repr((texto or "")[:40])
    que = {"s": f"apunta al texto compartido {guardado}, que no existe (el libro tiene "
                f"{cuantos:,})", "n": f"guarda {guardado} como número, y no lo es",
           "b": f"guarda {guardado} como valor lógico, y no lo es"}.get(
        tipo, f"es de un tipo que Excel no escribe ({tipo!r})")
    return f"La celda {que}: el libro está dañado. Ábralo en Excel, revise la celda y guárdelo."
