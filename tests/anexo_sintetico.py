"""Anexos B-7 sintéticos: la maqueta del aplicativo CEPLAN impresa con Typst, con sus partes
difíciles (nombres de varias líneas arriba y abajo de la línea de números, celdas ND y en blanco,
filas y bloques cortados entre páginas, periodos de dos y de siete años, rótulos con letras
espaciadas, pies «1/6» y «Pag 1/3»). Las pruebas de ``tests/test_anexo_b7*.py`` los construyen;
nada binario en git.

Cada valor se da como texto impreso («30.00», «ND», «» para una celda en blanco).
"""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

FUENTES = (Path(__file__).resolve().parent.parent / "penitencia_cli" / "salida" / "publicacion"
           / "fuentes")


@dataclass
class Ind:
    codigo: str
    nombre: str
    unidad: str = "Número"
    lb: tuple[str, str] = ("2017", "23.00")
    actual: tuple[str, str] = ("2018", "26.00")
    le: list[str] = field(default_factory=list)
    vo: list[str] = field(default_factory=list)
    av: list[str] = field(default_factory=list)
    ue: str = "000084-INSTITUTO GEOFISICO DEL PERU"
    unidad_organica: str = "05.01-DIRECCIÓN CIENTÍFICA"


@dataclass
class Bloque:
    codigos: tuple[str, ...]
    """``("OEI.01",)`` o ``("OEI.01", "AEI.01.01")``."""
    enunciado: str
    prioridad: int | None = 1
    indicadores: list[Ind] = field(default_factory=list)


def _t(texto: str) -> str:
    """Texto para Typst: en modo contenido, sin marcado."""
    especiales = "\\#*_`$<>@[]~/=-+\"'"
    return "".join("\\" + c if c in especiales else c for c in texto)


def fuente_typst(periodo: tuple[int, int], bloques: list[Bloque], *, pie: str = "barra",
                 espaciado: bool = False, papel: str = "a4", letra: float = 6.5,
                 ancho_nombre: str = "2.6cm", ancho_ue: str = "1.7cm", nota: bool = True,
                 navegador: bool = True, alto: str | None = None) -> str:
    anios = list(range(periodo[0], periodo[1] + 1))
    n = len(anios)
    sec = "#text(tracking: 1.2pt)[Sector]" if espaciado else "Sector"
    indicador = "#text(tracking: 1.5pt)[INDICADOR]" if espaciado else "INDICADOR"
    if pie == "barra":
        numero = 'context counter(page).display("1/1", both: true)'
    else:
        numero = 'context [Pag #counter(page).display("1/1", both: true)]'
    tam = f'width: 27.9cm, height: {alto or "21.6cm"}' if papel == "carta" else (
        f'width: 29.7cm, height: {alto or "21cm"}')
    cabeza = ("[#set text(size: 5pt); 29/4/22, 16:31 #h(1fr) PEI Indicadores #h(1fr)]"
              if navegador else "none")
    partes = [f"""
#set page({tam}, margin: (x: 0.9cm, top: 1.2cm, bottom: 1.2cm),
  header: {cabeza},
  footer: [#set text(size: 5pt); app.ceplan.gob.pe/POI2021/Reportes/PEI/Indicador.aspx #h(1fr)
           #{numero}])
#set text(font: "DejaVu Sans Condensed", size: {letra}pt, lang: "es")
#set par(leading: 0.45em)
#align(center)[#text(size: {letra + 1}pt)[*Anexo B-7* \\
  *SEGUIMIENTO DEL PLAN ESTRATÉGICO INSTITUCIONAL (PEI)*]]
#v(0.4cm)
#grid(columns: (3.2cm, auto), row-gutter: 0.25cm,
  [*Periodo PEI :*], [{periodo[0]} - {periodo[1]}],
  [*Nivel de Gobierno :*], [E - GOBIERNO NACIONAL],
  [*{sec} :*], [05 - AMBIENTAL],
  [*Pliego :*], [112 - INSTITUTO GEOFISICO DEL PERU])
#v(0.4cm)
"""]
    columnas = (f"(auto, {ancho_nombre}, auto, auto, auto, auto, auto, "
                + ", ".join(["auto"] * (3 * n)) + f", {ancho_ue}, 1.7cm)")
    total = 9 + 3 * n
    for b in bloques:
        codigos = " ".join(b.codigos)
        prioridad = f" (Prioridad:{b.prioridad})" if b.prioridad is not None else ""
        filas = [
            f"table.cell(colspan: 1, align: left + horizon)[{_t(codigos)}]",
            f"table.cell(colspan: {total - 1}, align: left + horizon)"
            f"[{_t(b.enunciado + prioridad)}]",
            "table.cell(rowspan: 2)[COD.]", f"table.cell(rowspan: 2)[{indicador}]",
            "table.cell(rowspan: 2)[PARAMETRO \\ DE \\ MEDICION]",
            "table.cell(colspan: 2)[LINEA BASE]", "table.cell(colspan: 2)[VALOR \\ ACTUAL]",
            f"table.cell(colspan: {n})[LOGRO ESPERADO]",
            f"table.cell(colspan: {n})[VALOR OBTENIDO]", f"table.cell(colspan: {n})[AVANCE (%)]",
            "table.cell(rowspan: 2)[UE]", "table.cell(rowspan: 2)[UNIDAD \\ ORGANICA \\ "
            "RESPONSABLE]",
            "[Año]", "[Valor]", "[Año]", "[Valor]",
            *[f"[{a}]" for a in anios * 3],
        ]
        for ind in b.indicadores:
            numeros = [*ind.lb, *ind.actual, *ind.le, *ind.vo, *ind.av]
            filas += [
                f"[{_t(ind.codigo)}]", f"table.cell(align: left + horizon)[{_t(ind.nombre)}]",
                f"[{_t(ind.unidad)}]",
                *[f"table.cell(align: right + horizon)[{_t(v)}]" for v in numeros],
                f"table.cell(align: left + horizon)[{_t(ind.ue)}]",
                f"table.cell(align: left + horizon)[{_t(ind.unidad_organica)}]",
            ]
        partes.append(f"#table(columns: {columnas}, align: center + horizon, stroke: none, "
                      "inset: (x: 2.2pt, y: 3pt),\n  " + ",\n  ".join(filas) + ")\n")
    if nota:
        partes.append("NOTA : El porcentaje de avance de los indicadores ha sido truncado en "
                      "100 %\n")
    return "".join(partes)


