"""``penitencia plantilla``: un libro vacío de la plantilla, listo para llenar, para una política
nacional o un plan (``--instrumento pei``...).

Las hojas, columnas y niveles salen del contrato de la plantilla (``contrato.py``), el mismo que
usa el lector: lo que aquí se escribe es, por construcción, lo que allí se lee. Aquí sólo vive lo
que es de la plantilla vacía: la explicación de cada columna, un ejemplo por hoja, los anchos y las
listas desplegables.
"""

from __future__ import annotations

from pathlib import Path

from ..contrato import (
    ANIO_MAX,
    ANIO_MIN,
    HOJA_ESTRUCTURA,
    HOJA_INDICADORES,
    HOJA_INSTRUCCIONES,
    HOJA_LE,
    HOJA_POLITICA,
    HOJA_PUBLICADO,
    HOJA_VO,
    POLITICA,
    Instrumento,
    columnas,
    instrumento_de,
    nombre_columna,
    nombres_instrumentos,
)
from ..errores import ErrorDeUso
from ..modelos import Acumulacion, Sentido
from .archivos import comprobar_salida, escribir_atomico
from .autoria import Clase
from .medidas import LETRA, TAMANO, alto_fila, ancho_columna_pt, lineas

DESDE, HASTA = 2019, 2030
"""Años por omisión: los de la Política Nacional Penitenciaria al 2030."""
MAX_ANIOS = 100
FILAS_CON_LISTA = 2000
"""Filas de datos (desde la 2) que llevan las listas desplegables."""

CAMPOS = {"politica": ["nombre", "instrumento", "sector", "ministerio conductor", "tipo"],
          "plan": ["nombre", "instrumento", "entidad", "periodo", "sector",
                   "nivel de gobierno"]}
"""Campos que la plantilla escribe en la hoja Politica (de ``contrato.CAMPOS_POLITICA``)."""

DESCRIPCIONES: dict[str, dict[str, str]] = {
    HOJA_POLITICA: {
        "campo": "Nombre del dato (ya escrito; no lo cambie).",
        "valor": "El dato. 'nombre' es obligatorio; 'instrumento' ya está escrito (Política "
                 "nacional); sector, ministerio conductor y tipo, opcionales.",
    },
    HOJA_ESTRUCTURA: {
        "codigo": "Código único del elemento: OP.01, LN.01.04, SS.01.04.01.",
        "nivel": "OP (objetivo prioritario), LN (lineamiento) o SS (servicio).",
        "padre": "Vacío para un OP; el código de un OP para un LN; el de un LN para un SS.",
        "enunciado": "El enunciado tal como figura en la política.",
    },
    HOJA_INDICADORES: {
        "codigo": "Código único del indicador: IOP.01.02, ISS.01.04.01.01.",
        "nivel": "IOP (indicador de objetivo prioritario) o ISS (indicador de servicio).",
        "pertenece a": "Código del OP (para un IOP) o del servicio (para un ISS) que mide.",
        "nombre": "Nombre del indicador.",
        "responsable": "Entidad responsable (opcional).",
        "tipo": "Tipo de indicador de servicio: Alcance, Oportunidad, Calidad, Fiabilidad... "
                "(opcional).",
        "sentido": "Ascendente (mejor cuanto más alto) o Descendente (mejor cuanto más bajo).",
        "acumulacion": "Acumulado (cada año ya incluye los anteriores) o No acumulado.",
        "unidad": "Porcentaje, Número... (opcional; con 'Porcentaje' se revisa el rango 0-100).",
        "lb anio": "Año de la línea de base (opcional).",
        "lb valor": "Valor de la línea de base (opcional; una celda de valor).",
    },
}
"""Qué significa cada columna en una política nacional (claves como en ``contrato.COLUMNAS_*``)."""


