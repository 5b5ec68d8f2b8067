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
    Acumulacion,
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
    retroceso_anio_con_dato: bool = True
    """Alerta de retroceso: si t−1 es ND, comparar con el último año anterior con dato (True) u
    omitir el indicador (False)."""
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
    proyeccion_minimo_valores: int = 2
    """Valores obtenidos (años distintos) que necesita la proyección lineal al año final."""
    proyeccion_cortas: dict = field(
        default_factory=lambda: {
            "ya cumplida": "cumplida",
            "en ruta": "en ruta",
            "requiere aceleración": "acelerar",
            "en retroceso": "retroceso",
            "sin datos suficientes": "sin datos",
        }
    )
    """Rótulos cortos de las clases de proyección (columnas estrechas)."""

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


class _ConValor:
    """Un avance exacto (``valor``) que se muestra redondeado y se clasifica en una franja."""

    valor: Valor

    @property
    def mostrado(self) -> Valor:
        return redondear(self.valor)

    @property
    def franja(self) -> Franja:
        return franja_de(self.valor)


@dataclass(frozen=True)
class Avance(_ConValor):
    """Un avance calculado (exacto) con las observaciones que lo explican."""

    valor: Valor
    observaciones: tuple[str, ...] = ()


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
    usados: tuple[int, ...] = ()
    """Con periodo: años cuyos valores entran en el avance."""
    excluidos: tuple[int, ...] = ()
    """Con periodo: años dejados fuera por falta de logro esperado o valor obtenido."""

    @property
    def codigo(self) -> str:
        return self.indicador.codigo

    @property
    def franja(self) -> Franja:
        return self.avance.franja


@dataclass
class ResultadoAgregado(_ConValor):
    """Avance de un OP (media de sus IOP) o el índice de gestión (media de los OP)."""

    codigo: str
    enunciado: str
    valor: Valor
    con_dato: int
    total: int

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
    tipo: int = 1
    """1 = avance Tipo I, 2 = avance Tipo II."""
    desde: int | None = None
    """Primer año del periodo [desde, anio]; None = sólo el año."""

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


def calcular(matriz: Matriz, anio: int, *, tope: Decimal | None = None, tipo: int = 1,
             desde: int | None = None) -> ResultadoAnio:
    """Avance de cada indicador, avance de cada OP e índice de gestión del año.

    ``tipo`` elige el avance Tipo I (por omisión) o Tipo II; ``desde`` pide el avance del periodo
    [desde, anio] (ver :func:`avance_periodo`). OP e índice se agregan igual para ambos tipos.
    """
    ops = mapa_op(matriz)
    indicadores: list[ResultadoIndicador] = []
    for ind in matriz.indicadores:
        med = medir(ind, anio, tipo=tipo, desde=desde)
        le, vo, av = med.le, med.vo, med.avance
        observaciones = list(av.observaciones)
        publicado = matriz.avance_publicado.get(ind.codigo, {})
        pub = publicado.get(anio)
        if anio in publicado and tipo == 1 and desde is None:
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
                usados=med.usados,
                excluidos=med.excluidos,
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
    return ResultadoAnio(matriz, anio, indicadores, objetivos, indice, tope, tipo, desde)


# --- Alertas (metodología, sección 6) -----------------------------------------------------------
#
# Borrador automático de las «ALERTAS IDENTIFICADAS» del reporte, en cuatro grupos y en el orden
# del reporte. Decisión [definido] para el retroceso: si el año t−1 no tiene valor obtenido, se
# compara con el año anterior más reciente que sí lo tenga, y el mensaje nombra ese año
# (``Metodologia.retroceso_anio_con_dato``; con False se omite el indicador). En la muestra 2024
# ambas opciones dan la misma lista: los indicadores con retroceso tienen dato en 2023.


class GrupoAlerta(str, Enum):
    """Grupo de una alerta. El valor es la clave estable usada en JSON."""

    SIN_DATO_OP = "sin_dato_op"
    SIN_DATO_SERVICIO = "sin_dato_servicio"
    RETROCESO = "retroceso"
    AVANCE_LIMITADO = "avance_limitado"


GRUPOS_ALERTA = (
    GrupoAlerta.SIN_DATO_OP,
    GrupoAlerta.SIN_DATO_SERVICIO,
    GrupoAlerta.RETROCESO,
    GrupoAlerta.AVANCE_LIMITADO,
)
"""Orden de los grupos, como en el reporte."""


