"""El gráfico de los objetivos: ninguna línea (rejilla, base, umbrales) cruza un rótulo y ningún
rótulo pisa a otro, en cada año de la muestra y del PEI de ejemplo y en un libro hecho para
acorralar los rótulos. Se mide lo que de verdad se dibuja: el PDF compuesto por Typst, leído con
pypdf (texto con su posición y trazos con su altura), y el SVG del HTML; los anchos, con las
tablas de la letra del paquete (``letra.py``)."""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET

import pytest

from penitencia_cli.salida.grafico import (Medidas, apartar, escala, rotulo_dentro,
                                           rotulo_encima)

from conftest import MUESTRA, RAIZ, escribir_libro, hojas_minimas, preparada
from letra import ALTO_CIFRA, ancho

PEI = RAIZ / "samples" / "pei_ejemplo.xlsx"
M = Medidas(alto_rotulo=0.04, holgura=0.012, margen=0.02)
LINEAS = [0.0, 0.25, 0.5, 0.75, 1.0, 0.95]


def _cruza(abajo: float, arriba: float, lineas: list[float]) -> bool:
    return any(abajo < y < arriba for y in lineas)


# --- La regla ---------------------------------------------------------------------------------


def test_escala_sube_su_paso_con_una_barra_muy_alta():
    assert escala([68.7, 89.0, None]) == (100.0, [0.0, 25.0, 50.0, 75.0, 100.0])
    assert escala([125.7])[0] == 150.0
    tope, marcas = escala([1666.7])
    assert tope >= 1666.7 and len(marcas) <= 9 and marcas[1] - marcas[0] == 250


@pytest.mark.parametrize("alto", [1.0, 0.9677, 0.95, 0.943, 0.89, 0.757, 0.75, 0.687, 0.26, 0.2])
def test_rotulo_dentro_queda_bajo_la_linea_que_lo_cruzaria(alto):
    base = rotulo_dentro(alto, LINEAS, M)
    assert base is not None
    assert not _cruza(base - M.holgura, base + M.alto_rotulo + M.holgura, LINEAS)
    assert M.margen <= base and base + M.alto_rotulo <= alto - M.margen + 1e-9


@pytest.mark.parametrize("alto", [0.0, 0.02, 0.05, 0.24, 0.74, 0.94])
def test_rotulo_encima_de_una_barra_baja(alto):
    base = rotulo_encima(alto, LINEAS, M)
    assert base >= alto + M.margen
    assert not _cruza(base - M.holgura, base + M.alto_rotulo + M.holgura, LINEAS)


def test_una_barra_baja_no_tiene_sitio_dentro():
    assert rotulo_dentro(0.05, LINEAS, M) is None


def test_los_rotulos_de_los_umbrales_se_apartan():
    centros = apartar([0.0375, 0.0475], 0.04, 0.012)  # 75 y 95 en una escala de 2000
    assert centros[1] - centros[0] >= 0.052 - 1e-9 and centros[0] >= 0.02
    assert apartar([0.75, 0.95], 0.04, 0.012) == [0.75, 0.95]  # lejos: no se mueven


# --- Lo que se dibuja ---------------------------------------------------------------------------


def _libro_acorralado(tmp_path):
    """Ocho objetivos de un indicador cada uno con avances pegados a las líneas (100, 96.0, 95.0,
    75.0, 26.0), bajos (3.0, 0.0) y uno sin dato; y otro libro con un objetivo de 1,700 (la escala
    crece y los umbrales quedan juntos)."""
    libros = []
    for avances in ([100, 96, 95, 75, 26, 3, 0, None], [1700, 95, 75, 20]):
        hojas = hojas_minimas()
        hojas["Estructura"] = [hojas["Estructura"][0]]
        hojas["Indicadores"] = [hojas["Indicadores"][0]]
        hojas["Logros esperados"] = [["codigo", 2024]]
        hojas["Valores obtenidos"] = [["codigo", 2024]]
        for k, av in enumerate(avances, start=1):
            op, ind = f"OP.{k:02d}", f"IOP.{k:02d}.01"
            hojas["Estructura"].append([op, "OP", None, f"Objetivo {k}"])
            hojas["Indicadores"].append([ind, "IOP", op, f"Indicador {k}", "INPE", None,
                                         "Ascendente", "Acumulado", "Número", 2023, 1])
            hojas["Logros esperados"].append([ind, 100])
            hojas["Valores obtenidos"].append([ind, "ND" if av is None else av])
        libros.append((escribir_libro(tmp_path / f"acorralado{len(libros)}.xlsx", hojas), 2024))
    return libros


CASOS = [(MUESTRA, a) for a in range(2019, 2025)] + [(PEI, a) for a in range(2020, 2025)]


@pytest.fixture(scope="module")
def casos(tmp_path_factory):
    from penitencia_cli.lectura import leer_libro
    from penitencia_cli.reglas.consulta import reporte_del_anio
    from penitencia_cli.salida.formato import Origen
    from penitencia_cli.salida.publicacion.datos import datos_publicacion

    libros = [*CASOS, *_libro_acorralado(tmp_path_factory.mktemp("acorralado"))]
    salida = []
    for ruta, anio in libros:
        datos = datos_publicacion(reporte_del_anio(preparada(leer_libro(ruta)), anio), None,
                                  Origen("x.xlsx", "0" * 64))
        # Sólo la primera página interesa: la matriz y las alertas, vacías (compila rápido).
        datos["matriz"] = {**datos["matriz"], "filas": [], "notas": []}
        datos["alertas"] = {**datos["alertas"], "parrafos": [], "aviso": ""}
        salida.append((f"{ruta.stem}-{anio}", datos))
    return salida


