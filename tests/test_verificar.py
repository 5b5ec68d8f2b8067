"""verificar: avance calculado frente a la hoja «Avance publicado», con la causa probable."""

from __future__ import annotations

import json

import pytest

from penitencia_cli.cli import app

from conftest import hojas_minimas


def test_muestra_2024_solo_alfabetizacion(runner):
    res = runner.invoke(app, ["verificar", "2024", "--formato", "json"])
    assert res.exit_code == 1, res.output
    doc = json.loads(res.stdout)
    assert doc["anio"] == 2024
    assert doc["comparados"] == 49 + 6 + 1  # indicadores, OP, índice
    assert [d["codigo"] for d in doc["diferencias"]] == ["ISS.04.05.01.01"]
    dif = doc["diferencias"][0]
    assert (dif["publicado"], dif["calculado"], dif["tipo"]) == (27.9, 28.2, "indicador")
    assert dif["causa"].startswith("valor impreso redondeado")
    assert "≈23.72%" in dif["causa"] and "24%" in dif["causa"]
    assert "Valores obtenidos!G35" in dif["detalle"]


def test_muestra_2024_en_tabla(runner):
    res = runner.invoke(app, ["verificar", "2024"])
    assert res.exit_code == 1
    assert "ISS.04.05.01.01" in res.output
    assert "27.9" in res.output and "28.2" in res.output
    assert "1 diferencia(s) de 56 comparados" in res.output


def _con_publicado(libro, filas: list[list]):
    hojas = hojas_minimas()
    hojas["Avance publicado"] = [["codigo", 2024], *filas]
    return str(libro(hojas))


COINCIDE = [["IOP.01.01", 75], ["IOP.01.02", 125], ["ISS.01.01.01.01", 120],
            ["IOP.02.01", "ND"], ["OP.01", 100], ["OP.02", "ND"], ["INDICE", 100]]


def test_sin_diferencias_sale_con_0(runner, libro):
    ruta = _con_publicado(libro, COINCIDE)
    res = runner.invoke(app, ["verificar", "2024", "-a", ruta])
    assert res.exit_code == 0, res.output
    assert "Sin diferencias" in res.output and "7 avances publicados" in res.output
    doc = json.loads(runner.invoke(app, ["verificar", "2024", "-a", ruta, "-f", "json"]).stdout)
    assert doc["diferencias"] == [] and doc["coinciden"] == 7


@pytest.mark.parametrize("publicado, hay", [("75.05", False), ("74.95", False), ("75.06", True)])
def test_tolerancia_de_la_metodologia(runner, libro, publicado, hay):
    ruta = _con_publicado(libro, [["IOP.01.01", float(publicado)]])
    res = runner.invoke(app, ["verificar", "2024", "-a", ruta, "-f", "json"])
    assert res.exit_code == (1 if hay else 0)
    assert bool(json.loads(res.stdout)["diferencias"]) is hay


def _causas(runner, ruta):
    res = runner.invoke(app, ["verificar", "2024", "-a", ruta, "-f", "json"])
    assert res.exit_code == 1, res.output
    return {d["codigo"]: d for d in json.loads(res.stdout)["diferencias"]}


def test_causas_probables(runner, libro):
    ruta = _con_publicado(libro, [
        ["IOP.01.01", 80],       # 75.0 calculado: sin explicación
        ["IOP.01.02", 100],      # 125.0 calculado: el reporte lo topó
        ["ISS.01.01.01.01", "ND"],  # el reporte no publicó
        ["IOP.02.01", 50],       # publicado sin datos en el libro
        ["OP.01", 90],           # arrastra la diferencia de sus IOP
        ["INDICE", 90],          # arrastra la de OP.01
    ])
    causas = _causas(runner, ruta)
    assert set(causas) == {"IOP.01.01", "IOP.01.02", "ISS.01.01.01.01", "IOP.02.01", "OP.01",
                           "INDICE"}
    assert causas["IOP.01.01"]["causa"].startswith("causa no identificada")
    assert causas["IOP.01.02"]["causa"] == "el reporte topó el avance en 100"
    assert causas["ISS.01.01.01.01"]["publicado"] is None
    assert "no publicó" in causas["ISS.01.01.01.01"]["causa"]
    assert causas["IOP.02.01"]["calculado"] is None
    assert "falta el logro esperado y el valor obtenido" in causas["IOP.02.01"]["causa"]
    assert causas["OP.01"]["causa"] == "arrastra la diferencia de IOP.01.01, IOP.01.02"
    assert causas["INDICE"]["causa"] == "arrastra la diferencia de OP.01"
    assert causas["INDICE"]["tipo"] == "indice"


def test_causa_escala_y_sentido(runner, libro):
    # IOP.01.01 ascendente 30/40 → 75.0; publicado 0.75 (escala) ; IOP.01.02 desc 25/20 → 125;
    # con el sentido contrario daría 80.0.
    ruta = _con_publicado(libro, [["IOP.01.01", 0.75], ["IOP.01.02", 80]])
    causas = _causas(runner, ruta)
    assert causas["IOP.01.01"]["causa"].startswith("escala de porcentaje")
    assert causas["IOP.01.02"]["causa"] == "el reporte calculó con el sentido contrario"


def test_sin_avance_publicado_del_anio_es_error_de_uso(runner, libro):
    res = runner.invoke(app, ["verificar", "2024", "-a", str(libro())])
    assert res.exit_code == 2
    assert "no tiene avances publicados para 2024" in res.output
    res = runner.invoke(app, ["verificar", "2023"])
    assert res.exit_code == 2


@pytest.mark.parametrize("anio, publicado, causa", [
    (2018, "78.87", "el reporte calculó con el sentido contrario"),  # 56/71, no 71/56 = 126.79
    (2017, "2.28", "escala de porcentaje distinta"),  # 57/25 = 228 escrito como fracción
])
def test_causa_de_un_avance_truncado(anio, publicado, causa):
    """En un plan el avance se trunca en 100, pero la causa se busca con el de la fórmula. El
    Anexo B-7 real del IGP: IND.01.AEI.02.03 es descendente (logros 57, 71, 0); en 2018 da
    71/56 = 126.79 → 100, y una impresión antigua del aplicativo publicó 78.87 (VO/LE)."""
    from decimal import Decimal

    from conftest import RAIZ, preparada
    from penitencia_cli.anexo_b7.matriz import importar_anexo
    from penitencia_cli.reglas.agregados import calcular
    from penitencia_cli.reglas.conciliacion import conciliar

    matriz = importar_anexo(RAIZ / "samples" / "anexo_b7" / "igp_pei_2017_2019.pdf")
    publicados = {c: dict(serie) for c, serie in matriz.avance_publicado.items()}
    publicados["IND.01.AEI.02.03"][anio] = Decimal(publicado)
    matriz = matriz.model_copy(update={"avance_publicado": publicados})
    resultado = calcular(preparada(matriz), anio)
    (d,) = [d for d in conciliar(resultado).diferencias if d.tipo == "indicador"]
    assert (d.codigo, d.publicado, d.calculado) == ("IND.01.AEI.02.03", Decimal(publicado), 100)
    assert d.causa.startswith(causa), d.causa