@dataclass(frozen=True)
class Alerta:
    """Una alerta del año: qué indicador, por qué, y los valores que la sostienen."""

    grupo: GrupoAlerta
    codigo: str
    nombre: str
    nivel: str
    anio: int
    mensaje: str
    """Frase completa: código, nombre entre comillas y el hecho, con sus cifras."""
    unidad: str | None = None
    sentido: Sentido | None = None
    logro_esperado: Valor = None
    valor_obtenido: Valor = None
    avance: Valor = None
    """Avance Tipo I exacto (se muestra con un decimal)."""
    anio_anterior: int | None = None
    """Retroceso: año con el que se comparó el valor obtenido."""
    valor_anterior: Valor = None
    umbral: Decimal | None = None
    """Avance limitado: el umbral aplicado."""

    @property
    def hecho(self) -> str:
        """El mensaje sin el código ni el nombre del indicador (para tablas que ya los muestran)."""
        _, separador, resto = self.mensaje.partition("”: ")
        return resto if separador else self.mensaje


def texto_cifra(valor: Valor, unidad: str | None = None) -> str:
    """Un valor para un mensaje: '24%', '37.85%', '4,948' o 'ND' (sin ceros de más)."""
    if valor is None:
        return "ND"
    v = valor.normalize()
    if v == v.to_integral_value():
        v = v.quantize(Decimal(1))
    texto = f"{v:,}"
    if unidad and unidad.strip().lower() == "porcentaje":
        texto += "%"
    return texto


def _valor_anterior(ind: Indicador, anio: int, met: "Metodologia") -> tuple[int, Decimal] | None:
    """Año y valor obtenido con el que se compara el de ``anio`` (t−1, o el último con dato)."""
    anteriores = sorted((a for a in ind.valores_obtenidos if a < anio), reverse=True)
    for a in anteriores:
        v = ind.vo(a)
        if v is not None:
            return a, v
        if not met.retroceso_anio_con_dato:
            return None
    return None


def empeoro(sentido: Sentido, anterior: Decimal, actual: Decimal) -> bool:
    """El valor obtenido empeoró: bajó (ascendente) o subió (descendente)."""
    if sentido is Sentido.ASCENDENTE:
        return actual < anterior
    return actual > anterior


def alertas_de(resultado: "ResultadoAnio", umbral: Decimal | None = None,
               met: "Metodologia" = METODOLOGIA) -> list[Alerta]:
    """Las alertas del año de un resultado ya calculado, agrupadas y ordenadas como el reporte."""
    umbral = met.umbral_avance_limitado if umbral is None else umbral
    anio = resultado.anio
    grupos: dict[GrupoAlerta, list[Alerta]] = {g: [] for g in GRUPOS_ALERTA}

    for r in resultado.indicadores:
        ind = r.indicador
        base = dict(codigo=ind.codigo, nombre=ind.nombre, nivel=ind.nivel, anio=anio,
                    unidad=ind.unidad, sentido=ind.sentido, logro_esperado=r.le, valor_obtenido=r.vo,
                    avance=r.avance.valor)
        titulo = f"{ind.codigo} “{ind.nombre.strip().rstrip('.')}”"

        if r.avance.valor is None:
            grupo = GrupoAlerta.SIN_DATO_OP if ind.nivel == "IOP" else GrupoAlerta.SIN_DATO_SERVICIO
            grupos[grupo].append(Alerta(grupo=grupo, mensaje=f"{titulo}: {_motivo_nd(r, anio)}",
                                        **base))

        if r.vo is not None:
            previo = _valor_anterior(ind, anio, met)
            if previo is not None and empeoro(ind.sentido, previo[1], r.vo):
                a_ant, v_ant = previo
                verbo = "bajó" if ind.sentido is Sentido.ASCENDENTE else "subió"
                salto = "" if a_ant == anio - 1 else f" ({anio - 1} sin dato)"
                mensaje = (
                    f"{titulo}: el valor obtenido {verbo} de {texto_cifra(v_ant, ind.unidad)} en "
                    f"{a_ant}{salto} a {texto_cifra(r.vo, ind.unidad)} en {anio} (sentido "
                    f"{ind.sentido.value.lower()})"
                )
                if r.avance.valor is not None:
                    mensaje += f"; avance Tipo I {anio}: {redondear(r.avance.valor, met)}%"
                grupos[GrupoAlerta.RETROCESO].append(Alerta(
                    grupo=GrupoAlerta.RETROCESO, mensaje=mensaje + ".", anio_anterior=a_ant,
                    valor_anterior=v_ant, **base))

        mostrado = redondear(r.avance.valor, met)
        if mostrado is not None and mostrado <= umbral:
            mensaje = (
                f"{titulo}: avance Tipo I limitado de {mostrado}% en {anio} (valor obtenido "
                f"{texto_cifra(r.vo, ind.unidad)} frente a un logro esperado de "
                f"{texto_cifra(r.le, ind.unidad)}), igual o menor que el umbral de {umbral}%."
            )
            grupos[GrupoAlerta.AVANCE_LIMITADO].append(Alerta(
                grupo=GrupoAlerta.AVANCE_LIMITADO, mensaje=mensaje, umbral=umbral, **base))

    # El reporte enumera los avances limitados de menor a mayor.
    grupos[GrupoAlerta.AVANCE_LIMITADO].sort(key=lambda a: a.avance)
    return [a for g in GRUPOS_ALERTA for a in grupos[g]]


