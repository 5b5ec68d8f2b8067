"""El contrato de la plantilla (``docs/plantilla.md``): nombres de hojas, columnas y campos,
niveles, textos que significan ND y años admitidos.

Lo comparten el lector (:mod:`penitencia_cli.lectura`), los modelos y quien escribe la plantilla
vacía (:mod:`penitencia_cli.salida.plantilla`): lo que se escribe es, por construcción, lo que se
lee. Sin dependencias (ni pydantic ni openpyxl).
"""

from __future__ import annotations

import unicodedata
from typing import Any


INVISIBLES = ("\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b\u180c\u180d\u180e"
              "\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
              "\u2060\u2061\u2062\u2063\u2064\u2066\u2067\u2068\u2069\u206a\u206b"
              "\u206c\u206d\u206e\u206f\u3164\ufe00\ufe0f\ufeff\uffa0")
"""Caracteres invisibles (de ancho cero, marcas de dirección, guion suave, BOM) que trae el
texto copiado de un PDF o de la web; no cuentan al comparar nombres y códigos."""
SIN_INVISIBLES = dict.fromkeys(map(ord, INVISIBLES), None)
"""Tabla para ``str.translate`` que quita :data:`INVISIBLES`."""


def normalizar(texto: Any) -> str:
    """Clave de comparación: sin tildes, sin mayúsculas, sin espacios de borde ni caracteres
    invisibles, '_' = ' '."""
    s = unicodedata.normalize("NFKD", str(texto).translate(SIN_INVISIBLES))
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = s.casefold().replace("_", " ")
    return " ".join(s.split())


def nombre_columna(clave: str) -> str:
    """Cómo se escribe una columna en el libro: la clave normalizada con '_' ('pertenece_a')."""
    return clave.replace(" ", "_")


# --- Hojas ------------------------------------------------------------------------------------

HOJA_POLITICA = "Politica"
HOJA_ESTRUCTURA = "Estructura"
HOJA_INDICADORES = "Indicadores"
HOJA_LE = "Logros esperados"
HOJA_VO = "Valores obtenidos"
HOJA_PUBLICADO = "Avance publicado"
"""Las hojas de las series: ``Indicador.celdas_le``, ``celdas_vo`` y ``Matriz.celdas_publicado``
son celdas de estas hojas."""
HOJAS_REQUERIDAS = (HOJA_POLITICA, HOJA_ESTRUCTURA, HOJA_INDICADORES, HOJA_LE, HOJA_VO)
HOJAS_OPCIONALES = (HOJA_PUBLICADO,)
HOJA_INSTRUCCIONES = "Instrucciones"
HOJAS_IGNORADAS = (HOJA_INSTRUCCIONES,)
"""Hojas que ``penitencia plantilla`` escribe para el usuario: se ignoran sin nota."""

# --- Columnas y campos --------------------------------------------------------------------------

COLUMNAS_POLITICA = {"campo": True, "valor": True}
CAMPOS_POLITICA = {
    "nombre": "nombre",
    "sector": "sector",
    "ministerio conductor": "ministerio_conductor",
    "tipo": "tipo",
}
"""Campo de la hoja Politica (normalizado) → atributo de ``Politica``."""
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

# --- Niveles ------------------------------------------------------------------------------------

NIVELES_ESTRUCTURA = {"op": "OP", "ln": "LN", "ss": "SS"}
NIVELES_INDICADOR = {"iop": "IOP", "iss": "ISS"}
"""Palabra normalizada → nivel."""
NIVEL_PADRE = {"LN": "OP", "SS": "LN"}
"""Nivel que debe tener el padre de cada nivel de la estructura."""
NIVEL_PERTENENCIA = {"IOP": "OP", "ISS": "SS"}
"""Nivel del elemento al que pertenece cada nivel de indicador."""
CODIGO_INDICE = "INDICE"
"""Código del índice de gestión en la hoja ``Avance publicado``."""

# --- Celdas de valor ----------------------------------------------------------------------------

ND_TEXTOS = {"", "nd", "n.d.", "-", "—", "s.i."}
"""Textos que significan ND (comparados en minúsculas y sin espacios de borde)."""
ANIO_MIN, ANIO_MAX = 1900, 2100
"""Años admitidos en encabezados y líneas de base."""
MAGNITUD_MAXIMA = 10**15
"""Un valor de celda debe ser menor que esto en valor absoluto: Excel guarda 15 cifras
significativas, y un indicador con 16 cifras enteras es un error de digitación (1E+26)."""
MAGNITUD_MINIMA = 10**-15
"""Un valor distinto de cero debe ser al menos esto en valor absoluto: 1E-25 no es un dato sino
el resto de un cálculo (y como logro esperado daría un avance descomunal)."""
UNIDADES_PORCENTAJE = ("porcentaje", "porcentual", "%")
"""Una ``unidad`` (columna de Indicadores) que contiene alguno de estos textos, sin distinguir
mayúsculas, es un porcentaje."""


def es_unidad_porcentaje(unidad: str | None) -> bool:
    """¿La unidad de un indicador es un porcentaje? (:data:`UNIDADES_PORCENTAJE`)."""
    texto = (unidad or "").casefold()
    return any(u in texto for u in UNIDADES_PORCENTAJE)
