"""Un PEI de punta a punta: la plantilla de ``penitencia plantilla --instrumento pei`` llenada sin
ningún sentido da las cifras del Anexo B-7 (a mano en ``conftest.HOJAS_PEI``) en cada comando; la
muestra samples/pei_ejemplo.xlsx; el lector valida niveles y padres según el instrumento."""

from __future__ import annotations

import csv
import io
import json

import pytest
from openpyxl import load_workbook

from conftest import RAIZ, hojas_minimas, hojas_pei, llenar
from penitencia_cli.cli import app

MUESTRA_PEI = RAIZ / "samples" / "pei_ejemplo.xlsx"

AVANCES_2022 = {"IOEI.01.01": 100.0, "IOEI.01.02": 93.55, "IOEI.02.01": 90.91,
                "IOEI.02.02": 74.95, "IAEI.01.01.01": 100.0, "IAEI.01.02.01": 93.02,
                "IAEI.02.01.01": 20.0}


def _correr(runner, *argumentos, codigo=0, columnas=100):
    r = runner.invoke(app, [str(a) for a in argumentos], env={"COLUMNS": str(columnas)})
    assert r.exit_code == codigo, r.output
    assert "Traceback" not in r.output
    return r


def _json(runner, *argumentos, codigo=0):
    return json.loads(_correr(runner, *argumentos, "-f", "json", codigo=codigo).stdout)


@pytest.fixture(scope="module")
def pei(tmp_path_factory):
    """La plantilla de un PEI (la escribe la CLI) llenada sin sentido ni acumulación, con los
    avances que publicaría el Anexo B-7 de 2022."""
    from typer.testing import CliRunner

    ruta = tmp_path_factory.mktemp("pei") / "mi_pei.xlsx"
    r = CliRunner().invoke(app, ["plantilla", str(ruta), "--instrumento", "pei", "--desde",
                                 "2021", "--hasta", "2023"])
    assert r.exit_code == 0, r.output
    assert "Plantilla de un PEI escrita" in r.output
    hojas = hojas_pei()
    hojas["Avance publicado"] = [["codigo", 2022], ["IOEI.01.01", 100], ["IOEI.01.02", 93.55],
                                 ["OEI.01", 96.77], ["INDICE", 89.85]]
    llenar(ruta, hojas)
    return ruta


def test_avance_json_de_la_plantilla_llena(runner, pei):
    doc = _json(runner, "avance", 2022, "-a", pei)
    assert doc["instrumento"]["clave"] == "pei"
    assert doc["politica"]["entidad"] == "999: ENTIDAD DE PRUEBA"
    assert doc["politica"]["periodo"] == "2021-2023"
    assert {i["codigo"]: i["avance"] for i in doc["indicadores"]} == AVANCES_2022
    sin_tope = {i["codigo"]: i["avance_sin_tope"] for i in doc["indicadores"]}
    assert sin_tope["IOEI.01.01"] == 211.4 and sin_tope["IOEI.01.02"] == 93.55
    assert all(i["sentido_inferido"] for i in doc["indicadores"])
    assert {i["codigo"]: i["sentido"] for i in doc["indicadores"]} == {
        "IOEI.01.01": "Ascendente", "IOEI.01.02": "Ascendente", "IOEI.02.01": "Descendente",
        "IOEI.02.02": "Ascendente", "IAEI.01.01.01": "Ascendente",
        "IAEI.01.02.01": "Descendente", "IAEI.02.01.01": "Ascendente"}
    assert {i["codigo"]: i["nivel"] for i in doc["indicadores"]}["IAEI.02.01.01"] == "IAEI"
    assert [(o["codigo"], o["avance"], o["con_dato"]) for o in doc["objetivos"]] == [
        ("OEI.01", 96.77, 2), ("OEI.02", 82.93, 2)]
    assert [(a["codigo"], a["avance"]) for a in doc["acciones"]] == [
        ("AEI.01.01", 100.0), ("AEI.01.02", 93.02), ("AEI.02.01", 20.0)]
    assert doc["indice_gestion"] == {"avance": 89.85, "franja": "75-95", "con_dato": 2,
                                     "total": 2}
    assert doc["resumen"] == {
        "objetivos": {"0-75": 0, "75-95": 1, "95+": 1, "ND": 0},
        "indicadores_oei": {"0-75": 1, "75-95": 2, "95+": 1, "ND": 0},
        "indicadores_aei": {"0-75": 1, "75-95": 1, "95+": 1, "ND": 0},
    }
    franjas = {i["codigo"]: i["franja"] for i in doc["indicadores"]}
    assert franjas["IOEI.02.02"] == "0-75"  # 74.95 con dos decimales


