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
    "cli": {"errores", "contrato", "modelos", "lectura", "anexo_b7", "reglas", "salida",
            "__init__"},
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


def test_el_lector_de_libros_cabe_en_2200_lineas():
    """Un solo lector, simple: lectura/ entero no pasa de 2 200 líneas (docs/lectura.md)."""
    carpeta = PAQUETE / "lectura"
    lineas = sum(len(p.read_text(encoding="utf-8").splitlines()) for p in carpeta.glob("*.py"))
    assert lineas <= 2200, f"lectura/ tiene {lineas} líneas"


# --- El perfil viaja explícito (issue 18) ----------------------------------------------------------


def _definidos_bajo_la_capa_de_comandos():
    """(nombre, objeto) de cada función, método y clase definidos en los módulos que no son la
    capa de comandos (cli/), importados."""
    import importlib
    import inspect

    for nombre in sorted(_modulos()):
        if _capa(nombre) in ("cli", "__main__"):
            continue
        modulo = importlib.import_module(nombre)
        for _, objeto in inspect.getmembers(modulo):
            if getattr(objeto, "__module__", None) != nombre:
                continue
            if inspect.isfunction(objeto):
                yield f"{nombre}.{objeto.__name__}", objeto
            elif inspect.isclass(objeto):
                yield f"{nombre}.{objeto.__name__}", objeto
                for metodo, funcion in vars(objeto).items():
                    if inspect.isfunction(funcion):
                        yield f"{nombre}.{objeto.__name__}.{metodo}", funcion


def test_ninguna_regla_tiene_un_perfil_por_omision():
    """Debajo de la capa de comandos ningún parámetro ni campo que sea un perfil tiene valor por
    omisión: quien olvida pasar el perfil de un plan no recibe en silencio el de una política (un
    decimal en vez de dos, sin truncar en 100). El perfil lo elige la capa de comandos."""
    import dataclasses
    import inspect

    from penitencia_cli.reglas.metodologia import Perfil

    def es_perfil(anotacion, nombre: str) -> bool:
        texto = anotacion if isinstance(anotacion, str) else getattr(anotacion, "__name__", "")
        return "Perfil" in str(texto) or nombre in ("perfil", "met", "metodologia")

    con_omision = []
    for nombre, objeto in _definidos_bajo_la_capa_de_comandos():
        if inspect.isclass(objeto):
            if dataclasses.is_dataclass(objeto):
                for f in dataclasses.fields(objeto):
                    if es_perfil(f.type, f.name) and (
                            f.default is not dataclasses.MISSING
                            or f.default_factory is not dataclasses.MISSING):
                        con_omision.append(f"{nombre}.{f.name}")
            for atributo, valor in vars(objeto).items():
                if isinstance(valor, Perfil):
                    con_omision.append(f"{nombre}.{atributo}")
            continue
        for p in inspect.signature(objeto).parameters.values():
            if p.default is inspect.Parameter.empty:
                continue
            if es_perfil(p.annotation, p.name) or isinstance(p.default, Perfil):
                con_omision.append(f"{nombre}({p.name})")
    assert not con_omision, con_omision


def test_solo_la_capa_de_comandos_elige_el_perfil_de_un_libro():
    """``perfil_de`` y ``PERFILES`` (el perfil de cada instrumento) sólo se usan en
    reglas/metodologia.py, donde viven, y en cli/, que elige el del libro; ningún otro módulo
    guarda un perfil en una variable de módulo."""
    import importlib

    from penitencia_cli.reglas.metodologia import Perfil

    fuera = []
    for nombre, ruta in sorted(_modulos().items()):
        if _capa(nombre) in ("cli", "__main__") or nombre.endswith("reglas.metodologia"):
            continue
        arbol = ast.parse(ruta.read_text(encoding="utf-8"))
        usados = {n.id for n in ast.walk(arbol) if isinstance(n, ast.Name)}
        usados |= {a.name for n in ast.walk(arbol) if isinstance(n, ast.ImportFrom)
                   for a in n.names}
        fuera += [f"{nombre}: {u}" for u in sorted(usados & {"perfil_de", "PERFILES"})]
        modulo = importlib.import_module(nombre)
        fuera += [f"{nombre}.{v}" for v, x in vars(modulo).items() if isinstance(x, Perfil)]
    assert not fuera, fuera


def test_el_click_de_typer_en_un_solo_modulo():
    """typer no ofrece una vía pública a las excepciones de su copia de click: se importan de
    ``typer._click`` en un solo módulo, ``cli/castellano.py``. Si typer la mueve o le cambia los
    nombres, esta prueba lo dice con todas las letras (y no una traza al arrancar)."""
    import importlib

    usan = sorted(nombre for nombre, ruta in _modulos().items()
                  if any(m.startswith("typer._click")
                         for n in ast.walk(ast.parse(ruta.read_text(encoding="utf-8")))
                         if isinstance(n, ast.ImportFrom) for m in [n.module or ""]))
    assert usan == ["penitencia_cli.cli.castellano"], usan
    try:
        excepciones = importlib.import_module("typer._click.exceptions")
    except ImportError as exc:  # pragma: no cover - sólo si typer la mueve
        pytest.fail(f"typer ya no trae typer._click.exceptions ({exc}): actualice "
                    "cli/castellano.py a la nueva ubicación de las excepciones de click.")
    faltan = [n for n in ("BadParameter", "ClickException", "MissingParameter", "NoSuchOption",
                          "UsageError") if not hasattr(excepciones, n)]
    assert not faltan, f"typer._click.exceptions ya no tiene {faltan}: revise cli/castellano.py"
