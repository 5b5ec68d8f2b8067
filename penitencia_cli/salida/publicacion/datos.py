"""Lo que publica el reporte, ya escrito: un diccionario neutro que comparten el PDF, el DOCX y el
HTML (:func:`datos_publicacion`). Aquí se decide QUÉ se imprime y CÓMO se escribe cada cifra; los
escritores sólo deciden la forma.

Las cifras van como texto, como las imprime el reporte publicado: avances con los decimales del
perfil y sin separador de miles («68.7», «1666.7»; en un plan «93.55»), valores en porcentaje con
dos decimales («36.50%», ``Perfil.decimales_porcentaje_impreso``), números con separador de
miles («6,235») y «ND». Los únicos números son geometría del gráfico (``alto``: fracción de la
escala). Los rótulos (título, objetivos, índice, grupos, nota del tope, versión de la metodología)
salen del perfil del instrumento del libro.

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
from pathlib import Path
from typing import Any

from ...reglas.avance import Avance
from ...reglas.cifras import texto_valor
from ...reglas.consulta import CalculoReporte
from ...reglas.metodologia import FRANJAS, Franja, Perfil
from ..formato import Origen, nota_truncado, rotulo_avance, texto_avance
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


def _mayuscula(texto: str) -> str:
    return texto[:1].upper() + texto[1:]


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
        perfil, u = self.perfil, ind.unidad
        decimales = perfil.decimales_porcentaje_impreso

        def valor(v) -> str:
            return texto_valor(v, u, decimales_porcentaje=decimales)

        def avance(a: int) -> str:
            av: Avance | None = self.anuales.get(ind.codigo, {}).get(a)
            return texto_avance(av.valor if av else None, perfil, miles=False)

        le = [valor(ind.le(a)) for a in self.anios]
        vo = [valor(ind.vo(a)) for a in self.anios]
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
        for texto in r.observaciones:
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
            "lb_valor": texto_valor(ind.lb_valor, ind.unidad,
                                    decimales_porcentaje=perfil.decimales_porcentaje_impreso),
            "valores": valores.de(ind),
            "avance": texto_avance(r.avance.valor, perfil, miles=False),
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
            fila.update(avance=texto_avance(agregado.valor, perfil, miles=False),
                        **_franja(agregado.franja, perfil),
                        cobertura=f"{agregado.con_dato} de {agregado.total} indicadores con dato")
        filas.append(fila)
        filas.extend(fila_indicador(i) for i in indicadores_de.get(elemento.codigo, []))
        for hijo in hijos.get(elemento.codigo, []):
            recorrer(hijo, profundidad + 1)

    for objetivo in hijos.get(None, []):
        recorrer(objetivo)
    return filas, list(notas.values())


def _grafico(calculo: CalculoReporte) -> dict:
    """Barras de los objetivos con los umbrales del perfil; la escala sube de 25 en 25 por encima
    de 100 si algún objetivo la supera."""
    resultado = calculo.resultado
    perfil = resultado.perfil
    valores = [o.mostrado for o in resultado.objetivos if o.mostrado is not None]
    escala = max([100.0, *(float(v) for v in valores)])
    escala = float(-(-escala // 25) * 25)
    barras = []
    for o in resultado.objetivos:
        alto = None if o.mostrado is None else max(0.0, float(o.mostrado)) / escala
        barras.append({"codigo": o.codigo, "texto": _texto(o.enunciado),
                       "avance": texto_avance(o.valor, perfil, miles=False),
                       **_franja(o.franja, perfil),
                       "alto": alto})
    return {
        "titulo": f"{rotulo_avance(resultado)} por {perfil.rotulos.objetivo.lower()} (%)",
        "rotulo_objetivo": perfil.rotulos.objetivo,
        "escala": f"{escala:g}",
        "marcas": [f"{m:g}" for m in range(0, int(escala) + 1, 25)],
        "umbrales": [{"valor": f"{u:g}", "alto": float(u) / escala}
                     for u in (perfil.umbral_media, perfil.umbral_alta)],
        "barras": barras,
    }


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
    texto = _mayuscula(", ".join(nombres) + " e indicador")
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
            "autor": _texto(autor, "penitencia"),
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
            "avance": texto_avance(indice.valor, perfil, miles=False),
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
        "pie": {
            "archivo": origen.archivo,
            "sha256": origen.sha256,
            "metodologia": perfil.version,
            "generado": origen.generado.strftime("%d/%m/%Y %H:%M"),
            "generado_iso": origen.generado.isoformat(),
        },
    }
