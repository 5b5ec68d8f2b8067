"""Observaciones de calidad de los datos (metodología, sección 7). Nunca impiden calcular: sentido
que contradice la tendencia de las metas, un porcentaje fuera de 0-100, escala de porcentaje
mezclada, un año con valor obtenido y sin logro esperado (o al revés), un año con metas y todavía
sin ningún valor obtenido, y un avance publicado que difiere del calculado.

``validar`` las lista todas (:func:`revisar`, o :func:`revisar_parcial` si el libro tiene
errores); ``avance`` lleva en cada indicador las de los años que calcula
(:func:`calidad_por_indicador`, que usa :mod:`.consulta`)."""

from __future__ import annotations

from decimal import Decimal

from ..contrato import HOJA_LE, HOJA_PUBLICADO, HOJA_VO, es_unidad_porcentaje
from ..modelos import Indicador, Matriz, Problema, Sentido, Severidad
from .agregados import calcular
from .cifras import texto_valor
from .conciliacion import conciliar
from .metodologia import METODOLOGIA, Metodologia, perfil_de
from .sentido import nota_inferido, preparar


def es_porcentaje(ind: Indicador, met: Metodologia = METODOLOGIA) -> bool:
    """¿El indicador está en porcentaje? La regla del contrato con las unidades de ``met``."""
    return es_unidad_porcentaje(ind.unidad, tuple(met.unidades_porcentaje))


Periodo = tuple[int, int] | None
"""Años [desde, hasta] cuyas observaciones interesan (None: todos)."""


def _dentro(anio: int, periodo: Periodo) -> bool:
    return periodo is None or periodo[0] <= anio <= periodo[1]


def _serie(ind: Indicador, hoja: str) -> list[tuple[int, Decimal]]:
    """(año, valor) con dato de una serie del indicador, por año."""
    valores = ind.logros_esperados if hoja == HOJA_LE else ind.valores_obtenidos
    return [(a, v) for a, v in sorted(valores.items()) if v is not None]


def _celda(ind: Indicador, hoja: str, anio: int) -> str | None:
    celdas = ind.celdas_le if hoja == HOJA_LE else ind.celdas_vo
    return celdas[anio] if anio in celdas else None


def _obs(hoja: str | None, celda: str | None, codigo: str, mensaje: str) -> Problema:
    return Problema(severidad=Severidad.OBSERVACION, hoja=hoja if celda else None, celda=celda,
                    codigo=codigo, mensaje=mensaje)


def _en_indicadores(ind: Indicador, mensaje: str) -> Problema:
    ub = ind.ubicacion
    return Problema(severidad=Severidad.OBSERVACION, hoja=ub.hoja if ub else None,
                    celda=ub.celda if ub else None, codigo=ind.codigo, mensaje=mensaje)


def _cifra(valor: Decimal) -> str:
    """Un valor en un mensaje, sin separador de miles: '130000', '0.365'."""
    return texto_valor(valor, miles=False)


def observacion_sentido(ind: Indicador) -> Problema | None:
    """El sentido declarado contradice la tendencia de los logros esperados (primero → último);
    un sentido inferido (plan sin sentido) se informa como tal, en la celda del sentido."""
    if ind.sentido_inferido:
        ub = ind.ubicacion
        return Problema(severidad=Severidad.OBSERVACION, hoja=ub.hoja if ub else None,
                        celda=ub.de("sentido") if ub else None, codigo=ind.codigo,
                        mensaje=f"{nota_inferido(ind)} La columna sentido está vacía.")
    le = _serie(ind, HOJA_LE)
    if len(le) < 2:
        return None
    (a0, v0), (a1, v1) = le[0], le[-1]
    baja = v1 < v0
    if (ind.sentido is Sentido.ASCENDENTE and baja) or (
            ind.sentido is Sentido.DESCENDENTE and v1 > v0):
        return _en_indicadores(ind, (
            f"Sentido {ind.sentido.value}, pero los logros esperados "
            f"{'bajan' if baja else 'suben'} de {_cifra(v0)} ({a0}) a {_cifra(v1)} ({a1}): revise el sentido o las metas."))
    return None


