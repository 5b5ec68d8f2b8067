"""La forma del código (docs/arquitectura.md): las importaciones van en un solo sentido, sin ciclos,
y ningún módulo pasa de 600 líneas."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PAQUETE = Path(__file__).resolve().parent.parent / "penitencia_cli"

PERMITIDOS = {
    "errores": set(),
    "contrato": set(),
    "modelos": {"errores", "contrato"},
    "lectura": {"errores", "contrato", "modelos"},
    "anexo_b7": {"errores", "contrato", "modelos"},
    "reglas": {"errores", "contrato", "modelos"},
    "salida": {"errores", "contrato", "modelos", "reglas"},
    "cli": {"errores", "contrato", "modelos", "lectura", "reglas", "salida", "__init__"},
    "__init__": set(),
    "__main__": {"cli"},
}
"""Capa → capas de las que puede importar (además de sí misma)."""


def _modulos() -> dict[str, Path]:
    return {".".join(p.relative_to(PAQUETE.parent).with_suffix("").parts): p
            for p in PAQUETE.rglob("*.py")}


def _importados(nombre: str, ruta: Path, todas: bool) -> set[str]:
    """Módulos de penitencia_cli que importa ``nombre``: sólo los del nivel del módulo (los que
    se cargan al importarlo) o ``todas`` (también dentro de funciones). Sin TYPE_CHECKING."""
    arbol = ast.parse(ruta.read_text(encoding="utf-8"))
    paquete = nombre if ruta.name == "__init__.py" else nombre.rsplit(".", 1)[0]
    nodos = ast.walk(arbol) if todas else iter(arbol.body)
    resultado: set[str] = set()
    for nodo in nodos:
        if isinstance(nodo, ast.ImportFrom):
            if nodo.level:
                base = paquete.split(".")
                base = base[: len(base) - nodo.level + 1]
                modulo = ".".join(base + ([nodo.module] if nodo.module else []))
            else:
                modulo = nodo.module or ""
            if modulo.startswith("penitencia_cli"):
                resultado.add(modulo)
                for alias in nodo.names:  # «from . import documento» importa un módulo
                    if f"{modulo}.{alias.name}" in _modulos():
                        resultado.add(f"{modulo}.{alias.name}")
        elif isinstance(nodo, ast.Import):
            resultado |= {a.name for a in nodo.names if a.name.startswith("penitencia_cli")}
    return resultado


def _capa(modulo: str) -> str:
    partes = modulo.split(".")
    return partes[1] if len(partes) > 1 else "__init__"


@pytest.mark.parametrize("modulo", sorted(_modulos()))
def test_importa_solo_de_capas_anteriores(modulo):
    capa = _capa(modulo)
    ajenos = {m for m in _importados(modulo, _modulos()[modulo], todas=True)
              if _capa(m) != capa and _capa(m) not in PERMITIDOS[capa]}
    assert not ajenos, f"{modulo} ({capa}) importa de {sorted(ajenos)}"


def test_sin_ciclos_de_importacion():
    modulos = _modulos()
    grafo = {m: {i for i in _importados(m, r, todas=False) if i in modulos and i != m}
             for m, r in modulos.items()}
    visitando, hechos = set(), set()

    def visitar(m: str, camino: list[str]) -> None:
        if m in hechos:
            return
        assert m not in visitando, "ciclo: " + " → ".join(camino + [m])
        visitando.add(m)
        for siguiente in sorted(grafo[m]):
            visitar(siguiente, camino + [m])
        visitando.discard(m)
        hechos.add(m)

    for m in sorted(grafo):
        visitar(m, [])


@pytest.mark.parametrize("modulo", sorted(_modulos()))
def test_modulos_cortos(modulo):
    lineas = len(_modulos()[modulo].read_text(encoding="utf-8").splitlines())
    assert lineas <= 600, f"{modulo} tiene {lineas} líneas"

