"""El JSON de las salidas, escrito por trozos: exactamente lo que da ``json.dumps(documento,
ensure_ascii=False, indent=2)`` más un fin de línea, pero sin armar el texto entero.

Con sangría, el codificador de la biblioteca estándar es el de Python puro (generadores anidados,
un trozo por cada dato) y ``json.dumps`` junta todos los trozos en una lista antes de unirlos: con
100 000 indicadores, cientos de MB. Aquí una función recursiva agrega los trozos a una lista y los
entrega por tandas (``escribir``), con las cadenas codificadas por la función en C de ``json``: la
mitad del tiempo, y en memoria sólo una tanda. ``tests/test_codificador.py`` lo compara con
``json.dumps`` en documentos al azar y en los de la CLI.
"""

from __future__ import annotations

from typing import Any, Callable

try:
    from _json import encode_basestring as _cadena
except ImportError:  # pragma: no cover - Python sin el acelerador en C
    from json.encoder import py_encode_basestring as _cadena

_FLOTANTE = float.__repr__
_ENTERO = int.__repr__
_INFINITO = float("inf")
TANDA = 20_000
"""Trozos por tanda entregada a ``escribir``."""


def _flotante(o: float) -> str:
    if o != o:
        return "NaN"
    if o == _INFINITO:
        return "Infinity"
    if o == -_INFINITO:
        return "-Infinity"
    return _FLOTANTE(o)


def _clave(k: Any) -> str:
    """Una clave de objeto, como ``json``: str, o float, bool, None e int convertidos a texto."""
    if isinstance(k, str):
        return _cadena(k)
    if isinstance(k, float):
        return '"' + _flotante(k) + '"'
    if k is True:
        return '"true"'
    if k is False:
        return '"false"'
    if k is None:
        return '"null"'
    if isinstance(k, int):
        return '"' + _ENTERO(k) + '"'
    raise TypeError(f"keys must be str, int, float, bool or None, not {k.__class__.__name__}")


def escribir_json(documento: Any, escribir: Callable[[str], Any]) -> None:
    """Escribe el documento con ``escribir(texto)``, por tandas de :data:`TANDA` trozos."""
    partes: list[str] = []
    agregar = partes.append
    sangrias = ["\n"]

    def sangria(nivel: int) -> str:
        while len(sangrias) <= nivel:
            sangrias.append("\n" + "  " * len(sangrias))
        return sangrias[nivel]

    def valor(o: Any, nivel: int) -> None:
        clase = o.__class__
        if clase is str:
            agregar(_cadena(o))
        elif o is None:
            agregar("null")
        elif o is True:
            agregar("true")
        elif o is False:
            agregar("false")
        elif clase is int:
            agregar(_ENTERO(o))
        elif clase is float:
            agregar(_flotante(o))
        elif isinstance(o, dict):
            if not o:
                agregar("{}")
                return
            dentro, abre = sangria(nivel + 1), "{"
            for k, v in o.items():
                agregar(abre + dentro + (_cadena(k) if k.__class__ is str else _clave(k)) + ": ")
                abre = ","
                valor(v, nivel + 1)
            agregar(sangria(nivel) + "}")
            if len(partes) >= TANDA:
                escribir("".join(partes))
                partes.clear()
        elif isinstance(o, (list, tuple)):
            if not o:
                agregar("[]")
                return
            dentro, abre = sangria(nivel + 1), "["
            for v in o:
                agregar(abre + dentro)
                abre = ","
                valor(v, nivel + 1)
            agregar(sangria(nivel) + "]")
        elif isinstance(o, str):
            agregar(_cadena(o))
        elif isinstance(o, int):  # subclases de int (no bool, ya visto): como json
            agregar(_ENTERO(o))
        elif isinstance(o, float):
            agregar(_flotante(o))
        else:
            raise TypeError(f"Object of type {clase.__name__} is not JSON serializable")

    valor(documento, 0)
    agregar("\n")
    escribir("".join(partes))


def texto_json(documento: Any) -> str:
    """El documento entero como texto (para lo pequeño; lo grande, con :func:`escribir_json`)."""
    tandas: list[str] = []
    escribir_json(documento, tandas.append)
    return "".join(tandas)
