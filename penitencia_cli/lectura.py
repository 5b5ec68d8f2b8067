"""Libro de Excel (plantilla de seguimiento) → modelos.

Implementa el contrato de ``docs/plantilla.md``. Todos los problemas se reúnen, cada uno con su hoja
y celda, y se entregan juntos en un :class:`~penitencia_cli.modelos.ErrorDeDatos`; nunca sólo el
primero, nunca una traza de Python.

El libro se abre en modo sólo lectura y se recorre una sola vez, fila por fila, con el analizador de
hojas de openpyxl, que da en el mismo paso el valor guardado, su tipo (error, fecha, lógico) y su
formato de número (para la regla del porcentaje); además se marca la fórmula que no tiene valor
calculado guardado, que para el contrato es un error y no ND.
"""

from __future__ import annotations

import re
import unicodedata
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from collections.abc import Mapping
from typing import Any, Callable, Iterator

from .modelos import (
    Acumulacion,
    ErrorDeDatos,
    ElementoEstructura,
    Indicador,
    Lineamiento,
    Matriz,
    ObjetivoPrioritario,
    Politica,
    Problema,
    Sentido,
    Servicio,
    Severidad,
    Ubicacion,
    Valor,
    problemas_de_estructura,
)

# --- Nombres de hojas, columnas y palabras ----------------------------------------------------


def normalizar(texto: Any) -> str:
    """Clave de comparación: sin tildes, sin mayúsculas, sin espacios de borde, '_' = ' '."""
    s = unicodedata.normalize("NFKD", str(texto))
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = s.casefold().replace("_", " ")
    return " ".join(s.split())


HOJA_POLITICA = "Politica"
HOJA_ESTRUCTURA = "Estructura"
HOJA_INDICADORES = "Indicadores"
HOJA_LE = "Logros esperados"
HOJA_VO = "Valores obtenidos"
HOJA_PUBLICADO = "Avance publicado"
HOJAS_REQUERIDAS = (HOJA_POLITICA, HOJA_ESTRUCTURA, HOJA_INDICADORES, HOJA_LE, HOJA_VO)
HOJAS_OPCIONALES = (HOJA_PUBLICADO,)

COLUMNAS_POLITICA = {"campo": True, "valor": True}
CAMPOS_POLITICA = {
    "nombre": "nombre",
    "sector": "sector",
    "ministerio conductor": "ministerio_conductor",
    "tipo": "tipo",
}
COLUMNAS_ESTRUCTURA = {"codigo": True, "nivel": True, "padre": True, "enunciado": True}
COLUMNAS_INDICADORES = {
    "codigo": True,
    "nivel": True,
    "pertenece a": True,
    "nombre": True,
    "responsable": False,
    "tipo": False,
    "sentido": True,
    "acumulacion": True,
    "unidad": False,
    "lb anio": False,
    "lb valor": False,
}
"""Columnas de cada hoja (clave normalizada → requerida)."""

NIVELES_ESTRUCTURA = {"op": "OP", "ln": "LN", "ss": "SS"}
NIVELES_INDICADOR = {"iop": "IOP", "iss": "ISS"}
SENTIDOS = {normalizar(s.value): s for s in Sentido}
ACUMULACIONES = {normalizar(a.value): a for a in Acumulacion}
CODIGO_INDICE = "INDICE"

ND_TEXTOS = {"", "nd", "n.d.", "-", "—", "s.i."}
"""Textos que significan ND (comparados en minúsculas y sin espacios de borde)."""

ANIO_MIN, ANIO_MAX = 1900, 2100

Progreso = Callable[[str, int, "int | None"], None]
"""Aviso de progreso de la lectura: ``(hoja, fila en curso, última fila de la hoja o None)``."""
FILAS_POR_AVISO = 1000

_NUMERO = re.compile(r"[+-]?(?:\d+|\d{1,3}(?:,\d{3})+)(?:\.\d+)?")


# --- Celdas -----------------------------------------------------------------------------------


class ValorInvalido(ValueError):
    """Una celda de valor con algo que no es número ni ND; el mensaje dice qué se encontró."""


