"""Qué significa una celda (docs/plantilla.md, «Celdas de valor»; metodología, sección 11):
números, porcentajes, números escritos como texto, ND, errores, fechas, fórmulas sin valor
calculado; y los textos de código, nombre y año. Lo inválido es :class:`ValorInvalido`, con un
mensaje que dice qué se encontró y cómo escribirlo.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from ..contrato import ANIO_MAX, ANIO_MIN, MAGNITUD_MAXIMA, MAGNITUD_MINIMA, ND_TEXTOS
from ..contrato import SIN_INVISIBLES, casi_cero, demasiado_grande
from ..modelos import Valor
from .valores import letra


class ValorInvalido(ValueError):
    """Una celda de valor con algo que no es número ni ND; el mensaje dice qué se encontró."""


FORMULA_SIN_VALOR = "formula-sin-valor"
"""Tipo de dato que el recorrido da a una fórmula sin valor calculado guardado."""


@dataclass(slots=True)
class Celda:
    fila: int
    columna: int
    valor: Any
    tipo: str
    """'n', 's', 'b', 'd', 'e', o :data:`FORMULA_SIN_VALOR`."""
    porcentaje: bool = False
    """Un número que su formato muestra como porcentaje (0.365 visto 36.5 %)."""

    @property
    def ref(self) -> str:
        return f"{letra(self.columna)}{self.fila}"


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
    return describir_texto(str(v))


def describir_texto(texto: str) -> str:
    return repr(texto if len(texto) <= 60 else texto[:57] + "...")


CERO = Decimal(0)
CIEN = Decimal(100)
_MAX, _MIN = float(MAGNITUD_MAXIMA), float(MAGNITUD_MINIMA)
COMO_ESCRIBIR = "escriba el número con cifras y punto decimal (36.5 o 6235), o ND si no hay dato"
"""Lo que dice cada valor rechazado: cómo escribirlo."""


def decimal_de_excel(v: int | float) -> Decimal:
    """LA lectura de un número guardado: 15 cifras significativas, lo que Excel muestra y con lo
    que calcula (0.74949999999999994 es 0.7495); el -0 de un cálculo es 0."""
    if v.__class__ is int:
        return Decimal(v)
    return Decimal("%.15g" % v) if v else CERO  # lo mismo que format(v, ".15g"), más rápido


def valor_de_celda(celda: Celda, en_porcentaje: bool = False, notas: list[str] | None = None,
                   memoria: dict | None = None) -> Valor:
    """Una celda de valor según el contrato: ND → ``None``; lo inválido → :class:`ValorInvalido`.
    ``en_porcentaje``: de un indicador en porcentaje (donde '45,500' es ambiguo); lo que merece
    una nota se añade a ``notas``; ``memoria`` recuerda lo ya leído (con 100 000 indicadores, la
    mitad de los valores se repiten y comparten un solo ``Decimal``)."""
    v, tipo = celda.valor, celda.tipo
    if tipo == "n" and (v.__class__ is float or v.__class__ is int):
        clave = (v, True) if celda.porcentaje else v
        numero = memoria.get(clave) if memoria is not None else None
        if numero is None:
            if not -_MAX < v < _MAX or (v and -_MIN < v < _MIN):  # lo raro (NaN también)
                if v != v or v in (float("inf"), float("-inf")):
                    raise ValorInvalido(f"{describir(celda)}, que no es un número finito: "
                                        f"{COMO_ESCRIBIR}")
                _comprobar_magnitud(decimal_de_excel(v), describir(celda))
            numero = decimal_de_excel(v)
            if celda.porcentaje:
                numero = _por_cien(numero)
            if memoria is not None:
                memoria[clave] = numero
        return numero
    if tipo == FORMULA_SIN_VALOR:
        raise ValorInvalido(
            "una fórmula sin valor calculado guardado (abra el libro en Excel y guárdelo para "
            "que se calcule)")
    if v is None:
        return None
    if tipo != "s" or not isinstance(v, str):
        raise ValorInvalido(f"{describir(celda)}, que no es un número ni ND: {COMO_ESCRIBIR}")
    clave = (v, en_porcentaje)
    leido = memoria.get(clave) if memoria is not None else None
    if leido is None:
        texto = v.strip()
        leido = (None, None) if texto.lower() in ND_TEXTOS else numero_de_texto(texto,
                                                                                en_porcentaje)
        if leido[0] is not None:
            _comprobar_magnitud(leido[0], repr(texto))
        if memoria is not None:
            memoria[clave] = leido
    numero, nota = leido
    if nota is not None and notas is not None:
        notas.append(nota)
    return numero


def _por_cien(numero: Decimal) -> Decimal:
    """Un número mostrado con formato de porcentaje, como se ve: 0.365 → 36.5, 1 → 100."""
    numero = (numero * CIEN).normalize()
    return numero.quantize(Decimal(1)) if numero == numero.to_integral() else numero


def _comprobar_magnitud(numero: Decimal, dicho: str) -> None:
    if demasiado_grande(numero):
        raise ValorInvalido(
            f"{dicho}, un número de más de 15 cifras enteras: Excel guarda sólo 15 cifras y ningún "
            "indicador llega a tanto (¿un error de digitación?); revise la celda")
    if casi_cero(numero):
        raise ValorInvalido(
            f"{dicho}, un número casi cero (menor que 1E-15 en valor absoluto; suele ser el resto "
            "de un cálculo): escriba 0 si es cero, o el valor correcto")


_AMBIGUO = re.compile(r"[+-]?[1-9][0-9]{0,2}([.,])[0-9]{3}")
"""Un solo punto o una sola coma seguidos de exactamente tres cifras, con una parte entera que no
empieza en 0: '6,235' y '6.182' pueden ser miles o decimales."""
_PUNTO = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)")
"""Un número con punto decimal (o sin decimales): 36.5, 6235, -0.5, .5."""
_MILES = re.compile(r"[+-]?[1-9][0-9]{0,2}(?:,[0-9]{3})+(?:\.[0-9]+)?")
"""Comas de miles sin ambigüedad: más de un grupo o con decimales (1,234.5; 1,234,567)."""
_COMA_DECIMAL = re.compile(r"[+-]?[0-9]+,[0-9]+")
"""Una sola coma que no es de miles: coma decimal (0,365; 45,5)."""
_EUROPEO = re.compile(r"[+-]?[0-9]{1,3}(?:\.[0-9]{3})+,[0-9]+")
"""Punto de miles y coma decimal (1.234,5)."""


def numero_de_texto(texto: str, en_porcentaje: bool = False) -> tuple[Decimal, str | None]:
    """Un número escrito como texto ('36.50%', '6,235.5', '0,365') y, si la lectura merece una
    nota, la nota. Lo ilegible o ambiguo es :class:`ValorInvalido`, que dice cómo escribirlo
    (metodología, sección 11)."""
    con_signo = texto.endswith("%")
    cuerpo = texto[:-1].rstrip() if con_signo else texto
    signo = "%" if con_signo else ""
    if m := _AMBIGUO.fullmatch(cuerpo):
        separador, un = ("coma", "una") if m.group(1) == "," else ("punto", "un")
        miles = cuerpo.replace(m.group(1), "")
        decimal = f"{Decimal(cuerpo.replace(',', '.')).normalize():f}"
        if en_porcentaje or con_signo:
            raise ValorInvalido(
                f"{texto!r} en un indicador en porcentaje, que es ambiguo: ¿{decimal} ({separador} "
                f"decimal) o {miles} ({separador} de miles)? Escriba {decimal} o {miles}, sin "
                f"{separador} de miles")
        return Decimal(miles), (
            f"{texto!r} se leyó como {miles}{signo} ({separador} de miles: {un} {separador} seguido "
            f"de tres cifras). Si quiso decir {decimal}, escríbalo como número y no como texto; "
            f"si es {miles}, escríbalo sin separador para que no haya dudas.")
    if _PUNTO.fullmatch(cuerpo):
        return Decimal(cuerpo), None
    if _MILES.fullmatch(cuerpo):
        return Decimal(cuerpo.replace(",", "")), None
    if _COMA_DECIMAL.fullmatch(cuerpo):
        decimal = cuerpo.replace(",", ".")
        return Decimal(decimal), (
            f"{texto!r} se leyó como {decimal}{signo} (coma decimal). Escriba {decimal}{signo} "
            "para que no haya dudas.")
    if _EUROPEO.fullmatch(cuerpo):
        decimal = cuerpo.replace(".", "").replace(",", ".")
        raise ValorInvalido(
            f"{texto!r}, con punto de miles y coma decimal, que no se lee sin adivinar: escríbalo "
            f"como {decimal} (punto decimal, sin separador de miles)")
    raise ValorInvalido(f"{describir_texto(texto)}, que no es un número ni ND: {COMO_ESCRIBIR}")


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
    return next((c for c in conocidos if c.replace(" ", "") == clave), None)


_SUPERINDICES = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_A_CIFRAS = str.maketrans(_SUPERINDICES, "0123456789")
_MARCA = re.compile(r"([0-9]{4})\s*([" + _SUPERINDICES + r"*†‡]+|\([0-9a-z]\)|\[[0-9a-z]\])")
"""Un año seguido de una marca de nota al pie: 2024¹, 2024*, 2024 (1), 2024 [a]."""


def leer_anio(valor: Any) -> tuple[int | None, str | None]:
    """Un año y, si hubo que interpretar el texto, la nota: 2019, 2019.0 y '2019' son años;
    '2024¹', '2024 (1)' (marca de nota al pie) y '²⁰²⁴' se leen 2024 con una nota."""
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
