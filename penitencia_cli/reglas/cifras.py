"""Cómo se escribe un valor de indicador en un mensaje o una tabla: '24%', '37.85', '6,235', 'ND'.

Los valores se escriben tal como están (sin ceros de más ni redondeo); los avances, en cambio, se
redondean con :func:`penitencia_cli.reglas.franjas.redondear`.
"""

from __future__ import annotations

from decimal import Decimal

from ..contrato import es_unidad_porcentaje
from ..modelos import Valor


def texto_valor(valor: Valor, unidad: str | None = None, *, miles: bool = True,
                decimales_porcentaje: int = 0) -> str:
    """'24%' (con una ``unidad`` en porcentaje: «Porcentaje», «%»...), '37.85', '6,235'
    (``miles=False``: '6235') o 'ND'.

    ``decimales_porcentaje``: decimales mínimos de un porcentaje, como lo imprime el reporte
    (2: '24.00%', '36.50%'); un valor con más decimales los conserva ('18.375%')."""
    if valor is None:
        return "ND"
    v = valor.normalize()
    if v.is_zero():  # un cero con signo (Excel guarda -0.0) se escribe 0, no -0
        v = v.copy_abs()
    if v == v.to_integral_value():
        v = v.quantize(Decimal(1))
    porcentaje = es_unidad_porcentaje(unidad)
    if porcentaje and decimales_porcentaje and -v.as_tuple().exponent < decimales_porcentaje:
        v = v.quantize(Decimal(1).scaleb(-decimales_porcentaje))
    texto = f"{v:,}" if miles else str(v)
    if porcentaje:
        texto += "%"
    return texto
