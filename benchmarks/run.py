"""Banco de pruebas de velocidad y memoria: procesos enteros, mediana de varias corridas.

Uso, desde la raíz del repositorio:

    python benchmarks/run.py                                 # 100, 10 000 y 100 000 indicadores
    python benchmarks/run.py --tamanos 100,10000 --repeticiones 5

Cada caso es un proceso nuevo de Python (como lo lanza el usuario) y se mide su tiempo de reloj y
su memoria máxima residente (``ru_maxrss`` del hijo, con ``os.wait4``). Lo que se sigue son las
razones, porque los tiempos absolutos en máquinas compartidas son ruidosos:

- ``avance N / lectura N``: ``penitencia avance 2024 --formato json`` sobre un libro sintético de N
  indicadores frente a la lectura desnuda de openpyxl (``load_workbook(read_only=True,
  data_only=True)`` y un recorrido de todas las celdas de todas las hojas), que es el piso;
- ``tabla N / avance N``: la vista en tabla de ``avance`` (redirigida, como a un archivo) frente al
  mismo comando con ``--formato json``;
- ``avance 2024 / importar`` y ``--help / importar``: el comando sobre la muestra y la ayuda frente
  a ``python -c "import typer, rich, pydantic, openpyxl"``;
- ``--exportar``: ``avance 2024 -f json -e x.xlsx`` (y ``-e x.json``) sobre un libro de
  ``--exportar N`` indicadores (100 000), una vez: su memoria pico (meta del .xlsx: < 1 GB);
- ``reporte``: ``reporte 2024 -o r.pdf`` sobre la muestra y sobre un libro de ``--reporte N``
  indicadores (10 000), con la memoria del proceso y de sus hijos sumada (metas: la muestra en
  menos de 2 s; 10 000 indicadores en menos de 60 s y 1 GB).

Se ejecuta ``python -m penitencia_cli`` con el código de este árbol (no el instalado). Los libros
sintéticos se generan la primera vez en la carpeta temporal (ver ``generar.py``) y se reutilizan.
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

RAIZ = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

import generar  # noqa: E402

PISO = """
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1], read_only=True, data_only=True)
n = 0
for ws in wb.worksheets:
    for fila in ws.iter_rows(values_only=True):
        n += len(fila)
