"""Reglas de las secciones 1-3 de la metodología, probadas directamente sobre el motor."""

from decimal import Decimal as D

import pytest

from penitencia_cli.modelos import Acumulacion, Elemento, Ficha, Indicador, Matriz, Sentido
from penitencia_cli.reglas.agregados import media, objetivo_de
from penitencia_cli.reglas.avance import avance_tipo1
from penitencia_cli.reglas.franjas import contar_franjas, franja_de, redondear
from penitencia_cli.reglas.metodologia import PERFILES, Franja

from conftest import calcular

POLITICA = PERFILES["politica"]

ASC, DESC = Sentido.ASCENDENTE, Sentido.DESCENDENTE


# --- Sección 1: Avance Tipo I -----------------------------------------------------------------


def test_ascendente_es_vo_entre_le():
    assert avance_tipo1(ASC, D("8.00"), D("5.50")).valor == D("68.75")


def test_descendente_es_le_entre_vo():
    # IOP.01.02 del reporte: 26.00 / 37.85 × 100 = 68.69...
    av = avance_tipo1(DESC, D("26.00"), D("37.85"))
    assert av.valor == D("26.00") / D("37.85") * 100
    assert redondear(av.valor, POLITICA) == D("68.7")


@pytest.mark.parametrize("le, vo", [(None, D(5)), (D(5), None), (None, None)])
@pytest.mark.parametrize("sentido", [ASC, DESC])
def test_nd_si_falta_le_o_vo(sentido, le, vo):
    av = avance_tipo1(sentido, le, vo)
    assert av.valor is None
    assert franja_de(av.valor, POLITICA) is Franja.ND
    assert av.observaciones  # explica qué falta


@pytest.mark.parametrize("sentido", [ASC, DESC])
def test_le_y_vo_cero_da_cien(sentido):
    av = avance_tipo1(sentido, D(0), D(0))
    assert av.valor == 100
    assert av.observaciones == ()


def test_ascendente_meta_cero_superada():
    av = avance_tipo1(ASC, D(0), D(3))
    assert av.valor == 100
    assert av.observaciones == ("meta cero superada",)


def test_ascendente_vo_cero_con_meta_positiva_es_cero():
    assert avance_tipo1(ASC, D(10), D(0)).valor == 0


def test_descendente_valor_obtenido_cero():
    av = avance_tipo1(DESC, D(5), D(0))
    assert av.valor == 100
    assert av.observaciones == ("valor obtenido cero",)


def test_descendente_meta_cero_con_vo_positivo_es_cero():
    assert avance_tipo1(DESC, D(0), D(4)).valor == 0


def test_sin_tope():
    # ISS.04.05.04.01: 0.50 / 0.03 → 1666.7; ISS.06.01.01.01: 8.40 / 0.87 → 965.5
    assert redondear(avance_tipo1(ASC, D("0.03"), D("0.50")).valor, POLITICA) == D("1666.7")
    assert redondear(avance_tipo1(ASC, D("0.87"), D("8.40")).valor, POLITICA) == D("965.5")


@pytest.mark.parametrize("le, vo", [(D(-5), D(3)), (D(5), D(-3)), (D(-5), D(-3))])
@pytest.mark.parametrize("sentido", [ASC, DESC])
def test_negativo_en_el_cociente_es_nd_con_observacion(sentido, le, vo):
    av = avance_tipo1(sentido, le, vo)
    assert av.valor is None
    assert any("negativo" in o for o in av.observaciones)


# --- Sección 3: redondeo y franjas ------------------------------------------------------------


@pytest.mark.parametrize(
    "exacto, mostrado",
    [
        (D("68.75"), D("68.8")),  # mitad hacia arriba (no al par)
        (D("68.65"), D("68.7")),
        (D("68.749999"), D("68.7")),
        (D("5.50") / D("8.00") * 100, D("68.8")),
        (D("94.95"), D("95.0")),
        (D("0.05"), D("0.1")),
        (D("1666.666"), D("1666.7")),
    ],
)
def test_redondeo_mitad_hacia_arriba(exacto, mostrado):
    assert redondear(exacto, POLITICA) == mostrado
    assert str(redondear(exacto, POLITICA)) == str(mostrado)