def _motivo_nd(r: "ResultadoIndicador", anio: int) -> str:
    unidad = r.indicador.unidad
    if r.le is None and r.vo is None:
        return f"sin medición en {anio} (sin logro esperado ni valor obtenido)."
    if r.vo is None:
        return (f"sin valor obtenido en {anio} (logro esperado "
                f"{texto_cifra(r.le, unidad)}).")
    if r.le is None:
        return (f"sin logro esperado para {anio} (valor obtenido "
                f"{texto_cifra(r.vo, unidad)}): no se puede calcular el avance.")
    return f"avance ND en {anio}: " + " ".join(r.avance.observaciones)


def alertas(matriz: Matriz, anio: int, umbral: Decimal | None = None,
            met: "Metodologia" = METODOLOGIA) -> list[Alerta]:
    """Alertas del año (metodología §6): sin dato OP, sin dato servicio, retroceso, avance
    limitado (avance mostrado ≤ ``umbral``, por omisión ``METODOLOGIA.umbral_avance_limitado``)."""
    return alertas_de(calcular(matriz, anio), umbral, met)


# --- Conciliación con el avance publicado ---------------------------------------------------------
#
# La regla de diferencia es una sola, :func:`comparar_publicado` (tolerancia
# ``METODOLOGIA.tolerancia_publicado``). Aquí sólo se recorren indicadores, OP e índice y se busca
# una causa probable para cada diferencia.


@dataclass(frozen=True)
class Diferencia:
    """Un avance publicado que no coincide con el calculado."""

    codigo: str
    tipo: str
    """``indicador``, ``objetivo`` o ``indice``."""
    nombre: str
    anio: int
    publicado: Valor
    calculado: Valor
    """Avance calculado exacto (se muestra con un decimal)."""
    causa: str
    """Causa probable, en una frase."""
    nota: str
    """La observación de :func:`comparar_publicado`."""
    donde: str = ""
    """Qué celdas del libro revisar, si se sabe."""

    @property
    def detalle(self) -> str:
        return self.nota + self.donde

    @property
    def diferencia(self) -> Valor:
        if self.publicado is None or self.calculado is None:
            return None
        return self.calculado - self.publicado


@dataclass(frozen=True)
class Conciliacion:
    anio: int
    comparados: int
    """Cuántos avances publicados del año se compararon."""
    diferencias: list[Diferencia]


def _mitad_de_unidad(valor: Decimal) -> Decimal:
    """Media unidad del último decimal con que está escrito el valor (24 → 0.5; 7.6 → 0.05)."""
    exponente = min(valor.as_tuple().exponent, 0)  # type: ignore[operator]
    return Decimal(5).scaleb(exponente - 1)


def _intervalo_avance(publicado: Decimal, met: "Metodologia") -> tuple[Decimal, Decimal]:
    """Avances exactos que se imprimen como ``publicado`` (mitad hacia arriba)."""
    medio = met.cuanto / 2
    return publicado - medio, publicado + medio


def _causa_redondeo(r: "ResultadoIndicador", publicado: Decimal,
                    met: "Metodologia") -> str | None:
    """¿Explica el avance publicado un VO (o LE) que, redondeado como está escrito, da el del libro?

    Busca el valor obtenido (o el logro esperado) que daría el avance publicado y comprueba si
    cabe dentro de la media unidad del valor impreso en el libro (24 cubre 23.5–24.5).
    """
    le, vo, sentido = r.le, r.vo, r.indicador.sentido
    if le is None or vo is None or le <= 0 or vo <= 0 or publicado <= 0:
        return None
    bajo, alto = _intervalo_avance(publicado, met)
    unidad = r.indicador.unidad
    # avance = VO/LE×100 (asc.) o LE/VO×100 (desc.): el intervalo de VO (o LE) que lo produce.
    if sentido is Sentido.ASCENDENTE:
        vo_rango = (bajo * le / CIEN, alto * le / CIEN)
        le_rango = (vo * CIEN / alto, vo * CIEN / bajo)
    else:
        vo_rango = (le * CIEN / alto, le * CIEN / bajo)
        le_rango = (bajo * vo / CIEN, alto * vo / CIEN)
    for nombre, impreso, (desde, hasta) in (("valor obtenido", vo, vo_rango),
                                            ("logro esperado", le, le_rango)):
        tol = _mitad_de_unidad(impreso)
        if desde <= impreso + tol and hasta >= impreso - tol:
            centro = (desde + hasta) / 2
            aprox = centro.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
            return (
                f"valor impreso redondeado: el avance publicado corresponde a un {nombre} de "
                f"≈{texto_cifra(aprox, unidad)}, que impreso con la precisión del libro se ve como "
                f"{texto_cifra(impreso, unidad)}"
            )
    return None