def test_avance_en_pantalla_habla_del_pei(runner, pei):
    texto = _correr(runner, "avance", 2022, "-a", pei).stdout
    for esperado in ("Plan:", "Instrumento: Plan Estratégico Institucional (PEI)",
                     "Objetivos estratégicos institucionales", "Indicadores de OEI",
                     "Acciones estratégicas institucionales", "Índice de gestión del PEI: 89.85",
                     "Desc.ⁱ", "ⁱ Sentido inferido"):
        assert esperado in texto
    assert ("El porcentaje de avance de los indicadores ha sido truncado en 100 %; lo superaban: "
            "IOEI.01.01 211.40." in " ".join(texto.split()))
    assert "Objetivos prioritarios" not in texto and "Política:" not in texto
    solo = _correr(runner, "avance", 2022, "-a", pei, "--solo", "iss").stdout
    assert "Indicadores de AEI" in solo and "IOEI.01.02" not in solo


def test_avance_csv_y_exportaciones(runner, pei, tmp_path):
    filas = list(csv.reader(io.StringIO(_correr(runner, "avance", 2022, "-a", pei, "-f",
                                                "csv").stdout_bytes.decode("utf-8-sig"))))
    assert filas[0][-2:] == ["sentido_inferido", "avance_sin_tope"]
    primera = dict(zip(filas[0], filas[1]))
    assert (primera["codigo"], primera["avance"], primera["avance_sin_tope"]) == (
        "IOEI.01.01", "100.00", "211.40")
    aei = list(csv.reader(io.StringIO(_correr(runner, "avance", 2022, "-a", pei, "-f", "csv",
                                              "--solo", "iss").stdout_bytes.decode("utf-8-sig"))))
    assert [f[0] for f in aei[1:]] == ["IAEI.01.01.01", "IAEI.01.02.01", "IAEI.02.01.01"]
    destino = tmp_path / "reporte.xlsx"
    _correr(runner, "avance", 2022, "-a", pei, "-e", destino)
    ws = load_workbook(destino)["Resumen"]
    filas = {fila[0]: fila[1:] for fila in ws.iter_rows(values_only=True) if fila[0]}
    assert ws["A1"].value == "Anexo B-7 · Seguimiento del Plan Estratégico Institucional (PEI) 2022"
    assert filas["Índice de gestión del PEI"][0] == 89.85
    assert filas["Metodología"][0] == "PEI-CEPLAN 1.0"
    assert filas["Plan:"][0] == "PEI de prueba 2021-2023"
    indice = next(c for c in ws["B"] if c.value == 89.85)
    assert indice.number_format == "#,##0.00"  # coma de miles, como el reporte


def test_avance_ampliado_periodo_y_proyeccion(runner, pei):
    doc = _json(runner, "avance", 2022, "-a", pei, "--tipo", "ambos", "--proyeccion")
    assert doc["proyeccion"]["anio_final"] == 2023 and "tipo2" in doc
    periodo = _json(runner, "avance", 2022, "-a", pei, "--desde", 2021)
    # Sin acumulación declarada, el avance de un periodo es ND, con el motivo.
    assert all(i["avance"] is None for i in periodo["indicadores"])
    assert "acumulación" in periodo["indicadores"][0]["observaciones"][-1]
    assert periodo["indice_gestion"]["avance"] is None