def observaciones_porcentaje(ind: Indicador, met: Metodologia = METODOLOGIA,
                             periodo: Periodo = None) -> list[Problema]:
    """Un indicador en porcentaje: valores fuera de 0-100 y escala mezclada (0.365 con 36.5),
    señalados en las celdas de los años del ``periodo``."""
    if not es_porcentaje(ind, met):
        return []
    minimo, maximo = met.rango_porcentaje
    problemas: list[Problema] = []
    todos = [(hoja, a, v) for hoja in (HOJA_LE, HOJA_VO) for a, v in _serie(ind, hoja)]
    nombre = {HOJA_LE: "logro esperado", HOJA_VO: "valor obtenido"}
    for hoja, a, v in todos:
        if not minimo <= v <= maximo and _dentro(a, periodo):
            problemas.append(_obs(hoja, _celda(ind, hoja, a), ind.codigo, (
                f"El {nombre[hoja]} {a} es {_cifra(v)}, fuera de {_cifra(minimo)}-"
                f"{_cifra(maximo)} para un indicador en porcentaje ({ind.unidad}).")))
    fracciones: list[tuple[str, int, Decimal]] = []  # 0 < |v| < 1
    enteros: list[Decimal] = []  # |v| >= 1
    for t in todos:  # una pasada, un abs por valor
        magnitud = abs(t[2])
        if magnitud >= 1:
            enteros.append(magnitud)
        elif magnitud:
            fracciones.append(t)
    if fracciones and enteros:
        mayor_fraccion = max(abs(t[2]) for t in fracciones)
        menor_entero = min(enteros)
        if menor_entero >= met.razon_escala_mixta * mayor_fraccion:
            for hoja, a, v in fracciones:
                if not _dentro(a, periodo):
                    continue
                problemas.append(_obs(hoja, _celda(ind, hoja, a), ind.codigo, (
                    f"Escala de porcentaje mezclada: el {nombre[hoja]} {a} es {_cifra(v)} y otros "
                    f"años son {_cifra(menor_entero)} o más. ¿Falta multiplicar por 100 o darle "
                    "formato de porcentaje?")))
    return problemas


def observaciones_pares(ind: Indicador, hasta: int | None,
                        sin_vo: frozenset[int] = frozenset(),
                        periodo: Periodo = None) -> list[Problema]:
    """Año con valor obtenido pero sin logro esperado, y al revés (hasta el año ``hasta``, el
    último con algún valor obtenido en el libro: las metas futuras aún no tienen medición). Los
    años ``sin_vo`` (ningún indicador tiene valor obtenido) se dicen una vez para todo el libro
    (:func:`nota_anios_sin_vo`), no indicador por indicador."""
    logros, valores = ind.logros_esperados, ind.valores_obtenidos
    con_le = {a for a, v in logros.items() if v is not None}
    con_vo = {a for a, v in valores.items() if v is not None}
    if con_le == con_vo:  # el caso común: cada año con dato tiene los dos
        return []
    problemas: list[Problema] = []
    for a in sorted(con_le ^ con_vo):  # sólo ahí falta uno de los dos
        if a in sin_vo or not _dentro(a, periodo):
            continue
        le, vo = logros.get(a), valores.get(a)
        if vo is not None and le is None:
            celda = _celda(ind, HOJA_LE, a)
            hoja = HOJA_LE if celda else HOJA_VO
            problemas.append(_obs(hoja, celda or _celda(ind, HOJA_VO, a), ind.codigo, (
                f"Hay valor obtenido {a} ({_cifra(vo)}) pero no logro esperado: su avance es ND.")))
        elif le is not None and vo is None and hasta is not None and a <= hasta:
            celda = _celda(ind, HOJA_VO, a)
            hoja = HOJA_VO if celda else HOJA_LE
            problemas.append(_obs(hoja, celda or _celda(ind, HOJA_LE, a), ind.codigo, (
                f"Hay logro esperado {a} ({_cifra(le)}) pero no valor obtenido: su avance es ND.")))
    return problemas


def observaciones_publicado(matriz: Matriz) -> list[Problema]:
    """Avances publicados (indicadores, OP e ``INDICE``) que difieren de los calculados: las
    diferencias de :func:`conciliar`, año por año, señaladas en su celda de ``Avance publicado``."""
    anios = sorted({a for serie in matriz.avance_publicado.values() for a in serie})
    problemas: list[Problema] = []
    for anio in anios:
        for d in conciliar(calcular(matriz, anio)).diferencias:
            celda = matriz.celdas_publicado.get(d.codigo, {}).get(anio)
            problemas.append(_obs(HOJA_PUBLICADO, celda, d.codigo, f"{anio}: {d.nota}"))
    return problemas


def anios_sin_vo(matriz: Matriz) -> list[int]:
    """Años con algún logro esperado y sin ningún valor obtenido en todo el libro."""
    con_le, con_vo = _anios_con_dato(matriz)
    return sorted(con_le - con_vo)


def _anios_con_dato(matriz: Matriz) -> tuple[set[int], set[int]]:
    """Los años con algún logro esperado y con algún valor obtenido, en todo el libro. Un año ya
    visto no se vuelve a buscar: con miles de indicadores, casi todos se ven en los primeros.
    (Si todos los años vistos hasta un indicador, los suyos incluidos, ya tienen dato, sus
    valores no añaden nada; los años del libro se reúnen en la misma pasada.)"""
    anios: set[int] = set()
    con_le: set[int] = set()
    con_vo: set[int] = set()
    for ind in matriz.indicadores:
        logros, valores = ind.logros_esperados, ind.valores_obtenidos
        anios.update(logros)
        anios.update(valores)
        if len(con_le) < len(anios):
            con_le.update(a for a, v in logros.items() if v is not None)
        if len(con_vo) < len(anios):
            con_vo.update(a for a, v in valores.items() if v is not None)
    return con_le, con_vo


