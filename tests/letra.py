"""El ancho real de un texto en la letra del paquete (DejaVu Sans Condensed), leído de las tablas
del archivo TrueType (``head``, ``hhea``, ``hmtx``, ``cmap`` formato 4): para que las pruebas del
gráfico midan los rótulos como los compone Typst o el navegador, no con una estimación."""

from __future__ import annotations

import struct
from functools import lru_cache
from pathlib import Path

FUENTES = (Path(__file__).resolve().parent.parent / "penitencia_cli" / "salida" / "publicacion"
           / "fuentes")
ALTO_CIFRA = 0.76
"""Alto de las cifras de DejaVu Sans sobre su línea de base, en em (0.729 de mayúscula, con lo
que la curva del 0 o del 8 sobresale)."""


@lru_cache
def _metricas(negrita: bool) -> tuple[int, dict[int, int]]:
    """(unidades por em, carácter → ancho de avance)."""
    nombre = "DejaVuSansCondensed-Bold.ttf" if negrita else "DejaVuSansCondensed.ttf"
    datos = (FUENTES / nombre).read_bytes()
    n = struct.unpack(">H", datos[4:6])[0]
    tablas = {}
    for i in range(n):
        etiqueta, _, inicio, largo = struct.unpack(">4sIII", datos[12 + 16 * i: 28 + 16 * i])
        tablas[etiqueta.decode("latin-1")] = datos[inicio: inicio + largo]
    por_em = struct.unpack(">H", tablas["head"][18:20])[0]
    metricas_h = struct.unpack(">H", tablas["hhea"][34:36])[0]
    hmtx = tablas["hmtx"]
    anchos = [struct.unpack(">H", hmtx[4 * i: 4 * i + 2])[0] for i in range(metricas_h)]
    cmap = tablas["cmap"]
    subtablas = struct.unpack(">H", cmap[2:4])[0]
    for i in range(subtablas):
        plataforma, codificacion, desde = struct.unpack(">HHI", cmap[4 + 8 * i: 12 + 8 * i])
        if (plataforma, codificacion) == (3, 1):
            break
    t = cmap[desde:]
    assert struct.unpack(">H", t[0:2])[0] == 4
    segmentos = struct.unpack(">H", t[6:8])[0] // 2

    def arreglo(k: int) -> list[int]:
        base = 14 + k * (2 * segmentos) + (2 if k else 0)
        return list(struct.unpack(f">{segmentos}H", t[base: base + 2 * segmentos]))

    fines, inicios, deltas, rangos = arreglo(0), arreglo(1), arreglo(2), arreglo(3)
    base_rangos = 14 + 3 * 2 * segmentos + 2
    glifos: dict[int, int] = {}
    for s in range(segmentos):
        for c in range(inicios[s], fines[s] + 1):
            if c == 0xFFFF:
                continue
            if rangos[s] == 0:
                g = (c + deltas[s]) & 0xFFFF
            else:
                pos = base_rangos + 2 * s + rangos[s] + 2 * (c - inicios[s])
                g = struct.unpack(">H", t[pos: pos + 2])[0]
                g = (g + deltas[s]) & 0xFFFF if g else 0
            glifos[c] = anchos[min(g, metricas_h - 1)]
    return por_em, glifos


def ancho(texto: str, tamano: float, negrita: bool = False) -> float:
    """El ancho de ``texto`` a ``tamano`` (en las unidades de ``tamano``), sin interletraje."""
    por_em, glifos = _metricas(negrita)
    return sum(glifos.get(ord(c), por_em) for c in texto) * tamano / por_em
