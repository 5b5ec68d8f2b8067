"""Escala y rendimiento, sin cronómetro: libros sintéticos (benchmarks/generar.py) calculados por la
CLI frente a un cálculo independiente hecho aquí con fracciones exactas; el analizador de celdas
frente al de openpyxl; el aviso de progreso; y que el arranque no importe lo que no usa."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from datetime import datetime
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest

from penitencia_cli.cli import app
from penitencia_cli.lectura import leer_libro
from penitencia_cli.lectura.hoja import FILAS_POR_AVISO, Problemas, abrir_libro

RAIZ = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(RAIZ / "benchmarks"))
import generar  # noqa: E402


# --- El cálculo independiente -----------------------------------------------------------------


def _mostrar(valor: Fraction | None) -> float | None:
    """Un decimal, mitad hacia arriba, desde la fracción exacta."""
    if valor is None:
        return None
    decimas = valor * 10
    entero = decimas.numerator // decimas.denominator
    if decimas - entero >= Fraction(1, 2):
        entero += 1
    return entero / 10


def _franja(mostrado: float | None) -> str:
    if mostrado is None:
        return "ND"
    return "0-75" if mostrado < 75 else "75-95" if mostrado < 95 else "95+"


def _avance(sentido: str, le: Decimal | None, vo: Decimal | None) -> Fraction | None:
    if le is None or vo is None or le < 0 or vo < 0:
        return None
    le, vo = Fraction(le), Fraction(vo)
    if le == 0 and vo == 0:
        return Fraction(100)
    if sentido == "Ascendente":
        return Fraction(100) if le == 0 else vo / le * 100
    return Fraction(100) if vo == 0 else le / vo * 100


def _media(valores: list[Fraction | None]) -> Fraction | None:
    con_dato = [v for v in valores if v is not None]
    return sum(con_dato, Fraction(0)) / len(con_dato) if con_dato else None


def _esperado(d: generar.Datos, anio: int) -> dict:
    op_de = d.op_de
    avances = {i.codigo: _avance(i.sentido, i.le[anio].visto, i.vo[anio].visto)
               for i in d.indicadores}
    ops = [c for c, nivel, _, _ in d.estructura if nivel == "OP"]
    por_op = {op: _media([avances[i.codigo] for i in d.indicadores
                          if i.nivel == "IOP" and op_de[i.pertenece_a] == op]) for op in ops}
    return {"avances": avances, "por_op": por_op, "indice": _media(list(por_op.values()))}


@pytest.fixture(scope="module")
def sintetico(tmp_path_factory):
    datos = generar.datos(150, semilla=7)
    ruta = generar.escribir(datos, tmp_path_factory.mktemp("escala") / "sintetico_150.xlsx")
    return datos, ruta


def test_generador_cubre_los_casos(sintetico):
    """El libro sintético tiene lo que dice tener: ND, porcentajes, textos, ambos sentidos."""
    datos, _ = sintetico
    celdas = [c for i in datos.indicadores for c in (*i.le.values(), *i.vo.values())]
    assert 0.05 < sum(c.visto is None for c in celdas) / len(celdas) < 0.15
    assert any(c.formato == "0.0%" for c in celdas)
    assert any(isinstance(c.escrito, str) and c.escrito.endswith("%") for c in celdas)
    assert any(isinstance(c.escrito, str) and "," in c.escrito for c in celdas)
    assert {i.sentido for i in datos.indicadores} == {"Ascendente", "Descendente"}
    assert {i.acumulacion for i in datos.indicadores} == {"Acumulado", "No acumulado"}
    assert {i.nivel for i in datos.indicadores} == {"IOP", "ISS"}


@pytest.mark.parametrize("anio", [2019, 2024, 2030])
def test_avance_sintetico_coincide_con_calculo_independiente(sintetico, runner, anio):
    datos, ruta = sintetico
    r = runner.invoke(app, ["avance", str(anio), "-a", str(ruta), "--formato", "json"])
    assert r.exit_code == 0, r.output
    doc = json.loads(r.stdout)
    esperado = _esperado(datos, anio)

    por_codigo = {i["codigo"]: i for i in doc["indicadores"]}
    assert len(por_codigo) == len(datos.indicadores) == 150
    for ind in datos.indicadores:
        obtenido = por_codigo[ind.codigo]
        le, vo = ind.le[anio].visto, ind.vo[anio].visto
        assert obtenido["logro_esperado"] == (None if le is None else float(le)), ind.codigo
        assert obtenido["valor_obtenido"] == (None if vo is None else float(vo)), ind.codigo
        mostrado = _mostrar(esperado["avances"][ind.codigo])
        assert obtenido["avance"] == mostrado, ind.codigo
        assert obtenido["franja"] == _franja(mostrado), ind.codigo

    objetivos = {o["codigo"]: o for o in doc["objetivos"]}
    assert set(objetivos) == set(esperado["por_op"])
    for op, valor in esperado["por_op"].items():
        assert objetivos[op]["avance"] == _mostrar(valor), op
    assert doc["indice_gestion"]["avance"] == _mostrar(esperado["indice"])

    for grupo, nivel in (("indicadores_op", "IOP"), ("indicadores_servicio", "ISS")):
        cuenta = {"0-75": 0, "75-95": 0, "95+": 0, "ND": 0}
        for ind in datos.indicadores:
            if ind.nivel == nivel:
                cuenta[_franja(_mostrar(esperado["avances"][ind.codigo]))] += 1
        assert doc["resumen"][grupo] == cuenta


def test_celdas_de_las_series(sintetico):
    """Cada valor conserva su celda exacta (para los mensajes), aunque el lector no guarde una
    cadena por celda."""
    datos, ruta = sintetico
    matriz = leer_libro(ruta)
    anios = generar.ANIOS
    for fila, (ind, leido) in enumerate(zip(datos.indicadores, matriz.indicadores), start=2):
        assert leido.codigo == ind.codigo
        esperadas = {a: f"{chr(ord('B') + k)}{fila}" for k, a in enumerate(anios)}
        assert leido.celdas_le == esperadas
        assert dict(leido.celdas_vo) == esperadas
        assert leido.celdas_vo.get(2024) == f"G{fila}"
        assert leido.celdas_vo.get(1990) is None


# --- El analizador de celdas frente al de openpyxl ----------------------------------------


def test_analizador_lee_lo_mismo_que_openpyxl(tmp_path):
    """El analizador propio (una Celda por celda) da los mismos valores y tipos que openpyxl en
    modo data_only, con fechas, lógicos, errores, texto enriquecido y fórmulas."""
    import openpyxl
    from openpyxl.cell.rich_text import CellRichText, TextBlock
    from openpyxl.cell.text import InlineFont

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Hoja"
    filas = [
        ["texto", 12, 12.5, 0.365, True, False],
        [datetime(2024, 5, 1), "#DIV/0!", "=1+1", "   ", "  con espacios  ", None],
        [CellRichText(["rico ", TextBlock(InlineFont(b=True), "negrita")]), -3, 1e-7, "ND"],
    ]
    for fila in filas:
        ws.append(fila)
    ws["D1"].number_format = "0.0%"
    ruta = tmp_path / "celdas.xlsx"
    wb.save(ruta)

    libro = abrir_libro(ruta, Problemas())
    try:
        propias = {(c.fila, c.columna): c for fila in libro.filas("Hoja") for c in fila}
    finally:
        libro.cerrar()

    ref = openpyxl.load_workbook(ruta, read_only=True, data_only=True)
    esperadas = {}
    for fila in ref["Hoja"].iter_rows():
        for c in fila:
            if c.value is None or (isinstance(c.value, str) and not c.value.strip()):
                continue
            esperadas[(c.row, c.column)] = (c.value, c.data_type)
    ref.close()

    formula = propias.pop((2, 3))
    assert formula.tipo == "formula-sin-valor" and formula.valor is None
    assert {k: (c.valor, c.tipo) for k, c in propias.items()} == esperadas
    assert propias[(1, 4)].porcentaje and not propias[(1, 3)].porcentaje
    assert propias[(3, 1)].valor == "rico negrita"


# --- Progreso ---------------------------------------------------------------------------------


def test_progreso_avisa_por_hoja_con_filas_crecientes(tmp_path):
    n = 2 * FILAS_POR_AVISO + 500
    ruta = generar.escribir(generar.datos(n, semilla=3), tmp_path / "grande.xlsx")
    avisos: list[tuple[str, int, int | None]] = []
    leer_libro(ruta, progreso=lambda hoja, fila, total: avisos.append((hoja, fila, total)))
    hojas = [h for h, _, _ in avisos]
    assert {"Indicadores", "Logros esperados", "Valores obtenidos"} <= set(hojas)
    for hoja in set(hojas):
        filas = [f for h, f, _ in avisos if h == hoja]
        assert filas == sorted(filas)
    for hoja, fila, total in avisos:
        if hoja == "Logros esperados":
            assert total == n + 1 and fila <= total


def test_barra_de_progreso_solo_tras_la_espera():
    from rich.console import Console

    from penitencia_cli.salida.progreso import ProgresoLectura

    salida = io.StringIO()
    consola = Console(file=salida, force_terminal=True, width=100)
    ahora = [0.0]
    with ProgresoLectura(consola, espera=1.0, reloj=lambda: ahora[0]) as p:
        p("Indicadores", 1000, 5000)
        assert p.barra is None  # libro rápido: nada que mostrar
        ahora[0] = 1.5
        p("Indicadores", 2000, 5000)
        assert p.barra is not None
        assert p.barra.tasks[0].completed == 2000 and p.barra.tasks[0].total == 5000
    assert p.barra is None
    assert "Leyendo Indicadores" in salida.getvalue()


def test_json_limpio_sin_terminal(sintetico, runner):
    """Sin terminal no hay barra: stdout es exactamente un documento JSON."""
    _, ruta = sintetico
    r = runner.invoke(app, ["avance", "2024", "-a", str(ruta), "--formato", "json"])
    assert r.exit_code == 0
    assert json.loads(r.stdout)["anio"] == 2024
    assert "Leyendo" not in r.output


# --- Arranque -------------------------------------------------------------------------------


def _modulos_tras(argumentos: list[str]) -> set[str]:
    codigo = (
        "import sys\n"
        "from penitencia_cli.cli import app\n"
        "try:\n"
        f"    app({argumentos!r}, prog_name='penitencia')\n"
        "except SystemExit:\n"
        "    pass\n"
        "sys.stderr.write('MODULOS ' + ' '.join(sorted(sys.modules)))\n"
    )
    entorno = dict(os.environ, PYTHONPATH=str(RAIZ))
    r = subprocess.run([sys.executable, "-c", codigo], cwd=RAIZ, env=entorno,
                       capture_output=True, text=True, check=True)
    return set(r.stderr.rsplit("MODULOS ", 1)[1].split())


def test_ayuda_no_importa_lo_que_no_usa():
    modulos = _modulos_tras(["--help"])
    for pesado in ("pydantic", "openpyxl", "penitencia_cli.modelos", "penitencia_cli.lectura"):
        assert pesado not in modulos


def test_avance_json_no_importa_tablas_ni_exportador_xlsx():
    modulos = _modulos_tras(["avance", "2024", "--formato", "json"])
    assert "pydantic" in modulos and "penitencia_cli.lectura" in modulos  # los que sí necesita
    for innecesario in ("rich.table", "rich.progress", "penitencia_cli.salida.consola",
                        "penitencia_cli.salida.progreso", "openpyxl", "defusedxml", "lxml"):
        assert innecesario not in modulos


@pytest.mark.parametrize("argumentos", [["avance", "2024"], ["validar"]])
def test_leer_no_importa_openpyxl(argumentos):
    """El lector es propio (expat y expresiones regulares en C): openpyxl sólo se importa para
    escribir (la plantilla y el libro del reporte)."""
    modulos = _modulos_tras(argumentos)
    assert "penitencia_cli.lectura.recorrido" in modulos
    for innecesario in ("openpyxl", "defusedxml", "lxml", "xml.etree.ElementTree"):
        assert innecesario not in modulos
