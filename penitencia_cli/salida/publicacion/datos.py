"""Lo que publica el reporte, ya escrito: un diccionario neutro que comparten el PDF, el DOCX y el
HTML (:func:`datos_publicacion`). Aquí se decide QUÉ se imprime y CÓMO se escribe cada cifra; los
escritores sólo deciden la forma.

Las cifras van como texto, en un solo estilo en todo el documento, el del reporte publicado:
coma de miles y punto decimal («6,235», «1,666.7»), avances con los decimales del perfil («68.7»;
en un plan «93.55»), valores en porcentaje con dos decimales («36.50%»,
``Perfil.decimales_porcentaje_impreso``) y «ND». Los únicos números son geometría del gráfico
(fracciones de la escala, :mod:`..grafico`). Los rótulos (título, objetivos, índice, grupos, nota
del tope, versión de la metodología) salen del perfil del instrumento del libro.

Las notas de la matriz hablan al lector del reporte (:func:`notas_publicas`): por qué un avance
es ND o cómo se calculó uno especial. Las observaciones para el analista (celdas que revisar,
el avance publicado que difiere del calculado) se quedan en la terminal, ``validar`` y
``verificar``.

La matriz es una lista plana en el orden del reporte: cada elemento de la estructura seguido de
sus indicadores y de sus hijos (OP → IOP → LN → SS → ISS; en un plan OEI → IOEI → AEI → IAEI).
Sus columnas de valores (``matriz.grupos`` y ``matriz.columnas``) tienen tres disposiciones:

- ``bloques`` (una política con hasta 6 años): logros esperados de cada año, luego valores
  obtenidos, como el reporte publicado;
- ``grupos`` (un plan con pocos años): por año, LE, VO y el avance del año, como el Anexo B-7
  (el del año del reporte va en la columna final de avance);
- ``apilada`` (más columnas de las que caben a 7 pt): una columna por año con LE arriba, VO
  abajo (y el avance del año, en un plan), y una columna que rotula las líneas.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from ...reglas.avance import Avance
from ...reglas.cifras import texto_valor
from ...reglas.consulta import CalculoReporte
from ...reglas.metodologia import FRANJAS, Franja, Perfil
from ..formato import Origen, mayuscula, nota_truncado, rotulo_avance, texto_avance
from ..grafico import MEDIDAS_PUBLICACION, apartar, escala, rotulo_dentro, rotulo_encima
from ..redaccion import borrador_alertas
from .alertas import PENDIENTE, parrafos_alertas

PLANTILLAS = Path(__file__).resolve().parent / "plantillas"
ESQUEMA = 1
MAX_COLUMNAS_VALORES = 12
"""Columnas de valores (años × series) que caben a 7 pt en A4 horizontal junto a las columnas
fijas; con más, la disposición ``apilada``."""


def estilo() -> dict[str, Any]:
    """Paleta del semáforo y colores (``plantillas/estilo.json``), la misma en los tres formatos."""
    with open(PLANTILLAS / "estilo.json", encoding="utf-8") as f:
        datos = json.load(f)
    datos.pop("_comentario", None)
    return datos


def _franja(franja: Franja, perfil: Perfil) -> dict[str, str]:
    return {"franja": franja.value, "etiqueta": perfil.etiquetas[franja],
            "color": perfil.colores[franja]}


def _texto(valor: str | None, vacio: str = "") -> str:
    return valor.strip() if valor and valor.strip() else vacio


def _valor(valor, ind, perfil: Perfil) -> str:
    """Un valor de un indicador como lo imprime el reporte, en la matriz y en sus notas: un
    porcentaje con los decimales del perfil («36.50%»), un conteo con coma de miles («6,235»)."""
    return texto_valor(valor, ind.unidad, decimales_porcentaje=perfil.decimales_porcentaje_impreso)


class _Valores:
    """Las columnas de valores de la matriz y cómo se llena cada una para un indicador."""

    def __init__(self, calculo: CalculoReporte) -> None:
        perfil = calculo.resultado.perfil
        self.perfil = perfil
        self.anios = calculo.anios
        self.anuales = calculo.avances_anuales
        self.con_avance = perfil.instrumento.es_plan
        n = len(self.anios)
        anteriores = self.anios[:-1]
        if not self.con_avance and 2 * n <= MAX_COLUMNAS_VALORES:
            self.disposicion = "bloques"
            self.grupos = [{"texto": "Logros esperados", "columnas": n},
                           {"texto": "Valores obtenidos", "columnas": n}]
            self.columnas = [str(a) for a in self.anios] * 2
        elif self.con_avance and 3 * n - 1 <= MAX_COLUMNAS_VALORES:
            self.disposicion = "grupos"
            self.grupos = [{"texto": str(a), "columnas": 3} for a in anteriores]
            self.grupos += [{"texto": str(a), "columnas": 2} for a in self.anios[-1:]]
            self.columnas = ["LE", "VO", "%"] * len(anteriores) + ["LE", "VO"][: 2 * bool(n)]
        else:
            self.disposicion = "apilada"
            que = ("Logro esperado (LE), valor obtenido (VO) y avance (%) de cada año"
                   if self.con_avance else
                   "Logro esperado (LE) y valor obtenido (VO) de cada año")
            self.grupos = [{"texto": que, "columnas": n + 1}]
            self.columnas = [""] + [str(a) for a in self.anios]
        self.rotulos = "LE\nVO" + ("\n%" if self.con_avance else "")

    def de(self, ind) -> list[str]:
        perfil = self.perfil

        def avance(a: int) -> str:
            av: Avance | None = self.anuales.get(ind.codigo, {}).get(a)
            return texto_avance(av.valor if av else None, perfil)

        le = [_valor(ind.le(a), ind, perfil) for a in self.anios]
        vo = [_valor(ind.vo(a), ind, perfil) for a in self.anios]
        if self.disposicion == "bloques":
            return le + vo
        if self.disposicion == "grupos":
            salida: list[str] = []
            for i, a in enumerate(self.anios):
                salida += [le[i], vo[i]] + ([avance(a)] if i < len(self.anios) - 1 else [])
            return salida
        celdas = [self.rotulos]
        for i, a in enumerate(self.anios):
            lineas = [le[i], vo[i]]
            if self.con_avance:
                lineas.append(avance(a) if i < len(self.anios) - 1 else "")
            celdas.append("\n".join(lineas))
        return celdas

    def muestras(self) -> list[str]:
        """Textos de cabecera que también fijan el ancho de una columna de valores."""
        return [c for c in self.columnas if c] + ["Valor"]


DESCRIPTIVAS = (
    {"clave": "responsable", "titulo": "Respon\u00adsable", "partir": "palabras"},
    {"clave": "tipo", "titulo": "Tipo", "partir": "palabras"},
    {"clave": "sentido", "titulo": "Sentido\nAcumulación", "partir": "lineas"},
)
"""Columnas que describen cada indicador, entre su nombre y la línea de base. Una columna vacía
en todos los indicadores (el tipo en un PEI) no se imprime. ``partir``: dónde puede cortarse su
texto (su ancho es el de la palabra o la línea más larga)."""


def _descriptivas(calculo: CalculoReporte, valores: _Valores) -> list[dict]:
    """Las columnas descriptivas que se imprimen: ninguna en la disposición ``apilada`` (van en
    una línea bajo el nombre del indicador, para que el nombre conserve su ancho)."""
    if valores.disposicion == "apilada":
        return []
    inds = calculo.resultado.matriz.indicadores
    presentes = {"responsable": any(_texto(i.responsable) for i in inds),
                 "tipo": any(_texto(i.tipo) for i in inds),
                 "sentido": True}
    return [dict(c) for c in DESCRIPTIVAS if presentes[c["clave"]]]


def _filas_matriz(calculo: CalculoReporte, valores: _Valores,
                  columnas: list[dict]) -> tuple[list[dict], list[dict]]:
    """La matriz en el orden del reporte, y las observaciones como notas numeradas (una por
    texto distinto, con los códigos que la llevan)."""
    resultado = calculo.resultado
    perfil = resultado.perfil
    matriz = resultado.matriz
    por_codigo = {r.codigo: r for r in resultado.indicadores}
    agregados = {a.codigo: a for a in [*resultado.objetivos, *resultado.acciones]}
    hijos: dict[str | None, list] = {}
    for e in matriz.estructura:
        hijos.setdefault(e.padre, []).append(e)
    indicadores_de: dict[str, list] = {}
    for ind in matriz.indicadores:
        indicadores_de.setdefault(ind.pertenece_a, []).append(ind)
    notas: dict[str, dict] = {}

    def referencias(r) -> list[str]:
        numeros = []
        for texto in notas_publicas(r, resultado.anio, perfil):
            nota = notas.get(texto)
            if nota is None:
                nota = notas[texto] = {"numero": str(len(notas) + 1), "texto": texto,
                                       "codigos": []}
            nota["codigos"].append(r.codigo)
            numeros.append(nota["numero"])
        return numeros

    def fila_indicador(ind) -> dict:
        r = por_codigo[ind.codigo]
        sentido = ind.sentido.value if ind.sentido else ""
        acumulacion = ind.acumulacion.value if ind.acumulacion else ""
        descriptivas = {"responsable": _texto(ind.responsable, "—"), "tipo": _texto(ind.tipo),
                        "sentido": "\n".join(t for t in (sentido, acumulacion) if t)}
        detalle = ""
        if valores.disposicion == "apilada":  # sin sitio para sus columnas: bajo el nombre
            detalle = " · ".join(t for t in (_texto(ind.responsable), _texto(ind.tipo),
                                             sentido, acumulacion) if t)
        return {
            "nivel": "indicador",
            "codigo": ind.codigo,
            "texto": _texto(ind.nombre),
            "detalle": detalle,
            "descriptivas": [descriptivas[c["clave"]] for c in columnas],
            "lb_anio": "" if ind.lb_anio is None else str(ind.lb_anio),
            "lb_valor": _valor(ind.lb_valor, ind, perfil),
            "valores": valores.de(ind),
            "avance": texto_avance(r.avance.valor, perfil),
            **_franja(r.franja, perfil),
            "notas": referencias(r),
        }

    raiz = perfil.instrumento.objetivo
    filas: list[dict] = []

    def recorrer(elemento, profundidad: int = 0) -> None:
        fila = {"nivel": "objetivo" if elemento.nivel == raiz else "estructura",
                "profundidad": profundidad, "codigo": elemento.codigo,
                "texto": _texto(elemento.enunciado)}
        agregado = agregados.get(elemento.codigo)
        if agregado is not None:
            fila["nivel"] = "objetivo" if elemento.nivel == raiz else "accion"
            fila.update(avance=texto_avance(agregado.valor, perfil),
                        **_franja(agregado.franja, perfil),
                        cobertura=agregado.cobertura)
        filas.append(fila)
        filas.extend(fila_indicador(i) for i in indicadores_de.get(elemento.codigo, []))
        for hijo in hijos.get(elemento.codigo, []):
            recorrer(hijo, profundidad + 1)

    for objetivo in hijos.get(None, []):
        recorrer(objetivo)
    return filas, list(notas.values())


def _grafico(calculo: CalculoReporte) -> dict:
    """Barras de los objetivos con los umbrales del perfil, y dónde va cada rótulo para que
    ninguna línea lo cruce (:mod:`..grafico`). Por barra, dos alturas para la base de su rótulo:
    ``rotulo_dentro`` (None si no cabe dentro de la barra) y ``rotulo_encima``; quien dibuja usa
    la de dentro si el rótulo también cabe a lo ancho de la barra. ``techo``: hasta dónde suben
    los rótulos (más de 1: lo que hay que dejar libre encima de la escala)."""
    resultado = calculo.resultado
    perfil = resultado.perfil
    m = MEDIDAS_PUBLICACION
    tope, marcas = escala(o.mostrado for o in resultado.objetivos)
    umbrales = [float(u) / tope for u in (perfil.umbral_media, perfil.umbral_alta)]
    lineas = [marca / tope for marca in marcas] + umbrales
    barras = []
    for o in resultado.objetivos:
        alto = None if o.mostrado is None else min(max(0.0, float(o.mostrado)) / tope, 1.0)
        barras.append({"codigo": o.codigo, "texto": _texto(o.enunciado),
                       "avance": texto_avance(o.valor, perfil),
                       **_franja(o.franja, perfil),
                       "alto": alto,
                       "rotulo_dentro": None if alto is None else rotulo_dentro(alto, lineas, m),
                       "rotulo_encima": rotulo_encima(alto or 0.0, lineas, m)})
    centros = apartar(umbrales, m.alto_rotulo, m.holgura)
    techo = max([1.0, *(b["rotulo_encima"] + m.alto_rotulo for b in barras),
                 *(c + m.alto_rotulo / 2 for c in centros)])
    return {
        "titulo": f"{rotulo_avance(resultado)} por {perfil.rotulos.objetivo.lower()} (%)",
        "rotulo_objetivo": perfil.rotulos.objetivo,
        "escala": f"{tope:,.0f}",
        "marcas": [{"alto": marca / tope, "texto": f"{marca:,.0f}"} for marca in marcas],
        "umbrales": [{"valor": f"{u:g}", "alto": alto, "rotulo": centro}
                     for u, alto, centro in zip((perfil.umbral_media, perfil.umbral_alta),
                                                umbrales, centros)],
        "barras": barras,
        "alto_rotulo": m.alto_rotulo,
        "margen_rotulo": m.margen,
        "techo": techo,
    }


NOTAS_DE_FORMULA = {
    "meta cero superada": "Meta cero superada: el logro esperado es 0 y el valor obtenido lo "
                          "supera; el avance se registra como 100.",
    "valor obtenido cero": "Valor obtenido 0 en un indicador descendente (el mejor resultado "
                           "posible): el avance se registra como 100.",
}
"""Las observaciones de la fórmula del avance (:func:`~...reglas.avance.avance_tipo1`),
escritas para el lector del reporte; otra, con mayúscula inicial y punto final."""


def _frase(texto: str) -> str:
    texto = mayuscula(texto.strip())
    return texto if texto.endswith((".", "!", "?")) else texto + "."


def _nota_sentido(ind, perfil: Perfil) -> str:
    """El sentido inferido de un plan (su columna vacía), con los logros esperados que lo
    deciden, en el estilo de cifras del reporte."""
    le = [(a, v) for a, v in sorted(ind.logros_esperados.items()) if v is not None]
    sentido = ind.sentido.value
    if not le:
        return f"Sentido no declarado: se toma {sentido}."
    (a0, v0), (a1, v1) = le[0], le[-1]
    if len(le) == 1 or v0 == v1:
        return (f"Sentido no declarado: se toma {sentido} (el logro esperado no cambia: "
                f"{_valor(v1, ind, perfil)} en {a1}).")
    verbo = "suben" if v1 > v0 else "bajan"
    return (f"Sentido no declarado: se toma {sentido}, porque los logros esperados {verbo} de "
            f"{_valor(v0, ind, perfil)} en {a0} a {_valor(v1, ind, perfil)} en {a1}.")


def notas_publicas(r, anio: int, perfil: Perfil) -> list[str]:
    """Las notas de un indicador en la matriz publicada, escritas para quien lee el reporte: por
    qué su avance es ND, cómo se calculó uno especial (meta cero) y, en un plan, el sentido que
    se tomó. Sin celdas del libro ni la conciliación con un reporte anterior: eso es del
    analista (``validar``, ``verificar``, la terminal)."""
    ind = r.indicador
    notas = [_nota_sentido(ind, perfil)] if ind.sentido_inferido and ind.sentido else []
    if r.avance.valor is None and (r.le is None or r.vo is None):
        falta = (" ni ".join(n for n, v in (("logro esperado", r.le), ("valor obtenido", r.vo))
                             if v is None))
        notas.append(f"Sin {falta} para {anio}: el avance no se calcula.")
    else:
        notas += [NOTAS_DE_FORMULA.get(o, None) or _frase(o) for o in r.avance.observaciones]
    return notas


def _sin_codigo(texto: str | None) -> str | None:
    """«006: MINISTERIO DE…» → «MINISTERIO DE…» (el nombre, sin el código del pliego)."""
    if not texto:
        return texto
    return re.sub(r"^\s*\d+\s*[:.\-–]\s*", "", texto).strip() or texto


def _campos(calculo: CalculoReporte) -> list[dict]:
    perfil = calculo.resultado.perfil
    pol = calculo.resultado.matriz.ficha
    campos = [(perfil.rotulos.instrumento, pol.nombre)]
    if perfil.instrumento.es_plan:
        ins = perfil.instrumento
        campos += [("Instrumento", f"{ins.nombre_largo} ({ins.nombre})"),
                   ("Entidad", pol.entidad), ("Periodo", pol.periodo), ("Sector", pol.sector)]
    else:
        campos += [("Sector", pol.sector), ("Ministerio conductor", pol.ministerio_conductor),
                   ("Tipo", pol.tipo)]
    return [{"rotulo": r, "valor": _texto(v, "—")} for r, v in campos]


def _columna_texto(perfil: Perfil, valores: _Valores) -> str:
    """«Objetivo prioritario, lineamiento, servicio e indicador» con los niveles del
    instrumento (y, en la disposición ``apilada``, qué dice la línea bajo el nombre)."""
    ins = perfil.instrumento
    nombres = [ins.nombres[n] for n in ins.estructura]
    texto = mayuscula(", ".join(nombres) + " e indicador")
    if valores.disposicion == "apilada":
        texto += "\n(responsable · tipo · sentido · acumulación)"
    return texto


def alertas_publicadas(calculo: CalculoReporte, alertas_md: str | None,
                       archivo: str) -> dict:
    """La sección «ALERTAS IDENTIFICADAS»: el markdown del analista o, sin él, el borrador de
    ``penitencia alertas --formato markdown`` con sus ``[completar: …]`` a la vista."""
    if alertas_md is None:
        alertas_md = borrador_alertas(calculo.alertas, origen=archivo)
        fuente = "borrador"
    else:
        fuente = "analista"
    parrafos = parrafos_alertas(alertas_md)
    pendientes = sum(s["completar"] for p in parrafos for s in p["segmentos"])
    aviso = ""
    if pendientes:
        aviso = (f"Borrador: {pendientes} texto(s) {PENDIENTE} por completar. Edite las alertas y "
                 "vuelva a generar el reporte con --alertas.")
    return {"titulo": "ALERTAS IDENTIFICADAS", "fuente": fuente, "pendientes": pendientes,
            "aviso": aviso, "parrafos": parrafos}


def datos_publicacion(calculo: CalculoReporte, alertas_md: str | None, origen: Origen) -> dict:
    """Todo lo que imprime el reporte, ya escrito, en un diccionario serializable a JSON.

    ``alertas_md``: el markdown de «ALERTAS IDENTIFICADAS» que completó el analista
    (``--alertas``); None usa el borrador. ``origen``: nombre y SHA-256 del libro y fecha."""
    resultado = calculo.resultado
    perfil = resultado.perfil
    rot = perfil.rotulos
    pol = resultado.matriz.ficha
    anio = resultado.anio
    valores = _Valores(calculo)
    descriptivas = _descriptivas(calculo, valores)
    filas, notas = _filas_matriz(calculo, valores, descriptivas)
    indice = resultado.indice
    titulo = f"{rot.titulo} {anio}"
    autor = pol.entidad if perfil.instrumento.es_plan else pol.ministerio_conductor
    return {
        "esquema": ESQUEMA,
        "documento": {
            "titulo": titulo,
            "titulo_completo": f"{titulo} — {pol.nombre}",
            "autor": _texto(_sin_codigo(autor), "penitencia"),
            "asunto": f"{rotulo_avance(resultado)}: {pol.nombre} (metodología CEPLAN, "
                      f"{perfil.version})",
            "palabras_clave": ["seguimiento", "CEPLAN", perfil.instrumento.nombre_largo.lower(),
                               str(anio)],
            "idioma": "es",
        },
        "anio": str(anio),
        "politica": {"nombre": pol.nombre, "campos": _campos(calculo)},
        "franjas": [{"clave": f.value, "etiqueta": perfil.etiquetas[f],
                     "color": perfil.colores[f]} for f in FRANJAS],
        "estilo": estilo(),
        "conteos": [{"grupo": perfil.grupos[grupo], "valores": [str(cuenta[f]) for f in FRANJAS]}
                    for grupo, cuenta in resultado.resumen.items()],
        "indice": {
            "rotulo": rot.indice,
            "avance": texto_avance(indice.valor, perfil),
            **_franja(indice.franja, perfil),
            "cobertura": f"{indice.con_dato} de {indice.total} {rot.objetivos.lower()} con dato",
        },
        "nota_truncado": nota_truncado(resultado) or "",
        "grafico": _grafico(calculo),
        "matriz": {
            "titulo": f"Matriz de seguimiento — {rotulo_avance(resultado)}",
            "columna_texto": _columna_texto(perfil, valores),
            "descriptivas": descriptivas,
            "disposicion": valores.disposicion,
            "grupos": valores.grupos,
            "columnas": valores.columnas,
            "muestras_columnas": valores.muestras(),
            "rotulo_avance": f"{rotulo_avance(resultado)} (%)",
            "filas": filas,
            "notas": notas,
        },
        "alertas": alertas_publicadas(calculo, alertas_md, origen.archivo),
        "encabezados": {"matriz": rotulo_avance(resultado),
                        "alertas": f"Alertas identificadas {anio}"},
        "pie": {
            "archivo": origen.archivo,
            "sha256": origen.sha256,
            "metodologia": perfil.version,
            "generado": origen.generado.strftime("%d/%m/%Y %H:%M"),
            "generado_iso": origen.generado.isoformat(),
        },
    }
