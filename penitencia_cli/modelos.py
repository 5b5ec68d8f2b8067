"""Modelos del dominio (Pydantic v2). Sin E/S: ni archivos, ni consola.

La matriz de una política: objetivos prioritarios (OP), lineamientos (LN), servicios (SS) e
indicadores de OP (IOP) y de servicio (ISS) con sus series anuales de logros esperados y valores
obtenidos. Los valores son ``Decimal`` exactos; ``None`` es ND (no disponible).

Cada elemento puede llevar su ``ubicacion`` (hoja y celda de donde salió) para que cualquier
problema se informe con la celda exacta.
"""

from __future__ import annotations

from decimal import Decimal
from enum import Enum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from .contrato import NIVEL_PADRE, NIVEL_PERTENENCIA
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


class Politica(BaseModel):
    nombre: str
    sector: str | None = None
    ministerio_conductor: str | None = None
    tipo: str | None = None


class _Elemento(BaseModel):
    codigo: str = Field(min_length=1)
    enunciado: str = ""
    ubicacion: Ubicacion | None = Field(default=None, exclude=True, repr=False)


class ObjetivoPrioritario(_Elemento):
    nivel: Literal["OP"] = "OP"
    padre: None = None


class Lineamiento(_Elemento):
    nivel: Literal["LN"] = "LN"
    padre: str


class Servicio(_Elemento):
    nivel: Literal["SS"] = "SS"
    padre: str


ElementoEstructura = ObjetivoPrioritario | Lineamiento | Servicio

class Indicador(BaseModel):
    codigo: str = Field(min_length=1)
    nivel: Literal["IOP", "ISS"]
    pertenece_a: str
    nombre: str = ""
    responsable: str | None = None
    tipo: str | None = None
    sentido: Sentido
    acumulacion: Acumulacion
    unidad: str | None = None
    lb_anio: int | None = None
    lb_valor: Valor = None
    logros_esperados: dict[int, Valor] = Field(default_factory=dict)
    valores_obtenidos: dict[int, Valor] = Field(default_factory=dict)
    ubicacion: Ubicacion | None = Field(default=None, exclude=True, repr=False)
    celdas_le: dict[int, str] = Field(default_factory=dict, exclude=True, repr=False)
    celdas_vo: dict[int, str] = Field(default_factory=dict, exclude=True, repr=False)

    def le(self, anio: int) -> Valor:
        """Logro esperado del año (ND si no lo hay)."""
        return self.logros_esperados.get(anio)

    def vo(self, anio: int) -> Valor:
        """Valor obtenido del año (ND si no lo hay)."""
        return self.valores_obtenidos.get(anio)


def problemas_de_estructura(
    estructura: list[ElementoEstructura], indicadores: list[Indicador]
) -> list[Problema]:
    """Validación de dominio: códigos únicos, padres que existen y son del nivel correcto.

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
    for elem in estructura:
        if elem.codigo in niveles:
            problema(elem, f"El código {elem.codigo} está repetido en la estructura.")
        else:
            niveles[elem.codigo] = elem.nivel
    for elem in estructura:
        esperado = NIVEL_PADRE.get(elem.nivel)
        if esperado is None:
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
        esperado = NIVEL_PERTENENCIA[ind.nivel]
        nivel = niveles.get(ind.pertenece_a)
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
    """Una política completa, lista para calcular."""

    politica: Politica
    estructura: list[ElementoEstructura] = Field(default_factory=list)
    indicadores: list[Indicador] = Field(default_factory=list)
    avance_publicado: dict[str, dict[int, Valor]] = Field(default_factory=dict)
    """Avance impreso en un reporte publicado: código (indicador, OP o ``INDICE``) → año → valor."""
    celdas_publicado: dict[str, dict[int, str]] = Field(default_factory=dict, exclude=True,
                                                        repr=False)
    """Celda de cada avance publicado en la hoja ``Avance publicado``: código → año → "C7"."""
    observaciones_lectura: list[Problema] = Field(default_factory=list, exclude=True)
    """Notas del lector que no impiden calcular (hojas o columnas de más, etc.)."""

    @model_validator(mode="after")
    def _estructura_coherente(self) -> "Matriz":
        problemas = problemas_de_estructura(self.estructura, self.indicadores)
        if problemas:
            raise ErrorDeDatos(problemas)
        return self

    @property
    def objetivos(self) -> list[ObjetivoPrioritario]:
        return [e for e in self.estructura if isinstance(e, ObjetivoPrioritario)]

    @property
    def anios(self) -> list[int]:
        """Años que el libro tiene (en logros esperados o valores obtenidos), ordenados."""
        anios: set[int] = set()
        for ind in self.indicadores:
            anios.update(ind.logros_esperados)
            anios.update(ind.valores_obtenidos)
        return sorted(anios)
