"""El codificador JSON por tandas (salida/codificador.py) da exactamente lo que da
``json.dumps(ensure_ascii=False, indent=2)`` más un fin de línea."""

from __future__ import annotations

import json
import os

from hypothesis import given, settings
from hypothesis import strategies as st

from penitencia_cli.salida import codificador
from penitencia_cli.salida.codificador import escribir_json, texto_json

ESCALARES = (st.none() | st.booleans() | st.integers() | st.floats()
             | st.text(max_size=20))
CLAVES = st.text(max_size=10) | st.integers() | st.floats() | st.booleans() | st.none()
DOCUMENTOS = st.recursive(
    ESCALARES,
    lambda hijos: st.lists(hijos, max_size=5) | st.tuples(hijos, hijos)
    | st.dictionaries(CLAVES, hijos, max_size=5),
    max_leaves=40)


@settings(max_examples=int(os.environ.get("PENITENCIA_EJEMPLOS", 300)), deadline=None)
@given(DOCUMENTOS)
def test_igual_que_json_dumps(documento):
    assert texto_json(documento) == json.dumps(documento, ensure_ascii=False, indent=2) + "\n"


@settings(max_examples=int(os.environ.get("PENITENCIA_EJEMPLOS", 300)), deadline=None)
@given(DOCUMENTOS)
def test_en_ascii_igual_que_json_dumps(documento):
    """Para una salida que no es UTF-8: los escapes \\uXXXX de json (pares sustitutos fuera del
    plano básico)."""
    tandas: list[str] = []
    escribir_json(documento, tandas.append, ensure_ascii=True)
    assert "".join(tandas) == json.dumps(documento, ensure_ascii=True, indent=2) + "\n"


def test_por_tandas(monkeypatch):
    monkeypatch.setattr(codificador, "TANDA", 3)
    documento = {"a": [{"b": i, "c": [1.5, None, "ñ≥"]} for i in range(50)], "d": {}}
    tandas: list[str] = []
    escribir_json(documento, tandas.append)
    assert len(tandas) > 10
    assert "".join(tandas) == json.dumps(documento, ensure_ascii=False, indent=2) + "\n"


def test_lo_que_json_no_escribe_tampoco():
    import decimal

    import pytest

    with pytest.raises(TypeError):
        texto_json({"x": decimal.Decimal(1)})
    with pytest.raises(TypeError):
        texto_json({(1, 2): 3})
