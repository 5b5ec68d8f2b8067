"""Mide cuánto tarda y cuánta memoria usa rechazar una bomba zip que se infla a 1 GB.

Uso, desde la raíz del repositorio:
    python benchmarks/bomba_zip.py [--gb 1] [--sin-guardia]

Construye la bomba con el mismo código que las pruebas (tests/corpus.py), y la lee en un proceso
hijo: ``penitencia validar BOMBA`` (lo que haría un usuario). El tiempo es el reloj de pared del
hijo; la memoria, su pico de memoria residente (``ru_maxrss`` de RUSAGE_CHILDREN, en KB en Linux).
Con ``--sin-guardia`` lee la misma bomba con openpyxl directamente, sin los límites del lector,
para comparar (cuidado: tarda).
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RAIZ = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(RAIZ / "tests"), str(RAIZ)]

from conftest import hojas_minimas  # noqa: E402
from corpus import bomba_zip  # noqa: E402

SIN_GUARDIA = """
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1], read_only=True, data_only=True)
for ws in wb.worksheets:
    for _ in ws.iter_rows(values_only=True):
        pass
"""


def main() -> None:
    args = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    args.add_argument("--gb", type=float, default=1.0)
    args.add_argument("--sin-guardia", action="store_true")
    opciones = args.parse_args()
    with tempfile.TemporaryDirectory() as carpeta:
        ruta = Path(carpeta) / "bomba.xlsx"
        t0 = time.perf_counter()
        bomba_zip(ruta, hojas_minimas(), inflado=int(opciones.gb * 2**30))
        print(f"bomba: {ruta.stat().st_size:,} bytes en disco, se infla a "
              f"{opciones.gb:g} GB (construida en {time.perf_counter() - t0:.1f} s)")
        if opciones.sin_guardia:
            orden = [sys.executable, "-c", SIN_GUARDIA, str(ruta)]
        else:
            orden = [sys.executable, "-m", "penitencia_cli", "validar", str(ruta)]
        t0 = time.perf_counter()
        hijo = subprocess.run(orden, cwd=RAIZ, capture_output=True, text=True,
                              env={**os.environ, "PYTHONPATH": str(RAIZ), "COLUMNS": "100"})
        segundos = time.perf_counter() - t0
        pico = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        print(f"salida {hijo.returncode} en {segundos:.2f} s; pico de memoria {pico:.0f} MB")
        print((hijo.stdout + hijo.stderr).strip()[:600])


if __name__ == "__main__":
    main()
