"""Proyección al año final (metodología, sección 8): la tendencia lineal de los valores obtenidos
de un indicador, llevada al último año con metas, y su clase (ya cumplida, en ruta, requiere
aceleración, en retroceso, sin datos suficientes)."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from enum import Enum
from typing import Iterable

from ..modelos import Indicador, Matriz, Sentido, Valor
from .avance import avance_tipo1, en_perfil
from .metodologia import CERO, Perfil


class ClaseProyeccion(str, Enum):
    """Clase de la proyección. El valor es la clave estable usada en JSON."""

    CUMPLIDA = "ya cumplida"
    EN_RUTA = "en ruta"
    ACELERAR = "requiere aceleración"
    RETROCESO = "en retroceso"
    SIN_DATOS = "sin datos suficientes"


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
    """Avance Tipo I que tendría el valor proyectado frente a la meta, en el perfil (sin truncar
    en una política, truncado en 100 en un plan)."""
    motivo: str = ""
    perfil: Perfil = field(kw_only=True, compare=False, repr=False)

    @property
    def corta(self) -> str:
        """El rótulo corto de su clase, para columnas estrechas (``perfil.proyeccion_cortas``)."""
        return self.perfil.proyeccion_cortas[self.clase.value]


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


def proyectar(ind: Indicador, anio_final: int | None, perfil: Perfil, *,
              hasta: int | None = None) -> Proyeccion:
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
    puntos = tuple(sorted((a, v) for a, v in ind.valores_obtenidos.items()
                          if v is not None and (hasta is None or a <= hasta)))
    meta = ind.le(anio_final) if anio_final is not None else None
    ultimo_anio, ultimo_valor = puntos[-1] if puntos else (None, None)
    base = dict(anio_final=anio_final, meta=meta, ultimo_anio=ultimo_anio,
                ultimo_valor=ultimo_valor, puntos=puntos, perfil=perfil)
    if meta is None:
        return Proyeccion(ClaseProyeccion.SIN_DATOS, motivo=(
            "Sin logro esperado en el año final" + (f" ({anio_final})." if anio_final else ".")),
            **base)
    if len(puntos) < perfil.proyeccion_minimo_valores:
        return Proyeccion(ClaseProyeccion.SIN_DATOS, motivo=(
            f"Se necesitan al menos {perfil.proyeccion_minimo_valores} valores obtenidos; hay "
            f"{len(puntos)}."), **base)
    pendiente, _ = tendencia_lineal(puntos)
    valor = valor_tendencia(puntos, anio_final)
    avance = en_perfil(avance_tipo1(ind.sentido, meta, valor), perfil).valor
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

