"""Textos compartidos (la parte hallada por su relación), leídos por trozos con expat: cada
``<si>`` da su ``<t>`` más los ``<t>`` de sus tramos (``<r>``), sin los fonéticos (``<rPh>``), con
el escape ``_xHHHH_`` resuelto. Se guardan en bloques (8 bytes por texto más el texto, no un
``str`` de ~50 bytes cada uno): una parte de 64 MiB de textos diminutos cabe en poca memoria.
"""

from __future__ import annotations

from array import array
from typing import Iterable

from .seguridad import analizar
from .valores import desescapar

BLOQUE = 1024


class TextosCompartidos:
    """Secuencia de textos (índice → ``str``) guardada por bloques: cada bloque, sus textos unidos;
    de cada texto, dónde empieza en su bloque."""

    def __init__(self):
        self._bloques: list[str] = []
        self._inicios = array("L")
        self._piezas: list[str] = []
        self._largo = 0

    def agregar(self, texto: str) -> None:
        self._inicios.append(self._largo)
        self._largo += len(texto)
        self._piezas.append(texto)
        if len(self._piezas) == BLOQUE:
            self.cerrar()

    def cerrar(self) -> None:
        if self._piezas:
            self._bloques.append("".join(self._piezas))
            self._piezas, self._largo = [], 0

    def __len__(self) -> int:
        return len(self._inicios)

    def __getitem__(self, i: int) -> str:
        if not 0 <= i < len(self._inicios):
            raise IndexError(i)
        fin = self._inicios[i + 1] if (i + 1) % BLOQUE and i + 1 < len(self._inicios) else None
        return self._bloques[i // BLOQUE][self._inicios[i]:fin]


def leer_textos(trozos: Iterable[bytes]) -> TextosCompartidos:
    """Los textos de la parte, en cualquier prefijo y en el espacio de nombres de Transitional o
    de Strict (el de la raíz ``<sst>``)."""
    textos = TextosCompartidos()
    nombres: dict[str, str] = {}
    prof = 0
    en_rph = captura = False
    partes: list[str] = []

    def inicio(nombre: str, _atributos: dict) -> None:
        nonlocal prof, en_rph, captura
        prof += 1
        if prof == 1:  # la raíz dice el espacio de nombres de la parte
            uri = nombre.rpartition(" ")[0]
            nombres.update({local: f"{uri} {local}" for local in ("si", "t", "rPh")})
        elif nombre == nombres["t"]:
            captura = not en_rph
        elif nombre == nombres["si"]:
            partes.clear()
        elif nombre == nombres["rPh"]:
            en_rph = True

    def fin(nombre: str) -> None:
        nonlocal prof, en_rph, captura
        prof -= 1
        captura = False
        if nombre == nombres["si"] and prof == 1:
            textos.agregar(desescapar("".join(partes)))
        elif nombre == nombres["rPh"]:
            en_rph = False

    def caracteres(texto: str) -> None:
        if captura:
            partes.append(texto)

    analizar(trozos, inicio, fin, caracteres)
    textos.cerrar()
    return textos
