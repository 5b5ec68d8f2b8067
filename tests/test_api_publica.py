"""Sólo la API pública de las dependencias (docs/arquitectura.md): ningún módulo del paquete
importa un módulo privado de una dependencia (``rich._wrap``, ``pypdf._writer``) ni usa un nombre
privado suyo (``tabla._extra_width``, ``c._style``, ``escritor._add_object``), que la biblioteca
puede cambiar en cualquier versión sin aviso. Las dependencias son las de pyproject.toml y las
suyas (rich, openpyxl, pydantic, typer, python-docx, pypdf, pypdfium2, typst, lxml...).

Donde una biblioteca no ofrece una vía pública, la parte privada vive en un solo módulo pequeño,
que dice por qué, con una prueba que falla con todas las letras si la biblioteca la cambia:
:data:`EXCEPCIONES`."""

from __future__ import annotations

import ast
import importlib
import importlib.metadata
import importlib.util
import re
import tomllib
from functools import cache
from pathlib import Path

import pytest

RAIZ = Path(__file__).resolve().parent.parent

EXCEPCIONES = {
    ("penitencia_cli/cli/castellano.py", "import typer._click.exceptions"):
        "typer no ofrece una vía pública a las excepciones de su copia de click "
        "(tests/test_arquitectura.py, test_el_click_de_typer_en_un_solo_modulo)",
    ("penitencia_cli/salida/xlsx_letra.py", "._fonts"):
        "openpyxl no deja cambiar la letra del estilo «Normal» ni la de la celda sin estilo",
    ("penitencia_cli/salida/xlsx_letra.py", "._named_styles"):
        "ídem",
    ("penitencia_cli/salida/publicacion/docx_xml.py", "._element"):
        "python-docx no da el XML de un párrafo, una tabla o una celda",
}
"""(módulo, uso) → por qué. Cada módulo de esta lista es pequeño y hace sólo eso."""


def _normalizado(distribucion: str) -> str:
    return re.sub(r"[-_.]+", "-", distribucion).lower()


def _nombre_requerido(requisito: str) -> str:
    return re.match(r"[A-Za-z0-9][A-Za-z0-9._-]*", requisito).group(0)


@cache
def paquetes_de_dependencias() -> frozenset[str]:
    """Los paquetes importables de las dependencias de pyproject.toml y de las suyas (sin los
    extras), tal como están instaladas."""
    proyecto = tomllib.loads((RAIZ / "pyproject.toml").read_text(encoding="utf-8"))
    pendientes = [_nombre_requerido(r) for r in proyecto["project"]["dependencies"]]
    vistas: set[str] = set()
    while pendientes:
        nombre = pendientes.pop()
        if _normalizado(nombre) in vistas:
            continue
        vistas.add(_normalizado(nombre))
        try:
            requisitos = importlib.metadata.requires(nombre) or []
        except importlib.metadata.PackageNotFoundError:
            continue
        pendientes += [_nombre_requerido(r) for r in requisitos if "extra ==" not in r]
    instalados = importlib.metadata.packages_distributions()
    return frozenset(paquete for paquete, distribuciones in instalados.items()
                     if any(_normalizado(d) in vistas for d in distribuciones)
                     and paquete.isidentifier())


def _es_privado(nombre: str) -> bool:
    return nombre.startswith("_") and not nombre.endswith("__")