def test_alertas_hablan_de_oei_y_aei(runner, pei):
    doc = _json(runner, "alertas", 2022, "-a", pei)
    assert doc["conteo"] == {"sin_dato_oei": 0, "sin_dato_aei": 0, "retroceso": 2,
                             "avance_limitado": 1}
    assert [a["codigo"] for a in doc["alertas"]] == ["IOEI.02.01", "IAEI.02.01.01",
                                                      "IAEI.02.01.01"]
    assert doc["alertas"][2]["avance"] == 20.0
    texto = _correr(runner, "alertas", 2021, "-a", pei).stdout
    assert "a. Indicadores de OEI sin medición (1)" in texto and "IOEI.02.02" in texto
    borrador = _correr(runner, "alertas", 2021, "-a", pei, "-f", "markdown").stdout
    assert "algunos Objetivos Estratégicos Institucionales que" in borrador
    assert "Objetivos Prioritarios" not in borrador


def test_verificar_evolucion_comparar_y_validar(runner, pei):
    conc = _json(runner, "verificar", 2022, "-a", pei)
    assert (conc["comparados"], conc["coinciden"]) == (4, 4)
    ev = _json(runner, "evolucion", "ioei.02.01", "-a", pei)
    assert (ev["sentido"], ev["sentido_inferido"]) == ("Descendente", True)
    assert [f["avance_tipo1"] for f in ev["anios"]] == [83.33, 90.91, None]
    accion = _json(runner, "evolucion", "AEI.02.01", "-a", pei)
    assert accion["clase"] == "accion" and accion["anios"][1]["avance_tipo1"] == 20.0
    indice = _json(runner, "evolucion", "INDICE", "-a", pei)
    assert indice["nombre"] == "Índice de gestión del PEI"
    assert [f["avance_tipo1"] for f in indice["anios"]][:2] == [80.58, 89.85]
    comp = _json(runner, "comparar", 2021, 2022, "-a", pei)
    assert comp["indice_gestion"]["variacion"] == 9.27
    assert list(comp["resumen"]) == ["objetivos", "indicadores_oei", "indicadores_aei"]
    val = _json(runner, "validar", pei)
    assert val["errores"] == 0
    inferidos = [p for p in val["problemas"] if p["mensaje"].startswith("Sentido inferido")]
    assert len(inferidos) == 7
    assert inferidos[2]["celda"] == "G4" and "bajan de 5 en 2021 a 0 en 2023" in \
        inferidos[2]["mensaje"]


@pytest.mark.parametrize("columnas", [80, 120])
def test_vistas_del_pei_caben_en_la_terminal(runner, pei, columnas):
    for argumentos in (["avance", 2022], ["alertas", 2022], ["evolucion", "OEI.01"],
                       ["comparar", 2021, 2022]):
        texto = _correr(runner, *argumentos, "-a", pei, columnas=columnas).stdout
        assert max(len(linea.rstrip()) for linea in texto.splitlines()) <= columnas


def test_muestra_del_pei(runner):
    doc = _json(runner, "avance", 2022, "-a", MUESTRA_PEI)
    assert doc["indice_gestion"]["avance"] == 94.7
    assert [o["avance"] for o in doc["objetivos"]] == [96.77, 92.62, None]
    avances = {i["codigo"]: (i["avance"], i.get("avance_sin_tope")) for i in doc["indicadores"]}
    assert avances["IOEI.01.01"] == (93.55, 93.55)
    assert avances["IOEI.01.02"] == (100.0, 211.4)
    assert avances["IAEI.01.01.01"] == (None, None)  # logro esperado S.P.
    assert avances["IOEI.03.01"] == (None, None)  # valor obtenido S.I.
    assert avances["IAEI.02.01.01"] == (100.0, 100.0)  # LE 0, VO 2: meta cero superada
    conc = _json(runner, "verificar", 2022, "-a", MUESTRA_PEI)
    assert conc["comparados"] == conc["coinciden"] == 10


# --- PESEM y los niveles de cada instrumento en el lector --------------------------------------


def _como(hojas, instrumento: str, letras: str) -> dict:
    """El PEI de prueba con los niveles de otro plan (OEI → O+letras...)."""
    texto = json.dumps(hojas).replace("OEI", f"O{letras}").replace("AEI", f"A{letras}")
    nuevas = json.loads(texto)
    nuevas["Politica"][2][1] = instrumento
    return nuevas


