"""La memoria pico de un proceso hijo, sólo la suya: no la de pytest.

En Linux, el ``ru_maxrss`` de un proceso que lanza pytest guarda también la memoria que tenía
pytest al lanzarlo: al ejecutar el programa nuevo (exec), el núcleo conserva el pico del proceso
de antes. Da igual dónde se lea (``RUSAGE_SELF`` en el hijo, ``RUSAGE_CHILDREN`` o ``os.wait4``
en pytest): la medida crece con las pruebas que corrieron antes y la prueba depende del orden.

Aquí el hijo lo lanza un intermediario mínimo (``python -c``, ~10 MB), que lee el pico del hijo
con ``os.wait4``: lo heredado es el intermediario, no pytest. Con 400 MB ocupados en el proceso
que llama, el pico medido de un hijo que llena 50 MB sigue en 58 MB. Sirve en Linux y macOS
(``ru_maxrss`` en bytes allí); en Windows no hay ``os.wait4``.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

_INTERMEDIARIO = """
import os, subprocess, sys
hijo = subprocess.Popen(sys.argv[1:])
_, estado, uso = os.wait4(hijo.pid, 0)
kb = uso.ru_maxrss // 1024 if sys.platform == "darwin" else uso.ru_maxrss
sys.stderr.write("\\nPICO_KB %d\\n" % kb)
sys.exit(os.waitstatus_to_exitcode(estado))
"""
_MARCA = "\nPICO_KB "


def correr_midiendo(argumentos: list[str], **opciones) -> tuple[subprocess.CompletedProcess, int]:
    """Corre ``argumentos`` (texto, salidas capturadas; ``opciones`` para ``subprocess.run``) y
    devuelve el resultado, sin la línea de la medida en stderr, y la memoria pico del proceso
    en MB."""
    if sys.platform == "win32":
        pytest.skip("la memoria pico de un hijo se mide con os.wait4 (POSIX)")
    r = subprocess.run([sys.executable, "-c", _INTERMEDIARIO, *argumentos],
                       capture_output=True, text=True, **opciones)
    assert _MARCA in r.stderr, r.stderr
    stderr, _, pico = r.stderr.rpartition(_MARCA)
    r.stderr = stderr
    return r, int(pico.split()[0]) // 1024
