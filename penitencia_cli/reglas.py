"""El motor de reglas: funciones puras sobre los modelos. Sin typer, sin rich, sin openpyxl.

Implementa ``docs/metodologia.md`` (copia de la especificación del proyecto). Umbrales, franjas y
tolerancias viven en un solo lugar: :data:`METODOLOGIA`. Se calcula con ``Decimal`` exactos y se
redondea (mitad hacia arriba, un decimal) sólo para mostrar; la franja se decide sobre el valor
mostrado.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from enum import Enum
from typing import Iterable

from .modelos import (
    HOJA_LE,
    HOJA_PUBLICADO,
    HOJA_VO,
    Indicador,
    Matriz,
    Problema,
    Sentido,
    Severidad,
    Valor,
)

CIEN = Decimal(100)
CERO = Decimal(0)


class Franja(str, Enum):
    """Franja de avance. El valor es la clave estable usada en JSON y CSV."""

    BAJA = "0-75"
    MEDIA = "75-95"
    ALTA = "95+"
    ND = "ND"

    @property
    def etiqueta(self) -> str:
        return METODOLOGIA.etiquetas[self]

    @property
    def color(self) -> str:
        """Color del semáforo: rojo, ámbar, verde o gris."""
        return METODOLOGIA.colores[self]


@dataclass(frozen=True)
class Metodologia:
    """Toda la configuración de las reglas. Un cambio de metodología es una edición aquí."""

    version: str = "PNP-CEPLAN 1.0"
    decimales: int = 1
    umbral_media: Decimal = Decimal(75)
    """Desde aquí (valor mostrado) la franja es [75-95%>."""
    umbral_alta: Decimal = Decimal(95)
    """Desde aquí (valor mostrado) la franja es >= 95%."""
    umbral_avance_limitado: Decimal = Decimal("20.0")
    """Alerta de avance limitado: avance mostrado menor o igual que este valor."""
    tolerancia_publicado: Decimal = Decimal("0.05")
    """Diferencia máxima admitida entre un avance publicado y el calculado."""
    rango_porcentaje: tuple = (Decimal(0), Decimal(100))
    """Valores esperables de un indicador en porcentaje (fuera: observación de calidad)."""
    unidades_porcentaje: tuple = ("porcentaje", "porcentual", "%")
    """Una ``unidad`` que contiene alguno de estos textos (sin mayúsculas) es un porcentaje."""
    razon_escala_mixta: Decimal = Decimal(50)
    """Escala de porcentaje mezclada: una fracción (0 < v < 1) junto a valores ≥ 1 que la
    superan al menos esta cantidad de veces (0.365 junto a 36.5: 100 veces; un dato real bajo,
    como 0.2 frente a una meta de 5 en la muestra, no llega)."""
    etiquetas: dict = field(
        default_factory=lambda: {
            Franja.BAJA: "[0-75%>",
            Franja.MEDIA: "[75-95%>",
            Franja.ALTA: "≥95%",
            Franja.ND: "ND",
        }
    )
    colores: dict = field(
        default_factory=lambda: {
            Franja.BAJA: "rojo",
            Franja.MEDIA: "ámbar",
            Franja.ALTA: "verde",
            Franja.ND: "gris",
        }
    )

    @property
    def cuanto(self) -> Decimal:
        return Decimal(1).scaleb(-self.decimales)


METODOLOGIA = Metodologia()
FRANJAS = (Franja.BAJA, Franja.MEDIA, Franja.ALTA, Franja.ND)
"""Orden de las franjas en tablas y resúmenes."""


# --- Redondeo y franjas -----------------------------------------------------------------------


def redondear(valor: Valor, met: Metodologia = METODOLOGIA) -> Valor:
    """Redondeo para mostrar: un decimal, mitad hacia arriba (68.75 → 68.8). ND queda ND."""
    if valor is None:
        return None
    return valor.quantize(met.cuanto, rounding=ROUND_HALF_UP)


def franja_de(valor: Valor, met: Metodologia = METODOLOGIA) -> Franja:
    """Franja decidida sobre el valor tal como se muestra (94.96 se muestra 95.0: ≥95%)."""
    mostrado = redondear(valor, met)
    if mostrado is None:
        return Franja.ND
    if mostrado >= met.umbral_alta:
        return Franja.ALTA
    if mostrado >= met.umbral_media:
        return Franja.MEDIA
    return Franja.BAJA


def contar_franjas(valores: Iterable[Valor], met: Metodologia = METODOLOGIA) -> dict[Franja, int]:
    cuenta = {f: 0 for f in FRANJAS}
    for v in valores:
        cuenta[franja_de(v, met)] += 1
    return cuenta


# --- Avance Tipo I ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Avance:
    """Un avance calculado (exacto) con las observaciones que lo explican."""

    valor: Valor
    observaciones: tuple[str, ...] = ()

    @property
    def mostrado(self) -> Valor:
        return redondear(self.valor)

    @property
    def franja(self) -> Franja:
        return franja_de(self.valor)


def avance_tipo1(sentido: Sentido, le: Valor, vo: Valor) -> Avance:
    """Avance Tipo I del año: VO/LE×100 (ascendente) o LE/VO×100 (descendente), sin tope."""
    if le is None or vo is None:
        faltan = [n for n, v in (("logro esperado", le), ("valor obtenido", vo)) if v is None]
        return Avance(None, (f"Sin {' ni '.join(faltan)} para el año.",))
    if le < 0 or vo < 0:
        return Avance(
            None,
            (
                "Avance ND: un valor negativo (logro esperado o valor obtenido) no admite el "
                "cociente del avance Tipo I.",
            ),
        )
    if le == 0 and vo == 0:
        return Avance(CIEN)
    if sentido is Sentido.ASCENDENTE:
        if le == 0:
            return Avance(CIEN, ("meta cero superada",))
        return Avance(vo / le * CIEN)
    if vo == 0:
        return Avance(CIEN, ("valor obtenido cero",))
    return Avance(le / vo * CIEN)


# --- Agregación -------------------------------------------------------------------------------


def media(valores: Iterable[Valor]) -> Valor:
    """Media aritmética de los valores que no son ND; ND si todos lo son."""
    con_dato = [v for v in valores if v is not None]
    if not con_dato:
        return None
    return sum(con_dato, CERO) / len(con_dato)


def topar(valor: Valor, tope: Decimal | None) -> Valor:
    """Aplica el tope opcional (sensibilidad a la sobreejecución) antes de agregar."""
    if valor is None or tope is None:
        return valor
    return min(valor, tope)


@dataclass
class ResultadoIndicador:
    indicador: Indicador
    op: str | None
    """Código del OP al que se reduce el indicador."""
    le: Valor
    vo: Valor
    avance: Avance
    publicado: Valor = None
    observaciones: list[str] = field(default_factory=list)

    @property
    def codigo(self) -> str:
        return self.indicador.codigo

    @property
    def franja(self) -> Franja:
        return self.avance.franja


@dataclass
class ResultadoAgregado:
    """Avance de un OP (media de sus IOP) o el índice de gestión (media de los OP)."""

    codigo: str
    enunciado: str
    valor: Valor
    con_dato: int
    total: int

    @property
    def mostrado(self) -> Valor:
        return redondear(self.valor)

    @property
    def franja(self) -> Franja:
        return franja_de(self.valor)

    @property
    def cobertura(self) -> str:
        return f"{self.con_dato} de {self.total} indicadores con dato"


@dataclass
class ResultadoAnio:
    matriz: Matriz
    anio: int
    indicadores: list[ResultadoIndicador]
    objetivos: list[ResultadoAgregado]
    indice: ResultadoAgregado
    tope: Decimal | None = None

    @property
    def iop(self) -> list[ResultadoIndicador]:
        return [r for r in self.indicadores if r.indicador.nivel == "IOP"]

    @property
    def iss(self) -> list[ResultadoIndicador]:
        return [r for r in self.indicadores if r.indicador.nivel == "ISS"]

    @property
    def resumen(self) -> dict[str, dict[Franja, int]]:
        """Conteo por franja de los tres grupos del reporte."""
        return {
            "objetivos": contar_franjas(o.valor for o in self.objetivos),
            "indicadores_op": contar_franjas(r.avance.valor for r in self.iop),
            "indicadores_servicio": contar_franjas(r.avance.valor for r in self.iss),
        }


def mapa_op(matriz: Matriz) -> dict[str, str]:
    """Código de cada elemento de la estructura → código de su OP (SS → LN → OP)."""
    padres = {e.codigo: e.padre for e in matriz.estructura}
    resultado: dict[str, str] = {}
    for codigo in padres:
        actual, vistos = codigo, set()
        while padres.get(actual) is not None and actual not in vistos:
            vistos.add(actual)
            actual = padres[actual]
        if actual in padres and padres[actual] is None:
            resultado[codigo] = actual
    return resultado


def comparar_publicado(
    calculado: Valor, publicado: Valor, met: Metodologia = METODOLOGIA
) -> str | None:
    """Observación si un avance publicado difiere del calculado en más de la tolerancia."""
    if publicado is None and calculado is None:
        return None
    if publicado is None or calculado is None:
        pub = "ND" if publicado is None else str(redondear(publicado, met))
        cal = "ND" if calculado is None else str(redondear(calculado, met))
        return f"El avance publicado ({pub}) no coincide con el calculado ({cal})."
    if abs(calculado - publicado) > met.tolerancia_publicado:
        return (
            f"El avance publicado ({publicado}) difiere del calculado ({redondear(calculado, met)}) "
            f"en más de {met.tolerancia_publicado}."
        )
    return None


def calcular(matriz: Matriz, anio: int, *, tope: Decimal | None = None) -> ResultadoAnio:
    """Avance Tipo I de cada indicador, avance de cada OP e índice de gestión del año."""
    ops = mapa_op(matriz)
    indicadores: list[ResultadoIndicador] = []
    for ind in matriz.indicadores:
        le, vo = ind.le(anio), ind.vo(anio)
        av = avance_tipo1(ind.sentido, le, vo)
        observaciones = list(av.observaciones)
        publicado = matriz.avance_publicado.get(ind.codigo, {})
        pub = publicado.get(anio)
        if anio in publicado:
            nota = comparar_publicado(av.valor, pub)
            if nota:
                observaciones.append(nota)
        indicadores.append(
            ResultadoIndicador(
                indicador=ind,
                op=ops.get(ind.pertenece_a),
                le=le,
                vo=vo,
                avance=av,
                publicado=pub,
                observaciones=observaciones,
            )
        )

    por_op: dict[str, list[ResultadoIndicador]] = {}
    for r in indicadores:
        if r.indicador.nivel == "IOP" and r.op is not None:
            por_op.setdefault(r.op, []).append(r)
    objetivos = []
    for op in matriz.objetivos:
        propios = por_op.get(op.codigo, [])
        valores = [topar(r.avance.valor, tope) for r in propios]
        objetivos.append(
            ResultadoAgregado(
                codigo=op.codigo,
                enunciado=op.enunciado,
                valor=media(valores),
                con_dato=sum(v is not None for v in valores),
                total=len(valores),
            )
        )
    indice = ResultadoAgregado(
        codigo="INDICE",
        enunciado="Índice de gestión de la política nacional",
        valor=media(o.valor for o in objetivos),
        con_dato=sum(o.valor is not None for o in objetivos),
        total=len(objetivos),
    )
    return ResultadoAnio(matriz, anio, indicadores, objetivos, indice, tope)


# --- Observaciones de calidad de datos (metodología, sección 7) ------------------------------


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


def _txt(valor: Decimal) -> str:
    v = valor.normalize()
    return str(v.quantize(Decimal(1)) if v == v.to_integral_value() else v)


def observacion_sentido(ind: Indicador) -> Problema | None:
    """El sentido declarado contradice la tendencia de los logros esperados (primero → último)."""
    le = _serie(ind, HOJA_LE)
    if len(le) < 2:
        return None
    (a0, v0, _), (a1, v1, _) = le[0], le[-1]
    baja = v1 < v0
    if (ind.sentido is Sentido.ASCENDENTE and baja) or (
            ind.sentido is Sentido.DESCENDENTE and v1 > v0):
        return _en_indicadores(ind, (
            f"Sentido {ind.sentido.value}, pero los logros esperados {'bajan' if baja else 'suben'} "
            f"de {_txt(v0)} ({a0}) a {_txt(v1)} ({a1}): revise el sentido o las metas."))
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
                f"El {nombre[hoja]} {a} es {_txt(v)}, fuera de {_txt(minimo)}-{_txt(maximo)} para "
                f"un indicador en porcentaje ({ind.unidad}).")))
    fracciones = [t for t in todos if 0 < abs(t[2]) < 1]
    enteros = [abs(t[2]) for t in todos if abs(t[2]) >= 1]
    if fracciones and enteros:
        mayor_fraccion = max(abs(t[2]) for t in fracciones)
        menor_entero = min(enteros)
        if menor_entero >= met.razon_escala_mixta * mayor_fraccion:
            for hoja, a, v, c in fracciones:
                problemas.append(_obs(hoja, c, ind.codigo, (
                    f"Escala de porcentaje mezclada: el {nombre[hoja]} {a} es {_txt(v)} y otros "
                    f"años son {_txt(menor_entero)} o más. ¿Falta multiplicar por 100 o darle "
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
                f"Hay valor obtenido {a} ({_txt(vo)}) pero no logro esperado: su avance es ND.")))
        elif le is not None and vo is None and hasta is not None and a <= hasta:
            celda = ind.celdas_vo.get(a)
            hoja = HOJA_VO if celda else HOJA_LE
            problemas.append(_obs(hoja, celda or ind.celdas_le.get(a), ind.codigo, (
                f"Hay logro esperado {a} ({_txt(le)}) pero no valor obtenido: su avance es ND.")))
    return problemas


def observaciones_publicado(matriz: Matriz) -> list[Problema]:
    """Avances publicados (indicadores, OP e ``INDICE``) que difieren de los calculados."""
    anios = sorted({a for serie in matriz.avance_publicado.values() for a in serie})
    problemas: list[Problema] = []
    for anio in anios:
        resultado = calcular(matriz, anio)
        calculados = {r.codigo: r.avance.valor for r in resultado.indicadores}
        calculados.update({o.codigo: o.valor for o in resultado.objetivos})
        calculados[resultado.indice.codigo] = resultado.indice.valor
        for codigo, serie in matriz.avance_publicado.items():
            if anio not in serie or codigo not in calculados:
                continue
            nota = comparar_publicado(calculados[codigo], serie[anio])
            if nota:
                celda = matriz.celdas_publicado.get(codigo, {}).get(anio)
                problemas.append(_obs(HOJA_PUBLICADO, celda, codigo, f"{anio}: {nota}"))
    return problemas


def observaciones_calidad(matriz: Matriz, met: Metodologia = METODOLOGIA) -> list[Problema]:
    """Observaciones de calidad de los datos (metodología, sección 7). Nunca impiden calcular."""
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
