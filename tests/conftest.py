"""Utilidades de prueba: libros de la plantilla construidos por las propias pruebas."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest

RAIZ = Path(__file__).resolve().parent.parent
MUESTRA = RAIZ / "samples" / "pnp_2024.xlsx"
GOLDEN = Path(__file__).resolve().parent / "golden"

HOJAS_MINIMAS: dict[str, list[list]] = {
    "Politica": [
        ["campo", "valor"],
        ["nombre", "Política de prueba"],
        ["sector", "99: PRUEBA"],
        ["ministerio conductor", "999: MINISTERIO DE PRUEBA"],
        ["tipo", "SECTORIAL"],
    ],
    "Estructura": [
        ["codigo", "nivel", "padre", "enunciado"],
        ["OP.01", "OP", None, "Objetivo uno"],
        ["LN.01.01", "LN", "OP.01", "Lineamiento uno"],
        ["SS.01.01.01", "SS", "LN.01.01", "Servicio uno"],
        ["OP.02", "OP", None, "Objetivo dos"],
    ],
    "Indicadores": [
        ["codigo", "nivel", "pertenece_a", "nombre", "responsable", "tipo", "sentido",
         "acumulacion", "unidad", "lb_anio", "lb_valor"],
        ["IOP.01.01", "IOP", "OP.01", "Indicador ascendente", "INPE", None, "Ascendente",
         "Acumulado", "Porcentaje", 2022, 10],
        ["IOP.01.02", "IOP", "OP.01", "Indicador descendente", "INPE", None, "Descendente",
         "No acumulado", "Porcentaje", 2022, 40],
        ["ISS.01.01.01.01", "ISS", "SS.01.01.01", "Indicador de servicio", "INPE", "Alcance",
         "Ascendente", "Acumulado", "Número", 2022, 5],
        ["IOP.02.01", "IOP", "OP.02", "Indicador sin dato", "INPE", None, "Ascendente",
         "Acumulado", "Porcentaje", None, None],
    ],
    "Logros esperados": [
        ["codigo", 2023, 2024],
        ["IOP.01.01", 20, 40],
        ["IOP.01.02", 30, 25],
        ["ISS.01.01.01.01", 8, 10],
        ["IOP.02.01", "ND", "ND"],
    ],
    "Valores obtenidos": [
        ["codigo", 2023, 2024],
        ["IOP.01.01", 15, 30],
        ["IOP.01.02", 35, 20],
        ["ISS.01.01.01.01", 8, 12],
        ["IOP.02.01", None, "ND"],
    ],
}
"""Una política pequeña y válida. 2024: IOP.01.01 75.0, IOP.01.02 125.0, ISS 120.0,
IOP.02.01 ND; OP.01 100.0, OP.02 ND; índice 100.0."""


HOJAS_PEI: dict[str, list[list]] = {
    "Politica": [
        ["campo", "valor"],
        ["nombre", "PEI de prueba 2021-2023"],
        ["instrumento", "PEI"],
        ["entidad", "999: ENTIDAD DE PRUEBA"],
        ["periodo", "2021-2023"],
    ],
    "Estructura": [
        ["codigo", "nivel", "padre", "enunciado"],
        ["OEI.01", "OEI", None, "Objetivo uno"],
        ["AEI.01.01", "AEI", "OEI.01", "Acción uno uno"],
        ["AEI.01.02", "AEI", "OEI.01", "Acción uno dos"],
        ["OEI.02", "OEI", None, "Objetivo dos"],
        ["AEI.02.01", "AEI", "OEI.02", "Acción dos uno"],
    ],
    "Indicadores": [  # sin sentido ni acumulación; dos sin nivel (se deduce de pertenece_a)
        ["codigo", "nivel", "pertenece_a", "nombre", "unidad"],
        ["IOEI.01.01", "IOEI", "OEI.01", "Publicaciones difundidas", "Número"],
        ["IOEI.01.02", "IOEI", "OEI.01", "Usuarios satisfechos", "Porcentaje"],
        ["IOEI.02.01", None, "OEI.02", "Registros pendientes de integrar", "Número"],
        ["IOEI.02.02", "IOEI", "OEI.02", "Cobertura de registros", "Porcentaje"],
        ["IAEI.01.01.01", "IAEI", "AEI.01.01", "Regiones integradas", "Número"],
        ["IAEI.01.02.01", "IAEI", "AEI.01.02", "Días de atención", "Días"],
        ["IAEI.02.01.01", None, "AEI.02.01", "Registradores capacitados", "Porcentaje"],
    ],
    "Logros esperados": [
        ["codigo", 2021, 2022, 2023],
        ["IOEI.01.01", 40, 50, 60],
        ["IOEI.01.02", 62, 62, 62],
        ["IOEI.02.01", 5, 10, 0],  # sube y cae a 0: descendente
        ["IOEI.02.02", "S.P.", 200, 220],
        ["IAEI.01.01.01", 0, 0, 4],
        ["IAEI.01.02.01", 15, 12, 10],
        ["IAEI.02.01.01", 20, 40, 60],
    ],
    "Valores obtenidos": [
        ["codigo", 2021, 2022, 2023],
        ["IOEI.01.01", 30, 105.7, None],
        ["IOEI.01.02", 50, 58, None],
        ["IOEI.02.01", 6, 11, None],
        ["IOEI.02.02", 10, 149.9, None],
        ["IAEI.01.01.01", 0, 2, None],
        ["IAEI.01.02.01", 16, 12.9, None],
        ["IAEI.02.01.01", 22, 8, None],
    ],
}
"""Un PEI pequeño sin ningún sentido. 2022 (a mano, dos decimales, cada indicador truncado en
100): IOEI.01.01 211.40 → 100.00, IOEI.01.02 93.55 (58/62), IOEI.02.01 90.91 (descendente 10/11),
IOEI.02.02 74.95 ([0-75%>), IAEI.01.01.01 100.00 (meta cero superada), IAEI.01.02.01 93.02
(descendente 12/12.9), IAEI.02.01.01 20.00; OEI.01 96.77, OEI.02 82.93; AEI 100.00, 93.02, 20.00;
índice 89.85. 2021: OEI.01 77.82, OEI.02 83.33 (1 de 2: LE S.P.); índice 80.58."""


def hojas_pei() -> dict[str, list[list]]:
    """Copia modificable de :data:`HOJAS_PEI`."""
    return copy.deepcopy(HOJAS_PEI)


def hojas_minimas() -> dict[str, list[list]]:
    """Copia modificable de :data:`HOJAS_MINIMAS`."""
    return copy.deepcopy(HOJAS_MINIMAS)


def preparada(matriz, perfil=None):
    """La matriz preparada con el perfil de su instrumento (lo que hace la capa de comandos al
    cargar un libro) o con ``perfil``, si se da (uno modificado con ``dataclasses.replace``)."""
    from penitencia_cli.reglas.metodologia import perfil_de
    from penitencia_cli.reglas.sentido import preparar

    return preparar(matriz, perfil if perfil is not None else perfil_de(matriz.ficha.instrumento))


def calcular(matriz, anio, perfil=None, **opciones):
    """:func:`~penitencia_cli.reglas.agregados.calcular` sobre la matriz preparada."""
    from penitencia_cli.reglas.agregados import calcular as calcular_

    return calcular_(preparada(matriz, perfil), anio, **opciones)


def escribir_libro(ruta: Path, hojas: dict[str, list[list]]) -> Path:
    """Escribe un .xlsx con esas hojas. Una celda puede ser ``(valor, formato_de_numero)``."""
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    for titulo, filas in hojas.items():
        ws = wb.create_sheet(titulo)
        for i, fila in enumerate(filas, start=1):
            for j, valor in enumerate(fila, start=1):
                formato = None
                if isinstance(valor, tuple):
                    valor, formato = valor
                celda = ws.cell(i, j, valor)
                if formato:
                    celda.number_format = formato
    wb.save(ruta)
    return ruta


def llenar(ruta, hojas: dict[str, list[list]]) -> None:
    """Llena una plantilla escrita por ``penitencia plantilla``: cada fila de datos bajo el
    encabezado que le corresponde; en Politica, el valor de cada campo (los que falten se
    añaden). Una hoja que la plantilla no tiene (``Avance publicado``) se crea."""
    from openpyxl import load_workbook

    from penitencia_cli.contrato import normalizar

    wb = load_workbook(ruta)
    for titulo, filas in hojas.items():
        if titulo not in wb.sheetnames:
            ws = wb.create_sheet(titulo)
            for fila in filas:
                ws.append(fila)
            continue
        ws = wb[titulo]
        encabezado = [normalizar(c.value) for c in ws[1] if c.value is not None]
        if titulo == "Politica":  # los campos ya están escritos: se llena la columna valor
            campos = {normalizar(ws.cell(i, 1).value): i for i in range(2, ws.max_row + 1)}
            for campo, valor in filas[1:]:
                fila = campos.get(normalizar(campo))
                if fila is None:
                    fila = campos[normalizar(campo)] = ws.max_row + 1
                    ws.cell(fila, 1, campo)
                ws.cell(fila, 2, valor)
            continue
        suyas = [normalizar(c) for c in filas[0]]
        for i, fila in enumerate(filas[1:], start=2):
            for columna, valor in zip(suyas, fila):
                ws.cell(i, encabezado.index(columna) + 1, valor)
    wb.save(ruta)


@pytest.fixture(autouse=True)
def estado_aparte(tmp_path_factory, monkeypatch):
    """El registro de lo que escribe el programa (salida/autoria.py), en una carpeta temporal de
    cada prueba: ninguna prueba escribe en la carpeta de estado del usuario ni ve la de otra. Los
    procesos que lanza una prueba heredan estas variables."""
    carpeta = tmp_path_factory.mktemp("estado")
    monkeypatch.setenv("XDG_STATE_HOME", str(carpeta))
    monkeypatch.setenv("LOCALAPPDATA", str(carpeta))
    return carpeta / "penitencia"


@pytest.fixture
def libro(tmp_path):
    """Fábrica: ``libro(hojas=None, nombre="libro.xlsx")`` → ruta de un libro escrito."""

    def fabricar(hojas: dict[str, list[list]] | None = None, nombre: str = "libro.xlsx") -> Path:
        return escribir_libro(tmp_path / nombre, hojas if hojas is not None else hojas_minimas())

    return fabricar


@pytest.fixture
def runner():
    from typer.testing import CliRunner

    return CliRunner()


def senal_cuando_marque(guion: str, marca: Path, senal: int) -> tuple[int, str]:
    """Corre ``guion`` (Python) en otro proceso, espera a que cree ``marca`` y le manda
    ``senal``. Devuelve su código de salida y su salida de errores."""
    import os
    import subprocess
    import sys
    import time

    proceso = subprocess.Popen([sys.executable, "-c", guion], cwd=RAIZ, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True,
                               env=dict(os.environ, PYTHONPATH=str(RAIZ)))
    try:
        while not marca.exists():
            assert proceso.poll() is None, proceso.stderr.read()
            time.sleep(0.01)
        proceso.send_signal(senal)
        _, error = proceso.communicate(timeout=30)
    finally:
        proceso.kill()
    return proceso.returncode, error
