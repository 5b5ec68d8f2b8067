"""Estilos de celda (la parte de estilos, hallada por su relación): de cada índice de estilo (el
``s="3"`` de una celda), si su formato de número muestra un porcentaje, una fecha o una duración.
Sólo cuentan los ``<cellXfs>`` (nunca los ``<dxfs>`` de los formatos condicionales); el porcentaje
se mira por sección y sin los caracteres que se muestran tal cual (docs/lectura.md).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable

from .seguridad import analizar

INCORPORADOS = {
    9: "0%", 10: "0.00%", 67: "0%", 68: "0.00%", 46: "[h]:mm:ss", 79: "[h]:mm:ss",
    **dict.fromkeys((14, 15, 16, 17, 22, *range(27, 37), *range(50, 59), 71, 72, 73, 74, 77, 81),
                    "d/m/yyyy"),
    **dict.fromkeys((18, 19, 20, 21, 45, 47, 75, 76, 78, 80), "h:mm:ss"),
}
"""Los formatos incorporados (ECMA-376 parte 1, 18.8.30) que muestran un porcentaje, una fecha u
hora o una duración (los de fechas de Asia oriental y de Tailandia dependen del idioma: aquí, uno
equivalente); los demás (0-8, 11-13, 37-44, 48, 49...) muestran el número como General."""

_ELAPSADO = re.compile(r"\[(h+|m+|s+)\]", re.IGNORECASE)
_FECHA = re.compile(r"[dmyhsDMYHS]")


@dataclass(frozen=True)
class Formato:
    """Lo que un formato de número hace con un valor numérico."""

    codigo: str | None = None
    porcentaje: bool = False
    """Un positivo o cero se muestra multiplicado por 100 (36.5 % guardado como 0.365)."""
    porcentaje_negativo: bool = False
    fecha: bool = False
    duracion: bool = False


GENERAL = Formato("General")


def secciones(formato: str) -> list[str]:
    """Las secciones de un formato, sin lo que se muestra tal cual: textos entre comillas,
    caracteres escapados (``\\x``), espacios del ancho de un carácter (``_x``), rellenos (``*x``)
    y corchetes (color, condición, moneda), salvo los de tiempo transcurrido (``[h]``)."""
    resultado, actual, i = [], [], 0
    while i < len(formato):
        ch = formato[i]
        if ch == '"':
            fin = formato.find('"', i + 1)
            i = len(formato) if fin < 0 else fin + 1
        elif ch in "\\_*":
            i += 2
        elif ch == "[":
            fin = formato.find("]", i)
            fin = len(formato) if fin < 0 else fin
            if _ELAPSADO.fullmatch(formato[i:fin + 1]):
                actual.append(formato[i:fin + 1])
            i = fin + 1
        elif ch == ";":
            resultado.append("".join(actual))
            actual, i = [], i + 1
        else:
            actual.append(ch)
            i += 1
    resultado.append("".join(actual))
    return resultado


def formato_de(codigo: str | None) -> Formato:
    """Qué muestra un código de formato de número (``None``: General)."""
    if codigo is None:
        return GENERAL
    partes = secciones(codigo)
    primera = partes[0]
    negativa = partes[1] if len(partes) > 1 else primera
    return Formato(codigo, "%" in primera, "%" in negativa,
                   _FECHA.search(primera) is not None, _ELAPSADO.search(primera) is not None)


class Estilos:
    """El :class:`Formato` de cada índice de estilo de celda; uno que no existe es General."""

    def __init__(self, formatos: Iterable[Formato] = ()):
        self.formatos = list(formatos)

    def de(self, indice: int) -> Formato:
        return self.formatos[indice] if 0 <= indice < len(self.formatos) else GENERAL


def estilos_de(celdas: list[tuple[int | None, int]], con_nombre: list[int | None],
               propios: dict[int, str]) -> Estilos:
    """Los estilos a partir del ``(numFmtId, xfId)`` de cada ``<xf>`` de celda, el ``numFmtId``
    de cada estilo con nombre y los formatos propios del libro."""
    por_id: dict[int, Formato] = {}
    formatos = []
    for fmt_id, xf_id in celdas:
        if fmt_id is None and 0 <= xf_id < len(con_nombre):
            fmt_id = con_nombre[xf_id]
        fmt_id = fmt_id or 0
        formato = por_id.get(fmt_id)
        if formato is None:
            formato = por_id[fmt_id] = formato_de(propios.get(fmt_id, INCORPORADOS.get(fmt_id)))
        formatos.append(formato)
    return Estilos(formatos)


def _entero(texto: str | None) -> int | None:
    return int(texto) if texto is not None and texto.strip().isdigit() else None


def leer_estilos(trozos: Iterable[bytes]) -> Estilos:
    """Lee la parte de estilos por trozos con expat (una de 64 MiB no arma un árbol). Sólo los
    hijos de ``<numFmts>``, ``<cellXfs>`` y ``<cellStyleXfs>`` de la raíz; en cualquier prefijo y
    en el espacio de nombres de Transitional o de Strict."""
    propios: dict[int, str] = {}
    celdas: list[tuple[int | None, int]] = []
    con_nombre: list[int | None] = []
    prof = 0
    contenedor = ""
    espacio = ""

    def inicio(nombre: str, atributos: dict) -> None:
        nonlocal prof, contenedor, espacio
        prof += 1
        uri, _, local = nombre.rpartition(" ")
        if prof == 1:
            espacio = uri
        elif prof == 2:
            contenedor = local if uri == espacio else ""
        elif prof != 3 or uri != espacio:
            return
        elif local == "xf" and contenedor == "cellXfs":
            celdas.append((_entero(atributos.get("numFmtId")),
                           _entero(atributos.get("xfId")) or 0))
        elif local == "xf" and contenedor == "cellStyleXfs":
            con_nombre.append(_entero(atributos.get("numFmtId")))
        elif local == "numFmt" and contenedor == "numFmts":
            if (fmt_id := _entero(atributos.get("numFmtId"))) is not None:
                propios[fmt_id] = atributos.get("formatCode", "General")

    def fin(_nombre: str) -> None:
        nonlocal prof
        prof -= 1

    analizar(trozos, inicio, fin)
    return estilos_de(celdas, con_nombre, propios)
