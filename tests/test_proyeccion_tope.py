"""Proyección lineal al año final (metodología, sección 8) y sensibilidad del índice al tope."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal as D
from fractions import Fraction

import pytest
from conftest import MUESTRA, hojas_minimas

from penitencia_cli.cli import app
from penitencia_cli.lectura import leer_libro
from penitencia_cli.modelos import Acumulacion, Indicador, Sentido
from penitencia_cli.reglas.metodologia import PERFILES
from penitencia_cli.reglas.proyeccion import (
    ClaseProyeccion,
    anio_final_con_meta,
    proyectar,
    tendencia_lineal,
    valor_tendencia,
)

POLITICA = PERFILES["politica"]

ASC, DESC = Sentido.ASCENDENTE, Sentido.DESCENDENTE
C = ClaseProyeccion


def ind(sentido, vo: dict, meta=None, anio_meta=2026) -> Indicador:
    le = {anio_meta: D(str(meta))} if meta is not None else {}
    return Indicador(codigo="IOP.01.01", nivel="IOP", pertenece_a="OP.01", sentido=sentido,
                     acumulacion=Acumulacion.ACUMULADO, logros_esperados=le,
                     valores_obtenidos={a: None if v is None else D(str(v)) for a, v in vo.items()})


def test_tendencia_por_minimos_cuadrados_exacta():
    # t̄ = 2021, v̄ = 13; Sxy = (−1)(−3) + 0(−1) + 1·4 = 7; Sxx = 2 → b = 3.5
    puntos = [(2020, D(10)), (2021, D(12)), (2022, D(17))]
    pendiente, medio = tendencia_lineal(puntos)
    assert (pendiente, medio) == (D("3.5"), D(13))
    assert valor_tendencia(puntos, 2024) == D("23.5")  # 13 + 3.5·3


def test_tendencia_necesita_dos_anios():
    with pytest.raises(ValueError):
        tendencia_lineal([(2020, D(1))])


@pytest.mark.parametrize(
    "sentido, vo, meta, clase, proyectado",
    [
        # Ascendente, meta 30 en 2026
        (ASC, {2021: 10, 2022: 15, 2023: 20}, 30, C.EN_RUTA, 35),       # +5/año → 35 ≥ 30
        (ASC, {2021: 10, 2022: 11, 2023: 12}, 30, C.ACELERAR, 15),      # +1/año → 15 < 30
        (ASC, {2021: 12, 2022: 11, 2023: 10}, 30, C.RETROCESO, 7),      # −1/año
        (ASC, {2021: 20, 2022: 25, 2023: 31}, 30, C.CUMPLIDA, None),    # 31 ≥ 30 ya
        (ASC, {2021: 10, 2022: 10, 2023: 10}, 30, C.ACELERAR, 10),      # plana: no es retroceso
        # Descendente, meta 10 en 2026: el espejo
        (DESC, {2021: 20, 2022: 17, 2023: 14}, 10, C.EN_RUTA, 5),       # −3/año → 5 ≤ 10
        (DESC, {2021: 20, 2022: D("19.5"), 2023: 19}, 10, C.ACELERAR, D("17.5")),
        (DESC, {2021: 14, 2022: 17, 2023: 20}, 10, C.RETROCESO, 29),    # sube: se aleja
        (DESC, {2021: 14, 2022: 12, 2023: 9}, 10, C.CUMPLIDA, None),    # 9 ≤ 10 ya
    ],
)
def test_clases_de_proyeccion_en_ambos_sentidos(sentido, vo, meta, clase, proyectado):
    p = proyectar(ind(sentido, vo, meta), 2026, POLITICA)
    assert p.clase is clase, p.motivo
    assert p.anio_final == 2026 and p.meta == D(meta)
    if proyectado is not None:
        assert abs(Fraction(p.valor) - Fraction(D(str(proyectado)))) < Fraction(1, 10**20)


def test_sin_datos_suficientes():
    un_valor = proyectar(ind(ASC, {2023: 5}, 30), 2026, POLITICA)
    assert un_valor.clase is C.SIN_DATOS and "al menos 2" in un_valor.motivo
    sin_meta = proyectar(ind(ASC, {2022: 5, 2023: 6}, None), 2026, POLITICA)
    assert sin_meta.clase is C.SIN_DATOS and "Sin logro esperado" in sin_meta.motivo
    con_nd = proyectar(ind(ASC, {2022: None, 2023: 6}, 30), 2026, POLITICA)
    assert con_nd.clase is C.SIN_DATOS


def test_anio_final_ya_medido_sin_cumplir_no_esta_en_ruta():
    # La recta pasa por encima de la meta en 2024, pero el valor de 2024 (medido) no la alcanza.
    i = ind(ASC, {2022: 10, 2023: 40, 2024: 29}, 30, anio_meta=2024)
    p = proyectar(i, 2024, POLITICA)
    assert p.valor > 30  # tendencia: 26.33 + 9.5 = 35.83
    assert p.clase is C.ACELERAR and "no alcanzó" in p.motivo


def test_hasta_descarta_los_valores_posteriores():
    i = ind(ASC, {2021: 10, 2022: 15, 2023: 20, 2024: 5}, 30)
    assert proyectar(i, 2026, POLITICA, hasta=2023).clase is C.EN_RUTA
    assert proyectar(i, 2026, POLITICA).clase is C.RETROCESO  # con 2024 la pendiente es negativa


def test_anio_final_es_el_ultimo_con_metas(libro):
    hojas = hojas_minimas()
    le = hojas["Logros esperados"]
    le[0] += [2025, 2026]
    for fila, extra in zip(le[1:], ([50, 60], [20, 15], [12, 14], ["ND", "ND"])):
        fila += extra
    matriz = leer_libro(libro(hojas))
    assert anio_final_con_meta(matriz) == 2026
    # IOP.01.01 ascendente: VO 15 (2023), 30 (2024) → +15/año → 2026: 60 ≥ 60
    p = proyectar(next(i for i in matriz.indicadores if i.codigo == "IOP.01.01"), 2026, POLITICA)
    assert p.clase is C.EN_RUTA and p.valor == 60


def test_cli_proyeccion_columna_y_json(runner):
    res = runner.invoke(app, ["avance", "2023", "--proyeccion", "-f", "json"])
    assert res.exit_code == 0, res.output
    doc = json.loads(res.stdout)
    assert doc["proyeccion"]["anio_final"] == 2024 and doc["proyeccion"]["valores_hasta"] == 2023
    por = {x["codigo"]: x["proyeccion"] for x in doc["indicadores"]}
    # IOP.02.01 (asc): VO 30.9 (2019), 54.96 (2022), 50.20 (2023) → recta hasta 2024 ≥ meta 52
    assert por["IOP.02.01"]["clase"] == "en ruta"
    # IOP.01.02 (desc): el porcentaje sin sentencia sube → en retroceso
    assert por["IOP.01.02"]["clase"] == "en retroceso"
    assert por["IOP.06.01"]["clase"] == "sin datos suficientes"
    assert sum(doc["proyeccion"]["conteo"].values()) == 49
    tabla = runner.invoke(app, ["avance", "2023", "--proyeccion"])
    assert "Proyección" in tabla.stdout and "retroceso" in tabla.stdout


def test_cli_csv_con_tipo2_y_proyeccion(runner):
    res = runner.invoke(app, ["avance", "2024", "--tipo", "ambos", "--proyeccion", "-f", "csv"])
    assert res.exit_code == 0
    filas = list(csv.DictReader(io.StringIO(res.stdout_bytes.decode("utf-8-sig"))))
    fila = next(f for f in filas if f["codigo"] == "IOP.01.02")
    assert (fila["avance"], fila["avance_tipo2"], fila["proyeccion_clase"]) == \
        ("68.7", "-12.9", "en retroceso")


# --- Tope ---------------------------------------------------------------------------------------


def _indice_con_tope_2024() -> Fraction:
    """Índice 2024 de la muestra con cada indicador topado en 100, a mano desde el reporte."""
    def f(x):
        return Fraction(x)
    op = [
        f(26) / f("37.85") * 100,                                        # OP.01: IOP.01.02
        (100 + f("26.10") / 50 * 100) / 2,                               # OP.02: 125.7 → 100
        f("11.01") / 55 * 100,                                           # OP.03
        (f("5.50") / 8 * 100 + f("30.40") / 70 * 100) / 2,               # OP.04
        f(33) / 35 * 100,                                                # OP.05
        (100 + f("0.20") / 5 * 100) / 2,                                 # OP.06: 168 → 100
    ]
    return sum(op) / 6


def test_cli_tope_muestra_el_indice_de_ambas_formas(runner):
    esperado = _indice_con_tope_2024()
    assert round(float(esperado), 1) == 61.2
    res = runner.invoke(app, ["avance", "2024", "--tope", "100"])
    assert res.exit_code == 0, res.output
    assert "Índice de gestión de la política nacional: 61.2" in res.stdout
    assert "Sin tope (cada indicador tal cual): 69.0" in res.stdout
    assert "cambia el índice en -7.8 puntos" in res.stdout
    doc = json.loads(runner.invoke(app, ["avance", "2024", "--tope", "100", "-f", "json"]).stdout)
    assert doc["tope"] == 100
    assert doc["indice_gestion"]["avance"] == 61.2 and doc["indice_sin_tope"]["avance"] == 69.0
    op2 = next(o for o in doc["objetivos"] if o["codigo"] == "OP.02")
    assert (op2["avance"], op2["avance_sin_tope"]) == (76.1, 89.0)
    # El tope actúa al agregar: el indicador conserva su avance
    assert next(x for x in doc["indicadores"] if x["codigo"] == "IOP.02.01")["avance"] == 125.7


def test_cli_tope_que_no_cambia_el_indice(runner, libro):
    # Libro mínimo 2023: IOP.01.01 75.0 y IOP.01.02 85.7 → nada pasa de 100
    res = runner.invoke(app, ["avance", "2023", "--tope", "100", "-a", str(libro())])
    assert res.exit_code == 0, res.output
    assert "no cambia el índice" in res.stdout


@pytest.mark.parametrize("valor", ["0", "-5", "cien", "nan"])
def test_cli_tope_invalido(runner, valor):
    res = runner.invoke(app, ["avance", "2024", "--tope", valor])
    assert res.exit_code == 2
    assert "--tope" in res.stderr


def test_exportar_json_lleva_las_claves_ampliadas(runner, tmp_path):
    destino = tmp_path / "avance.json"
    res = runner.invoke(app, ["avance", "2024", "--tipo", "2", "--tope", "100", "-e", str(destino)])
    assert res.exit_code == 0, res.output
    doc = json.loads(destino.read_text(encoding="utf-8"))
    assert doc["tipo2"]["indice_sin_tope"] is not None and doc["indice_sin_tope"]["avance"] == 69.0
    assert leer_libro(MUESTRA)  # la entrada sigue intacta y legible
