"""Genera fuentes/web/*.woff2: subconjuntos de DejaVu Sans Condensed para el HTML en línea.

Se corre a mano (necesita fonttools y brotli, que NO son dependencias del programa) y los WOFF2
resultantes viajan en el paquete. Cobertura: latín básico y Latin-1 (castellano), puntuación
general, flechas, ≥ ≤ ± × y los círculos del semáforo. La licencia de DejaVu permite modificar la
fuente si el nombre no contiene «Bitstream», «Vera» ni «Arev».

    python herramientas/fuente_web.py
"""

from pathlib import Path

from fontTools import subset

AQUI = Path(__file__).resolve().parents[1]
UNICODES = "U+0020-007E,U+00A0-00FF,U+0152-0153,U+2010-2027,U+2030-203A,U+2060,U+20AC,U+2190-2195,U+2212,U+2264-2265,U+00D7,U+25CF,U+25CB,U+25A0"


def main() -> None:
    destino = AQUI / "fuentes" / "web"
    destino.mkdir(exist_ok=True)
    for origen in ("DejaVuSansCondensed.ttf", "DejaVuSansCondensed-Bold.ttf"):
        salida = destino / origen.replace(".ttf", "-web.woff2")
        subset.main([str(AQUI / "fuentes" / origen), f"--unicodes={UNICODES}",
                     "--flavor=woff2", "--layout-features=kern,liga", "--name-IDs=*",
                     "--name-legacy", f"--output-file={salida}"])
        print(salida.name, salida.stat().st_size, "bytes")


if __name__ == "__main__":
    main()
