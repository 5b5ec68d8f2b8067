"""Libros sintéticos de la plantilla para medir (y probar) a escala.

Uso (herramienta de desarrollo; el programa no la importa):

    python benchmarks/generar.py 10000 /tmp/penitencia-bench/sintetico_10000.xlsx

Un libro de N indicadores con 12 años (2019-2030) de logros esperados y valores obtenidos, ~10 % de
celdas ND (texto "ND", "-", "n.d." o vacías), ambos sentidos y ambas acumulaciones, y las formas de
celda de valor que admite la plantilla: números enteros y con decimales, números con formato de
porcentaje (0.365 mostrado 36.5 %), textos "36.5%" y "1,234.5", y algún cero; las formas de porcentaje en
indicadores de unidad Porcentaje, las otras en los de unidad Número, para que los avances sean
verosímiles (entre 40 y 175 %). Alrededor de un 20 %
de los indicadores son de OP (IOP) y el resto de servicio (ISS).

:func:`datos` construye el contenido (determinista, según la semilla) y guarda, junto a cada celda,
el valor que el analista ve (``Decimal`` o ``None`` = ND): así las pruebas calculan el avance por su
cuenta, sin pasar por el lector ni por las reglas. :func:`escribir` lo vuelca con openpyxl en modo
``write_only`` (100 000 indicadores en menos de un minuto).
"""

from __future__ import annotations

import argparse
import random
import tempfile
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

ANIOS = list(range(2019, 2031))
VERSION = 3
"""Cambia cuando cambia el contenido generado (invalida los libros guardados)."""
CARPETA = Path(tempfile.gettempdir()) / "penitencia-bench"
"""Carpeta donde se guardan (y reutilizan) los libros generados."""

ND_TEXTOS = ("ND", "-", "n.d.", None)
"""Formas de ND que se escriben (None = celda vacía)."""


@dataclass
class Celda:
    """Lo que se escribe en la celda y lo que el analista ve en ella."""

    escrito: object
    visto: Decimal | None
    formato: str | None = None


@dataclass
class IndicadorSintetico:
    codigo: str
    nivel: str
    pertenece_a: str
    sentido: str
    acumulacion: str
    porcentaje: bool = False
    lb_valor: int = 0
    le: dict[int, Celda] = field(default_factory=dict)
    vo: dict[int, Celda] = field(default_factory=dict)


@dataclass
class Datos:
    n: int
    estructura: list[tuple[str, str, str | None, str]]
    """(codigo, nivel, padre, enunciado)."""
    indicadores: list[IndicadorSintetico]

    @property
    def op_de(self) -> dict[str, str]:
        """Código de cada elemento de la estructura → su OP."""
        padre = {c: p for c, _, p, _ in self.estructura}
        resultado = {}
        for codigo in padre:
            actual = codigo
            while padre[actual] is not None:
                actual = padre[actual]
            resultado[codigo] = actual
        return resultado


def _celda(rnd: random.Random, base: Decimal, porcentaje: bool) -> Celda:
    """Una celda de valor: ~10 % ND, y varias formas de escribir un número.

    Un indicador en porcentaje (``base`` entre 0 y 100) se escribe como número con formato de
    porcentaje (Excel guarda 0.365 y muestra 36.5 %), como texto "36.5%" o como número simple; uno
    en número, como entero, con un decimal o como texto con separador de miles ("1,234.5").
    """
    r = rnd.random()
    if r < 0.10:
        return Celda(rnd.choice(ND_TEXTOS), None)
    if r < 0.11:
        return Celda(0, Decimal(0))
    if porcentaje:
        v = base.quantize(Decimal("0.1"))
        if r < 0.70:
            return Celda(float(v / 100), v, "0.0%")
        if r < 0.85:
            return Celda(f"{v}%", v)
        return Celda(float(v), v)
    if r < 0.55:
        v = base.quantize(Decimal(1))
        return Celda(int(v), v)
    if r < 0.90:
        v = base.quantize(Decimal("0.1"))
        return Celda(float(v), v)
    v = base.quantize(Decimal("0.1"))
    return Celda(f"{v:,}", v)


