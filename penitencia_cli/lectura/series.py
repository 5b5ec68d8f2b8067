"""Las hojas de años de la plantilla (Logros esperados, Valores obtenidos, Avance publicado): de
cada fila, año → valor y año → celda («F12»); y las columnas cuyo encabezado no es un año.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..contrato import CODIGO_INDICE, ND_TEXTOS, normalizar
from ..modelos import Problema, Valor
from .celdas import (
    FORMULA_SIN_VALOR, Celda, ValorInvalido, codigo_de, describir, leer_anio, numero_de_texto,
    parecido, texto_de, valor_de_celda,
)
from .hoja import Problemas
from .tablas import Tabla
from .valores import letra


@dataclass
class Series:
    """Lo leído de una hoja de series."""

    letras: dict[int, str] = field(default_factory=dict)  # año → letra de su columna
    valores: dict[str, dict[int, Valor]] = field(default_factory=dict)  # código → año → valor
    celdas: dict[str, dict[int, str]] = field(default_factory=dict)  # código → año → «F12»
    filas: dict[str, int] = field(default_factory=dict)  # código → su fila


def es_anio(celda: Celda) -> bool:
    return celda.tipo != FORMULA_SIN_VALOR and leer_anio(celda.valor)[0] is not None


def leer_series(tabla: Tabla, codigos: set[str], donde: str | None, problemas: Problemas,
                memoria: dict, indice: bool = False, porcentaje: dict[str, bool] | None = None,
                previa: Series | None = None) -> Series:
    """Una hoja con columna ``codigo`` y una por año. ``donde``: dónde se definen los ``codigos``
    válidos (``None``: no se comprueban); ``porcentaje``: qué códigos están en porcentaje (con
    ``indice``, Avance publicado, todos, y vale ``INDICE``); con ``previa`` (la hoja de logros al
    leer la de valores) una fila en la misma celda comparte sus textos de celda."""
    hoja = tabla.hoja
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
        elif anio in vistos:
            problemas.error(f"El año {anio} está repetido (también en {vistos[anio]}).", hoja,
                            c.ref)
        else:
            if nota:
                problemas.nota(nota, hoja, c.ref)
            vistos[anio] = c.ref
            anios[c.columna] = anio
    por_anio = list(anios.items())
    series = Series(letras={anio: letra(columna) for columna, anio in por_anio})
    iguales = previa is not None and previa.letras == series.letras
    leidas = set(anios) | {col_codigo}
    fuera: dict[int, list] = {}  # columna sin año → [primera celda con algo, ¿hay un valor?]
    letra_codigo = letra(col_codigo)
    indice_normal = normalizar(CODIGO_INDICE)
    notas: list[str] = []  # las de una celda, que se pasan en seguida a los problemas
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
        if indice and normalizar(codigo) == indice_normal:
            codigo = CODIGO_INDICE
        if not codigo:
            problemas.error("Fila con valores pero sin código.", hoja, ref_codigo)
            continue
        if codigo in series.filas:
            problemas.error(f"El código {codigo} está repetido (también en "
                            f"{letra_codigo}{series.filas[codigo]}).", hoja, ref_codigo, codigo)
            continue
        series.filas[codigo] = n
        if donde is not None and codigo not in codigos:
            similar = parecido(codigo, codigos)
            pista = f" (¿es {similar}? difiere sólo en espacios)" if similar else ""
            problemas.error(f"El código {codigo} no existe en {donde}{pista}.", hoja,
                            ref_codigo, codigo)
            continue
        en_porcentaje = indice or (porcentaje or {}).get(codigo, False)
        valores: dict[int, Valor] = {}
        for columna, anio in por_anio:
            celda = por_col.get(columna)
            if celda is None:
                valores[anio] = None
                continue
            try:
                valores[anio] = valor_de_celda(celda, en_porcentaje, notas, memoria)
            except ValorInvalido as exc:
                problemas.error(f"Se encontró {exc}.", hoja, celda.ref, codigo)
                valores[anio] = None
            while notas:
                problemas.nota(notas.pop(), hoja, celda.ref, codigo)
        series.valores[codigo] = valores
        if iguales and previa.filas.get(codigo) == n and codigo in previa.celdas:
            series.celdas[codigo] = previa.celdas[codigo]
        else:
            series.celdas[codigo] = {anio: f"{l}{n}" for anio, l in series.letras.items()}
    problemas.extend(columnas_sin_anio(hoja, tabla.fila_encabezado, otras, fuera))
    return series


def parece_valor(celda: Celda) -> bool:
    """¿Es la celda un dato de valor (número, ND escrito, fecha, error, fórmula) y no un texto
    cualquiera, como el nombre de un indicador?"""
    if celda.tipo != "s":
        return True
    texto = str(celda.valor).strip()
    if texto.lower() in ND_TEXTOS:
        return True
    try:
        numero_de_texto(texto)
    except ValorInvalido:
        return False
    return True


def columnas_sin_anio(hoja: str, fila: int, encabezados: dict[int, Celda],
                      fuera: dict[int, list]) -> list[Problema]:
    """Las columnas de una hoja de años cuyo encabezado no es un año o está vacío (``encabezados``:
    columna → encabezado; ``fuera``: columna → [primera celda debajo, ¿parece un valor?]). Con
    valores, un error (se perderían); sin nada, o sólo textos bajo un encabezado de texto (los
    nombres junto al código), se ignora con una nota."""
    problemas = Problemas()
    for columna in sorted(set(encabezados) | set(fuera)):
        encabezado = encabezados.get(columna)
        primera, hay_valor = fuera.get(columna, (None, False))
        ref = f"{letra(columna)}{fila}"
        texto = texto_de(encabezado)
        formula = encabezado is not None and encabezado.tipo == FORMULA_SIN_VALOR
        muestra = "" if primera is None else f" (p. ej. {primera.ref}: {describir(primera)})"
        if primera is None:
            nombre = "una fórmula sin valor calculado" if formula else repr(texto)
            problemas.nota(f"La columna {letra(columna)} ({nombre}) no es un año y no tiene "
                           "valores: se ignora.", hoja, ref)
        elif encabezado is None:
            problemas.error(
                f"La columna {letra(columna)} tiene valores{muestra} pero su encabezado {ref} "
                f"está vacío: escriba en {ref} el año de esos valores (p. ej. 2024), o bórrelos "
                "si no son de ningún año.", hoja, ref)
        elif formula:
            problemas.error(
                f"El encabezado {ref} es una fórmula sin valor calculado y la columna tiene "
                f"valores{muestra}: escriba el año en {ref} (p. ej. 2024), o abra el libro en "
                "Excel y guárdelo para que la fórmula se calcule.", hoja, ref)
        elif hay_valor or any(ch.isdigit() for ch in texto):
            problemas.error(
                f"El encabezado {texto!r} no es un año y la columna tiene valores{muestra}: "
                f"escriba el año con cifras en {ref} (p. ej. 2024), o mueva esos valores fuera "
                "de la hoja.", hoja, ref)
        else:
            problemas.nota(f"La columna {letra(columna)} ({texto!r}) no es un año: se ignora "
                           "(sólo tiene textos, no valores de un año).", hoja, ref)
    return problemas