def descripciones(ins: Instrumento) -> dict[str, dict[str, str]]:
    """Qué significa cada columna en el instrumento (los de un plan, con sus niveles)."""
    if not ins.es_plan:
        return DESCRIPCIONES
    o, a, io, ia = ins.objetivo, ins.accion, ins.indicador_objetivo, ins.indicador_accion
    nombres = ins.nombres
    return {
        HOJA_POLITICA: {
            "campo": DESCRIPCIONES[HOJA_POLITICA]["campo"],
            "valor": f"El dato. 'nombre' es obligatorio; 'instrumento' ya está escrito "
                     f"({ins.nombre}); entidad (pliego), periodo (p. ej. 2020-2026), sector y "
                     "nivel de gobierno, opcionales.",
        },
        HOJA_ESTRUCTURA: {
            "codigo": f"Código único del elemento: {o}.01, {a}.01.01.",
            "nivel": f"{o} ({nombres[o]}) o {a} ({nombres[a]}).",
            "padre": f"Vacío para un {o}; el código de un {o} para una {a}.",
            "enunciado": "El enunciado tal como figura en el plan.",
            "prioridad": "La prioridad del objetivo o de la acción (1, 2, 3...; opcional).",
        },
        HOJA_INDICADORES: {
            **DESCRIPCIONES[HOJA_INDICADORES],
            "codigo": f"Código único del indicador: {io}.01.01, {ia}.01.01.01.",
            "nivel": f"{io} (indicador de un {o}) o {ia} (indicador de una {a}); vacío: se "
                     "deduce de pertenece_a.",
            "pertenece a": f"Código del {o} (para un {io}) o de la {a} (para un {ia}) que mide.",
            "tipo": "Tipo de indicador (opcional).",
            "sentido": "Ascendente (mejor cuanto más alto) o Descendente (mejor cuanto más "
                       "bajo); vacío: se infiere de los logros esperados, como lo hace el "
                       "aplicativo de CEPLAN (último menos primero ≥ 0: ascendente).",
            "acumulacion": "Acumulado, No acumulado o vacío (sólo lo necesita el avance de un "
                           "periodo, --desde).",
            "responsable": "Unidad orgánica responsable (opcional).",
            "actual anio": "Año del valor actual: el último medido antes del periodo "
                           "(opcional; no entra en los cálculos).",
            "actual valor": "Valor actual (opcional; una celda de valor).",
            "ue": "Unidad ejecutora (opcional).",
        },
    }

EJEMPLOS: dict[str, list] = {
    HOJA_POLITICA: ["nombre", "Política Nacional Penitenciaria al 2030"],
    HOJA_ESTRUCTURA: ["LN.01.01", "LN", "OP.01", "Fortalecer la infraestructura penitenciaria"],
    HOJA_INDICADORES: ["IOP.01.02", "IOP", "OP.01", "Porcentaje de hacinamiento", "INPE", "",
                       "Descendente", "No acumulado", "Porcentaje", 2019, "36.5%"],
    HOJA_LE: ["IOP.01.02", 30, 28, "ND"],
    HOJA_VO: ["IOP.01.02", "36.50%", "6,235", ""],
}
"""Una fila de ejemplo por hoja de una política (sólo en la hoja Instrucciones)."""


def ejemplos(ins: Instrumento) -> dict[str, list]:
    """Una fila de ejemplo por hoja en el instrumento (en un plan, sin sentido ni acumulación)."""
    if not ins.es_plan:
        return EJEMPLOS
    o, a, io = ins.objetivo, ins.accion, ins.indicador_objetivo
    return {
        HOJA_POLITICA: ["nombre", f"{ins.nombre_largo} 2020-2026 de mi entidad"],
        HOJA_ESTRUCTURA: [f"{a}.01.01", a, f"{o}.01", "Asistencia técnica oportuna a las "
                          "entidades", 1],
        HOJA_INDICADORES: [f"{io}.01.01", io, f"{o}.01", "Porcentaje de usuarios satisfechos",
                           "Oficina de Planeamiento", "", "", "", "Porcentaje", 2019, "55%",
                           2020, "56%", "001-MI ENTIDAD"],
        HOJA_LE: [f"{io}.01.01", 58, 60, "S.P."],
        HOJA_VO: [f"{io}.01.01", "55%", "57.3", "S.I."],
    }