FORMULA_SIN_VALOR = "formula-sin-valor"
"""Tipo de dato que el lector da a una fórmula sin valor calculado guardado."""


@dataclass(slots=True)
class Celda:
    fila: int
    columna: int
    valor: Any
    tipo: str
    """Tipo de openpyxl: 'n', 's', 'b', 'd', 'e', o :data:`FORMULA_SIN_VALOR`."""
    porcentaje: bool = False

    @property
    def ref(self) -> str:
        return f"{_letra(self.columna)}{self.fila}"


_LETRAS: dict[int, str] = {}


def _letra(columna: int) -> str:
    letra = _LETRAS.get(columna)
    if letra is None:
        n, letra = columna, ""
        while n:
            n, r = divmod(n - 1, 26)
            letra = chr(65 + r) + letra
        _LETRAS[columna] = letra
    return letra


def _describir(celda: Celda) -> str:
    v = celda.valor
    if celda.tipo == "e":
        return f"el valor de error {v}"
    if celda.tipo == "b":
        return f"el valor lógico {'VERDADERO' if v else 'FALSO'}"
    if celda.tipo == "d" or hasattr(v, "year"):
        return f"la fecha {v}"
    texto = str(v)
    if len(texto) > 60:
        texto = texto[:57] + "..."
    return f"{texto!r}"


def valor_de_celda(celda: Celda) -> Valor:
    """Interpreta una celda de valor según el contrato. ND → ``None``; lo inválido → excepción."""
    v, tipo = celda.valor, celda.tipo
    if tipo == "n" and not celda.porcentaje:  # el caso común, sin más comprobaciones
        clase = v.__class__
        if clase is int:
            return Decimal(v)
        if clase is float and v - v == 0.0:  # finito (ni inf ni nan)
            return Decimal(repr(v))
    if tipo == FORMULA_SIN_VALOR:
        raise ValorInvalido(
            "una fórmula sin valor calculado guardado (abra el libro en Excel y guárdelo para "
            "que se calcule)"
        )
    if tipo in ("e", "b", "d") or isinstance(v, bool) or hasattr(v, "year"):
        raise ValorInvalido(f"{_describir(celda)}, que no es un número ni ND")
    if v is None:
        return None
    if isinstance(v, (int, float)):
        if isinstance(v, float) and (v != v or v in (float("inf"), float("-inf"))):
            raise ValorInvalido(f"{_describir(celda)}, que no es un número finito")
        numero = Decimal(repr(v)) if isinstance(v, float) else Decimal(v)
        if celda.porcentaje:
            numero = (numero * 100).normalize()
            if numero == numero.to_integral():
                numero = numero.quantize(Decimal(1))
        return numero
    texto = str(v).strip()
    if texto.lower() in ND_TEXTOS:
        return None
    cuerpo = texto[:-1].rstrip() if texto.endswith("%") else texto
    if _NUMERO.fullmatch(cuerpo):
        try:
            return Decimal(cuerpo.replace(",", ""))
        except InvalidOperation:  # pragma: no cover - la expresión ya lo garantiza
            pass
    raise ValorInvalido(f"{_describir(celda)}, que no es un número ni ND")


class CeldasDeFila(Mapping):
    """Año → celda ("F12") de una fila de serie, sin guardar una cadena por celda.

    Es lo que el lector pone en ``Indicador.celdas_le`` y ``celdas_vo``: se lee como un ``dict``
    (``get``, ``[]``, ``in``, iteración, comparación), pero sólo guarda la fila y el mapa año →
    columna, que comparten todas las filas de la hoja. Con 100 000 indicadores ahorra unos 250 MB.
    """

    __slots__ = ("_letras", "_fila")

    def __init__(self, letras: dict[int, str], fila: int):
        self._letras = letras
        self._fila = fila

    def __getitem__(self, anio: int) -> str:
        return f"{self._letras[anio]}{self._fila}"

    def __iter__(self):
        return iter(self._letras)

    def __len__(self) -> int:
        return len(self._letras)

    def __repr__(self) -> str:
        return repr(dict(self))


