"""El contrato de la plantilla (``docs/plantilla.md``): nombres de hojas, columnas y campos,
niveles, textos que significan ND y años admitidos.

Lo comparten el lector (:mod:`penitencia_cli.lectura`), los modelos y quien escribe la plantilla
vacía (:mod:`penitencia_cli.salida.plantilla`): lo que se escribe es, por construcción, lo que se
lee. Sin dependencias (ni pydantic ni openpyxl).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from typing import Any


INVISIBLES = ("\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b\u180c\u180d\u180e"
              "\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
              "\u2060\u2061\u2062\u2063\u2064\u2066\u2067\u2068\u2069\u206a\u206b"
              "\u206c\u206d\u206e\u206f\u3164\ufe00\ufe0f\ufeff\uffa0")
"""Caracteres invisibles (de ancho cero, marcas de dirección, guion suave, BOM) que trae el
texto copiado de un PDF o de la web; no cuentan al comparar nombres y códigos."""
SIN_INVISIBLES = dict.fromkeys(map(ord, INVISIBLES), None)
"""Tabla para ``str.translate`` que quita :data:`INVISIBLES`."""


def normalizar(texto: Any) -> str:
    """Clave de comparación: sin tildes, sin mayúsculas, sin espacios de borde ni caracteres
    invisibles, '_' = ' '."""
    s = unicodedata.normalize("NFKD", str(texto).translate(SIN_INVISIBLES))
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = s.casefold().replace("_", " ")
    return " ".join(s.split())


def nombre_columna(clave: str) -> str:
    """Cómo se escribe una columna en el libro: la clave normalizada con '_' ('pertenece_a')."""
    return clave.replace(" ", "_")


# --- Hojas ------------------------------------------------------------------------------------

HOJA_POLITICA = "Politica"
HOJA_ESTRUCTURA = "Estructura"
HOJA_INDICADORES = "Indicadores"
HOJA_LE = "Logros esperados"
HOJA_VO = "Valores obtenidos"
HOJA_PUBLICADO = "Avance publicado"
"""Las hojas de las series: ``Indicador.celdas_le``, ``celdas_vo`` y ``Matriz.celdas_publicado``
son celdas de estas hojas."""
HOJAS_REQUERIDAS = (HOJA_POLITICA, HOJA_ESTRUCTURA, HOJA_INDICADORES, HOJA_LE, HOJA_VO)
HOJAS_OPCIONALES = (HOJA_PUBLICADO,)
HOJA_INSTRUCCIONES = "Instrucciones"
HOJAS_IGNORADAS = (HOJA_INSTRUCCIONES,)
"""Hojas que ``penitencia plantilla`` escribe para el usuario: se ignoran sin nota."""

# --- Columnas y campos --------------------------------------------------------------------------

COLUMNAS_POLITICA = {"campo": True, "valor": True}
CAMPOS_POLITICA = {
    "nombre": "nombre",
    "instrumento": "instrumento",
    "sector": "sector",
    "ministerio conductor": "ministerio_conductor",
    "tipo": "tipo",
    "entidad": "entidad",
    "periodo": "periodo",
    "nivel de gobierno": "nivel_gobierno",
}
"""Campo de la hoja Politica (normalizado) → atributo de ``Politica``."""
COLUMNAS_ESTRUCTURA = {"codigo": True, "nivel": True, "padre": True, "enunciado": True}
COLUMNAS_ESTRUCTURA_PLAN = {**COLUMNAS_ESTRUCTURA, "prioridad": False}
"""En un plan, además, la prioridad de cada objetivo y acción (la que imprime el Anexo B-7)."""
COLUMNAS_INDICADORES = {
    "codigo": True,
    "nivel": True,
    "pertenece a": True,
    "nombre": True,
    "responsable": False,
    "tipo": False,
    "sentido": True,
    "acumulacion": True,
    "unidad": False,
    "lb anio": False,
    "lb valor": False,
}
"""Columnas de cada hoja (clave normalizada → requerida)."""
COLUMNAS_INDICADORES_PLAN = {**COLUMNAS_INDICADORES, "nivel": False, "sentido": False,
                             "acumulacion": False, "actual anio": False, "actual valor": False,
                             "ue": False}
"""En un plan, ``nivel``, ``sentido`` y ``acumulacion`` pueden faltar (o quedar vacías); y hay
tres columnas más, optativas, las del Anexo B-7: el valor actual (año y valor) y la unidad
ejecutora (``ue``); ``responsable`` es la unidad orgánica responsable."""

# --- Instrumentos y niveles ---------------------------------------------------------------------


@dataclass(frozen=True)
class Instrumento:
    """Un instrumento de CEPLAN tal como lo escribe la plantilla: su nombre, sus niveles y qué
    columnas de un indicador pueden quedar vacías (``docs/plantilla.md``). Las reglas de cálculo
    de cada instrumento (decimales, tope, sentido inferido) son su perfil en
    :mod:`penitencia_cli.reglas.metodologia`."""

    clave: str
    """Clave estable (JSON, perfiles): ``politica``, ``pei``, ``pesem``, ``pdrc``, ``pdlc``."""
    nombre: str
    """Lo que se escribe en el campo ``instrumento``: «Política nacional», «PEI»."""
    nombre_largo: str
    """«Política nacional», «Plan Estratégico Institucional»."""
    estructura: dict[str, str | None]
    """Nivel de la estructura → nivel de su padre (None: el nivel raíz, los objetivos)."""
    indicadores: dict[str, str]
    """Nivel de indicador → nivel del elemento al que pertenece."""
    nombres: dict[str, str]
    """Nivel → qué es, en singular y minúsculas («objetivo estratégico institucional»)."""
    es_plan: bool = False
    """Un plan (PEI, PESEM, PDRC, PDLC): ``sentido``, ``acumulacion`` y el ``nivel`` de un
    indicador pueden quedar vacíos (metodologia.md, sección 12)."""
    sinonimos: tuple[str, ...] = field(default=(), repr=False)
    """Otras formas admitidas en el campo ``instrumento`` («Plan Estratégico Institucional»)."""

    @property
    def objetivo(self) -> str:
        """El nivel raíz: OP, OEI, OES, OER, OED."""
        return next(n for n, padre in self.estructura.items() if padre is None)

    @property
    def indicador_objetivo(self) -> str:
        """El nivel de los indicadores de un objetivo: IOP, IOEI..."""
        return next(n for n, de in self.indicadores.items() if de == self.objetivo)

    @property
    def indicador_accion(self) -> str:
        """El otro nivel de indicador, el de lo que se entrega: ISS (de un servicio), IAEI (de
        una acción estratégica)..."""
        return next(n for n, de in self.indicadores.items() if de != self.objetivo)

    @property
    def accion(self) -> str:
        """El nivel al que pertenecen los indicadores de :attr:`indicador_accion`: SS en una
        política, AEI en un PEI..."""
        return self.indicadores[self.indicador_accion]


def lista_o(palabras) -> str:
    """'OP, LN o SS'."""
    palabras = list(palabras)
    return palabras[0] if len(palabras) == 1 else f"{', '.join(palabras[:-1])} o {palabras[-1]}"


def _plan(clave: str, sigla: str, nombre_largo: str, letras: str, adjetivo: str) -> Instrumento:
    """Un plan: objetivo O+letras y acción A+letras (OEI/AEI), indicadores IOEI/IAEI."""
    objetivo, accion = f"O{letras}", f"A{letras}"
    return Instrumento(
        clave=clave, nombre=sigla, nombre_largo=nombre_largo,
        estructura={objetivo: None, accion: objetivo},
        indicadores={f"I{objetivo}": objetivo, f"I{accion}": accion},
        nombres={objetivo: f"objetivo estratégico {adjetivo}",
                 accion: f"acción estratégica {adjetivo}",
                 f"I{objetivo}": f"indicador de {objetivo}", f"I{accion}": f"indicador de {accion}"},
        es_plan=True, sinonimos=(nombre_largo, f"{nombre_largo} ({sigla})"),
    )


POLITICA = Instrumento(
    clave="politica", nombre="Política nacional", nombre_largo="Política nacional",
    estructura={"OP": None, "LN": "OP", "SS": "LN"},
    indicadores={"IOP": "OP", "ISS": "SS"},
    nombres={"OP": "objetivo prioritario", "LN": "lineamiento", "SS": "servicio",
             "IOP": "indicador de objetivo prioritario", "ISS": "indicador de servicio"},
    sinonimos=("Política",),
)
INSTRUMENTOS: dict[str, Instrumento] = {
    "politica": POLITICA,
    "pei": _plan("pei", "PEI", "Plan Estratégico Institucional", "EI", "institucional"),
    "pesem": _plan("pesem", "PESEM", "Plan Estratégico Sectorial Multianual", "ES", "sectorial"),
    "pdrc": _plan("pdrc", "PDRC", "Plan de Desarrollo Regional Concertado", "ER", "regional"),
    "pdlc": _plan("pdlc", "PDLC", "Plan de Desarrollo Local Concertado", "ED",
                  "de desarrollo local"),
}
"""Clave → instrumento. Los nombres de los niveles viven sólo aquí. Sin campo ``instrumento`` (o
vacío), el libro es de una política nacional (``Ficha.instrumento``)."""


def clave_compacta(texto: Any) -> str:
    """:func:`normalizar` sin ningún espacio: «Política  Nacional» = «politicanacional»; también
    un rótulo de PDF que espacia sus letras («Sec tor» = «sector»)."""
    return normalizar(texto).replace(" ", "")


_POR_TEXTO = {clave_compacta(t): ins for ins in INSTRUMENTOS.values()
              for t in (ins.nombre, ins.clave, *ins.sinonimos)}


def instrumento_de(texto: Any) -> Instrumento | None:
    """El instrumento que nombra el campo ``instrumento`` (sin distinguir mayúsculas, tildes ni
    espacios), o None si no es ninguno."""
    return _POR_TEXTO.get(clave_compacta(texto))


def nombres_instrumentos() -> str:
    """'Política nacional, PEI, PESEM, PDRC o PDLC'."""
    return lista_o(i.nombre for i in INSTRUMENTOS.values())


def instrumento_del_nivel(nivel: str) -> Instrumento | None:
    """El instrumento que usa un nivel (cada nivel es de uno solo)."""
    return next((i for i in INSTRUMENTOS.values()
                 if nivel in i.estructura or nivel in i.indicadores), None)


def columnas(ins: Instrumento | None) -> dict[str, dict[str, bool]]:
    """Las columnas de Politica, Estructura e Indicadores en la plantilla de ``ins``, en orden
    (clave → requerida): las que escribe ``penitencia plantilla`` y exige el lector. Un plan suma
    la prioridad en Estructura, y el valor actual y la unidad ejecutora en Indicadores. Con el
    instrumento sin entender (None: ya es un error), las de un plan, que exigen menos."""
    plan = ins is None or ins.es_plan
    return {HOJA_POLITICA: COLUMNAS_POLITICA,
            HOJA_ESTRUCTURA: COLUMNAS_ESTRUCTURA_PLAN if plan else COLUMNAS_ESTRUCTURA,
            HOJA_INDICADORES: COLUMNAS_INDICADORES_PLAN if plan else COLUMNAS_INDICADORES}


CODIGO_INDICE = "INDICE"
"""Código del índice de gestión en la hoja ``Avance publicado``."""

# --- Celdas de valor ----------------------------------------------------------------------------

ND_TEXTOS = {"", "nd", "n.d.", "-", "—", "s.i.", "s.p."}
"""Textos que significan ND (comparados en minúsculas y sin espacios de borde). S.I.: seguimiento
incompleto; S.P.: sin programación (así los imprime el Anexo B-7 de CEPLAN)."""
ANIO_MIN, ANIO_MAX = 1900, 2100
"""Años admitidos en encabezados y líneas de base."""
MAGNITUD_MAXIMA = 10**15
"""Un valor de celda debe ser menor que esto en valor absoluto: Excel guarda 15 cifras
significativas, y un indicador con 16 cifras enteras es un error de digitación (1E+26)."""
MAGNITUD_MINIMA = Decimal("1E-15")
"""Un valor distinto de cero debe ser al menos esto en valor absoluto: 1E-25 no es un dato sino
el resto de un cálculo (y como logro esperado daría un avance descomunal). Un ``Decimal``: el
float 10**-15 es un poco mayor que 1E-15 y rechazaba el texto «0.000000000000001»."""


def demasiado_grande(numero) -> bool:
    """¿El número pasa de :data:`MAGNITUD_MAXIMA` en valor absoluto? Con :func:`casi_cero`, la
    única comprobación de magnitud: la usan el lector de libros y el del Anexo B-7 (el libro que
    escribe ``importar`` se lee de vuelta igual)."""
    return abs(numero) >= MAGNITUD_MAXIMA


def casi_cero(numero) -> bool:
    """¿El número es distinto de cero y menor que :data:`MAGNITUD_MINIMA` en valor absoluto?"""
    return bool(numero) and abs(numero) < MAGNITUD_MINIMA

UNIDADES_PORCENTAJE = ("porcentaje", "porcentual", "%")
"""Una ``unidad`` (columna de Indicadores) que contiene alguno de estos textos, sin distinguir
mayúsculas, es un porcentaje: «Porcentaje», «%», «Porcentaje (%)», «Tasa porcentual»."""


@lru_cache(maxsize=1024)
def es_unidad_porcentaje(unidad: str | None) -> bool:
    """¿La unidad de un indicador es un porcentaje? (contiene, sin mayúsculas, uno de
    :data:`UNIDADES_PORCENTAJE`). La única regla: la usan el lector (una celda con formato de
    porcentaje), las observaciones de calidad y cómo se escribe un valor ('24%'). Recordada: las
    unidades se repiten en miles de indicadores."""
    texto = (unidad or "").casefold()
    return any(u in texto for u in UNIDADES_PORCENTAJE)
