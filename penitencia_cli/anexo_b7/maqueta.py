"""La maqueta de un Anexo B-7 impreso: renglones, encabezados de página, columnas de cada tabla y
celdas de varias líneas, a partir de las posiciones de las palabras (:mod:`.pdf`).

Lo que se sabe de la maqueta (la imprime una tabla HTML del aplicativo CEPLAN) y se usa aquí:

- Cada bloque (un OEI o una AEI) es una tabla propia: sus columnas tienen otros anchos que las del
  bloque anterior. Las columnas se toman del encabezado de CADA bloque: los rótulos de las
  columnas de texto (COD., INDICADOR, PARAMETRO DE MEDICION, UE, UNIDAD ORGANICA RESPONSABLE) y
  los de la segunda fila (Año, Valor, un año por columna) van centrados en su celda, así que cada
  rótulo está dentro de su columna.
- Una palabra que pisa el rótulo de una sola columna es de esa columna, con certeza. Las demás
  siguen a la palabra vecina del mismo renglón (separada por un espacio, no por un canal entre
  columnas) o, si no tienen vecina, al lado del canal entre dos columnas en que caen (el medio
  entre lo que ya se sabe de una y de otra). Si dos columnas se montan, no se adivina: es un
  problema.
- Las celdas van centradas en vertical: los renglones de un nombre largo quedan por encima y por
  debajo de la línea de los números. Las líneas de cada columna se reparten entre las filas de
  modo que cada celda quede centrada en la línea de números de su fila (:func:`repartir`). Una
  fila que el navegador corta entre dos páginas pierde ese centrado: su celda cruza la línea de
  números y sigue en la página siguiente.
- El navegador agrega a cada página un encabezado (fecha, título) y un pie (dirección del
  aplicativo, «1/6» o «Pag 1/3»), en letra más chica o con esas marcas: se quitan
  (:func:`sin_encabezado_de_pagina`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..contrato import clave_compacta
from .pdf import Pagina, Palabra

SEPARACION_PAGINAS = 100_000.0
"""Las páginas se apilan en una sola coordenada vertical: ``y`` de la página N más N veces esto."""
_MARCA_PAGINA = re.compile(r"^(p[aá]g(ina|\.)?:?)?\d{1,4}(/|de)\d{1,4}$|^p[aá]g(ina|\.)?:?\d{1,4}$",
                           re.IGNORECASE)
_DIRECCION = re.compile(r"(://|www\.|\.aspx|\.gob\.pe|\.html?\b)", re.IGNORECASE)
_FECHA_HORA = re.compile(r"^(\d{1,2}/\d{1,2}/\d{2,4}|\d{1,2}:\d{2}(:\d{2})?)(,|[ap]\.?m\.?)?$",
                         re.IGNORECASE)


def compacto(texto: str) -> str:
    """La clave compacta del contrato (:func:`~penitencia_cli.contrato.clave_compacta`: sin
    tildes, espacios ni caracteres invisibles) en mayúsculas: el texto de un rótulo aunque el PDF
    espacie sus letras («Sec tor» = «SECTOR»); la Ñ queda N."""
    return clave_compacta(texto).upper()


@dataclass(frozen=True, slots=True)
class Pieza:
    """Una palabra en la coordenada del documento (páginas apiladas)."""

    texto: str
    x0: float
    x1: float
    y: float
    """La línea de base, sumada la separación de su página."""
    pagina: int
    cuerpo: float

    @property
    def centro(self) -> float:
        return (self.x0 + self.x1) / 2


def _renglones_de(palabras, tolerancia_relativa: float = 0.25) -> list[list]:
    """Agrupa palabras o piezas por línea de base (``y``, dentro de una fracción del cuerpo de la
    letra), de arriba abajo y cada renglón de izquierda a derecha."""
    renglones: list[list] = []
    base_previa = None
    for p in sorted(palabras, key=lambda p: p.y):
        if base_previa is not None and abs(p.y - base_previa) <= tolerancia_relativa * p.cuerpo:
            renglones[-1].append(p)
        else:
            renglones.append([p])
            base_previa = p.y
    return [sorted(r, key=lambda p: p.x0) for r in renglones]


def renglones(piezas: list[Pieza]) -> list[list[Pieza]]:
    """Las piezas agrupadas por renglón (misma línea de base), de arriba abajo."""
    return _renglones_de(piezas)


def _es_mobiliario(renglon: list[Palabra], cuerpo_comun: float) -> bool:
    """¿Es un renglón del encabezado o pie que agrega el navegador? Letra más chica que la del
    Anexo, una marca de página («1/6», «Pag 1/3»), la fecha u hora de impresión o la dirección
    del aplicativo."""
    if all(p.cuerpo < 0.9 * cuerpo_comun for p in renglon):
        return True
    compactos = [compacto(p.texto) for p in renglon]
    juntos = "".join(compactos)
    return (any(_MARCA_PAGINA.match(c) or _FECHA_HORA.match(c) for c in compactos)
            or bool(_MARCA_PAGINA.match(juntos))
            or any(_DIRECCION.search(p.texto) for p in renglon))


def cuerpo_comun(paginas: list[Pagina]) -> float:
    """El alto de letra más frecuente del documento (por caracteres)."""
    cuenta: dict[float, int] = {}
    for pagina in paginas:
        for p in pagina.palabras:
            clave = round(p.cuerpo, 1)
            cuenta[clave] = cuenta.get(clave, 0) + len(p.texto)
    return max(cuenta, key=lambda c: (cuenta[c], c)) if cuenta else 0.0


def sin_encabezado_de_pagina(paginas: list[Pagina]) -> list[Pieza]:
    """Las palabras de todas las páginas apiladas, sin los renglones de encabezado y pie de
    página del navegador (los de arriba y los de abajo de cada página, mientras lo sean)."""
    comun = cuerpo_comun(paginas)
    piezas: list[Pieza] = []
    for pagina in paginas:
        filas = _renglones_de(pagina.palabras)
        inicio, fin = 0, len(filas)
        while inicio < fin and _es_mobiliario(filas[inicio], comun):
            inicio += 1
        while fin > inicio and _es_mobiliario(filas[fin - 1], comun):
            fin -= 1
        desplazamiento = (pagina.numero - 1) * SEPARACION_PAGINAS
        for fila in filas[inicio:fin]:
            for p in fila:
                piezas.append(Pieza(p.texto, p.x0, p.x1, p.y + desplazamiento, pagina.numero,
                                    p.cuerpo))
    return piezas


# --- Columnas ----------------------------------------------------------------------------------


@dataclass
class Columna:
    """Una columna de la tabla de un bloque: su clave y el tramo horizontal de su rótulo."""

    clave: str
    """``cod``, ``indicador``, ``parametro``, ``lb_anio``, ``lb_valor``, ``va_anio``,
    ``va_valor``, ``le``, ``vo``, ``av``, ``ue``, ``unidad``."""
    x0: float
    x1: float
    anio: int | None = None
    """El año de una columna de LOGRO ESPERADO, VALOR OBTENIDO o AVANCE (%)."""
    numerica: bool = False

    @property
    def nombre(self) -> str:
        return NOMBRES_COLUMNAS[self.clave] + (f" {self.anio}" if self.anio else "")


NOMBRES_COLUMNAS = {
    "cod": "COD.", "indicador": "INDICADOR", "parametro": "PARAMETRO DE MEDICION",
    "lb_anio": "LINEA BASE Año", "lb_valor": "LINEA BASE Valor",
    "va_anio": "VALOR ACTUAL Año", "va_valor": "VALOR ACTUAL Valor",
    "le": "LOGRO ESPERADO", "vo": "VALOR OBTENIDO", "av": "AVANCE (%)",
    "ue": "UE", "unidad": "UNIDAD ORGANICA RESPONSABLE",
}


@dataclass
class Reparto:
    """Las piezas de una región repartidas por columna, y lo que no se pudo repartir."""

    por_columna: dict[int, list[Pieza]] = field(default_factory=dict)
    """Índice de la columna → sus piezas."""
    dudosas: list[tuple[Pieza, str]] = field(default_factory=list)
    """Piezas que no se pudieron poner en una columna con certeza, con el porqué."""


def _pisa(p: Pieza, col: Columna) -> bool:
    return p.x0 < col.x1 and p.x1 > col.x0


def repartir_columnas(piezas: list[Pieza], columnas: list[Columna]) -> Reparto:
    """Pone cada pieza en su columna (ver el docstring del módulo). Las columnas van de
    izquierda a derecha y sus rótulos no se montan."""
    reparto = Reparto({i: [] for i in range(len(columnas))})
    columna_de: dict[int, int] = {}
    for k, p in enumerate(piezas):
        pisadas = [i for i, c in enumerate(columnas) if _pisa(p, c)]
        if len(pisadas) == 1:
            columna_de[k] = pisadas[0]
        elif len(pisadas) > 1:
            reparto.dudosas.append((p, "pisa los rótulos de "
                                    + " y ".join(columnas[i].nombre for i in pisadas)))
            columna_de[k] = -1
    # Las dudosas siguen a su vecina de renglón (a un espacio de distancia), en ambos sentidos.
    indice = {id(p): k for k, p in enumerate(piezas)}
    for renglon in renglones(piezas):
        for orden in (renglon, renglon[::-1]):
            for a, b in zip(orden, orden[1:]):
                ka, kb = indice[id(a)], indice[id(b)]
                if kb in columna_de or columna_de.get(ka, -1) < 0:
                    continue
                if columnas[columna_de[ka]].clave == "cod" or columnas[columna_de[ka]].numerica:
                    continue  # un código y un número son una sola palabra
                hueco = max(b.x0, a.x0) - min(b.x1, a.x1)
                if hueco <= 0.45 * max(a.cuerpo, b.cuerpo):
                    columna_de[kb] = columna_de[ka]
    # El resto cae del lado del canal en que está su centro: el medio entre lo que ya se sabe.
    extremos = [[c.x0, c.x1] for c in columnas]
    for k, i in columna_de.items():
        if i >= 0:
            extremos[i][0] = min(extremos[i][0], piezas[k].x0)
            extremos[i][1] = max(extremos[i][1], piezas[k].x1)
    cortes = [(extremos[i][1] + extremos[i + 1][0]) / 2 for i in range(len(columnas) - 1)]
    for k, p in enumerate(piezas):
        if k in columna_de:
            continue
        i = sum(1 for c in cortes if p.centro > c)
        otras = [j for j, c in enumerate(columnas) if j != i and _pisa(p, c)]
        if otras:
            reparto.dudosas.append((p, f"queda entre {columnas[i].nombre} y "
                                    f"{columnas[otras[0]].nombre}"))
            columna_de[k] = -1
        else:
            columna_de[k] = i
    for k, i in columna_de.items():
        if i >= 0:
            reparto.por_columna[i].append(piezas[k])
    # Comprobación: el contenido de una columna termina antes de que empiece el de la siguiente.
    for i in range(len(columnas) - 1):
        izquierda, derecha = reparto.por_columna[i], reparto.por_columna[i + 1]
        if izquierda and derecha:
            montadas = [p for p in derecha if p.x0 < max(q.x1 for q in izquierda) - 0.5]
            if montadas and any(p.x1 > min(q.x0 for q in derecha) + 0.5 for p in izquierda):
                reparto.dudosas.append((montadas[0], f"las columnas {columnas[i].nombre} y "
                                        f"{columnas[i + 1].nombre} se montan"))
    return reparto


# --- Celdas de varias líneas -------------------------------------------------------------------


@dataclass(frozen=True)
class Ancla:
    """La línea de números de una fila (o la del código de un título)."""

    y: float
    pagina: int
    partible: bool = False
    """La última fila de su página: puede seguir arriba de la página siguiente."""


def _parejas(lineas: list[float], tolerancia: float) -> bool:
    """¿Líneas de una misma celda? Igual interlineado entre todas (o una sola línea)."""
    if len(lineas) < 3:
        return True
    pasos = [b - a for a, b in zip(lineas, lineas[1:])]
    return max(pasos) - min(pasos) <= tolerancia


def repartir(lineas: list[tuple[float, int]], anclas: list[Ancla], tolerancia: float
             ) -> list[list[int]] | None:
    """Reparte las líneas de una columna (``(y, página)`` ordenadas de arriba abajo) entre las
    filas: a cada ancla, un tramo seguido de líneas (o ninguno) centrado en ella, salvo la fila
    cortada por un salto de página: su tramo en la página del ancla la cruza (Chrome lo empieza
    en ella, Typst lo centra en lo que cabe) y sigue en las páginas siguientes. Devuelve los
    índices de las líneas de cada ancla, o None si no hay reparto posible (las líneas no son de
    ninguna fila con certeza).

    Programación dinámica: entre los repartos posibles, el de menor desvío; un corte de página
    cuesta más que cualquier desvío de centrado, así que sólo se usa cuando hace falta."""
    n, m = len(lineas), len(anclas)
    infinito = float("inf")
    costo = [[infinito] * (n + 1) for _ in range(m + 1)]
    previo: list[list[int]] = [[-1] * (n + 1) for _ in range(m + 1)]
    costo[0][0] = 0.0
    for j, ancla in enumerate(anclas):
        for i in range(n + 1):
            if costo[j][i] == infinito:
                continue
            # Celda vacía.
            if costo[j][i] < costo[j + 1][i]:
                costo[j + 1][i], previo[j + 1][i] = costo[j][i], i
            for fin in range(i + 1, n + 1):
                tramo = [y for y, _ in lineas[i:fin]]
                paginas = {p for _, p in lineas[i:fin]}
                if len(paginas) == 1 and _parejas(tramo, tolerancia):
                    desvio = abs((tramo[0] + tramo[-1]) / 2 - ancla.y)
                    if desvio <= tolerancia and costo[j][i] + desvio < costo[j + 1][fin]:
                        costo[j + 1][fin], previo[j + 1][fin] = costo[j][i] + desvio, i
                if ancla.partible and min(paginas) >= ancla.pagina and max(paginas) > ancla.pagina:
                    en_su_pagina = [y for y, p in lineas[i:fin] if p == ancla.pagina]
                    cruza = not en_su_pagina or (en_su_pagina[0] <= ancla.y + tolerancia
                                                 and en_su_pagina[-1] >= ancla.y - tolerancia)
                    if cruza and all(_parejas([y for y, q in lineas[i:fin] if q == p], tolerancia)
                                     for p in paginas):
                        c = costo[j][i] + 1000.0
                        if c < costo[j + 1][fin]:
                            costo[j + 1][fin], previo[j + 1][fin] = c, i
    if costo[m][n] == infinito:
        return None
    grupos: list[list[int]] = [[] for _ in range(m)]
    i = n
    for j in range(m, 0, -1):
        inicio = previo[j][i]
        grupos[j - 1] = list(range(inicio, i))
        i = inicio
    return grupos
