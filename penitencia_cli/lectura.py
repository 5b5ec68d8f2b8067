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
    HOJA_LE,
    HOJA_PUBLICADO,
    HOJA_VO,
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

HOJA_INSTRUCCIONES = "Instrucciones"
HOJAS_IGNORADAS = (HOJA_INSTRUCCIONES,)
"""Hojas que ``penitencia plantilla`` escribe para el usuario: se ignoran sin nota."""


_IGNORADAS = {normalizar(h) for h in HOJAS_IGNORADAS}


def nombre_columna(clave: str) -> str:
    """Cómo se escribe una columna en el libro: la clave normalizada con '_' ('pertenece_a')."""
    return clave.replace(" ", "_")

NIVELES_ESTRUCTURA = {"op": "OP", "ln": "LN", "ss": "SS"}
NIVELES_INDICADOR = {"iop": "IOP", "iss": "ISS"}
SENTIDOS = {normalizar(s.value): s for s in Sentido}
ACUMULACIONES = {normalizar(a.value): a for a in Acumulacion}
CODIGO_INDICE = "INDICE"

ND_TEXTOS = {"", "nd", "n.d.", "-", "—", "s.i."}
"""Textos que significan ND (comparados en minúsculas y sin espacios de borde)."""

ANIO_MIN, ANIO_MAX = 1900, 2100

# --- Límites ante libros hostiles (ver docs/entrada.md) ----------------------------------------
# Se comprueban con lo que declara el zip ANTES de que openpyxl lea nada, y hoja por hoja
# mientras se recorre. Un libro real de la plantilla queda muy por debajo de todos.
MAX_MIEMBROS_ZIP = 1_000
"""Archivos dentro del zip (un libro de la plantilla tiene unos 15)."""
MAX_BYTES_DESCOMPRIMIDOS = 2 * 2**30
"""Suma de los tamaños descomprimidos que declara el zip (la muestra: 115 KB; 100 000 indicadores
con 12 años: unos 180 MB)."""
MAX_BYTES_XML = 64 * 2**20
"""Tamaño descomprimido de cada parte XML que no es una hoja (textos compartidos, estilos,
workbook...): openpyxl las carga enteras en memoria."""
MAX_BYTES_HOJA = 512 * 2**20
"""Tamaño descomprimido de cada hoja. Las hojas se recorren fila por fila (100 000 indicadores con
12 años ocupan unos 60 MB por hoja), y lo que se arma en memoria de una vez lo acota
:data:`MAX_ETIQUETAS_FILA`."""
MAX_ETIQUETAS_FILA = 50_000
"""Etiquetas XML entre dos fines de fila de una hoja. openpyxl arma cada fila (y cada elemento que
no es fila, como la lista de celdas combinadas) entero antes de entregarlo, a unas 45 veces su
tamaño en XML; esta guardia lo corta mientras se lee, antes de que crezca. Una fila de la plantilla
con 1 000 columnas usa unas 8 000."""
MAX_AVISOS_POR_HOJA = 20
"""Celdas combinadas o rachas ocultas que se detallan por hoja; las demás se cuentan."""
MAX_RAZON_COMPRESION = 100
"""Razón descomprimido/comprimido máxima de un miembro mayor que :data:`MIN_BYTES_RAZON`."""
MIN_BYTES_RAZON = 2**20
"""Los miembros pequeños pueden comprimirse mucho sin peligro: la razón se mira desde aquí."""
MAX_HOJAS = 100
"""Hojas del libro (la plantilla tiene seis y sus instrucciones)."""
MAX_FILAS = 200_000
"""Filas por hoja (número de fila de Excel): el doble de la mayor matriz que medimos (100 000
indicadores, unos 1 000 MB de memoria en total; ver benchmarks/README.md)."""
MAX_COLUMNAS = 1_000
"""Columnas con datos por hoja (una por año alcanza de sobra)."""
MAX_TEXTO = 32_767
"""Caracteres de una celda: el máximo que admite Excel."""

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


_INVISIBLES = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
"""Caracteres de ancho cero que trae el texto copiado de un PDF o de la web."""


