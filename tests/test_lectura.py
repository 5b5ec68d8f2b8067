"""Contrato de la plantilla (docs/plantilla.md): nombres, celdas de valor y problemas con su celda."""

from decimal import Decimal as D

import pytest

from conftest import hojas_minimas
from penitencia_cli.contrato import normalizar
from penitencia_cli.lectura import leer_libro
from penitencia_cli.lectura.celdas import Celda, ValorInvalido, valor_de_celda
from penitencia_cli.errores import ErrorDeDatos, Severidad


def _errores(ruta):
    with pytest.raises(ErrorDeDatos) as info:
        leer_libro(ruta)
    return [p for p in info.value.problemas if p.severidad is Severidad.ERROR]


# --- Nombres ----------------------------------------------------------------------------------


@pytest.mark.parametrize("texto", ["Logros esperados", "logros_esperados", "LOGROS ESPERADOS",
                                   "  Logros   Esperados ", "lógros_ESPERADOS"])
def test_normalizar_nombres(texto):
    assert normalizar(texto) == "logros esperados"


def test_hojas_columnas_y_palabras_sin_distinguir_mayusculas_tildes_ni_guiones(libro):
    hojas = hojas_minimas()
    hojas["POLÍTICA"] = hojas.pop("Politica")
    hojas["logros_esperados"] = hojas.pop("Logros esperados")
    hojas["VALORES OBTENIDOS"] = hojas.pop("Valores obtenidos")
    ind = hojas["Indicadores"]
    ind[0] = [c.upper().replace("_", " ") for c in ind[0]]  # "PERTENECE A", "LB ANIO"
    ind[1][6], ind[1][7] = " ascendente ", "ACUMULADO"
    ind[2][6], ind[2][7] = "DESCENDENTE", "no_acumulado"
    ind[1][1] = "iop"
    hojas["Estructura"][0] = ["Código", "Nivel", "Padre", "Enunciado"]
    m = leer_libro(libro(hojas))
    assert [i.sentido.value for i in m.indicadores][:2] == ["Ascendente", "Descendente"]
    assert m.indicadores[1].acumulacion.value == "No acumulado"
    assert m.ficha.nombre == "Política de prueba"


def test_columnas_en_cualquier_orden_y_extra_con_nota(libro):
    hojas = hojas_minimas()
    hojas["Indicadores"] = [list(reversed(f)) + ["x"] for f in hojas["Indicadores"]]
    hojas["Indicadores"][0][-1] = "comentario"
    hojas["Notas"] = [["lo que sea"]]
    m = leer_libro(libro(hojas))
    assert m.indicadores[0].codigo == "IOP.01.01"
    notas = [p for p in m.observaciones_lectura if p.severidad is Severidad.OBSERVACION]
    assert any("comentario" in p.mensaje for p in notas)
    assert any(p.hoja == "Notas" for p in notas)


def test_codigos_con_espacios_y_filas_vacias(libro):
    hojas = hojas_minimas()
    hojas["Indicadores"][1][0] = "  IOP.01.01 "
    hojas["Valores obtenidos"].insert(2, [None, None, None])
    hojas["Valores obtenidos"][1][0] = "IOP.01.01  "
    m = leer_libro(libro(hojas))
    assert m.indicadores[0].codigo == "IOP.01.01"
    assert m.indicadores[0].vo(2024) == 30


def test_indicador_ausente_de_una_hoja_es_nd(libro):
    hojas = hojas_minimas()
    del hojas["Valores obtenidos"][3]  # ISS.01.01.01.01
    m = leer_libro(libro(hojas))
    iss = [i for i in m.indicadores if i.codigo == "ISS.01.01.01.01"][0]
    assert iss.vo(2024) is None and iss.le(2024) == 10


def test_hojas_con_anios_distintos(libro):
    hojas = hojas_minimas()
    hojas["Logros esperados"] = [f + [v] for f, v in zip(hojas["Logros esperados"],
                                                         ["2030", 90, 20, 15, "ND"])]
    m = leer_libro(libro(hojas))
    assert m.anios == [2023, 2024, 2030]
    assert m.indicadores[0].le(2030) == 90


