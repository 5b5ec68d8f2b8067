"""Mide la lectura de un Anexo B-7 en PDF: el proceso entero, como lo correría un usuario:
``penitencia importar ANEXO.pdf -o plan.xlsx`` (arrancar Python, revisar el archivo, leer las
palabras, la maqueta y la matriz, escribir el libro) y, aparte, sólo la lectura hasta la matriz.

Uso, desde la raíz del repositorio:
    python benchmarks/anexo_b7.py [PDF] [--repeticiones 15] [--bibliotecas] [--bomba MIB]

- Sin PDF, el Anexo real de seis páginas (``samples/anexo_b7/igp_pei_2020_2025.pdf``). La meta del
  issue 20: importarlo en menos de 2 s por proceso en esta máquina.
- ``--bibliotecas``: además, sólo sacar las palabras con su posición con cada biblioteca que esté
  instalada (pypdfium2, pdfminer.six, pypdf), en procesos aparte y alternados: la comparación de
  ``docs/importar.md``.
- ``--bomba MIB``: el tiempo y la memoria de rechazar una bomba de descompresión de MIB MiB, y de
  abrirla con PDFium sin la revisión previa (cuidado: con 1024, unos 3 GB).

El tiempo es el reloj de pared de cada proceso hijo (mediana y máximo); la memoria, el pico de
memoria residente de un hijo (``ru_maxrss`` de RUSAGE_CHILDREN, medido en un proceso aparte para
que no se mezcle con otros hijos; POSIX).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RAIZ = Path(__file__).resolve().parent.parent
ESTADO = tempfile.mkdtemp(prefix="penitencia-bench-")
MUESTRA = RAIZ / "samples" / "anexo_b7" / "igp_pei_2020_2025.pdf"

LEER = """
import sys
from pathlib import Path
from penitencia_cli.anexo_b7.lectura import leer_anexo
from penitencia_cli.anexo_b7.matriz import matriz_de
from penitencia_cli.errores import ErrorDeDatos
try:
    m = matriz_de(leer_anexo(Path(sys.argv[1])))
    print(len(m.indicadores), "indicadores")
except ErrorDeDatos as e:
    print(str(e)[:300])
"""
IMPORTAR = """
import sys
from penitencia_cli.cli.comandos import main
sys.argv = ["penitencia", "importar", sys.argv[1], "-o", sys.argv[2], "--forzar"]
main()
"""
BIBLIOTECAS = {
    "pypdfium2 (palabras de penitencia_cli.anexo_b7.pdf)": """
import sys
from penitencia_cli.anexo_b7.pdf import leer_paginas
datos = open(sys.argv[1], "rb").read()
print(sum(len(p.palabras) for p in leer_paginas(datos, 10**6, 10**7, "x")))
""",
    "pdfminer.six (caracteres con LAParams)": """
import sys
from pdfminer.high_level import extract_pages
from pdfminer.layout import LAParams, LTChar
def letras(o):
    if isinstance(o, LTChar):
        yield o
    elif hasattr(o, "__iter__"):
        for h in o:
            yield from letras(h)
print(sum(1 for p in extract_pages(sys.argv[1], laparams=LAParams()) for _ in letras(p)))
""",
    "pypdf (visitor_text: sólo el comienzo de cada texto)": """
import sys
from pypdf import PdfReader
n = []
for p in PdfReader(sys.argv[1]).pages:
    p.extract_text(visitor_text=lambda t, cm, tm, f, s: n.append(t))
