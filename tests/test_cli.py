"""La CLI de punta a punta con CliRunner: contrato JSON, CSV, exportaciones, errores y ayuda."""

import csv
import hashlib
import io
import json
import os
import shutil
import subprocess
import sys

import pytest

from conftest import MUESTRA, hojas_minimas
from penitencia_cli.cli import app

CLAVES_INDICADOR = {"codigo", "nivel", "pertenece_a", "nombre", "sentido", "acumulacion",
                    "logro_esperado", "valor_obtenido", "avance", "franja", "observaciones"}


def _json(runner, *args):
    r = runner.invoke(app, ["avance", *args, "--formato", "json"])
    assert r.exit_code == 0, r.output
    return json.loads(r.stdout)


def test_contrato_json(runner):
    doc = _json(runner, "2024")
    assert set(doc) >= {"politica", "anio", "indice_gestion", "resumen", "objetivos",
                        "indicadores"}
    assert set(doc["politica"]) >= {"nombre", "sector", "ministerio_conductor", "tipo"}
    assert doc["anio"] == 2024
    assert set(doc["indice_gestion"]) >= {"avance", "franja", "con_dato", "total"}
    for grupo in ("objetivos", "indicadores_op", "indicadores_servicio"):
        assert list(doc["resumen"][grupo]) == ["0-75", "75-95", "95+", "ND"]
    for o in doc["objetivos"]:
        assert set(o) >= {"codigo", "enunciado", "avance", "franja", "con_dato", "total"}
    assert len(doc["indicadores"]) == 49
    for i in doc["indicadores"]:
        assert set(i) >= CLAVES_INDICADOR
        assert i["franja"] in {"0-75", "75-95", "95+", "ND"}
        assert i["avance"] is None or (isinstance(i["avance"], float)
                                       and round(i["avance"], 1) == i["avance"])
        assert isinstance(i["observaciones"], list)


def test_json_con_libro_propio(runner, libro):
    doc = _json(runner, "2024", "--archivo", str(libro()))
    assert doc["politica"]["nombre"] == "Política de prueba"
    avances = {i["codigo"]: i["avance"] for i in doc["indicadores"]}
    assert avances == {"IOP.01.01": 75.0, "IOP.01.02": 125.0, "ISS.01.01.01.01": 120.0,
                       "IOP.02.01": None}
    assert [(o["codigo"], o["avance"]) for o in doc["objetivos"]] == [("OP.01", 100.0),
                                                                      ("OP.02", None)]
    assert doc["indice_gestion"] == {"avance": 100.0, "franja": "95+", "con_dato": 1, "total": 2}


def test_csv_es_la_tabla_de_indicadores(runner):
    r = runner.invoke(app, ["avance", "2024", "-f", "csv"])
    assert r.exit_code == 0
    filas = list(csv.DictReader(io.StringIO(r.stdout_bytes.decode("utf-8-sig"))))
    assert len(filas) == 49
    fila = {f["codigo"]: f for f in filas}["IOP.01.02"]
    assert (fila["logro_esperado"], fila["valor_obtenido"], fila["avance"], fila["franja"]) == \
        ("26", "37.85", "68.7", "0-75")
    assert {f["codigo"]: f for f in filas}["IOP.01.01"]["avance"] == ""


def test_tabla_legible_a_100_columnas(runner):
    r = runner.invoke(app, ["avance", "2024"], env={"COLUMNS": "100"})
    assert r.exit_code == 0
    lineas = r.stdout.splitlines()
    assert max(len(l) for l in lineas) <= 100
    texto = r.stdout
    for esperado in ("Política Nacional Penitenciaria al 2030", "MULTISECTORIAL",
                     "Objetivos prioritarios", "Indicadores de servicio", "69.0", "OP.04",
                     "56.1", "ISS.04.05.01.01", "28.2", "[75-95%>"):
        assert esperado in texto
    fila = [l for l in lineas if "Indicadores de servicio" in l][0]
    assert fila.split()[-4:] == ["11", "5", "18", "2"]


