"""Conciliación con el avance publicado: qué avances impresos en un reporte (indicadores, OP e
índice) difieren de los calculados y por qué, probablemente.

La regla de diferencia es una sola, :func:`comparar_publicado` (tolerancia
``Perfil.tolerancia_publicado`` del instrumento); la usan también las observaciones de ``avance``
y ``validar``. Aquí se recorren indicadores, OP e índice y se busca una causa probable para cada
diferencia.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from ..contrato import HOJA_LE, HOJA_VO
from ..modelos import Sentido, Valor
from .cifras import texto_valor
from .franjas import redondear, redondear_a
from .metodologia import CERO, CIEN, Perfil

if TYPE_CHECKING:  # agregados usa comparar_publicado: sin importarlo aquí no hay ciclo
    from .agregados import ResultadoAnio, ResultadoIndicador


def comparar_publicado(calculado: Valor, publicado: Valor, perfil: Perfil) -> str | None:
    """Observación si un avance publicado difiere del calculado en más de la tolerancia."""
    if publicado is None and calculado is None:
        return None
    if publicado is None or calculado is None:
        pub = "ND" if publicado is None else str(redondear(publicado, perfil))
        cal = "ND" if calculado is None else str(redondear(calculado, perfil))
        return f"El avance publicado ({pub}) no coincide con el calculado ({cal})."
    if abs(calculado - publicado) > perfil.tolerancia_publicado:
        return (f"El avance publicado ({publicado}) difiere del calculado "
                f"({redondear(calculado, perfil)}) en más de {perfil.tolerancia_publicado}.")
    return None


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
    perfil: Perfil
    """El del instrumento: su tolerancia y sus decimales."""

    @property
    def tolerancia(self) -> Decimal:
        return self.perfil.tolerancia_publicado


def _mitad_de_unidad(valor: Decimal) -> Decimal:
    """Media unidad del último decimal con que está escrito el valor (24 → 0.5; 7.6 → 0.05)."""
    exponente = min(valor.as_tuple().exponent, 0)  # type: ignore[operator]
    return Decimal(5).scaleb(exponente - 1)


def _intervalo_avance(publicado: Decimal, perfil: Perfil) -> tuple[Decimal, Decimal]:
    """Avances exactos que se imprimen como ``publicado`` (mitad hacia arriba)."""
    medio = perfil.cuanto / 2
    return publicado - medio, publicado + medio


def _causa_redondeo(r: "ResultadoIndicador", publicado: Decimal,
                    perfil: Perfil) -> str | None:
    """¿Explica el avance publicado un VO (o LE) que, redondeado como está escrito, da el del libro?

    Busca el valor obtenido (o el logro esperado) que daría el avance publicado y comprueba si
    cabe dentro de la media unidad del valor impreso en el libro (24 cubre 23.5–24.5).
    """
    le, vo, sentido = r.le, r.vo, r.indicador.sentido
    if le is None or vo is None or le <= 0 or vo <= 0 or publicado <= 0:
        return None
    bajo, alto = _intervalo_avance(publicado, perfil)
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
            aprox = redondear_a(centro, Decimal("0.01"))
            return (
                f"valor impreso redondeado: el avance publicado corresponde a un {nombre} de "
                f"≈{texto_valor(aprox, unidad)}, que impreso con la precisión del libro se ve como "
                f"{texto_valor(impreso, unidad)}"
            )
    return None


def _causa_indicador(r: "ResultadoIndicador", publicado: Valor, perfil: Perfil) -> str:
    """La causa probable de la diferencia de un indicador. Se busca con el avance de la fórmula,
    antes del tope del perfil (un plan trunca en 100): el de un sentido contrario o el de otra
    escala sale de él, no del 100 que se muestra (71/56 = 126.79 → 100; al revés, 78.87)."""
    calculado = r.avance.valor_sin_truncar
    if calculado is None:
        falta = "el logro esperado" if r.le is None else "el valor obtenido"
        if r.le is None and r.vo is None:
            falta = "el logro esperado y el valor obtenido"
        return f"el reporte publica un avance pero en el libro falta {falta} del año"
    if publicado is None:
        return "el reporte no publicó avance (ND) aunque el libro tiene logro esperado y valor " \
               "obtenido"
    causa = _causa_redondeo(r, publicado, perfil)
    if causa:
        return causa
    bajo, alto = _intervalo_avance(publicado, perfil)
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


def conciliar(resultado: "ResultadoAnio") -> Conciliacion:
    """Compara los avances calculados con la hoja ``Avance publicado`` (indicadores, objetivos,
    índice), con el perfil del resultado."""
    perfil = resultado.perfil
    objetivo = perfil.instrumento.objetivo
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
        nota = comparar_publicado(r.avance.valor, pub, perfil)
        if nota:
            con_diferencia.add(r.codigo)
            diferencias.append(Diferencia(
                codigo=r.codigo, tipo="indicador", nombre=r.indicador.nombre, anio=anio,
                publicado=pub, calculado=r.avance.valor,
                causa=_causa_indicador(r, pub, perfil),
                nota=nota, donde=_donde(r, anio)))

    por_objetivo: dict[str, list[str]] = {}
    for r in resultado.de_objetivo:
        if r.objetivo is not None:
            por_objetivo.setdefault(r.objetivo, []).append(r.codigo)
    objetivos_con_diferencia: set[str] = set()
    agregados = [(o, "objetivo", por_objetivo.get(o.codigo, [])) for o in resultado.objetivos]
    agregados.append((resultado.indice, "indice", None))
    for ag, tipo, hijos in agregados:
        serie = publicados.get(ag.codigo, {})
        if anio not in serie:
            continue
        comparados += 1
        pub = serie[anio]
        nota = comparar_publicado(ag.valor, pub, perfil)
        if not nota:
            continue
        if tipo == "objetivo":
            heredadas = [c for c in hijos if c in con_diferencia]
            causa = (f"arrastra la diferencia de {', '.join(heredadas)}" if heredadas else
                     "causa no identificada: el avance publicado no es la media de los "
                     f"indicadores de {objetivo} con dato")
            objetivos_con_diferencia.add(ag.codigo)
        else:
            causa = (f"arrastra la diferencia de {', '.join(sorted(objetivos_con_diferencia))}"
                     if objetivos_con_diferencia else
                     "causa no identificada: el índice publicado no es la media de los "
                     f"{objetivo} con dato")
        diferencias.append(Diferencia(
            codigo=ag.codigo, tipo=tipo, nombre=ag.enunciado, anio=anio, publicado=pub,
            calculado=ag.valor, causa=causa, nota=nota))
    return Conciliacion(anio=anio, comparados=comparados, diferencias=diferencias, perfil=perfil)

