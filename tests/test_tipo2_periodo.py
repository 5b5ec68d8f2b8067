"""Avance Tipo II (metodología, sección 5) y avance de un periodo según la acumulación (sección 4),
con ejemplos hechos a mano en ambos sentidos y para ambos tipos de acumulación."""

from __future__ import annotations

import json
from decimal import Decimal as D
from fractions import Fraction

import pytest

from penitencia_cli.cli import app
from penitencia_cli.lectura import leer_libro
from penitencia_cli.modelos import Acumulacion, Indicador, Sentido
from penitencia_cli.reglas.avance import TipoAvance, avance_periodo, avance_tipo2, medir
from penitencia_cli.reglas.franjas import franja_de, redondear
from penitencia_cli.reglas.metodologia import PERFILES, Franja

from conftest import MUESTRA, calcular, hojas_minimas

TIPO_II = TipoAvance.II
POLITICA = PERFILES["politica"]

ASC, DESC = Sentido.ASCENDENTE, Sentido.DESCENDENTE
ACUM, FLUJO = Acumulacion.ACUMULADO, Acumulacion.NO_ACUMULADO


def ind(sentido=ASC, acumulacion=FLUJO, lb=None, le=None, vo=None) -> Indicador:
    return Indicador(
        codigo="IOP.01.01", nivel="IOP", pertenece_a="OP.01", sentido=sentido,
        acumulacion=acumulacion, lb_valor=None if lb is None else D(str(lb)),
        logros_esperados={a: None if v is None else D(str(v)) for a, v in (le or {}).items()},
        valores_obtenidos={a: None if v is None else D(str(v)) for a, v in (vo or {}).items()},
    )


def cerca(valor: D | None, esperado) -> bool:
    """El Decimal calculado (28 cifras) coincide con la fracción exacta hecha a mano."""
    return valor is not None and abs(Fraction(valor) - Fraction(esperado)) < Fraction(1, 10**20)


# --- Tipo II ------------------------------------------------------------------------------------


def test_tipo2_ascendente():
    # (VO − LB)/(LE − LB) × 100 = (30 − 10)/(40 − 10) × 100 = 200/3
    av = avance_tipo2(ASC, D(10), D(40), D(30))
    assert cerca(av.valor, Fraction(200, 3))
    assert redondear(av.valor, POLITICA) == D("66.7") and av.observaciones == ()


def test_tipo2_descendente():
    # (LB − VO)/(LB − LE) × 100 = (40 − 20)/(40 − 25) × 100 = 400/3: superó lo planificado
    av = avance_tipo2(DESC, D(40), D(25), D(20))
    assert cerca(av.valor, Fraction(400, 3))
    assert redondear(av.valor, POLITICA) == D("133.3")


def test_tipo2_descendente_que_empeora_es_negativo():
    # IOP.01.02 en 2024: LB 36.5, LE 26, VO 37.85 → (36.5 − 37.85)/(36.5 − 26) = −1.35/10.5
    av = avance_tipo2(DESC, D("36.5"), D(26), D("37.85"))
    assert cerca(av.valor, Fraction(-135, 1050) * 100)
    assert redondear(av.valor, POLITICA) == D("-12.9")
    assert franja_de(av.valor, POLITICA) is Franja.BAJA


def test_tipo2_sin_cambio_desde_la_base_es_cero():
    assert avance_tipo2(ASC, D(10), D(40), D(10)).valor == 0


def test_tipo2_nd_si_le_igual_a_lb():
    av = avance_tipo2(ASC, D(100), D(100), D(100))
    assert av.valor is None
    assert "igual a la línea de base" in av.observaciones[0]


@pytest.mark.parametrize(
    "lb, le, vo, falta",
    [
        (None, D(40), D(30), "sin línea de base."),
        (D(10), None, D(30), "sin logro esperado."),
        (D(10), D(40), None, "sin valor obtenido."),
        (None, None, None, "sin línea de base, logro esperado ni valor obtenido."),
    ],
)
def test_tipo2_nd_con_motivo(lb, le, vo, falta):
    av = avance_tipo2(ASC, lb, le, vo)
    assert av.valor is None
    assert av.observaciones == (f"Avance Tipo II ND: {falta}",)


