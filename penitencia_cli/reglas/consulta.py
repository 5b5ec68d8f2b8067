"""Lo que pide cada comando, resuelto en un solo lugar: un pedido (las opciones) entra y un
resultado sale. La línea de comandos, los exportadores y el reporte llaman aquí en vez de combinar
por su cuenta tipo, periodo, tope y proyección, o de validar años y códigos.

Los errores de uso (un año que el libro no tiene, un periodo al revés, un código desconocido) son
:class:`~penitencia_cli.errores.ErrorDeUso`, con el mensaje para el usuario.

Cada pedido recibe la matriz preparada con el perfil de su instrumento
(:func:`~.sentido.preparar`, que la capa de comandos llama una vez por libro) y calcula con ese
perfil: política nacional, PEI...
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property

from ..contrato import CODIGO_INDICE, HOJA_LE, HOJA_PUBLICADO, HOJA_VO
from ..errores import ErrorDeUso
from ..modelos import Matriz, Problema, Severidad
from .agregados import ResultadoAnio, calcular
from .alertas import Alertas, alertas_de
from .avance import Avance, TipoAvance, medir
from .calidad import (anios_sin_vo, calidad_por_indicador, nota_anios_sin_vo,
                      observaciones_calidad)
from .comparacion import Comparacion, Evolucion, comparar_anios, evolucion
from .conciliacion import Conciliacion, conciliar
from .metodologia import Perfil
from .proyeccion import Proyeccion, anio_final_con_meta, proyectar
from .sentido import MatrizPreparada, preparar


@dataclass(frozen=True)
class PedidoAvance:
    """Las opciones de ``penitencia avance``."""

    anio: int
    tipo: TipoAvance = TipoAvance.I
    """El avance que se muestra (``--tipo 1`` o ``2``). Las claves del contrato JSON son siempre
    las del Tipo I; con ``--tipo 2`` el Tipo II va además."""
    ambos: bool = False
    """``--tipo ambos``: el Tipo I, con el Tipo II en una columna más."""
    desde: int | None = None
    """Primer año del periodo [desde, anio]; None = sólo el año."""
    tope: Decimal | None = None
    """``--tope``: tope de cada indicador antes de agregar (sensibilidad); None = sin tope."""
    proyeccion: bool = False

    def __post_init__(self) -> None:  # antes de leer el libro
        if self.desde is not None and self.desde > self.anio:
            raise ErrorDeUso(f"--desde {self.desde} es posterior al año {self.anio}: el periodo "
                             "va de AÑO0 a AÑO.")
        if self.tope is not None and self.tope <= 0:
            raise ErrorDeUso(f"--tope '{self.tope}' no es válido: indique un número positivo, "
                             "p. ej. 100.")

    @property
    def con_tipo2(self) -> bool:
        return self.ambos or self.tipo is TipoAvance.II


@dataclass(frozen=True)
class CalculoAvance:
    """Los resultados de un :class:`PedidoAvance`.

    ``tipo1`` da siempre las claves del contrato JSON; :attr:`principal` es lo que muestra la
    tabla (Tipo II con ``--tipo 2``). ``sin_tope`` y ``sin_tope2`` sólo existen con ``--tope``.
    Las observaciones de calidad de los datos ya van en las ``observaciones`` de cada resultado
    (así toda salida las lleva) y, por indicador, en ``calidad``; las alertas del año son las de
    :attr:`alertas`, para toda salida que las muestre."""

    pedido: PedidoAvance
    tipo1: ResultadoAnio
    tipo2: ResultadoAnio | None = None
    sin_tope: ResultadoAnio | None = None
    sin_tope2: ResultadoAnio | None = None
    proyecciones: dict[str, Proyeccion] | None = None
    calidad: dict[str, list[Problema]] = field(default_factory=dict)
    """Código → observaciones de calidad de los datos (metodología, sección 7) que tocan los años
    calculados."""
    notas: tuple[str, ...] = ()
    """Notas del cálculo entero, p. ej. «2026 aún no tiene valores obtenidos»."""

    @property
    def principal(self) -> ResultadoAnio:
        """El Tipo II con ``--tipo 2`` (entonces :func:`calcular_avance` siempre lo calcula); si
        no, el Tipo I."""
        return self.tipo2 if self.pedido.tipo is TipoAvance.II else self.tipo1

    @cached_property
    def alertas(self) -> Alertas:
        """Las alertas del año (Tipo I, umbral del perfil): una sola vez, y sólo si una salida
        las usa (el libro exportado, el reporte)."""
        return alertas_de(self.tipo1)


def comprobar_anio(matriz: Matriz, anio: int) -> None:
    """ErrorDeUso si el libro no tiene datos de ``anio``."""
    if anio not in matriz.anios:
        tiene = ", ".join(str(a) for a in matriz.anios) or "ninguno"
        raise ErrorDeUso(f"No hay datos del año {anio}. Años disponibles: {tiene}.")


def calcular_avance(preparada: MatrizPreparada, pedido: PedidoAvance) -> CalculoAvance:
    """Avance del año o del periodo, Tipo I y (si se pide) Tipo II, con y sin tope, la
    proyección de cada indicador al último año con metas, las observaciones de calidad de los
    años calculados y las alertas del año."""
    matriz = preparada.matriz
    anio, desde, tope = pedido.anio, pedido.desde, pedido.tope
    comprobar_anio(matriz, anio)
    if desde is not None:  # desde <= anio: lo asegura el pedido
        comprobar_anio(matriz, desde)
    primero = anio if desde is None else desde
    calidad = calidad_por_indicador(preparada, primero, anio)

    def resultado(tipo: TipoAvance, con_tope: bool) -> ResultadoAnio:
        return calcular(preparada, anio, tope=tope if con_tope else None, desde=desde,
                        tipo=tipo, calidad=calidad)

    tipo1 = resultado(TipoAvance.I, True)
    tipo2 = resultado(TipoAvance.II, True) if pedido.con_tipo2 else None
    proyecciones = None
    if pedido.proyeccion:
        final = anio_final_con_meta(matriz)
        proyecciones = {i.codigo: proyectar(i, final, preparada.perfil, hasta=anio)
                        for i in matriz.indicadores}
    sin_vo = [a for a in anios_sin_vo(matriz) if primero <= a <= anio]
    nota = nota_anios_sin_vo(sin_vo)
    return CalculoAvance(
        pedido, tipo1, tipo2=tipo2,
        sin_tope=resultado(TipoAvance.I, False) if tope is not None else None,
        sin_tope2=(resultado(TipoAvance.II, False)
                   if tope is not None and tipo2 is not None else None),
        proyecciones=proyecciones, calidad=calidad, notas=(nota,) if nota else ())


def comprobar_umbral(umbral: Decimal | None) -> None:
    """``--umbral`` de las alertas: un número ≥ 0 (o ninguno: rige el del perfil del libro,
    :func:`alertas_del_anio`)."""
    if umbral is not None and umbral < 0:
        raise ErrorDeUso(f"El umbral debe ser un número mayor o igual que 0 (se dio {umbral}).")


def alertas_del_anio(preparada: MatrizPreparada, anio: int,
                     umbral: Decimal | None = None) -> Alertas:
    """Las alertas de ``penitencia alertas`` (sin ``umbral``, el del perfil del libro)."""
    comprobar_anio(preparada.matriz, anio)
    return alertas_de(calcular(preparada, anio), umbral)


def verificacion(preparada: MatrizPreparada, anio: int) -> Conciliacion:
    """La conciliación de ``penitencia verificar`` (con la tolerancia del perfil del libro);
    ErrorDeUso si no hay nada publicado."""
    comprobar_anio(preparada.matriz, anio)
    conc = conciliar(calcular(preparada, anio))
    if not conc.comparados:
        raise ErrorDeUso(
            f"El libro no tiene avances publicados para {anio} (hoja «Avance publicado», "
            f"columna {anio}): no hay nada que verificar."
        )
    return conc


def comprobar_comparacion(anio1: int, anio2: int) -> None:
    """Lo que se sabe de ``comparar`` sin leer el libro: dos años distintos."""
    if anio1 == anio2:
        raise ErrorDeUso("Indique dos años distintos.")


def comparacion(preparada: MatrizPreparada, anio1: int, anio2: int) -> Comparacion:
    """La comparación de ``penitencia comparar``."""
    comprobar_comparacion(anio1, anio2)
    comprobar_anio(preparada.matriz, anio1)
    comprobar_anio(preparada.matriz, anio2)
    return comparar_anios(calcular(preparada, anio1), calcular(preparada, anio2))


@dataclass
class CalculoReporte:
    """Lo que publica ``penitencia reporte``: el resultado del año (con las observaciones de
    calidad de sus datos, como ``avance AÑO``), los años del libro hasta él (los de la matriz
    del reporte), el avance de cada año de cada indicador (un plan lo imprime año por año, como
    el Anexo B-7; vacío en una política) y las alertas del año."""

    resultado: ResultadoAnio
    anios: list[int]
    avances_anuales: dict[str, dict[int, Avance]]
    alertas: Alertas


def reporte_del_anio(preparada: MatrizPreparada, anio: int) -> CalculoReporte:
    """El pedido de ``penitencia reporte``: avance Tipo I del año con el perfil del libro."""
    calculo = calcular_avance(preparada, PedidoAvance(anio))
    matriz, perfil = preparada.matriz, preparada.perfil
    anios = [a for a in matriz.anios if a <= anio]
    anuales: dict[str, dict[int, Avance]] = {}
    if perfil.instrumento.es_plan:
        anuales = {i.codigo: {a: medir(i, a, perfil).avance for a in anios}
                   for i in matriz.indicadores}
    return CalculoReporte(calculo.tipo1, anios, anuales, calculo.alertas)


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


def evolucion_de(preparada: MatrizPreparada, codigo: str) -> Evolucion:
    """La evolución de ``penitencia evolucion`` (el código no distingue mayúsculas)."""
    if not preparada.matriz.anios:
        raise ErrorDeUso("No hay ningún año con datos.")
    return evolucion(preparada, buscar_codigo(preparada.matriz, codigo))


# --- validar ------------------------------------------------------------------------------------


def observaciones_publicado(preparada: MatrizPreparada) -> list[Problema]:
    """Avances publicados (indicadores, objetivos e ``INDICE``) que difieren de los calculados:
    las diferencias de :func:`~.conciliacion.conciliar`, año por año, señaladas en su celda de
    ``Avance publicado``."""
    matriz = preparada.matriz
    anios = sorted({a for serie in matriz.avance_publicado.values() for a in serie})
    problemas: list[Problema] = []
    for anio in anios:
        for d in conciliar(calcular(preparada, anio)).diferencias:
            celda = matriz.celdas_publicado.get(d.codigo, {}).get(anio)
            problemas.append(Problema(severidad=Severidad.OBSERVACION,
                                      hoja=HOJA_PUBLICADO if celda else None, celda=celda,
                                      codigo=d.codigo, mensaje=f"{anio}: {d.nota}"))
    return problemas


def revisar(preparada: MatrizPreparada) -> list[Problema]:
    """Lo que ``validar`` informa de un libro que se pudo leer: las notas del lector, las
    observaciones de calidad de los datos y los avances publicados distintos de los calculados."""
    return [*preparada.matriz.observaciones_lectura, *observaciones_calidad(preparada),
            *observaciones_publicado(preparada)]


def revisar_parcial(matriz: Matriz, problemas: list[Problema], perfil: Perfil) -> list[Problema]:
    """Lo que ``validar`` informa de un libro con errores del que se leyó una parte (``matriz``):
    sus problemas y las observaciones de calidad que todavía se pueden calcular con lo que sí se
    leyó (los indicadores sin errores), con el ``perfil`` de su instrumento. No se repite lo que ya
    es un error (una celda ilegible no es además «un año sin valor»), y no se concilia el avance
    publicado: calculado sin las celdas con error, diferiría por eso.

    La matriz se prepara aquí y no en la capa de comandos porque antes se le quitan los
    indicadores cuyo sentido no se leyó (su error ya está entre los ``problemas``)."""
    if not perfil.infiere_sentido:
        # Un instrumento que no se entendió se lee como política: sin sentido no hay juicio.
        matriz = matriz.model_copy(update={"indicadores": [
            i for i in matriz.indicadores if i.sentido is not None]})
    errores = [p for p in problemas if p.severidad is Severidad.ERROR]
    con_error = {(p.hoja, p.celda) for p in errores}
    # Una columna de años (o una hoja de series) ilegible deja años sin leer: qué años tienen
    # logro esperado y valor obtenido ya no se puede juzgar.
    series_rotas = any(p.codigo is None and p.hoja in (HOJA_LE, HOJA_VO, None) for p in errores)
    extra = [p for p in observaciones_calidad(preparar(matriz, perfil), pares=not series_rotas)
             if (p.hoja, p.celda) not in con_error]
    return list(problemas) + extra