def _texto(celda: Celda | None) -> str:
    """Contenido de una celda de texto (código, nombre...), sin espacios de borde."""
    if celda is None or celda.valor is None:
        return ""
    v = celda.valor
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    return str(v).strip()


# --- Recorrido de hojas -----------------------------------------------------------------------


_MAYUSCULAS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_COLUMNAS: dict[str, int] = {}


def _coordenada(ref: str) -> tuple[int, int]:
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
        """Índices de estilo con formato de porcentaje (ver :func:`_estilos_porcentaje`)."""

        def parse_cell(self, element) -> Celda | None:  # type: ignore[override]
            tipo = element.get("t", "n")
            ref = element.get("r")
            estilo = element.get("s")
            estilo = int(estilo) if estilo else 0
            if ref:
                try:
                    fila, columna = _coordenada(ref)
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


def _estilos_porcentaje(wb) -> set[int]:
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


@dataclass
class _Libro:
    """El libro abierto y lo que el recorrido de sus hojas necesita."""

    wb: Any
    porcentaje: set[int]
    analizador: type
    progreso: Progreso | None = None

    def filas(self, ws) -> Iterator[list[Celda]]:
        """Filas no vacías de una hoja, cada una con sus celdas no vacías."""
        with ws._get_source() as fuente:
            parser = self.analizador(
                fuente,
                ws._shared_strings,
                data_only=True,
                epoch=self.wb.epoch,
                date_formats=self.wb._date_formats,
                timedelta_formats=self.wb._timedelta_formats,
            )
            parser.porcentaje = self.porcentaje
            progreso, total, leidas = self.progreso, ws.max_row, 0
            for n, celdas in parser.parse():
                if progreso is not None:
                    leidas += 1
                    if leidas % FILAS_POR_AVISO == 0:
                        progreso(ws.title, n, total)
                celdas = [c for c in celdas if c is not None]
                if celdas:
                    yield celdas


@dataclass
class _Tabla:
    """Una hoja leída como tabla: encabezados normalizados → columna, y filas de datos."""

    hoja: str
    columnas: dict[str, int]
    encabezados: list[Celda]
    filas: Iterator[list[Celda]]
    fila_encabezado: int