REGLAS_VALOR = [
    "Un número: se toma tal cual (36.5, 6235).",
    "Un número con formato de porcentaje (Excel guarda 36.5% como 0.365): se toma como se ve, "
    "36.5.",
    "Texto '36.50%' o '36.5 %': 36.5. Texto '6,235' o '1,234.5' (coma de miles, punto decimal): "
    "6235 y 1234.5.",
    "Una coma que no va seguida de exactamente tres cifras, o cuya parte entera empieza en 0, es "
    "coma decimal (se lee con una nota): '0,365' es 0.365 y '45,5%' es 45.5. '45,500' en un "
    "indicador en porcentaje es ambiguo y es un error: escriba 45.5 o 45500.",
    "Vacío, ND, N.D., n.d., -, —, S.I. (seguimiento incompleto) o S.P. (sin programación): ND "
    "(no disponible).",
    "Una fórmula: su valor calculado. Guarde el libro en Excel para que se calcule; una fórmula "
    "sin valor guardado es un error, no ND.",
    "Cualquier otra cosa (otro texto, una fecha, VERDADERO/FALSO, #DIV/0!, #N/A...) es un error "
    "que se informa con su hoja y celda.",
    "No combine celdas dentro de las tablas: sólo la primera guarda el valor. Las filas y "
    "columnas ocultas se leen igual que las visibles.",
]

INSTRUCCIONES_ANCHOS = (20, 12, 80)
"""Columnas de la hoja Instrucciones: columna, obligatoria, contenido. Los párrafos ocupan las
tres (celdas combinadas); la hoja cabe en el ancho de un A4 vertical con letra de 9 pt o más."""

ANCHOS = {"codigo": 18, "nivel": 8, "padre": 14, "enunciado": 70, "pertenece a": 14,
          "nombre": 50, "responsable": 18, "tipo": 16, "sentido": 14, "acumulacion": 15,
          "unidad": 13, "lb anio": 9, "lb valor": 10, "campo": 24, "valor": 60,
          "prioridad": 10, "actual anio": 12, "actual valor": 13, "ue": 30}
ANCHO_ANIO = 10


def _listas(ins: Instrumento) -> dict[str, dict[str, list[str]]]:
    """Listas desplegables por hoja y columna, de los mismos valores que acepta el lector."""
    return {
        HOJA_ESTRUCTURA: {"nivel": list(ins.estructura)},
        HOJA_INDICADORES: {
            "nivel": list(ins.indicadores),
            "sentido": [s.value for s in Sentido],
            "acumulacion": [a.value for a in Acumulacion],
        },
    }


def instrumento_pedido(texto: str | None) -> Instrumento:
    """``--instrumento``: politica (por omisión), pei, pesem, pdrc o pdlc (o su nombre, sin
    distinguir mayúsculas ni tildes); ErrorDeUso si no es ninguno."""
    if texto is None or not texto.strip():
        return POLITICA
    ins = instrumento_de(texto)
    if ins is None:
        raise ErrorDeUso(f"--instrumento {texto!r} no es válido: use {nombres_instrumentos()} "
                         "(o su clave: politica, pei, pesem, pdrc, pdlc).")
    return ins


def comprobar_anios(desde: int, hasta: int) -> None:
    if not (ANIO_MIN <= desde <= ANIO_MAX and ANIO_MIN <= hasta <= ANIO_MAX):
        raise ErrorDeUso(f"Los años deben estar entre {ANIO_MIN} y {ANIO_MAX}.")
    if desde > hasta:
        raise ErrorDeUso(f"--desde {desde} es posterior a --hasta {hasta}.")
    if hasta - desde + 1 > MAX_ANIOS:
        raise ErrorDeUso(f"Son {hasta - desde + 1} años; el máximo es {MAX_ANIOS}.")


