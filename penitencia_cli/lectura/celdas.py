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
from decimal import Decimal
from typing import Any

from ..contrato import (
    ANIO_MAX,
    ANIO_MIN,
    MAGNITUD_MAXIMA,
    MAGNITUD_MINIMA,
    ND_TEXTOS,
    SIN_INVISIBLES,
)
from ..modelos import Valor


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
    if isinstance(v, (int, float)):  # un número, tal como se ve: 2.5, 130
        return format(v, ".15g")
    texto = str(v)
    if len(texto) > 60:
        texto = texto[:57] + "..."
    return f"{texto!r}"


_MAX, _MIN = float(MAGNITUD_MAXIMA), float(MAGNITUD_MINIMA)
COMO_ESCRIBIR = ("escriba el número con cifras y punto decimal (36.5, 6235 o 6,235), o ND si no "
                 "hay dato")
"""Lo que dice cada valor rechazado: cómo escribirlo."""


def valor_de_celda(celda: Celda, en_porcentaje: bool = False,
                   notas: list[str] | None = None,
                   decimales: dict[int | float, Decimal] | None = None) -> Valor:
    """Interpreta una celda de valor según el contrato. ND → ``None``; lo inválido → excepción.

    Un número guardado se toma con la precisión de Excel: 15 cifras significativas (lo que Excel
    muestra y con lo que calcula). ``en_porcentaje`` dice si la celda es de un indicador en
    porcentaje (para la coma de '45,500', que ahí es ambigua). Lo que merece una nota (una coma
    decimal) se añade a ``notas``. ``decimales``, si se da, guarda el Decimal de cada número ya
    visto: los valores repetidos de un libro comparten un solo objeto (con 100 000 indicadores,
    la mitad de los valores se repiten: unos 120 MB menos).
    """
    v, tipo = celda.valor, celda.tipo
    if tipo == "n" and not celda.porcentaje:  # el caso común, sin más comprobaciones
        clase = v.__class__
        if (clase is float and (-_MAX < v < _MAX) and (v == 0.0 or not -_MIN < v < _MIN)) or (
                clase is int and -_MAX < v < _MAX):
            if decimales is None or not v:  # 0.0 y -0.0 son la misma clave: no se guardan
                return Decimal(format(v, ".15g")) if clase is float else Decimal(v)
            numero = decimales.get(v)
            if numero is None:  # 2 y 2.0 dan el mismo Decimal('2'): pueden compartir la clave
                numero = decimales[v] = (Decimal(format(v, ".15g")) if clase is float
                                         else Decimal(v))
            return numero
    if tipo == "n" and celda.porcentaje and v.__class__ is float and -_MAX < v < _MAX:  # 45 %
        numero = Decimal(format(v, ".15g"))  # como abajo, sin las comprobaciones de tipo
        if -MAGNITUD_MAXIMA < numero < MAGNITUD_MAXIMA and not (
                numero and -MAGNITUD_MINIMA < numero < MAGNITUD_MINIMA):
            numero = (numero * 100).normalize()
            if numero == numero.to_integral():
                numero = numero.quantize(Decimal(1))
            return numero if decimales is None else decimales.setdefault(str(numero), numero)
    if tipo == FORMULA_SIN_VALOR:
        raise ValorInvalido(
            "una fórmula sin valor calculado guardado (abra el libro en Excel y guárdelo para "
            "que se calcule)"
        )
    if tipo in ("e", "b", "d") or isinstance(v, bool) or hasattr(v, "year"):
        raise ValorInvalido(f"{describir(celda)}, que no es un número ni ND: {COMO_ESCRIBIR}")
    if v is None:
        return None
    if isinstance(v, (int, float)):
        if isinstance(v, float) and (v != v or v in (float("inf"), float("-inf"))):
            raise ValorInvalido(f"{describir(celda)}, que no es un número finito: "
                                f"{COMO_ESCRIBIR}")
        numero = Decimal(format(v, ".15g")) if isinstance(v, float) else Decimal(v)
        if not (-MAGNITUD_MAXIMA < numero < MAGNITUD_MAXIMA) or (
                numero and -MAGNITUD_MINIMA < numero < MAGNITUD_MINIMA):
            _comprobar_magnitud(numero, describir(celda))  # lanza ValorInvalido
        if celda.porcentaje:
            numero = (numero * 100).normalize()
            if numero == numero.to_integral():
                numero = numero.quantize(Decimal(1))
        return numero if decimales is None else decimales.setdefault(str(numero), numero)
    texto = str(v).strip()
    if texto.lower() in ND_TEXTOS:
        return None
    numero, nota = numero_de_texto(texto, en_porcentaje)
    _comprobar_magnitud(numero, repr(texto))
    if nota is not None and notas is not None:
        notas.append(nota)
    return numero if decimales is None else decimales.setdefault(str(numero), numero)


