"""Observaciones de calidad de los datos (metodología, sección 7). Nunca impiden calcular: sentido
que contradice la tendencia de las metas, un porcentaje fuera de 0-100, escala de porcentaje
mezclada, un año con valor obtenido y sin logro esperado (o al revés) y un avance publicado que
difiere del calculado."""

from __future__ import annotations

from decimal import Decimal

from ..contrato import HOJA_LE, HOJA_PUBLICADO, HOJA_VO
from ..modelos import Indicador, Matriz, Problema, Sentido, Severidad
from .agregados import calcular
from .cifras import texto_valor
from .conciliacion import conciliar
from .metodologia import METODOLOGIA, Metodologia, perfil_de
from .sentido import nota_inferido, preparar


def es_porcentaje(ind: Indicador, met: Metodologia = METODOLOGIA) -> bool:
    unidad = (ind.unidad or "").casefold()
    return any(u in unidad for u in met.unidades_porcentaje)


def _serie(ind: Indicador, hoja: str) -> list[tuple[int, Decimal, str | None]]:
    """(año, valor, celda) con dato de una serie del indicador, por año."""
    valores, celdas = ((ind.logros_esperados, ind.celdas_le) if hoja == HOJA_LE
                       else (ind.valores_obtenidos, ind.celdas_vo))
    return [(a, v, celdas.get(a)) for a, v in sorted(valores.items()) if v is not None]


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
    (a0, v0, _), (a1, v1, _) = le[0], le[-1]
    baja = v1 < v0
    if (ind.sentido is Sentido.ASCENDENTE and baja) or (
            ind.sentido is Sentido.DESCENDENTE and v1 > v0):
        return _en_indicadores(ind, (
            f"Sentido {ind.sentido.value}, pero los logros esperados "
            f"{'bajan' if baja else 'suben'} de {_cifra(v0)} ({a0}) a {_cifra(v1)} ({a1}): revise el sentido o las metas."))
    return None


def observaciones_porcentaje(ind: Indicador, met: Metodologia = METODOLOGIA) -> list[Problema]:
    """Un indicador en porcentaje: valores fuera de 0-100 y escala mezclada (0.365 con 36.5)."""
    if not es_porcentaje(ind, met):
        return []
    minimo, maximo = met.rango_porcentaje
    problemas: list[Problema] = []
    todos = [(hoja, a, v, c) for hoja in (HOJA_LE, HOJA_VO) for a, v, c in _serie(ind, hoja)]
    nombre = {HOJA_LE: "logro esperado", HOJA_VO: "valor obtenido"}
    for hoja, a, v, c in todos:
        if not minimo <= v <= maximo:
            problemas.append(_obs(hoja, c, ind.codigo, (
                f"El {nombre[hoja]} {a} es {_cifra(v)}, fuera de {_cifra(minimo)}-"
                f"{_cifra(maximo)} para un indicador en porcentaje ({ind.unidad}).")))
    fracciones = [t for t in todos if 0 < abs(t[2]) < 1]
    enteros = [abs(t[2]) for t in todos if abs(t[2]) >= 1]
    if fracciones and enteros:
        mayor_fraccion = max(abs(t[2]) for t in fracciones)
        menor_entero = min(enteros)
        if menor_entero >= met.razon_escala_mixta * mayor_fraccion:
            for hoja, a, v, c in fracciones:
                problemas.append(_obs(hoja, c, ind.codigo, (
                    f"Escala de porcentaje mezclada: el {nombre[hoja]} {a} es {_cifra(v)} y otros "
                    f"años son {_cifra(menor_entero)} o más. ¿Falta multiplicar por 100 o darle "
                    "formato de porcentaje?")))
    return problemas


def observaciones_pares(ind: Indicador, hasta: int | None) -> list[Problema]:
    """Año con valor obtenido pero sin logro esperado, y al revés (hasta el año ``hasta``, el
    último con algún valor obtenido en el libro: las metas futuras aún no tienen medición)."""
    problemas: list[Problema] = []
    for a in sorted(set(ind.logros_esperados) | set(ind.valores_obtenidos)):
        le, vo = ind.le(a), ind.vo(a)
        if vo is not None and le is None:
            celda = ind.celdas_le.get(a)
            hoja = HOJA_LE if celda else HOJA_VO
            problemas.append(_obs(hoja, celda or ind.celdas_vo.get(a), ind.codigo, (
                f"Hay valor obtenido {a} ({_cifra(vo)}) pero no logro esperado: su avance es ND.")))
        elif le is not None and vo is None and hasta is not None and a <= hasta:
            celda = ind.celdas_vo.get(a)
            hoja = HOJA_VO if celda else HOJA_LE
            problemas.append(_obs(hoja, celda or ind.celdas_le.get(a), ind.codigo, (
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


def observaciones_calidad(matriz: Matriz, met: Metodologia | None = None) -> list[Problema]:
    """Observaciones de calidad de los datos (metodología, sección 7). Nunca impiden calcular."""
    met = met or perfil_de(matriz.politica.instrumento)
    matriz = preparar(matriz, met)
    con_vo = [a for ind in matriz.indicadores for a, v in ind.valores_obtenidos.items()
              if v is not None]
    hasta = max(con_vo) if con_vo else None
    problemas: list[Problema] = []
    for ind in matriz.indicadores:
        sentido = observacion_sentido(ind)
        if sentido is not None:
            problemas.append(sentido)
        problemas.extend(observaciones_porcentaje(ind, met))
        problemas.extend(observaciones_pares(ind, hasta))
    problemas.extend(observaciones_publicado(matriz))
    return problemas


def revisar(matriz: Matriz) -> list[Problema]:
    """Lo que ``validar`` informa de un libro que se pudo leer: las notas del lector y las
    observaciones de calidad de los datos."""
    return list(matriz.observaciones_lectura) + observaciones_calidad(matriz)