def texto_anios(anios: list[int]) -> str:
    """[2025, 2026, 2027] → '2025 a 2027'; [2020, 2026] → '2020 y 2026'."""
    if len(anios) > 2 and anios[-1] - anios[0] == len(anios) - 1:
        return f"{anios[0]} a {anios[-1]}"
    if len(anios) > 1:
        return ", ".join(str(a) for a in anios[:-1]) + f" y {anios[-1]}"
    return str(anios[0])


def nota_anios_sin_vo(anios: list[int]) -> str | None:
    """'2026 aún no tiene valores obtenidos: ...' (una nota para todos los indicadores)."""
    if not anios:
        return None
    verbo = "aún no tiene" if len(anios) == 1 else "aún no tienen"
    return (f"{texto_anios(anios)} {verbo} valores obtenidos (hay logros esperados): sus avances "
            "son ND hasta que se registren.")


def _por_indicador(matriz: Matriz, met: Metodologia, periodo: Periodo = None,
                   pares: bool = True, inferidos: bool = True
                   ) -> list[tuple[Indicador, list[Problema]]]:
    con_le, con_vo = _anios_con_dato(matriz)
    hasta = max(con_vo) if con_vo else None
    sin_vo = frozenset(con_le - con_vo)
    resultado = []
    for ind in matriz.indicadores:
        problemas: list[Problema] = []
        sentido = observacion_sentido(ind)
        if sentido is not None and (inferidos or not ind.sentido_inferido):
            problemas.append(sentido)
        problemas.extend(observaciones_porcentaje(ind, met, periodo))
        if pares:
            problemas.extend(observaciones_pares(ind, hasta, sin_vo, periodo))
        resultado.append((ind, problemas))
    return resultado


def observaciones_calidad(matriz: Matriz, met: Metodologia | None = None,
                          publicado: bool = True, pares: bool = True) -> list[Problema]:
    """Observaciones de calidad de los datos (metodología, sección 7). Nunca impiden calcular.
    Sin ``pares``, no se juzga qué años tienen logro esperado y valor obtenido."""
    met = met or perfil_de(matriz.politica.instrumento)
    matriz = preparar(matriz, met)
    problemas = [p for _, propios in _por_indicador(matriz, met, pares=pares) for p in propios]
    nota = nota_anios_sin_vo(anios_sin_vo(matriz)) if pares else None
    if nota is not None:
        problemas.append(Problema(severidad=Severidad.OBSERVACION, hoja=HOJA_VO, mensaje=nota))
    if publicado:
        problemas.extend(observaciones_publicado(matriz))
    return problemas


def calidad_por_indicador(matriz: Matriz, desde: int, hasta: int,
                          met: Metodologia | None = None) -> dict[str, list[Problema]]:
    """Las observaciones de cada indicador que tocan el cálculo de [desde, hasta]: las de toda su
    serie (el sentido frente a las metas) y las de las celdas de los años del periodo. Las de
    avance publicado y la del sentido inferido no: el resultado de cada indicador ya las lleva
    (:func:`~.conciliacion.comparar_publicado`, :mod:`.sentido`)."""
    met = met or perfil_de(matriz.politica.instrumento)
    matriz = preparar(matriz, met)
    return {ind.codigo: problemas
            for ind, problemas in _por_indicador(matriz, met, (desde, hasta), inferidos=False)
            if problemas}


def revisar(matriz: Matriz) -> list[Problema]:
    """Lo que ``validar`` informa de un libro que se pudo leer: las notas del lector y las
    observaciones de calidad de los datos."""
    return list(matriz.observaciones_lectura) + observaciones_calidad(matriz)


def revisar_parcial(matriz: Matriz | None, problemas: list[Problema]) -> list[Problema]:
    """Lo que ``validar`` informa de un libro con errores: sus problemas y las observaciones de
    calidad que todavía se pueden calcular con lo que sí se leyó (los indicadores sin errores).
    No se repite lo que ya es un error (una celda ilegible no es además «un año sin valor»), y no
    se concilia el avance publicado: calculado sin las celdas con error, diferiría por eso."""
    if matriz is None:
        return list(problemas)
    if not perfil_de(matriz.politica.instrumento).infiere_sentido:
        # Un instrumento que no se entendió se lee como política: sin sentido no hay juicio.
        matriz = matriz.model_copy(update={"indicadores": [
            i for i in matriz.indicadores if i.sentido is not None]})
    errores = [p for p in problemas if p.severidad is Severidad.ERROR]
    con_error = {(p.hoja, p.celda) for p in errores}
    # Una columna de años (o una hoja de series) ilegible deja años sin leer: qué años tienen
    # logro esperado y valor obtenido ya no se puede juzgar.
    series_rotas = any(p.codigo is None and p.hoja in (HOJA_LE, HOJA_VO, None) for p in errores)
    extra = [p for p in observaciones_calidad(matriz, publicado=False, pares=not series_rotas)
             if (p.hoja, p.celda) not in con_error]
    return list(problemas) + extra
