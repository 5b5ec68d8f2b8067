"""Las observaciones de calidad de los datos (metodología, sección 7) viajan con ``avance``: en la
tabla (una marca '!' en la fila y una línea por observación), en el JSON, en el CSV, en cada
exportación y en una línea por la salida de errores; y ``avance`` y ``validar`` dicen lo mismo."""

from __future__ import annotations

import csv
import io
import json

from openpyxl import load_workbook

from conftest import hojas_minimas
from penitencia_cli.cli import app

ANCHO = {"COLUMNS": "120"}


def porcentaje_imposible(libro):
    """IOP.01.01 (en Porcentaje) con valor obtenido 2024 de 130000: avance 325000.0, ≥95%."""
    hojas = hojas_minimas()
    hojas["Valores obtenidos"][1][2] = 130000
    return libro(hojas)


def test_tabla_marca_la_fila_y_dice_la_observacion(runner, libro):
    ruta = porcentaje_imposible(libro)
    r = runner.invoke(app, ["avance", "2024", "-a", str(ruta)], env=ANCHO)
    assert r.exit_code == 0, r.output
    fila = next(linea for linea in r.stdout.splitlines() if linea.strip().startswith("IOP.01.01"))
    assert "325,000.0!" in fila
    assert "Calidad de los datos (!)" in r.stdout
    assert "Valores obtenidos!C2" in r.stdout and "130000, fuera de 0-100" in r.stdout
    lineas = r.stderr.splitlines()
    [resumen] = [i for i, linea in enumerate(lineas) if "calidad" in linea]
    assert lineas[resumen] == ("nota: 1 observación(es) de calidad de los datos de 2024 (marcadas "
                               "con ! en la tabla); el detalle, con:")
    assert lineas[resumen + 1] == f"        penitencia validar {ruta}"  # sola, para pegarla


def test_json_csv_y_exportaciones_llevan_la_observacion(runner, libro, tmp_path):
    ruta = porcentaje_imposible(libro)
    r = runner.invoke(app, ["avance", "2024", "-a", str(ruta), "-f", "json"])
    doc = json.loads(r.stdout)
    ind = next(i for i in doc["indicadores"] if i["codigo"] == "IOP.01.01")
    assert ind["calidad"] == [{
        "hoja": "Valores obtenidos", "celda": "C2",
        "mensaje": ("El valor obtenido 2024 es 130000, fuera de 0-100 para un indicador en "
                    "porcentaje (Porcentaje).")}]
    assert any("130000" in o for o in ind["observaciones"])
    assert doc["calidad"] == {"observaciones": 1, "notas": []}
    assert "calidad" in r.stderr  # la línea de resumen también con JSON

    r = runner.invoke(app, ["avance", "2024", "-a", str(ruta), "-f", "csv"])
    filas = {f["codigo"]: f for f in csv.DictReader(io.StringIO(r.stdout_bytes.decode("utf-8-sig")))}
    assert "Valores obtenidos!C2" in filas["IOP.01.01"]["observaciones"]

    destino = tmp_path / "reporte.xlsx"
    r = runner.invoke(app, ["avance", "2024", "-a", str(ruta), "-e", str(destino)])
    assert r.exit_code == 0
    textos = [str(c.value) for ws in load_workbook(destino) for fila in ws.iter_rows()
              for c in fila if c.value is not None]
    assert any("Calidad de los datos" in t and "130000" in t for t in textos)

    destino = tmp_path / "avance.json"
    runner.invoke(app, ["avance", "2024", "-a", str(ruta), "-e", str(destino)])
    exportado = json.loads(destino.read_text(encoding="utf-8"))
    assert exportado["calidad"]["observaciones"] == 1


