"""El JSON de las salidas, escrito por trozos: exactamente lo que da ``json.dumps(documento,
ensure_ascii=..., indent=2)`` más un fin de línea, sin armar el texto entero en memoria.

``json.JSONEncoder.iterencode`` (la biblioteca estándar) da el documento por trozos; se entregan
a ``escribir`` por tandas de :data:`TANDA` trozos, así en memoria sólo hay una tanda aunque el
documento sea de 100 000 indicadores.
"""

from __future__ import annotations

import json
from typing import Any, Callable

TANDA = 20_000
"""Trozos por tanda entregada a ``escribir``."""


def escribir_json(documento: Any, escribir: Callable[[str], Any], *,
                  ensure_ascii: bool = False) -> None:
    """Escribe el documento con ``escribir(texto)``, por tandas de :data:`TANDA` trozos. Con
    ``ensure_ascii``, lo que no es ASCII va como escapes ``\\uXXXX`` (para una salida que no es
    UTF-8: no se pierde ninguna letra)."""
    partes: list[str] = []
    for trozo in json.JSONEncoder(ensure_ascii=ensure_ascii, indent=2).iterencode(documento):
        partes.append(trozo)
        if len(partes) >= TANDA:
            escribir("".join(partes))
            partes.clear()
    partes.append("\n")
    escribir("".join(partes))


def texto_json(documento: Any) -> str:
    """El documento entero como texto (para lo pequeño; lo grande, con :func:`escribir_json`)."""
    tandas: list[str] = []
    escribir_json(documento, tandas.append)
    return "".join(tandas)
