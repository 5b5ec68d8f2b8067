"""El elemento XML (lxml) de un párrafo, una tabla o una celda de python-docx.

python-docx no da una vía pública al XML de sus párrafos, tablas y celdas (sí al del documento y
al de cada estilo, con ``.element``), y el reporte necesita lo que su API no tiene: los campos
PAGE y NUMPAGES del pie, el sombreado de una celda, una tabla sin bordes y un texto que no se
parte entre líneas (``<w:noBreakHyphen/>``). Éste es el único lugar del paquete que lee esa parte
privada: ``_element``, el mismo atributo en ``Paragraph``, ``Table`` y ``_Cell``. Lo que se hace
con el elemento usa los constructores públicos de ``docx.oxml`` (``OxmlElement``, ``parse_xml``,
``qn``). ``tests/test_api_publica.py`` lo dice con todas las letras si python-docx lo cambia.
"""

from __future__ import annotations


def elemento(objeto):
    """El elemento ``w:p``, ``w:tbl`` o ``w:tc`` de un párrafo, una tabla o una celda."""
    return objeto._element
