"""El reporte en HTML: un solo archivo (CSS, letra WOFF2 y gráfico SVG en línea; nada se pide
afuera), desde ``plantillas/reporte.html``, ``fragmentos.html`` y ``reporte.css`` con
``string.Template``. Todo texto se escapa antes de entrar en la plantilla."""

from __future__ import annotations

import base64
import html
import re
import string
from pathlib import Path

AQUI = Path(__file__).resolve().parent
PLANTILLAS = AQUI / "plantillas"
FUENTES_WEB = AQUI / "fuentes" / "web"
CLASE_FILA = {"objetivo": "op", "accion": "ln accion"}
"""Clase CSS de una fila de la matriz con avance agregado (la de un objetivo, la de una acción
estratégica de un plan)."""


def _fragmentos() -> dict[str, string.Template]:
    texto = (PLANTILLAS / "fragmentos.html").read_text(encoding="utf-8")
    partes = re.split(r"<!-- fragmento: (\w+) -->\n", texto)
    return {nombre: string.Template(cuerpo.rstrip("\n"))
            for nombre, cuerpo in zip(partes[1::2], partes[2::2])}


def _e(texto: str) -> str:
    return html.escape(texto, quote=True)


def _lineas(texto: str) -> str:
    """Texto con saltos de línea → escapado, con ``<br>``."""
    return "<br>".join(_e(t) for t in texto.split("\n"))


def _css_cadena(texto: str) -> str:
    """Texto para ``content: "…"`` de CSS."""
    return '"' + texto.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _segmentos(segmentos: list[dict]) -> str:
    partes = []
    for s in segmentos:
        t = _e(s["texto"])
        if s["negrita"]:
            t = f"<strong>{t}</strong>"
        if s["completar"]:
            t = f'<mark class="completar">{t}</mark>'
        partes.append(t)
    return "".join(partes)


ALTO_CIFRA = 0.73
"""Alto de las cifras de la letra (DejaVu Sans), en em: la caja de un rótulo sobre su base."""
ANCHO_CIFRA = {**dict.fromkeys("0123456789", 0.63), ".": 0.35, ",": 0.35}
"""Ancho de un carácter de un rótulo en negrita (DejaVu Sans Condensed Bold), en em, con algo de
holgura; otro (N, D): 0.8."""


def ancho_rotulo(texto: str, tamano: float) -> float:
    """El ancho de un rótulo del gráfico, estimado con holgura, en las unidades de ``tamano``."""
    return sum(ANCHO_CIFRA.get(c, 0.8) for c in texto) * tamano


def _svg_grafico(g: dict, estilo: dict) -> str:
    """Una barra por objetivo en el color de su franja, su valor escrito, y los umbrales. Cada
    rótulo va donde lo dejó :func:`..datos._grafico` (ninguna línea lo cruza): dentro de la barra
    si cabe a lo ancho, si no encima."""
    n = max(len(g["barras"]), 1)
    izq, der, abajo = 34, 30, 34
    paso = max(min(78.0, 1000 / n), 3.0)  # muchos objetivos: barras más finas, sin rótulos
    rotulos = paso >= 40
    ancho_barra = paso * 0.6
    alto = 200
    letra = 10  # px, clase «valor»
    arriba = 12 + (g["techo"] - 1) * alto
    ancho = izq + der + paso * n
    y0 = arriba + alto
    textos = [b["avance"] if b["alto"] is not None else "ND" for b in g["barras"]]
    valores = max((ancho_rotulo(t, letra) for t in textos), default=0) + 3 <= paso
    margen = g["margen_rotulo"] * alto

    def y(fraccion: float) -> float:
        return y0 - fraccion * alto

    p = [f'<svg xmlns="http://www.w3.org/2000/svg" class="grafico" viewBox="0 0 {ancho} '
         f'{y0 + abajo:.0f}" width="{ancho}" height="{y0 + abajo:.0f}" role="img" '
         f'aria-labelledby="grafico-titulo">',
         f'<title id="grafico-titulo">{_e(g["titulo"])}</title>']
    for marca in g["marcas"]:
        ym = y(marca["alto"])
        p.append(f'<line x1="{izq}" x2="{ancho - der}" y1="{ym:.1f}" y2="{ym:.1f}" '
                 'class="rejilla"/>')
        p.append(f'<text x="{izq - 4}" y="{ym + 3:.1f}" class="eje" text-anchor="end">'
                 f'{_e(marca["texto"])}</text>')
    for i, (b, texto) in enumerate(zip(g["barras"], textos)):
        x = izq + i * paso + (paso - ancho_barra) / 2
        cx = x + ancho_barra / 2
        color = estilo["colores"][b["color"]]
        if b["alto"] is not None:
            h = b["alto"] * alto
            p.append(f'<rect x="{x:.1f}" y="{y0 - h:.1f}" width="{ancho_barra:.1f}" '
                     f'height="{h:.1f}" fill="{color["fuerte"]}"><title>{_e(b["codigo"])}: '
                     f'{_e(b["avance"])} ({_e(b["etiqueta"])})</title></rect>')
        if valores and rotulos:
            dentro = (b["rotulo_dentro"] is not None
                      and ancho_rotulo(texto, letra) + margen <= ancho_barra)
            base = b["rotulo_dentro"] if dentro else b["rotulo_encima"]
            p.append(f'<text x="{cx:.1f}" y="{y(base):.1f}" class="valor" text-anchor="middle"'
                     + (f' fill="{color["texto"]}"' if dentro else "")
                     + f'>{_e(texto)}</text>')
        if rotulos:
            p.append(f'<text x="{cx:.1f}" y="{y0 + 12}" class="eje fuerte" '
                     f'text-anchor="middle">{_e(b["codigo"])}</text>')
            p.append(f'<text x="{cx:.1f}" y="{y0 + 24}" class="eje" text-anchor="middle">'
                     f'<tspan fill="{color["fuerte"]}">●</tspan> {_e(b["etiqueta"])}</text>')
    p.append(f'<line x1="{izq}" x2="{ancho - der}" y1="{y0}" y2="{y0}" class="base"/>')
    for u in g["umbrales"]:
        p.append(f'<line x1="{izq}" x2="{ancho - der}" y1="{y(u["alto"]):.1f}" '
                 f'y2="{y(u["alto"]):.1f}" class="umbral"/>')
        p.append(f'<text x="{ancho - der + 3}" y="{y(u["rotulo"]) + 3:.1f}" class="eje fuerte">'
                 f'{u["valor"]}</text>')
    p.append("</svg>")
    return "\n".join(p)