# --- Celdas de valor --------------------------------------------------------------------------


def _celda(valor, tipo="n", porcentaje=False):
    return Celda(1, 1, valor, tipo, porcentaje)


@pytest.mark.parametrize(
    "valor, tipo, porcentaje, esperado",
    [
        (36.5, "n", False, D("36.5")),
        (6235, "n", False, D(6235)),
        (0.365, "n", True, D("36.5")),
        (0.3785, "n", True, D("37.85")),
        (1, "n", True, D(100)),
        (0.0002, "n", True, D("0.02")),
        ("36.50%", "s", False, D("36.50")),
        ("36.5 %", "s", False, D("36.5")),
        ("6,235", "s", False, D(6235)),
        ("1,234.5", "s", False, D("1234.5")),
        (" 12 ", "s", False, D(12)),
        ("-3.5", "s", False, D("-3.5")),
        ("0.000000000000001", "s", False, D("1E-15")),  # MAGNITUD_MINIMA: se admite
        (1e-15, "n", False, D("1E-15")),
        (None, "n", False, None),
        ("", "s", False, None),
        ("ND", "s", False, None),
        ("N.D.", "s", False, None),
        ("n.d.", "s", False, None),
        ("-", "s", False, None),
        ("—", "s", False, None),
        ("S.I.", "s", False, None),
        (" nd ", "s", False, None),
    ],
)
def test_celdas_de_valor(valor, tipo, porcentaje, esperado):
    assert valor_de_celda(_celda(valor, tipo, porcentaje)) == esperado


@pytest.mark.parametrize(
    "valor, tipo, dice",
    [
        ("mucho", "s", "'mucho'"),
        ("1.234,5", "s", "1234.5"),  # punto de miles y coma decimal: dice cómo escribirlo
        ("#DIV/0!", "e", "#DIV/0!"),
        (True, "b", "VERDADERO"),
        (None, "formula-sin-valor", "fórmula"),
    ],
)
def test_celdas_invalidas(valor, tipo, dice):
    with pytest.raises(ValorInvalido) as info:
        valor_de_celda(_celda(valor, tipo))
    assert dice in str(info.value)


def test_libro_con_porcentajes_formulas_y_textos(libro):
    hojas = hojas_minimas()
    hojas["Logros esperados"][1] = ["IOP.01.01", (0.2, "0.00%"), "40.00%"]
    hojas["Valores obtenidos"][1] = ["IOP.01.01", "15", (0.3, "0%")]
    m = leer_libro(libro(hojas))
    ind = m.indicadores[0]
    assert (ind.le(2023), ind.le(2024), ind.vo(2023), ind.vo(2024)) == (20, 40, 15, 30)


# --- Problemas: todos a la vez, cada uno con hoja y celda --------------------------------------


def test_varios_problemas_con_su_celda(libro):
    hojas = hojas_minimas()
    hojas["Indicadores"][2][6] = "Neutral"  # G3
    hojas["Valores obtenidos"][3][2] = "mucho"  # C4
    hojas["Estructura"][3][2] = "LN.99"  # C4: padre inexistente
    hojas["Logros esperados"].append(["IOP.77.77", 1, 2])  # A6
    errores = _errores(libro(hojas))
    lugares = {(p.lugar, p.codigo) for p in errores}
    assert ("Indicadores!G3", "IOP.01.02") in lugares
    assert ("Valores obtenidos!C4", "ISS.01.01.01.01") in lugares
    assert ("Estructura!C4", "SS.01.01.01") in lugares
    assert ("Logros esperados!A6", "IOP.77.77") in lugares
    assert len(errores) == 4