def escribir_plantilla(destino: str | Path, desde: int = DESDE, hasta: int = HASTA,
                       forzar: bool = False, instrumento: Instrumento = POLITICA) -> Path:
    """Escribe la plantilla vacía del ``instrumento`` (atómicamente). Sin ``forzar`` sólo
    reemplaza una plantilla que escribió el programa y nadie cambió."""
    comprobar_anios(desde, hasta)
    destino = comprobar_salida(
        destino, clase=Clase.PLANTILLA, forzar=forzar, extensiones=(".xlsx",),
        otra_extension=lambda ruta: ("La plantilla es un libro .xlsx: use un nombre como "
                                     f"{ruta.with_suffix('.xlsx').name}."),
        ejemplo="mi_politica.xlsx")
    return escribir_atomico(destino, lambda p: _escribir(p, desde, hasta, instrumento),
                            clase=Clase.PLANTILLA, forzar=forzar)


def _escribir(ruta: Path, desde: int, hasta: int, ins: Instrumento = POLITICA) -> None:
    libro_de_plantilla(desde, hasta, ins).save(ruta)


def libro_de_plantilla(desde: int, hasta: int, ins: Instrumento,
                       publicado: list[int] | None = None):
    """La plantilla vacía de ``ins`` como libro de openpyxl (sin guardar): Instrucciones, las
    cinco hojas con sus encabezados (en la fila 1), listas desplegables y una columna por año; con
    ``publicado``, también la hoja optativa Avance publicado con esos años. :mod:`.libro` la llena
    con una matriz."""
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    negrita = Font(bold=True)
    relleno = PatternFill("solid", fgColor="D9E1F2")
    anios = list(range(desde, hasta + 1))
    textos = descripciones(ins)

    wb = Workbook()
    instrucciones = wb.active
    instrucciones.title = HOJA_INSTRUCCIONES

    def hoja(titulo: str, encabezados: list, fijar: str, anchos: list[float]):
        ws = wb.create_sheet(titulo)
        ws.append(encabezados)
        for celda, ancho in zip(ws[1], anchos):
            celda.font, celda.fill = negrita, relleno
            ws.column_dimensions[celda.column_letter].width = ancho
        ws.freeze_panes = fijar
        _imprimir(ws, "landscape")
        ws.print_title_rows = "1:1"
        return ws

    claves = {titulo: list(cols) for titulo, cols in columnas(ins).items()}
    for titulo, columnas_hoja in claves.items():
        ws = hoja(titulo, [nombre_columna(c) for c in columnas_hoja],
                  "B2" if titulo == HOJA_INDICADORES else "A2", [ANCHOS[c] for c in columnas_hoja])
        if titulo == HOJA_POLITICA:
            for campo in CAMPOS["plan" if ins.es_plan else "politica"]:
                ws.append([campo, ins.nombre if campo == "instrumento" else None])
        for columna, valores in _listas(ins).get(titulo, {}).items():
            letra = get_column_letter(columnas_hoja.index(columna) + 1)
            dv = DataValidation(type="list", formula1=f'"{",".join(valores)}"', allow_blank=True,
                                showErrorMessage=True, errorTitle="Valor no válido",
                                error=f"Use uno de: {', '.join(valores)}.",
                                promptTitle=nombre_columna(columna),
                                prompt=textos[titulo][columna][:255])
            dv.add(f"{letra}2:{letra}{FILAS_CON_LISTA}")
            ws.add_data_validation(dv)
    series = {HOJA_LE: anios, HOJA_VO: anios}
    if publicado:
        series[HOJA_PUBLICADO] = publicado
    for titulo, anios_hoja in series.items():
        ws = hoja(titulo, ["codigo", *anios_hoja], "B2",
                  [ANCHOS["codigo"]] + [ANCHO_ANIO] * len(anios_hoja))
        for celda in ws[1][1:]:
            celda.number_format = "0"

    _instrucciones(instrucciones, ins, desde, hasta, textos)
    return wb


def _imprimir(ws, orientacion: str) -> None:
    """A4, ajustada al ancho de una página (el alto, las páginas que hagan falta)."""
    ws.page_setup.paperSize = "9"
    ws.page_setup.orientation = orientacion
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.page_margins.top = ws.page_margins.bottom = 0.6


