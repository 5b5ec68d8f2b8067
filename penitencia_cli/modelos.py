"""Modelos del dominio (Pydantic v2). Sin E/S: ni archivos, ni consola.

La matriz de una política: objetivos prioritarios (OP), lineamientos (LN), servicios (SS) e
indicadores de OP (IOP) y de servicio (ISS) con sus series anuales de logros esperados y valores
obtenidos; o la de un plan (PEI, PESEM, PDRC, PDLC): objetivos estratégicos (OEI...), acciones
estratégicas (AEI...) y sus indicadores (IOEI, IAEI...). Los niveles de cada instrumento están en
:mod:`penitencia_cli.contrato`. Los valores son ``Decimal`` exactos; ``None`` es ND.

Cada elemento puede llevar su ``ubicacion`` (hoja y celda de donde salió) para que cualquier
problema se informe con la celda exacta.
"""

from __future__ import annotations

from decimal import Decimal
from enum import Enum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from .contrato import INSTRUMENTOS, POLITICA, Instrumento
from .errores import ErrorDeDatos, Severidad

Valor = Decimal | None
"""Un valor de indicador: número exacto, o ``None`` para ND."""

class Sentido(str, Enum):
    ASCENDENTE = "Ascendente"
    DESCENDENTE = "Descendente"


class Acumulacion(str, Enum):
    ACUMULADO = "Acumulado"
    NO_ACUMULADO = "No acumulado"


class Problema(BaseModel):
    """Un problema de los datos: dónde está (hoja, celda), de qué código, y qué pasa."""

    model_config = ConfigDict(frozen=True)

    severidad: Severidad = Severidad.ERROR
    hoja: str | None = None
    celda: str | None = None
    codigo: str | None = None
    mensaje: str

    @property
    def lugar(self) -> str:
        """``Hoja!Celda``, ``Hoja`` o cadena vacía."""
        if self.hoja and self.celda:
            return f"{self.hoja}!{self.celda}"
        return self.hoja or ""

    def __str__(self) -> str:
        partes = [p for p in (self.lugar, self.codigo) if p]
        prefijo = " ".join(f"[{p}]" for p in partes)
        return f"{prefijo} {self.mensaje}".strip()


class Ubicacion(BaseModel):
    """Dónde está un elemento: hoja y celda de su código, y la celda de algunos campos."""

    model_config = ConfigDict(frozen=True)

    hoja: str
    celda: str
    campos: dict[str, str] = Field(default_factory=dict)
    """Campo → celda (p. ej. ``{"padre": "C4"}``), para señalar la celda exacta de un problema."""

    def de(self, campo: str | None) -> str:
        return self.campos.get(campo, self.celda) if campo else self.celda


class Ficha(BaseModel):
    """Los datos generales del instrumento (la hoja Politica): su nombre y su clase (política
    nacional o plan), y los campos que lo describen."""

    nombre: str
    instrumento: str = POLITICA.clave
    """Clave del instrumento (``contrato.INSTRUMENTOS``): elige los niveles y el perfil. Sin el
    campo en la hoja, una política nacional (``docs/plantilla.md``)."""
    sector: str | None = None
    ministerio_conductor: str | None = None
    tipo: str | None = None
    entidad: str | None = None
    """Entidad (pliego) de un plan."""
    periodo: str | None = None
    """Periodo de un plan, p. ej. «2020-2026»."""
    nivel_gobierno: str | None = None
    """Nivel de gobierno de un plan, como lo imprime el Anexo B-7 («E - GOBIERNO NACIONAL»)."""

    @model_validator(mode="after")
    def _instrumento_conocido(self) -> "Ficha":
        if self.instrumento not in INSTRUMENTOS:
            raise ValueError(f"Instrumento desconocido: {self.instrumento!r}.")
        return self


NIVELES_DE_ESTRUCTURA = tuple(n for i in INSTRUMENTOS.values() for n in i.estructura)
NIVELES_DE_INDICADOR = tuple(n for i in INSTRUMENTOS.values() for n in i.indicadores)
"""Los niveles que existen (de algún instrumento); cuáles admite un libro lo dice su instrumento
(:func:`problemas_de_estructura`)."""