def _pagina_1(pdf: bytes):
    """Textos (texto, caja x0, y0, x1, y1) y trazos horizontales (x0, x1, y) de la página 1."""
    from pypdf import PdfReader

    pagina = PdfReader(io.BytesIO(pdf)).pages[0]
    trazos, camino, textos = [], [], []

    def punto(x, y, cm):
        return (x * cm[0] + y * cm[2] + cm[4], x * cm[1] + y * cm[3] + cm[5])

    def operador(op, args, cm, tm):
        nonlocal camino
        if op in (b"m", b"l"):
            camino.append(punto(float(args[0]), float(args[1]), cm))
        elif op == b"S":
            if len(camino) >= 2 and all(abs(p[1] - camino[0][1]) < 0.01 for p in camino):
                xs = [p[0] for p in camino]
                trazos.append((min(xs), max(xs), camino[0][1]))
            camino = []
        elif op in (b"f", b"F", b"f*", b"n", b"B", b"b"):
            camino = []

    def texto(t, cm, tm, fuente, tamano):
        if not t.strip():
            return
        x, y = punto(tm[4], tm[5], cm)
        escala_x = abs(tm[0] * cm[0]) or 1
        tam = tamano * escala_x
        negrita = "Bold" in str((fuente or {}).get("/BaseFont", ""))
        inicio = len(t) - len(t.lstrip())
        x += ancho(t[:inicio], tam, negrita)
        cuerpo = t.strip()
        textos.append((cuerpo, (x, y, x + ancho(cuerpo, tam, negrita), y + ALTO_CIFRA * tam)))

    pagina.extract_text(visitor_operand_before=operador, visitor_text=texto)
    return textos, trazos


def _sin_cruces(textos, trazos, nombre):
    for t, (x0, y0, x1, y1) in textos:
        for a, b, y in trazos:
            assert not (a < x1 and x0 < b and y0 < y < y1), \
                f"{nombre}: la línea a y={y:.1f} cruza «{t}» ({y0:.1f}-{y1:.1f})"
    for i, (t, c) in enumerate(textos):
        for u, d in textos[i + 1:]:
            assert not (c[0] < d[2] - 0.2 and d[0] < c[2] - 0.2 and c[1] < d[3] - 0.2
                        and d[1] < c[3] - 0.2), f"{nombre}: «{t}» pisa a «{u}»"


def test_pdf_ninguna_linea_cruza_un_rotulo(casos):
    from penitencia_cli.salida.publicacion.pdf import compilar_pdf

    for nombre, datos in casos:
        textos, trazos = _pagina_1(compilar_pdf(datos))
        barras = datos["grafico"]["barras"]
        rotulos = [t for t, _ in textos]
        for b in barras:  # cada valor está escrito (y la prueba mide lo que importa)
            assert (b["avance"] if b["alto"] is not None else "ND") in rotulos, (nombre, b)
        assert len([y for *_, y in trazos]) >= len(datos["grafico"]["marcas"]) + 2
        _sin_cruces(textos, trazos, nombre)


def _svg(datos) -> tuple[list, list]:
    from penitencia_cli.salida.publicacion.html import _svg_grafico

    raiz = ET.fromstring(_svg_grafico(datos["grafico"], datos["estilo"]))
    ns = "{http://www.w3.org/2000/svg}"
    tamanos = {"valor": 10.0, "eje": 9.0}
    textos, trazos = [], []
    for e in raiz.iter():
        if e.tag == ns + "line" and e.get("y1") == e.get("y2"):
            x1, x2 = float(e.get("x1")), float(e.get("x2"))
            trazos.append((min(x1, x2), max(x1, x2), float(e.get("y1"))))
        elif e.tag == ns + "text":
            cuerpo = "".join(e.itertext()).strip()
            clase = e.get("class", "").split()
            tam = tamanos["valor" if "valor" in clase else "eje"]
            negrita = "valor" in clase or "fuerte" in clase
            w = ancho(cuerpo, tam, negrita)
            x, y = float(e.get("x")), float(e.get("y"))
            x0 = {"middle": x - w / 2, "end": x - w}.get(e.get("text-anchor"), x)
            # En el SVG la y crece hacia abajo: la caja va de la base hacia arriba.
            textos.append((cuerpo, (x0, -y, x0 + w, -y + ALTO_CIFRA * tam)))
    return textos, [(a, b, -y) for a, b, y in trazos]


def test_svg_ninguna_linea_cruza_un_rotulo(casos):
    for nombre, datos in casos:
        textos, trazos = _svg(datos)
        rotulos = [t for t, _ in textos]
        for b in datos["grafico"]["barras"]:
            assert (b["avance"] if b["alto"] is not None else "ND") in rotulos, (nombre, b)
        _sin_cruces(textos, trazos, nombre)


def test_los_casos_del_issue(casos):
    """Los rótulos que cruzaba la línea de 95 (2023: «100.0» de OP.05; 2019: los cuatro
    «100.0»; PEI 2022: «96.77») van dentro de su barra, debajo de la línea."""
    por_nombre = dict(casos)
    for nombre, codigos in (("pnp_2024-2023", ["OP.05"]),
                            ("pnp_2024-2019", ["OP.01", "OP.02", "OP.03", "OP.04"]),
                            ("pei_ejemplo-2022", ["OEI.01"])):
        g = por_nombre[nombre]["grafico"]
        alto_95 = next(u["alto"] for u in g["umbrales"] if u["valor"] == "95")
        for b in g["barras"]:
            if b["codigo"] in codigos:
                assert b["rotulo_dentro"] + g["alto_rotulo"] < alto_95, (nombre, b)
    assert re.fullmatch(r"[\d,]+\.\d", por_nombre["acorralado0-2024"]["grafico"]["barras"][0]
                        ["avance"])