def test_codigo_repetido_y_pertenencia_de_nivel_incorrecto(libro):
    hojas = hojas_minimas()
    hojas["Indicadores"][3][2] = "OP.01"  # un ISS que pertenece a un OP
    hojas["Indicadores"].append(list(hojas["Indicadores"][1]))  # IOP.01.01 repetido, fila 6
    mensajes = {(p.lugar, p.mensaje) for p in _errores(libro(hojas))}
    assert any(l == "Indicadores!A6" and "repetido" in m for l, m in mensajes)
    assert any(l == "Indicadores!C4" and "debe pertenecer a un SS" in m for l, m in mensajes)


def test_falta_una_hoja_y_una_columna(libro):
    hojas = hojas_minimas()
    del hojas["Valores obtenidos"]
    hojas["Indicadores"] = [f[:6] + f[7:] for f in hojas["Indicadores"]]  # sin 'sentido'
    errores = _errores(libro(hojas))
    assert any("Valores obtenidos" in p.mensaje and "Falta la hoja" in p.mensaje for p in errores)
    assert any(p.hoja == "Indicadores" and "'sentido'" in p.mensaje for p in errores)


def test_encabezado_de_anio_invalido(libro):
    hojas = hojas_minimas()
    hojas["Logros esperados"][0][2] = "2O24"
    errores = _errores(libro(hojas))
    assert [(p.lugar, "2O24" in p.mensaje) for p in errores] == [("Logros esperados!C1", True)]


def test_no_es_un_libro(tmp_path):
    ruta = tmp_path / "x.xlsx"
    ruta.write_text("hola")
    (p,) = _errores(ruta)
    assert "no es un libro" in p.mensaje


@pytest.mark.parametrize("contenido, dice", [
    (b"\xef\xbb\xbfcodigo;2024\nIOP.01.01;30\n", "ni un PDF: es un archivo de texto (si es un CSV"),
    (b"\n  <!DOCTYPE html><html>Sesi\xc3\xb3n expirada</html>", "ni un PDF: parece una página web"),
    (b"\x00\x01\x02 binario", "(no es un archivo zip) ni un PDF. Use el libro .xlsx"),
    (b"%PDF-1.7\n basura", "(no es un archivo zip): es un PDF."),
])
def test_lo_que_no_es_un_zip_dice_que_parece(tmp_path, contenido, dice):
    """La pista la da el lector de libros: también quien llama a leer_libro la recibe."""
    ruta = tmp_path / "x.xlsx"
    ruta.write_bytes(contenido)
    (p,) = _errores(ruta)
    assert p.mensaje.startswith(f"{ruta} no es un libro de Excel .xlsx") and dice in p.mensaje


def test_un_padre_de_mas_es_un_solo_error_sin_cascada(tmp_path):
    """La muestra con OP.01 colgado de OP.02: el elemento se lee igual (sus lineamientos e
    indicadores y su avance publicado tienen a quién pertenecer) y el único error es el suyo."""
    from openpyxl import load_workbook

    from conftest import MUESTRA

    wb = load_workbook(MUESTRA)
    assert wb["Estructura"]["A2"].value == "OP.01"
    wb["Estructura"]["C2"] = "OP.02"
    wb.save(tmp_path / "op01.xlsx")
    errores = _errores(tmp_path / "op01.xlsx")
    assert [(p.lugar, p.codigo, p.mensaje) for p in errores] == [
        ("Estructura!C2", "OP.01", "Un OP no tiene padre, pero OP.01 tiene 'OP.02'.")]


def test_la_estructura_se_revisa_aunque_indicadores_no_se_pueda_leer(libro):
    hojas = hojas_minimas()
    hojas["Estructura"][2][2] = None  # C3: un LN sin padre
    hojas["Indicadores"] = [f[1:] for f in hojas["Indicadores"]]  # sin 'codigo'
    errores = {(p.lugar, p.mensaje) for p in _errores(libro(hojas))}
    assert ("Estructura!C3", "Falta el padre de LN.01.01 (LN).") in errores
    assert ("Indicadores!1:1", "Falta la columna requerida 'codigo' en la hoja Indicadores.") \
        in errores
    assert not any("no existe" in m for _, m in errores)  # ni el SS.01.01.01 que cuelga del LN