def _instrucciones(ws, ins: Instrumento, desde: int, hasta: int,
                   textos: dict[str, dict[str, str]]) -> None:
    """La hoja Instrucciones: párrafos en todo el ancho (celdas combinadas), la tabla de cada hoja
    (columna, obligatoria, contenido) y las reglas de las celdas de valor; cada fila tan alta como
    su texto (medido con las métricas de Arial) y A4 vertical ajustado al ancho."""
    from openpyxl.styles import Alignment, Font

    normal = Font(name=LETRA, size=TAMANO)
    negrita = Font(name=LETRA, size=TAMANO, bold=True)
    envolver = Alignment(wrap_text=True, vertical="top")
    for letra, ancho in zip("ABC", INSTRUCCIONES_ANCHOS):
        ws.column_dimensions[letra].width = ancho
    ancho_parrafo = ancho_columna_pt(sum(INSTRUCCIONES_ANCHOS))

    filas = 0

    def fila(*valores, fuente=normal, parrafo: bool = False) -> None:
        nonlocal filas
        filas += 1
        n = filas
        if not valores:
            return  # una fila en blanco
        for columna, valor in enumerate(valores, start=1):
            celda = ws.cell(row=n, column=columna, value=valor)
            celda.alignment = envolver
            celda.font = fuente
        tamano, negra = fuente.sz or TAMANO, bool(fuente.b)
        if parrafo:  # un párrafo: en las tres columnas
            ws.merge_cells(start_row=n, start_column=1, end_row=n, end_column=3)
            alto = lineas(str(valores[0]), ancho_parrafo, tamano, negra)
        else:
            alto = max([1, *(lineas(str(v), ancho_columna_pt(a), tamano, negra)
                             for v, a in zip(valores, INSTRUCCIONES_ANCHOS) if v)])
        ws.row_dimensions[n].height = alto_fila(alto, tamano)

    titulo = Font(name=LETRA, size=14, bold=True)
    seccion = Font(name=LETRA, size=12, bold=True)
    que = (f"del {ins.nombre_largo} ({ins.nombre})" if ins.es_plan
           else "de la política nacional")
    fila(f"Plantilla de seguimiento {que}", fuente=titulo, parrafo=True)
    fila("Llene las hojas siguientes y calcule con: penitencia avance AÑO --archivo ESTE_LIBRO.xlsx"
         " (revise antes con: penitencia validar ESTE_LIBRO.xlsx). Esta hoja se ignora al leer.",
         parrafo=True)
    fila("Los nombres de hojas y columnas no distinguen mayúsculas, tildes ni '_'/espacio; el "
         "orden de las columnas es libre. Mejor sin filas de título sobre los encabezados (una o dos "
         "se ignoran, con una nota).", parrafo=True)
    muestras = ejemplos(ins)
    for titulo_hoja, propias in textos.items():
        fila()
        fila(f"Hoja {titulo_hoja}", fuente=seccion, parrafo=True)
        fila("columna", "obligatoria", "contenido", fuente=negrita)
        requeridas = columnas(ins)[titulo_hoja]
        for clave, texto in propias.items():
            fila(nombre_columna(clave), "sí" if requeridas[clave] else "no", texto)
        fila("ejemplo", "", " | ".join(str(v) for v in muestras[titulo_hoja]))
    for titulo_hoja in (HOJA_LE, HOJA_VO):
        fila()
        fila(f"Hoja {titulo_hoja}", fuente=seccion, parrafo=True)
        fila("codigo", "sí", "Código de un indicador de la hoja Indicadores (una fila por "
             "indicador; el que falte tiene ND en todos sus años).")
        fila("años", "", f"Una columna por año ({desde} a {hasta}); puede añadir o quitar años. "
             "Cada celda es una celda de valor (reglas abajo).")
        fila("ejemplo", "", " | ".join(str(v) for v in muestras[titulo_hoja]))
    fila()
    fila(f"Hoja {HOJA_PUBLICADO} (opcional)", fuente=seccion, parrafo=True)
    fila("codigo", "", f"Código de un indicador, de un {ins.objetivo} o INDICE; una columna por "
         "año con el avance que imprimió un reporte publicado, para conciliarlo con el "
         "calculado.")
    fila()
    fila("Celdas de valor", fuente=seccion, parrafo=True)
    for regla in REGLAS_VALOR:
        fila("", "", regla)
    _imprimir(ws, "portrait")