def _causa_indicador(r: "ResultadoIndicador", publicado: Valor, met: "Metodologia") -> str:
    calculado = r.avance.valor
    if calculado is None:
        falta = "el logro esperado" if r.le is None else "el valor obtenido"
        if r.le is None and r.vo is None:
            falta = "el logro esperado y el valor obtenido"
        return f"el reporte publica un avance pero en el libro falta {falta} del año"
    if publicado is None:
        return "el reporte no publicó avance (ND) aunque el libro tiene logro esperado y valor " \
               "obtenido"
    causa = _causa_redondeo(r, publicado, met)
    if causa:
        return causa
    bajo, alto = _intervalo_avance(publicado, met)
    if calculado > CIEN and bajo <= CIEN <= alto:
        return "el reporte topó el avance en 100"
    for factor in (CIEN, 1 / CIEN):
        if bajo <= calculado * factor <= alto:
            return "escala de porcentaje distinta (un valor escrito como fracción, 0.365 por 36.5)"
    if r.le not in (None, CERO) and r.vo not in (None, CERO):
        inverso = CIEN * CIEN / calculado
        if bajo <= inverso <= alto:
            return "el reporte calculó con el sentido contrario"
    return "causa no identificada: revise el logro esperado y el valor obtenido del año"


def _donde(r: "ResultadoIndicador", anio: int) -> str:
    ind = r.indicador
    celdas = [f"{hoja}!{c[anio]}" for hoja, c in ((HOJA_LE, ind.celdas_le),
                                                   (HOJA_VO, ind.celdas_vo))
              if anio in c]
    return f" Revise {' y '.join(celdas)}." if celdas else ""


def conciliar(resultado: "ResultadoAnio", met: "Metodologia" = METODOLOGIA) -> Conciliacion:
    """Compara los avances calculados con la hoja ``Avance publicado`` (indicadores, OP, índice)."""
    anio = resultado.anio
    publicados = resultado.matriz.avance_publicado
    diferencias: list[Diferencia] = []
    comparados = 0
    con_diferencia: set[str] = set()

    for r in resultado.indicadores:
        serie = publicados.get(r.codigo, {})
        if anio not in serie:
            continue
        comparados += 1
        pub = serie[anio]
        nota = comparar_publicado(r.avance.valor, pub, met)
        if nota:
            con_diferencia.add(r.codigo)
            diferencias.append(Diferencia(
                codigo=r.codigo, tipo="indicador", nombre=r.indicador.nombre, anio=anio,
                publicado=pub, calculado=r.avance.valor, causa=_causa_indicador(r, pub, met),
                nota=nota, donde=_donde(r, anio)))

    por_op: dict[str, list[str]] = {}
    for r in resultado.iop:
        if r.op is not None:
            por_op.setdefault(r.op, []).append(r.codigo)
    ops_con_diferencia: set[str] = set()
    agregados = [(o, "objetivo", por_op.get(o.codigo, [])) for o in resultado.objetivos]
    agregados.append((resultado.indice, "indice", None))
    for ag, tipo, hijos in agregados:
        serie = publicados.get(ag.codigo, {})
        if anio not in serie:
            continue
        comparados += 1
        pub = serie[anio]
        nota = comparar_publicado(ag.valor, pub, met)
        if not nota:
            continue
        if tipo == "objetivo":
            heredadas = [c for c in hijos if c in con_diferencia]
            causa = (f"arrastra la diferencia de {', '.join(heredadas)}" if heredadas else
                     "causa no identificada: el avance publicado no es la media de los "
                     "indicadores de OP con dato")
            ops_con_diferencia.add(ag.codigo)
        else:
            causa = (f"arrastra la diferencia de {', '.join(sorted(ops_con_diferencia))}"
                     if ops_con_diferencia else
                     "causa no identificada: el índice publicado no es la media de los OP con "
                     "dato")
        diferencias.append(Diferencia(
            codigo=ag.codigo, tipo=tipo, nombre=ag.enunciado, anio=anio, publicado=pub,
            calculado=ag.valor, causa=causa, nota=nota))
    return Conciliacion(anio=anio, comparados=comparados, diferencias=diferencias)


# --- Tiempo y método: Tipo II, periodos, proyección, comparación ------------------------------
#
# Ampliaciones de la metodología (docs/metodologia.md, secciones 4, 5 y 8-10). Todo [definido]
# salvo lo que la especificación fija: Tipo II (sección 5) y la lectura de un periodo según la
# acumulación (sección 4).

TIPO_I = 1
TIPO_II = 2
TIPOS = (TIPO_I, TIPO_II)
NOMBRE_TIPO = {TIPO_I: "Tipo I", TIPO_II: "Tipo II"}