def datos(n: int, semilla: int = 2030) -> Datos:
    """El contenido de un libro de ``n`` indicadores (mismo ``n`` y semilla → mismo libro)."""
    rnd = random.Random(semilla * 1_000_003 + n)
    n_iop = max(1, n // 5)
    n_iss = n - n_iop
    n_op = max(2, min(60, n // 200 + 2))
    n_ss = max(1, n_iss // 4)
    estructura: list[tuple[str, str, str | None, str]] = []
    ops = [f"OP.{i:02d}" for i in range(1, n_op + 1)]
    lns: list[str] = []
    for op in ops:
        estructura.append((op, "OP", None, f"Objetivo prioritario {op}"))
        for j in range(1, 4):
            ln = f"LN.{op[3:]}.{j:02d}"
            lns.append(ln)
            estructura.append((ln, "LN", op, f"Lineamiento {ln}"))
    sss: list[str] = []
    for k in range(n_ss):
        ln = lns[k % len(lns)]
        ss = f"SS.{ln[3:]}.{k // len(lns) + 1:03d}"
        sss.append(ss)
        estructura.append((ss, "SS", ln, f"Servicio {ss}"))

    indicadores = []
    for i in range(n):
        if i < n_iop:
            nivel, pertenece = "IOP", ops[i % n_op]
            codigo = f"IOP.{pertenece[3:]}.{i // n_op + 1:04d}"
        else:
            k = i - n_iop
            nivel, pertenece = "ISS", sss[k % len(sss)]
            codigo = f"ISS.{pertenece[3:]}.{k // len(sss) + 1:02d}"
        ind = IndicadorSintetico(
            codigo, nivel, pertenece,
            rnd.choice(("Ascendente", "Descendente")),
            rnd.choice(("Acumulado", "No acumulado")),
        )
        ind.porcentaje = rnd.random() < 0.4
        escala = Decimal(rnd.randint(10, 60) if ind.porcentaje else rnd.randint(5, 50_000))
        ind.lb_valor = int(escala)
        for anio in ANIOS:
            meta = escala * Decimal(rnd.randint(80, 130)) / 100
            logro = meta * Decimal(rnd.randint(40, 140)) / 100
            ind.le[anio] = _celda(rnd, meta, ind.porcentaje)
            ind.vo[anio] = _celda(rnd, logro, ind.porcentaje)
        indicadores.append(ind)
    return Datos(n, estructura, indicadores)


def escribir(d: Datos, ruta: Path) -> Path:
    """Escribe el libro con openpyxl en modo ``write_only`` (streaming)."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Politica")
    ws.append(["campo", "valor"])
    ws.append(["nombre", f"Política sintética de {d.n} indicadores"])
    ws.append(["sector", "99: PRUEBA"])
    ws.append(["ministerio conductor", "999: MINISTERIO DE PRUEBA"])
    ws.append(["tipo", "SECTORIAL"])

    ws = wb.create_sheet("Estructura")
    ws.append(["codigo", "nivel", "padre", "enunciado"])
    for fila in d.estructura:
        ws.append(list(fila))

    ws = wb.create_sheet("Indicadores")
    ws.append(["codigo", "nivel", "pertenece_a", "nombre", "responsable", "tipo", "sentido",
               "acumulacion", "unidad", "lb_anio", "lb_valor"])
    for ind in d.indicadores:
        ws.append([ind.codigo, ind.nivel, ind.pertenece_a, f"Indicador {ind.codigo}",
                   "ENTIDAD", "Alcance" if ind.nivel == "ISS" else None, ind.sentido,
                   ind.acumulacion, "Porcentaje" if ind.porcentaje else "Número", 2018, ind.lb_valor])

    for titulo, serie in (("Logros esperados", "le"), ("Valores obtenidos", "vo")):
        ws = wb.create_sheet(titulo)
        ws.append(["codigo", *ANIOS])
        for ind in d.indicadores:
            fila: list[object] = [ind.codigo]
            for anio in ANIOS:
                c = getattr(ind, serie)[anio]
                if c.formato:
                    celda = WriteOnlyCell(ws, c.escrito)
                    celda.number_format = c.formato
                    fila.append(celda)
                else:
                    fila.append(c.escrito)
            ws.append(fila)
    ruta = Path(ruta)
    ruta.parent.mkdir(parents=True, exist_ok=True)
    wb.save(ruta)
    dimensiones = ["A1:B5", f"A1:D{len(d.estructura) + 1}", f"A1:K{d.n + 1}",
                   f"A1:{_letra(len(ANIOS) + 1)}{d.n + 1}", f"A1:{_letra(len(ANIOS) + 1)}{d.n + 1}"]
    _poner_dimensiones(ruta, dimensiones)
    return ruta


def _letra(columna: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(columna)


def _poner_dimensiones(ruta: Path, dimensiones: list[str]) -> None:
    """Añade a cada hoja el elemento ``<dimension ref="A1:M10001"/>``, como lo escribe Excel.

    El modo ``write_only`` de openpyxl no lo escribe (no conoce el tamaño al empezar), y sin él el
    lector ``read_only`` de openpyxl recorre cada hoja entera una vez más sólo para medirla: un libro
    así sería más lento de leer que uno guardado por Excel, y el banco de pruebas mediría eso.
    """
    import shutil
    import zipfile

    temporal = ruta.with_suffix(".dim.xlsx")
    with zipfile.ZipFile(ruta) as origen, zipfile.ZipFile(
        temporal, "w", compression=zipfile.ZIP_DEFLATED
    ) as destino:
        for info in origen.infolist():
            if info.filename.startswith("xl/worksheets/sheet"):
                indice = int(info.filename.removeprefix("xl/worksheets/sheet").split(".")[0])
                xml = origen.read(info)
                marca = b"</sheetPr>"
                pos = xml.index(marca) + len(marca)
                elemento = f'<dimension ref="{dimensiones[indice - 1]}" />'.encode()
                destino.writestr(info, xml[:pos] + elemento + xml[pos:])
            else:
                with origen.open(info) as f, destino.open(info, "w") as g:
                    shutil.copyfileobj(f, g)
    temporal.replace(ruta)


def libro(n: int, carpeta: Path = CARPETA, semilla: int = 2030) -> Path:
    """Ruta de un libro de ``n`` indicadores; lo genera sólo si no está ya en ``carpeta``."""
    ruta = Path(carpeta) / f"sintetico_v{VERSION}_{n}_s{semilla}.xlsx"
    if not ruta.exists():
        temporal = ruta.with_suffix(".tmp.xlsx")
        escribir(datos(n, semilla), temporal)
        temporal.replace(ruta)
    return ruta


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("n", type=int, help="número de indicadores")
    p.add_argument("salida", type=Path, nargs="?", help="ruta del .xlsx (por omisión, en "
                   f"{CARPETA})")
    p.add_argument("--semilla", type=int, default=2030)
    a = p.parse_args()
    if a.salida is None:
        print(libro(a.n, semilla=a.semilla))
    else:
        print(escribir(datos(a.n, a.semilla), a.salida))


if __name__ == "__main__":
    main()