_COMPILAR = """
import sys, typst
fuentes = typst.Fonts(include_system_fonts=False, include_embedded_fonts=False,
                      font_paths=[sys.argv[1]])
sys.stdout.buffer.write(typst.compile(sys.stdin.buffer.read(), font_paths=fuentes, format="pdf"))
"""
_COMPILADOS: dict[str, bytes] = {}


def compilar(fuente: str) -> bytes:
    """El PDF de una fuente Typst, compilado en otro proceso: Typst guarda en memoria lo que
    compila y no lo suelta (unos 4 MB por Anexo), y el proceso de las pruebas crecería (y con él
    cada proceso hijo que se bifurque de él, lo que miden otras pruebas de memoria)."""
    if fuente not in _COMPILADOS:
        r = subprocess.run([sys.executable, "-c", _COMPILAR, str(FUENTES)],
                           input=fuente.encode("utf-8"), capture_output=True, check=False)
        if r.returncode != 0:
            raise RuntimeError(r.stderr.decode("utf-8", "replace")[-2000:])
        _COMPILADOS[fuente] = r.stdout
    return _COMPILADOS[fuente]


def anexo_pdf(periodo: tuple[int, int], bloques: list[Bloque], **opciones) -> bytes:
    """El PDF de un Anexo B-7 sintético (ver :func:`fuente_typst` para las opciones)."""
    return compilar(fuente_typst(periodo, bloques, **opciones))


def valores(n: int, inicio: float = 10.0, paso: float = 2.0) -> list[str]:
    return [f"{inicio + k * paso:.2f}" for k in range(n)]