def avance_tipo2(sentido: Sentido, lb: Valor, le: Valor, vo: Valor) -> Avance:
    """Avance Tipo II (progreso desde la línea de base), sin tope; puede ser negativo.

    Ascendente (VO−LB)/(LE−LB)×100; descendente (LB−VO)/(LB−LE)×100. ND, con su motivo, cuando
    falta la línea de base, el logro esperado o el valor obtenido, o cuando LE = LB.
    """
    faltan = [n for n, v in (("línea de base", lb), ("logro esperado", le),
                              ("valor obtenido", vo)) if v is None]
    if faltan:
        lista = faltan[0] if len(faltan) == 1 else f"{', '.join(faltan[:-1])} ni {faltan[-1]}"
        return Avance(None, (f"Avance Tipo II ND: sin {lista}.",))
    if le == lb:
        return Avance(
            None,
            ("Avance Tipo II ND: el logro esperado es igual a la línea de base (no se planificó "
             "cambio).",),
        )
    if sentido is Sentido.ASCENDENTE:
        return Avance((vo - lb) / (le - lb) * CIEN)
    return Avance((lb - vo) / (lb - le) * CIEN)


@dataclass(frozen=True)
class Medicion:
    """Lo que se compara de un indicador en un año o periodo, y el avance que resulta.

    ``le`` y ``vo`` son el valor del año o del periodo (acumulado: el último año; no acumulado: la
    suma de los años con ambos valores). ``usados`` y ``excluidos`` sólo se llenan en periodos.
    """

    le: Valor
    vo: Valor
    avance: Avance
    usados: tuple[int, ...] = ()
    excluidos: tuple[int, ...] = ()


def _avance_del_tipo(tipo: int, sentido: Sentido, lb: Valor, le: Valor, vo: Valor) -> Avance:
    if tipo == TIPO_II:
        return avance_tipo2(sentido, lb, le, vo)
    return avance_tipo1(sentido, le, vo)


def medir(ind: Indicador, anio: int, *, tipo: int = TIPO_I, desde: int | None = None) -> Medicion:
    """Avance Tipo I o Tipo II de un indicador en ``anio`` o en el periodo [``desde``, ``anio``]."""
    if tipo not in TIPOS:
        raise ValueError(f"Tipo de avance desconocido: {tipo!r}")
    if desde is None:
        le, vo = ind.le(anio), ind.vo(anio)
        return Medicion(le, vo, _avance_del_tipo(tipo, ind.sentido, ind.lb_valor, le, vo))
    return avance_periodo(ind, desde, anio, tipo=tipo)


def avance_periodo(ind: Indicador, desde: int, hasta: int, *, tipo: int = TIPO_I) -> Medicion:
    """Avance del periodo [desde, hasta] según la acumulación (metodología, sección 4).

    - Acumulado (stock): el valor del periodo es el del último año; avance = el del año ``hasta``.
    - No acumulado (flujo): ΣVO / ΣLE (Tipo I, invertido si es descendente) sobre los años del
      periodo con ambos valores; los demás se informan como excluidos. Tipo II de un flujo:
      Σ(VO−LB) / Σ(LE−LB), es decir, la fórmula Tipo II con LB×n, n = años usados.
    Las reglas de cero, ND y negativos del avance del año valen también para el cociente del periodo.
    """
    if desde > hasta:
        raise ValueError(f"El periodo empieza ({desde}) después de terminar ({hasta}).")
    anios = range(desde, hasta + 1)
    if ind.acumulacion is Acumulacion.ACUMULADO:
        le, vo = ind.le(hasta), ind.vo(hasta)
        av = _avance_del_tipo(tipo, ind.sentido, ind.lb_valor, le, vo)
        notas = list(av.observaciones)
        if le is None or vo is None:
            notas.append(f"Indicador acumulado: el periodo se lee en su último año ({hasta}).")
            return Medicion(le, vo, Avance(av.valor, tuple(notas)), (), (hasta,))
        return Medicion(le, vo, av, (hasta,), ())

    usados = tuple(a for a in anios if ind.le(a) is not None and ind.vo(a) is not None)
    excluidos = tuple(a for a in anios if a not in usados)
    notas: list[str] = []
    if excluidos:
        notas.append("Años excluidos del periodo (sin logro esperado o valor obtenido): "
                      + ", ".join(str(a) for a in excluidos) + ".")
    if not usados:
        notas.append("Ningún año del periodo tiene logro esperado y valor obtenido.")
        return Medicion(None, None, Avance(None, tuple(notas)), usados, excluidos)
    negativos = [a for a in usados if ind.le(a) < 0 or ind.vo(a) < 0]
    suma_le = sum((ind.le(a) for a in usados), CERO)
    suma_vo = sum((ind.vo(a) for a in usados), CERO)
    if negativos:
        notas.append(
            "Avance ND: un valor negativo (año " + ", ".join(str(a) for a in negativos)
            + ") no admite el cociente del avance del periodo."
        )
        return Medicion(suma_le, suma_vo, Avance(None, tuple(notas)), usados, excluidos)
    lb = None if ind.lb_valor is None else ind.lb_valor * len(usados)
    av = _avance_del_tipo(tipo, ind.sentido, lb, suma_le, suma_vo)
    return Medicion(suma_le, suma_vo, Avance(av.valor, (*av.observaciones, *notas)), usados,
                    excluidos)


