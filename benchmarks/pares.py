"""Corridas pareadas de un comando en dos árboles del repositorio (este y otro, p. ej. el de main),
alternadas en cada ronda para que un momento de carga de la máquina no caiga entero sobre uno.

Uso, desde la raíz del repositorio:

    python benchmarks/pares.py /ruta/a/main -- avance 2024 -a /tmp/b500.xlsx -f json
    python benchmarks/pares.py /ruta/a/main --python /ruta/a/main/.venv/bin/python --rondas 21 -- avance 2024

Cada corrida es ``python -m penitencia_cli ...`` con el árbol como carpeta de trabajo (va primero en
``sys.path``) y con el código compilado guardado (sin ``PYTHONDONTWRITEBYTECODE``: un programa
instalado no recompila en cada arranque). Imprime la mediana y el mínimo de cada árbol y sus
razones (este / el otro): el mínimo es el menos afectado por la carga; la mediana, el más honesto
si la carga es pareja. También el tiempo de CPU de cada proceso (usuario + sistema, de
``os.wait4``), que sufre menos cuando otros procesos se turnan la máquina. Es la medida de las
metas «no más de 10 % más lento que hoy».
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

RAIZ = Path(__file__).resolve().parent.parent


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("otro", type=Path, help="el otro árbol (p. ej. un worktree de main)")
    p.add_argument("--python", default=sys.executable, help="el Python del otro árbol")
    p.add_argument("--rondas", type=int, default=15)
    propios, _, argumentos = " ".join(sys.argv[1:]).partition(" -- ")
    if not argumentos:
        p.error("faltan «--» y los argumentos de penitencia")
    a = p.parse_args(propios.split())
    argumentos = argumentos.split()
    entorno = dict(os.environ, COLUMNS="100")
    entorno.pop("PYTHONDONTWRITEBYTECODE", None)
    entorno.pop("PYTHONPATH", None)
    arboles = {"este": (RAIZ, sys.executable), "otro": (a.otro.resolve(), a.python)}
    tiempos: dict[str, list[float]] = {nombre: [] for nombre in arboles}
    cpu: dict[str, list[float]] = {nombre: [] for nombre in arboles}
    for carpeta, python in arboles.values():  # calentamiento: .pyc y caché de archivos
        r = subprocess.run([python, "-m", "penitencia_cli", *argumentos], cwd=carpeta,
                           env=entorno, capture_output=True, text=True)
        if r.returncode not in (0, 1):
            p.error(f"falló en {carpeta} (código {r.returncode}): {r.stderr[-300:]}")
    for _ in range(a.rondas):
        for nombre, (carpeta, python) in arboles.items():
            inicio = time.perf_counter()
            proceso = subprocess.Popen([python, "-m", "penitencia_cli", *argumentos],
                                       cwd=carpeta, env=entorno, stdout=subprocess.DEVNULL,
                                       stderr=subprocess.DEVNULL)
            _, _, uso = os.wait4(proceso.pid, 0)
            tiempos[nombre].append(time.perf_counter() - inicio)
            cpu[nombre].append(uso.ru_utime + uso.ru_stime)
    for que, medidas in (("reloj", tiempos), ("CPU", cpu)):
        for nombre, t in medidas.items():
            print(f"{nombre:>5}, {que}: mediana {statistics.median(t):.3f} s, mínimo {min(t):.3f} s")
        este, otro = medidas["este"], medidas["otro"]
        print(f"razón de {que} (este / otro): mediana "
              f"{statistics.median(este) / statistics.median(otro):.3f}, mínimo "
              f"{min(este) / min(otro):.3f}  ({a.rondas} rondas alternadas)")


if __name__ == "__main__":
    main()
