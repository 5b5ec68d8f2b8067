"""Alertas (metodología §6): la lista del reporte 2024 y los casos borde de cada grupo."""

from __future__ import annotations

import dataclasses
import json
from decimal import Decimal

import pytest

from penitencia_cli.cli import app
from penitencia_cli.lectura import leer_libro
from penitencia_cli.reglas.alertas import Alertas, GrupoAlerta, alertas_de, clave_grupo
from penitencia_cli.reglas.metodologia import PERFILES
from penitencia_cli.salida.redaccion import borrador_alertas, enumerar

from conftest import MUESTRA, calcular, hojas_minimas


def alertas(matriz, anio, perfil=None):
    return alertas_de(calcular(matriz, anio, perfil))


def _json(runner, *args):
    res = runner.invoke(app, ["alertas", *args, "--formato", "json"])
    assert res.exit_code == 0, res.output
    return json.loads(res.stdout)


def _codigos(doc, grupo):
    return [a["codigo"] for a in doc["alertas"] if a["grupo"] == grupo]


def test_muestra_2024_reproduce_las_alertas_del_reporte(runner):
    doc = _json(runner, "2024")
    assert doc["anio"] == 2024
    assert _codigos(doc, "sin_dato_op") == ["IOP.01.01", "IOP.03.02", "IOP.04.02", "IOP.05.02"]
    assert _codigos(doc, "sin_dato_servicio") == ["ISS.01.05.01.01", "ISS.04.01.02.01"]
    retroceso = set(_codigos(doc, "retroceso"))
    assert {"ISS.04.01.01.01", "ISS.04.01.03.01", "ISS.04.01.08.01", "ISS.04.05.01.01",
            "ISS.04.05.03.01"} <= retroceso
    # Como el reporte: de menor a mayor avance, y exactamente estos cuatro.
    limitados = [(a["codigo"], a["avance"]) for a in doc["alertas"]
                 if a["grupo"] == "avance_limitado"]
    assert limitados == [("IOP.06.02", 4.0), ("ISS.03.01.02.01", 16.9),
                         ("ISS.01.04.01.01", 18.1), ("IOP.03.01", 20.0)]
    assert doc["conteo"]["avance_limitado"] == 4
    assert {a["grupo"] for a in doc["alertas"]} == {clave_grupo(g, PERFILES["politica"])
                                                    for g in GrupoAlerta}


def test_retroceso_lleva_los_valores_del_reporte(runner):
    doc = _json(runner, "2024")
    alfa = next(a for a in doc["alertas"]
                if a["grupo"] == "retroceso" and a["codigo"] == "ISS.04.05.01.01")
    assert (alfa["valor_anterior"], alfa["anio_anterior"], alfa["valor_obtenido"]) == (34, 2023, 24)
    assert alfa["logro_esperado"] == 85
    assert "bajó de 34% en 2023 a 24% en 2024" in alfa["mensaje"]
    assert "alfabetización" in alfa["mensaje"]
    # Descendente: el valor obtenido subió (36.97 → 37.85) y eso es un retroceso.
    sin_sentencia = next(a for a in doc["alertas"] if a["codigo"] == "IOP.01.02")
    assert sin_sentencia["grupo"] == "retroceso"
    assert "subió de 36.97% en 2023 a 37.85% en 2024" in sin_sentencia["mensaje"]


def test_sin_dato_servicio_explica_que_falta(runner):
    doc = _json(runner, "2024")
    casos = next(a for a in doc["alertas"] if a["codigo"] == "ISS.01.05.01.01"
                 and a["grupo"] == "sin_dato_servicio")
    assert casos["logro_esperado"] is None and casos["valor_obtenido"] == 4948
    assert "sin logro esperado para 2024" in casos["mensaje"]


def test_umbral_configurable(runner):
    doc = _json(runner, "2024", "--umbral", "30")
    limitados = _codigos(doc, "avance_limitado")
    # 23.7 (ISS.04.01.04.01) y 28.2 (ISS.04.05.01.01) entran con umbral 30.
    assert limitados == ["IOP.06.02", "ISS.03.01.02.01", "ISS.01.04.01.01", "IOP.03.01",
                         "ISS.04.01.04.01", "ISS.04.05.01.01"]
    assert doc["umbral_avance_limitado"] == 30
    assert all(a["umbral"] == 30 for a in doc["alertas"] if a["grupo"] == "avance_limitado")


