"""Resultados → estructuras simples (dict, filas) que comparten el JSON, el CSV y el xlsx.

Un solo lugar decide qué campos y con qué formato sale cada figura: los exportadores y la salida
por pantalla sólo cambian la forma.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from ..reglas import FRANJAS, ResultadoAgregado, ResultadoAnio, ResultadoIndicador, redondear

GRUPOS = {
    "objetivos": "Objetivos prioritarios",
    "indicadores_op": "Indicadores de OP",
    "indicadores_servicio": "Indicadores de servicio",
}
"""Claves de los tres grupos del resumen y su rótulo en el reporte."""


def numero(valor: Decimal | None) -> float | int | None:
    """Un valor de dato para JSON: tal como está (sin redondear)."""
    if valor is None:
        return None
    if valor == valor.to_integral_value():
        return int(valor)
    return float(valor)


def avance_json(valor: Decimal | None) -> float | None:
    """Un avance para JSON: un decimal, mitad hacia arriba."""
    mostrado = redondear(valor)
    return None if mostrado is None else float(mostrado)


def texto_avance(valor: Decimal | None) -> str:
    """Un avance como se muestra: '68.7' o 'ND'."""
    mostrado = redondear(valor)
    return "ND" if mostrado is None else f"{mostrado:,}"


def texto_valor(valor: Decimal | None) -> str:
    """Un logro esperado o valor obtenido como se muestra: '36.5', '6,235' o 'ND'."""
    if valor is None:
        return "ND"
    v = valor.normalize()
    if v == v.to_integral_value():
        v = v.quantize(Decimal(1))
    return f"{v:,}"


def resumen_json(resultado: ResultadoAnio) -> dict[str, dict[str, int]]:
    return {
        grupo: {f.value: cuenta[f] for f in FRANJAS}
        for grupo, cuenta in resultado.resumen.items()
    }


def agregado_json(agregado: ResultadoAgregado) -> dict[str, Any]:
    return {
        "avance": avance_json(agregado.valor),
        "franja": agregado.franja.value,
        "con_dato": agregado.con_dato,
        "total": agregado.total,
    }


def indicador_json(r: ResultadoIndicador) -> dict[str, Any]:
    ind = r.indicador
    return {
        "codigo": ind.codigo,
        "nivel": ind.nivel,
        "pertenece_a": ind.pertenece_a,
        "op": r.op,
        "nombre": ind.nombre,
        "sentido": ind.sentido.value,
        "acumulacion": ind.acumulacion.value,
        "unidad": ind.unidad,
        "logro_esperado": numero(r.le),
        "valor_obtenido": numero(r.vo),
        "avance": avance_json(r.avance.valor),
        "franja": r.franja.value,
        "avance_publicado": numero(r.publicado),
        "observaciones": list(r.observaciones),
    }


def documento_avance(resultado: ResultadoAnio) -> dict[str, Any]:
    """El documento JSON de ``penitencia avance`` (contrato estable; se admiten claves extra)."""
    pol = resultado.matriz.politica
    return {
        "politica": {
            "nombre": pol.nombre,
            "sector": pol.sector,
            "ministerio_conductor": pol.ministerio_conductor,
            "tipo": pol.tipo,
        },
        "anio": resultado.anio,
        "tope": numero(resultado.tope),
        "indice_gestion": agregado_json(resultado.indice),
        "resumen": resumen_json(resultado),
        "objetivos": [
            {"codigo": o.codigo, "enunciado": o.enunciado, **agregado_json(o)}
            for o in resultado.objetivos
        ],
        "indicadores": [indicador_json(r) for r in resultado.indicadores],
    }


COLUMNAS_INDICADORES = [
    "codigo", "nivel", "pertenece_a", "op", "nombre", "sentido", "acumulacion",
    "logro_esperado", "valor_obtenido", "avance", "franja", "observaciones",
]


def filas_indicadores(resultado: ResultadoAnio) -> list[list[Any]]:
    """La tabla de indicadores para CSV: valores exactos, avance con un decimal."""
    filas = []
    for r in resultado.indicadores:
        ind = r.indicador
        filas.append([
            ind.codigo, ind.nivel, ind.pertenece_a, r.op or "", ind.nombre, ind.sentido.value,
            ind.acumulacion.value, _celda(r.le), _celda(r.vo),
            "" if r.avance.mostrado is None else str(r.avance.mostrado), r.franja.value,
            " | ".join(r.observaciones),
        ])
    return filas


def _celda(valor: Decimal | None) -> str:
    return "" if valor is None else str(valor.normalize() if valor != valor.to_integral_value()
                                         else valor.quantize(Decimal(1)))


def filas_resumen(resultado: ResultadoAnio) -> list[list[Any]]:
    """Tabla de conteos por franja (como el encabezado del reporte) y el índice de gestión."""
    encabezado = ["grupo", *(f.etiqueta for f in FRANJAS), "avance", "franja"]
    filas: list[list[Any]] = [encabezado]
    for grupo, cuenta in resultado.resumen.items():
        filas.append([GRUPOS[grupo], *(cuenta[f] for f in FRANJAS), "", ""])
    ind = resultado.indice
    filas.append([ind.enunciado, "", "", "", "", texto_avance(ind.valor), ind.franja.etiqueta])
    return filas


def problema_json(p) -> dict[str, Any]:
    return {"severidad": p.severidad.value, "hoja": p.hoja, "celda": p.celda, "codigo": p.codigo,
            "mensaje": p.mensaje}


def documento_validacion(archivo: str, problemas: list) -> dict[str, Any]:
    """El documento JSON de ``penitencia validar``: los mismos problemas que la tabla."""
    from ..modelos import Severidad

    errores = sum(p.severidad is Severidad.ERROR for p in problemas)
    return {
        "archivo": archivo,
        "errores": errores,
        "observaciones": len(problemas) - errores,
        "problemas": [problema_json(p) for p in problemas],
    }