wb.close()
"""
"""La lectura desnuda: el piso que ningún lector basado en openpyxl puede bajar."""


@dataclass
class Medida:
    nombre: str
    tiempos: list[float]
    memoria_kb: int

    @property
    def mediana(self) -> float:
        return statistics.median(self.tiempos)


def correr(argumentos: list[str]) -> tuple[float, int]:
    """Tiempo de reloj (s) y memoria máxima residente (KB) de un proceso hijo."""
    entorno = dict(os.environ, PYTHONPATH=str(RAIZ), COLUMNS="100")
    # Como un programa instalado: Python guarda el código compilado (.pyc) y no recompila el
    # paquete en cada arranque (PYTHONDONTWRITEBYTECODE=1 haría pagar eso a cada corrida).
    entorno.pop("PYTHONDONTWRITEBYTECODE", None)
    inicio = time.perf_counter()
    proceso = subprocess.Popen(argumentos, cwd=RAIZ, env=entorno, stdin=subprocess.DEVNULL,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, estado, uso = os.wait4(proceso.pid, 0)
    transcurrido = time.perf_counter() - inicio
    proceso.returncode = os.waitstatus_to_exitcode(estado)
    error = proceso.stderr.read().decode(errors="replace") if proceso.stderr else ""
    if proceso.returncode != 0:
        raise SystemExit(f"Falló {' '.join(argumentos)} (código {proceso.returncode}):\n{error}")
    kb = uso.ru_maxrss if sys.platform != "darwin" else uso.ru_maxrss // 1024
    return transcurrido, kb


def memoria_arbol(pid: int) -> int:
    """Memoria residente (KB) de un proceso y sus descendientes, sumada (Linux: /proc)."""
    padres: dict[int, list[int]] = {}
    for entrada in os.listdir("/proc"):
        if entrada.isdigit():
            try:
                with open(f"/proc/{entrada}/stat") as f:
                    ppid = int(f.read().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            padres.setdefault(ppid, []).append(int(entrada))
    total, pila = 0, [pid]
    while pila:
        actual = pila.pop()
        pila.extend(padres.get(actual, []))
        try:
            with open(f"/proc/{actual}/status") as f:
                total += next((int(l.split()[1]) for l in f if l.startswith("VmRSS:")), 0)
        except OSError:
            pass
    return total


def correr_arbol(argumentos: list[str]) -> tuple[float, int]:
    """Como :func:`correr`, pero la memoria es el pico de la SUMA del proceso y sus hijos
    (``reporte`` compone un PDF grande en procesos aparte, dos a la vez), muestreada cada
    50 ms en /proc. Sin /proc (macOS, Windows), el pico del mayor proceso."""
    if not os.path.isdir("/proc"):
        return correr(argumentos)
    entorno = dict(os.environ, PYTHONPATH=str(RAIZ), COLUMNS="100")
    entorno.pop("PYTHONDONTWRITEBYTECODE", None)
    inicio = time.perf_counter()
    proceso = subprocess.Popen(argumentos, cwd=RAIZ, env=entorno, stdin=subprocess.DEVNULL,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    pico = 0
    while proceso.poll() is None:
        pico = max(pico, memoria_arbol(proceso.pid))
        time.sleep(0.05)
    transcurrido = time.perf_counter() - inicio
    if proceso.returncode != 0:
        error = proceso.stderr.read().decode(errors="replace") if proceso.stderr else ""
        raise SystemExit(f"Falló {' '.join(argumentos)} (código {proceso.returncode}):\n{error}")
    return transcurrido, pico


def medir(casos: list[tuple[str, list[str]]], repeticiones: int) -> list[Medida]:
    """Mide varios casos alternándolos en cada repetición (A B A B ...), para que un momento de
    carga de la máquina no caiga entero sobre uno solo de los dos términos de una razón."""
    medidas = [Medida(nombre, [], 0) for nombre, _ in casos]
    for _ in range(repeticiones):
        for medida, (_, argumentos) in zip(medidas, casos):
            t, kb = correr(argumentos)
            medida.tiempos.append(t)
            medida.memoria_kb = max(medida.memoria_kb, kb)
    for m in medidas:
        print(f"  {m.nombre:<32} {m.mediana:8.2f} s  {m.memoria_kb / 1024:8.0f} MB",
              file=sys.stderr, flush=True)
    return medidas


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--tamanos", default="100,10000,100000",
                   help="indicadores de los libros sintéticos, separados por comas")
    p.add_argument("--repeticiones", type=int, default=3, help="corridas por caso (mediana)")
    p.add_argument("--anio", type=int, default=2024)
    p.add_argument("--tabla", default="10000,100000",
                   help="tamaños en los que se mide también la vista en tabla (vacío: ninguno)")
    p.add_argument("--exportar", type=int, default=100_000, metavar="N",
                   help="mide «avance -e x.xlsx» y «-e x.json» sobre un libro de N indicadores, "
                        "una vez (0: no)")
    p.add_argument("--reporte", type=int, default=10_000, metavar="N",
                   help="mide también «reporte AÑO -o r.pdf» sobre la muestra y un libro de N "
                        "indicadores (0: no)")
    a = p.parse_args()
    tamanos = [int(t.replace("_", "")) for t in a.tamanos.split(",") if t.strip()]
    con_tabla = {int(t.replace("_", "")) for t in a.tabla.split(",") if t.strip()}
    py = sys.executable
    cli = [py, "-m", "penitencia_cli"]
    r = a.repeticiones

    print(f"Preparando libros sintéticos en {generar.CARPETA} ...", file=sys.stderr, flush=True)
    libros = {n: generar.libro(n) for n in tamanos}

    # Calentamiento (no se mide): compila los .pyc y trae los archivos a la caché del sistema.
    for argumentos in ([*cli, "--help"], [*cli, "avance", str(a.anio)],
                       [*cli, "avance", str(a.anio), "--formato", "json"]):
        correr(argumentos)
    print("Midiendo (mediana de", r, "corridas):", file=sys.stderr, flush=True)
    importar, ayuda, muestra = medir([
        ("importar", [py, "-c", "import typer, rich, pydantic, openpyxl"]),
        ("penitencia --help", [*cli, "--help"]),
        (f"avance {a.anio} (muestra)", [*cli, "avance", str(a.anio)]),
    ], r)
    filas = [(importar, None), (ayuda, importar), (muestra, importar)]
    for n, ruta in libros.items():
        casos = [
            (f"lectura openpyxl N={n:,}", [py, "-c", PISO, str(ruta)]),
            (f"avance N={n:,}", [*cli, "avance", str(a.anio), "-a", str(ruta), "--formato",
                                 "json"]),
        ]
        if n in con_tabla:
            casos.append((f"tabla N={n:,}", [*cli, "avance", str(a.anio), "-a", str(ruta)]))
        piso, avance, *tabla = medir(casos, r)
        filas += [(piso, None), (avance, piso)] + [(t, avance) for t in tabla]

    if a.exportar:
        import tempfile

        libro = generar.libro(a.exportar)
        for extension in ("xlsx", "json"):
            destino = str(Path(tempfile.gettempdir()) / f"penitencia-bench-exportar.{extension}")
            filas += [(m, None) for m in medir([
                (f"-e x.{extension} N={a.exportar:,}",
                 [*cli, "avance", str(a.anio), "-a", str(libro), "-f", "json", "-e", destino])],
                1)]

    if a.reporte:
        import tempfile

        pdf = str(Path(tempfile.gettempdir()) / "penitencia-bench-reporte.pdf")
        libro = generar.libro(a.reporte)
        for nombre, argumentos in (
                (f"reporte {a.anio} PDF (muestra)", [*cli, "reporte", str(a.anio), "-o", pdf]),
                (f"reporte PDF N={a.reporte:,}",
                 [*cli, "reporte", str(a.anio), "-a", str(libro), "-o", pdf])):
            medida = Medida(nombre, [], 0)
            for _ in range(r if "muestra" in nombre else 1):  # el grande, una vez
                t, kb = correr_arbol(argumentos)
                medida.tiempos.append(t)
                medida.memoria_kb = max(medida.memoria_kb, kb)
            print(f"  {nombre:<32} {medida.mediana:8.2f} s  {medida.memoria_kb / 1024:8.0f} MB "
                  "(proceso e hijos)", file=sys.stderr, flush=True)
            filas.append((medida, None))

    print()
    print(f"Fecha: {datetime.date.today().isoformat()} · Python {platform.python_version()} · "
          f"{platform.system()} {platform.machine()} · {os.cpu_count()} CPU · "
          f"mediana de {r} corridas")
    print()
    print(f"| {'caso':<30} | {'mediana (s)':>11} | {'memoria pico (MB)':>17} | "
          f"{'razón':>6} | {'frente a':<28} |")
    print(f"|{'-' * 32}|{'-' * 13}|{'-' * 19}|{'-' * 8}|{'-' * 30}|")
    for medida, base in filas:
        razon = f"{medida.mediana / base.mediana:.2f}" if base else ""
        frente = base.nombre if base else ""
        print(f"| {medida.nombre:<30} | {medida.mediana:>11.2f} | "
              f"{medida.memoria_kb / 1024:>17.0f} | {razon:>6} | {frente:<28} |")


if __name__ == "__main__":
    main()
