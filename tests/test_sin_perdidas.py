"""Nunca perder ni malinterpretar un dato en silencio (issue 10, §1 y §3): columnas sin año,
marcas de nota al pie, hojas y campos repetidos, números con coma, la precisión de Excel, filas
de título, caracteres invisibles y números descomunales. Cada libro lo construye la prueba."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from openpyxl import load_workbook

import corpus
from conftest import hojas_minimas
from penitencia_cli.cli import app
from penitencia_cli.errores import ErrorDeDatos
from penitencia_cli.lectura import leer_libro

ANCHO = {"COLUMNS": "200"}


def validar(runner, ruta) -> tuple[int, dict]:
    r = runner.invoke(app, ["validar", str(ruta), "-f", "json"], env=ANCHO)
    assert "Traceback" not in r.output and "inesperado" not in r.output
    return r.exit_code, json.loads(r.stdout)


def avance(runner, ruta, *mas) -> tuple[int, dict | None, str]:
    r = runner.invoke(app, ["avance", "2024", "-a", str(ruta), "-f", "json", *mas], env=ANCHO)
    assert "Traceback" not in r.output and "inesperado" not in r.output
    return r.exit_code, (json.loads(r.stdout) if r.exit_code == 0 else None), r.stderr


def problemas(doc: dict, severidad: str) -> list[dict]:
    return [p for p in doc["problemas"] if p["severidad"] == severidad]


def lugares(doc: dict, severidad: str = "error") -> list[tuple]:
    return [(p["hoja"], p["celda"]) for p in problemas(doc, severidad)]


def indicador(doc: dict, codigo: str) -> dict:
    return next(i for i in doc["indicadores"] if i["codigo"] == codigo)


def con_columna(hojas, hoja: str, encabezado, valores: list) -> dict:
    """Añade una columna (D) a una hoja de años: ``encabezado`` y un valor por fila."""
    hojas[hoja][0].append(encabezado)
    for fila, valor in zip(hojas[hoja][1:], valores):
        fila.append(valor)
    return hojas


# --- Columnas cuyo encabezado no es un año -----------------------------------------------------


@pytest.mark.parametrize("hoja", ["Logros esperados", "Valores obtenidos"])
@pytest.mark.parametrize("encabezado, dice", [
    (None, "encabezado D1 está vacío"),
    ("dos mil veinticuatro", "'dos mil veinticuatro' no es un año"),
    ("Año 2025", "'Año 2025' no es un año"),
])
def test_valores_bajo_un_encabezado_que_no_es_un_anio_son_error(libro, runner, hoja, encabezado,
                                                                  dice):
    hojas = con_columna(hojas_minimas(), hoja, encabezado, [50, None, 7, None])
    ruta = libro(hojas)
    codigo, doc = validar(runner, ruta)
    assert codigo == 1
    assert lugares(doc) == [(hoja, "D1")]
    mensaje = problemas(doc, "error")[0]["mensaje"]
    assert dice in mensaje and "D2" in mensaje and "2024" in mensaje  # la celda y qué escribir
    assert avance(runner, ruta)[0] == 1


def test_encabezado_formula_sin_valor_calculado(libro, runner):
    hojas = con_columna(hojas_minimas(), "Valores obtenidos", "=2023+2", [50, 60, None, None])
    codigo, doc = validar(runner, libro(hojas))
    assert codigo == 1 and lugares(doc) == [("Valores obtenidos", "D1")]
    assert "fórmula sin valor calculado" in problemas(doc, "error")[0]["mensaje"]


def test_columna_avance_publicado_sin_anio(libro, runner):
    hojas = hojas_minimas()
    hojas["Avance publicado"] = [["codigo", 2024, None], ["INDICE", 100, 99.5]]
    codigo, doc = validar(runner, libro(hojas))
    assert codigo == 1 and lugares(doc) == [("Avance publicado", "C1")]


@pytest.mark.parametrize("encabezado", [None, "Notas", "=1+1"])
def test_columna_sin_valores_se_ignora_con_nota(libro, runner, encabezado):
    hojas = con_columna(hojas_minimas(), "Logros esperados", encabezado, [None] * 4)
    if encabezado is None:  # una columna vacía sin encabezado no deja rastro: nada que decir
        hojas["Logros esperados"][0][-1] = None
    ruta = libro(hojas)
    codigo, doc = validar(runner, ruta)
    assert codigo == 0
    if encabezado is not None:
        assert ("Logros esperados", "D1") in lugares(doc, "observacion")
        assert "se ignora" in problemas(doc, "observacion")[0]["mensaje"]
    assert avance(runner, ruta)[0] == 0


def test_columna_de_textos_bajo_un_encabezado_de_texto_se_ignora_con_nota(libro, runner):
    """Los nombres de los indicadores junto a su código no son valores de ningún año."""
    hojas = con_columna(hojas_minimas(), "Valores obtenidos", "nombre",
                        ["Indicador uno", "Indicador dos", "Servicio", "Sin dato"])
    codigo, doc = validar(runner, libro(hojas))
    assert codigo == 0
    notas = [p for p in problemas(doc, "observacion") if p["celda"] == "D1"]
    assert notas and "sólo tiene textos" in notas[0]["mensaje"]


@pytest.mark.parametrize("encabezado, nota", [
    ("2024¹", "la marca de nota '¹' se ignora"),
    ("2024 (1)", "la marca de nota '(1)' se ignora"),
    ("²⁰²⁴", "en superíndice"),
])
def test_marca_de_nota_al_pie_en_el_anio(libro, runner, encabezado, nota):
    hojas = hojas_minimas()
    hojas["Valores obtenidos"][0][2] = encabezado
    ruta = libro(hojas)
    codigo, doc = validar(runner, ruta)
    assert codigo == 0
    notas = [p for p in problemas(doc, "observacion") if p["celda"] == "C1"]
    assert len(notas) == 1 and nota in notas[0]["mensaje"] and "2024" in notas[0]["mensaje"]
    codigo, calculo, _ = avance(runner, ruta)
    assert codigo == 0 and indicador(calculo, "IOP.01.01")["valor_obtenido"] == 30


def test_marca_de_nota_en_el_anio_de_la_linea_de_base(libro):
    hojas = hojas_minimas()
    hojas["Indicadores"][1][9] = "2022*"
    matriz = leer_libro(libro(hojas))
    assert matriz.indicadores[0].codigo == "IOP.01.01" and matriz.indicadores[0].lb_anio == 2022


@pytest.mark.parametrize("columna, texto", [(9, "2022*"), (10, "0,5"), (10, "6,235")])
def test_una_nota_en_la_linea_de_base_no_quita_el_indicador(libro, runner, columna, texto):
    """Una nota (no un error) en lb_anio o lb_valor quitaba el indicador de la matriz sin decir
    nada: el lector contaba los problemas de la fila, y no sólo sus errores."""
    hojas = hojas_minimas()
    hojas["Indicadores"][3][columna] = texto  # ISS.01.01.01.01
    matriz = leer_libro(libro(hojas))
    assert [i.codigo for i in matriz.indicadores] == [f[0] for f in hojas["Indicadores"][1:]]
    assert [p.celda for p in matriz.observaciones_lectura] == [f"{'JK'[columna - 9]}4"]
    codigo, doc, _ = avance(runner, libro(hojas, "otro.xlsx"))
    assert codigo == 0 and indicador(doc, "ISS.01.01.01.01")["valor_obtenido"] == 12


# --- Hojas y campos repetidos ----------------------------------------------------------------


def test_dos_hojas_con_el_mismo_nombre_normalizado(libro, runner):
    """Una «Valores_obtenidos» oculta antes de la visible: ¿cuál vale? Se pregunta."""
    hojas = hojas_minimas()
    vieja = [fila[:] for fila in hojas["Valores obtenidos"]]
    vieja[1][2] = 999
    hojas = {"Valores_obtenidos": vieja, **hojas}
    ruta = libro(hojas)
    wb = load_workbook(ruta)
    wb["Valores_obtenidos"].sheet_state = "hidden"
    wb.save(ruta)
    codigo, doc = validar(runner, ruta)
    assert codigo == 1
    [error] = problemas(doc, "error")
    assert "'Valores_obtenidos'" in error["mensaje"] and "'Valores obtenidos'" in error["mensaje"]
    assert avance(runner, ruta)[0] == 1


def test_campo_repetido_en_politica(libro, runner):
    hojas = hojas_minimas()
    hojas["Politica"].append(["Nombre", "Otra política"])
    codigo, doc = validar(runner, libro(hojas))
    assert codigo == 1
    [error] = problemas(doc, "error")
    assert (error["hoja"], error["celda"]) == ("Politica", "A6")
    assert "A2" in error["mensaje"] and "A6" in error["mensaje"]


# --- Números escritos con coma ---------------------------------------------------------------


@pytest.mark.parametrize("texto, fila, esperado, nota", [
    ("6,235", 3, Decimal("6235"), "coma de miles"),  # ISS en Número: ambiguo, miles con nota
    ("12,119", 3, Decimal("12119"), "coma de miles"),
    ("6.182", 3, Decimal("6182"), "punto de miles"),  # el mismo caso con punto (issue 18)
    ("-1.500", 3, Decimal("-1500"), "punto de miles"),
    ("1,234.5", 3, Decimal("1234.5"), None),  # sin ambigüedad: coma de miles y punto decimal
    ("1,234,567", 3, Decimal("1234567"), None),
    ("6.1825", 3, Decimal("6.1825"), None),  # cuatro cifras tras el punto: decimal
    ("1234.567", 3, Decimal("1234.567"), None),  # cuatro cifras enteras: decimal
    ("0.500", 3, Decimal("0.500"), None),  # parte entera 0: decimal
    ("0,365", 1, Decimal("0.365"), "coma decimal"),
    ("45,5", 1, Decimal("45.5"), "coma decimal"),
    ("45,5%", 1, Decimal("45.5"), "coma decimal"),
    ("6,2350", 3, Decimal("6.2350"), "coma decimal"),  # cuatro cifras tras la coma: decimal
    ("045,500", 3, Decimal("45.500"), "coma decimal"),  # parte entera que empieza en 0
])
def test_texto_con_coma_o_punto(libro, runner, texto, fila, esperado, nota):
    """Metodología, sección 11 (issue 18): un solo punto o una sola coma seguidos de tres
    cifras son ambiguos, y se tratan igual: fuera de un porcentaje se leen como miles, con una
    nota que dice cómo se leyó y cómo escribirlo sin dudas."""
    hojas = hojas_minimas()
    hojas["Valores obtenidos"][fila][2] = texto
    ruta = libro(hojas)
    codigo_ind = hojas["Valores obtenidos"][fila][0]
    matriz = leer_libro(ruta)
    assert next(i for i in matriz.indicadores if i.codigo == codigo_ind).vo(2024) == esperado
    notas = [p for p in matriz.observaciones_lectura if p.celda == "C" + str(fila + 1)]
    assert [p.severidad.value for p in notas] == (["observacion"] if nota else [])
    if nota:
        assert nota in notas[0].mensaje and str(esperado) in notas[0].mensaje
        assert notas[0].hoja == "Valores obtenidos" and notas[0].codigo == codigo_ind
    if nota and "miles" in nota:  # y cómo escribirlo sin dudas
        assert "sin separador" in notas[0].mensaje and "como número" in notas[0].mensaje


def test_nota_de_miles_tambien_en_avance(libro, runner):
    """La nota de un '6.182' leído como 6182 llega a quien corre avance (salida de errores)."""
    hojas = hojas_minimas()
    hojas["Valores obtenidos"][3][2] = "6.182"
    codigo, doc, error = avance(runner, libro(hojas))
    assert codigo == 0 and indicador(doc, "ISS.01.01.01.01")["valor_obtenido"] == 6182
    codigo, doc = validar(runner, libro(hojas, "otro.xlsx"))
    assert codigo == 0 and ("Valores obtenidos", "C4") in lugares(doc, "observacion")


@pytest.mark.parametrize("texto", ["45,500", "6,235", "45,500%", "45.500", "6.182", "45.500%",
                                   "-1.500"])
def test_coma_ambigua_en_un_indicador_en_porcentaje(libro, runner, texto):
    hojas = hojas_minimas()
    hojas["Valores obtenidos"][1][2] = texto  # IOP.01.01, en Porcentaje
    codigo, doc = validar(runner, libro(hojas))
    assert codigo == 1 and lugares(doc) == [("Valores obtenidos", "C2")]
    mensaje = problemas(doc, "error")[0]["mensaje"]
    assert "ambiguo" in mensaje and "¿" in mensaje and "Escriba" in mensaje


@pytest.mark.parametrize("texto, como", [
    ("treinta", "escriba el número con cifras"),
    ("1.234,5", "escríbalo como 1234.5"),
    ("12,34.5", "escriba el número con cifras"),
    ("1e3", "escriba el número con cifras"),
])
def test_todo_texto_rechazado_dice_como_escribirlo(libro, runner, texto, como):
    hojas = hojas_minimas()
    hojas["Valores obtenidos"][3][2] = texto
    codigo, doc = validar(runner, libro(hojas))
    assert codigo == 1 and lugares(doc) == [("Valores obtenidos", "C4")]
    assert como in problemas(doc, "error")[0]["mensaje"]


# --- La precisión de Excel -------------------------------------------------------------------


def test_un_double_se_lee_con_las_15_cifras_de_excel(libro, runner):
    """0.74949999999999994 con formato 0.00% se ve 74.95% en Excel: avance 75.0, [75-95%>."""
    hojas = hojas_minimas()
    hojas["Logros esperados"][1][2] = (1, "0%")
    hojas["Valores obtenidos"][1][2] = (0.74949999999999994, "0.00%")
    ruta = libro(hojas)
    corpus.reescribir(ruta, {corpus.miembro_de_hoja(hojas, "Valores obtenidos"): lambda xml:
                             xml.replace(b"<v>0.7494999999999999</v>",
                                         b"<v>0.74949999999999994</v>")})
    codigo, calculo, _ = avance(runner, ruta)
    assert codigo == 0
    fila = indicador(calculo, "IOP.01.01")
    assert fila["valor_obtenido"] == 74.95
    assert fila["avance"] == 75.0 and fila["franja"] == "75-95"


def test_un_double_sin_formato_tambien(libro):
    hojas = hojas_minimas()
    hojas["Valores obtenidos"][3][2] = 0.1 + 0.2  # 0.30000000000000004
    matriz = leer_libro(libro(hojas))
    assert next(i for i in matriz.indicadores if i.nivel == "ISS").vo(2024) == Decimal("0.3")


# --- Filas de título encima de los encabezados ---------------------------------------------------


def test_filas_de_titulo_encima_de_los_encabezados(libro, runner):
    hojas = hojas_minimas()
    hojas["Logros esperados"] = [["Logros esperados de la política"], [],
                                 *hojas["Logros esperados"]]
    hojas["Indicadores"] = [["Matriz de indicadores"], *hojas["Indicadores"]]
    ruta = libro(hojas)
    wb = load_workbook(ruta)
    wb["Logros esperados"].merge_cells("A1:C1")  # un título combinado sobre la tabla
    wb.save(ruta)
    codigo, doc = validar(runner, ruta)
    assert codigo == 0, doc
    notas = {(p["hoja"], p["celda"]): p["mensaje"] for p in problemas(doc, "observacion")}
    assert "fila 3" in notas[("Logros esperados", "3:3")]
    assert "Matriz de indicadores" in notas[("Indicadores", "2:2")]
    codigo, calculo, _ = avance(runner, ruta)
    assert codigo == 0 and calculo["indice_gestion"]["avance"] == 100.0


def test_sin_fila_de_encabezados_un_solo_error(libro, runner):
    """Sin encabezados en Indicadores: un error que dice la causa, no uno por columna y por
    código de las demás hojas."""
    hojas = hojas_minimas()
    hojas["Indicadores"] = hojas["Indicadores"][1:]
    codigo, doc = validar(runner, libro(hojas))
    assert codigo == 1
    [error] = problemas(doc, "error")
    assert error["hoja"] == "Indicadores" and "fila de encabezados" in error["mensaje"]


def test_sin_encabezados_en_estructura_tampoco_hay_cascada(libro, runner):
    hojas = hojas_minimas()
    hojas["Estructura"] = [["Estructura de la política"], *hojas["Estructura"][1:]]
    codigo, doc = validar(runner, libro(hojas))
    assert codigo == 1
    assert lugares(doc) == [("Estructura", None)]


def test_encabezado_con_una_columna_mal_escrita_sigue_siendo_el_encabezado(libro, runner):
    hojas = hojas_minimas()
    hojas["Indicadores"][0][6] = "sentdo"
    codigo, doc = validar(runner, libro(hojas))
    assert codigo == 1
    mensajes = [p["mensaje"] for p in problemas(doc, "error")]
    assert mensajes == ["Falta la columna requerida 'sentido' en la hoja Indicadores."]


# --- Caracteres invisibles -------------------------------------------------------------------


def test_caracteres_invisibles_en_encabezados_codigos_y_hojas(libro, runner):
    hojas = hojas_minimas()
    hojas["Indicadores"][0][0] = "\u200bcodigo"
    hojas["Logros esperados"][0][0] = "co\u200ddigo\ufeff"
    hojas["Logros esperados"][1][0] = "IOP.01.01\u2060"
    hojas["Estructura"][1][0] = "OP.01\u200e"
    hojas["Politica"][1][0] = "nom\u00adbre"
    hojas = {("Valores\u200b obtenidos" if h == "Valores obtenidos" else h): v
             for h, v in hojas.items()}
    codigo, doc = validar(runner, libro(hojas))
    assert codigo == 0, doc
    assert lugares(doc, "observacion") == []
    matriz = leer_libro(libro(hojas, "otro.xlsx"))
    assert matriz.ficha.nombre == "Política de prueba"
    assert {i.codigo for i in matriz.indicadores} >= {"IOP.01.01"}


# --- Números descomunales --------------------------------------------------------------------


@pytest.mark.parametrize("hoja, fila, valor, dice", [
    ("Valores obtenidos", 1, 1e26, "más de 15 cifras"),
    ("Logros esperados", 1, 1e-25, "casi cero"),
    ("Valores obtenidos", 3, "100000000000000000000", "más de 15 cifras"),
])
def test_numeros_descomunales_son_error_con_su_celda(libro, runner, hoja, fila, valor, dice):
    hojas = hojas_minimas()
    hojas[hoja][fila][2] = valor
    ruta = libro(hojas)
    codigo, doc = validar(runner, ruta)
    assert codigo == 1 and lugares(doc) == [(hoja, f"C{fila + 1}")]
    assert dice in problemas(doc, "error")[0]["mensaje"]
    assert avance(runner, ruta)[0] == 1


def test_avances_enormes_se_redondean_sin_error():
    """Dentro de los límites de lectura el avance puede ser enorme (9E+14 / 1E-14): se muestra."""
    from penitencia_cli.modelos import Sentido
    from penitencia_cli.reglas.avance import avance_tipo1, en_perfil
    from penitencia_cli.reglas.metodologia import PERFILES
    from penitencia_cli.salida.formato import avance_json, texto_avance

    politica = PERFILES["politica"]
    av = en_perfil(avance_tipo1(Sentido.ASCENDENTE, Decimal("1E-14"), Decimal("9E+14")), politica)
    assert av.mostrado == Decimal("9E+30")
    assert texto_avance(av.valor, politica).endswith(".0")
    assert avance_json(av.valor, politica) == 9e30
    assert av.franja.value == "95+"


def test_leer_libro_con_errores_no_pierde_la_causa(libro):
    hojas = hojas_minimas()
    hojas["Valores obtenidos"][1][2] = 1e26
    with pytest.raises(ErrorDeDatos) as info:
        leer_libro(libro(hojas))
    assert info.value.parcial is not None  # lo que sí se leyó, para las observaciones