def test_umbral_con_coma_decimal_exacto(runner):
    """El umbral se lee como se escribió (coma o punto decimal), sin pasar por ``float``."""
    doc = _json(runner, "2024", "-u", "28,2")  # ISS.04.05.01.01 se muestra 28.2: entra
    assert "ISS.04.05.01.01" in _codigos(doc, "avance_limitado")
    assert "ISS.04.05.01.01" not in _codigos(_json(runner, "2024", "-u", "28.19"),
                                             "avance_limitado")
    limitado = next(a for a in doc["alertas"] if a["codigo"] == "ISS.04.05.01.01"
                    and a["grupo"] == "avance_limitado")
    assert limitado["mensaje"].endswith("igual o menor que el umbral de 28.2%.")


@pytest.mark.parametrize("opciones", [["alertas", "2024", "-u"], ["avance", "2024", "--tope"]])
@pytest.mark.parametrize("valor", ["1_0", "1e2", "nan", "inf", "٣", "1,5,3", "diez"])
def test_un_numero_que_no_es_cifras_se_rechaza(runner, opciones, valor):
    """``--umbral`` y ``--tope`` se leen igual: cifras, con signo y punto o coma decimal. Lo
    demás (1_0 sería 10 para Python; 1e2, 100) se rechaza antes de leer el libro."""
    res = runner.invoke(app, [*opciones, valor])
    assert res.exit_code == 2
    assert f"{valor!r} no es un número" in res.stderr, res.stderr


def test_umbral_negativo_es_error_de_uso(runner):
    res = runner.invoke(app, ["alertas", "2024", "--umbral", "-1"])
    assert res.exit_code == 2
    assert "umbral" in res.output


def _matriz(libro, vo_2023: dict, vo_2024: dict, le_2024: dict | None = None, anios=None):
    hojas = hojas_minimas()
    for nombre, cambios in (("Valores obtenidos", {2023: vo_2023, 2024: vo_2024}),
                            ("Logros esperados", {2024: le_2024 or {}})):
        filas = hojas[nombre]
        encabezado = filas[0]
        for anio, valores in cambios.items():
            col = encabezado.index(anio)
            for fila in filas[1:]:
                if fila[0] in valores:
                    fila[col] = valores[fila[0]]
    return leer_libro(libro(hojas))


def _por_grupo(lista, grupo):
    return [a.codigo for a in lista if a.grupo is grupo]


def test_retroceso_segun_sentido(libro):
    # IOP.01.01 ascendente 15 → 10 (empeora); IOP.01.02 descendente 35 → 40 (empeora);
    # ISS ascendente 8 → 12 (mejora).
    m = _matriz(libro, {}, {"IOP.01.01": 10, "IOP.01.02": 40})
    assert _por_grupo(alertas(m, 2024), GrupoAlerta.RETROCESO) == ["IOP.01.01", "IOP.01.02"]
    # Mejoras (ascendente sube, descendente baja) e igualdad no son retroceso.
    m = _matriz(libro, {}, {"IOP.01.01": 15, "IOP.01.02": 20})
    assert _por_grupo(alertas(m, 2024), GrupoAlerta.RETROCESO) == []


def test_retroceso_con_t_menos_1_nd_usa_el_ultimo_anio_con_dato(libro):
    hojas = hojas_minimas()
    for nombre in ("Logros esperados", "Valores obtenidos"):
        for fila in hojas[nombre]:
            fila.insert(1, 2022 if fila[0] == "codigo" else 50)
    vo = hojas["Valores obtenidos"]
    fila = next(f for f in vo if f[0] == "IOP.01.01")
    fila[1:] = [50, "ND", 30]  # 2022: 50, 2023: ND, 2024: 30
    m = leer_libro(libro(hojas))
    lista = [a for a in alertas(m, 2024) if a.grupo is GrupoAlerta.RETROCESO]
    assert [a.codigo for a in lista] == ["IOP.01.01"]
    assert lista[0].anio_anterior == 2022 and lista[0].valor_anterior == 50
    assert "en 2022 (2023 sin dato)" in lista[0].mensaje
    # La decisión vive en el perfil: con la otra opción el indicador se omite.
    estricta = dataclasses.replace(PERFILES["politica"], retroceso_anio_con_dato=False)
    assert _por_grupo(alertas(m, 2024, estricta), GrupoAlerta.RETROCESO) == []


