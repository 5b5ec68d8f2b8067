"""El motor de reglas: funciones puras sobre los modelos. Sin typer, sin rich, sin openpyxl.

Implementa ``docs/metodologia.md``; cada regla vive en el módulo que la nombra:

- :mod:`.metodologia`: la configuración (umbrales, decimales, tolerancias, rótulos): un cambio de
  metodología es una edición allí.
- :mod:`.franjas`: redondeo para mostrar y franjas. :mod:`.cifras`: cómo se escribe un valor.
- :mod:`.avance`: avance Tipo I, Tipo II y del periodo de un indicador.
- :mod:`.agregados`: resultado del año, objetivos prioritarios, índice, cobertura, conteos.
- :mod:`.alertas`, :mod:`.proyeccion`, :mod:`.conciliacion`, :mod:`.comparacion` (comparar y
  evolución), :mod:`.calidad` (observaciones de los datos).
- :mod:`.consulta`: lo que pide cada comando, como un pedido y una función.
"""
