"""Resultados → estructuras simples (dict, filas) que comparten el JSON, el CSV y el xlsx.

Un solo lugar decide qué campos y con qué formato sale cada figura (los textos, en
:mod:`.formato`): los exportadores y la salida por pantalla sólo cambian la forma.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from ..errores import Severidad
from ..reglas.agregados import ResultadoAgregado, ResultadoAnio, ResultadoIndicador
from ..reglas.alertas import GRUPOS_ALERTA, Alerta, Alertas, GrupoAlerta, clave_grupo
from ..reglas.cifras import texto_valor
from ..reglas.comparacion import Comparacion, Evolucion, Movimiento, Transicion
from ..reglas.conciliacion import Conciliacion
from ..reglas.consulta import CalculoAvance
from ..reglas.franjas import redondear
from ..reglas.metodologia import FRANJAS, Perfil
from ..reglas.proyeccion import ClaseProyeccion, Proyeccion
from .formato import (
    avance_json,
    linea_tendencia,
    mayuscula,
    nivel_de_solo,
    numero,
    rotulos_alerta,
    texto_avance,
    texto_proyectado,
)


def resumen_json(resultado: ResultadoAnio) -> dict[str, dict[str, int]]:
    return {
        grupo: {f.value: cuenta[f] for f in FRANJAS}
        for grupo, cuenta in resultado.resumen.items()
    }


def agregado_json(agregado: ResultadoAgregado) -> dict[str, Any]:
    return {
        "avance": avance_json(agregado.valor, agregado.perfil),
        "franja": agregado.franja.value,
        "con_dato": agregado.con_dato,
        "total": agregado.total,
    }


def _valor_de(enum) -> str | None:
    """``Sentido.ASCENDENTE`` → 'Ascendente'; None (acumulación vacía de un plan) → None."""
    return None if enum is None else enum.value


def indicador_json(r: ResultadoIndicador) -> dict[str, Any]:
    ind = r.indicador
    perfil = r.avance.perfil
    documento = {
        "codigo": ind.codigo,
        "nivel": ind.nivel,
        "pertenece_a": ind.pertenece_a,
        "op": r.objetivo,
        "nombre": ind.nombre,
        "sentido": _valor_de(ind.sentido),
        "acumulacion": _valor_de(ind.acumulacion),
        "unidad": ind.unidad,
        "logro_esperado": numero(r.le),
        "valor_obtenido": numero(r.vo),
        "avance": avance_json(r.avance.valor, perfil),
        "franja": r.franja.value,
        "avance_publicado": numero(r.publicado),
        "observaciones": list(r.observaciones),
    }
    if perfil.instrumento.es_plan:
        documento["sentido_inferido"] = ind.sentido_inferido
    if perfil.truncar_en is not None:
        documento["avance_sin_tope"] = avance_json(r.avance.valor_sin_truncar, perfil)
    return documento


def instrumento_json(perfil: Perfil) -> dict[str, Any]:
    """El instrumento de un plan y las reglas de su perfil que cambian las cifras (las claves
    ``tope_indicador`` y ``nota_tope`` son el truncamiento del perfil)."""
    ins = perfil.instrumento
    return {"clave": ins.clave, "nombre": ins.nombre, "nombre_largo": ins.nombre_largo,
            "metodologia": perfil.version, "decimales": perfil.decimales,
            "tope_indicador": numero(perfil.truncar_en), "nota_tope": perfil.nota_truncado}


def documento_avance(resultado: ResultadoAnio) -> dict[str, Any]:
    """El documento JSON de ``penitencia avance`` (contrato estable; se admiten claves extra).

    Un plan (PEI...) añade ``instrumento``, ``entidad`` y ``periodo`` en ``politica``,
    ``acciones`` (avance de cada acción estratégica) y, en cada indicador, ``sentido_inferido``
    y ``avance_sin_tope``; sus grupos de ``resumen`` se nombran con sus niveles."""
    pol = resultado.matriz.ficha
    perfil = resultado.perfil
    politica = {
        "nombre": pol.nombre,
        "sector": pol.sector,
        "ministerio_conductor": pol.ministerio_conductor,
        "tipo": pol.tipo,
    }
    documento: dict[str, Any] = {"politica": politica}
    if perfil.instrumento.es_plan:
        politica.update(entidad=pol.entidad, periodo=pol.periodo)
        documento["instrumento"] = instrumento_json(perfil)
    documento.update({
        "anio": resultado.anio,
        "tope": numero(resultado.tope),
        "indice_gestion": agregado_json(resultado.indice),
        "resumen": resumen_json(resultado),
        "objetivos": [
            {"codigo": o.codigo, "enunciado": o.enunciado, **agregado_json(o)}
            for o in resultado.objetivos
        ],
    })
    if perfil.agrega_acciones:
        documento["acciones"] = [
            {"codigo": a.codigo, "enunciado": a.enunciado, "objetivo": a.padre,
             **agregado_json(a)} for a in resultado.acciones
        ]
    documento["indicadores"] = [indicador_json(r) for r in resultado.indicadores]
    return documento


COLUMNAS_INDICADORES = [
    "codigo", "nivel", "pertenece_a", "op", "nombre", "sentido", "acumulacion",
    "logro_esperado", "valor_obtenido", "avance", "franja", "observaciones",
]


def filas_indicadores(resultado: ResultadoAnio) -> list[list[Any]]:
    """La tabla de indicadores para CSV: valores exactos, avance con los decimales del perfil."""
    filas = []
    for r in resultado.indicadores:
        ind = r.indicador
        filas.append([
            ind.codigo, ind.nivel, ind.pertenece_a, r.objetivo or "", ind.nombre,
            _valor_de(ind.sentido) or "", _valor_de(ind.acumulacion) or "", _celda(r.le),
            _celda(r.vo),
            "" if r.avance.mostrado is None else str(r.avance.mostrado), r.franja.value,
            " | ".join(r.observaciones),
        ])
    return filas


def _celda(valor: Decimal | None) -> str:
    return "" if valor is None else texto_valor(valor, miles=False)


def filas_resumen(resultado: ResultadoAnio) -> list[list[Any]]:
    """Tabla de conteos por franja (como el encabezado del reporte) y el índice de gestión."""
    perfil = resultado.perfil
    encabezado = ["grupo", *(perfil.etiquetas[f] for f in FRANJAS), "avance", "franja"]
    filas: list[list[Any]] = [encabezado]
    grupos = perfil.grupos
    for grupo, cuenta in resultado.resumen.items():
        filas.append([grupos[grupo], *(cuenta[f] for f in FRANJAS), "", ""])
    ind = resultado.indice
    filas.append([ind.enunciado, "", "", "", "", texto_avance(ind.valor, ind.perfil),
                  perfil.etiquetas[ind.franja]])
    return filas


def alerta_json(a: Alerta) -> dict[str, Any]:
    datos: dict[str, Any] = {
        "grupo": clave_grupo(a.grupo, a.perfil),
        "codigo": a.codigo,
        "nombre": a.nombre,
        "nivel": a.nivel,
        "mensaje": a.mensaje,
        "unidad": a.unidad,
        "logro_esperado": numero(a.logro_esperado),
        "valor_obtenido": numero(a.valor_obtenido),
        "avance": avance_json(a.avance, a.perfil),
    }
    if a.grupo is GrupoAlerta.RETROCESO:
        datos["anio_anterior"] = a.anio_anterior
        datos["valor_anterior"] = numero(a.valor_anterior)
    if a.grupo is GrupoAlerta.AVANCE_LIMITADO:
        datos["umbral"] = None if a.umbral is None else float(a.umbral)
    return datos


def documento_alertas(alertas: Alertas) -> dict[str, Any]:
    """El documento JSON de ``penitencia alertas`` (grupos con los niveles del instrumento)."""
    perfil = alertas.perfil
    return {
        "anio": alertas.anio,
        "umbral_avance_limitado": float(alertas.umbral),
        "conteo": {clave_grupo(g, perfil): len(alertas.del_grupo(g)) for g in GRUPOS_ALERTA},
        "alertas": [alerta_json(a) for a in alertas],
    }


COLUMNAS_ALERTAS = ["Grupo", "Código", "Indicador", "Logro esperado", "Valor obtenido",
                    "Avance", "Año anterior", "Valor anterior", "Alerta"]


def filas_alertas(alertas: Alertas) -> list[list[Any]]:
    """Tabla de alertas (xlsx): valores como números; el avance con los decimales del perfil."""
    rotulos = rotulos_alerta(alertas.perfil)
    return [
        [rotulos[a.grupo], a.codigo, a.nombre, a.logro_esperado, a.valor_obtenido,
         redondear(a.avance, a.perfil), a.anio_anterior, a.valor_anterior, mayuscula(a.hecho)]
        for a in alertas
    ]


def documento_conciliacion(conc: Conciliacion) -> dict[str, Any]:
    """El documento JSON de ``penitencia verificar`` (con la tolerancia del perfil del libro)."""
    return {
        "anio": conc.anio,
        "tolerancia": numero(conc.tolerancia),
        "comparados": conc.comparados,
        "coinciden": conc.comparados - len(conc.diferencias),
        "diferencias": [
            {
                "codigo": d.codigo,
                "tipo": d.tipo,
                "nombre": d.nombre,
                "publicado": numero(d.publicado),
                "calculado": avance_json(d.calculado, conc.perfil),
                "diferencia": avance_json(d.diferencia, conc.perfil),
                "causa": d.causa,
                "detalle": d.detalle,
            }
            for d in conc.diferencias
        ],
    }


def proyeccion_json(p: Proyeccion) -> dict[str, Any]:
    return {
        "clase": p.clase.value,
        "anio_final": p.anio_final,
        "meta": numero(p.meta),
        "valor_proyectado": numero(p.valor),
        "avance_proyectado": avance_json(p.avance, p.perfil),
        "pendiente_anual": numero(p.pendiente),
        "ultimo_anio": p.ultimo_anio,
        "ultimo_valor": numero(p.ultimo_valor),
        "valores_usados": len(p.puntos),
        "motivo": p.motivo,
    }


def conteo_proyecciones(proyecciones: dict[str, Proyeccion]) -> dict[str, int]:
    cuenta = {c.value: 0 for c in ClaseProyeccion}
    for p in proyecciones.values():
        cuenta[p.clase.value] += 1
    return cuenta


def _tipo2_json(r2: ResultadoAnio) -> dict[str, Any]:
    return {
        "indice_gestion": agregado_json(r2.indice),
        "resumen": resumen_json(r2),
        "objetivos": [{"codigo": o.codigo, **agregado_json(o)} for o in r2.objetivos],
        "indicadores": [
            {"codigo": r.codigo, "linea_base": numero(r.indicador.lb_valor),
             "avance": avance_json(r.avance.valor, r.avance.perfil), "franja": r.franja.value,
             "observaciones": list(r.observaciones)}
            for r in r2.indicadores
        ],
    }


def documento_avance_ampliado(
    resultado: ResultadoAnio,
    *,
    tipo2: ResultadoAnio | None = None,
    sin_tope: ResultadoAnio | None = None,
    proyecciones: dict[str, Proyeccion] | None = None,
) -> dict[str, Any]:
    """El documento de ``avance`` con las claves que añaden ``--tipo``, ``--desde``, ``--tope`` y
    ``--proyeccion``. Las claves del contrato son siempre del avance Tipo I (del año o del
    periodo); sin esas opciones es idéntico a :func:`documento_avance`."""
    documento = documento_avance(resultado)
    if resultado.desde is not None:
        documento["periodo"] = {"desde": resultado.desde, "hasta": resultado.anio}
        for d, r in zip(documento["indicadores"], resultado.indicadores):
            d["anios_usados"] = list(r.usados)
            d["anios_excluidos"] = list(r.excluidos)
    if sin_tope is not None:
        documento["indice_sin_tope"] = agregado_json(sin_tope.indice)
        for d, o in zip(documento["objetivos"], sin_tope.objetivos):
            d["avance_sin_tope"] = avance_json(o.valor, o.perfil)
    if tipo2 is not None:
        documento["tipo2"] = _tipo2_json(tipo2)
    if proyecciones is not None:
        anio_final = next((p.anio_final for p in proyecciones.values()), None)
        documento["proyeccion"] = {
            "anio_final": anio_final,
            "valores_hasta": resultado.anio,
            "conteo": conteo_proyecciones(proyecciones),
        }
        for d in documento["indicadores"]:
            d["proyeccion"] = proyeccion_json(proyecciones[d["codigo"]])
    return documento


def documento_evolucion(ev: Evolucion) -> dict[str, Any]:
    """El documento JSON de ``penitencia evolucion``."""
    documento: dict[str, Any] = {"codigo": ev.codigo, "clase": ev.clase, "nombre": ev.nombre}
    anios = []
    for f in ev.anios:
        fila: dict[str, Any] = {"anio": f.anio}
        if ev.indicador is not None:
            fila.update(logro_esperado=numero(f.le), valor_obtenido=numero(f.vo))
        fila.update(avance_tipo1=avance_json(f.tipo1.valor, ev.perfil),
                    franja=f.tipo1.franja.value,
                    avance_tipo2=avance_json(f.tipo2.valor, ev.perfil),
                    franja_tipo2=f.tipo2.franja.value)
        if ev.indicador is not None:
            fila["observaciones"] = [*f.tipo1.observaciones, *f.tipo2.observaciones]
        else:
            fila.update(con_dato=f.con_dato, total=f.total)
        anios.append(fila)
    if ev.indicador is not None:
        ind = ev.indicador
        documento.update(
            nivel=ind.nivel, pertenece_a=ind.pertenece_a, op=ev.objetivo,
            sentido=_valor_de(ind.sentido), acumulacion=_valor_de(ind.acumulacion),
            unidad=ind.unidad, linea_base={"anio": ind.lb_anio, "valor": numero(ind.lb_valor)},
        )
        if ev.perfil.instrumento.es_plan:
            documento["sentido_inferido"] = ind.sentido_inferido
    documento["anios"] = anios
    tendencia = {"avance_tipo1": linea_tendencia([f.tipo1.valor for f in ev.anios])}
    if ev.indicador is not None:
        tendencia = {"valor_obtenido": linea_tendencia([f.vo for f in ev.anios]),
                     "logro_esperado": linea_tendencia([f.le for f in ev.anios]), **tendencia}
        documento["proyeccion"] = proyeccion_json(ev.proyeccion)
    else:
        documento["proyecciones"] = [{"codigo": c, **proyeccion_json(p)}
                                     for c, p in ev.proyecciones.items()]
    documento["tendencia"] = tendencia
    return documento


def transicion_json(t: Transicion) -> dict[str, Any]:
    return {
        "codigo": t.codigo,
        "nivel": t.nivel,
        "nombre": t.nombre,
        "avance_inicial": avance_json(t.inicial, t.perfil),
        "avance_final": avance_json(t.final, t.perfil),
        "franja_inicial": t.franja_inicial.value,
        "franja_final": t.franja_final.value,
    }


def documento_comparacion(c: Comparacion) -> dict[str, Any]:
    """El documento JSON de ``penitencia comparar``."""
    variacion = c.variacion_indice
    return {
        "anio_inicial": c.inicial.anio,
        "anio_final": c.final.anio,
        "indice_gestion": {
            "inicial": agregado_json(c.inicial.indice),
            "final": agregado_json(c.final.indice),
            "variacion": None if variacion is None else float(variacion),
        },
        "resumen": {
            grupo: {f.value: {"inicial": a, "final": b, "variacion": b - a}
                    for f, (a, b) in cuentas.items()}
            for grupo, cuentas in c.conteos.items()
        },
        "transiciones": {
            mov.value: [transicion_json(t) for t in c.de(mov)]
            for mov in Movimiento if mov is not Movimiento.IGUAL
        },
        "sin_cambio": len(c.de(Movimiento.IGUAL)),
    }


COLUMNAS_PLAN = ["sentido_inferido", "avance_sin_tope"]
COLUMNAS_AMPLIADAS = ["avance_tipo2", "franja_tipo2", "proyeccion_valor", "proyeccion_clase"]


def filas_indicadores_ampliadas(
    resultado: ResultadoAnio,
    *,
    tipo2: ResultadoAnio | None = None,
    proyecciones: dict[str, Proyeccion] | None = None,
) -> list[list[Any]]:
    """La tabla CSV de indicadores (con encabezado) más las columnas de un plan
    (``sentido_inferido``, ``avance_sin_tope``), de Tipo II y de proyección."""
    plan = resultado.perfil.instrumento.es_plan
    extra = list(COLUMNAS_PLAN) if plan else []
    if tipo2 is not None:
        extra += COLUMNAS_AMPLIADAS[:2]
    if proyecciones is not None:
        extra += COLUMNAS_AMPLIADAS[2:]
    filas: list[list[Any]] = [[*COLUMNAS_INDICADORES, *extra]]
    segundos = {r.codigo: r for r in tipo2.indicadores} if tipo2 is not None else {}
    for fila, r in zip(filas_indicadores(resultado), resultado.indicadores):
        if plan:
            sin_truncar = redondear(r.avance.valor_sin_truncar, r.avance.perfil)
            fila += ["sí" if r.indicador.sentido_inferido else "no",
                     "" if sin_truncar is None else str(sin_truncar)]
        if tipo2 is not None:
            r2 = segundos[r.codigo]
            fila += ["" if r2.avance.mostrado is None else str(r2.avance.mostrado),
                     r2.franja.value]
        if proyecciones is not None:
            p = proyecciones[r.codigo]
            fila += [texto_proyectado(p.valor, ""), p.clase.value]
        filas.append(fila)
    return filas

def problema_json(p) -> dict[str, Any]:
    return {"severidad": p.severidad.value, "hoja": p.hoja, "celda": p.celda, "codigo": p.codigo,
            "mensaje": p.mensaje}


def documento_validacion(archivo: str, problemas: list) -> dict[str, Any]:
    """El documento JSON de ``penitencia validar``: los mismos problemas que la tabla."""
    errores = sum(p.severidad is Severidad.ERROR for p in problemas)
    return {
        "archivo": archivo,
        "errores": errores,
        "observaciones": len(problemas) - errores,
        "problemas": [problema_json(p) for p in problemas],
    }


# --- El pedido de ``avance`` completo -------------------------------------------------------------


def documento_calculo(calculo: CalculoAvance) -> dict[str, Any]:
    """El documento JSON de ``penitencia avance`` para un pedido (con sus ampliaciones)."""
    documento = documento_avance_ampliado(calculo.tipo1, tipo2=calculo.tipo2,
                                          sin_tope=calculo.sin_tope,
                                          proyecciones=calculo.proyecciones)
    if calculo.sin_tope2 is not None:
        documento["tipo2"]["indice_sin_tope"] = agregado_json(calculo.sin_tope2.indice)
    for d in documento["indicadores"]:
        d["calidad"] = [calidad_json(p) for p in calculo.calidad.get(d["codigo"], ())]
    documento["calidad"] = {
        "observaciones": sum(len(lista) for lista in calculo.calidad.values()),
        "notas": list(calculo.notas),
    }
    return documento


def calidad_json(p) -> dict[str, Any]:
    """Una observación de calidad de un indicador: dónde (hoja y celda) y qué."""
    return {"hoja": p.hoja, "celda": p.celda, "mensaje": p.mensaje}


SOLO_OP = "op"
"""``--solo op``: la tabla de objetivos; "iop" e "iss" filtran la de indicadores."""
SOLO_CONTEOS = "conteos"
"""``--solo conteos``: los conteos por franja y el índice de gestión."""


def filas_csv_avance(calculo: CalculoAvance, solo: str | None = None) -> list[list]:
    """El CSV de ``avance`` (``--formato csv`` y ``--exportar x.csv``): indicadores (todos, sólo
    IOP o sólo ISS; con las columnas de Tipo II y proyección si se pidieron), objetivos
    (``solo="op"``) o los conteos por franja con el índice (``solo="conteos"``)."""
    resultado = calculo.tipo1
    if solo == SOLO_CONTEOS:
        return filas_resumen(resultado)
    if solo == SOLO_OP:  # en un plan, los objetivos y luego las acciones
        return [["codigo", "enunciado", "avance", "franja", "con_dato", "total"],
                *([o.codigo, o.enunciado, "" if o.mostrado is None else str(o.mostrado),
                   o.franja.value, o.con_dato, o.total]
                  for o in [*resultado.objetivos, *resultado.acciones])]
    encabezado, *filas = filas_indicadores_ampliadas(resultado, tipo2=calculo.tipo2,
                                                      proyecciones=calculo.proyecciones)
    if solo is not None:
        nivel = nivel_de_solo(solo, resultado.perfil)
        filas = [f for f in filas if f[1] == nivel]
    return [encabezado, *filas]
