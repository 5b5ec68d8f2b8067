"""``penitencia validar`` y las observaciones de calidad de datos (metodología, sección 7)."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from conftest import MUESTRA, hojas_minimas, preparada
from penitencia_cli.cli import app
from penitencia_cli.lectura import leer_libro
from penitencia_cli.errores import Severidad
from penitencia_cli.reglas.consulta import revisar
from penitencia_cli.reglas.metodologia import PERFILES

ANCHO = {"COLUMNS": "200"}


def obs(ruta) -> list[tuple[str | None, str | None, str | None, str]]:
    """Lo que ``validar`` informa de un libro legible (notas del lector, calidad de los datos,
    avance publicado)."""
    return [(p.hoja, p.celda, p.codigo, p.mensaje) for p in revisar(preparada(leer_libro(ruta)))]


def test_libro_minimo_sin_observaciones(libro):
    assert obs(libro()) == []


def test_sentido_contra_la_tendencia_de_las_metas(libro):
    hojas = hojas_minimas()
    hojas["Logros esperados"][1][1:] = [40, 20]   # IOP.01.01 ascendente con metas que bajan
    (p,) = obs(libro(hojas))
    assert p[:3] == ("Indicadores", "A2", "IOP.01.01")
    assert "Ascendente" in p[3] and "bajan de 40 (2023) a 20 (2024)" in p[3]


def test_porcentaje_fuera_de_rango(libro):
    hojas = hojas_minimas()
    hojas["Valores obtenidos"][2][2] = 120      # IOP.01.02, Porcentaje
    hojas["Valores obtenidos"][3][2] = 120      # ISS, Número: no se observa
    (p,) = obs(libro(hojas))
    assert p[:3] == ("Valores obtenidos", "C3", "IOP.01.02")
    assert "fuera de 0-100" in p[3]


def test_escala_de_porcentaje_mezclada(libro):
    hojas = hojas_minimas()
    hojas["Valores obtenidos"][1][1] = 0.15      # 15% escrito como fracción sin formato
    (p,) = obs(libro(hojas))
    assert p[:3] == ("Valores obtenidos", "B2", "IOP.01.01")
    assert "Escala de porcentaje mezclada" in p[3]
    # con formato de porcentaje se lee 15: sin observación
    hojas["Valores obtenidos"][1][1] = (0.15, "0%")
    assert obs(libro(hojas, "con_formato.xlsx")) == []


def test_escala_mezclada_respeta_el_umbral(libro):
    """Un dato real bajo frente a su meta (0.2 con meta 5, como IOP.06.02) no se observa."""
    assert PERFILES["politica"].razon_escala_porcentaje == Decimal(50)
    hojas = hojas_minimas()
    hojas["Logros esperados"][1][1:] = [5, 5]
    hojas["Valores obtenidos"][1][1:] = [0.2, 6]
    assert obs(libro(hojas)) == []


def test_un_valor_mil_veces_menor_que_su_serie(libro):
    """Una serie de conteos 5,940, 6,000... con un 6.182 (un texto «6.182» cuyo punto agrupaba
    miles, leído como decimal): observación en su celda, con el resto de la serie."""
    hojas = hojas_minimas()
    hojas["Logros esperados"][3][1:] = [6000, 6000]        # ISS.01.01.01.01, Número
    hojas["Valores obtenidos"][3][1:] = [5940, 6.182]
    (p,) = obs(libro(hojas))
    assert p[:3] == ("Valores obtenidos", "C4", "ISS.01.01.01.01")
    assert p[3].startswith("Fuera de escala: el valor obtenido 2024 es 6.182, unas 960 veces "
                           "menor que el resto de su serie (5940 a 6000).")


def test_un_valor_mil_veces_mayor_que_su_serie(libro):
    """El espejo: 6182 entre valores de 5.94 a 6 (una coma decimal tomada por separador de
    miles). Se señala el grupo más pequeño, en la celda del logro esperado si es él."""
    hojas = hojas_minimas()
    hojas["Logros esperados"][3][1:] = [6, 6182]
    hojas["Valores obtenidos"][3][1:] = [Decimal("5.94"), 6]
    (p,) = obs(libro(hojas))
    assert p[:3] == ("Logros esperados", "C4", "ISS.01.01.01.01")
    assert "es 6182, unas 1000 veces mayor que el resto de su serie (5.94 a 6)" in p[3]


@pytest.mark.parametrize("le, vo", [
    ([10, 100], [1000, 10000]),    # crece diez veces por año: ningún salto llega a 500
    ([1, 400], [1, 400]),          # 400 veces: por debajo de la razón de 500
    ([0, 6000], [0, 5940]),        # los ceros no cuentan (no tienen escala)
])
def test_series_sin_valores_fuera_de_escala(libro, le, vo):
    assert PERFILES["politica"].razon_escala == Decimal(500)
    hojas = hojas_minimas()
    hojas["Logros esperados"][3][1:] = le
    hojas["Valores obtenidos"][3][1:] = vo
    assert obs(libro(hojas)) == []


def test_le_sin_vo_y_al_reves(libro):
    hojas = hojas_minimas()
    hojas["Logros esperados"][3][1] = "ND"       # ISS 2023: hay VO (8), no LE
    hojas["Valores obtenidos"][2][2] = "ND"      # IOP.01.02 2024: hay LE (25), no VO
    hojas["Logros esperados"][0].append(2025)    # metas futuras: sin VO todavía, una sola nota
    hojas["Logros esperados"][1].append(50)
    hojas["Logros esperados"][2].append(20)
    res = obs(libro(hojas))
    assert [r[:3] for r in res] == [("Valores obtenidos", "C3", "IOP.01.02"),
                                    ("Logros esperados", "B4", "ISS.01.01.01.01"),
                                    ("Valores obtenidos", None, None)]
    assert "Hay logro esperado 2024 (25) pero no valor obtenido" in res[0][3]
    assert "Hay valor obtenido 2023 (8) pero no logro esperado" in res[1][3]
    assert res[2][3].startswith("2025 aún no tiene valores obtenidos")


def test_avance_publicado_distinto(libro):
    hojas = hojas_minimas()
    hojas["Avance publicado"] = [["codigo", 2024], ["IOP.01.01", 75.04], ["IOP.01.02", 124.9],
                                 ["OP.01", 100], ["INDICE", 99]]
    res = obs(libro(hojas))
    assert [r[:3] for r in res] == [("Avance publicado", "B3", "IOP.01.02"),
                                    ("Avance publicado", "B5", "INDICE")]
    assert "difiere del calculado (125.0)" in res[0][3]


def test_muestra_valida_con_la_observacion_del_reporte(runner):
    r = runner.invoke(app, ["validar", str(MUESTRA), "--formato", "json"], env=ANCHO)
    assert r.exit_code == 0
    doc = json.loads(r.stdout)
    assert set(doc) == {"archivo", "errores", "observaciones", "problemas"}
    assert doc["errores"] == 0 and doc["observaciones"] == len(doc["problemas"]) > 0
    for p in doc["problemas"]:
        assert set(p) == {"severidad", "hoja", "celda", "codigo", "mensaje"}
    publicados = [p for p in doc["problemas"] if p["hoja"] == "Avance publicado"]
    assert [(p["codigo"], p["celda"]) for p in publicados] == [("ISS.04.05.01.01", "B35")]
    assert "(27.9) difiere del calculado (28.2)" in publicados[0]["mensaje"]
    # la tabla muestra los mismos problemas
    t = runner.invoke(app, ["validar", str(MUESTRA)], env=ANCHO)
    assert t.exit_code == 0
    assert "Avance publicado!B35" in t.output
    assert f"0 error(es), {doc['observaciones']} observación(es)" in t.output


def test_json_y_tabla_salen_de_los_mismos_problemas(runner, libro):
    hojas = hojas_minimas()
    hojas["Indicadores"][1][6] = "Creciente"
    hojas["Valores obtenidos"][2][2] = 120
    ruta = libro(hojas)
    r = runner.invoke(app, ["validar", str(ruta), "-f", "json"], env=ANCHO)
    assert r.exit_code == 1
    doc = json.loads(r.stdout)
    assert doc["errores"] == 1
    error, observacion = doc["problemas"]  # con errores, las observaciones siguen listándose
    assert (error["severidad"], error["hoja"], error["celda"], error["codigo"]) == (
        Severidad.ERROR.value, "Indicadores", "G2", "IOP.01.01")
    assert (observacion["severidad"], observacion["hoja"], observacion["celda"]) == (
        Severidad.OBSERVACION.value, "Valores obtenidos", "C3")
    assert "120, fuera de 0-100" in observacion["mensaje"]
    t = runner.invoke(app, ["validar", str(ruta)], env=ANCHO)
    assert t.exit_code == 1 and "Indicadores!G2" in t.output and "Valores obtenidos!C3" in t.output
    assert "1 error(es), 1 observación(es)" in t.output


def test_validar_sin_problemas(runner, libro):
    r = runner.invoke(app, ["validar", str(libro())], env=ANCHO)
    assert r.exit_code == 0 and "sin errores ni observaciones" in r.output