def _comprobar_magnitud(numero: Decimal, dicho: str) -> None:
    if abs(numero) >= MAGNITUD_MAXIMA:
        raise ValorInvalido(
            f"{dicho}, un número de más de 15 cifras enteras: Excel guarda sólo 15 cifras y ningún "
            "indicador llega a tanto (¿un error de digitación?); revise la celda")
    if numero and abs(numero) < MAGNITUD_MINIMA:
        raise ValorInvalido(
            f"{dicho}, un número casi cero (menor que 1E-15 en valor absoluto; suele ser el resto "
            "de un cálculo): escriba 0 si es cero, o el valor correcto")


_PUNTO = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)")
"""Un número con punto decimal (o sin decimales): 36.5, 6235, -0.5, .5."""
_MILES = re.compile(r"[+-]?[1-9][0-9]{0,2}(?:,[0-9]{3})+(?:\.[0-9]+)?")
"""Comas de miles: cada coma seguida de exactamente tres cifras, y la parte entera no empieza en
0 (6,235; 12,119; 1,234.5)."""
_COMA_DECIMAL = re.compile(r"[+-]?[0-9]+,[0-9]+")
"""Una sola coma que no es de miles: coma decimal (0,365; 45,5)."""
_EUROPEO = re.compile(r"[+-]?[0-9]{1,3}(?:\.[0-9]{3})+,[0-9]+")
"""Punto de miles y coma decimal (1.234,5)."""


def numero_de_texto(texto: str, en_porcentaje: bool = False) -> tuple[Decimal, str | None]:
    """Un número escrito como texto ('36.50%', '6,235', '0,365') y, si la lectura merece una
    nota (coma decimal), la nota. Lo ilegible o ambiguo es :class:`ValorInvalido`, que dice cómo
    escribirlo (metodología, sección 11)."""
    con_signo = texto.endswith("%")
    cuerpo = texto[:-1].rstrip() if con_signo else texto
    if _PUNTO.fullmatch(cuerpo):
        return Decimal(cuerpo), None
    if _MILES.fullmatch(cuerpo):
        sin_comas = cuerpo.replace(",", "")
        if (en_porcentaje or con_signo) and cuerpo.count(",") == 1 and "." not in cuerpo:
            decimal = f"{Decimal(cuerpo.replace(',', '.')).normalize():f}"
            raise ValorInvalido(
                f"{texto!r} en un indicador en porcentaje, que es ambiguo: ¿{decimal} (coma "
                f"decimal) o {sin_comas} (coma de miles)? Escriba {decimal} o {sin_comas}, sin "
                "coma")
        return Decimal(sin_comas), None
    if _COMA_DECIMAL.fullmatch(cuerpo):
        decimal = cuerpo.replace(",", ".")
        return Decimal(decimal), (
            f"{texto!r} se leyó como {decimal}{'%' if con_signo else ''} (coma decimal). "
            f"Escriba {decimal}{'%' if con_signo else ''} para que no haya dudas.")
    if _EUROPEO.fullmatch(cuerpo):
        decimal = cuerpo.replace(".", "").replace(",", ".")
        raise ValorInvalido(
            f"{texto!r}, con punto de miles y coma decimal, que no se lee sin adivinar: escríbalo "
            f"como {decimal} (punto decimal, sin separador de miles)")
    raise ValorInvalido(f"{describir_texto(texto)}, que no es un número ni ND: {COMO_ESCRIBIR}")


def describir_texto(texto: str) -> str:
    return repr(texto if len(texto) <= 60 else texto[:57] + "...")


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


