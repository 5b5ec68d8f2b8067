"""El lector de antes (openpyxl en modo read_only y data_only, con defusedxml), guardado aquí
como ORÁCULO de las pruebas de equivalencia: el lector propio (``penitencia_cli/lectura``) debe
entregar lo mismo, celda por celda y problema por problema, salvo las diferencias buscadas (ver
tests/test_equivalencia.py). No lo usa el programa.

Es el ``lectura/hoja.py`` anterior al lector propio, con su guardia de etiquetas y su
``causa_ilegible``; importa openpyxl, que sigue siendo dependencia (escribe la plantilla y el
libro del reporte).
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterator

from penitencia_cli.errores import ErrorDeDatos
from penitencia_cli.lectura.celdas import FORMULA_SIN_VALOR, Celda
from penitencia_cli.lectura.valores import letra
from penitencia_cli.lectura.seguridad import LIMITES, Limites, revisar_archivo
from penitencia_cli.modelos import Problema, Severidad

_DTD_ORACULO = ("declara entidades o referencias XML (DTD), algo que Excel nunca escribe; por "
                "seguridad no se procesa")

Progreso = Callable[[str, int, "int | None"], None]
"""Aviso de progreso de la lectura: ``(hoja, fila en curso, última fila de la hoja o None)``."""
FILAS_POR_AVISO = 1000
MAX_AVISOS_POR_HOJA = 20
"""Celdas combinadas o rachas ocultas que se detallan por hoja; las demás se cuentan."""


_MAYUSCULAS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_COLUMNAS: dict[str, int] = {}


def coordenada(ref: str) -> tuple[int, int]:
    """'M10001' → (10001, 13). Lanza ``ValueError`` ante una referencia rara."""
    digitos = ref.lstrip(_MAYUSCULAS)
    letras = ref[: len(ref) - len(digitos)]
    columna = _COLUMNAS.get(letras)
    if columna is None:
        from openpyxl.utils.cell import column_index_from_string

        columna = column_index_from_string(letras)  # ValueError si no es una columna
        _COLUMNAS[letras] = columna
    return int(digitos), columna


def _analizador():
    """Subclase del analizador de hojas de openpyxl que entrega cada celda como :class:`Celda`.

    ``parse_cell`` hace lo mismo que el de openpyxl en modo ``data_only`` (valor guardado, tipo,
    fechas según el formato) pero da directamente la :class:`Celda`, o ``None`` si la celda está
    vacía (sin valor o con texto en blanco): así cada celda del libro crea un solo objeto. Además
    marca la fórmula que no tiene valor calculado guardado y, con :attr:`porcentaje`, si su formato
    de número es de porcentaje. El resto del recorrido (filas, dimensiones, celdas combinadas) es
    el de openpyxl.
    """
    from openpyxl.cell.text import Text
    from openpyxl.utils.cell import coordinate_to_tuple
    from openpyxl.utils.datetime import from_excel, from_ISO8601
    from openpyxl.worksheet._reader import (
        FORMULA_TAG,
        INLINE_STRING,
        VALUE_TAG,
        WorkSheetParser,
        _cast_number,
    )
    from openpyxl.xml.constants import SHEET_MAIN_NS

    texto_tag = f"{{{SHEET_MAIN_NS}}}t"

    class Analizador(WorkSheetParser):
        porcentaje: set[int] | frozenset[int] = frozenset()
        """Índices de estilo con formato de porcentaje (ver :func:`estilos_porcentaje`)."""

        def parse_cell(self, element) -> Celda | None:  # type: ignore[override]
            tipo = element.get("t", "n")
            ref = element.get("r")
            estilo = element.get("s")
            estilo = int(estilo) if estilo else 0
            if ref:
                try:
                    fila, columna = coordenada(ref)
                except ValueError:
                    fila, columna = coordinate_to_tuple(ref)
                self.col_counter = columna
            else:
                self.col_counter += 1
                fila, columna = self.row_counter, self.col_counter

            if tipo == "inlineStr":
                valor = None
                hijo = element.find(INLINE_STRING)
                if hijo is not None:
                    tipo = "s"
                    if len(hijo) == 1 and hijo[0].tag == texto_tag:
                        valor = hijo[0].text  # el caso común: <is><t>texto</t></is>
                    else:
                        valor = Text.from_tree(hijo).content
            else:
                valor = element.findtext(VALUE_TAG, None) or None
                if valor is not None:
                    if tipo == "n":
                        valor = _cast_number(valor)
                        if estilo in self.date_formats:
                            tipo = "d"
                            try:
                                valor = from_excel(valor, self.epoch,
                                                   timedelta=estilo in self.timedelta_formats)
                            except (OverflowError, ValueError):
                                tipo, valor = "e", "#VALUE!"
                    elif tipo == "s":
                        valor = self.shared_strings[int(valor)]
                    elif tipo == "b":
                        valor = bool(int(valor))
                    elif tipo == "str":
                        tipo = "s"
                    elif tipo == "d":
                        valor = from_ISO8601(valor)

            if valor is None:
                if element.find(FORMULA_TAG) is None:
                    return None
                tipo = FORMULA_SIN_VALOR
            elif valor.__class__ is str and not valor.strip():
                return None
            return Celda(fila, columna, valor, tipo, estilo in self.porcentaje)

    return Analizador


def estilos_porcentaje(wb) -> set[int]:
    """Índices de estilo de celda cuyo formato de número es de porcentaje."""
    from openpyxl.styles.numbers import BUILTIN_FORMATS, BUILTIN_FORMATS_MAX_SIZE

    ids = set()
    for i, estilo in enumerate(wb._cell_styles):
        fmt_id = estilo.numFmtId
        if fmt_id < BUILTIN_FORMATS_MAX_SIZE:
            formato = BUILTIN_FORMATS.get(fmt_id, "General")
        else:
            formato = wb._number_formats[fmt_id - BUILTIN_FORMATS_MAX_SIZE]
        if "%" in re.sub(r'"[^"]*"|\\.', "", formato):
            ids.add(i)
    return ids


_OCULTA = ("1", "true")


class Guardia:
    """Vigila una hoja mientras se recorre, en la misma pasada: límites de filas, columnas y
    texto (errores), filas y columnas ocultas con datos (observaciones: se leen igual) y, al
    terminar, celdas combinadas que tocan la tabla (error: sólo la primera celda guarda valor)."""

    def __init__(self, hoja: str, problemas: list[Problema], limites: Limites = LIMITES):
        self.hoja = hoja
        self.problemas = problemas
        self.limites = limites
        self.fila_encabezado: int | None = None
        self.columnas_encabezado: set[int] = set()
        self.filas_ocultas: list[int] = []
        self.columnas_ocultas: list[tuple[int, int]] | None = None
        self.ocultas_con_datos: dict[int, str] = {}

    def fatal(self, mensaje: str, celda: str | None = None):
        """Un problema que detiene la lectura (el libro no se sigue recorriendo)."""
        self.problemas.append(Problema(hoja=self.hoja, celda=celda, mensaje=mensaje))
        raise ErrorDeDatos(self.problemas)

    def fila(self, n: int, celdas: list[Celda], parser) -> None:
        """Se llama con cada fila leída, vacía o no."""
        if n > self.limites.filas:
            self.fatal(f"La hoja llega a la fila {n:,}; el límite es {self.limites.filas:,} "
                       "filas. No se sigue leyendo.", f"{n}:{n}")
        if not celdas:
            return
        if self.columnas_ocultas is None:  # <cols> precede a los datos: ya está leído
            self.columnas_ocultas = [
                (int(d["min"]), int(d.get("max", d["min"])))
                for d in parser.column_dimensions.values()
                if d.get("hidden") in _OCULTA and str(d.get("min", "")).isdigit()
                and str(d.get("max", d["min"])).isdigit()
            ]
        for c in celdas:
            if c.columna > self.limites.columnas:
                self.fatal(f"La hoja tiene datos en la columna {letra(c.columna)}; el límite es "
                           f"{self.limites.columnas:,} columnas. No se sigue leyendo.", c.ref)
            if isinstance(c.valor, str) and len(c.valor) > self.limites.texto:
                self.problemas.append(Problema(hoja=self.hoja, celda=c.ref, mensaje=(
                    f"La celda tiene {len(c.valor):,} caracteres; Excel admite "
                    f"{self.limites.texto:,}.")))
                c.valor = c.valor[:60]
            if self.columnas_ocultas:
                for desde, hasta in self.columnas_ocultas:
                    if desde <= c.columna <= hasta:
                        self.ocultas_con_datos.setdefault(c.columna, c.ref)
        if self.fila_encabezado is None:
            self.fila_encabezado = n
            self.columnas_encabezado = {c.columna for c in celdas}
        dims = parser.row_dimensions.get(str(n))
        if dims is not None and dims.get("hidden") in _OCULTA:
            self.filas_ocultas.append(n)

    def final(self, parser) -> None:
        """Al agotar la hoja: celdas combinadas y resumen de lo oculto."""
        from openpyxl.utils.cell import range_boundaries

        combinadas = getattr(parser.merged_cells, "mergeCell", None) or []
        en_tabla = []
        for rango in combinadas:
            try:
                c1, f1, c2, f2 = range_boundaries(rango.ref)
            except (TypeError, ValueError):
                continue
            if (self.fila_encabezado is not None and f2 >= self.fila_encabezado
                    and any(c1 <= c <= c2 for c in self.columnas_encabezado)):
                en_tabla.append((rango.ref, f"{letra(c1)}{f1}"))
        for ref, primera in en_tabla[:MAX_AVISOS_POR_HOJA]:
            self.problemas.append(Problema(hoja=self.hoja, celda=ref, mensaje=(
                f"Celdas combinadas {ref}: sólo {primera} guarda el valor y las demás se "
                "leerían vacías. Separe las celdas y escriba el valor en cada una.")))
        if len(en_tabla) > MAX_AVISOS_POR_HOJA:
            self.problemas.append(Problema(hoja=self.hoja, mensaje=(
                f"Y {len(en_tabla) - MAX_AVISOS_POR_HOJA:,} rangos de celdas combinadas más en la "
                "tabla.")))
        for desde, hasta in list(rachas(self.filas_ocultas))[:MAX_AVISOS_POR_HOJA]:
            texto = (f"La fila {desde} está oculta y tiene datos: se lee" if desde == hasta else
                     f"Las filas {desde} a {hasta} están ocultas y tienen datos: se leen")
            self.problemas.append(Problema(
                severidad=Severidad.OBSERVACION, hoja=self.hoja, celda=f"{desde}:{hasta}",
                mensaje=f"{texto} igual que las visibles."))
        for columna, ref in sorted(self.ocultas_con_datos.items()):
            self.problemas.append(Problema(
                severidad=Severidad.OBSERVACION, hoja=self.hoja, celda=ref,
                mensaje=(f"La columna {letra(columna)} está oculta y tiene datos: se lee igual "
                         "que las visibles.")))


def rachas(numeros: list[int]) -> Iterator[tuple[int, int]]:
    """[3, 4, 5, 9] → (3, 5), (9, 9)."""
    inicio = previo = None
    for n in numeros:
        if previo is not None and n == previo + 1:
            previo = n
            continue
        if inicio is not None:
            yield inicio, previo
        inicio = previo = n
    if inicio is not None:
        yield inicio, previo


@dataclass
class Libro:
    """El libro abierto y lo que el recorrido de sus hojas necesita."""

    wb: Any
    porcentaje: set[int]
    analizador: type
    problemas: list[Problema] = field(default_factory=list)
    """Donde la guardia de cada hoja deja sus problemas (la lista del lector)."""
    progreso: Progreso | None = None
    limites: Limites = LIMITES
    encabezados: dict[str, tuple[int, set[int]]] = field(default_factory=dict)
    """Hoja → fila de encabezados y sus columnas, cuando el lector de la plantilla la encuentra
    bajo filas de título: la revisión de celdas combinadas mira desde ahí (un título combinado
    encima de la tabla no es un error)."""

    @property
    def titulos(self) -> list[str]:
        """Nombres de las hojas, en el orden del libro."""
        return [ws.title for ws in self.wb.worksheets]

    def cerrar(self) -> None:
        self.wb.close()

    def filas(self, titulo: str) -> Iterator[list[Celda]]:
        """Filas no vacías de una hoja, cada una con sus celdas no vacías."""
        ws = self.wb[titulo]
        guardia = Guardia(ws.title, self.problemas, self.limites)
        with ws._get_source() as fuente:
            parser = self.analizador(
                FuenteVigilada(fuente, self.limites.etiquetas_fila),
                ws._shared_strings,
                data_only=True,
                epoch=self.wb.epoch,
                date_formats=self.wb._date_formats,
                timedelta_formats=self.wb._timedelta_formats,
            )
            parser.porcentaje = self.porcentaje
            progreso, total, leidas = self.progreso, ws.max_row, 0
            try:
                for n, celdas in parser.parse():
                    if progreso is not None:
                        leidas += 1
                        if leidas % FILAS_POR_AVISO == 0:
                            progreso(ws.title, n, total)
                    celdas = [c for c in celdas if c is not None]
                    guardia.fila(n, celdas, parser)
                    if celdas:
                        yield celdas
            except ErrorDeDatos:
                raise
            except Exception as exc:  # XML dañado u hostil: un mensaje, nunca una traza
                guardia.fatal(f"La hoja no se puede leer: {causa_ilegible(exc)}.")
            if ws.title in self.encabezados:
                guardia.fila_encabezado, guardia.columnas_encabezado = self.encabezados[ws.title]
            guardia.final(parser)


def abrir_libro(ruta: Path, problemas: list[Problema], limites: Limites = LIMITES,
                progreso: Progreso | None = None) -> Libro:
    """Revisa el archivo (:func:`~.seguridad.revisar_archivo`) y lo abre para recorrer sus hojas.
    Los problemas de cada hoja se dejan en ``problemas``. Lanza :class:`ErrorDeDatos`."""
    revisar_archivo(ruta, limites)
    import openpyxl
    from openpyxl.xml import DEFUSEDXML

    if not DEFUSEDXML:
        raise ErrorDeDatos([Problema(mensaje=(
            "openpyxl no está usando defusedxml (¿OPENPYXL_DEFUSEDXML=False o defusedxml sin "
            "instalar?): sin esa protección no se leen libros. Instale defusedxml."))])
    try:
        wb = openpyxl.load_workbook(ruta, read_only=True, data_only=True)
        porcentaje = estilos_porcentaje(wb)
    except Exception as exc:  # openpyxl lanza de todo ante un zip que no es un libro
        raise ErrorDeDatos([Problema(mensaje=(
            f"{ruta} no se puede leer como libro .xlsx: {causa_ilegible(exc)}."))]
        ) from exc
    if len(wb.worksheets) > limites.hojas:
        wb.close()
        raise ErrorDeDatos([Problema(mensaje=(
            f"{ruta} tiene {len(wb.worksheets):,} hojas; la plantilla tiene seis (límite "
            f"{limites.hojas}). No se lee."))])
    return Libro(wb, porcentaje, _analizador(), problemas, progreso, limites)


class FilaDesmedida(Exception):
    """Una hoja con más de ``Limites.etiquetas_fila`` etiquetas XML seguidas sin fin de fila."""


class FuenteVigilada:
    """Envuelve el XML de una hoja y cuenta, en los bytes que entrega al analizador, las etiquetas
    desde el último fin de fila: corta una fila (o cualquier elemento) desmedido antes de que
    openpyxl lo arme en memoria. Cuenta con operaciones de bytes en C: no se nota en el tiempo."""

    def __init__(self, fuente, limite: int):
        self.fuente = fuente
        self.limite = limite
        self.etiquetas = 0

    def read(self, n: int = -1) -> bytes:
        datos = self.fuente.read(n)
        fin = datos.rfind(b"</row>")
        if fin >= 0:
            self.etiquetas = datos.count(b"<", fin + 6)
        else:
            self.etiquetas += datos.count(b"<")
        if self.etiquetas > self.limite:
            raise FilaDesmedida(
                f"tiene una fila o un elemento con más de {self.limite:,} etiquetas XML seguidas "
                "(una fila de la plantilla usa unos miles); no es un libro de la plantilla"
            )
        return datos


def causa_ilegible(exc: BaseException) -> str:
    """Por qué una parte del libro no se pudo leer, en castellano (sin traza)."""
    cadena, actual = [], exc
    while actual is not None and len(cadena) < 10:  # openpyxl envuelve la causa en ValueError
        cadena.append(actual)
        actual = actual.__cause__ or actual.__context__
    for e in cadena:
        if type(e).__name__ in ("EntitiesForbidden", "DTDForbidden", "ExternalReferenceForbidden",
                                "NotSupportedError"):
            return _DTD_ORACULO
        if isinstance(e, zipfile.BadZipFile):
            return f"el zip está dañado ({e})"
        if isinstance(e, FilaDesmedida):
            return str(e)
    nombre = type(exc).__name__
    detalle = " ".join(str(exc).split())
    if len(detalle) > 160:
        detalle = detalle[:157] + "..."
    return f"contenido dañado o inesperado ({nombre}: {detalle})"
