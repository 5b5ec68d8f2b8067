"""Comandos ``evolucion`` y ``comparar`` sobre la muestra, con cifras hechas a mano desde el
reporte 2024 (Política Nacional Penitenciaria)."""

from __future__ import annotations

import json
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

import pytest
from conftest import hojas_minimas

from penitencia_cli.cli import app
from penitencia_cli.salida.formato import linea_tendencia


def mostrado(x: Fraction) -> float:
    """Un decimal, mitad hacia arriba, como en el reporte."""
    d = Decimal(x.numerator) / Decimal(x.denominator)
    return float(d.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def media(*xs: Fraction) -> Fraction:
    return sum(xs, Fraction(0)) / len(xs)


F = Fraction
# Avance Tipo I 2023 de cada OP, desde los logros esperados y valores obtenidos de 2023 del reporte
# (los indicadores de OP con LE o VO ND en 2023 no entran en la media).
OP_2023 = {
    "OP.01": F(28) / F("36.97") * 100,                             # IOP.01.02 descendente: LE/VO
    "OP.02": media(F("50.20") / 45 * 100, F("1.32") / 35 * 100),   # IOP.02.01, IOP.02.02
    "OP.03": F("11.40") / 40 * 100,                                # IOP.03.01 (03.02 ND)
    "OP.04": media(F("4.44") / 6 * 100, F("31.41") / 60 * 100),    # IOP.04.01, 04.03 (04.02 ND)
    "OP.05": F(25) / 25 * 100,                                     # IOP.05.01 (05.02 ND)
}                                                                  # OP.06: ambos ND en 2023
INDICE_2023 = media(*OP_2023.values())


def test_indice_2023_a_mano():
    assert [mostrado(v) for v in OP_2023.values()] == [75.7, 57.7, 28.5, 63.2, 100.0]
    assert mostrado(INDICE_2023) == 65.0


@pytest.fixture(scope="module")
def comparacion():
    from typer.testing import CliRunner

    res = CliRunner().invoke(app, ["comparar", "2023", "2024", "--formato", "json"])
    assert res.exit_code == 0, res.output
    return json.loads(res.stdout)


def test_comparar_indice(comparacion):
    ind = comparacion["indice_gestion"]
    assert (comparacion["anio_inicial"], comparacion["anio_final"]) == (2023, 2024)
    assert ind["inicial"]["avance"] == mostrado(INDICE_2023) == 65.0
    assert (ind["inicial"]["con_dato"], ind["inicial"]["total"]) == (5, 6)
    assert ind["final"]["avance"] == 69.0
    assert ind["variacion"] == 4.0


def test_comparar_conteos_por_franja(comparacion):
    obj = comparacion["resumen"]["objetivos"]
    # 2023: OP.02, 03, 04 en [0-75%>; OP.01 (75.7) en [75-95%>; OP.05 (100) ≥95%; OP.06 ND
    assert {f: (c["inicial"], c["final"], c["variacion"]) for f, c in obj.items()} == {
        "0-75": (3, 3, 0), "75-95": (1, 3, 2), "95+": (1, 0, -1), "ND": (1, 0, -1)}
    iop = comparacion["resumen"]["indicadores_op"]
    assert {f: (c["inicial"], c["final"]) for f, c in iop.items()} == {
        "0-75": (4, 6), "75-95": (1, 1), "95+": (2, 2), "ND": (6, 4)}
    iss = comparacion["resumen"]["indicadores_servicio"]
    assert [iss[f]["final"] for f in ("0-75", "75-95", "95+", "ND")] == [11, 5, 18, 2]


def _codigos(comparacion, mov, nivel=None):
    return [t["codigo"] for t in comparacion["transiciones"][mov]
            if nivel is None or t["nivel"] in nivel]


def test_comparar_transiciones_de_op_e_iop(comparacion):
    op_iop = ("OP", "IOP")
    # OP.02: 57.7 → 89.0 sube; OP.01 75.7 → 68.7 y OP.05 100 → 94.3 bajan; OP.06 gana dato
    assert _codigos(comparacion, "suben", op_iop) == ["OP.02"]
    assert _codigos(comparacion, "bajan", op_iop) == ["OP.01", "OP.05", "IOP.01.02", "IOP.05.01"]
    assert _codigos(comparacion, "ganan_dato", op_iop) == ["OP.06", "IOP.06.01", "IOP.06.02"]
    assert _codigos(comparacion, "pierden_dato") == []
    op1 = comparacion["transiciones"]["bajan"][0]
    assert (op1["avance_inicial"], op1["avance_final"]) == (mostrado(OP_2023["OP.01"]), 68.7)
    assert (op1["franja_inicial"], op1["franja_final"]) == ("75-95", "0-75")


def test_comparar_transiciones_de_servicio(comparacion):
    suben = _codigos(comparacion, "suben", ("ISS",))
    # ISS.04.05.02.01: 8.45/15 = 56.3 → 18.70/16 = 116.9 (dos franjas)
    assert "ISS.04.05.02.01" in suben
    assert mostrado(F("8.45") / 15 * 100) == 56.3
    # ISS.04.01.08.01: 1.60/1.60 = 100 → 1.15/1.70 = 67.6
    assert "ISS.04.01.08.01" in _codigos(comparacion, "bajan", ("ISS",))
    # ISS.06.01.01.01: sin LE/VO en 2023; 965.5 en 2024
    assert "ISS.06.01.01.01" in _codigos(comparacion, "ganan_dato", ("ISS",))
    total = sum(len(v) for v in comparacion["transiciones"].values()) + comparacion["sin_cambio"]
    assert total == 6 + 49


def test_comparar_tabla(runner):
    res = runner.invoke(app, ["comparar", "2023", "2024"])
    assert res.exit_code == 0, res.output
    assert "Índice de gestión: 65.0 (2023) → 69.0 (2024), variación +4.0" in res.stdout
    assert "Suben de franja: 5" in res.stdout
    assert "Pierden dato (con dato → ND): ninguno" in res.stdout


def test_comparar_pierde_dato(runner, libro):
    hojas = hojas_minimas()
    hojas["Valores obtenidos"][1][2] = "ND"  # IOP.01.01 sin valor obtenido en 2024
    res = runner.invoke(app, ["comparar", "2023", "2024", "-a", str(libro(hojas)), "-f", "json"])
    assert res.exit_code == 0, res.output
    doc = json.loads(res.stdout)
    perdidos = doc["transiciones"]["pierden_dato"]
    assert [t["codigo"] for t in perdidos] == ["IOP.01.01"]
    assert (perdidos[0]["avance_inicial"], perdidos[0]["avance_final"]) == (75.0, None)


@pytest.mark.parametrize("args", [["2024", "2024"], ["2023", "2031"], ["2023"]])
def test_comparar_uso_incorrecto(runner, args):
    assert runner.invoke(app, ["comparar", *args]).exit_code == 2


# --- evolucion ----------------------------------------------------------------------------------


def test_evolucion_iop_01_02_json(runner):
    res = runner.invoke(app, ["evolucion", "IOP.01.02", "--formato", "json"])
    assert res.exit_code == 0, res.output
    doc = json.loads(res.stdout)
    assert (doc["clase"], doc["sentido"], doc["acumulacion"]) == (
        "indicador", "Descendente", "No acumulado")
    assert doc["linea_base"] == {"anio": 2019, "valor": 36.5}
    anios = doc["anios"]
    assert [a["anio"] for a in anios] == list(range(2019, 2025))
    assert [a["logro_esperado"] for a in anios] == [36.5, 33, 30, 29, 28, 26]
    assert [a["valor_obtenido"] for a in anios] == [36.5, 34, 37.1, 37.9, 36.97, 37.85]
    # Tipo I descendente LE/VO; 2024 = 68.7, la cifra publicada
    esperados = [mostrado(F(le) / F(vo) * 100) for le, vo in
                 zip(["36.5", 33, 30, 29, 28, 26], ["36.5", 34, "37.1", "37.9", "36.97", "37.85"])]
    assert [a["avance_tipo1"] for a in anios] == esperados
    assert esperados[-1] == 68.7 and esperados[0] == 100.0
    # Tipo II: 2019 LE = LB → ND con motivo; 2020 (36.5−34)/(36.5−33) = 71.4
    assert anios[0]["avance_tipo2"] is None
    assert any("igual a la línea de base" in o for o in anios[0]["observaciones"])
    assert anios[1]["avance_tipo2"] == 71.4
    assert anios[-1]["avance_tipo2"] == -12.9
    assert [a["franja"] for a in anios] == ["95+", "95+", "75-95", "75-95", "75-95", "0-75"]
    assert len(doc["tendencia"]["valor_obtenido"]) == 6
    assert doc["proyeccion"]["clase"] == "en retroceso"
    assert doc["proyeccion"]["anio_final"] == 2024


def test_evolucion_tabla(runner):
    res = runner.invoke(app, ["evolucion", "iop.01.02"])  # sin distinguir mayúsculas
    assert res.exit_code == 0, res.output
    assert "Porcentaje de personas privadas de libertad sin sentencia" in res.stdout
    fila_2024 = next(l for l in res.stdout.splitlines() if l.strip().startswith("2024"))
    assert "68.7" in fila_2024 and "-12.9" in fila_2024
    assert "Tendencia VO:" in res.stdout and "en retroceso" in res.stdout


def test_evolucion_de_op_e_indice(runner):
    op = json.loads(runner.invoke(app, ["evolucion", "OP.01", "-f", "json"]).stdout)
    assert op["clase"] == "objetivo"
    ultimo = op["anios"][-1]
    assert (ultimo["anio"], ultimo["avance_tipo1"], ultimo["con_dato"], ultimo["total"]) == (
        2024, 68.7, 1, 2)
    assert [p["codigo"] for p in op["proyecciones"]] == ["IOP.01.01", "IOP.01.02"]
    indice = json.loads(runner.invoke(app, ["evolucion", "INDICE", "-f", "json"]).stdout)
    por_anio = {a["anio"]: a["avance_tipo1"] for a in indice["anios"]}
    assert (por_anio[2023], por_anio[2024]) == (mostrado(INDICE_2023), 69.0)


def test_evolucion_codigo_desconocido(runner):
    res = runner.invoke(app, ["evolucion", "IOP.01.2"])
    assert res.exit_code == 2
    assert "no es un indicador" in res.stderr and "IOP.01.02" in res.stderr


def test_linea_tendencia():
    assert linea_tendencia([Decimal(1), Decimal(2), None, Decimal(4)]) == "▁▃·█"
    assert linea_tendencia([Decimal(5), Decimal(5)]) == "▅▅"
    assert linea_tendencia([None, None]) == "··"