def _codigo(celda: Celda | None) -> str:
    """Un código (o padre, pertenece_a): sin espacios de borde (tampoco los no separables de un
    PDF), sin caracteres invisibles, y con cada racha de espacios internos reducida a uno."""
    return " ".join(_texto(celda).translate(_INVISIBLES).split())


def _parecido(codigo: str, conocidos) -> str | None:
    """Un código conocido que difiere de ``codigo`` sólo en espacios (para sugerirlo)."""
    clave = codigo.replace(" ", "")
    for c in conocidos:
        if c.replace(" ", "") == clave:
            return c
    return None


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


# --- Libros hostiles y rarezas de hoja -------------------------------------------------------


def revisar_zip(ruta: Path) -> list[Problema]:
    """Lo que el zip declara, ANTES de descomprimir nada: cantidad de miembros, tamaños,
    razones de compresión y métodos. Una bomba zip se rechaza aquí, en milisegundos.

    El tamaño declarado también acota lo que ``zipfile`` entrega al leer (corta ahí y falla
    la suma de control), así que un zip que miente sobre su tamaño no pasa de este límite.
    """
    try:
        with zipfile.ZipFile(ruta) as z:
            miembros = z.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError,
            NotImplementedError) as exc:
        return [Problema(mensaje=f"{ruta} es un zip dañado; no se puede leer como libro .xlsx "
                                 f"({exc}).")]
    problemas: list[Problema] = []

    def muchas_hojas(n: int) -> Problema:
        return Problema(mensaje=(f"{ruta} tiene {n:,} hojas; la plantilla tiene seis (límite "
                                 f"{MAX_HOJAS}). No se lee."))

    hojas = sum(m.filename.startswith("xl/worksheets/") and m.filename.endswith(".xml")
                for m in miembros)
    if hojas > MAX_HOJAS:
        return [muchas_hojas(hojas)]
    if len(miembros) > MAX_MIEMBROS_ZIP:
        return [Problema(mensaje=(
            f"{ruta} contiene {len(miembros):,} archivos internos; un libro de la plantilla tiene "
            f"unas decenas (límite {MAX_MIEMBROS_ZIP:,}). No se lee."))]
    libro = next((m for m in miembros if m.filename == "xl/workbook.xml"), None)
    if libro is not None and libro.file_size <= MAX_BYTES_XML:
        # Varias hojas del libro pueden apuntar a la misma parte: se cuentan también aquí.
        # (Leerla es seguro: zipfile no entrega más que el tamaño declarado.)
        with zipfile.ZipFile(ruta) as z:
            try:
                declaradas = len(re.findall(rb"<(?:\w+:)?sheet[\s/>]", z.read(libro)))
            except Exception:  # zip dañado: openpyxl lo dirá al abrirlo
                declaradas = 0
        if declaradas > MAX_HOJAS:
            problemas.append(muchas_hojas(declaradas))
    total = 0
    for m in miembros:
        total += m.file_size
        if m.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            problemas.append(Problema(mensaje=(
                f"{ruta}: {m.filename} usa un método de compresión que Excel no usa "
                f"({m.compress_type}). No se lee.")))
        elif (m.file_size > MIN_BYTES_RAZON
              and m.file_size > MAX_RAZON_COMPRESION * max(m.compress_size, 1)):
            problemas.append(Problema(mensaje=(
                f"{ruta}: {m.filename} se infla de {m.compress_size:,} a {m.file_size:,} bytes "
                f"(razón {m.file_size // max(m.compress_size, 1):,}, límite "
                f"{MAX_RAZON_COMPRESION}): parece una bomba zip. No se lee.")))
        elif m.filename.lower().endswith((".xml", ".rels")) and m.file_size > (
                limite := _limite_parte(m.filename)):
            problemas.append(Problema(mensaje=(
                f"{ruta}: {m.filename} ocupa {m.file_size:,} bytes descomprimido (límite "
                f"{limite:,} por {'hoja' if limite == MAX_BYTES_HOJA else 'parte XML'}). "
                "No se lee.")))
    if total > MAX_BYTES_DESCOMPRIMIDOS:
        problemas.append(Problema(mensaje=(
            f"{ruta} ocupa {total:,} bytes descomprimido (límite {MAX_BYTES_DESCOMPRIMIDOS:,}). "
            "No se lee.")))
    return problemas