def test_un_pesem_calcula_con_las_reglas_del_pei(runner, libro):
    ruta = libro(_como(hojas_pei(), "Pesem", "ES"))
    doc = _json(runner, "avance", 2022, "-a", ruta)
    assert doc["instrumento"]["clave"] == "pesem"
    assert {i["codigo"]: i["avance"] for i in doc["indicadores"]}["IOES.01.01"] == 100.0
    assert doc["indice_gestion"]["avance"] == 89.85
    assert list(doc["resumen"]) == ["objetivos", "indicadores_oes", "indicadores_aes"]
    texto = _correr(runner, "avance", 2022, "-a", ruta).stdout
    assert "Objetivos estratégicos sectoriales" in texto


def _errores(runner, ruta) -> list[dict]:
    doc = _json(runner, "validar", ruta, codigo=1)
    return [p for p in doc["problemas"] if p["severidad"] == "error"]


def test_niveles_y_padres_segun_el_instrumento(runner, libro):
    hojas = hojas_pei()
    hojas["Estructura"].append(["OP.09", "OP", None, "Un OP en un PEI"])
    hojas["Estructura"].append(["AEI.09.01", "AEI", "AEI.01.01", "Acción que cuelga de otra"])
    hojas["Indicadores"].append(["IAEI.09", "IAEI", "OEI.01", "IAEI de un OEI", None])
    hojas["Indicadores"].append(["IOEI.09", None, "XX.01", "Nivel vacío sin padre", None])
    errores = {(p["celda"], p["codigo"]): p["mensaje"] for p in _errores(runner, libro(hojas))}
    assert "es de un instrumento Política nacional" in errores[("B7", "OP.09")]
    assert "use OEI o AEI" in errores[("B7", "OP.09")]
    assert errores[("C8", "AEI.09.01")] == ("El padre AEI.01.01 de AEI.09.01 es AEI; un AEI debe "
                                            "colgar de un OEI.")
    assert errores[("C9", "IAEI.09")] == ("pertenece_a OEI.01 de IAEI.09 es OEI; un indicador "
                                          "IAEI debe pertenecer a un AEI.")
    assert "no se puede deducir" in errores[("B10", "IOEI.09")]


def test_instrumento_desconocido_y_sentido_invalido_en_un_plan(runner, libro):
    hojas = hojas_pei()
    hojas["Politica"][2][1] = "Plan operativo"
    (error,) = _errores(runner, libro(hojas))
    assert error["celda"] == "B3" and "use Política nacional, PEI, PESEM, PDRC o PDLC" in \
        error["mensaje"]
    hojas = hojas_pei()
    hojas["Indicadores"][0].append("sentido")
    hojas["Indicadores"][1].append("Neutro")
    (error,) = _errores(runner, libro(hojas))
    assert "déjelo vacío para inferirlo" in error["mensaje"]


def test_una_politica_sigue_exigiendo_sentido_y_no_exige_ministerio(runner, libro):
    hojas = hojas_minimas()
    hojas["Indicadores"][1][6] = None
    (error,) = _errores(runner, libro(hojas))
    assert error["celda"] == "G2" and "no se adivina" in error["mensaje"]
    hojas = hojas_minimas()
    del hojas["Politica"][3]  # sin ministerio conductor: como siempre, se calcula
    doc = _json(runner, "avance", 2024, "-a", libro(hojas, "sin_ministerio.xlsx"))
    assert doc["politica"]["ministerio_conductor"] is None and "instrumento" not in doc
    assert doc["indice_gestion"]["avance"] == 100.0