# Proyección al año final (metodología, sección 8) -----------------------------------------------


class ClaseProyeccion(str, Enum):
    """Clase de la proyección. El valor es la clave estable usada en JSON."""

    CUMPLIDA = "ya cumplida"
    EN_RUTA = "en ruta"
    ACELERAR = "requiere aceleración"
    RETROCESO = "en retroceso"
    SIN_DATOS = "sin datos suficientes"

    @property
    def corta(self) -> str:
        """Rótulo corto para columnas estrechas."""
        return METODOLOGIA.proyeccion_cortas[self.value]


@dataclass(frozen=True)
class Proyeccion:
    """La tendencia lineal de los valores obtenidos de un indicador, llevada al año final."""

    clase: ClaseProyeccion
    anio_final: int | None
    """Año al que se proyecta: el último año del libro con algún logro esperado."""
    meta: Valor = None
    """Logro esperado del indicador en el año final."""
    valor: Valor = None
    """Valor obtenido proyectado al año final (tendencia lineal por mínimos cuadrados)."""
    pendiente: Valor = None
    """Cambio por año de la tendencia (en unidades del indicador)."""
    ultimo_anio: int | None = None
    ultimo_valor: Valor = None
    puntos: tuple[tuple[int, Decimal], ...] = ()
    avance: Valor = None
    """Avance Tipo I que tendría el valor proyectado frente a la meta (sin tope)."""
    motivo: str = ""


def anio_final_con_meta(matriz: Matriz) -> int | None:
    """Último año del libro en el que algún indicador tiene logro esperado."""
    anios = [a for ind in matriz.indicadores for a, v in ind.logros_esperados.items()
             if v is not None]
    return max(anios) if anios else None


def tendencia_lineal(puntos: Iterable[tuple[int, Decimal]]) -> tuple[Decimal, Decimal]:
    """Recta de mínimos cuadrados v = a + b·t sobre (año, valor): devuelve (b, valor medio).

    Aritmética decimal exacta salvo una división por parámetro: con n puntos,
    b = (nΣtv − ΣtΣv) / (nΣt² − (Σt)²). Se necesitan al menos dos años distintos.
    """
    pts = list(puntos)
    n = len(pts)
    st = sum(t for t, _ in pts)
    stt = sum(t * t for t, _ in pts)
    sv = sum((v for _, v in pts), CERO)
    stv = sum((t * v for t, v in pts), CERO)
    sxx = n * stt - st * st
    if n < 2 or sxx == 0:
        raise ValueError("La tendencia necesita al menos dos años distintos.")
    return (n * stv - st * sv) / sxx, sv / n


def valor_tendencia(puntos: Iterable[tuple[int, Decimal]], anio: int) -> Decimal:
    """Valor de la recta de mínimos cuadrados en ``anio``."""
    pts = list(puntos)
    pendiente, medio = tendencia_lineal(pts)
    media_t = Decimal(sum(t for t, _ in pts)) / len(pts)
    return medio + pendiente * (Decimal(anio) - media_t)


def _mejor_o_igual(sentido: Sentido, a: Decimal, b: Decimal) -> bool:
    """``a`` cumple (alcanza o supera) ``b`` según el sentido del indicador."""
    return a >= b if sentido is Sentido.ASCENDENTE else a <= b


