"""Leer un libro con el lector propio (``penitencia_cli.lectura.hoja``) y con el de openpyxl
(``lector_openpyxl``, el oráculo), y dejar ambos resultados en la misma forma para compararlos:
celdas (fila, columna, clase y valor, tipo, porcentaje) y problemas de cada hoja.

El oráculo vale donde openpyxl acierta. Lo que el lector propio hace distinto a propósito (ver
docs/lectura.md) se normaliza aquí, y nada más: la marca de porcentaje sólo cuenta en un número
(openpyxl la da a toda celda con ese estilo); una fecha fuera del calendario es para openpyxl el
error #VALUE! y para el lector propio una fecha con su número; y los mensajes de una hoja que no se
puede leer (los de openpyxl llevan el texto en inglés de la excepción) se comparan hasta los dos
puntos."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import lector_openpyxl
from penitencia_cli.errores import ErrorDeDatos
from penitencia_cli.lectura.hoja import Problemas, abrir_libro
from penitencia_cli.lectura.seguridad import LIMITES


@dataclass
class Lectura:
    apertura: list[str] | None = None
    """Mensajes si el libro no se pudo abrir."""
    titulos: list[str] = field(default_factory=list)
    celdas: dict[str, list[tuple]] = field(default_factory=dict)
    """Por hoja: (fila, columna, clase del valor, valor, tipo, porcentaje) de cada celda."""
    problemas: dict[str, list[tuple]] = field(default_factory=dict)
    """Por hoja: (severidad, hoja, celda, mensaje) de lo que dejó la lectura."""
    fatal: dict[str, bool] = field(default_factory=dict)


def _forma(c) -> tuple:
    return (c.fila, c.columna, type(c.valor).__name__, c.valor, c.tipo, c.porcentaje)


def leer(ruta: Path, propio: bool, limites=LIMITES) -> Lectura:
    problemas = Problemas()
    abrir = abrir_libro if propio else lector_openpyxl.abrir_libro
    try:
        libro = abrir(Path(ruta), problemas, limites)
    except ErrorDeDatos as exc:
        return Lectura(apertura=[p.mensaje for p in exc.problemas])
    lectura = Lectura(titulos=list(libro.titulos))
    try:
        for titulo in libro.titulos:
            antes = len(problemas)
            celdas = []
            try:
                for fila in libro.filas(titulo):
                    celdas.extend(_forma(c) for c in fila)
                lectura.fatal[titulo] = False
            except ErrorDeDatos:
                lectura.fatal[titulo] = True
            lectura.celdas[titulo] = celdas
            lectura.problemas[titulo] = [(p.severidad.value, p.hoja, p.celda, p.mensaje)
                                         for p in problemas[antes:]]
    finally:
        libro.cerrar()
    return lectura


def ambos(ruta: Path, limites=LIMITES) -> tuple[Lectura, Lectura]:
    """(openpyxl, propio)."""
    return leer(ruta, False, limites), leer(ruta, True, limites)


def _normal_oraculo(c: tuple, propia: tuple | None) -> tuple:
    fila, columna, clase, valor, tipo, porcentaje = c
    if tipo != "n":
        porcentaje = False
    if (tipo, valor) == ("e", "#VALUE!") and propia is not None and propia[4] == "d" \
            and propia[2] in ("int", "float"):
        return propia  # una fecha fuera del calendario
    return fila, columna, clase, valor, tipo, porcentaje


def _normal_problema(p: tuple) -> tuple:
    severidad, hoja, celda, mensaje = p
    if mensaje.startswith("La hoja no se puede leer:"):
        mensaje = "La hoja no se puede leer:"
    return severidad, hoja, celda, mensaje


def comparar(ruta: Path, limites=LIMITES) -> tuple[Lectura, Lectura]:
    """Ambas lecturas deben ser iguales (salvo lo normalizado, ver arriba). Devuelve (openpyxl,
    propio)."""
    oraculo, propio = ambos(ruta, limites)
    assert (propio.apertura is None) == (oraculo.apertura is None), (propio.apertura,
                                                                      oraculo.apertura)
    assert propio.titulos == oraculo.titulos
    for titulo in oraculo.titulos:
        b = propio.celdas[titulo]
        a = [_normal_oraculo(c, b[i] if i < len(b) else None)
             for i, c in enumerate(oraculo.celdas[titulo])]
        if a != b:
            for x, y in zip(a, b):
                assert x == y, (titulo, x, y)
            assert len(a) == len(b), (titulo, len(a), len(b))
        assert ([_normal_problema(p) for p in propio.problemas[titulo]]
                == [_normal_problema(p) for p in oraculo.problemas[titulo]]), titulo
        assert propio.fatal[titulo] == oraculo.fatal[titulo], titulo
    return oraculo, propio


class abrir_paquete:
    """``with abrir_paquete(ruta) as p: p.hoja(titulo)``: el paquete del lector propio, tras las
    revisiones del archivo y del zip (para mirar el recorrido de una hoja por dentro)."""

    def __init__(self, ruta: Path, limites=LIMITES):
        from penitencia_cli.lectura.paquete import Paquete
        from penitencia_cli.lectura.seguridad import revisar_archivo

        revisar_archivo(Path(ruta), limites)
        self.paquete = Paquete(Path(ruta), limites)

    def __enter__(self):
        return self.paquete

    def __exit__(self, *_exc) -> None:
        self.paquete.cerrar()