def test_redondear_nd():
    assert redondear(None, POLITICA) is None


@pytest.mark.parametrize(
    "valor, franja",
    [
        (D("0"), Franja.BAJA),
        (D("74.94"), Franja.BAJA),
        (D("74.95"), Franja.MEDIA),  # se muestra 75.0
        (D("75"), Franja.MEDIA),
        (D("94.94"), Franja.MEDIA),
        (D("94.95"), Franja.ALTA),  # se muestra 95.0: nunca 95.0 en [75-95%>
        (D("95"), Franja.ALTA),
        (D("1666.7"), Franja.ALTA),
        (None, Franja.ND),
    ],
)
def test_franja_sobre_el_valor_mostrado(valor, franja):
    assert franja_de(valor, POLITICA) is franja


def test_umbrales_en_un_solo_lugar():
    assert POLITICA.umbral_media == 75
    assert POLITICA.umbral_alta == 95
    assert [POLITICA.etiquetas[f] for f in Franja] == ["[0-75%>", "[75-95%>", "≥95%", "ND"]
    assert [POLITICA.colores[f] for f in Franja] == ["rojo", "ámbar", "verde", "gris"]


def test_contar_franjas():
    cuenta = contar_franjas([D(10), D(80), D(99), None, D("94.96"), D("74.9")], POLITICA)
    assert cuenta == {Franja.BAJA: 2, Franja.MEDIA: 1, Franja.ALTA: 2, Franja.ND: 1}


# --- Sección 2: agregación --------------------------------------------------------------------


def test_media_ignora_nd():
    assert media([None, D("68.69")]) == D("68.69")
    assert media([D(1), D(2), None]) == D("1.5")


def test_media_todo_nd_es_nd():
    assert media([None, None]) is None
    assert media([]) is None


def _ind(codigo, nivel, pertenece_a, le, vo, sentido=ASC, anio=2024):
    return Indicador(
        codigo=codigo, nivel=nivel, pertenece_a=pertenece_a, nombre=codigo, sentido=sentido,
        acumulacion=Acumulacion.ACUMULADO,
        logros_esperados={anio: le}, valores_obtenidos={anio: vo},
    )


def _matriz(indicadores):
    return Matriz(
        ficha=Ficha(nombre="Prueba"),
        estructura=[
            Elemento(nivel="OP", codigo="OP.01", enunciado="Uno"),
            Elemento(nivel="LN", codigo="LN.01.01", padre="OP.01"),
            Elemento(nivel="SS", codigo="SS.01.01.01", padre="LN.01.01"),
            Elemento(nivel="OP", codigo="OP.02", enunciado="Dos"),
            Elemento(nivel="OP", codigo="OP.03", enunciado="Tres, sin indicadores"),
        ],
        indicadores=indicadores,
    )


def test_op_es_media_de_sus_iop_con_dato_e_iss_no_cuenta():
    m = _matriz([
        _ind("IOP.01.01", "IOP", "OP.01", None, None),
        _ind("IOP.01.02", "IOP", "OP.01", D("26.00"), D("37.85"), DESC),
        _ind("IOP.01.03", "IOP", "OP.01", D(10), D(5)),
        _ind("ISS.01.01.01.01", "ISS", "SS.01.01.01", D(1), D(1000)),
        _ind("IOP.02.01", "IOP", "OP.02", D(10), None),
    ])
    r = calcular(m, 2024)
    op1, op2, op3 = r.objetivos
    assert op1.valor == (D("26.00") / D("37.85") * 100 + 50) / 2
    assert (op1.con_dato, op1.total) == (2, 3)
    assert op1.cobertura == "2 de 3 indicadores con dato"
    assert op2.valor is None and (op2.con_dato, op2.total) == (0, 1)
    assert op3.valor is None and (op3.con_dato, op3.total) == (0, 0)
    # Índice: media de los OP con dato (sólo OP.01); el ISS (100000%) no entra.
    assert r.indice.valor == op1.valor
    assert (r.indice.con_dato, r.indice.total) == (1, 3)
    assert r.resumen["indicadores_servicio"][Franja.ALTA] == 1
    assert r.resumen["objetivos"] == {Franja.BAJA: 1, Franja.MEDIA: 0, Franja.ALTA: 0,
                                      Franja.ND: 2}


