"""Las hojas del libro para el lector de la plantilla: :func:`abrir_libro` revisa el archivo y abre
el paquete; :meth:`Libro.filas` da las filas con datos de una hoja, y deja en los problemas del
lector, con su hoja y su celda, lo que la detiene y lo que se observa al terminarla.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import groupby
from pathlib import Path
from typing import Iterator

from ..errores import ErrorDeDatos
from ..modelos import Problema, Severidad
from .celdas import Celda
from .paquete import Paquete
from .recorrido import FILAS_POR_AVISO, Hoja, Progreso
from .seguridad import LIMITES, ErrorDeHoja, Limites, NoEsLibro, XMLProhibido, causa_ilegible
from .seguridad import revisar_archivo
from .valores import letra, rango

__all__ = ["FILAS_POR_AVISO", "Libro", "Problemas", "Progreso", "abrir_libro", "rachas"]

MAX_AVISOS_POR_HOJA = 20
"""Celdas combinadas o rachas ocultas que se detallan por hoja; las demás se cuentan."""


class Problemas(list):
    """Los problemas de un libro (errores y observaciones), en el orden en que se hallan, y
    cuántos son errores."""

    errores = 0

    def append(self, problema: Problema) -> None:
        self.errores += problema.severidad is Severidad.ERROR
        super().append(problema)

    def extend(self, problemas) -> None:
        for p in problemas:
            self.append(p)

    def error(self, mensaje: str, hoja: str | None = None, celda: str | None = None,
              codigo: str | None = None) -> None:
        self.append(Problema(hoja=hoja, celda=celda, codigo=codigo, mensaje=mensaje))

    def nota(self, mensaje: str, hoja: str | None = None, celda: str | None = None,
             codigo: str | None = None) -> None:
        self.append(Problema(severidad=Severidad.OBSERVACION, hoja=hoja, celda=celda,
                             codigo=codigo, mensaje=mensaje))


def rachas(numeros: list[int]) -> Iterator[tuple[int, int]]:
    """[3, 4, 5, 9] → (3, 5), (9, 9): en una racha, número − posición es constante."""
    for _, grupo in groupby(enumerate(numeros), lambda par: par[1] - par[0]):
        racha = [n for _, n in grupo]
        yield racha[0], racha[-1]


def observar(hoja: Hoja, encabezado: tuple[int, set[int]] | None,
             problemas: Problemas) -> None:
    """Lo que se dice de una hoja al terminar de recorrerla: celdas combinadas que tocan la tabla
    (desde su fila de encabezados; error: sólo la primera celda guarda valor), y filas y columnas
    ocultas con datos (observaciones: se leen igual)."""
    en_tabla = []
    for ref in hoja.combinadas:
        limites = rango(ref)
        if limites is not None and encabezado is not None and limites[3] >= encabezado[0] \
                and any(limites[0] <= c <= limites[2] for c in encabezado[1]):
            en_tabla.append((ref, f"{letra(limites[0])}{limites[1]}"))
    for ref, primera in en_tabla[:MAX_AVISOS_POR_HOJA]:
        problemas.error(f"Celdas combinadas {ref}: sólo {primera} guarda el valor y las demás se "
                        "leerían vacías. Separe las celdas y escriba el valor en cada una.",
                        hoja.titulo, ref)
    if len(en_tabla) > MAX_AVISOS_POR_HOJA:
        problemas.error(f"Y {len(en_tabla) - MAX_AVISOS_POR_HOJA:,} rangos de celdas combinadas "
                        "más en la tabla.", hoja.titulo)
    for desde, hasta in list(rachas(hoja.filas_ocultas))[:MAX_AVISOS_POR_HOJA]:
        texto = (f"La fila {desde} está oculta y tiene datos: se lee" if desde == hasta else
                 f"Las filas {desde} a {hasta} están ocultas y tienen datos: se leen")
        problemas.nota(f"{texto} igual que las visibles.", hoja.titulo, f"{desde}:{hasta}")
    for columna, ref in sorted(hoja.ocultas_con_datos.items()):
        problemas.nota(f"La columna {letra(columna)} está oculta y tiene datos: se lee igual "
                       "que las visibles.", hoja.titulo, ref)


@dataclass
class Libro:
    """El libro abierto y lo que el recorrido de sus hojas necesita."""

    paquete: Paquete
    problemas: Problemas = field(default_factory=Problemas)
    progreso: Progreso | None = None
    encabezados: dict[str, tuple[int, set[int]]] = field(default_factory=dict)
    """Hoja → fila de encabezados y sus columnas, cuando el lector de la plantilla la encuentra
    bajo filas de título (un título combinado encima de la tabla no es un error)."""

    @property
    def titulos(self) -> list[str]:
        """Nombres de las hojas de cálculo, en el orden del libro."""
        return self.paquete.titulos

    @property
    def otras(self) -> dict[str, str]:
        """Hojas que no son de cálculo (gráfico, diálogo, macros): título → qué son."""
        return self.paquete.otras

    def cerrar(self) -> None:
        self.paquete.cerrar()

    def filas(self, titulo: str) -> Iterator[list[Celda]]:
        """Filas con datos de una hoja, cada una con sus celdas no vacías. Un límite superado o
        un XML dañado detiene la lectura: :class:`ErrorDeDatos` con todos los problemas."""
        hoja = self.paquete.hoja(titulo, self.progreso)
        encabezado = None

        def avisos() -> None:  # errores de celda que no detienen la lectura, en su orden
            for celda, mensaje in hoja.avisos:
                self.problemas.error(mensaje, titulo, celda)
            hoja.avisos.clear()

        try:
            for n, celdas in hoja:
                if hoja.avisos:
                    avisos()
                encabezado = encabezado or (n, {c.columna for c in celdas})
                yield celdas
        except ErrorDeHoja as exc:
            avisos()
            self.problemas.error(exc.mensaje, titulo, exc.celda)
            raise ErrorDeDatos(self.problemas) from None
        avisos()
        observar(hoja, self.encabezados.get(titulo, encabezado), self.problemas)


def abrir_libro(ruta: Path, problemas: Problemas, limites: Limites = LIMITES,
                progreso: Progreso | None = None) -> Libro:
    """Revisa el archivo (:func:`~.seguridad.revisar_archivo`) y lo abre para recorrer sus hojas.
    Los problemas de cada hoja se dejan en ``problemas``. Lanza :class:`ErrorDeDatos`."""
    revisar_archivo(ruta, limites)
    try:
        paquete = Paquete(ruta, limites)
    except NoEsLibro as exc:
        raise ErrorDeDatos([Problema(mensaje=str(exc))]) from None
    except XMLProhibido as exc:
        raise ErrorDeDatos([Problema(mensaje=f"{ruta}: {exc}. No se lee.")]) from None
    except Exception as exc:  # cualquier cosa ante un zip que no es un libro
        raise ErrorDeDatos([Problema(mensaje=(
            f"{ruta} no se puede leer como libro .xlsx: {causa_ilegible(exc)}."))]) from exc
    return Libro(paquete, problemas, progreso)
