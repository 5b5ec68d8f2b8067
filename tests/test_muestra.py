"""La muestra reproduce el Reporte de Seguimiento 2024 publicado (cifras golden) y 2023 a mano."""

import csv
import json
from decimal import Decimal as D

import pytest

from conftest import GOLDEN, MUESTRA, calcular
from penitencia_cli.cli import app
from penitencia_cli.lectura import leer_libro
from penitencia_cli.reglas.franjas import redondear
from penitencia_cli.reglas.metodologia import PERFILES

GOLDEN_2024 = list(csv.DictReader(open(GOLDEN / "pnp2024_avance.csv", encoding="utf-8")))


@pytest.fixture(scope="module")
def matriz():
    return leer_libro(MUESTRA)


@pytest.fixture(scope="module")
def doc2024(matriz):
    from typer.testing import CliRunner

    resultado = CliRunner().invoke(app, ["avance", "2024", "--formato", "json"])
    assert resultado.exit_code == 0, resultado.output
    return json.loads(resultado.stdout)


def test_la_muestra_tiene_la_politica_completa(matriz):
    assert matriz.ficha.nombre == "Política Nacional Penitenciaria al 2030"
    assert matriz.ficha.sector == "06: JUSTICIA"
    assert matriz.ficha.ministerio_conductor == "006: MINISTERIO DE JUSTICIA Y DERECHOS HUMANOS"
    assert matriz.ficha.tipo == "MULTISECTORIAL"
    niveles = [e.nivel for e in matriz.estructura]
    assert (niveles.count("OP"), niveles.count("LN"), niveles.count("SS")) == (6, 27, 36)  # el README de la referencia dice 35 LN; el reporte tiene 27
    iop = [i for i in matriz.indicadores if i.nivel == "IOP"]
    assert (len(iop), len(matriz.indicadores) - len(iop)) == (13, 36)
    assert matriz.anios == [2019, 2020, 2021, 2022, 2023, 2024]


def test_valores_como_los_imprime_el_reporte(matriz):
    por_codigo = {i.codigo: i for i in matriz.indicadores}
    iop = por_codigo["IOP.01.02"]  # "36.50%" guardado como porcentaje de Excel
    assert iop.lb_valor == D("36.5")
    assert iop.vo(2024) == D("37.85")
    assert iop.sentido.value == "Descendente" and iop.acumulacion.value == "No acumulado"
    iss = por_codigo["ISS.01.05.01.01"]  # "6,235"
    assert iss.le(2019) == D(6235) and iss.le(2024) is None
    assert por_codigo["ISS.04.05.04.01"].le(2024) == D("0.03")


@pytest.mark.parametrize("fila", [f for f in GOLDEN_2024 if f["nivel"] in ("IOP", "ISS")],
                         ids=lambda f: f["codigo"])
def test_golden_2024_cada_indicador(doc2024, fila):
    ind = {i["codigo"]: i for i in doc2024["indicadores"]}[fila["codigo"]]
    esperado = None if fila["avance_calculado"] == "ND" else float(fila["avance_calculado"])
    assert ind["avance"] == esperado
    assert ind["franja"] == fila["franja"]


def test_golden_2024_objetivos_e_indice(doc2024):
    esperados = {f["codigo"]: f for f in GOLDEN_2024 if f["nivel"] in ("OP", "INDICE")}
    assert [o["codigo"] for o in doc2024["objetivos"]] == [f"OP.0{i}" for i in range(1, 7)]
    for o in doc2024["objetivos"]:
        assert o["avance"] == float(esperados[o["codigo"]]["avance_publicado"])
        assert o["franja"] == esperados[o["codigo"]]["franja"]
    assert doc2024["indice_gestion"] == {"avance": 69.0, "franja": "0-75", "con_dato": 6,
                                         "total": 6}
    cobertura = {o["codigo"]: (o["con_dato"], o["total"]) for o in doc2024["objetivos"]}
    assert cobertura == {"OP.01": (1, 2), "OP.02": (2, 2), "OP.03": (1, 2), "OP.04": (2, 3),
                         "OP.05": (1, 2), "OP.06": (2, 2)}