class _Lector:
    def __init__(self, ruta: Path, progreso: Progreso | None = None):
        self.ruta = ruta
        self.progreso = progreso
        self.problemas: list[Problema] = []

    # Problemas
    def error(self, mensaje: str, hoja: str | None = None, celda: str | None = None,
              codigo: str | None = None) -> None:
        self.problemas.append(Problema(hoja=hoja, celda=celda, codigo=codigo, mensaje=mensaje))

    def nota(self, mensaje: str, hoja: str | None = None, celda: str | None = None,
             codigo: str | None = None) -> None:
        self.problemas.append(
            Problema(severidad=Severidad.OBSERVACION, hoja=hoja, celda=celda, codigo=codigo,
                     mensaje=mensaje)
        )

    @property
    def hay_errores(self) -> bool:
        return any(p.severidad is Severidad.ERROR for p in self.problemas)

    # Apertura
    def abrir(self) -> _Libro:
        ruta = self.ruta
        if not ruta.exists():
            raise ErrorDeDatos([Problema(mensaje=f"No existe el archivo {ruta}.")])
        if ruta.is_dir():
            raise ErrorDeDatos([Problema(mensaje=f"{ruta} es una carpeta, no un libro .xlsx.")])
        with open(ruta, "rb") as f:
            cabecera = f.read(8)
        if not cabecera:
            raise ErrorDeDatos([Problema(mensaje=f"El archivo {ruta} está vacío.")])
        if cabecera.startswith(b"\xd0\xcf\x11\xe0"):
            raise ErrorDeDatos([Problema(mensaje=(
                f"{ruta} es un libro de Excel antiguo (.xls) o protegido con contraseña. "
                "Ábralo en Excel y guárdelo como .xlsx sin contraseña."))])
        if not zipfile.is_zipfile(ruta):
            raise ErrorDeDatos([Problema(mensaje=(
                f"{ruta} no es un libro de Excel .xlsx (no es un archivo zip)."))])
        import openpyxl

        try:
            wb = openpyxl.load_workbook(ruta, read_only=True, data_only=True)
        except Exception as exc:  # openpyxl lanza de todo ante un zip que no es un libro
            raise ErrorDeDatos([Problema(mensaje=(
                f"{ruta} no se puede leer como libro .xlsx ({type(exc).__name__}: {exc})."))]
            ) from exc
        return _Libro(wb, _estilos_porcentaje(wb), _analizador())

    # Tablas
    def tabla(self, libro: _Libro, ws, hoja: str, esperadas: dict[str, bool]) -> _Tabla | None:
        """Lee el encabezado (primera fila no vacía) y comprueba las columnas."""
        filas = libro.filas(ws)
        encabezado = next(filas, None)
        if encabezado is None:
            faltan = [c for c, req in esperadas.items() if req]
            self.error(f"La hoja {hoja} está vacía; debe tener las columnas: {', '.join(faltan)}.",
                       hoja)
            return None
        columnas: dict[str, int] = {}
        for c in encabezado:
            clave = normalizar(_texto(c))
            if clave in columnas:
                self.error(f"La columna {_texto(c)!r} está repetida.", hoja, c.ref)
            else:
                columnas[clave] = c.columna
        faltan = [c for c, req in esperadas.items() if req and c not in columnas]
        for c in faltan:
            self.error(f"Falta la columna requerida {c.replace(' ', '_')!r} en la hoja {hoja}.",
                       hoja, f"{encabezado[0].fila}:{encabezado[0].fila}")
        return _Tabla(hoja, columnas, encabezado, filas, encabezado[0].fila)

    def notar_columnas_extra(self, tabla: _Tabla, conocidas) -> None:
        for c in tabla.encabezados:
            if normalizar(_texto(c)) not in conocidas:
                self.nota(f"Columna {_texto(c)!r} no pertenece a la plantilla: se ignora.",
                          tabla.hoja, c.ref)

    # Hojas
    def leer(self) -> Matriz:
        libro = self.abrir()
        libro.progreso = self.progreso
        try:
            return self._leer(libro)
        finally:
            libro.wb.close()

    def _leer(self, libro: _Libro) -> Matriz:
        hojas: dict[str, Any] = {}
        nombres = {normalizar(h): h for h in HOJAS_REQUERIDAS + HOJAS_OPCIONALES}
        for ws in libro.wb.worksheets:
            clave = normalizar(ws.title)
            if clave in nombres and nombres[clave] not in hojas:
                hojas[nombres[clave]] = ws
            else:
                self.nota(f"La hoja {ws.title!r} no pertenece a la plantilla: se ignora.", ws.title)
        faltan = [h for h in HOJAS_REQUERIDAS if h not in hojas]
        if faltan:
            presentes = ", ".join(repr(ws.title) for ws in libro.wb.worksheets) or "ninguna"
            for h in faltan:
                self.error(f"Falta la hoja requerida {h!r} (hojas presentes: {presentes}).")

        politica = self.leer_politica(libro, hojas[HOJA_POLITICA]) if HOJA_POLITICA in hojas else None
        estructura = (self.leer_estructura(libro, hojas[HOJA_ESTRUCTURA])
                      if HOJA_ESTRUCTURA in hojas else [])
        indicadores = (self.leer_indicadores(libro, hojas[HOJA_INDICADORES])
                       if HOJA_INDICADORES in hojas else {})
        series: dict[str, dict[str, tuple[dict[int, Valor], dict[int, str]]]] = {}
        for hoja in (HOJA_LE, HOJA_VO):
            if hoja in hojas:
                series[hoja] = self.leer_series(libro, hojas[hoja], hoja, set(indicadores),
                                                HOJA_INDICADORES in hojas)
        publicado: dict[str, dict[int, Valor]] = {}
        if HOJA_PUBLICADO in hojas:
            validos = set(indicadores) | {e.codigo for e in estructura if e.nivel == "OP"}
            validos.add(CODIGO_INDICE)
            leidos = self.leer_series(libro, hojas[HOJA_PUBLICADO], HOJA_PUBLICADO, validos,
                                      True, indice=True)
            publicado = {codigo: valores for codigo, (valores, _) in leidos.items()}

        lista: list[Indicador] = []
        for codigo, datos in indicadores.items():
            if not datos:  # indicador con errores: ya informados
                continue
            le, celdas_le = series.get(HOJA_LE, {}).get(codigo, ({}, {}))
            vo, celdas_vo = series.get(HOJA_VO, {}).get(codigo, ({}, {}))
            indicador = Indicador(**datos, logros_esperados=le, valores_obtenidos=vo)
            # Después de validar: pydantic copiaría CeldasDeFila en un dict (una cadena por celda).
            indicador.celdas_le, indicador.celdas_vo = celdas_le, celdas_vo
            lista.append(indicador)
        self.problemas.extend(problemas_de_estructura(estructura, lista))
        if self.hay_errores or politica is None:
            raise ErrorDeDatos(self.problemas)
        return Matriz.model_construct(
            politica=politica,
            estructura=estructura,
            indicadores=lista,
            avance_publicado=publicado,
            observaciones_lectura=list(self.problemas),
        )

    def leer_politica(self, libro: _Libro, ws) -> Politica | None:
        hoja = ws.title
        tabla = self.tabla(libro, ws, hoja, COLUMNAS_POLITICA)
        if tabla is None or "campo" not in tabla.columnas or "valor" not in tabla.columnas:
            return None
        self.notar_columnas_extra(tabla, COLUMNAS_POLITICA)
        col_campo, col_valor = tabla.columnas["campo"], tabla.columnas["valor"]
        datos: dict[str, str] = {}
        for fila in tabla.filas:
            por_col = {c.columna: c for c in fila}
            celda = por_col.get(col_campo)
            campo = normalizar(_texto(celda))
            if not campo:
                continue
            clave = CAMPOS_POLITICA.get(campo)
            if clave is None:
                self.nota(f"Campo {_texto(celda)!r} desconocido en Politica: se ignora.", hoja,
                          celda.ref)
                continue
            datos[clave] = _texto(por_col.get(col_valor)) or None
        if not datos.get("nombre"):
            self.error("Falta el nombre de la política (campo 'nombre' con su valor).", hoja)
            return None
        return Politica(**datos)

    def leer_estructura(self, libro: _Libro, ws) -> list[ElementoEstructura]:
        hoja = ws.title
        tabla = self.tabla(libro, ws, hoja, COLUMNAS_ESTRUCTURA)
        if tabla is None or any(c not in tabla.columnas for c in COLUMNAS_ESTRUCTURA):
            return []
        self.notar_columnas_extra(tabla, COLUMNAS_ESTRUCTURA)
        col = tabla.columnas
        elementos: list[ElementoEstructura] = []
        for fila in tabla.filas:
            por_col = {c.columna: c for c in fila}
            n = fila[0].fila
            ref = lambda nombre: f"{_letra(col[nombre])}{n}"  # noqa: E731
            codigo = _texto(por_col.get(col["codigo"]))
            if not codigo:
                self.error("Fila sin código.", hoja, ref("codigo"))
                continue
            nivel_txt = _texto(por_col.get(col["nivel"]))
            nivel = NIVELES_ESTRUCTURA.get(normalizar(nivel_txt))
            padre = _texto(por_col.get(col["padre"])) or None
            enunciado = _texto(por_col.get(col["enunciado"]))
            ubicacion = Ubicacion(hoja=hoja, celda=ref("codigo"))
            if nivel is None:
                self.error(f"Nivel {nivel_txt!r} desconocido: use OP, LN o SS.", hoja,
                           ref("nivel"), codigo)
                continue
            if nivel == "OP":
                if padre:
                    self.error(f"Un OP no tiene padre, pero {codigo} tiene {padre!r}.", hoja,
                               ref("padre"), codigo)
                    continue
                elementos.append(ObjetivoPrioritario(codigo=codigo, enunciado=enunciado,
                                                     ubicacion=ubicacion))
                continue
            if not padre:
                self.error(f"Falta el padre de {codigo} ({nivel}).", hoja, ref("padre"), codigo)
                continue
            clase = Lineamiento if nivel == "LN" else Servicio
            elementos.append(clase(codigo=codigo, enunciado=enunciado, padre=padre,
                                   ubicacion=ubicacion))
        return elementos

    def leer_indicadores(self, libro: _Libro, ws) -> dict[str, dict[str, Any]]:
        hoja = ws.title
        tabla = self.tabla(libro, ws, hoja, COLUMNAS_INDICADORES)
        if tabla is None or any(c not in tabla.columnas
                                for c, req in COLUMNAS_INDICADORES.items() if req):
            return {}
        self.notar_columnas_extra(tabla, COLUMNAS_INDICADORES)
        col = tabla.columnas
        indicadores: dict[str, dict[str, Any]] = {}
        for fila in tabla.filas:
            por_col = {c.columna: c for c in fila}
            n = fila[0].fila

            def ref(nombre: str) -> str:
                return f"{_letra(col[nombre])}{n}"

            def texto(nombre: str) -> str:
                return _texto(por_col.get(col[nombre])) if nombre in col else ""

            codigo = texto("codigo")
            if not codigo:
                self.error("Fila sin código.", hoja, ref("codigo"))
                continue
            errores_antes = len(self.problemas)
            nivel = NIVELES_INDICADOR.get(normalizar(texto("nivel")))
            if nivel is None:
                self.error(f"Nivel {texto('nivel')!r} desconocido: use IOP o ISS.", hoja,
                           ref("nivel"), codigo)
            sentido = SENTIDOS.get(normalizar(texto("sentido")))
            if sentido is None:
                self.error(f"Sentido {texto('sentido')!r} desconocido: use Ascendente o "
                           "Descendente (un sentido neutro o vacío no se adivina).", hoja,
                           ref("sentido"), codigo)
            acumulacion = ACUMULACIONES.get(normalizar(texto("acumulacion")))
            if acumulacion is None:
                self.error(f"Acumulación {texto('acumulacion')!r} desconocida: use Acumulado o "
                           "No acumulado.", hoja, ref("acumulacion"), codigo)
            pertenece_a = texto("pertenece a")
            if not pertenece_a:
                self.error("Falta pertenece_a (el OP o servicio que mide el indicador).", hoja,
                           ref("pertenece a"), codigo)
            lb_anio = None
            if "lb anio" in col and (celda := por_col.get(col["lb anio"])) is not None:
                lb_anio = _anio(celda.valor)
                if lb_anio is None:
                    self.error(f"Año de línea de base {_describir(celda)} no es un año.", hoja,
                               celda.ref, codigo)
            lb_valor = None
            if "lb valor" in col and (celda := por_col.get(col["lb valor"])) is not None:
                try:
                    lb_valor = valor_de_celda(celda)
                except ValorInvalido as exc:
                    self.error(f"Valor de línea de base inválido: {exc}.", hoja, celda.ref, codigo)
            if codigo in indicadores:
                self.error(f"El código {codigo} está repetido en Indicadores.", hoja,
                           ref("codigo"), codigo)
                continue
            if len(self.problemas) > errores_antes:
                indicadores[codigo] = {}  # existe, para no acusar sus series de código desconocido
                continue
            indicadores[codigo] = dict(
                codigo=codigo, nivel=nivel, pertenece_a=pertenece_a, nombre=texto("nombre"),
                responsable=texto("responsable") or None, tipo=texto("tipo") or None,
                sentido=sentido, acumulacion=acumulacion, unidad=texto("unidad") or None,
                lb_anio=lb_anio, lb_valor=lb_valor,
                ubicacion=Ubicacion(hoja=hoja, celda=ref("codigo")),
            )
        return indicadores

    def leer_series(self, libro: _Libro, ws, hoja: str, codigos: set[str], comprobar: bool,
                    indice: bool = False) -> dict[str, tuple[dict[int, Valor], dict[int, str]]]:
        """Hoja con columna ``codigo`` y una columna por año."""
        tabla = self.tabla(libro, ws, hoja, {"codigo": True})
        if tabla is None or "codigo" not in tabla.columnas:
            return {}
        col_codigo = tabla.columnas["codigo"]
        anios: dict[int, int] = {}  # columna → año
        vistos: dict[int, str] = {}
        for c in tabla.encabezados:
            if c.columna == col_codigo:
                continue
            anio = _anio(c.valor)
            texto = _texto(c)
            if anio is None:
                if any(ch.isdigit() for ch in texto):
                    self.error(f"El encabezado {texto!r} no es un año.", hoja, c.ref)
                else:
                    self.nota(f"Columna {texto!r} no es un año: se ignora.", hoja, c.ref)
                continue
            if anio in vistos:
                self.error(f"El año {anio} está repetido (también en {vistos[anio]}).", hoja,
                           c.ref)
                continue
            vistos[anio] = c.ref
            anios[c.columna] = anio
        por_anio = list(anios.items())
        letras = {anio: _letra(columna) for columna, anio in por_anio}
        resultado: dict[str, tuple[dict[int, Valor], dict[int, str]]] = {}
        filas_codigo: dict[str, str] = {}
        for fila in tabla.filas:
            por_col = {c.columna: c for c in fila}
            n = fila[0].fila
            ref_codigo = f"{_letra(col_codigo)}{n}"
            codigo = _texto(por_col.get(col_codigo))
            if indice and normalizar(codigo) == normalizar(CODIGO_INDICE):
                codigo = CODIGO_INDICE
            if not codigo:
                self.error("Fila con valores pero sin código.", hoja, ref_codigo)
                continue
            if codigo in filas_codigo:
                self.error(f"El código {codigo} está repetido (también en "
                           f"{filas_codigo[codigo]}).", hoja, ref_codigo, codigo)
                continue
            filas_codigo[codigo] = ref_codigo
            if comprobar and codigo not in codigos:
                donde = "Indicadores" if not indice else "Indicadores, Estructura (OP) ni INDICE"
                self.error(f"El código {codigo} no existe en {donde}.", hoja, ref_codigo, codigo)
                continue
            valores: dict[int, Valor] = {}
            for columna, anio in por_anio:
                celda = por_col.get(columna)
                if celda is None:
                    valores[anio] = None
                    continue
                try:
                    valores[anio] = valor_de_celda(celda)
                except ValorInvalido as exc:
                    self.error(f"Se encontró {exc}.", hoja, celda.ref, codigo)
                    valores[anio] = None
            resultado[codigo] = (valores, CeldasDeFila(letras, n))
        return resultado


