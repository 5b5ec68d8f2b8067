"""Las hojas del libro para el lector de la plantilla: :func:`abrir_libro` revisa el archivo
(:mod:`.seguridad`) y abre el paquete (:mod:`.paquete`); :meth:`Libro.filas` recorre una hoja en
una sola pasada (:mod:`.recorrido`) y da sus filas con datos, cada una con sus celdas no vacías.
Lo que detiene la lectura de una hoja y lo que se observa al terminarla (:class:`Guardia`) queda
en la lista de problemas del lector, con su hoja y su celda.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from ..errores import ErrorDeDatos
from ..modelos import Problema, Severidad
from .celdas import Celda
from .paquete import NoEsLibro, Paquete
from .recorrido import FILAS_POR_AVISO, Hoja, Progreso
from .seguridad import (
    LIMITES,
    ErrorDeHoja,
    Limites,
    XMLProhibido,
    causa_ilegible,
    revisar_archivo,
)
from .valores import letra, rango

__all__ = ["FILAS_POR_AVISO", "Guardia", "Libro", "Progreso", "abrir_libro", "rachas"]

MAX_AVISOS_POR_HOJA = 20
"""Celdas combinadas o rachas ocultas que se detallan por hoja; las demás se cuentan."""


class Guardia:
    """Lo que se dice de una hoja al terminar de recorrerla: celdas combinadas que tocan la tabla
    (error: sólo la primera celda guarda valor), filas y columnas ocultas con datos (observaciones:
    se leen igual). Los límites (filas, columnas, texto, etiquetas) los vigila el recorrido."""

    def __init__(self, hoja: str, problemas: list[Problema]):
        self.hoja = hoja
        self.problemas = problemas

    def final(self, recorrido: Hoja, fila_encabezado: int | None,
              columnas_encabezado: set[int]) -> None:
        en_tabla = []
        for ref in recorrido.combinadas:
            limites = rango(ref)
            if limites is None:
                continue
            c1, f1, c2, f2 = limites
            if (fila_encabezado is not None and f2 >= fila_encabezado
                    and any(c1 <= c <= c2 for c in columnas_encabezado)):
                en_tabla.append((ref, f"{letra(c1)}{f1}"))
        for ref, primera in en_tabla[:MAX_AVISOS_POR_HOJA]:
            self.problemas.append(Problema(hoja=self.hoja, celda=ref, mensaje=(
                f"Celdas combinadas {ref}: sólo {primera} guarda el valor y las demás se "
                "leerían vacías. Separe las celdas y escriba el valor en cada una.")))
        if len(en_tabla) > MAX_AVISOS_POR_HOJA:
            self.problemas.append(Problema(hoja=self.hoja, mensaje=(
                f"Y {len(en_tabla) - MAX_AVISOS_POR_HOJA:,} rangos de celdas combinadas más en la "
                "tabla.")))
        for desde, hasta in list(rachas(recorrido.filas_ocultas))[:MAX_AVISOS_POR_HOJA]:
            texto = (f"La fila {desde} está oculta y tiene datos: se lee" if desde == hasta else
                     f"Las filas {desde} a {hasta} están ocultas y tienen datos: se leen")
            self.problemas.append(Problema(
                severidad=Severidad.OBSERVACION, hoja=self.hoja, celda=f"{desde}:{hasta}",
                mensaje=f"{texto} igual que las visibles."))
        for columna, ref in sorted(recorrido.ocultas_con_datos.items()):
            self.problemas.append(Problema(
                severidad=Severidad.OBSERVACION, hoja=self.hoja, celda=ref,
                mensaje=(f"La columna {letra(columna)} está oculta y tiene datos: se lee igual "
                         "que las visibles.")))


def rachas(numeros: list[int]) -> Iterator[tuple[int, int]]:
    """[3, 4, 5, 9] → (3, 5), (9, 9)."""
    inicio = previo = None
    for n in numeros:
        if previo is not None and n == previo + 1:
            previo = n
            continue
        if inicio is not None:
            yield inicio, previo
        inicio = previo = n
    if inicio is not None:
        yield inicio, previo


@dataclass
class Libro:
    """El libro abierto y lo que el recorrido de sus hojas necesita."""

    paquete: Paquete
    problemas: list[Problema] = field(default_factory=list)
    """Donde se dejan los problemas de cada hoja (la lista del lector)."""
    progreso: Progreso | None = None
    encabezados: dict[str, tuple[int, set[int]]] = field(default_factory=dict)
    """Hoja → fila de encabezados y sus columnas, cuando el lector de la plantilla la encuentra
    bajo filas de título: la revisión de celdas combinadas mira desde ahí (un título combinado
    encima de la tabla no es un error)."""

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
        problemas = self.problemas
        vistos = 0
        fila_encabezado, columnas_encabezado = None, set()

        def avisos() -> None:  # celdas que no se entienden: errores que no detienen la lectura
            nonlocal vistos
            for celda, mensaje in hoja.avisos[vistos:]:
                problemas.append(Problema(hoja=titulo, celda=celda, mensaje=mensaje))
            vistos = len(hoja.avisos)

        try:
            for n, celdas in hoja:
                if len(hoja.avisos) > vistos:
                    avisos()
                if fila_encabezado is None:
                    fila_encabezado, columnas_encabezado = n, {c.columna for c in celdas}
                yield celdas
        except ErrorDeHoja as exc:
            avisos()
            problemas.append(Problema(hoja=titulo, celda=exc.celda, mensaje=exc.mensaje))
            raise ErrorDeDatos(problemas) from None
        avisos()
        if titulo in self.encabezados:
            fila_encabezado, columnas_encabezado = self.encabezados[titulo]
        Guardia(titulo, problemas).final(hoja, fila_encabezado, columnas_encabezado)


def abrir_libro(ruta: Path, problemas: list[Problema], limites: Limites = LIMITES,
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