def test_tipo2_agrega_op_e_indice_con_las_mismas_medias(libro):
    # Libro mínimo, 2024: IOP.01.01 (30−10)/(40−10) = 200/3; IOP.01.02 (40−20)/(40−25) = 400/3;
    # OP.01 = media = 100; OP.02 (sin línea de base) ND; índice = 100 (1 de 2 OP con dato).
    matriz = leer_libro(libro())
    r = calcular(matriz, 2024, tipo=TIPO_II)
    por_codigo = {x.codigo: x for x in r.indicadores}
    assert cerca(por_codigo["IOP.01.01"].avance.valor, Fraction(200, 3))
    assert cerca(por_codigo["IOP.01.02"].avance.valor, Fraction(400, 3))
    assert cerca(por_codigo["ISS.01.01.01.01"].avance.valor, 140)  # (12−5)/(10−5)
    op1, op2 = r.objetivos
    assert cerca(op1.valor, 100) and op1.con_dato == 2
    assert op2.valor is None
    assert cerca(r.indice.valor, 100) and (r.indice.con_dato, r.indice.total) == (1, 2)
    assert r.tipo == TIPO_II


def test_tipo2_no_compara_con_el_avance_publicado():
    # El avance publicado es Tipo I: con Tipo II no debe aparecer la nota de diferencia.
    r = calcular(leer_libro(MUESTRA), 2024, tipo=TIPO_II)
    alfab = next(x for x in r.indicadores if x.codigo == "ISS.04.05.01.01")
    assert not any("publicado" in o for o in alfab.observaciones)


# --- Periodo ------------------------------------------------------------------------------------


def test_periodo_no_acumulado_ascendente_suma_los_anios_con_ambos_valores():
    i = ind(ASC, FLUJO, le={2021: 10, 2022: 20, 2023: None, 2024: 30},
            vo={2021: 8, 2022: None, 2023: 5, 2024: 27})
    m = avance_periodo(i, 2021, 2024)
    # Años con LE y VO: 2021 y 2024 → ΣVO/ΣLE = (8 + 27)/(10 + 30) = 35/40
    assert (m.le, m.vo) == (D(40), D(35))
    assert cerca(m.avance.valor, Fraction(175, 2))
    assert m.usados == (2021, 2024) and m.excluidos == (2022, 2023)
    assert any("2022, 2023" in o for o in m.avance.observaciones)


def test_periodo_no_acumulado_descendente_invierte_el_cociente():
    i = ind(DESC, FLUJO, le={2022: 30, 2023: 25}, vo={2022: 35, 2023: 30})
    m = avance_periodo(i, 2022, 2023)
    # ΣLE/ΣVO = 55/65
    assert cerca(m.avance.valor, Fraction(5500, 65))
    assert redondear(m.avance.valor, POLITICA) == D("84.6")
    assert m.excluidos == ()


def test_periodo_acumulado_ascendente_lee_el_ultimo_anio():
    i = ind(ASC, ACUM, le={2022: 20, 2023: 40}, vo={2022: 25, 2023: 30})
    m = avance_periodo(i, 2022, 2023)
    # Stock: 30/40 = 75 (no (25+30)/(20+40))
    assert cerca(m.avance.valor, 75)
    assert (m.le, m.vo, m.usados) == (D(40), D(30), (2023,))


def test_periodo_acumulado_descendente_lee_el_ultimo_anio():
    i = ind(DESC, ACUM, le={2022: 30, 2023: 20}, vo={2022: 10, 2023: 25})
    assert cerca(avance_periodo(i, 2022, 2023).avance.valor, 80)  # 20/25