class Elemento(BaseModel):
    """Un elemento de la estructura: un objetivo (OP, OEI...; sin padre) o un elemento que
    cuelga de otro (LN, SS en una política; AEI en un PEI). Qué nivel cuelga de cuál lo dice el
    instrumento (``contrato.INSTRUMENTOS``)."""

    codigo: str = Field(min_length=1)
    nivel: Literal[NIVELES_DE_ESTRUCTURA]  # type: ignore[valid-type]
    padre: str | None = None
    enunciado: str = ""
    prioridad: int | None = None
    """La prioridad de un objetivo o una acción de un plan (``(Prioridad:1)`` en el Anexo B-7);
    None si no la tiene."""
    ubicacion: Ubicacion | None = Field(default=None, repr=False)


class Indicador(BaseModel):
    codigo: str = Field(min_length=1)
    nivel: Literal[NIVELES_DE_INDICADOR]  # type: ignore[valid-type]
    pertenece_a: str
    nombre: str = ""
    responsable: str | None = None
    tipo: str | None = None
    sentido: Sentido | None = None
    """None sólo en un plan sin sentido declarado: las reglas lo infieren de los logros
    esperados al preparar la matriz (``reglas.sentido.preparar``)."""
    sentido_inferido: bool = False
    """El sentido no estaba en el libro: se infirió de los logros esperados."""
    acumulacion: Acumulacion | None = None
    """None sólo en un plan: el avance de un periodo (``--desde``) es entonces ND."""
    unidad: str | None = None
    lb_anio: int | None = None
    lb_valor: Valor = None
    actual_anio: int | None = None
    """Año del valor actual de un plan (VALOR ACTUAL del Anexo B-7): el último medido antes del
    periodo. Sólo se guarda y se muestra; no entra en ningún cálculo."""
    actual_valor: Valor = None
    ue: str | None = None
    """La unidad ejecutora de un indicador de un plan («000084-INSTITUTO GEOFISICO DEL PERU»);
    ``responsable`` es entonces la unidad orgánica responsable."""
    logros_esperados: dict[int, Valor] = Field(default_factory=dict)
    valores_obtenidos: dict[int, Valor] = Field(default_factory=dict)
    ubicacion: Ubicacion | None = Field(default=None, repr=False)
    celdas_le: dict[int, str] = Field(default_factory=dict, repr=False)
    """Año → celda de su logro esperado en la hoja Logros esperados («G5»)."""
    celdas_vo: dict[int, str] = Field(default_factory=dict, repr=False)
    """Año → celda de su valor obtenido en la hoja Valores obtenidos."""

    def le(self, anio: int) -> Valor:
        """Logro esperado del año (ND si no lo hay)."""
        return self.logros_esperados.get(anio)

    def vo(self, anio: int) -> Valor:
        """Valor obtenido del año (ND si no lo hay)."""
        return self.valores_obtenidos.get(anio)


