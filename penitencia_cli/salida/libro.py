"""``penitencia importar``: una matriz → un libro de la plantilla ya lleno (``docs/importar.md``).

El libro es la plantilla vacía del instrumento de la matriz (:func:`.plantilla.libro_de_plantilla`:
las mismas hojas, encabezados, listas desplegables e Instrucciones que escribe ``penitencia
plantilla``) con una fila por objetivo, acción e indicador, sus logros esperados y valores
obtenidos por año y, si los hay, los avances publicados en la hoja ``Avance publicado``. Se lee de
vuelta (``lectura``) a la misma matriz: lo que aquí se escribe sale del mismo contrato.

- Un valor ND se escribe «ND» (en las hojas de años; en la línea de base y el valor actual, si su
  año está y su valor no); un número, como número exacto (el ``Decimal``, sin pasar por un
  ``float``) con los decimales con que está escrito («30.00» se ve 30.00; «100», 100).
- Un texto de la matriz (nombres, enunciados, unidades, códigos) se escribe siempre como texto,
  nunca como fórmula, aunque empiece con ``=``, ``+``, ``-`` o ``@``.
- Los textos largos (enunciado, nombre, unidades responsables) se parten en su columna y cada fila
  es tan alta como su texto (medido con :mod:`.medidas`).
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

from ..contrato import (
    CAMPOS_POLITICA, HOJA_ESTRUCTURA, HOJA_INDICADORES, HOJA_LE, HOJA_POLITICA, HOJA_PUBLICADO,
    HOJA_VO,
)
from ..modelos import Matriz, Valor
from .archivos import comprobar_salida, escribir_atomico
from .autoria import Clase
from .formato import decimales_de, formato_numero, origen_de
from .medidas import LETRA, TAMANO, alto_fila, ancho_columna_pt, lineas
from .plantilla import ANCHOS, DESDE, HASTA, columnas, libro_de_plantilla

PARTIDAS = ("enunciado", "nombre", "responsable", "ue")
"""Columnas de texto largo: se parten en su ancho y la fila crece."""
ND = "ND"


def comprobar_libro(destino: str | Path, entrada: Path, forzar: bool) -> Path:
    """El destino de ``importar``, antes de leer nada: un .xlsx en una carpeta que existe, que no
    es la entrada ni un archivo ajeno (sin ``forzar``)."""
    return comprobar_salida(
        destino, clase=Clase.IMPORTAR, forzar=forzar, extensiones=(".xlsx",),
        otra_extension=lambda ruta: ("El libro que escribe importar es un .xlsx: use un nombre "
                                     f"como {ruta.with_suffix('.xlsx').name}."),
        ejemplo="plan.xlsx", entrada=entrada)


def escribir_libro(matriz: Matriz, destino: Path, entrada: Path, forzar: bool) -> Path:
    """Escribe la matriz leída de ``entrada`` como libro de la plantilla (atómicamente; nunca
    sobre ``entrada`` ni sobre un archivo ajeno sin ``forzar``). Las propiedades del libro dicen
    de dónde salió: el nombre y el SHA-256 de ``entrada``."""
    origen = origen_de(entrada)
    descripcion = (f"Importado con penitencia importar de {origen.archivo} "
                   f"(SHA-256 {origen.sha256}).")
    return escribir_atomico(destino, lambda ruta: _escribir(matriz, ruta, descripcion), entrada,
                            clase=Clase.IMPORTAR, forzar=forzar)


def _anios(matriz: Matriz) -> tuple[int, int]:
    """Los años de las hojas Logros esperados y Valores obtenidos: los de la matriz o, sin
    indicadores, los del periodo del plan (o los de la plantilla vacía)."""
    if matriz.anios:
        return matriz.anios[0], matriz.anios[-1]
    m = re.fullmatch(r"\s*(\d{4})\s*-\s*(\d{4})\s*", matriz.ficha.periodo or "")
    if m and int(m[1]) <= int(m[2]):
        return int(m[1]), int(m[2])
    return DESDE, HASTA


def _escribir(matriz: Matriz, ruta: Path, descripcion: str) -> None:
    from openpyxl.styles import Alignment, Font

    ins = matriz.instrumento
    desde, hasta = _anios(matriz)
    publicado = sorted({a for serie in matriz.avance_publicado.values() for a in serie})
    wb = libro_de_plantilla(desde, hasta, ins, publicado)
    fuente = Font(name=LETRA, size=TAMANO)
    partida = Alignment(wrap_text=True, vertical="top")
    arriba = Alignment(vertical="top")
    derecha = Alignment(horizontal="right", vertical="top")  # «ND», alineado con los números

    def fila(ws, n: int, valores: list, claves: list[str] | None = None) -> None:
        """La fila ``n`` de ``ws``: textos como texto, números exactos con sus decimales, y tan
        alta como su texto partido."""
        alto = 1
        for k, valor in enumerate(valores, start=1):
            if valor is None or valor == "":
                continue
            celda = ws.cell(row=n, column=k, value=valor)
            celda.font = fuente
            clave = claves[k - 1] if claves else None
            celda.alignment = arriba
            if valor == ND and k > 1 and clave in (None, "lb valor", "actual valor"):
                celda.alignment = derecha  # una celda de valor (las hojas de años: sin claves)
            elif isinstance(valor, str):
                celda.data_type = "s"  # nunca una fórmula
                if clave in PARTIDAS:
                    celda.alignment = partida
                    alto = max(alto, lineas(valor, ancho_columna_pt(ANCHOS[clave]), TAMANO))
            elif isinstance(valor, Decimal):
                # como está escrito, hasta 10 decimales: «30.00» → #,##0.00; «100» → #,##0
                celda.number_format = formato_numero(min(decimales_de(valor), 10))
        if alto > 1:
            ws.row_dimensions[n].height = alto_fila(alto)

    def nd(valor: Valor) -> Decimal | str:
        return ND if valor is None else valor

    # Politica: los campos que escribe la plantilla llevan su valor; otro que tenga la ficha,
    # una fila más.
    ws = wb[HOJA_POLITICA]
    filas = {str(c.value): c.row for c in ws["A"][1:]}
    for campo, atributo in CAMPOS_POLITICA.items():
        valor = ins.nombre if atributo == "instrumento" else getattr(matriz.ficha, atributo)
        if valor is not None:
            fila(ws, filas.get(campo, ws.max_row + 1), [campo, valor])

    claves = list(columnas(ins)[HOJA_ESTRUCTURA])
    ws = wb[HOJA_ESTRUCTURA]
    for n, e in enumerate(matriz.estructura, start=2):
        datos = {"codigo": e.codigo, "nivel": e.nivel, "padre": e.padre,
                 "enunciado": e.enunciado, "prioridad": e.prioridad}
        fila(ws, n, [datos[c] for c in claves], claves)

    claves = list(columnas(ins)[HOJA_INDICADORES])
    ws = wb[HOJA_INDICADORES]
    for n, ind in enumerate(matriz.indicadores, start=2):
        datos = {
            "codigo": ind.codigo, "nivel": ind.nivel, "pertenece a": ind.pertenece_a,
            "nombre": ind.nombre, "responsable": ind.responsable, "tipo": ind.tipo,
            "sentido": ind.sentido.value if ind.sentido and not ind.sentido_inferido else None,
            "acumulacion": ind.acumulacion.value if ind.acumulacion else None,
            "unidad": ind.unidad, "lb anio": ind.lb_anio,
            "lb valor": ind.lb_valor if ind.lb_anio is None else nd(ind.lb_valor),
            "actual anio": ind.actual_anio,
            "actual valor": (ind.actual_valor if ind.actual_anio is None
                             else nd(ind.actual_valor)),
            "ue": ind.ue,
        }
        fila(ws, n, [datos[c] for c in claves], claves)

    anios = list(range(desde, hasta + 1))
    for titulo, serie in ((HOJA_LE, "logros_esperados"), (HOJA_VO, "valores_obtenidos")):
        ws = wb[titulo]
        n = 1
        for ind in matriz.indicadores:
            valores = getattr(ind, serie)
            if valores:  # sin ninguno: el indicador falta de la hoja (ND en todos sus años)
                n += 1
                fila(ws, n, [ind.codigo, *(nd(valores[a]) if a in valores else None
                                           for a in anios)])

    if publicado:
        ws = wb[HOJA_PUBLICADO]
        for n, (codigo, serie) in enumerate(matriz.avance_publicado.items(), start=2):
            fila(ws, n, [codigo, *(nd(serie[a]) if a in serie else None for a in publicado)])
    wb.properties.title = matriz.ficha.nombre
    wb.properties.description = descripcion
    wb.save(ruta)


def resumen_importacion(matriz: Matriz, destino: Path) -> str:
    """Lo que dice ``importar`` al terminar: qué plan, cuántos elementos, dónde quedó y la orden
    que comprueba cada avance impreso (en el último año con valores obtenidos)."""
    from .sugerencias import orden

    ins = matriz.instrumento
    medidos = sorted({a for i in matriz.indicadores for a, v in i.valores_obtenidos.items()
                      if v is not None}) or matriz.anios
    anios = f"; años {matriz.anios[0]} a {matriz.anios[-1]}" if matriz.anios else ""
    texto = (f"Anexo B-7 importado en {destino}: {matriz.ficha.nombre} ("
             f"{len(matriz.objetivos)} {ins.objetivo}, {len(matriz.acciones)} {ins.accion} y "
             f"{len(matriz.indicadores)} indicadores{anios}).")
    if medidos:
        texto += ("\nCompruebe cada avance impreso con: "
                  + orden("penitencia", "verificar", str(medidos[-1]), "-a", destino))
    return texto
