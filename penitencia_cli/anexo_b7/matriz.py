"""Un Anexo B-7 leído (:class:`~.resultado.AnexoB7`) → ``modelos.Matriz`` de un PEI.

- La ficha: instrumento PEI, sector, nivel de gobierno, entidad (el pliego), periodo y un nombre
  armado con ellos («Plan Estratégico Institucional 2020-2025 — INSTITUTO GEOFISICO DEL PERU»).
- La estructura: cada OEI y cada AEI con su enunciado y su prioridad; cada AEI cuelga del OEI
  que imprime su título (el lector comprueba que es el impreso antes).
- Los indicadores con su código tal como está impreso, su nombre, su unidad (el parámetro de
  medición), su línea de base, su valor actual, sus logros esperados y valores obtenidos por año,
  su unidad ejecutora (``ue``) y su unidad orgánica (``responsable``); sin sentido (el perfil PEI
  lo infiere de los logros esperados) ni acumulación. Una celda ND o en blanco es ND.
- El AVANCE (%) impreso de cada año va a ``avance_publicado``, para que ``verificar`` compare
  cada cifra impresa con la calculada. Un ND impreso, o una celda en blanco, es ND publicado:
  como en la hoja ``Avance publicado`` de la plantilla (una celda vacía es ND), así el libro que
  escribe ``importar`` se lee de vuelta a esta misma matriz.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..contrato import INSTRUMENTOS
from ..errores import ErrorDeDatos
from ..modelos import Elemento, Ficha, Indicador, Matriz, Ubicacion
from .lectura import HOJA, leer_anexo
from .resultado import AnexoB7, Celda

PEI = INSTRUMENTOS["pei"]


def nombre_del_plan(anexo: AnexoB7) -> str:
    """«Plan Estratégico Institucional 2020-2025 — INSTITUTO GEOFISICO DEL PERU» (el pliego sin
    su número; si falta, sólo el periodo)."""
    entidad = re.sub(r"^\s*\d+\s*-\s*", "", anexo.pliego).strip()
    desde, hasta = anexo.periodo
    nombre = f"{PEI.nombre_largo} {desde}-{hasta}"
    return f"{nombre} — {entidad}" if entidad else nombre


def _anio(celda: Celda) -> int | None:
    return int(celda.valor) if celda.valor is not None else None


def matriz_de(anexo: AnexoB7) -> Matriz:
    """La matriz de un PEI con todo lo que el Anexo imprime. Lanza ``ErrorDeDatos`` si la
    estructura no es coherente (códigos repetidos, un indicador de un bloque que no existe)."""
    desde, hasta = anexo.periodo
    ficha = Ficha(nombre=nombre_del_plan(anexo), instrumento=PEI.clave,
                  sector=anexo.sector or None, entidad=anexo.pliego or None,
                  periodo=f"{desde}-{hasta}", nivel_gobierno=anexo.nivel_gobierno or None)
    estructura = []
    for e in anexo.elementos:
        ubicacion = Ubicacion(hoja=HOJA.format(e.pagina), celda="")
        if e.nivel == "OEI":
            estructura.append(Elemento(codigo=e.codigo, nivel=PEI.objetivo, enunciado=e.enunciado,
                                       prioridad=e.prioridad, ubicacion=ubicacion))
        else:
            estructura.append(Elemento(codigo=e.codigo, nivel=PEI.accion, padre=e.padre,
                                       enunciado=e.enunciado, prioridad=e.prioridad,
                                       ubicacion=ubicacion))
    indicadores = []
    publicado = {}
    for i in anexo.indicadores:
        nivel = PEI.indicador_objetivo if i.nivel == "OEI" else PEI.indicador_accion
        indicadores.append(Indicador(
            codigo=i.codigo, nivel=nivel, pertenece_a=i.pertenece_a, nombre=i.nombre,
            unidad=i.unidad or None, lb_anio=_anio(i.lb_anio), lb_valor=i.lb_valor.valor,
            actual_anio=_anio(i.actual_anio), actual_valor=i.actual_valor.valor,
            responsable=i.unidad_organica or None, ue=i.ue or None,
            logros_esperados={a: c.valor for a, c in i.logros.items()},
            valores_obtenidos={a: c.valor for a, c in i.obtenidos.items()},
            ubicacion=Ubicacion(hoja=HOJA.format(i.pagina), celda="")))
        if i.avances:
            publicado[i.codigo] = {a: c.valor for a, c in i.avances.items()}
    return Matriz(ficha=ficha, estructura=estructura, indicadores=indicadores,
                  avance_publicado=publicado)


def importar_anexo(ruta: Path) -> Matriz:
    """El PDF de un Anexo B-7 → la matriz de su PEI (:func:`~.lectura.leer_anexo` y
    :func:`matriz_de`): lo que hacen ``penitencia importar`` y los comandos que reciben el PDF con
    ``-a``. Lanza ``ErrorDeDatos`` con todos los problemas y el PDF por origen («El PDF x.pdf
    tiene N problema(s)…»)."""
    try:
        return matriz_de(leer_anexo(ruta))
    except ErrorDeDatos as exc:
        raise ErrorDeDatos(exc.problemas, exc.parcial, origen=f"El PDF {ruta}") from None
