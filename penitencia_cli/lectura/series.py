"""Las hojas de series de la plantilla (Logros esperados, Valores obtenidos, Avance publicado): una
columna ``codigo`` y una columna por año. Cada fila da una :class:`~.celdas.SerieDeFila` (año →
valor) y una :class:`~.celdas.CeldasDeFila` (año → celda); los problemas van al lector de la
plantilla (:class:`~.plantilla.LectorPlantilla`), con su hoja y su celda.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from ..contrato import CODIGO_INDICE, POLITICA, normalizar
from ..modelos import Valor
from .celdas import (
    _MAX,
    _MIN,
    FORMULA_SIN_VALOR,
    Celda,
    CeldasDeFila,
    SerieDeFila,
    ValorInvalido,
    codigo_de,
    leer_anio,
    letra,
    parecido,
    valor_de_celda,
)
from .encabezados import columnas_sin_anio, parece_valor
from .hoja import Libro

if TYPE_CHECKING:
    from .plantilla import LectorPlantilla


def leer_series(lector: LectorPlantilla, libro: Libro, titulo: str, hoja: str, codigos: set[str],
                comprobar: bool, indice: bool = False, porcentaje: dict[str, bool] | None = None,
                ) -> dict[str, tuple[SerieDeFila, CeldasDeFila]]:
    """Hoja con columna ``codigo`` y una columna por año (``hoja``: su nombre en la
    plantilla, con el que se señalan los problemas). ``porcentaje`` dice qué códigos son de
    un indicador en porcentaje; con ``indice`` (Avance publicado) todos los valores son
    avances, es decir, porcentajes."""
    tabla = lector.tabla(libro, titulo, hoja, {"codigo": True},
                         conocida=lambda c: leer_anio(c.valor)[0] is not None)
    if tabla is None or "codigo" not in tabla.columnas:
        return {}
    col_codigo = tabla.columnas["codigo"]
    anios: dict[int, int] = {}  # columna → año
    vistos: dict[int, str] = {}
    otras: dict[int, Celda] = {}  # columna → encabezado que no es un año
    for c in tabla.encabezados:
        if c.columna == col_codigo:
            continue
        anio, nota = leer_anio(c.valor) if c.tipo != FORMULA_SIN_VALOR else (None, None)
        if anio is None:
            otras[c.columna] = c
            continue
        if anio in vistos:
            lector.error(f"El año {anio} está repetido (también en {vistos[anio]}).", hoja,
                       c.ref)
            continue
        if nota:
            lector.nota(nota, hoja, c.ref)
        vistos[anio] = c.ref
        anios[c.columna] = anio
    por_anio = list(anios.items())
    letras = {anio: letra(columna) for columna, anio in por_anio}
    posiciones = {anio: i for i, (_, anio) in enumerate(por_anio)}
    leidas = set(anios) | {col_codigo}
    fuera: dict[int, list] = {}  # columna sin año → [primera celda con algo, ¿hay un valor?]
    resultado: dict[str, tuple[dict[int, Valor], dict[int, str]]] = {}
    decimales = lector.decimales
    leidos: dict[tuple, Valor] = {}  # lo que dio valor_de_celda sin nota: sólo depende de la clave
    filas_codigo: dict[str, int] = {}  # código → su fila (la referencia, sólo si se repite)
    letra_codigo = letra(col_codigo)
    for fila in tabla.filas:
        por_col = {c.columna: c for c in fila}
        if not por_col.keys() <= leidas:  # algo fuera de las columnas de años
            for c in fila:
                if c.columna not in leidas:
                    visto = fuera.setdefault(c.columna, [c, False])
                    visto[1] = visto[1] or parece_valor(c)
        n = fila[0].fila
        ref_codigo = f"{letra_codigo}{n}"
        codigo = codigo_de(por_col.get(col_codigo))
        if indice and normalizar(codigo) == normalizar(CODIGO_INDICE):
            codigo = CODIGO_INDICE
        if not codigo:
            lector.error("Fila con valores pero sin código.", hoja, ref_codigo)
            continue
        if codigo in filas_codigo:
            lector.error(f"El código {codigo} está repetido (también en "
                       f"{letra_codigo}{filas_codigo[codigo]}).", hoja, ref_codigo, codigo)
            continue
        filas_codigo[codigo] = n
        if comprobar and codigo not in codigos:
            raiz = (lector.instrumento or POLITICA).objetivo
            donde = ("Indicadores" if not indice
                     else f"Indicadores, Estructura ({raiz}) ni INDICE")
            similar = parecido(codigo, codigos)
            pista = (f" (¿es {similar}? difiere sólo en espacios)" if similar else "")
            lector.error(f"El código {codigo} no existe en {donde}{pista}.", hoja,
                       ref_codigo, codigo)
            continue
        en_porcentaje = indice or (porcentaje or {}).get(codigo, False)
        valores: list[Valor] = []
        notas: list[str] = []
        for columna, _ in por_anio:
            celda = por_col.get(columna)
            if celda is None:
                valores.append(None)
                continue
            if celda.tipo == "n" and not celda.porcentaje:  # el caso común, sin más llamadas
                v = celda.valor
                numero = decimales.get(v)  # un número ya visto: su Decimal
                if numero is None:  # como valor_de_celda (15 cifras significativas; 0 y -0.0
                    clase = v.__class__  # no se guardan: son la misma clave)
                    if clase is float and -_MAX < v < _MAX and (v == 0.0 or
                                                                not -_MIN < v < _MIN):
                        numero = Decimal(format(v, ".15g"))
                        if v:
                            decimales[v] = numero
                    elif clase is int and -_MAX < v < _MAX:
                        numero = Decimal(v)
                        if v:
                            decimales[v] = numero
                if numero is not None:
                    valores.append(numero)
                    continue
            v = celda.valor
            clave = (celda.tipo, v.__class__, v, celda.porcentaje, en_porcentaje)
            if v and clave in leidos:  # un porcentaje o un texto ya leído (sin nota)
                valores.append(leidos[clave])
                continue
            try:
                numero = valor_de_celda(celda, en_porcentaje, notas, decimales)
            except ValorInvalido as exc:
                lector.error(f"Se encontró {exc}.", hoja, celda.ref, codigo)
                valores.append(None)
            else:
                valores.append(numero)
                if v and not notas:  # no 0 ni -0.0 (la misma clave, no el mismo Decimal)
                    leidos[clave] = numero
            if notas:
                lector.nota(notas.pop(), hoja, celda.ref, codigo)
        resultado[codigo] = (SerieDeFila(posiciones, tuple(valores)), CeldasDeFila(letras, n))
    lector.problemas.extend(columnas_sin_anio(hoja, tabla.fila_encabezado, otras, fuera))
    return resultado