def proyectar(ind: Indicador, anio_final: int | None, *, hasta: int | None = None,
              met: Metodologia | None = None) -> Proyeccion:
    """Proyecta el valor obtenido al ``anio_final`` y lo clasifica (metodología, sección 8).

    Usa los valores obtenidos de los años ≤ ``hasta`` (todos si es None). En este orden:
    1. sin datos suficientes: sin meta en el año final, o menos de ``proyeccion_minimo_valores``
       valores obtenidos;
    2. ya cumplida: el último valor obtenido ya alcanza la meta del año final;
    3. en retroceso: la pendiente va en contra del sentido (baja si es ascendente, sube si es
       descendente);
    4. en ruta: el valor proyectado alcanza la meta, y el año final aún no se ha medido;
    5. requiere aceleración: en otro caso (la tendencia no llega a la meta a tiempo).
    """
    met = met or METODOLOGIA
    puntos = tuple(sorted((a, v) for a, v in ind.valores_obtenidos.items()
                          if v is not None and (hasta is None or a <= hasta)))
    meta = ind.le(anio_final) if anio_final is not None else None
    ultimo_anio, ultimo_valor = puntos[-1] if puntos else (None, None)
    base = dict(anio_final=anio_final, meta=meta, ultimo_anio=ultimo_anio,
                ultimo_valor=ultimo_valor, puntos=puntos)
    if meta is None:
        return Proyeccion(ClaseProyeccion.SIN_DATOS, motivo=(
            "Sin logro esperado en el año final" + (f" ({anio_final})." if anio_final else ".")),
            **base)
    if len(puntos) < met.proyeccion_minimo_valores:
        return Proyeccion(ClaseProyeccion.SIN_DATOS, motivo=(
            f"Se necesitan al menos {met.proyeccion_minimo_valores} valores obtenidos; hay "
            f"{len(puntos)}."), **base)
    pendiente, _ = tendencia_lineal(puntos)
    valor = valor_tendencia(puntos, anio_final)
    avance = avance_tipo1(ind.sentido, meta, valor).valor
    base.update(valor=valor, pendiente=pendiente, avance=avance)
    retrocede = pendiente < 0 if ind.sentido is Sentido.ASCENDENTE else pendiente > 0
    if _mejor_o_igual(ind.sentido, ultimo_valor, meta):
        clase, motivo = ClaseProyeccion.CUMPLIDA, (
            f"El valor obtenido de {ultimo_anio} ya alcanza la meta de {anio_final}.")
    elif retrocede:
        clase, motivo = ClaseProyeccion.RETROCESO, (
            "La tendencia se aleja de la meta ("
            + ("baja" if ind.sentido is Sentido.ASCENDENTE else "sube") + " cada año).")
    elif ultimo_anio < anio_final and _mejor_o_igual(ind.sentido, valor, meta):
        clase, motivo = ClaseProyeccion.EN_RUTA, (
            f"Al ritmo actual alcanza la meta de {anio_final}.")
    else:
        clase, motivo = ClaseProyeccion.ACELERAR, (
            f"Al ritmo actual no alcanza la meta de {anio_final}."
            if ultimo_anio < anio_final else
            f"El valor obtenido de {anio_final} no alcanzó la meta.")
    return Proyeccion(clase, motivo=motivo, **base)


# Comparación de dos años (metodología, sección 10) ------------------------------------------------

_RANGO_FRANJA = {Franja.BAJA: 0, Franja.MEDIA: 1, Franja.ALTA: 2}


class Movimiento(str, Enum):
    """Cómo cambió la franja de un OP o indicador entre dos años. Valor: clave estable en JSON."""

    SUBE = "suben"
    BAJA = "bajan"
    GANA_DATO = "ganan_dato"
    PIERDE_DATO = "pierden_dato"
    IGUAL = "sin_cambio"


def movimiento(inicial: Franja, final: Franja) -> Movimiento:
    """Subir o bajar de franja (entre franjas con dato), ganar o perder el dato, o quedarse."""
    if inicial is Franja.ND and final is Franja.ND:
        return Movimiento.IGUAL
    if inicial is Franja.ND:
        return Movimiento.GANA_DATO
    if final is Franja.ND:
        return Movimiento.PIERDE_DATO
    diferencia = _RANGO_FRANJA[final] - _RANGO_FRANJA[inicial]
    if diferencia > 0:
        return Movimiento.SUBE
    if diferencia < 0:
        return Movimiento.BAJA
    return Movimiento.IGUAL


@dataclass(frozen=True)
class Transicion:
    codigo: str
    nivel: str
    """OP, IOP o ISS."""
    nombre: str
    inicial: Valor
    final: Valor
    movimiento: Movimiento

    @property
    def franja_inicial(self) -> Franja:
        return franja_de(self.inicial)

    @property
    def franja_final(self) -> Franja:
        return franja_de(self.final)


def variacion_mostrada(inicial: Valor, final: Valor) -> Valor:
    """Diferencia de los valores tal como se muestran (un decimal): 65.0 → 69.0 es +4.0."""
    if inicial is None or final is None:
        return None
    return redondear(final) - redondear(inicial)


@dataclass
class Comparacion:
    """Dos resultados del mismo libro (año inicial y final) puestos lado a lado."""

    inicial: ResultadoAnio
    final: ResultadoAnio
    transiciones: list[Transicion]

    @property
    def variacion_indice(self) -> Valor:
        return variacion_mostrada(self.inicial.indice.valor, self.final.indice.valor)

    def de(self, mov: Movimiento) -> list[Transicion]:
        return [t for t in self.transiciones if t.movimiento is mov]

    @property
    def conteos(self) -> dict[str, dict[Franja, tuple[int, int]]]:
        """Grupo → franja → (cuenta inicial, cuenta final)."""
        a, b = self.inicial.resumen, self.final.resumen
        return {g: {f: (a[g][f], b[g][f]) for f in FRANJAS} for g in a}