class SerieDeFila(Mapping):
    """Año → valor de una fila de serie (``Indicador.logros_esperados``, ``valores_obtenidos``,
    ``Matriz.avance_publicado``) sin un ``dict`` por fila: los valores van en una tupla alineada
    con los años de la hoja (el mapa año → posición lo comparten todas sus filas). Se lee como
    un ``dict`` (``get``, ``[]``, ``in``, ``items``, iteración en el orden de la hoja,
    comparación). Con 100 000 indicadores ahorra unos 100 MB."""

    __slots__ = ("_posiciones", "_valores")

    def __init__(self, posiciones: dict[int, int], valores: tuple):
        self._posiciones = posiciones
        self._valores = valores

    def __getitem__(self, anio: int) -> Valor:
        return self._valores[self._posiciones[anio]]

    def get(self, anio: int, defecto=None):
        i = self._posiciones.get(anio)
        return defecto if i is None else self._valores[i]

    def __contains__(self, anio) -> bool:
        return anio in self._posiciones

    def __iter__(self):
        return iter(self._posiciones)

    def __len__(self) -> int:
        return len(self._valores)

    def items(self) -> list[tuple[int, Valor]]:  # type: ignore[override]
        return list(zip(self._posiciones, self._valores))

    def values(self) -> list[Valor]:  # type: ignore[override]
        return list(self._valores)

    def __repr__(self) -> str:
        return repr(dict(self.items()))


def texto_de(celda: Celda | None) -> str:
    """Contenido de una celda de texto (código, nombre...), sin espacios de borde."""
    if celda is None or celda.valor is None:
        return ""
    v = celda.valor
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    return str(v).strip()


def codigo_de(celda: Celda | None) -> str:
    """Un código (o padre, pertenece_a): sin espacios de borde (tampoco los no separables de un
    PDF), sin caracteres invisibles, y con cada racha de espacios internos reducida a uno."""
    texto = texto_de(celda)
    if not texto.isascii():  # los invisibles no son ASCII: el ASCII no pasa por translate
        texto = texto.translate(SIN_INVISIBLES)
    return " ".join(texto.split())


def parecido(codigo: str, conocidos) -> str | None:
    """Un código conocido que difiere de ``codigo`` sólo en espacios (para sugerirlo)."""
    clave = codigo.replace(" ", "")
    for c in conocidos:
        if c.replace(" ", "") == clave:
            return c
    return None


def anio_de(valor: Any) -> int | None:
    """Un año de encabezado o de línea de base: 2019, 2019.0 o '2019' (ver :func:`leer_anio`)."""
    return leer_anio(valor)[0]


_SUPERINDICES = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_A_CIFRAS = str.maketrans(_SUPERINDICES, "0123456789")
_MARCA = re.compile(r"([0-9]{4})\s*([" + _SUPERINDICES + r"*†‡]+|\([0-9a-z]\)|\[[0-9a-z]\])")
"""Un año seguido de una marca de nota al pie: 2024¹, 2024*, 2024 (1), 2024 [a]."""


def leer_anio(valor: Any) -> tuple[int | None, str | None]:
    """Un año y, si hubo que interpretar el texto, la nota que lo explica.

    2019, 2019.0 y '2019' son años; '2024¹' o '2024 (1)' (una marca de nota al pie) y '²⁰²⁴' (el
    año en superíndice) se leen como 2024 con una nota. Cualquier otra cosa es ``(None, None)``.
    """
    if isinstance(valor, bool):
        return None, None
    nota = None
    if isinstance(valor, float) and valor.is_integer():
        valor = int(valor)
    if isinstance(valor, str):
        texto = " ".join(valor.translate(SIN_INVISIBLES).split())
        if texto and all(c in _SUPERINDICES for c in texto):
            valor = int(texto.translate(_A_CIFRAS))
            nota = f"{texto!r} (en superíndice) se lee como el año {valor}."
        elif (m := _MARCA.fullmatch(texto)) is not None:
            valor = int(m.group(1))
            nota = f"{texto!r} se lee como el año {valor} (la marca de nota {m.group(2)!r} se ignora)."
        elif texto.isascii() and texto.isdigit():
            valor = int(texto)
    if isinstance(valor, int) and not isinstance(valor, bool) and ANIO_MIN <= valor <= ANIO_MAX:
        return valor, nota
    return None, None
