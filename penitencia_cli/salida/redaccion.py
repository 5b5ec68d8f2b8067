"""Borrador en markdown de la sección «ALERTAS IDENTIFICADAS» del reporte de seguimiento.

Redactado como el reporte publicado (párrafos a., b., c., d., indicadores con su código y su
nombre entre comillas, cifras con su año), con los motivos que el programa no puede saber entre
corchetes, para que el analista los complete.
"""

from __future__ import annotations

from pathlib import Path

from ..modelos import Sentido
from ..reglas.alertas import Alerta, Alertas, GrupoAlerta
from ..reglas.cifras import texto_valor
from .formato import texto_avance

PENDIENTE = "[completar: motivo]"


def _nombre(a: Alerta) -> str:
    return f"“{a.nombre.strip().rstrip('.')}”"


def _pct(a: Alerta) -> str:
    """Un avance en la prosa, con coma de miles como toda cifra del reporte: «1,666.7%»."""
    return f"{texto_avance(a.avance, a.perfil)}%"


def enumerar(partes: list[str], separador: str = "; ") -> str:
    """'a; b; y, c' como el reporte ('e,' delante de un código que empieza por I)."""
    if not partes:
        return ""
    if len(partes) == 1:
        return partes[0]
    ultimo = partes[-1]
    conjuncion = "e" if ultimo[:1] in "IiÍí" else "y"
    if separador.strip() == ";":  # 'a; b; y, c' (como el reporte); con comas: 'a, b y c'
        return f"{separador.join(partes[:-1])}{separador}{conjuncion}, {ultimo}"
    return f"{separador.join(partes[:-1])} {conjuncion} {ultimo}"


def _sin_dato(a: Alerta) -> str:
    if a.logro_esperado is None and a.valor_obtenido is None:
        falta = f"sin logro esperado ni valor obtenido para {a.anio}"
    elif a.valor_obtenido is None:
        falta = f"sin valor obtenido para {a.anio}"
    else:
        falta = (f"sin logro esperado para {a.anio}; valor obtenido "
                 f"{texto_valor(a.valor_obtenido, a.unidad)}")
    return f"{a.codigo} {_nombre(a)} ({falta}), toda vez que {PENDIENTE}"


def _retroceso(a: Alerta) -> str:
    texto = (f"para {a.codigo} {_nombre(a)} el valor obtenido es "
             f"{texto_valor(a.valor_obtenido, a.unidad)} en {a.anio} "
             f"({texto_valor(a.valor_anterior, a.unidad)} en {a.anio_anterior})")
    if a.avance is not None:
        texto += (f" vs {texto_valor(a.logro_esperado, a.unidad)} de valor esperado, lo que da "
                  f"un avance de {_pct(a)}")
    return texto


