"""Estilos de celda (``xl/styles.xml``): de cada índice de estilo (el ``s="3"`` de una celda), si
su formato de número es de porcentaje, de fecha u hora, o de duración.

Sólo se lee lo necesario: los formatos propios (``<numFmts>``) y el ``numFmtId`` de cada ``<xf>``
de ``<cellXfs>``. Un formato propio con el id de uno incorporado manda sobre él, como en openpyxl.
Un id que no es incorporado ni propio se toma como «General» (openpyxl tomaría otro formato propio
por su posición o fallaría).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .seguridad import analizador
from .valores import FORMATOS_INCORPORADOS, es_duracion, es_fecha, es_porcentaje

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
TROZO = 128 * 1024


@dataclass
class Estilos:
    """Índices de estilo de celda con formato de porcentaje, de fecha y de duración."""

    porcentaje: frozenset[int] = frozenset()
    fecha: frozenset[int] = frozenset()
    duracion: frozenset[int] = frozenset()
    formatos: list[str | None] = field(default_factory=list)
    """El formato de número de cada índice de estilo (para diagnóstico y pruebas)."""

    def de(self, indice: int) -> tuple[bool, bool, bool]:
        """(porcentaje, fecha, duración) del índice de estilo."""
        return (indice in self.porcentaje, indice in self.fecha, indice in self.duracion)


def leer_estilos(fuente) -> Estilos:
    """Lee ``styles.xml`` por trozos con expat (un ``styles.xml`` hostil de 64 MiB no se carga
    entero ni arma un árbol)."""
    propios: dict[int, str] = {}
    ids: list[int] = []
    num_fmt, xf, cell_xfs = MAIN + " numFmt", MAIN + " xf", MAIN + " cellXfs"
    dentro_xfs = 0

    def inicio(nombre, atributos):
        nonlocal dentro_xfs
        if nombre == cell_xfs:
            dentro_xfs += 1
        elif nombre == xf and dentro_xfs:
            ids.append(int(atributos.get("numFmtId", 0)))
        elif nombre == num_fmt:
            propios[int(atributos["numFmtId"])] = atributos.get("formatCode")

    def fin(nombre):
        nonlocal dentro_xfs
        if nombre == cell_xfs:
            dentro_xfs -= 1

    p = analizador()
    p.StartElementHandler = inicio
    p.EndElementHandler = fin
    while datos := fuente.read(TROZO):
        p.Parse(datos, False)
    p.Parse(b"", True)
    return estilos_de(ids, propios)


def estilos_de(ids: list[int], propios: dict[int, str]) -> Estilos:
    """Los conjuntos de :class:`Estilos` a partir del ``numFmtId`` de cada estilo y de los
    formatos propios del libro."""
    porcentaje, fecha, duracion, formatos = set(), set(), set(), []
    cache: dict[int, tuple[str | None, bool, bool, bool]] = {}
    for i, fmt_id in enumerate(ids):
        datos = cache.get(fmt_id)
        if datos is None:
            formato = propios[fmt_id] if fmt_id in propios else FORMATOS_INCORPORADOS.get(fmt_id)
            datos = (formato, es_porcentaje(formato), es_fecha(formato), es_duracion(formato))
            cache[fmt_id] = datos
        formatos.append(datos[0])
        if datos[1]:
            porcentaje.add(i)
        if datos[2]:
            fecha.add(i)
        if datos[3]:
            duracion.add(i)
    return Estilos(frozenset(porcentaje), frozenset(fecha), frozenset(duracion), formatos)