def test_indicador_de_servicio_se_reduce_a_su_op():
    m = _matriz([_ind("ISS.01.01.01.01", "ISS", "SS.01.01.01", D(1), D(1))])
    assert objetivo_de(m)["SS.01.01.01"] == "OP.01"
    assert calcular(m, 2024).indicadores[0].objetivo == "OP.01"


def test_sin_redondeo_intermedio():
    # OP.01 = 0.06 y OP.02 = 0.02: la media exacta 0.04 se muestra 0.0; redondeando antes
    # (0.1 y 0.0) se mostraría 0.1.
    m = _matriz([
        _ind("IOP.01.01", "IOP", "OP.01", D(100), D("0.06")),
        _ind("IOP.02.01", "IOP", "OP.02", D(100), D("0.02")),
    ])
    r = calcular(m, 2024)
    assert r.indice.valor == D("0.04")
    assert redondear(r.indice.valor, POLITICA) == D("0.0")


def test_tope_opcional_antes_de_agregar():
    m = _matriz([
        _ind("IOP.01.01", "IOP", "OP.01", D(10), D(30)),  # 300
        _ind("IOP.01.02", "IOP", "OP.01", D(10), D(5)),  # 50
    ])
    assert calcular(m, 2024).objetivos[0].valor == 175
    r = calcular(m, 2024, tope=D(100))
    assert r.objetivos[0].valor == 75
    assert r.indicadores[0].avance.valor == 300  # el indicador conserva su avance


def test_avance_publicado_distinto_da_observacion():
    m = _matriz([_ind("IOP.01.01", "IOP", "OP.01", D(85), D(24))])
    m.avance_publicado = {"IOP.01.01": {2024: D("27.9")}}
    obs = calcular(m, 2024).indicadores[0].observaciones
    assert any("27.9" in o and "28.2" in o for o in obs)
    m.avance_publicado = {"IOP.01.01": {2024: D("28.2")}}
    assert calcular(m, 2024).indicadores[0].observaciones == []


# --- Cómo se escribe un valor -------------------------------------------------------------------


@pytest.mark.parametrize("unidad, texto", [
    ("Porcentaje", "24%"), ("%", "24%"), ("Porcentaje (%)", "24%"), ("Tasa porcentual", "24%"),
    ("PORCENTAJE", "24%"), ("Número", "24"), (None, "24"), ("", "24"),
])
def test_la_unidad_en_porcentaje_es_una_sola_regla(unidad, texto):
    """La regla del contrato (``es_unidad_porcentaje``) decide también cómo se escribe el valor:
    una unidad «%» o «Porcentaje (%)» es un porcentaje para las observaciones de calidad y se
    escribe 24%, no 24."""
    from penitencia_cli.contrato import es_unidad_porcentaje
    from penitencia_cli.reglas.cifras import texto_valor

    assert texto_valor(D(24), unidad) == texto
    assert es_unidad_porcentaje(unidad) is texto.endswith("%")


def test_un_cero_con_signo_se_escribe_cero():
    from penitencia_cli.reglas.cifras import texto_valor

    assert texto_valor(D("-0.0")) == "0" and texto_valor(D("-0"), "Porcentaje") == "0%"
    assert texto_valor(D("-0.5")) == "-0.5"
