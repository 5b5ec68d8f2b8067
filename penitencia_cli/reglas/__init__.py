"""El motor de reglas: funciones puras sobre los modelos. Sin typer, sin rich, sin openpyxl.

Implementa ``docs/metodologia.md``; cada regla vive en el módulo que la nombra:

- :mod:`.metodologia`: la configuración, un :class:`~.metodologia.Perfil` por instrumento
  (umbrales, decimales, tolerancias, rótulos): un cambio de metodología es una edición allí.
- :mod:`.sentido`: el sentido inferido y :func:`~.sentido.preparar`, que une la matriz a su perfil
  (una vez por libro): lo que reciben las reglas que calculan.
- :mod:`.franjas`: redondeo para mostrar y franjas. :mod:`.cifras`: cómo se escribe un valor.
- :mod:`.avance`: avance Tipo I, Tipo II y del periodo de un indicador.
- :mod:`.agregados`: resultado del año, objetivos, índice, cobertura, conteos.
- :mod:`.alertas`, :mod:`.proyeccion`, :mod:`.conciliacion`, :mod:`.comparacion` (comparar y
  evolución), :mod:`.calidad` (observaciones de los datos).
- :mod:`.consulta`: lo que pide cada comando, como un pedido y una función.
"""
