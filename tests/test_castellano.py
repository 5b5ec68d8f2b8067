"""Todo lo que el usuario ve de typer/click, en castellano: errores de uso (con su sugerencia y la
salida 2), la ayuda de cada comando (metavars AÑO, RUTA; nunca <int>, PATH, TEXT) a 80 y 120
columnas; y una salida que no es UTF-8 o un Ctrl-C, que nunca terminan en una traza."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import textwrap

import pytest

from conftest import RAIZ, senal_cuando_marque
from penitencia_cli.cli import app
from penitencia_cli.cli.castellano import ORDEN_COMANDOS

INGLES = re.compile(r"Usage|Options|Arguments|Commands|Error:|Invalid value|Missing|No such|"
                    r"Did you mean|Possible options|unexpected|extra argument|Input should|"
                    r"is not|not a valid|requires an argument|integer|Show this|Try '")
TIPOS = re.compile(r"<\w+>|\b(?:INTEGER|PATH|TEXT|FLOAT|BOOLEAN)\b|\[default")


def correr(runner, args, columnas=100):
    r = runner.invoke(app, args, env={"COLUMNS": str(columnas)})
    assert "Traceback" not in r.output
    return r


@pytest.mark.parametrize("args, dice", [
    (["avance", "abc"], "'abc' no es un año"),
    (["alertas", "2024", "-u", "abc"], "'abc' no es un número"),
    (["avanse", "2024"], "No existe el comando 'avanse'. ¿Quiso decir 'avance'?"),
    (["avance", "2024", "2025"], "Sobra el argumento 2025."),
    (["avance", "2024", "2025", "2026"], "Sobran los argumentos 2025 2026."),
    (["avance", "2024", "--formto", "json"],
     "No existe la opción --formto. ¿Quiso decir --formato o --forzar?"),
    (["avance", "2024", "-f", "xml"], "'xml' no es uno de"),
    (["avance", "2024", "--desde", "x"], "no es un año"),
    (["avance", "2024", "--exportar"], "La opción '--exportar' necesita un valor."),
    (["comparar", "2023"], "Falta el argumento AÑO2."),
    (["avance"], "Falta el argumento AÑO."),
    (["plantilla", "p.xlsx", "--hasta", "dos mil"], "no es un año"),
])
def test_errores_de_uso_en_castellano_con_salida_2(runner, args, dice):
    r = correr(runner, args, 200)
    assert r.exit_code == 2, r.output
    assert dice in r.stderr
    assert not INGLES.search(r.stderr), r.stderr


def test_sin_argumentos_muestra_la_ayuda(runner):
    r = correr(runner, [])
    assert r.exit_code == 2
    assert "Uso: penitencia [OPCIONES] COMANDO" in r.output and "Comandos" in r.output


@pytest.mark.parametrize("columnas", [80, 120])
@pytest.mark.parametrize("comando", [None, *ORDEN_COMANDOS])
def test_ayuda_en_castellano_y_sin_tipos(runner, comando, columnas):
    r = correr(runner, ([comando] if comando else []) + ["--help"], columnas)
    assert r.exit_code == 0
    texto = r.stdout
    assert texto.startswith("\n Uso: penitencia")
    assert not INGLES.search(texto), texto
    assert not TIPOS.search(texto), texto
    lineas = texto.splitlines()
    assert max(len(linea) for linea in lineas) <= columnas
    assert all(linea == linea.rstrip() for linea in lineas)
    if comando in ("avance", "alertas", "verificar"):
        assert "│ AÑO " in texto and "RUTA" in texto and "[obligatorio]" in texto
    if comando == "avance":
        assert "tabla|json|csv" in texto and "[por omisión: tabla]" in texto
        assert "AÑO0" in texto


def test_los_parrafos_de_la_ayuda_no_se_cortan_a_mitad_de_frase(runner):
    """Los saltos de línea del código no aparecen en la ayuda: cada párrafo se reparte solo."""
    r = correr(runner, ["validar", "--help"], 200)
    assert ("Errores (impiden calcular) y observaciones de calidad de los datos: sentido contra "
            "la tendencia de las metas") in r.stdout


# --- Salidas que no son UTF-8 -------------------------------------------------------------------


def _penitencia(args, codificacion, **kwargs):
    entorno = dict(os.environ, PYTHONIOENCODING=codificacion, PYTHONPATH=str(RAIZ),
                   COLUMNS="100")
    return subprocess.run([sys.executable, "-m", "penitencia_cli", *args], capture_output=True,
                          env=entorno, cwd=RAIZ, **kwargs)


@pytest.mark.parametrize("codificacion", ["cp1252", "ascii"])
@pytest.mark.parametrize("args", [["avance", "2024"], ["comparar", "2023", "2024"],
                                  ["evolucion", "IOP.01.02"], ["avance", "2024", "--tipo", "ambos"],
                                  ["avance", "--help"], ["validar", "samples/pnp_2024.xlsx"]])
def test_salida_no_utf8_se_degrada_a_ascii(args, codificacion):
    r = _penitencia(args, codificacion)
    assert r.returncode == 0, r.stderr
    texto = r.stdout.decode(codificacion)  # todo lo escrito cabe en la codificación
    assert b"Traceback" not in r.stderr and b"inesperado" not in r.stderr
    for glifo in "●≥→≈█▏▎▁▂━":
        assert glifo not in texto
    if args == ["avance", "2024"]:
        assert ">=95%" in texto and "* [0-75%>" in texto
        assert "69.0" in texto
        if codificacion == "cp1252":
            assert "Índice de gestión" in texto  # lo que la codificación tiene, se conserva
        else:
            assert "Indice de gestion" in texto


def test_las_columnas_siguen_alineadas_en_ascii():
    """'≥95%' pasa a '>=95%' y toma un blanco de la columna siguiente: la fila no se corre."""
    r = _penitencia(["avance", "2024"], "cp1252")
    lineas = r.stdout.decode("cp1252").splitlines()
    encabezado = next(linea for linea in lineas if "[75-95%>" in linea and "Grupo" in linea)
    fila = next(linea for linea in lineas if linea.strip().startswith("Indicadores de OP"))
    assert len(encabezado) == len(fila)


def test_json_en_una_salida_ascii_conserva_cada_letra():
    r = _penitencia(["avance", "2024", "-f", "json"], "ascii")
    assert r.returncode == 0, r.stderr
    documento = json.loads(r.stdout.decode("ascii"))
    assert documento["politica"]["nombre"] == "Política Nacional Penitenciaria al 2030"
    assert b'"Pol\\u00edtica Nacional' in r.stdout
    # El mismo documento que en UTF-8, byte a byte salvo los escapes.
    utf8 = _penitencia(["avance", "2024", "-f", "json"], "utf-8").stdout.decode("utf-8")
    assert r.stdout.decode("ascii") == json.dumps(json.loads(utf8), ensure_ascii=True,
                                                  indent=2) + "\n"


# --- Ctrl-C ----------------------------------------------------------------------------------


def test_ctrl_c_dentro_de_un_comando(runner, monkeypatch):
    from penitencia_cli.lectura import plantilla

    def interrumpir(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(plantilla.LectorPlantilla, "leer", interrumpir)
    r = runner.invoke(app, ["avance", "2024"])
    assert r.exit_code == 130
    assert "Traceback" not in r.output
    assert [linea for linea in r.stderr.splitlines()
            if linea.strip() and not linea.startswith("nota: sin --archivo")] == [
        "Interrumpido (Ctrl-C): no se terminó; nada quedó a medio escribir."]


@pytest.mark.skipif(os.name != "posix", reason="señales POSIX")
@pytest.mark.parametrize("donde", ["lectura", "escritura"])
def test_ctrl_c_en_un_proceso_de_verdad(tmp_path, donde):
    """SIGINT (lo que manda Ctrl-C) mientras se lee el libro o se escribe la exportación."""
    marca = tmp_path / "marca"
    guion = textwrap.dedent(f"""
        import sys, time
        from pathlib import Path
        from penitencia_cli.lectura import plantilla
        from penitencia_cli.salida import archivos

        def esperar(*args, **kwargs):
            Path({str(marca)!r}).touch()
            time.sleep(60)

        if {donde!r} == "lectura":
            plantilla.LectorPlantilla.leer = esperar
        else:
            original = archivos.escribir_atomico
            def lento(destino, escribir, entrada=None, **kwargs):
                def escribir_lento(p):
                    escribir(p)
                    esperar()
                return original(destino, escribir_lento, entrada, **kwargs)
            archivos.escribir_atomico = lento
            import penitencia_cli.salida.exportar as exportar
            exportar.escribir_atomico = lento
        from penitencia_cli.cli import main
        sys.argv = ["penitencia", "avance", "2024", "-f", "json", "--exportar",
                    {str(tmp_path / 'r.json')!r}]
        main()
    """)
    codigo, error = senal_cuando_marque(guion, marca, signal.SIGINT)
    assert codigo == 130
    assert "Traceback" not in error
    assert [linea for linea in error.splitlines()
            if linea.strip() and not linea.startswith(("nota:", " "))] == [
        "Interrumpido (Ctrl-C): no se terminó; nada quedó a medio escribir."]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["marca"]  # ni temporal ni r.json