print(len(n))
""",
}
SIN_REVISION = """
import sys, pypdfium2
d = pypdfium2.PdfDocument(sys.argv[1])
print(sum(p.get_textpage().count_chars() for p in d))
"""


def _correr(codigo: str, *argumentos: str) -> tuple[float, str]:
    """(segundos, última línea de la salida) de un proceso hijo (el registro de lo que escribe
    penitencia, en una carpeta temporal: no en la del usuario)."""
    entorno = {**os.environ, "PYTHONPATH": str(RAIZ), "XDG_STATE_HOME": ESTADO}
    inicio = time.perf_counter()
    r = subprocess.run([sys.executable, "-c", codigo, *argumentos], cwd=RAIZ, env=entorno,
                       capture_output=True, text=True)
    segundos = time.perf_counter() - inicio
    salida = (r.stdout.strip() or r.stderr.strip()).splitlines()
    return segundos, salida[-1] if salida else ""


def _medir(casos: dict[str, tuple[str, list[str]]], repeticiones: int) -> None:
    tiempos: dict[str, list[float]] = {n: [] for n in casos}
    ultima: dict[str, str] = {}
    for _ in range(repeticiones):  # alternados: la carga de la máquina cae sobre todos
        for nombre, (codigo, argumentos) in casos.items():
            t, salida = _correr(codigo, *argumentos)
            tiempos[nombre].append(t)
            ultima[nombre] = salida
    for nombre, ts in tiempos.items():
        print(f"{nombre}: mediana {statistics.median(ts):.3f} s, máximo {max(ts):.3f} s "
              f"({len(ts)} corridas) → {ultima[nombre]}")


def _pico(codigo: str, *argumentos: str) -> None:
    """Un proceso aparte, para que su pico no se mezcle con otros hijos."""
    guion = (
        "import resource, subprocess, sys, time\n"
        "t = time.perf_counter()\n"
        "r = subprocess.run([sys.executable, '-c', sys.argv[1], *sys.argv[2:]], "
        "capture_output=True, text=True)\n"
        "pico = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024\n"
        "print(f'{time.perf_counter() - t:.2f} s, pico {pico:.0f} MB →', "
        "(r.stdout.strip().splitlines() or [''])[-1][:160])\n")
    entorno = {**os.environ, "PYTHONPATH": str(RAIZ), "XDG_STATE_HOME": ESTADO}
    r = subprocess.run([sys.executable, "-c", guion, codigo, *argumentos], cwd=RAIZ, env=entorno,
                       capture_output=True, text=True)
    print("  ", r.stdout.strip() or r.stderr.strip()[-300:])


def main() -> None:
    partes = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    partes.add_argument("pdf", nargs="?", default=str(MUESTRA))
    partes.add_argument("--repeticiones", type=int, default=15)
    partes.add_argument("--bibliotecas", action="store_true")
    partes.add_argument("--bomba", type=int, metavar="MIB")
    args = partes.parse_args()
    print(f"Python {sys.version.split()[0]} · {sys.platform} · {os.cpu_count()} CPU · {args.pdf}")
    libro = str(Path(ESTADO) / "plan.xlsx")
    casos = {"penitencia importar (proceso entero)": (IMPORTAR, [args.pdf, libro]),
             "sólo leer el Anexo y armar la matriz (proceso entero)": (LEER, [args.pdf])}
    if args.bibliotecas:
        for nombre, codigo in BIBLIOTECAS.items():
            if subprocess.run([sys.executable, "-c", codigo.split("\n")[2]], cwd=RAIZ,
                              capture_output=True).returncode == 0:
                casos[nombre] = (codigo, [args.pdf])
            else:
                print(f"{nombre}: no instalada, se omite")
    _medir(casos, args.repeticiones)
    print("Pico de memoria de importar:")
    _pico(IMPORTAR, args.pdf, libro)
    if args.bomba:
        sys.path[:0] = [str(RAIZ / "tests")]
        from anexo_sintetico import bomba_pdf

        with tempfile.TemporaryDirectory() as carpeta:
            ruta = Path(carpeta) / "bomba.pdf"
            ruta.write_bytes(bomba_pdf(args.bomba << 20))
            print(f"Bomba de {args.bomba} MiB ({ruta.stat().st_size:,} bytes en disco):")
            print(" con la revisión de penitencia:")
            _pico(LEER, str(ruta))
            print(" PDFium solo, sin revisión:")
            _pico(SIN_REVISION, str(ruta))


if __name__ == "__main__":
    try:
        main()
    finally:
        import shutil

        shutil.rmtree(ESTADO, ignore_errors=True)
