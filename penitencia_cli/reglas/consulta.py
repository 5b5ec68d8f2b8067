"""Lo que pide cada comando, resuelto en un solo lugar: un pedido (las opciones) entra y un
resultado sale. La línea de comandos, los exportadores y el reporte llaman aquí en vez de combinar
por su cuenta tipo, periodo, tope y proyección, o de validar años y códigos.

Los errores de uso (un año que el libro no tiene, un periodo al revés, un código desconocido) son
:class:`~penitencia_cli.errores.ErrorDeUso`, con el mensaje para el usuario.

Cada pedido calcula con el perfil del instrumento del libro (:func:`perfil_de`: política nacional,
PEI...) sobre la matriz preparada (:func:`~.sentido.preparar`: sentidos vacíos inferidos).
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from ..contrato import CODIGO_INDICE
from ..errores import ErrorDeUso
from ..modelos import Matriz, Problema
from .agregados import ResultadoAnio, calcular
from .alertas import Alerta, alertas_de
from .avance import TIPO_II, Avance, medir
from .calidad import anios_sin_vo, calidad_por_indicador, nota_anios_sin_vo
from .comparacion import Comparacion, Evolucion, comparar_anios, evolucion
from .conciliacion import Conciliacion, conciliar
from .metodologia import METODOLOGIA, Metodologia, perfil_de
from .proyeccion import Proyeccion, anio_final_con_meta, proyectar
from .sentido import preparar

TIPO_UNO, TIPO_DOS, TIPO_AMBOS = "1", "2", "ambos"
TIPOS_PEDIDO = (TIPO_UNO, TIPO_DOS, TIPO_AMBOS)
"""``--tipo``: avance Tipo I, Tipo II o ambos."""


@dataclass(frozen=True)
class PedidoAvance:
    """Las opciones de ``penitencia avance``."""

    anio: int
    tipo: str = TIPO_UNO
    """:data:`TIPO_UNO`, :data:`TIPO_DOS` o :data:`TIPO_AMBOS`."""
    desde: int | None = None
    """Primer año del periodo [desde, anio]; None = sólo el año."""
    tope: Decimal | None = None
    """Tope de cada indicador antes de agregar (sensibilidad); None = sin tope."""
    proyeccion: bool = False

    def __post_init__(self) -> None:
        if self.tipo not in TIPOS_PEDIDO:
            raise ValueError(f"Tipo de avance desconocido: {self.tipo!r}")


@dataclass
class CalculoAvance:
    """Los resultados de un :class:`PedidoAvance`.

    ``tipo1`` da siempre las claves del contrato JSON; :attr:`principal` es lo que muestra la
    tabla (Tipo II con ``tipo="2"``). ``sin_tope`` y ``sin_tope2`` sólo existen con tope.
    """

    pedido: PedidoAvance
    tipo1: ResultadoAnio
    tipo2: ResultadoAnio | None = None
    sin_tope: ResultadoAnio | None = None
    sin_tope2: ResultadoAnio | None = None
    proyecciones: dict[str, Proyeccion] | None = None
    calidad: dict[str, list[Problema]] = field(default_factory=dict)
    """Código → observaciones de calidad de los datos (metodología, sección 7) que tocan los años
    calculados. Sus textos (:func:`texto_calidad`) van también en las ``observaciones`` de cada
    resultado, así toda salida (JSON, CSV, xlsx, publicación) las lleva."""
    notas: list[str] = field(default_factory=list)
    """Notas del cálculo entero, p. ej. «2026 aún no tiene valores obtenidos»."""

    @property
    def principal(self) -> ResultadoAnio:
        if self.pedido.tipo == TIPO_DOS and self.tipo2 is not None:
            return self.tipo2
        return self.tipo1


def comprobar_anio(matriz: Matriz, anio: int) -> None:
    """ErrorDeUso si el libro no tiene datos de ``anio``."""
    if anio not in matriz.anios:
        tiene = ", ".join(str(a) for a in matriz.anios) or "ninguno"
        raise ErrorDeUso(f"El libro no tiene datos del año {anio}. Años disponibles: {tiene}.")


def perfil_y_matriz(matriz: Matriz) -> tuple[Metodologia, Matriz]:
    """El perfil del instrumento del libro y la matriz preparada para calcular con él."""
    met = perfil_de(matriz.politica.instrumento)
    return met, preparar(matriz, met)


def calcular_avance(matriz: Matriz, pedido: PedidoAvance) -> CalculoAvance:
    """Avance del año o del periodo, Tipo I y (si se pide) Tipo II, con y sin tope, y la
    proyección de cada indicador al último año con metas."""
    anio, desde, tope = pedido.anio, pedido.desde, pedido.tope
    comprobar_anio(matriz, anio)
    if desde is not None:
        if desde > anio:
            raise ErrorDeUso(f"--desde {desde} es posterior al año {anio}: el periodo va de "
                             "AÑO0 a AÑO.")
        comprobar_anio(matriz, desde)
    met, matriz = perfil_y_matriz(matriz)
    calculo = CalculoAvance(pedido, calcular(matriz, anio, tope=tope, desde=desde, met=met))
    if pedido.tipo != TIPO_UNO:
        calculo.tipo2 = calcular(matriz, anio, tope=tope, desde=desde, tipo=TIPO_II, met=met)
    if tope is not None:
        calculo.sin_tope = calcular(matriz, anio, desde=desde, met=met)
        if calculo.tipo2 is not None:
            calculo.sin_tope2 = calcular(matriz, anio, desde=desde, tipo=TIPO_II, met=met)
    if pedido.proyeccion:
        final = anio_final_con_meta(matriz)
        calculo.proyecciones = {i.codigo: proyectar(i, final, hasta=anio, met=met)
                                for i in matriz.indicadores}
    _con_calidad(calculo, matriz, met)
    return calculo


PREFIJO_CALIDAD = "Calidad de los datos"
"""Con qué empieza una observación de calidad entre las ``observaciones`` de un resultado."""


def texto_calidad(problema: Problema) -> str:
    """Una observación de calidad en las observaciones de un indicador: con su hoja y celda."""
    lugar = f" ({problema.lugar})" if problema.lugar else ""
    return f"{PREFIJO_CALIDAD}{lugar}: {problema.mensaje}"


def _con_calidad(calculo: CalculoAvance, matriz: Matriz, met) -> None:
    """Las observaciones de calidad de los años calculados, en el cálculo y en cada resultado."""
    pedido = calculo.pedido
    desde = pedido.anio if pedido.desde is None else pedido.desde
    calculo.calidad = calidad_por_indicador(matriz, desde, pedido.anio, met)
    textos = {codigo: [texto_calidad(p) for p in lista]
              for codigo, lista in calculo.calidad.items()}
    for resultado in (calculo.tipo1, calculo.tipo2, calculo.sin_tope, calculo.sin_tope2):
        if resultado is None:
            continue
        for r in resultado.indicadores:
            r.observaciones.extend(textos.get(r.codigo, ()))
    sin_vo = [a for a in anios_sin_vo(matriz) if desde <= a <= pedido.anio]
    nota = nota_anios_sin_vo(sin_vo)
    if nota is not None:
        calculo.notas.append(nota)


def leer_tope(texto: str | None) -> Decimal | None:
    """``--tope``: un número positivo (admite coma decimal); None si no se dio."""
    if texto is None:
        return None
    try:
        valor = Decimal(texto.strip().replace(",", "."))
    except InvalidOperation:
        valor = None
    if valor is None or not valor.is_finite() or valor <= 0:
        raise ErrorDeUso(f"--tope {texto!r} no es válido: indique un número positivo, p. ej. 100.")
    return valor


def leer_umbral(umbral: float | None) -> Decimal:
    """``--umbral`` de las alertas: un número ≥ 0; sin él, el de la metodología."""
    if umbral is None:
        return METODOLOGIA.umbral_avance_limitado
    if not 0 <= umbral < float("inf"):
        raise ErrorDeUso(f"El umbral debe ser un número mayor o igual que 0 (se dio {umbral}).")
    return Decimal(str(umbral))


def alertas_del_anio(matriz: Matriz, anio: int, umbral: Decimal) -> list[Alerta]:
    """Las alertas de ``penitencia alertas``."""
    comprobar_anio(matriz, anio)
    met, matriz = perfil_y_matriz(matriz)
    return alertas_de(calcular(matriz, anio, met=met), umbral, met)


def verificacion(matriz: Matriz, anio: int) -> Conciliacion:
    """La conciliación de ``penitencia verificar``; ErrorDeUso si no hay nada publicado."""
    comprobar_anio(matriz, anio)
    met, matriz = perfil_y_matriz(matriz)
    conc = conciliar(calcular(matriz, anio, met=met), met)
    if not conc.comparados:
        raise ErrorDeUso(
            f"El libro no tiene avances publicados para {anio} (hoja «Avance publicado», "
            f"columna {anio}): no hay nada que verificar."
        )
    return conc


def comparacion(matriz: Matriz, anio1: int, anio2: int) -> Comparacion:
    """La comparación de ``penitencia comparar``."""
    if anio1 == anio2:
        raise ErrorDeUso("Indique dos años distintos.")
    comprobar_anio(matriz, anio1)
    comprobar_anio(matriz, anio2)
    met, matriz = perfil_y_matriz(matriz)
    return comparar_anios(calcular(matriz, anio1, met=met), calcular(matriz, anio2, met=met))


@dataclass
class CalculoReporte:
    """Lo que publica ``penitencia reporte``: el resultado del año, los años del libro hasta él
    (los de la matriz del reporte), el avance de cada año de cada indicador (un plan lo imprime
    año por año, como el Anexo B-7; vacío en una política) y las alertas del año."""

    resultado: ResultadoAnio
    anios: list[int]
    avances_anuales: dict[str, dict[int, Avance]]
    alertas: list[Alerta]


def reporte_del_anio(matriz: Matriz, anio: int) -> CalculoReporte:
    """El pedido de ``penitencia reporte``: avance Tipo I del año con el perfil del libro."""
    # El avance Tipo I del año, como «avance AÑO»: con las observaciones de calidad de los datos.
    resultado = calcular_avance(matriz, PedidoAvance(anio)).tipo1
    met, matriz = resultado.perfil, resultado.matriz
    anios = [a for a in matriz.anios if a <= anio]
    anuales: dict[str, dict[int, Avance]] = {}
    if met.instrumento.es_plan:
        anuales = {i.codigo: {a: medir(i, a, met=met).avance for a in anios}
                   for i in matriz.indicadores}
    return CalculoReporte(resultado, anios, anuales, alertas_de(resultado, met=met))


def buscar_codigo(matriz: Matriz, codigo: str) -> str:
    """El código tal como está en el libro (sin distinguir mayúsculas), o ErrorDeUso con los
    parecidos."""
    codigos = [i.codigo for i in matriz.indicadores] + [o.codigo for o in matriz.objetivos]
    codigos += [a.codigo for a in matriz.acciones]
    codigos.append(CODIGO_INDICE)
    por_clave = {c.upper(): c for c in codigos}
    buscado = codigo.strip().upper()
    if buscado in por_clave:
        return por_clave[buscado]
    parecidos = difflib.get_close_matches(buscado, list(por_clave), n=3, cutoff=0.6)
    sugerencia = (" ¿Quiso decir " + " o ".join(por_clave[p] for p in parecidos) + "?"
                  if parecidos else "")
    niveles = matriz.instrumento
    que = (f"un {niveles.objetivo}, una {niveles.accion}" if niveles.es_plan
           else "un objetivo prioritario")
    raise ErrorDeUso(f"{codigo!r} no es un indicador, {que} ni INDICE del libro.{sugerencia}")


def evolucion_de(matriz: Matriz, codigo: str) -> Evolucion:
    """La evolución de ``penitencia evolucion`` (el código no distingue mayúsculas)."""
    if not matriz.anios:
        raise ErrorDeUso("El libro no tiene años con datos.")
    met, matriz = perfil_y_matriz(matriz)
    return evolucion(matriz, buscar_codigo(matriz, codigo), met=met)