def test_un_valor_fuera_de_escala_viaja_con_avance(runner, libro, tmp_path):
    """ISS.01.01.01.01 (Número): 5940 en 2023 y 6.182 en 2024 con metas de 6000 (el punto de
    «6.182» agrupaba miles). El avance de 2024 (0.1) lleva su '!', y la observación va con su
    celda en la tabla, el JSON, el CSV, el libro exportado y la línea por stderr."""
    hojas = hojas_minimas()
    hojas["Logros esperados"][3][1:] = [6000, 6000]
    hojas["Valores obtenidos"][3][1:] = [5940, 6.182]
    ruta = libro(hojas)
    r = runner.invoke(app, ["avance", "2024", "-a", str(ruta)], env=ANCHO)
    assert r.exit_code == 0, r.output
    fila = next(linea for linea in r.stdout.splitlines()
                if linea.strip().startswith("ISS.01.01.01.01"))
    assert "0.1!" in fila
    assert "Valores obtenidos!C4" in r.stdout and "Fuera de escala" in r.stdout
    assert "1 observación(es) de calidad de los datos de 2024" in r.stderr

    r = runner.invoke(app, ["avance", "2024", "-a", str(ruta), "-f", "json"])
    ind = next(i for i in json.loads(r.stdout)["indicadores"] if i["codigo"] == "ISS.01.01.01.01")
    [calidad] = ind["calidad"]
    assert (calidad["hoja"], calidad["celda"]) == ("Valores obtenidos", "C4")
    assert "6.182, unas 960 veces menor" in calidad["mensaje"]
    r = runner.invoke(app, ["avance", "2024", "-a", str(ruta), "-f", "csv"])
    filas = {f["codigo"]: f for f in csv.DictReader(io.StringIO(r.stdout_bytes.decode("utf-8-sig")))}
    assert "Calidad de los datos (Valores obtenidos!C4): Fuera de escala" in \
        filas["ISS.01.01.01.01"]["observaciones"]
    destino = tmp_path / "reporte.xlsx"
    assert runner.invoke(app, ["avance", "2024", "-a", str(ruta), "-e", str(destino)]).exit_code \
        == 0
    textos = [str(c.value) for ws in load_workbook(destino) for fila in ws.iter_rows()
              for c in fila if c.value is not None]
    assert any("Fuera de escala" in t and "Valores obtenidos!C4" in t for t in textos)
    # El avance de 2023 no la lleva: la celda fuera de escala es la de 2024.
    r = runner.invoke(app, ["avance", "2023", "-a", str(ruta), "-f", "json"])
    assert json.loads(r.stdout)["calidad"]["observaciones"] == 0


def test_avance_y_validar_dicen_lo_mismo(runner, libro):
    hojas = hojas_minimas()
    hojas["Valores obtenidos"][1][2] = 130000                # fuera de 0-100 en 2024
    hojas["Logros esperados"][2][1:] = [20, 30]              # IOP.01.02 descendente con metas
    hojas["Logros esperados"][3][1] = "ND"                   # ISS 2023: VO sin LE (no es 2024)
    ruta = libro(hojas)
    r = runner.invoke(app, ["validar", str(ruta), "-f", "json"])
    de_validar = {(p["hoja"], p["celda"], p["codigo"], p["mensaje"])
                  for p in json.loads(r.stdout)["problemas"]}
    r = runner.invoke(app, ["avance", "2024", "-a", str(ruta), "-f", "json"])
    de_avance = {(c["hoja"], c["celda"], i["codigo"], c["mensaje"])
                 for i in json.loads(r.stdout)["indicadores"] for c in i["calidad"]}
    assert de_avance and de_avance <= de_validar
    codigos = {c for _, _, c, _ in de_avance}
    assert codigos == {"IOP.01.01", "IOP.01.02"}  # la de 2023 no toca el cálculo de 2024
    r = runner.invoke(app, ["avance", "2024", "-a", str(ruta), "--desde", "2023", "-f", "json"])
    con_2023 = {i["codigo"] for i in json.loads(r.stdout)["indicadores"] if i["calidad"]}
    assert "ISS.01.01.01.01" in con_2023  # en el periodo 2023-2024, sí


def test_un_anio_con_metas_y_sin_ningun_valor_obtenido(runner, libro):
    hojas = hojas_minimas()
    for fila, meta in zip(hojas["Logros esperados"], [2026, 60, 20, 12, "ND"]):
        fila.append(meta)
    ruta = libro(hojas)
    r = runner.invoke(app, ["avance", "2026", "-a", str(ruta), "-f", "json"])
    assert r.exit_code == 0
    doc = json.loads(r.stdout)
    assert doc["calidad"]["notas"] == [
        "2026 aún no tiene valores obtenidos (hay logros esperados): sus avances son ND hasta "
        "que se registren."]
    assert doc["calidad"]["observaciones"] == 0  # una nota, no una por indicador
    assert r.stderr.count("2026 aún no tiene valores obtenidos") == 1
    r = runner.invoke(app, ["validar", str(ruta), "-f", "json"])
    notas = [p for p in json.loads(r.stdout)["problemas"] if "2026" in p["mensaje"]]
    assert len(notas) == 1 and notas[0]["mensaje"].startswith("2026 aún no tiene")


