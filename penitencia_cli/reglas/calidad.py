"""Observaciones de calidad de los datos (metodología, sección 7). Nunca impiden calcular: sentido
que contradice la tendencia de las metas, un porcentaje fuera de 0-100, un valor fuera de la escala
del resto de su serie (0.365 junto a 36.5 en un porcentaje; 6.182 junto a 5,940 en un conteo), un
año con valor obtenido y sin logro esperado (o al revés) y un año con metas y todavía sin ningún
valor obtenido. (El avance publicado que difiere del calculado es de :mod:`.conciliacion`.)

``validar`` las lista todas (:func:`observaciones_calidad`, desde
:func:`~.consulta.revisar`); ``avance`` lleva en cada indicador las de los años que calcula
(:func:`calidad_por_indicador`, que :mod:`.consulta` pasa a :func:`~.agregados.calcular`)."""

from __future__ import annotations

from decimal import Decimal

from ..contrato import HOJA_LE, HOJA_VO, es_unidad_porcentaje
from ..modelos import Indicador, Matriz, Problema, Sentido, Severidad
from .cifras import texto_valor
from .metodologia import Perfil
from .sentido import MatrizPreparada, nota_inferido, tendencia

PREFIJO_CALIDAD = "Calidad de los datos"
"""Con qué empieza una observación de calidad entre las ``observaciones`` de un resultado."""


def texto_calidad(problema: Problema) -> str:
    """Una observación de calidad en las observaciones de un indicador: con su hoja y celda."""
    lugar = f" ({problema.lugar})" if problema.lugar else ""
    return f"{PREFIJO_CALIDAD}{lugar}: {problema.mensaje}"


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
    extremos = tendencia(ind)
    if extremos is None or extremos[0] == extremos[1]:  # sin dos metas no hay tendencia
        return None
    (a0, v0), (a1, v1) = extremos
    baja = v1 < v0
    if (ind.sentido is Sentido.ASCENDENTE and baja) or (
            ind.sentido is Sentido.DESCENDENTE and v1 > v0):
        return _en_indicadores(ind, (
            f"Sentido {ind.sentido.value}, pero los logros esperados "
            f"{'bajan' if baja else 'suben'} de {_cifra(v0)} ({a0}) a {_cifra(v1)} ({a1}): revise el sentido o las metas."))
    return None


_NOMBRE_SERIE = {HOJA_LE: "logro esperado", HOJA_VO: "valor obtenido"}


def observaciones_rango(ind: Indicador, perfil: Perfil,
                        periodo: Periodo = None) -> list[Problema]:
    """Un indicador en porcentaje: valores fuera de 0-100, señalados en las celdas de los años
    del ``periodo``."""
    if not es_unidad_porcentaje(ind.unidad):
        return []
    minimo, maximo = perfil.rango_porcentaje
    return [_obs(hoja, _celda(ind, hoja, a), ind.codigo, (
                f"El {_NOMBRE_SERIE[hoja]} {a} es {_cifra(v)}, fuera de {_cifra(minimo)}-"
                f"{_cifra(maximo)} para un indicador en porcentaje ({ind.unidad})."))
            for hoja in (HOJA_LE, HOJA_VO) for a, v in _serie(ind, hoja)
            if not minimo <= v <= maximo and _dentro(a, periodo)]