def _limite_parte(nombre: str) -> int:
    """Tamaño descomprimido máximo de una parte XML del zip: las hojas se leen por filas."""
    if nombre.startswith("xl/worksheets/") and nombre.count("/") == 2:
        return MAX_BYTES_HOJA
    return MAX_BYTES_XML


class FilaDesmedida(Exception):
    """Una hoja con más de :data:`MAX_ETIQUETAS_FILA` etiquetas XML seguidas sin fin de fila."""


class _FuenteVigilada:
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
            return ("declara entidades o referencias XML (DTD), algo que Excel nunca escribe; "
                    "por seguridad no se procesa")
        if isinstance(e, zipfile.BadZipFile):
            return f"el zip está dañado ({e})"
        if isinstance(e, FilaDesmedida):
            return str(e)
    nombre = type(exc).__name__
    detalle = " ".join(str(exc).split())
    if len(detalle) > 160:
        detalle = detalle[:157] + "..."
    return f"contenido dañado o inesperado ({nombre}: {detalle})"


_OCULTA = ("1", "true")


class _Guardia:
    """Vigila una hoja mientras se recorre, en la misma pasada: límites de filas, columnas y
    texto (errores), filas y columnas ocultas con datos (observaciones: se leen igual) y, al
    terminar, celdas combinadas que tocan la tabla (error: sólo la primera celda guarda valor)."""

    def __init__(self, hoja: str, problemas: list[Problema]):
        self.hoja = hoja
        self.problemas = problemas
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
        if n > MAX_FILAS:
            self.fatal(f"La hoja llega a la fila {n:,}; el límite es {MAX_FILAS:,} filas. No se "
                       "sigue leyendo.", f"{n}:{n}")
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
            if c.columna > MAX_COLUMNAS:
                self.fatal(f"La hoja tiene datos en la columna {_letra(c.columna)}; el límite es "
                           f"{MAX_COLUMNAS:,} columnas. No se sigue leyendo.", c.ref)
            if isinstance(c.valor, str) and len(c.valor) > MAX_TEXTO:
                self.problemas.append(Problema(hoja=self.hoja, celda=c.ref, mensaje=(
                    f"La celda tiene {len(c.valor):,} caracteres; Excel admite {MAX_TEXTO:,}.")))
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
                en_tabla.append((rango.ref, f"{_letra(c1)}{f1}"))
        for ref, primera in en_tabla[:MAX_AVISOS_POR_HOJA]:
            self.problemas.append(Problema(hoja=self.hoja, celda=ref, mensaje=(
                f"Celdas combinadas {ref}: sólo {primera} guarda el valor y las demás se "
                "leerían vacías. Separe las celdas y escriba el valor en cada una.")))
        if len(en_tabla) > MAX_AVISOS_POR_HOJA:
            self.problemas.append(Problema(hoja=self.hoja, mensaje=(
                f"Y {len(en_tabla) - MAX_AVISOS_POR_HOJA:,} rangos de celdas combinadas más en la "
                "tabla.")))
        for desde, hasta in list(_rachas(self.filas_ocultas))[:MAX_AVISOS_POR_HOJA]:
            texto = (f"La fila {desde} está oculta y tiene datos: se lee" if desde == hasta else
                     f"Las filas {desde} a {hasta} están ocultas y tienen datos: se leen")
            self.problemas.append(Problema(
                severidad=Severidad.OBSERVACION, hoja=self.hoja, celda=f"{desde}:{hasta}",
                mensaje=f"{texto} igual que las visibles."))
        for columna, ref in sorted(self.ocultas_con_datos.items()):
            self.problemas.append(Problema(
                severidad=Severidad.OBSERVACION, hoja=self.hoja, celda=ref,
                mensaje=(f"La columna {_letra(columna)} está oculta y tiene datos: se lee igual "
                         "que las visibles.")))