def test_sin_observaciones_no_hay_marca_ni_linea(runner, libro):
    r = runner.invoke(app, ["avance", "2024", "-a", str(libro())], env=ANCHO)
    assert r.exit_code == 0
    assert "!" not in r.stdout and "calidad" not in r.stderr


# --- La regla de los pares, frente a su forma directa ----------------------------------------------

from decimal import Decimal  # noqa: E402

from hypothesis import given  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from penitencia_cli.contrato import HOJA_LE, HOJA_VO  # noqa: E402
from penitencia_cli.modelos import Indicador  # noqa: E402
from penitencia_cli.modelos import Problema, Severidad  # noqa: E402
from penitencia_cli.reglas.calidad import observaciones_pares  # noqa: E402
from penitencia_cli.reglas.cifras import texto_valor  # noqa: E402

_SERIE = st.dictionaries(st.integers(2019, 2030),
                         st.none() | st.integers(0, 50).map(Decimal), max_size=12)


def _pares_directo(ind, hasta, sin_vo, periodo):
    """La regla como se lee en la metodología: año por año de las dos series (la forma anterior,
    más lenta, de :func:`observaciones_pares`)."""
    def _celda(ind, hoja, anio):
        celdas = ind.celdas_le if hoja == HOJA_LE else ind.celdas_vo
        return celdas.get(anio)

    def _cifra(valor):
        return texto_valor(valor, miles=False)

    def _obs(hoja, celda, codigo, mensaje):
        return Problema(severidad=Severidad.OBSERVACION, hoja=hoja if celda else None, celda=celda,
                        codigo=codigo, mensaje=mensaje)

    problemas = []
    for a in sorted(set(ind.logros_esperados) | set(ind.valores_obtenidos)):
        if a in sin_vo or not (periodo is None or periodo[0] <= a <= periodo[1]):
            continue
        le, vo = ind.le(a), ind.vo(a)
        if vo is not None and le is None:
            celda = _celda(ind, HOJA_LE, a)
            hoja = HOJA_LE if celda else HOJA_VO
            problemas.append(_obs(hoja, celda or _celda(ind, HOJA_VO, a), ind.codigo, (
                f"Hay valor obtenido {a} ({_cifra(vo)}) pero no logro esperado: su avance es ND.")))
        elif le is not None and vo is None and hasta is not None and a <= hasta:
            celda = _celda(ind, HOJA_VO, a)
            hoja = HOJA_VO if celda else HOJA_LE
            problemas.append(_obs(hoja, celda or _celda(ind, HOJA_LE, a), ind.codigo, (
                f"Hay logro esperado {a} ({_cifra(le)}) pero no valor obtenido: su avance es ND.")))
    return problemas


@given(le=_SERIE, vo=_SERIE, hasta=st.none() | st.integers(2018, 2031),
       sin_vo=st.frozensets(st.integers(2019, 2030), max_size=3),
       periodo=st.none() | st.tuples(st.integers(2019, 2030), st.integers(2019, 2030)))
def test_pares_como_la_forma_directa(le, vo, hasta, sin_vo, periodo):
    ind = Indicador(codigo="IOP.01.01", nivel="IOP", pertenece_a="OP.01", sentido="Ascendente",
                    acumulacion="No acumulado", logros_esperados=le, valores_obtenidos=vo,
                    celdas_le={a: f"C{a - 2000}" for a in le},
                    celdas_vo={a: f"D{a - 2000}" for a in vo})
    assert (observaciones_pares(ind, hasta, sin_vo, periodo)
            == _pares_directo(ind, hasta, sin_vo, periodo))


@given(series=st.lists(st.tuples(_SERIE, _SERIE), max_size=8))
def test_anios_sin_vo_como_la_forma_directa(series):
    """Los años con logro esperado y sin ningún valor obtenido, reunidos en una pasada (sin volver
    a buscar en un indicador lo que ya se vio), son los de recorrer todas las series."""
    from penitencia_cli.modelos import Matriz
    from penitencia_cli.reglas.calidad import anios_sin_vo

    indicadores = [Indicador(codigo=f"IOP.01.{i:02d}", nivel="IOP", pertenece_a="OP.01",
                             sentido="Ascendente", acumulacion="No acumulado",
                             logros_esperados=le, valores_obtenidos=vo)
                   for i, (le, vo) in enumerate(series)]
    matriz = Matriz.model_construct(indicadores=indicadores)
    con_le = {a for i in indicadores for a, v in i.logros_esperados.items() if v is not None}
    con_vo = {a for i in indicadores for a, v in i.valores_obtenidos.items() if v is not None}
    assert anios_sin_vo(matriz) == sorted(con_le - con_vo)