def problemas_de_estructura(
    estructura: list[Elemento], indicadores: list[Indicador], instrumento: Instrumento,
) -> list[Problema]:
    """Validación de dominio: niveles del instrumento, códigos únicos, un objetivo sin padre y
    los demás con un padre que existe y es del nivel correcto; en una política, sentido y
    acumulación declarados.

    Es la única implementación de estas reglas: la usa el validador de ``Matriz`` y el lector
    (que así informa la celda de cada elemento).
    """
    problemas: list[Problema] = []

    def problema(elem, mensaje: str, campo: str | None = None) -> None:
        ub = elem.ubicacion
        problemas.append(
            Problema(
                hoja=ub.hoja if ub else None,
                celda=ub.de(campo) if ub else None,
                codigo=elem.codigo,
                mensaje=mensaje,
            )
        )

    niveles: dict[str, str] = {}
    for elem in [*estructura, *indicadores]:
        if elem.nivel not in instrumento.estructura and elem.nivel not in instrumento.indicadores:
            problema(elem, f"El nivel {elem.nivel} no es de un instrumento "
                           f"{instrumento.nombre} (campo instrumento de la hoja Politica).")
    for elem in estructura:
        if elem.codigo in niveles:
            problema(elem, f"El código {elem.codigo} está repetido en la estructura.")
        else:
            niveles[elem.codigo] = elem.nivel
    for elem in estructura:
        if elem.nivel not in instrumento.estructura:
            continue  # ya dicho
        esperado = instrumento.estructura[elem.nivel]
        if esperado is None:
            if elem.padre is not None:
                problema(elem, f"Un {elem.nivel} no tiene padre, pero {elem.codigo} tiene "
                               f"{elem.padre!r}.", "padre")
            continue
        if elem.padre is None:
            problema(elem, f"Falta el padre de {elem.codigo} ({elem.nivel}).", "padre")
            continue
        nivel_padre = niveles.get(elem.padre)
        if nivel_padre is None:
            problema(elem, f"El padre {elem.padre!r} de {elem.codigo} no existe en la estructura.",
                     "padre")
        elif nivel_padre != esperado:
            problema(
                elem,
                f"El padre {elem.padre} de {elem.codigo} es {nivel_padre}; un {elem.nivel} "
                f"debe colgar de un {esperado}.",
                "padre",
            )
    vistos: set[str] = set()
    for ind in indicadores:
        if ind.codigo in vistos or ind.codigo in niveles:
            problema(ind, f"El código {ind.codigo} está repetido.")
        vistos.add(ind.codigo)
        if not instrumento.es_plan and (ind.sentido is None or ind.acumulacion is None):
            falta = "el sentido" if ind.sentido is None else "la acumulación"
            problema(ind, f"Falta {falta} de {ind.codigo}: en una política nacional es "
                          "obligatorio.")
        esperado = instrumento.indicadores.get(ind.nivel)
        nivel = niveles.get(ind.pertenece_a)
        if esperado is None:
            continue
        if nivel is None:
            problema(
                ind,
                f"pertenece_a {ind.pertenece_a!r} de {ind.codigo} no existe en la estructura.",
                "pertenece_a",
            )
        elif nivel != esperado:
            problema(
                ind,
                f"pertenece_a {ind.pertenece_a} de {ind.codigo} es {nivel}; un indicador "
                f"{ind.nivel} debe pertenecer a un {esperado}.",
                "pertenece_a",
            )
    return problemas


class Matriz(BaseModel):
    """Un libro leído: la ficha del instrumento (política o plan), su estructura, sus indicadores
    y el avance publicado. Se serializa entera (``model_dump_json``) y se valida de vuelta igual."""

    ficha: Ficha
    estructura: list[Elemento] = Field(default_factory=list)
    indicadores: list[Indicador] = Field(default_factory=list)
    avance_publicado: dict[str, dict[int, Valor]] = Field(default_factory=dict)
    """Avance impreso en un reporte publicado: código (indicador, OP o ``INDICE``) → año → valor."""
    celdas_publicado: dict[str, dict[int, str]] = Field(default_factory=dict, repr=False)
    """Celda de cada avance publicado en la hoja ``Avance publicado``: código → año → "C7"."""
    observaciones_lectura: list[Problema] = Field(default_factory=list, repr=False)
    """Notas del lector que no impiden calcular (hojas o columnas de más, etc.)."""

    @model_validator(mode="after")
    def _estructura_coherente(self) -> "Matriz":
        problemas = problemas_de_estructura(self.estructura, self.indicadores, self.instrumento)
        if problemas:
            raise ErrorDeDatos(problemas)
        return self

    @property
    def instrumento(self) -> Instrumento:
        """El instrumento del libro (política nacional, PEI...): sus niveles."""
        return INSTRUMENTOS[self.ficha.instrumento]

    @property
    def objetivos(self) -> list[Elemento]:
        """Los elementos del nivel raíz: OP de una política, OEI de un PEI..."""
        raiz = self.instrumento.objetivo
        return [e for e in self.estructura if e.nivel == raiz]

    @property
    def acciones(self) -> list[Elemento]:
        """Las acciones estratégicas de un plan (AEI...); en una política, ninguna."""
        if not self.instrumento.es_plan:
            return []
        accion = self.instrumento.accion
        return [e for e in self.estructura if e.nivel == accion]

    @property
    def anios(self) -> list[int]:
        """Años que el libro tiene (en logros esperados o valores obtenidos), ordenados."""
        anios: set[int] = set()
        for ind in self.indicadores:
            anios.update(ind.logros_esperados)
            anios.update(ind.valores_obtenidos)
        return sorted(anios)
