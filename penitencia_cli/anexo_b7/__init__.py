"""El Anexo B-7 del aplicativo CEPLAN (Seguimiento del PEI) en PDF → datos revisados.

Está en la capa de lectura: importa ``modelos``, ``contrato`` y ``errores``, nunca ``reglas``,
``salida`` ni ``cli``. Por módulo (``docs/importar.md``):

- :mod:`.seguridad`: el archivo revisado antes de leerlo (tamaño, cifrado, bombas de
  descompresión; con pypdf y sus límites);
- :mod:`.pdf`: las palabras de cada página con su posición (pypdfium2);
- :mod:`.maqueta`: encabezados de página, columnas de cada tabla, celdas de varias líneas;
- :mod:`.lectura`: el recorrido del Anexo → :class:`~.resultado.AnexoB7` (todos los problemas
  juntos, con su página y su indicador);
- :mod:`.matriz`: el Anexo → ``modelos.Matriz`` de un PEI.
"""