@pytest.mark.parametrize("vo, entra", [("20.04", True), ("20.05", False), ("19.96", True),
                                       ("0", True)])
def test_avance_limitado_sobre_el_valor_mostrado(libro, vo, entra):
    # LE 100: el avance es el VO. 20.04 se muestra 20.0 (entra); 20.05 se muestra 20.1 (no).
    m = _matriz(libro, {}, {"IOP.01.01": Decimal(vo)}, le_2024={"IOP.01.01": 100})
    assert ("IOP.01.01" in _por_grupo(alertas(m, 2024), GrupoAlerta.AVANCE_LIMITADO)) is entra


def test_sin_dato_separa_op_y_servicio(libro):
    m = _matriz(libro, {}, {"ISS.01.01.01.01": None})
    lista = alertas(m, 2024)
    assert _por_grupo(lista, GrupoAlerta.SIN_DATO_OBJETIVO) == ["IOP.02.01"]
    assert _por_grupo(lista, GrupoAlerta.SIN_DATO_ACCION) == ["ISS.01.01.01.01"]
    servicio = next(a for a in lista if a.codigo == "ISS.01.01.01.01")
    assert "sin valor obtenido en 2024" in servicio.mensaje


def test_markdown_redactado_como_el_reporte(runner):
    res = runner.invoke(app, ["alertas", "2024", "--formato", "markdown"])
    assert res.exit_code == 0, res.output
    texto = res.stdout
    assert texto.startswith("## Alertas identificadas — 2024")
    parrafos = [p for p in texto.split("\n\n") if p[:3] in ("a. ", "b. ", "c. ", "d. ")]
    assert [p[0] for p in parrafos] == ["a", "b", "c", "d"]
    a, b, c, d = parrafos
    assert "IOP.01.01 “Número de metros cuadrados por interno en establecimientos " \
           "penitenciarios”" in a
    assert "e, IOP.05.02" in a
    assert "e, ISS.04.01.02.01" in b
    assert "ISS.04.05.01.01" in c and "24% en 2024 (34% en 2023) vs 85% de valor esperado" in c
    assert "en comparación al año 2023" in c
    for codigo, avance in (("IOP.06.02", "4.0%"), ("ISS.03.01.02.01", "16.9%"),
                           ("ISS.01.04.01.01", "18.1%"), ("IOP.03.01", "20.0%")):
        assert f"({codigo}, {avance})" in d
    assert "[completar" in texto


def test_markdown_sin_alertas():
    vacias = Alertas(2030, Decimal(20), PERFILES["politica"])
    assert "No se identificaron alertas para 2030." in borrador_alertas(vacias)


def test_enumerar_como_el_reporte():
    assert enumerar(["uno"]) == "uno"
    assert enumerar(["a", "b", "c"]) == "a; b; y, c"
    assert enumerar(["a", "ISS.01"]) == "a; e, ISS.01"
    assert enumerar(["a", "b", "c"], ", ") == "a, b y c"


def test_tabla_en_pantalla(runner):
    res = runner.invoke(app, ["alertas", "2024"])
    assert res.exit_code == 0, res.output
    for texto in ("a. Indicadores de objetivos prioritarios sin medición (4)",
                  "d. Indicadores con avance limitado (4)", "IOP.06.02", "alerta(s) en 2024"):
        assert texto in res.output


def test_libro_de_otro_archivo_y_anio_inexistente(runner, libro):
    ruta = libro()
    res = runner.invoke(app, ["alertas", "2024", "--archivo", str(ruta), "-f", "json"])
    assert res.exit_code == 0
    assert _codigos(json.loads(res.stdout), "sin_dato_op") == ["IOP.02.01"]
    res = runner.invoke(app, ["alertas", "1999", "--archivo", str(MUESTRA)])
    assert res.exit_code == 2