def _rachas(numeros: list[int]) -> Iterator[tuple[int, int]]:
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
class _Libro:
    """El libro abierto y lo que el recorrido de sus hojas necesita."""

    wb: Any
    porcentaje: set[int]
    analizador: type
    problemas: list[Problema] = field(default_factory=list)
    """Donde la guardia de cada hoja deja sus problemas (la lista del lector)."""
    progreso: Progreso | None = None

    def filas(self, ws) -> Iterator[list[Celda]]:
        """Filas no vacías de una hoja, cada una con sus celdas no vacías."""
        guardia = _Guardia(ws.title, self.problemas)
        with ws._get_source() as fuente:
            parser = self.analizador(
                _FuenteVigilada(fuente, MAX_ETIQUETAS_FILA),
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
            guardia.final(parser)


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
        problemas = revisar_zip(ruta)
        if problemas:
            raise ErrorDeDatos(problemas)
        import openpyxl
        from openpyxl.xml import DEFUSEDXML

        if not DEFUSEDXML:
            raise ErrorDeDatos([Problema(mensaje=(
                "openpyxl no está usando defusedxml (¿OPENPYXL_DEFUSEDXML=False o defusedxml sin "
                "instalar?): sin esa protección no se leen libros. Instale defusedxml."))])
        try:
            wb = openpyxl.load_workbook(ruta, read_only=True, data_only=True)
            porcentaje = _estilos_porcentaje(wb)
        except Exception as exc:  # openpyxl lanza de todo ante un zip que no es un libro
            raise ErrorDeDatos([Problema(mensaje=(
                f"{ruta} no se puede leer como libro .xlsx: {causa_ilegible(exc)}."))]
            ) from exc
        if len(wb.worksheets) > MAX_HOJAS:
            wb.close()
            raise ErrorDeDatos([Problema(mensaje=(
                f"{ruta} tiene {len(wb.worksheets):,} hojas; la plantilla tiene seis (límite "
                f"{MAX_HOJAS}). No se lee."))])
        return _Libro(wb, porcentaje, _analizador(), self.problemas)

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
            self.error(f"Falta la columna requerida {nombre_columna(c)!r} en la hoja {hoja}.",
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
            elif clave in _IGNORADAS:
                continue
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
        celdas_publicado: dict[str, dict[int, str]] = {}
        if HOJA_PUBLICADO in hojas:
            validos = set(indicadores) | {e.codigo for e in estructura if e.nivel == "OP"}
            validos.add(CODIGO_INDICE)
            leidos = self.leer_series(libro, hojas[HOJA_PUBLICADO], HOJA_PUBLICADO, validos,
                                      True, indice=True)
            publicado = {codigo: valores for codigo, (valores, _) in leidos.items()}
            celdas_publicado = {codigo: celdas for codigo, (_, celdas) in leidos.items()}

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
            celdas_publicado=celdas_publicado,
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
            codigo = _codigo(por_col.get(col["codigo"]))
            if not codigo:
                self.error("Fila sin código.", hoja, ref("codigo"))
                continue
            nivel_txt = _texto(por_col.get(col["nivel"]))
            nivel = NIVELES_ESTRUCTURA.get(normalizar(nivel_txt))
            padre = _codigo(por_col.get(col["padre"])) or None
            enunciado = _texto(por_col.get(col["enunciado"]))
            ubicacion = Ubicacion(hoja=hoja, celda=ref("codigo"), campos={"padre": ref("padre")})
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

            codigo = _codigo(por_col.get(col["codigo"]))
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
            pertenece_a = _codigo(por_col.get(col["pertenece a"]))
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
                ubicacion=Ubicacion(hoja=hoja, celda=ref("codigo"),
                                    campos={"pertenece_a": ref("pertenece a")}),
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
            codigo = _codigo(por_col.get(col_codigo))
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
                parecido = _parecido(codigo, codigos)
                pista = (f" (¿es {parecido}? difiere sólo en espacios)" if parecido else "")
                self.error(f"El código {codigo} no existe en {donde}{pista}.", hoja,
                           ref_codigo, codigo)
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