def borrador_alertas(alertas: Alertas, origen: str | None = None) -> str:
    """Texto markdown de la sección de alertas del año, agrupada como el reporte, con los
    nombres del instrumento."""
    anio = alertas.anio
    rotulos = alertas.perfil.rotulos
    por_grupo = {g: alertas.del_grupo(g) for g in GrupoAlerta}
    parrafos: list[str] = []

    de_objetivo = por_grupo[GrupoAlerta.SIN_DATO_OBJETIVO]
    if de_objetivo:
        parrafos.append(
            "Siguen presentándose limitaciones en la medición de los indicadores de algunos "
            f"{rotulos.redaccion_objetivos} que, al momento de elaborado el presente reporte, no "
            f"se han logrado medir {PENDIENTE}. De la revisión del reporte de seguimiento se ha "
            "identificado limitaciones en la medición de los siguientes indicadores: "
            + enumerar([_sin_dato(a) for a in de_objetivo]) + "."
        )

    de_accion = por_grupo[GrupoAlerta.SIN_DATO_ACCION]
    if de_accion:
        parrafos.append(
            "De acuerdo a los resultados obtenidos, algunos indicadores de "
            f"{rotulos.redaccion_acciones} no han podido reportarse o alcanzar el logro esperado "
            "por falta de información y/o registro. De la revisión del reporte de seguimiento se "
            "ha identificado limitaciones en la medición de los siguientes indicadores: "
            + enumerar([_sin_dato(a) for a in de_accion]) + "."
        )

    retrocesos = por_grupo[GrupoAlerta.RETROCESO]
    if retrocesos:
        bajan = [a for a in retrocesos if a.sentido is not Sentido.DESCENDENTE]
        suben = [a for a in retrocesos if a.sentido is Sentido.DESCENDENTE]
        anteriores = sorted({a.anio_anterior for a in retrocesos if a.anio_anterior})
        referencia = " y ".join(str(x) for x in anteriores) or str(anio - 1)
        texto = (
            "Se observa que el valor obtenido de los siguientes indicadores ha retrocedido en "
            f"comparación al año {referencia}, por lo que se precisa {PENDIENTE}."
        )
        if bajan:
            texto += (" De la revisión del reporte de seguimiento se ha identificado que "
                      + enumerar([_retroceso(a) for a in bajan]) + ".")
        if suben:
            texto += (" En los indicadores de sentido descendente, el valor obtenido aumentó: "
                      + enumerar([_retroceso(a) for a in suben]) + ".")
        parrafos.append(texto)

    limitados = por_grupo[GrupoAlerta.AVANCE_LIMITADO]
    if limitados:
        umbral = limitados[0].umbral
        parrafos.append(
            "De la revisión del reporte de seguimiento, se ha identificado, además, un limitado "
            f"Avance Tipo I (igual o menor que {umbral}%) en el "
            + enumerar([f"{a.nombre.strip().rstrip('.')} ({a.codigo}, {_pct(a)})"
                        for a in limitados], ", ")
            + f". {PENDIENTE}"
        )

    lineas = [f"## Alertas identificadas — {anio}", ""]
    if origen:
        lineas += [f"> Borrador generado por penitencia a partir de {origen}. Complete o borre "
                   "lo que está entre corchetes.", ""]
    if not parrafos:
        lineas.append(f"No se identificaron alertas para {anio}.")
    for letra, parrafo in zip("abcdefgh", parrafos):
        lineas += [f"{letra}. {parrafo}", ""]
    return "\n".join(lineas).rstrip() + "\n"


EXTENSIONES_BORRADOR = (".md", ".markdown", ".txt")


def comprobar_borrador(destino: Path, anio: int, formato: str, entrada: Path | None,
                       forzar: bool) -> Path:
    """``alertas --salida``, antes de leer el libro: el borrador es markdown, en un .md (o .txt),
    y el destino se puede escribir sin pisar nada ajeno."""
    from ..errores import ErrorDeUso
    from .archivos import comprobar_salida
    from .autoria import Clase

    if formato == "json":
        raise ErrorDeUso("--salida escribe el borrador en markdown: quite --formato json (o quite "
                         "--salida para ver el JSON en pantalla).")
    return comprobar_salida(
        destino, clase=Clase.ALERTAS, forzar=forzar, extensiones=EXTENSIONES_BORRADOR,
        otra_extension=lambda ruta: ("El borrador de las alertas es un texto markdown: use un "
                                     f"nombre .md, p. ej. {ruta.with_suffix('.md').name}."),
        ejemplo=f"alertas_{anio}.md", entrada=entrada)


def guardar_borrador(alertas: Alertas, origen: str, destino: Path, entrada: Path | None,
                     forzar: bool) -> Path:
    """Escribe el borrador (UTF-8, como lo lee ``reporte --alertas``) en ``destino``."""
    from .archivos import escribir_atomico
    from .autoria import Clase

    texto = borrador_alertas(alertas, origen=origen)
    return escribir_atomico(destino, lambda p: p.write_text(texto, encoding="utf-8"), entrada,
                            clase=Clase.ALERTAS, forzar=forzar)
