"""Celdas de valor (``docs/plantilla.md``, «Celdas de valor»): números, porcentajes, números
escritos como texto, ND escrito, valores de error, fechas, fórmulas sin valor calculado. También
cómo se leen los textos de código, nombre y año de una celda.

Una :class:`Celda` es lo que entrega el recorrido de una hoja (:mod:`.hoja`); aquí se decide qué
significa. Todo lo inválido es :class:`ValorInvalido`, con un mensaje que dice qué se encontró.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from ..contrato import ANIO_MAX, ANIO_MIN, ND_TEXTOS
from ..modelos import Valor

_NUMERO = re.compile(r"[+-]?(?:\d+|\d{1,3}(?:,\d{3})+)(?:\.\d+)?")


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
        return f"{letra(self.columna)}{self.fila}"


_LETRAS: dict[int, str] = {}


def letra(columna: int) -> str:
    """Letra de una columna de Excel: 1 → 'A', 28 → 'AB'."""
    texto = _LETRAS.get(columna)
    if texto is None:
        n, texto = columna, ""
        while n:
            n, r = divmod(n - 1, 26)
            texto = chr(65 + r) + texto
        _LETRAS[columna] = texto
    return texto


def describir(celda: Celda) -> str:
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
        raise ValorInvalido(f"{describir(celda)}, que no es un número ni ND")
    if v is None:
        return None
    if isinstance(v, (int, float)):
        if isinstance(v, float) and (v != v or v in (float("inf"), float("-inf"))):
            raise ValorInvalido(f"{describir(celda)}, que no es un número finito")
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
    raise ValorInvalido(f"{describir(celda)}, que no es un número ni ND")


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


def texto_de(celda: Celda | None) -> str:
    """Contenido de una celda de texto (código, nombre...), sin espacios de borde."""
    if celda is None or celda.valor is None:
        return ""
    v = celda.valor
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    return str(v).strip()


_INVISIBLES = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
"""Caracteres de ancho cero que trae el texto copiado de un PDF o de la web."""


def codigo_de(celda: Celda | None) -> str:
    """Un código (o padre, pertenece_a): sin espacios de borde (tampoco los no separables de un
    PDF), sin caracteres invisibles, y con cada racha de espacios internos reducida a uno."""
    return " ".join(texto_de(celda).translate(_INVISIBLES).split())


def parecido(codigo: str, conocidos) -> str | None:
    """Un código conocido que difiere de ``codigo`` sólo en espacios (para sugerirlo)."""
    clave = codigo.replace(" ", "")
    for c in conocidos:
        if c.replace(" ", "") == clave:
            return c
    return None


def anio_de(valor: Any) -> int | None:
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