def _fuente_web() -> str:
    """@font-face con la letra del paquete en línea (subconjunto WOFF2, herramientas/
    fuente_web.py)."""
    reglas = []
    for archivo, peso in (("DejaVuSansCondensed-web.woff2", 400),
                          ("DejaVuSansCondensed-Bold-web.woff2", 700)):
        datos = base64.b64encode((FUENTES_WEB / archivo).read_bytes()).decode("ascii")
        reglas.append("@font-face { font-family: 'Penitencia Sans'; font-weight: "
                      f"{peso}; src: url(data:font/woff2;base64,{datos}) format('woff2'); }}")
    return "\n".join(reglas)


def _css(datos: dict) -> str:
    estilo = datos["estilo"]
    pie = datos["pie"]
    colores = "\n".join(
        f"  --{nombre}-fuerte: {c['fuerte']}; --{nombre}-suave: {c['suave']};"
        for nombre, c in (("rojo", estilo["colores"]["rojo"]),
                          ("ambar", estilo["colores"]["ámbar"]),
                          ("verde", estilo["colores"]["verde"]),
                          ("gris", estilo["colores"]["gris"])))
    return string.Template((PLANTILLAS / "reporte.css").read_text(encoding="utf-8")).substitute(
        fuente_web=_fuente_web(), colores=colores, acento=estilo["acento"],
        fondo_op=estilo["fondo_op"], fondo_ln=estilo["fondo_ln"],
        resaltado=estilo["resaltado_completar"],
        pie_izquierda=_css_cadena(f"Fuente: {pie['archivo']} · SHA-256 {pie['sha256']}"),
        pie_derecha=_css_cadena(f"Metodología {pie['metodologia']} · Generado el "
                                f"{pie['generado']} · Página "),
    )


def _filas(datos: dict, fr: dict[str, string.Template]) -> str:
    m = datos["matriz"]
    total_columnas = 6 + len(m["descriptivas"]) + len(m["columnas"])

    def franja(f: dict) -> str:
        return fr["franja"].substitute(color=f["color"], etiqueta=_e(f["etiqueta"]))

    def notas(numeros: list[str]) -> str:
        if not numeros:
            return ""
        enlaces = ",".join(f'<a href="#nota-{x}">{x}</a>' for x in numeros)
        return f'<sup class="nota">({enlaces})</sup>'

    filas = []
    for f in m["filas"]:
        if f["nivel"] == "indicador":
            detalle = f'<br><span class="detalle">{_e(f["detalle"])}</span>' if f["detalle"] \
                else ""
            filas.append(fr["fila_indicador"].substitute(
                codigo=_e(f["codigo"]), texto=_e(f["texto"]), notas=notas(f["notas"]),
                detalle=detalle,
                descriptivas="".join(f"<td>{_lineas(t)}</td>" for t in f["descriptivas"]),
                lb_anio=_e(f["lb_anio"]), lb_valor=_e(f["lb_valor"]),
                valores="".join(f'<td class="num">{_lineas(v)}</td>' for v in f["valores"]),
                avance=_e(f["avance"]), color=f["color"], franja=franja(f)))
        elif "avance" in f:
            texto = _e(f["texto"])
            filas.append(fr["fila_objetivo"].substitute(
                clase=CLASE_FILA[f["nivel"]], codigo=_e(f["codigo"]),
                texto=f"<strong>{texto}</strong>" if f["nivel"] == "objetivo" else texto,
                span=total_columnas - 3, cobertura=_e(f["cobertura"]), avance=_e(f["avance"]),
                color=f["color"], franja=franja(f)))
        else:
            filas.append(fr["fila_estructura"].substitute(
                nivel="ln" if f["profundidad"] == 1 else "ss", codigo=_e(f["codigo"]),
                texto=_e(f["texto"]), span=total_columnas - 1))
    ind = datos["indice"]
    filas.append(fr["fila_indice"].substitute(
        rotulo=_e(ind["rotulo"]), span=total_columnas - 2, avance=_e(ind["avance"]),
        color=ind["color"], franja=franja(ind)))
    return "\n".join(filas)


