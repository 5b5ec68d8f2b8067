"""Cada regla de celda de valor de la plantilla (docs/plantilla.md), más celdas combinadas, filas
y columnas ocultas y códigos con espacios. Cada caso es un libro que la prueba misma construye."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

import corpus
from conftest import hojas_minimas
from penitencia_cli.cli import app
from penitencia_cli.lectura import leer_libro
from penitencia_cli.errores import ErrorDeDatos

ANCHO = {"COLUMNS": "200"}


def validar_json(runner, ruta) -> tuple[int, dict]:
    r = runner.invoke(app, ["validar", str(ruta), "--formato", "json"], env=ANCHO)
    assert "Traceback" not in r.output
    return r.exit_code, json.loads(r.stdout)


def errores(doc: dict) -> list[tuple[str, str, str | None]]:
    return [(p["hoja"], p["celda"], p["codigo"]) for p in doc["problemas"]
            if p["severidad"] == "error"]


def vo_2024(ruta, codigo="IOP.01.01"):
    matriz = leer_libro(ruta)
    return next(i for i in matriz.indicadores if i.codigo == codigo).vo(2024)


# --- Números y ND -----------------------------------------------------------------------------


@pytest.mark.parametrize("celda, esperado", [
    ((0.365, "0.0%"), Decimal("36.5")),      # número con formato de porcentaje: como se ve
    ((0.3, "0%"), Decimal("30")),
    ((1.25, '0.00" pts"%'), Decimal("125")),
    ((0.3, '0.0" %"'), Decimal("0.3")),       # un "%" entre comillas es texto, no porcentaje
    ("36.50%", Decimal("36.50")),
    ("36.5 %", Decimal("36.5")),
    ("6,235", Decimal("6235")),
    ("1,234.5", Decimal("1234.5")),
    (" 42 ", Decimal("42")),
    (6235, Decimal("6235")),
    (30.5, Decimal("30.5")),
])
def test_numero(libro, celda, esperado):
    hojas = hojas_minimas()
    hojas["Valores obtenidos"][3][2] = celda  # ISS.01.01.01.01, en Número
    assert vo_2024(libro(hojas), "ISS.01.01.01.01") == esperado


@pytest.mark.parametrize("nd", [None, "", "ND", "nd", "N.D.", "n.d.", "-", "—", "S.I.", " s.i. "])
def test_cada_forma_de_nd(libro, nd):
    hojas = hojas_minimas()
    hojas["Valores obtenidos"][1][2] = nd
    assert vo_2024(libro(hojas)) is None


@pytest.mark.parametrize("celda, dice", [
    ("treinta", "'treinta'"),
    ("1.234,5", "escríbalo como 1234.5"),     # punto de miles y coma decimal: no se adivina
    ("12,34.5", "'12,34.5'"),
    (True, "VERDADERO"),
    (False, "FALSO"),
    (dt.date(2024, 5, 1), "fecha"),
    (dt.datetime(2024, 5, 1, 10, 30), "fecha"),
])
def test_valor_invalido_es_error_con_su_celda(libro, runner, celda, dice):
    hojas = hojas_minimas()
    hojas["Valores obtenidos"][2][2] = celda
    codigo, doc = validar_json(runner, libro(hojas))
    assert codigo == 1
    assert errores(doc) == [("Valores obtenidos", "C3", "IOP.01.02")]
    assert dice in doc["problemas"][0]["mensaje"]


# --- Fórmulas y valores de error de Excel -----------------------------------------------------


def test_formula_con_valor_guardado_se_toma(libro):
    hojas = hojas_minimas()
    hojas["Valores obtenidos"][1][2] = "=15*2"
    ruta = libro(hojas)
    corpus.reescribir(ruta, {corpus.miembro_de_hoja(hojas, "Valores obtenidos"):
                             corpus.con_valor_guardado("C2", "30")})
    assert vo_2024(ruta) == Decimal(30)


def test_formula_sin_valor_guardado_es_error_no_nd(libro, runner):
    hojas = hojas_minimas()
    hojas["Valores obtenidos"][1][2] = "=15*2"  # openpyxl no guarda valor calculado
    codigo, doc = validar_json(runner, libro(hojas))
    assert codigo == 1
    assert errores(doc) == [("Valores obtenidos", "C2", "IOP.01.01")]
    assert "fórmula sin valor calculado" in doc["problemas"][0]["mensaje"]


@pytest.mark.parametrize("error", ["#DIV/0!", "#N/A", "#REF!", "#VALUE!"])
def test_valor_de_error_de_excel(libro, runner, error):
    hojas = hojas_minimas()
    ruta = libro(hojas)
    corpus.reescribir(ruta, {corpus.miembro_de_hoja(hojas, "Logros esperados"):
                             corpus.con_error_excel("C4", error)})
    codigo, doc = validar_json(runner, ruta)
    assert codigo == 1
    assert errores(doc) == [("Logros esperados", "C4", "ISS.01.01.01.01")]
    assert error in doc["problemas"][0]["mensaje"]


# --- Celdas combinadas, filas y columnas ocultas ----------------------------------------------


def test_celdas_combinadas_en_la_tabla_son_error_con_su_rango(libro, runner):
    hojas = hojas_minimas()
    hojas["Indicadores"][2][6] = None  # lo que Excel deja en la segunda celda de la combinación
    ruta = libro(hojas)
    wb = load_workbook(ruta)
    wb["Indicadores"].merge_cells("G2:G3")   # un sentido para dos indicadores
    wb["Politica"].merge_cells("F8:H9")      # fuera de la tabla: no molesta
    wb.save(ruta)
    codigo, doc = validar_json(runner, ruta)
    assert codigo == 1
    combinadas = [p for p in doc["problemas"] if p["celda"] == "G2:G3"]
    assert len(combinadas) == 1 and combinadas[0]["hoja"] == "Indicadores"
    assert "Celdas combinadas G2:G3" in combinadas[0]["mensaje"]
    assert not any(p["celda"] == "F8:H9" for p in doc["problemas"])
    r = runner.invoke(app, ["avance", "2024", "-a", str(ruta)], env=ANCHO)
    assert r.exit_code == 1 and "Indicadores!G2:G3" in r.output


def test_filas_y_columnas_ocultas_se_leen_con_observacion(libro, runner):
    hojas = hojas_minimas()
    ruta = libro(hojas)
    wb = load_workbook(ruta)
    ws = wb["Valores obtenidos"]
    ws.row_dimensions[3].hidden = True
    ws.row_dimensions[4].hidden = True
    ws.column_dimensions["B"].hidden = True
    wb.save(ruta)
    matriz = leer_libro(ruta)
    ind = {i.codigo: i for i in matriz.indicadores}
    assert ind["IOP.01.02"].vo(2024) == 20 and ind["IOP.01.02"].vo(2023) == 35
    codigo, doc = validar_json(runner, ruta)
    assert codigo == 0
    lugares = {(p["hoja"], p["celda"]): p["mensaje"] for p in doc["problemas"]
               if p["severidad"] == "observacion"}
    assert "Las filas 3 a 4 están ocultas" in lugares[("Valores obtenidos", "3:4")]
    assert "La columna B está oculta" in lugares[("Valores obtenidos", "B1")]


# --- Códigos con espacios ---------------------------------------------------------------------


def test_codigos_con_espacios_de_borde_y_no_separables(libro):
    hojas = hojas_minimas()
    hojas["Indicadores"][1][0] = "  IOP.01.01\u00a0"       # espacio no separable (de un PDF)
    hojas["Valores obtenidos"][1][0] = "\u200bIOP.01.01 "  # carácter de ancho cero
    hojas["Indicadores"][1][2] = " OP.01"
    matriz = leer_libro(libro(hojas))
    ind = next(i for i in matriz.indicadores if i.codigo == "IOP.01.01")
    assert ind.pertenece_a == "OP.01" and ind.vo(2024) == 30


def test_codigo_con_espacio_interno_se_informa_con_pista(libro, runner):
    hojas = hojas_minimas()
    hojas["Valores obtenidos"][2][0] = "IOP. 01.02"
    codigo, doc = validar_json(runner, libro(hojas))
    assert codigo == 1
    assert errores(doc) == [("Valores obtenidos", "A3", "IOP. 01.02")]
    assert "¿es IOP.01.02?" in doc["problemas"][0]["mensaje"]


def test_instrucciones_se_ignora_sin_nota(libro):
    hojas = hojas_minimas()
    hojas["Instrucciones"] = [["Llene las hojas"], ["cualquier cosa", 1, 2]]
    matriz = leer_libro(libro(hojas))
    assert matriz.observaciones_lectura == []


def test_tres_errores_no_relacionados_se_informan_juntos(libro, runner):
    hojas = hojas_minimas()
    hojas["Indicadores"][2][6] = "Neutro"                   # Indicadores!G3
    hojas["Valores obtenidos"][4][1] = "sin dato aún"       # Valores obtenidos!B5
    hojas["Logros esperados"][0][2] = "2O24"                # Logros esperados!C1: letra O
    ruta = libro(hojas)
    codigo, doc = validar_json(runner, ruta)
    assert codigo == 1
    assert sorted(errores(doc)) == [("Indicadores", "G3", "IOP.01.02"),
                                    ("Logros esperados", "C1", None),
                                    ("Valores obtenidos", "B5", "IOP.02.01")]
    with pytest.raises(ErrorDeDatos) as info:
        leer_libro(ruta)
    assert len([p for p in info.value.problemas if p.severidad.value == "error"]) == 3
    # avance muestra los mismos errores
    r = runner.invoke(app, ["avance", "2024", "-a", str(ruta)], env=ANCHO)
    assert r.exit_code == 1 and "Traceback" not in r.output
    for lugar in ("Indicadores!G3", "Logros esperados!C1", "Valores obtenidos!B5"):
        assert lugar in r.output


INVISIBLE_O_NO = st.sampled_from(["a", "B", "1", ".", " ", "\u00a0", "\t", "\u200b", "\ufeff",
                                  "\u00ad", "é", "\u3000"])


@settings(max_examples=300, deadline=None)
@given(st.lists(INVISIBLE_O_NO, max_size=14).map("".join))
def test_codigo_de_con_y_sin_invisibles(texto):
    """Un código ASCII no pasa por ``translate``: sale igual que quitándole los invisibles."""
    from penitencia_cli.contrato import SIN_INVISIBLES
    from penitencia_cli.lectura.celdas import Celda, codigo_de

    esperado = " ".join(texto.strip().translate(SIN_INVISIBLES).split())
    assert codigo_de(Celda(1, 1, texto, "s")) == esperado


@settings(max_examples=300, deadline=None)
@given(st.decimals(allow_nan=False, allow_infinity=False, places=None),
       st.sampled_from([Decimal("0.1"), Decimal("0.01"), Decimal(1)]))
def test_redondear_a_como_un_contexto_por_valor(valor, cuanto):
    """El contexto compartido redondea como uno armado para cada valor (también los enormes)."""
    from decimal import ROUND_HALF_UP, Context

    from penitencia_cli.reglas.franjas import redondear_a

    cifras = max(valor.adjusted(), 0) - cuanto.adjusted() + 2
    contexto = Context(prec=max(cifras, 28), rounding=ROUND_HALF_UP)
    assert redondear_a(valor, cuanto) == valor.quantize(cuanto, rounding=ROUND_HALF_UP,
                                                        context=contexto)