def test_periodo_acumulado_sin_dato_en_el_ultimo_anio_es_nd():
    i = ind(ASC, ACUM, le={2022: 20, 2023: 40}, vo={2022: 25, 2023: None})
    m = avance_periodo(i, 2022, 2023)
    assert m.avance.valor is None and m.excluidos == (2023,)
    assert any("último año (2023)" in o for o in m.avance.observaciones)


def test_periodo_no_acumulado_sin_ningun_anio_completo_es_nd():
    i = ind(ASC, FLUJO, le={2022: 20, 2023: None}, vo={2022: None, 2023: 5})
    m = avance_periodo(i, 2022, 2023)
    assert m.avance.valor is None and m.usados == ()
    assert any("Ningún año" in o for o in m.avance.observaciones)


@pytest.mark.parametrize(
    "sentido, le, vo, nota",
    [
        (ASC, {2022: 0, 2023: 0}, {2022: 0, 2023: 0}, None),
        (ASC, {2022: 0, 2023: 0}, {2022: 1, 2023: 0}, "meta cero superada"),
        (DESC, {2022: 3, 2023: 2}, {2022: 0, 2023: 0}, "valor obtenido cero"),
    ],
)
def test_periodo_aplica_las_reglas_de_cero_del_tipo1(sentido, le, vo, nota):
    m = avance_periodo(ind(sentido, FLUJO, le=le, vo=vo), 2022, 2023)
    assert m.avance.valor == 100
    assert (nota in m.avance.observaciones) if nota else m.avance.observaciones == ()


def test_periodo_con_un_valor_negativo_es_nd():
    m = avance_periodo(ind(ASC, FLUJO, le={2022: 5, 2023: 5}, vo={2022: -2, 2023: 9}), 2022, 2023)
    assert m.avance.valor is None
    assert any("negativo (año 2022)" in o for o in m.avance.observaciones)


def test_periodo_tipo2_no_acumulado_usa_la_base_de_cada_anio():
    # Ascendente: Σ(VO − LB)/Σ(LE − LB) = ((15−10) + (25−10)) / ((20−10) + (30−10)) = 20/30
    i = ind(ASC, FLUJO, lb=10, le={2023: 20, 2024: 30}, vo={2023: 15, 2024: 25})
    assert cerca(avance_periodo(i, 2023, 2024, tipo=TIPO_II).avance.valor, Fraction(200, 3))
    # Descendente: Σ(LB − VO)/Σ(LB − LE) = ((50−45) + (50−40)) / ((50−40) + (50−30)) = 15/30
    i = ind(DESC, FLUJO, lb=50, le={2023: 40, 2024: 30}, vo={2023: 45, 2024: 40})
    assert cerca(avance_periodo(i, 2023, 2024, tipo=TIPO_II).avance.valor, 50)


def test_periodo_tipo2_acumulado_y_motivo_sin_linea_de_base():
    i = ind(ASC, ACUM, lb=10, le={2023: 20, 2024: 30}, vo={2023: 15, 2024: 25})
    assert cerca(avance_periodo(i, 2023, 2024, tipo=TIPO_II).avance.valor, 75)  # 15/20
    sin_lb = ind(ASC, FLUJO, le={2023: 20}, vo={2023: 15})
    m = avance_periodo(sin_lb, 2023, 2023, tipo=TIPO_II)
    assert m.avance.valor is None
    assert "Avance Tipo II ND: sin línea de base." in m.avance.observaciones


def test_periodo_de_un_anio_coincide_con_el_anio():
    i = ind(DESC, FLUJO, le={2024: 26}, vo={2024: D("37.85")})
    assert (avance_periodo(i, 2024, 2024).avance.valor
            == medir(i, 2024, POLITICA).avance.valor)


# --- CLI: --tipo y --desde ----------------------------------------------------------------------