def _anio(valor: Any) -> int | None:
    """Un año de encabezado o de línea de base: 2019, 2019.0 o '2019'."""
    if isinstance(valor, bool):
        return None
    if isinstance(valor, float) and valor.is_integer():
        valor = int(valor)
    if isinstance(valor, str) and valor.strip().isdigit():
        valor = int(valor.strip())
    if isinstance(valor, int) and ANIO_MIN <= valor <= ANIO_MAX:
        return valor
    return None


def leer_libro(ruta: str | Path, progreso: Progreso | None = None) -> Matriz:
    """Lee un libro de la plantilla. Lanza :class:`ErrorDeDatos` con todos los problemas.

    ``progreso``, si se da, se llama cada :data:`FILAS_POR_AVISO` filas leídas con la hoja, la fila
    en curso y la última fila de la hoja (o ``None`` si el libro no lo declara); la CLI lo usa para
    mostrar una barra de avance en libros grandes. El lector no dibuja nada.
    """
    return _Lector(Path(ruta), progreso).leer()


def ruta_muestra() -> Path:
    """El libro de muestra: la Política Nacional Penitenciaria (incluido en el paquete)."""
    from importlib.resources import files

    instalado = files("penitencia_cli") / "datos" / "pnp_2024.xlsx"
    if instalado.is_file():
        return Path(str(instalado))
    return Path(__file__).resolve().parent.parent / "samples" / "pnp_2024.xlsx"