@pytest.mark.parametrize("extension", [".json", ".csv", ".xlsx"])
def test_exportar(runner, tmp_path, extension):
    destino = tmp_path / f"resultado{extension}"
    r = runner.invoke(app, ["avance", "2024", "-f", "json", "--exportar", str(destino)])
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout)["anio"] == 2024  # stdout sigue siendo sólo el JSON
    assert destino.exists()
    assert [p.name for p in tmp_path.iterdir()] == [destino.name]  # sin temporales
    if extension == ".json":
        assert json.loads(destino.read_text(encoding="utf-8"))["indice_gestion"]["avance"] == 69.0
    elif extension == ".csv":  # la tabla de --formato csv, los mismos bytes
        assert destino.read_bytes() == runner.invoke(app, ["avance", "2024", "-f", "csv"]).stdout_bytes
        filas = list(csv.reader(io.StringIO(destino.read_text(encoding="utf-8-sig"))))
        assert filas[0][:5] == ["codigo", "nivel", "pertenece_a", "op", "nombre"]
        assert len(filas) == 1 + 49
    else:
        from openpyxl import load_workbook

        wb = load_workbook(destino)
        assert {"Resumen", "Objetivos", "Indicadores"} <= set(wb.sheetnames)
        valores = [list(fila) for fila in wb["Resumen"].iter_rows(values_only=True)]

        def conteos(rotulo):
            fila = [f for f in valores if rotulo in f][0]
            return fila[fila.index(rotulo) + 1:fila.index(rotulo) + 5]

        assert conteos("Objetivos prioritarios") == [3, 3, 0, 0]
        assert conteos("Indicadores de OP") == [6, 1, 2, 4]
        assert conteos("Indicadores de servicio") == [11, 5, 18, 2]
        assert any(69.0 in f for f in valores)


def test_exportar_nunca_sobre_la_entrada(runner, libro):
    ruta = libro()
    antes = hashlib.sha256(ruta.read_bytes()).hexdigest()
    mtime = os.stat(ruta).st_mtime_ns
    r = runner.invoke(app, ["avance", "2024", "-a", str(ruta), "--exportar", str(ruta)])
    assert r.exit_code == 2
    assert "entrada" in r.output
    assert hashlib.sha256(ruta.read_bytes()).hexdigest() == antes
    assert os.stat(ruta).st_mtime_ns == mtime


def test_exportar_extension_desconocida(runner, tmp_path):
    r = runner.invoke(app, ["avance", "2024", "--exportar", str(tmp_path / "x.pdf")])
    assert r.exit_code == 2
    assert ".xlsx" in r.output
    assert list(tmp_path.iterdir()) == []


def test_anio_que_el_libro_no_tiene(runner):
    r = runner.invoke(app, ["avance", "2031"])
    assert r.exit_code == 2
    assert "2031" in r.output
    assert "2019, 2020, 2021, 2022, 2023, 2024" in r.output
    assert "Traceback" not in r.output


def test_datos_con_problemas_salida_1_sin_traza(runner, libro):
    hojas = hojas_minimas()
    hojas["Valores obtenidos"][2][2] = "#N/D?"
    hojas["Indicadores"][1][6] = "Subiendo"
    r = runner.invoke(app, ["avance", "2024", "-a", str(libro(hojas))], env={"COLUMNS": "200"})
    assert r.exit_code == 1
    assert "Traceback" not in r.output
    assert "Valores obtenidos!C3" in r.output and "IOP.01.02" in r.output
    assert "Indicadores!G2" in r.output and "IOP.01.01" in r.output


def test_archivo_inexistente(runner, tmp_path):
    r = runner.invoke(app, ["avance", "2024", "-a", str(tmp_path / "no.xlsx")])
    assert r.exit_code == 1
    assert "No existe el archivo" in r.output


@pytest.mark.parametrize("args", [["avance"], ["avance", "dos mil"], ["avance", "2024", "-f", "x"],
                                  ["avance", "2024", "--nada"], ["nada"]])
def test_errores_de_uso_salida_2_en_castellano(runner, args):
    r = runner.invoke(app, args)
    assert r.exit_code == 2
    assert "Traceback" not in r.output
    assert any(p in r.output for p in ("Falta", "no válido", "No existe", "Valor"))


def test_ayuda_en_castellano(runner):
    r = runner.invoke(app, ["--help"])
    assert r.exit_code == 0
    assert "Uso:" in r.stdout and "Comandos" in r.stdout and "avance" in r.stdout
    r = runner.invoke(app, ["avance", "--help"])
    assert r.exit_code == 0
    for texto in ("Uso:", "Opciones", "--archivo", "--formato", "--exportar",
                  "Muestra esta ayuda"):
        assert texto in r.stdout


def test_version(runner):
    from penitencia_cli import __version__

    r = runner.invoke(app, ["--version"])
    assert r.exit_code == 0 and __version__ in r.stdout


def test_python_m(tmp_path):
    """`python -m penitencia_cli` funciona igual que el script."""
    entorno = dict(os.environ, PYTHONPATH=str(MUESTRA.parent.parent))
    r = subprocess.run([sys.executable, "-m", "penitencia_cli", "avance", "2024", "-f", "json"],
                       capture_output=True, text=True, cwd=tmp_path, env=entorno)
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["indice_gestion"]["avance"] == 69.0