def html_publicacion(datos: dict) -> str:
    """El documento HTML completo."""
    fr = _fragmentos()
    m = datos["matriz"]
    ind = datos["indice"]
    al = datos["alertas"]
    pie = datos["pie"]
    doc = datos["documento"]

    def franja(f: dict) -> str:
        return fr["franja"].substitute(color=f["color"], etiqueta=_e(f["etiqueta"]))

    campos = "\n".join(fr["campo"].substitute(rotulo=_e(c["rotulo"]), valor=_e(c["valor"]))
                       for c in datos["politica"]["campos"])
    conteos = "\n".join(
        fr["fila_conteo"].substitute(
            grupo=_e(c["grupo"]),
            celdas="".join(f'<td class="num">{v}</td>' for v in c["valores"]))
        for c in datos["conteos"])
    notas = ""
    if m["notas"]:
        notas = fr["seccion_notas"].substitute(notas="\n".join(
            fr["nota"].substitute(numero=x["numero"], texto=_e(x["texto"]),
                                  codigos=_e(", ".join(x["codigos"])))
            for x in m["notas"]))
    nota_truncado = (fr["nota_truncado"].substitute(nota=_e(datos["nota_truncado"]))
                 if datos["nota_truncado"] else "")
    parrafos = "\n".join(
        fr["parrafo_alerta"].substitute(letra=_e(p["letra"]), texto=_segmentos(p["segmentos"]))
        for p in al["parrafos"])
    return string.Template((PLANTILLAS / "reporte.html").read_text(encoding="utf-8")).substitute(
        titulo_completo=_e(doc["titulo_completo"]), autor=_e(doc["autor"]),
        asunto=_e(doc["asunto"]), css=_css(datos), titulo=_e(doc["titulo"]),
        politica=_e(datos["politica"]["nombre"]), campos=campos,
        encabezado_conteos="".join(f'<th scope="col" class="num">{franja(f)}</th>'
                                   for f in datos["franjas"]),
        conteos=conteos,
        indice_rotulo=_e(ind["rotulo"]), indice_avance=_e(ind["avance"]),
        indice_color=ind["color"], indice_franja=franja(ind),
        indice_cobertura=_e(ind["cobertura"]), nota_truncado_indice=nota_truncado,
        grafico=_svg_grafico(datos["grafico"], datos["estilo"]),
        grafico_titulo=_e(datos["grafico"]["titulo"]),
        umbrales=" y ".join(_e(u["valor"]) for u in datos["grafico"]["umbrales"]),
        matriz_titulo=_e(m["titulo"]), columna_texto=_lineas(m["columna_texto"]),
        descriptivas="".join(f'<th scope="col" rowspan="2">{_lineas(c["titulo"])}</th>'
                             for c in m["descriptivas"]),
        grupos="".join(f'<th scope="colgroup" colspan="{g["columnas"]}">{_e(g["texto"])}</th>'
                       for g in m["grupos"]),
        columnas="".join(f'<th scope="col" class="num">{_e(c)}</th>' for c in m["columnas"]),
        rotulo_avance=_e(m["rotulo_avance"]), filas=_filas(datos, fr), nota_truncado=nota_truncado,
        notas=notas, alertas_titulo=_e(al["titulo"]),
        aviso=fr["aviso_borrador"].substitute(aviso=_e(al["aviso"])) if al["aviso"] else "",
        parrafos=parrafos, pie_archivo=_e(pie["archivo"]), pie_sha=_e(pie["sha256"]),
        pie_metodologia=_e(pie["metodologia"]), pie_generado=_e(pie["generado"]),
    )


def escribir_html(datos: dict, ruta: Path | str) -> None:
    """Escribe el HTML en ``ruta`` (el temporal de :func:`~..archivos.escribir_atomico`)."""
    Path(ruta).write_text(html_publicacion(datos), encoding="utf-8")
