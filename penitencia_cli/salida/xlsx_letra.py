"""La letra por omisión de un libro de openpyxl: la del estilo «Normal» y la de la celda sin
estilo.

Es la única parte del paquete que toca nombres privados de openpyxl (``Workbook._fonts`` y
``Workbook._named_styles``), porque openpyxl no ofrece otra vía: el libro nace con Calibri 11,
``Workbook.named_styles`` sólo da los nombres de los estilos y ``add_named_style`` no admite
otro «Normal». Hace falta porque la letra del estilo «Normal» es la de las celdas vacías y la que
usan Excel y LibreOffice para el alto por omisión de las filas (Calibri 11 da 15 pt; el libro
del reporte cuenta 12.75 pt, los de Arial 10, al calcular cuántas páginas ocupa cada hoja).

``tests/test_api_publica.py`` comprueba que esto sigue funcionando con la versión instalada
(``openpyxl>=3.1.3,<3.2``) y lo dice con todas las letras si openpyxl lo cambia.
"""

from __future__ import annotations


def letra_del_libro(wb, fuente) -> None:
    """Hace de ``fuente`` (un ``openpyxl.styles.Font``) la letra por omisión del libro ``wb``,
    recién creado: la primera de su lista de letras (la de la celda sin estilo) y la del estilo
    «Normal»."""
    from openpyxl.utils.indexed_list import IndexedList

    wb._fonts = IndexedList([fuente])
    wb._named_styles["Normal"].font = fuente
