"""Salidas de la CLI comparadas byte a byte con archivos de referencia (como csvkit).

Cada caso corre un comando sobre la muestra (o el libro con errores del README), desde la raíz del repositorio y a 100 columnas, y
compara su salida estándar y su código de salida con ``tests/golden/cli/``. Un cambio deliberado de
una salida se revisa y se registra así:

    PENITENCIA_REGENERAR_GOLDEN=1 python -m pytest tests/test_golden.py

(reescribe los archivos; ``git diff tests/golden/cli`` muestra qué cambió). Sin esa variable, la
prueba falla ante cualquier byte distinto.
"""

from __future__ import annotations

import json
import os

import pytest

from conftest import GOLDEN, RAIZ
from penitencia_cli.cli import app

CARPETA = GOLDEN / "cli"
REGENERAR = os.environ.get("PENITENCIA_REGENERAR_GOLDEN") == "1"

CASOS: dict[str, tuple[list[str], int]] = {
    # Los documentos JSON de cada comando (los del contrato).
    "avance_2024.json": (["avance", "2024", "-f", "json"], 0),
    "avance_2024_ampliado.json": (["avance", "2024", "-f", "json", "--tipo", "ambos",
                                   "--proyeccion", "--tope", "100"], 0),
    "avance_2024_desde_2020.json": (["avance", "2024", "-f", "json", "--desde", "2020"], 0),
    "alertas_2024.json": (["alertas", "2024", "-f", "json"], 0),
    "verificar_2024.json": (["verificar", "2024", "-f", "json"], 1),
    "evolucion_IOP.01.02.json": (["evolucion", "IOP.01.02", "-f", "json"], 0),
    "evolucion_INDICE.json": (["evolucion", "INDICE", "-f", "json"], 0),
    "comparar_2023_2024.json": (["comparar", "2023", "2024", "-f", "json"], 0),
    "validar_muestra.json": (["validar", "samples/pnp_2024.xlsx", "-f", "json"], 0),
    # CSV y markdown.
    "avance_2024.csv": (["avance", "2024", "-f", "csv"], 0),
    "avance_2024_ampliado.csv": (["avance", "2024", "-f", "csv", "--tipo", "ambos",
                                  "--proyeccion"], 0),
    "avance_2024_solo_op.csv": (["avance", "2024", "-f", "csv", "--solo", "op"], 0),
    "alertas_2024.md": (["alertas", "2024", "-f", "markdown"], 0),
    # Vistas en pantalla (sin terminal: sin color, a 100 columnas).
    "avance_2024.txt": (["avance", "2024"], 0),
    "avance_2024_ampliado.txt": (["avance", "2024", "--tipo", "ambos", "--proyeccion",
                                  "--tope", "100"], 0),
    "avance_2024_tipo2.txt": (["avance", "2024", "--tipo", "2", "--solo", "iop"], 0),
    "alertas_2024.txt": (["alertas", "2024"], 0),
    "verificar_2024.txt": (["verificar", "2024"], 1),
    "evolucion_IOP.01.02.txt": (["evolucion", "IOP.01.02"], 0),
    "evolucion_OP.01.txt": (["evolucion", "OP.01"], 0),
    "comparar_2023_2024.txt": (["comparar", "2023", "2024"], 0),
    "validar_muestra.txt": (["validar", "samples/pnp_2024.xlsx"], 0),
    "validar_con_errores.txt": (["validar", "samples/con_errores.xlsx"], 1),
}


@pytest.mark.parametrize("nombre", list(CASOS))
def test_salida_identica(nombre, runner, monkeypatch):
    argumentos, codigo = CASOS[nombre]
    monkeypatch.chdir(RAIZ)
    r = runner.invoke(app, argumentos, env={"COLUMNS": "100"})
    assert r.exit_code == codigo, r.output
    archivo = CARPETA / nombre
    if REGENERAR:
        archivo.parent.mkdir(exist_ok=True)
        archivo.write_bytes(r.stdout_bytes)
    assert r.stdout_bytes == archivo.read_bytes(), (
        f"La salida de `penitencia {' '.join(argumentos)}` cambió; si es deliberado, regenere "
        "con PENITENCIA_REGENERAR_GOLDEN=1 y revise git diff.")


def test_los_json_de_referencia_son_documentos():
    """Los archivos .json de referencia son un documento JSON cada uno (no un volcado roto)."""
    for nombre in CASOS:
        if nombre.endswith(".json"):
            documento = json.loads((CARPETA / nombre).read_text(encoding="utf-8"))
            assert isinstance(documento, dict) and documento