def test_golden_2024_conteos_por_franja(doc2024):
    assert doc2024["resumen"] == {
        "objetivos": {"0-75": 3, "75-95": 3, "95+": 0, "ND": 0},
        "indicadores_op": {"0-75": 6, "75-95": 1, "95+": 2, "ND": 4},
        "indicadores_servicio": {"0-75": 11, "75-95": 5, "95+": 18, "ND": 2},
    }


def test_el_desliz_del_reporte_se_calcula_y_se_marca(doc2024):
    ind = {i["codigo"]: i for i in doc2024["indicadores"]}["ISS.04.05.01.01"]
    assert (ind["logro_esperado"], ind["valor_obtenido"], ind["avance"]) == (85, 24, 28.2)
    assert ind["avance_publicado"] == 27.9
    assert any("27.9" in o and "28.2" in o for o in ind["observaciones"])
    # Ningún otro indicador difiere de lo publicado.
    otros = [i["codigo"] for i in doc2024["indicadores"]
             if any("publicado" in o for o in i["observaciones"])]
    assert otros == ["ISS.04.05.01.01"]


def test_redondeo_del_reporte_mitad_hacia_arriba(matriz):
    # IOP.04.01: 5.50 / 8.00 = 68.75 exacto, publicado 68.8.
    r = calcular(matriz, 2024)
    ind = {x.codigo: x for x in r.indicadores}["IOP.04.01"]
    assert ind.avance.valor == D("68.75")
    assert ind.avance.mostrado == D("68.8")


# 2023: no hay cifras publicadas; expectativas calculadas a mano desde la transcripción.
#   IOP.01.02 desc: 28.00 / 36.97 = 75.737…           → OP.01 = 75.7 (IOP.01.01 ND)
#   IOP.02.01: 50.20 / 45 = 111.555…; IOP.02.02: 1.32 / 35 = 3.771…  → OP.02 = 57.663… → 57.7
#   IOP.03.01: 11.40 / 40 = 28.5 (IOP.03.02 ND)        → OP.03 = 28.5
#   IOP.04.01: 4.44 / 6 = 74.0; IOP.04.03: 31.41 / 60 = 52.35 (IOP.04.02 ND) → OP.04 = 63.175 → 63.2
#   IOP.05.01: 25 / 25 = 100 (IOP.05.02 ND)            → OP.05 = 100.0
#   IOP.06.01 y IOP.06.02 sin logro esperado 2023      → OP.06 = ND
#   Índice = (75.737… + 57.663… + 28.5 + 63.175 + 100) / 5 = 65.015… → 65.0, 5 de 6 OP con dato.
ESPERADO_2023_OP = {"OP.01": 75.7, "OP.02": 57.7, "OP.03": 28.5, "OP.04": 63.2, "OP.05": 100.0,
                    "OP.06": None}


def test_2023_objetivos_e_indice(runner):
    resultado = runner.invoke(app, ["avance", "2023", "-f", "json"])
    assert resultado.exit_code == 0, resultado.output
    doc = json.loads(resultado.stdout)
    assert doc["anio"] == 2023
    assert {o["codigo"]: o["avance"] for o in doc["objetivos"]} == ESPERADO_2023_OP
    assert doc["indice_gestion"] == {"avance": 65.0, "franja": "0-75", "con_dato": 5, "total": 6}
    assert doc["resumen"]["objetivos"] == {"0-75": 3, "75-95": 1, "95+": 1, "ND": 1}


@pytest.mark.parametrize(
    "codigo, avance, franja",
    [
        ("IOP.01.02", 75.7, "75-95"),
        ("IOP.04.01", 74.0, "0-75"),
        ("ISS.04.05.04.01", 133.3, "95+"),  # 0.04 / 0.03
        ("ISS.02.03.01.01", 115.4, "95+"),  # 75 / 65
        ("ISS.04.05.01.01", 41.5, "0-75"),  # 34 / 82 = 41.46…
        ("ISS.01.05.01.01", None, "ND"),  # sin logro esperado 2023
        ("ISS.02.02.01.01", 100.0, "95+"),  # 0 y 0
    ],
)
def test_2023_indicadores(matriz, codigo, avance, franja):
    r = {x.codigo: x for x in calcular(matriz, 2023).indicadores}[codigo]
    mostrado = redondear(r.avance.valor, PERFILES["politica"])
    assert (None if mostrado is None else float(mostrado)) == avance
    assert r.franja.value == franja