def observaciones_escala(ind: Indicador, perfil: Perfil,
                         periodo: Periodo = None) -> list[Problema]:
    """Valores fuera de la escala del resto de la serie del indicador (sus logros esperados y
    valores obtenidos, sin los ceros), señalados en las celdas de los años del ``periodo``.

    Los valores se parten en dos grupos, bajos y altos; si el menor de los altos es al menos
    ``razon`` veces el mayor de los bajos, un grupo está fuera de escala:

    - en porcentaje (``perfil.razon_escala_porcentaje``, 50): los bajos son las fracciones
      (0 < |v| < 1) y son ellos los sospechosos (0.365 por 36.5: falta multiplicar por 100);
    - en otra unidad (``perfil.razon_escala``, 500): el corte está en el mayor salto entre
      valores vecinos y el sospechoso es el grupo más pequeño (en un empate, los bajos): 6.182
      junto a 5,940 y 5,937 (un punto de miles leído como decimal) o 6182 junto a 5.94 y 5.937.
    """
    porcentaje = es_unidad_porcentaje(ind.unidad)
    razon = perfil.razon_escala_porcentaje if porcentaje else perfil.razon_escala
    valores = [v for serie in (ind.logros_esperados, ind.valores_obtenidos)
               for v in serie.values() if v]
    if len(valores) < 2:
        return []
    menor, mayor = min(valores), max(valores)
    if menor < 0:  # con negativos, las magnitudes
        menor, mayor = min(map(abs, valores)), max(map(abs, valores))
    if mayor < razon * menor:
        return []  # el caso común: ningún salto entre vecinos puede llegar a ``razon``
    todos = sorted((abs(v), hoja, a, v) for hoja in (HOJA_LE, HOJA_VO)
                   for a, v in _serie(ind, hoja) if v)
    if porcentaje:
        corte = sum(m < 1 for m, *_ in todos)
        if corte in (0, len(todos)):
            return []
    else:
        corte = 1 + max(range(len(todos) - 1), key=lambda i: todos[i + 1][0] / todos[i][0])
    bajos, altos = todos[:corte], todos[corte:]
    if altos[0][0] < razon * bajos[-1][0]:
        return []
    problemas: list[Problema] = []
    sospechosos = bajos if porcentaje or len(bajos) <= len(altos) else altos
    resto = altos if sospechosos is bajos else bajos
    desde, hasta = resto[0][0], resto[-1][0]
    for magnitud, hoja, a, v in sorted(sospechosos, key=lambda t: (t[1], t[2])):
        if not _dentro(a, periodo):
            continue
        if porcentaje:
            mensaje = (f"Escala de porcentaje mezclada: el {_NOMBRE_SERIE[hoja]} {a} es "
                       f"{_cifra(v)} y otros años son {_cifra(desde)} o más. ¿Falta multiplicar "
                       "por 100 o darle formato de porcentaje?")
        else:
            bajo = sospechosos is bajos
            veces = (desde / magnitud) if bajo else (magnitud / hasta)
            rango = _cifra(desde) if desde == hasta else f"{_cifra(desde)} a {_cifra(hasta)}"
            mensaje = (f"Fuera de escala: el {_NOMBRE_SERIE[hoja]} {a} es {_cifra(v)}, unas "
                       f"{_veces(veces)} veces {'menor' if bajo else 'mayor'} que el resto de su "
                       f"serie ({rango}). ¿Un separador de miles o decimal mal escrito (un punto "
                       "o una coma de más o de menos), u otra unidad? Revise la celda.")
        problemas.append(_obs(hoja, _celda(ind, hoja, a), ind.codigo, mensaje))
    return problemas


def _veces(razon: Decimal) -> str:
    """Cuántas veces, redondeado a dos cifras significativas: 960, 1000, 1500."""
    entero = int(razon)
    cifras = len(str(entero))
    return str(round(entero, -(cifras - 2)) if cifras > 2 else entero)


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


def _por_indicador(matriz: Matriz, perfil: Perfil, periodo: Periodo = None,
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
        problemas.extend(observaciones_rango(ind, perfil, periodo))
        problemas.extend(observaciones_escala(ind, perfil, periodo))
        if pares:
            problemas.extend(observaciones_pares(ind, hasta, sin_vo, periodo))
        resultado.append((ind, problemas))
    return resultado


def observaciones_calidad(preparada: MatrizPreparada, pares: bool = True) -> list[Problema]:
    """Observaciones de calidad de los datos (metodología, sección 7) de todo el libro. Nunca
    impiden calcular. Sin ``pares``, no se juzga qué años tienen logro esperado y valor
    obtenido."""
    matriz = preparada.matriz
    problemas = [p for _, propios in _por_indicador(matriz, preparada.perfil, pares=pares)
                 for p in propios]
    nota = nota_anios_sin_vo(anios_sin_vo(matriz)) if pares else None
    if nota is not None:
        problemas.append(Problema(severidad=Severidad.OBSERVACION, hoja=HOJA_VO, mensaje=nota))
    return problemas


def calidad_por_indicador(preparada: MatrizPreparada, desde: int,
                          hasta: int) -> dict[str, list[Problema]]:
    """Las observaciones de cada indicador que tocan el cálculo de [desde, hasta]: las de toda su
    serie (el sentido frente a las metas) y las de las celdas de los años del periodo. Las de
    avance publicado y la del sentido inferido no: el resultado de cada indicador ya las lleva
    (:func:`~.conciliacion.comparar_publicado`, :mod:`.sentido`)."""
    return {ind.codigo: problemas
            for ind, problemas in _por_indicador(preparada.matriz, preparada.perfil,
                                                 (desde, hasta), inferidos=False)
            if problemas}