def comparar_anios(inicial: ResultadoAnio, final: ResultadoAnio) -> Comparacion:
    """Transiciones de franja de cada OP e indicador entre dos resultados del mismo libro."""
    transiciones: list[Transicion] = []
    finales_op = {o.codigo: o for o in final.objetivos}
    for o in inicial.objetivos:
        f = finales_op.get(o.codigo)
        valor_final = f.valor if f is not None else None
        transiciones.append(Transicion(o.codigo, "OP", o.enunciado, o.valor, valor_final,
                                       movimiento(o.franja, franja_de(valor_final))))
    finales = {r.codigo: r for r in final.indicadores}
    for r in sorted(inicial.indicadores, key=lambda r: r.indicador.nivel != "IOP"):
        f = finales.get(r.codigo)
        valor_final = f.avance.valor if f is not None else None
        transiciones.append(Transicion(r.codigo, r.indicador.nivel, r.indicador.nombre,
                                       r.avance.valor, valor_final,
                                       movimiento(r.franja, franja_de(valor_final))))
    return Comparacion(inicial, final, transiciones)


# Evolución de un indicador, OP o del índice (metodología, sección 9) ---------------------------


@dataclass(frozen=True)
class AnioEvolucion:
    """Un año de la evolución. En un OP o el índice, ``le`` y ``vo`` son ND y hay cobertura."""

    anio: int
    le: Valor
    vo: Valor
    tipo1: Avance
    tipo2: Avance
    con_dato: int | None = None
    total: int | None = None


@dataclass
class Evolucion:
    codigo: str
    clase: str
    """"indicador", "objetivo" o "indice"."""
    nombre: str
    anios: list[AnioEvolucion]
    indicador: Indicador | None = None
    op: str | None = None
    proyeccion: Proyeccion | None = None
    """Del indicador (sólo si es un indicador)."""
    proyecciones: dict[str, Proyeccion] = field(default_factory=dict)
    """De los indicadores de OP que entran en el avance (OP e índice)."""


def evolucion(matriz: Matriz, codigo: str, *, tope: Decimal | None = None) -> Evolucion:
    """Cada año del libro para un indicador (LE, VO, Tipo I, Tipo II), un OP o ``INDICE``.

    Lanza ``KeyError`` si el código no es un indicador, un OP ni ``INDICE``.
    """
    anios = matriz.anios
    final = anio_final_con_meta(matriz)
    ops = mapa_op(matriz)
    indicadores = {i.codigo: i for i in matriz.indicadores}
    if codigo in indicadores:
        ind = indicadores[codigo]
        filas = [AnioEvolucion(a, ind.le(a), ind.vo(a), medir(ind, a).avance,
                               medir(ind, a, tipo=TIPO_II).avance) for a in anios]
        return Evolucion(codigo, "indicador", ind.nombre, filas, indicador=ind,
                         op=ops.get(ind.pertenece_a), proyeccion=proyectar(ind, final))
    objetivos = {o.codigo: o for o in matriz.objetivos}
    if codigo != "INDICE" and codigo not in objetivos:
        raise KeyError(codigo)
    filas = []
    for a in anios:
        r1 = calcular(matriz, a, tope=tope)
        r2 = calcular(matriz, a, tope=tope, tipo=TIPO_II)
        if codigo == "INDICE":
            g1, g2 = r1.indice, r2.indice
        else:
            g1 = next(o for o in r1.objetivos if o.codigo == codigo)
            g2 = next(o for o in r2.objetivos if o.codigo == codigo)
        filas.append(AnioEvolucion(a, None, None, Avance(g1.valor), Avance(g2.valor),
                                   g1.con_dato, g1.total))
    propios = [i for i in matriz.indicadores if i.nivel == "IOP" and ops.get(i.pertenece_a)
               and (codigo == "INDICE" or ops[i.pertenece_a] == codigo)]
    nombre = ("Índice de gestión de la política nacional" if codigo == "INDICE"
              else objetivos[codigo].enunciado)
    return Evolucion(codigo, "indice" if codigo == "INDICE" else "objetivo", nombre, filas,
                     op=None if codigo == "INDICE" else codigo,
                     proyecciones={i.codigo: proyectar(i, final) for i in propios})


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
    """Avances publicados (indicadores, OP e ``INDICE``) que difieren de los calculados: las
    diferencias de :func:`conciliar`, año por año, señaladas en su celda de ``Avance publicado``."""
    anios = sorted({a for serie in matriz.avance_publicado.values() for a in serie})
    problemas: list[Problema] = []
    for anio in anios:
        for d in conciliar(calcular(matriz, anio)).diferencias:
            celda = matriz.celdas_publicado.get(d.codigo, {}).get(anio)
            problemas.append(_obs(HOJA_PUBLICADO, celda, d.codigo, f"{anio}: {d.nota}"))
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