def test_plantilla_de_un_pei(runner, tmp_path):
    ruta = tmp_path / "pei.xlsx"
    _correr(runner, "plantilla", ruta, "-i", "Plan Estratégico Institucional")
    wb = load_workbook(ruta)
    politica = {f[0]: f[1] for f in wb["Politica"].iter_rows(min_row=2, values_only=True)}
    assert politica == {"nombre": None, "instrumento": "PEI", "entidad": None, "periodo": None,
                        "sector": None, "nivel de gobierno": None}
    # Las columnas que suma un plan (las del Anexo B-7), al final: las de siempre no se mueven.
    assert [c.value for c in wb["Estructura"][1]] == [
        "codigo", "nivel", "padre", "enunciado", "prioridad"]
    assert [c.value for c in wb["Indicadores"][1]][11:] == ["actual_anio", "actual_valor", "ue"]
    listas = {str(dv.sqref).split(":")[0]: dv.formula1
              for dv in wb["Indicadores"].data_validations.dataValidation}
    assert listas["B2"] == '"IOEI,IAEI"'
    (dv,) = wb["Estructura"].data_validations.dataValidation
    assert dv.formula1 == '"OEI,AEI"'
    texto = " ".join(str(c.value) for fila in wb["Instrucciones"].iter_rows() for c in fila
                     if c.value)
    for palabra in ("Plan Estratégico Institucional (PEI)", "se infiere de los logros esperados",
                    "se deduce de pertenece_a", "S.P. (sin programación)"):
        assert palabra in texto
    r = _correr(runner, "plantilla", tmp_path / "x.xlsx", "--instrumento", "POI", codigo=2)
    assert "--instrumento 'POI' no es válido" in r.output
    assert not (tmp_path / "x.xlsx").exists()
    _correr(runner, "plantilla", tmp_path / "politica.xlsx")
    politica = load_workbook(tmp_path / "politica.xlsx")["Politica"]
    assert [c.value for c in politica["A"]][1:] == ["nombre", "instrumento", "sector",
                                                     "ministerio conductor", "tipo"]
    assert politica["B3"].value == "Política nacional"


def test_avance_publicado_de_un_pei_admite_oei_e_indicadores(runner, libro):
    hojas = hojas_pei()
    hojas["Avance publicado"] = [["codigo", 2022], ["OEI.01", 96.77], ["AEI.01.01", 100]]
    (error,) = _errores(runner, libro(hojas))
    assert error["codigo"] == "AEI.01.01"
    assert "no existe en Indicadores, Estructura (OEI) ni INDICE" in error["mensaje"]


def test_las_columnas_del_anexo_b7_en_un_plan(runner, libro):
    """prioridad, actual_anio, actual_valor, ue y el campo nivel de gobierno: se leen en un plan
    (con su celda si están mal) y son columnas de más, con su nota, en una política."""
    from penitencia_cli.lectura import leer_libro

    hojas = hojas_pei()
    hojas["Politica"].append(["nivel de gobierno", "E - GOBIERNO NACIONAL"])
    hojas["Estructura"][0].append("prioridad")
    for fila, prioridad in zip(hojas["Estructura"][1:], (1, "2", 1.0, "  ", None)):
        fila.append(prioridad)
    hojas["Indicadores"][0] += ["actual_anio", "actual_valor", "ue"]
    hojas["Indicadores"][1] += [2020, "45.5%", "001-ENTIDAD"]
    hojas["Indicadores"][2] += [2020, "ND", None]
    m = leer_libro(libro(hojas))
    assert m.ficha.nivel_gobierno == "E - GOBIERNO NACIONAL"
    assert [e.prioridad for e in m.estructura] == [1, 2, 1, None, None]
    uno, dos = m.indicadores[:2]
    assert (uno.actual_anio, str(uno.actual_valor), uno.ue) == (2020, "45.5", "001-ENTIDAD")
    assert (dos.actual_anio, dos.actual_valor, dos.ue) == (2020, None, None)
    assert m.indicadores[2].actual_anio is None
    hojas["Estructura"][1][4] = "alta"
    hojas["Indicadores"][1][5:7] = ["2O20", "mucho"]
    errores = {(p["celda"], p["codigo"]): p["mensaje"]
               for p in _errores(runner, libro(hojas, "mal.xlsx"))}
    assert errores[("E2", "OEI.01")] == ("Prioridad 'alta' no es un número entero: escriba 1, "
                                         "2, 3... (o deje la celda vacía).")
    assert "Año de valor actual '2O20' no es un año" in errores[("F2", "IOEI.01.01")]
    assert errores[("G2", "IOEI.01.01")].startswith("Valor actual inválido: 'mucho', que no es un número")
    assert len(errores) == 3  # la prioridad mal escrita no deja sin padre a sus acciones
    hojas = hojas_minimas()
    hojas["Indicadores"][0].append("ue")
    hojas["Indicadores"][1].append("001-ENTIDAD")
    doc = _json(runner, "validar", libro(hojas, "politica.xlsx"))
    assert [p["mensaje"] for p in doc["problemas"] if p["hoja"] == "Indicadores"] == [
        "Columna 'ue' no pertenece a la plantilla: se ignora."]