def test_cli_tipo2_json_conserva_el_contrato_tipo1(runner):
    res = runner.invoke(app, ["avance", "2024", "--tipo", "2", "--formato", "json"])
    assert res.exit_code == 0, res.output
    doc = json.loads(res.stdout)
    assert doc["indice_gestion"]["avance"] == 69.0  # las claves del contrato siguen siendo Tipo I
    t2 = doc["tipo2"]
    op1 = next(o for o in t2["objetivos"] if o["codigo"] == "OP.01")
    assert op1["avance"] == -12.9  # IOP.01.02: (36.5 − 37.85)/(36.5 − 26)
    alim = next(x for x in t2["indicadores"] if x["codigo"] == "ISS.02.01.01.01")
    assert alim["avance"] is None and "igual a la línea de base" in alim["observaciones"][0]


def test_cli_tipo_ambos_tabla_muestra_los_dos_indices(runner):
    res = runner.invoke(app, ["avance", "2024", "--tipo", "ambos"])
    assert res.exit_code == 0, res.output
    assert "Índice de gestión de la política nacional: 69.0" in res.stdout
    assert "Índice de gestión, avance Tipo II:" in res.stdout
    assert "Avance Tipo II ND:" in res.stdout


def test_cli_tipo_invalido(runner):
    res = runner.invoke(app, ["avance", "2024", "--tipo", "3"])
    assert res.exit_code == 2


def test_cli_desde_en_la_muestra(runner):
    res = runner.invoke(app, ["avance", "2024", "--desde", "2020", "-f", "json"])
    assert res.exit_code == 0, res.output
    doc = json.loads(res.stdout)
    assert doc["periodo"] == {"desde": 2020, "hasta": 2024}
    ind_ = {x["codigo"]: x for x in doc["indicadores"]}
    # IOP.01.02 (descendente, no acumulado): ΣLE/ΣVO 2020-2024
    le = Fraction(33 + 30 + 29 + 28 + 26)
    vo = Fraction("34") + Fraction("37.1") + Fraction("37.9") + Fraction("36.97") + Fraction("37.85")
    assert float(le / vo * 100) == pytest.approx(79.4255, abs=1e-4)
    assert ind_["IOP.01.02"]["avance"] == 79.4
    # ISS.01.05.01.01 (no acumulado): sin logro esperado desde 2022 → 2022-2024 excluidos
    iss = ind_["ISS.01.05.01.01"]
    assert iss["anios_usados"] == [2020, 2021] and iss["anios_excluidos"] == [2022, 2023, 2024]
    assert iss["avance"] == 84.8  # (5937 + 6182)/(6822 + 7473)
    # IOP.02.01 (acumulado): el avance del periodo es el de 2024
    assert ind_["IOP.02.01"]["avance"] == 125.7


def test_cli_desde_en_tabla_informa_periodo_y_excluidos(runner):
    res = runner.invoke(app, ["avance", "2024", "--desde", "2020"])
    assert res.exit_code == 0
    assert "2020-2024" in res.stdout
    assert "excluidos del periodo" in res.stdout


@pytest.mark.parametrize("desde, mensaje", [("2025", "posterior"), ("2010", "2010")])
def test_cli_desde_invalido(runner, desde, mensaje):
    res = runner.invoke(app, ["avance", "2024", "--desde", desde])
    assert res.exit_code == 2
    assert mensaje in res.stderr


def test_cli_periodo_en_libro_propio(runner, libro):
    hojas = hojas_minimas()
    ruta = libro(hojas)
    res = runner.invoke(app, ["avance", "2024", "--desde", "2023", "-a", str(ruta), "-f", "json"])
    assert res.exit_code == 0, res.output
    ind_ = {x["codigo"]: x for x in json.loads(res.stdout)["indicadores"]}
    assert ind_["IOP.01.01"]["avance"] == 75.0          # acumulado: 30/40 en 2024
    assert ind_["IOP.01.02"]["avance"] == 100.0         # descendente: (30+25)/(35+20)
    assert ind_["IOP.01.02"]["logro_esperado"] == 55
