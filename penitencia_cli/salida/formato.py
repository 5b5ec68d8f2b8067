"""Cómo se escribe cada figura en cualquier salida (pantalla, JSON, CSV, xlsx, publicación):
avances con los decimales del perfil del instrumento, valores tal como están, rótulos de los
grupos del reporte, la línea de tendencia y el origen (libro y SHA-256) de un reporte.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from pathlib import Path

from ..reglas.agregados import ResultadoAnio
from ..reglas.alertas import GrupoAlerta
from ..reglas.franjas import redondear, redondear_a
from ..reglas.proyeccion import ClaseProyeccion
from ..reglas.metodologia import Perfil
from .autoria import sha256_de


def numero(valor: Decimal | None) -> float | int | None:
    """Un valor de dato para JSON: tal como está (sin redondear)."""
    if valor is None:
        return None
    if valor == valor.to_integral_value():
        return int(valor)
    return float(valor)


def avance_json(valor: Decimal | None, perfil: Perfil) -> float | None:
    """Un avance para JSON con los decimales del perfil (uno en una política, dos en un plan),
    mitad hacia arriba."""
    mostrado = redondear(valor, perfil)
    return None if mostrado is None else float(mostrado)


def texto_avance(valor: Decimal | None, perfil: Perfil) -> str:
    """Un avance como se muestra: '68.7' (una política), '93.55' (un plan), '1,666.7' o 'ND'."""
    mostrado = redondear(valor, perfil)
    return "ND" if mostrado is None else f"{mostrado:,}"


def formato_numero(decimales: int) -> str:
    """El formato de número de una celda de Excel: coma de miles y ``decimales`` decimales
    ('#,##0', '#,##0.0', '#,##0.00')."""
    return "#,##0" + ("." + "0" * decimales if decimales else "")


def decimales_de(valor: Decimal) -> int:
    """Los decimales con que está escrito ``valor``: «30.00», 2; «100», 0."""
    exponente = valor.as_tuple().exponent
    return -exponente if isinstance(exponente, int) and exponente < 0 else 0


def mayuscula(texto: str) -> str:
    """``texto`` con su primera letra en mayúscula (el resto, tal cual)."""
    return texto[:1].upper() + texto[1:]


def rotulos_alerta(perfil: Perfil) -> dict[GrupoAlerta, str]:
    """Rótulo de cada grupo de alertas en el instrumento del perfil (OEI/AEI en un PEI), en el
    orden del reporte."""
    return {GrupoAlerta.SIN_DATO_OBJETIVO: perfil.rotulos.sin_dato_objetivo,
            GrupoAlerta.SIN_DATO_ACCION: perfil.rotulos.sin_dato_accion,
            GrupoAlerta.RETROCESO: "Indicadores cuyo valor obtenido empeoró frente al año "
                                   "anterior",
            GrupoAlerta.AVANCE_LIMITADO: "Indicadores con avance limitado"}


def nivel_de_solo(solo: str | None, perfil: Perfil) -> str | None:
    """``--solo iop``/``iss``: el nivel de indicador del instrumento (IOP/ISS; en un PEI,
    IOEI/IAEI); otro valor (o None), None."""
    niveles = perfil.instrumento
    return {"iop": niveles.indicador_objetivo, "iss": niveles.indicador_accion}.get(solo or "")


def nota_truncado(resultado: ResultadoAnio) -> str | None:
    """La nota del truncamiento del perfil (un plan): «El porcentaje de avance de los
    indicadores ha sido truncado en 100 %», con los indicadores que lo superaban y su avance sin
    truncar."""
    perfil = resultado.perfil
    if perfil.nota_truncado is None:
        return None
    truncados = [f"{r.codigo} {texto_avance(r.avance.valor_sin_truncar, perfil)}"
                 for r in resultado.indicadores if r.avance.truncado]
    if not truncados:
        return f"{perfil.nota_truncado}."
    return f"{perfil.nota_truncado}; lo superaban: {', '.join(truncados)}."


@dataclass(frozen=True)
class Origen:
    """De dónde sale un reporte: nombre del libro de entrada, su SHA-256 y cuándo se generó."""

    archivo: str
    sha256: str
    generado: datetime = field(default_factory=lambda: datetime.now().replace(microsecond=0))


def origen_de(ruta: Path) -> Origen:
    """Nombre y SHA-256 del libro de entrada, para el encabezado de un reporte."""
    return Origen(archivo=Path(ruta).name, sha256=sha256_de(ruta))


BARRAS = "▁▂▃▄▅▆▇█"
"""Glifos de la línea de tendencia, de menor a mayor."""
SIN_DATO = "·"
"""Glifo de un año ND en la línea de tendencia."""


def linea_tendencia(valores: list[Decimal | None]) -> str:
    """Una línea de glifos ▁▃▅▇ (uno por año) escalada entre el mínimo y el máximo; ND = '·'."""
    con_dato = [v for v in valores if v is not None]
    if not con_dato:
        return SIN_DATO * len(valores)
    menor, mayor = min(con_dato), max(con_dato)
    tramo = mayor - menor
    glifos = []
    for v in valores:
        if v is None:
            glifos.append(SIN_DATO)
        elif tramo == 0:
            glifos.append(BARRAS[len(BARRAS) // 2])
        else:
            indice = int((v - menor) / tramo * (len(BARRAS) - 1) + Decimal("0.5"))
            glifos.append(BARRAS[indice])
    return "".join(glifos)


def anios_calculados(resultado: ResultadoAnio) -> str:
    """Lo que se calculó: el año ('2024') o el periodo de ``--desde`` ('2020-2024')."""
    if resultado.desde is None:
        return str(resultado.anio)
    return f"{resultado.desde}-{resultado.anio}"


def rotulo_avance(resultado: ResultadoAnio) -> str:
    """'Avance Tipo I 2024' o 'Avance Tipo II 2020-2024'."""
    return f"Avance {resultado.tipo.nombre} {anios_calculados(resultado)}"


def clases_proyeccion(perfil: Perfil) -> str:
    """Las clases de la proyección con su rótulo corto: 'cumplida (ya cumplida), en ruta, …'."""
    cortas = perfil.proyeccion_cortas
    return ", ".join(c.value if cortas[c.value] == c.value else f"{cortas[c.value]} ({c.value})"
                     for c in ClaseProyeccion)


def texto_proyectado(valor: Decimal | None, nd: str = "ND") -> str:
    """Un valor proyectado (estimación) con dos decimales, mitad hacia arriba."""
    if valor is None:
        return nd
    return f"{redondear_a(valor, Decimal('0.01')):,}"