def _definidos(arbol: ast.AST) -> set[str]:
    """Los nombres privados que define un módulo: funciones, clases, variables, atributos
    asignados (``self._x = …``), parámetros, alias y ``__slots__``."""
    nombres: set[str] = set()
    for nodo in ast.walk(arbol):
        if isinstance(nodo, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            nombres.add(nodo.name)
        elif isinstance(nodo, ast.Name) and isinstance(nodo.ctx, ast.Store):
            nombres.add(nodo.id)
        elif isinstance(nodo, ast.Attribute) and isinstance(nodo.ctx, ast.Store):
            nombres.add(nodo.attr)
        elif isinstance(nodo, ast.arg):
            nombres.add(nodo.arg)
        elif isinstance(nodo, ast.alias) and nodo.asname:
            nombres.add(nodo.asname)
        elif isinstance(nodo, ast.Assign) and any(isinstance(d, ast.Name) and d.id == "__slots__"
                                                  for d in nodo.targets):
            nombres |= {c.value for c in ast.walk(nodo.value)
                        if isinstance(c, ast.Constant) and isinstance(c.value, str)}
    return {n for n in nombres if _es_privado(n)}


@cache
def privados_de(paquetes: frozenset[str]) -> frozenset[str]:
    """Los nombres privados que definen esos paquetes: en sus fuentes (.py, .pyi) y, en sus
    módulos compilados (typst, pydantic_core, lxml), lo que muestran sus clases."""
    nombres: set[str] = set()
    for paquete in paquetes:
        spec = importlib.util.find_spec(paquete)
        if spec is None:
            continue
        carpetas = list(spec.submodule_search_locations or [])
        archivos = ([a for c in carpetas for a in Path(c).rglob("*") if a.is_file()]
                    if carpetas else [Path(spec.origin)])
        for archivo in archivos:
            if archivo.suffix in (".py", ".pyi"):
                try:
                    arbol = ast.parse(archivo.read_text(encoding="utf-8"))
                except (SyntaxError, UnicodeDecodeError, ValueError):
                    continue
                nombres |= _definidos(arbol)
            elif archivo.suffix in (".so", ".pyd") and carpetas:
                relativo = archivo.relative_to(Path(carpetas[0]).parent)
                modulo = ".".join([*relativo.parent.parts, relativo.name.split(".")[0]])
                try:
                    compilado = importlib.import_module(modulo)
                except Exception:  # pragma: no cover - un binario de otra plataforma
                    continue
                for valor in [compilado, *vars(compilado).values()]:
                    if isinstance(valor, type) or valor is compilado:
                        nombres |= {n for n in dir(valor) if _es_privado(n)}
    return frozenset(nombres)


def usos_privados(fuentes: dict[str, str], paquetes: frozenset[str],
                  privados: frozenset[str]) -> list[tuple[str, str]]:
    """(módulo, uso) de cada parte privada de ``paquetes`` que usan ``fuentes`` (nombre →
    código): un módulo privado importado (``import rich._wrap``, ``from pypdf import _writer``),
    un atributo privado de sus objetos (``c._style``) o el mismo por nombre (``getattr(c,
    "_style")``). En ``self._x`` y ``cls._x`` sólo si el proyecto no define ``_x`` (una clase
    propia que hereda de una de la biblioteca y usa lo suyo)."""
    propios: set[str] = set()
    arboles = {nombre: ast.parse(codigo) for nombre, codigo in fuentes.items()}
    for arbol in arboles.values():
        propios |= _definidos(arbol)
    usos: set[tuple[str, str]] = set()
    for nombre, arbol in arboles.items():
        for nodo in ast.walk(arbol):
            modulos: list[str] = []
            atributo = None
            if isinstance(nodo, ast.Import):
                modulos = [a.name for a in nodo.names]
            elif isinstance(nodo, ast.ImportFrom) and not nodo.level:
                modulos = [f"{nodo.module}.{a.name}" for a in nodo.names]
            elif (isinstance(nodo, ast.Call) and nodo.args
                  and isinstance(nodo.func, (ast.Name, ast.Attribute))):
                funcion = getattr(nodo.func, "id", None) or getattr(nodo.func, "attr", None)
                primero = nodo.args[0]
                if (funcion in ("import_module", "__import__") and isinstance(primero, ast.Constant)
                        and isinstance(primero.value, str)):
                    modulos = [primero.value]
                elif (funcion in ("getattr", "setattr", "hasattr", "delattr")
                      and len(nodo.args) >= 2 and isinstance(nodo.args[1], ast.Constant)
                      and isinstance(nodo.args[1].value, str)):
                    atributo = (nodo.args[0], nodo.args[1].value)
            elif isinstance(nodo, ast.Attribute):
                atributo = (nodo.value, nodo.attr)
            for modulo in modulos:
                partes = modulo.split(".")
                if partes[0] in paquetes and any(_es_privado(p) for p in partes[1:]):
                    # «from typer._click.exceptions import X»: el módulo, no cada nombre.
                    privado = next(i for i, p in enumerate(partes) if _es_privado(p))
                    completo = ".".join(partes[:privado + 1])
                    if isinstance(nodo, ast.ImportFrom) and privado < len(partes) - 1:
                        completo = nodo.module
                    usos.add((nombre, f"import {completo}"))
            if atributo is not None:
                dueno, nombre_atributo = atributo
                if not _es_privado(nombre_atributo) or nombre_atributo not in privados:
                    continue
                propio = isinstance(dueno, ast.Name) and dueno.id in ("self", "cls")
                if propio and nombre_atributo in propios:
                    continue
                usos.add((nombre, f".{nombre_atributo}"))
    return sorted(usos)


def _fuentes(*carpetas: str) -> dict[str, str]:
    return {ruta.relative_to(RAIZ).as_posix(): ruta.read_text(encoding="utf-8")
            for carpeta in carpetas for ruta in sorted((RAIZ / carpeta).rglob("*.py"))}


def test_el_paquete_solo_usa_la_api_publica_de_sus_dependencias():
    """Cada parte privada de una dependencia que usa el paquete es una de las excepciones
    documentadas, en su módulo; y cada excepción sigue haciendo falta."""
    paquetes = paquetes_de_dependencias()
    assert {"rich", "openpyxl", "pydantic", "typer", "docx", "pypdf", "pypdfium2",
            "typst"} <= paquetes
    usos = usos_privados(_fuentes("penitencia_cli"), paquetes, privados_de(paquetes))
    ajenos = [u for u in usos if u not in EXCEPCIONES]
    assert not ajenos, (
        "El paquete usa partes privadas de sus dependencias: " + "; ".join(map(": ".join, ajenos))
        + ". Use la API pública; si la biblioteca no la tiene, lleve el acceso a un solo módulo "
          "pequeño que diga por qué, con una prueba que falle si la biblioteca lo cambia, y "
          "añádalo a EXCEPCIONES.")
    assert sorted(EXCEPCIONES) == usos, "excepciones que ya no hacen falta: " + str(
        sorted(set(EXCEPCIONES) - set(usos)))


def test_las_excepciones_viven_en_modulos_pequenos():
    for modulo in {m for m, _ in EXCEPCIONES} - {"penitencia_cli/cli/castellano.py"}:
        lineas = (RAIZ / modulo).read_text(encoding="utf-8").splitlines()
        assert len(lineas) <= 40, f"{modulo}: {len(lineas)} líneas; sólo la parte privada"


def test_las_pruebas_y_el_banco_no_usan_lo_privado_de_rich():
    """Las pruebas de salida/tramos.py comparan con lo que dibuja rich: tampoco ellas ni el banco
    usan sus partes privadas (el proyecto pide ``rich>=13.8``, sin tope)."""
    rich = frozenset({"rich"})
    assert usos_privados(_fuentes("tests", "benchmarks"), rich, privados_de(rich)) == []


ANTES = {
    "salida/tramos.py": (  # 5059e67
        "from rich._wrap import divide_line\n"
        "def _lineas(self, console, tabla, opciones):\n"
        "    ancho = (tabla.width or 1) - tabla._extra_width\n"
        "    return tabla._calculate_column_widths(console, opciones)\n"),
    "salida/consola.py": (  # una clase propia que hereda de una de rich
        "class Colgante(Text):\n"
        "    def __init__(self):\n        self._sangria = 2\n"
        "    def partir(self):\n        return self._sangria, self._spans\n"),
    "salida/xlsx.py": (
        "def celda(self, c, visto, wb, base):\n"
        "    c._style = copy(visto[0])\n"
        "    wb._fonts = IndexedList([base])\n"
        "    wb._named_styles['Normal'].font = base\n"),
    "salida/publicacion/pdf.py": (
        "def unir(escritor, forma, idioma):\n"
        "    escritor._root_object[NameObject('/Lang')] = idioma\n"
        "    return escritor._add_object(forma)\n"),
    "salida/publicacion/docx.py": (  # _p y _tc son también métodos propios (de _Tabla)
        "class _Tabla:\n"
        "    def _p(self):\n        return self._tc()\n"
        "    def _tc(self):\n        return ''\n"
        "def sombrear(parrafo, celda, tabla, campo):\n"
        "    parrafo._p.append(campo)\n"
        "    celda._tc.get_or_add_tcPr()\n"
        "    tabla._tbl.tblPr.append(campo)\n"),
    "otros.py": (
        "import importlib\n"
        "from typer._click.exceptions import UsageError\n"
        "from pydantic import _internal\n"
        "import pypdf._writer as escritor\n"
        "modulo = importlib.import_module('typst._typst')\n"
        "def f(pagina):\n"
        "    return getattr(pagina, '_get_contents_as_bytes')()\n"),
}


def test_la_prueba_encuentra_las_partes_privadas_que_se_usaban():
    """La prueba no es vacía: encuentra lo que usaban salida/tramos.py en 5059e67 y xlsx.py,
    pdf.py y docx.py antes de esta vuelta, aunque el proyecto defina nombres iguales (``_p``,
    ``_tc``); lo privado de rich en una clase propia que hereda de rich (``self._spans``, pero no
    ``self._sangria``, que es propio), y los módulos privados importados de cualquier forma."""
    paquetes = paquetes_de_dependencias()
    assert usos_privados(ANTES, paquetes, privados_de(paquetes)) == [
        ("otros.py", "._get_contents_as_bytes"),
        ("otros.py", "import pydantic._internal"),
        ("otros.py", "import pypdf._writer"),
        ("otros.py", "import typer._click.exceptions"),
        ("otros.py", "import typst._typst"),
        ("salida/consola.py", "._spans"),
        ("salida/publicacion/docx.py", "._p"),
        ("salida/publicacion/docx.py", "._tbl"),
        ("salida/publicacion/docx.py", "._tc"),
        ("salida/publicacion/pdf.py", "._add_object"),
        ("salida/publicacion/pdf.py", "._root_object"),
        ("salida/tramos.py", "._calculate_column_widths"),
        ("salida/tramos.py", "._extra_width"),
        ("salida/tramos.py", "import rich._wrap"),
        ("salida/xlsx.py", "._fonts"),
        ("salida/xlsx.py", "._named_styles"),
        ("salida/xlsx.py", "._style"),
    ]


# --- Las excepciones, comprobadas con la versión instalada ----------------------------------------


def test_la_letra_del_libro_con_openpyxl_instalado(tmp_path):
    """salida/xlsx_letra.py: el libro guardado tiene Arial 10 como primera letra (la de la celda
    sin estilo) y como la del estilo «Normal», y ninguna otra familia."""
    import zipfile

    from openpyxl import Workbook
    from openpyxl.styles import Font

    from penitencia_cli.salida.xlsx_letra import letra_del_libro

    wb = Workbook(write_only=True)
    try:
        letra_del_libro(wb, Font(name="Arial", size=10))
    except (AttributeError, KeyError, TypeError) as exc:  # pragma: no cover - otra openpyxl
        pytest.fail(f"openpyxl cambió lo que usa salida/xlsx_letra.py ({exc!r}): busque en esta "
                    "versión cómo fijar la letra del estilo «Normal».")
    wb.create_sheet("Hoja").append(["texto"])
    wb.save(tmp_path / "libro.xlsx")
    with zipfile.ZipFile(tmp_path / "libro.xlsx") as z:
        estilos = z.read("xl/styles.xml").decode()
    fuentes = re.search(r"<fonts[^>]*>(.*?)</fonts>", estilos).group(1)
    assert re.findall(r'<name val="([^"]+)"', fuentes) == ["Arial"], fuentes
    assert '<sz val="10"/>' in fuentes
    normal = re.search(r"<cellStyleXfs[^>]*>(.*?)</cellStyleXfs>", estilos).group(1)
    assert 'fontId="0"' in normal and "<cellStyle " in estilos and 'name="Normal"' in estilos


def test_el_xml_de_python_docx_instalado():
    """salida/publicacion/docx_xml.py: el elemento de un párrafo, una tabla y una celda de
    python-docx, los mismos que escribe el documento."""
    from docx import Document
    from docx.oxml.ns import qn

    from penitencia_cli.salida.publicacion.docx_xml import elemento

    doc = Document()
    parrafo, tabla = doc.add_paragraph("hola"), doc.add_table(rows=1, cols=1)
    try:
        elementos = [elemento(parrafo), elemento(tabla), elemento(tabla.cell(0, 0))]
    except AttributeError as exc:  # pragma: no cover - otra python-docx
        pytest.fail(f"python-docx cambió lo que usa salida/publicacion/docx_xml.py ({exc!r}): "
                    "busque en esta versión cómo llegar al XML de un párrafo o una celda.")
    assert [e.tag for e in elementos] == [qn("w:p"), qn("w:tbl"), qn("w:tc")]
    cuerpo = list(doc.element.body)
    assert elementos[0] in cuerpo and elementos[1] in cuerpo
    assert elementos[2].getparent().getparent() is elementos[1]