def test_solo_el_proceso_de_la_consola_congela_lo_importado(runner):
    """``gc.freeze()`` (lo importado, fuera de la vista del recolector) en el proceso que arranca
    el punto de entrada de la consola; no en quien llama a la aplicación en su propio proceso,
    como estas pruebas."""
    import gc

    antes = gc.get_freeze_count()
    assert runner.invoke(app, ["avance", "2024", "-f", "json"]).exit_code == 0
    assert gc.get_freeze_count() == antes
    guion = ("import atexit, gc, sys\n"
             "atexit.register(lambda: print(gc.get_freeze_count(), file=sys.stderr))\n"
             "sys.argv = ['penitencia', 'avance', '2024', '-f', 'json']\n"
             "from penitencia_cli.cli import main\n"
             "main()\n")
    r = subprocess.run([sys.executable, "-c", guion], capture_output=True, text=True,
                       env=dict(os.environ, PYTHONPATH=str(MUESTRA.parent.parent)))
    assert r.returncode == 0, r.stderr
    assert int(r.stderr.splitlines()[-1]) > 0


@pytest.mark.skipif(shutil.which("penitencia") is None,
                    reason="el script 'penitencia' no está instalado en este entorno")
def test_script_instalado_desde_otra_carpeta(tmp_path):
    """Tras `pip install .`, la muestra viaja en el paquete: funciona desde cualquier carpeta."""
    r = subprocess.run(["penitencia", "avance", "2024", "--formato", "json"], capture_output=True,
                       text=True, cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    doc = json.loads(r.stdout)
    assert doc["indice_gestion"]["avance"] == 69.0
    assert doc["resumen"]["indicadores_servicio"] == {"0-75": 11, "75-95": 5, "95+": 18, "ND": 2}


def test_el_json_de_la_cli_es_el_documento_de_la_biblioteca(runner):
    """Como frictionless: lo que imprime la CLI es exactamente lo que da la biblioteca."""
    from decimal import Decimal

    from penitencia_cli.lectura import leer_libro, ruta_muestra
    from penitencia_cli.reglas.avance import TipoAvance
    from penitencia_cli.reglas.consulta import PedidoAvance, alertas_del_anio, calcular_avance
    from penitencia_cli.reglas.metodologia import perfil_de
    from penitencia_cli.reglas.sentido import preparar
    from penitencia_cli.salida.documento import documento_alertas, documento_calculo

    matriz = leer_libro(ruta_muestra())
    preparada = preparar(matriz, perfil_de(matriz.ficha.instrumento))
    pedido = PedidoAvance(2024, TipoAvance.I, ambos=True, desde=2020, tope=Decimal(100),
                          proyeccion=True)
    esperado = json.loads(json.dumps(documento_calculo(calcular_avance(preparada, pedido))))
    r = runner.invoke(app, ["avance", "2024", "-f", "json", "--tipo", "ambos", "--desde", "2020",
                            "--tope", "100", "--proyeccion"])
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout) == esperado

    esperado = json.loads(json.dumps(documento_alertas(alertas_del_anio(preparada, 2024))))
    r = runner.invoke(app, ["alertas", "2024", "-f", "json"])
    assert json.loads(r.stdout) == esperado


def test_nota_partida_al_ancho_de_la_terminal_de_stderr(monkeypatch):
    """Con stdout redirigido (``avance 2024 | less``), una nota por stderr sigue el ancho de la
    terminal de stderr, no el de 80 columnas que se supone para una tubería."""
    import io
    import os
    import sys

    from penitencia_cli.cli import ejecucion

    class Terminal(io.StringIO):  # stderr: una terminal (descriptor 2) de 100 columnas
        def isatty(self):
            return True

        def fileno(self):
            return 2

    def tamano(fd=1):  # stdout (1) es una tubería
        if fd != 2:
            raise OSError("no es una terminal")
        return os.terminal_size((100, 40))

    monkeypatch.setattr(os, "get_terminal_size", tamano)
    monkeypatch.delenv("COLUMNS", raising=False)
    texto = "palabra " * 40
    for columnas, maximo in ((None, 99), ("50", 49)):
        if columnas:
            monkeypatch.setenv("COLUMNS", columnas)
        stderr = Terminal()
        monkeypatch.setattr(sys, "stderr", stderr)
        ejecucion.avisar(texto)
        lineas = stderr.getvalue().splitlines()
        assert lineas[0].startswith("nota: ")
        assert all(linea.startswith("      ") for linea in lineas[1:])
        assert maximo - 10 < max(len(linea) for linea in lineas) <= maximo


def test_un_anio_sin_datos_es_error_de_uso_con_los_disponibles(runner):
    r = runner.invoke(app, ["avance", "2031", "-a", str(MUESTRA), "-f", "json"])
    assert r.exit_code == 2
    assert "No hay datos del año 2031. Años disponibles: " in r.stderr
    assert "2024" in r.stderr.split("disponibles:")[1]
    assert r.stdout == ""