def ejemplo(periodo: tuple[int, int] = (2020, 2025)) -> list[Bloque]:
    """Tres bloques con las partes difíciles: un nombre largo (varias líneas arriba y abajo de
    la línea de números), ND, una celda en blanco, dos indicadores en un bloque."""
    n = periodo[1] - periodo[0] + 1
    mitad = max(1, n // 2)
    le = valores(n, 32, 3)
    vo = [*valores(mitad, 35, -3)] + ["ND"] * (n - mitad)
    av = ["100", "91.43", "ND", "ND", "ND", "ND", "ND"][:mitad] + ["ND"] * (n - mitad)
    largo = ("numero de investigaciones cientificas en el campo de la geofisica y ciencias "
             "afines transferidas a las entidades del SINAGERD.")
    return [
        Bloque(("OEI.01",), "INCREMENTAR EL CONOCIMIENTO CIENTIFICO EN EL CAMPO DE LA GEOFISICA",
               1, [Ind("IND.01.OEI.01", largo, le=le, vo=vo, av=av),
                   Ind("IND.02.OEI.01", "porcentaje de entidades que acceden a la informacion",
                       "Porcentaje", ("2017", "ND"), ("2018", ""), le=valores(n, 40, 10),
                       vo=["40.00"] + [""] * (n - 1), av=["100.00"] + [""] * (n - 1),
                       unidad_organica="05.02-CIENCIAS DE LA TIERRA SOLIDA")]),
        Bloque(("OEI.01", "AEI.01.01"), "INVESTIGACIONES EN CIENCIAS DE LA TIERRA SÒLIDA DE "
               "CALIDAD PARA LAS ENTIDADES.", 1,
               [Ind("IND.01.AEI.01.01", "numero de investigaciones en ciencias de la tierra",
                    lb=("2017", "4.00"), actual=("2018", "5.00"), le=valores(n, 7, 1),
                    vo=["7.00"] + ["ND"] * (n - 1), av=["100.00"] + ["ND"] * (n - 1))]),
        Bloque(("OEI.02",), "MEJORAR EL NIVEL DE CONOCIMIENTO SOBRE PELIGROS GEOFISICOS.", 2,
               [Ind("IND.01.OEI.02", "porcentaje de riesgos del IGP, reducidos", "Porcentaje",
                    ("2017", "ND"), ("2018", "ND"), le=valores(n, 20, 20),
                    vo=["0.00"] + ["ND"] * (n - 1), av=["0"] + ["ND"] * (n - 1),
                    unidad_organica="04.01-GERENCIA GENERAL")]),
    ]


# --- PDF hechos a mano, para las pruebas de archivos hostiles ------------------------------------


def pdf_crudo(objetos: list[bytes], raiz: int = 1) -> bytes:
    """Un PDF con estos objetos (numerados desde 1) y su tabla de referencias."""
    salida = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    posiciones = []
    for i, cuerpo in enumerate(objetos, 1):
        posiciones.append(len(salida))
        salida += b"%d 0 obj\n" % i + cuerpo + b"\nendobj\n"
    xref = len(salida)
    salida += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objetos) + 1)
    for p in posiciones:
        salida += b"%010d 00000 n \n" % p
    salida += (b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n"
               % (len(objetos) + 1, raiz, xref))
    return bytes(salida)


def flujo(diccionario: bytes, datos: bytes) -> bytes:
    return b"<< " + diccionario + b" /Length %d >>\nstream\n" % len(datos) + datos + b"\nendstream"


def pagina_con(contenido_comprimido: bytes, paginas: int = 1) -> bytes:
    """Un PDF de ``paginas`` páginas que comparten un contenido ya comprimido (FlateDecode)."""
    kids = b" ".join(b"%d 0 R" % (5 + k) for k in range(paginas))
    return pdf_crudo([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % paginas,
        flujo(b"/Filter /FlateDecode", contenido_comprimido),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        *[b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
          b"/Resources << /Font << /F1 4 0 R >> >> /Contents 3 0 R >>"] * paginas,
    ])


def texto_pdf(texto: str = "Hola mundo", paginas: int = 1) -> bytes:
    import zlib

    return pagina_con(zlib.compress(b"BT /F1 12 Tf 72 700 Td (" + texto.encode("latin-1")
                                    + b") Tj ET"), paginas)


def bomba_pdf(bytes_inflados: int) -> bytes:
    """Un PDF de una página cuyo contenido se infla a ``bytes_inflados`` (espacios)."""
    import zlib

    compresor = zlib.compressobj(9)
    partes = [compresor.compress(b"BT /F1 12 Tf 72 700 Td (Hola) Tj ET\n")]
    bloque = b" " * (1 << 20)
    for _ in range(bytes_inflados >> 20):
        partes.append(compresor.compress(bloque))
    partes.append(compresor.flush())
    return pagina_con(b"".join(partes))
