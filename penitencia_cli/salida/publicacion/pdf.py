"""El PDF del reporte con Typst (paquete ``typst`` de PyPI: el compilador va dentro de la rueda).

Este módulo no importa nada de penitencia_cli (ni pydantic ni openpyxl): los procesos que componen
las partes de una matriz grande lo ejecutan solo (``python -m
penitencia_cli.salida.publicacion.pdf PARTE.json PARTE.pdf``).

- Letra: sólo las fuentes del paquete (``fuentes/``), ni las del sistema ni las que Typst trae
  dentro: si la plantilla pidiera otra familia no hay a qué caer (Typst cae en silencio a una
  serif). Además toda advertencia de Typst es un error, y al final se comprueba con pypdf que el
  PDF sólo incrusta nuestras fuentes.
- Partes: Typst guarda en memoria todo el documento compuesto (~250 KB por fila de la matriz, y
  no lo libera entre compilaciones de un mismo proceso). Hasta 1.5 × :data:`FILAS_POR_PARTE`
  filas se compila de una vez en este proceso (PDF etiquetado, numerado por la plantilla). Más
  allá, la matriz se corta en partes, cada una compilada en un proceso nuevo (dos a la vez), en
  una carpeta temporal que se borra al terminar; se unen con pypdf y «Página N de M» se estampa
  después (``numeracion.typ``).
- Los procesos se lanzan con ``subprocess`` y ``sys.executable -m``, no con ``multiprocessing``:
  no dependen de cómo se lanzó el proceso principal (en Windows el script ``penitencia.exe`` y el
  método «spawn» de multiprocessing, que vuelve a importar ``__main__``) y los datos ya viajan en
  archivos de la carpeta temporal.
"""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime
from pathlib import Path

AQUI = Path(__file__).resolve().parent
PLANTILLAS = AQUI / "plantillas"
FUENTES = AQUI / "fuentes"
ARCHIVOS_FUENTE = ("DejaVuSansCondensed.ttf", "DejaVuSansCondensed-Bold.ttf")
NOMBRES_PDF_PERMITIDOS = frozenset({"DejaVuSansCondensed", "DejaVuSansCondensed-Bold"})
"""Nombres PostScript que pueden aparecer incrustados en el PDF: cualquier otro es un error."""
FILAS_POR_PARTE = 800
"""Filas de la matriz por compilación de Typst en un reporte en partes."""
PROCESOS = 2
"""Partes que se componen a la vez (cada proceso, hasta ~320 MB)."""


class ErrorPublicacion(RuntimeError):
    """La publicación no se pudo escribir tal como se promete (letra, plantilla, compilador)."""


def _fuentes_typst():
    """Sólo las fuentes del paquete: ni las del sistema ni las que Typst trae incrustadas."""
    import typst

    faltan = [n for n in ARCHIVOS_FUENTE if not (FUENTES / n).is_file()]
    if faltan:
        raise ErrorPublicacion(f"Faltan las fuentes del paquete: {', '.join(faltan)} (reinstale "
                               "penitencia).")
    return typst.Fonts(include_system_fonts=False, include_embedded_fonts=False,
                       font_paths=[str(FUENTES)])


def _compilar(plantilla: str, entradas: dict[str, str], momento: datetime,
              etiquetado: bool = True) -> bytes:
    """Una compilación. Cualquier advertencia de Typst (fuente desconocida...) es un error.
    ``etiquetado``: PDF etiquetado (accesible); las partes de un reporte grande van sin etiquetas
    (pypdf no une árboles de estructura)."""
    import typst

    momento = momento.astimezone().replace(microsecond=0)  # Typst: con zona, sin microsegundos
    compilador = typst.Compiler(str(PLANTILLAS / plantilla), root=str(PLANTILLAS),
                                font_paths=_fuentes_typst(), ignore_system_fonts=True,
                                sys_inputs=entradas)
    try:
        pdf, avisos = compilador.compile_with_warnings(format="pdf", timestamp=momento,
                                                       pdf_tags=etiquetado)
    except typst.TypstError as e:
        raise ErrorPublicacion(f"La plantilla {plantilla} no compila: {e.message}") from None
    if avisos:
        raise ErrorPublicacion("Typst avisó: " + "; ".join(a.message for a in avisos))
    return pdf


def _muestras(datos: dict) -> dict[str, list[str]]:
    """Los textos más largos de cada columna: la plantilla mide sólo éstos, y así todas las
    partes de un reporte dan a cada columna el mismo ancho."""
    M = datos["matriz"]
    filas = M["filas"]
    inds = [f for f in filas if f["nivel"] == "indicador"]

    def largos(textos, k: int = 6) -> list[str]:
        return sorted(set(textos), key=len, reverse=True)[:k] or [""]

    descriptivas = []
    for j, columna in enumerate(M["descriptivas"]):
        textos = [columna["titulo"]] if columna["partir"] == "lineas" else []
        for f in inds:
            texto = f["descriptivas"][j]
            textos += texto.split() if columna["partir"] == "palabras" else texto.split("\n")
        descriptivas.append(largos(textos))
    return {
        "codigo": largos(f["codigo"] for f in filas if f["nivel"] != "objetivo"),
        "codigo_objetivo": largos(f["codigo"] for f in filas if f["nivel"] == "objetivo"),
        "descriptivas": descriptivas,
        "lb_anio": largos(f["lb_anio"] for f in inds),
        "valor": largos([*(ln for f in inds for v in [f["lb_valor"], *f["valores"]]
                           for ln in v.split("\n")), *M["muestras_columnas"]]),
        "avance": largos(f["avance"] for f in filas if "avance" in f),
    }


def cortes_en_partes(filas: list[dict], objetivo: int) -> list[tuple[int, int]]:
    """Partes de unas ``objetivo`` filas. Se corta delante de un objetivo si hay uno cerca (entre
    la mitad y 1.5 veces el objetivo); si no, delante de un elemento de primer nivel (LN, AEI); si
    no, delante de cualquier título que siga a un indicador (nunca dentro de un grupo)."""
    if len(filas) <= objetivo * 1.5:
        return [(0, len(filas))]

    def titulo(f: dict, hasta: int) -> bool:
        return f["nivel"] != "indicador" and f.get("profundidad", 0) <= hasta

    cortes, inicio = [], 0
    while len(filas) - inicio > objetivo * 1.5:
        desde, hasta = inicio + objetivo // 2, min(inicio + objetivo * 3 // 2, len(filas) - 1)
        elegido = None
        for nivel in (0, 1, 99):
            candidatos = [i for i in range(desde, hasta) if titulo(filas[i], nivel)
                          and filas[i - 1]["nivel"] == "indicador"]
            if candidatos:
                elegido = min(candidatos, key=lambda i: abs(i - inicio - objetivo))
                break
        if elegido is None:
            elegido = inicio + objetivo
        cortes.append((inicio, elegido))
        inicio = elegido
    cortes.append((inicio, len(filas)))
    return cortes


def _compilar_parte(parte: dict) -> bytes:
    """Compila una parte: ``{"datos", "disposicion", "momento", "etiquetado"}``."""
    return _compilar("reporte.typ",
                     {"datos": json.dumps(parte["datos"], ensure_ascii=False),
                      "disposicion": json.dumps(parte["disposicion"], ensure_ascii=False)},
                     datetime.fromisoformat(parte["momento"]), parte["etiquetado"])


def _entorno_hijo() -> dict[str, str]:
    """El entorno de un proceso de parte: el mismo, con la carpeta de este paquete primera en
    PYTHONPATH (así importa este mismo código aunque no esté instalado)."""
    raiz = str(AQUI.parents[2])
    previo = os.environ.get("PYTHONPATH")
    return {**os.environ, "PYTHONPATH": raiz + (os.pathsep + previo if previo else "")}


def _compilar_en_proceso(entrada: Path, salida: Path) -> None:
    r = subprocess.run([sys.executable, "-m", __spec__.name, str(entrada), str(salida)],
                       env=_entorno_hijo(), stdin=subprocess.DEVNULL, capture_output=True,
                       text=True, encoding="utf-8", errors="replace")
    if r.returncode != 0 or not salida.is_file():
        detalle = (r.stderr or "").strip().splitlines()[-3:]
        raise ErrorPublicacion(f"No se pudo componer una parte del PDF (código {r.returncode}): "
                               + " ".join(detalle))


def compilar_pdf(datos: dict, filas_por_parte: int = FILAS_POR_PARTE,
                 procesos: int = PROCESOS) -> bytes:
    """El PDF en memoria, numerado «Página N de M»; en partes si la matriz es grande."""
    momento = datetime.fromisoformat(datos["pie"]["generado_iso"]).astimezone()
    filas = datos["matriz"]["filas"]
    muestras = _muestras(datos)
    cortes = cortes_en_partes(filas, filas_por_parte)

    def parte(k: int, a: int, b: int) -> dict:
        return {"datos": {**datos, "matriz": {**datos["matriz"], "filas": filas[a:b]}},
                "disposicion": {"primera": k == 0, "ultima": k == len(cortes) - 1,
                                "numerar": len(cortes) == 1, "muestras": muestras},
                "momento": momento.isoformat(), "etiquetado": len(cortes) == 1}

    if len(cortes) == 1:  # el caso común: una compilación, numerada por la propia plantilla
        return _compilar_parte(parte(0, 0, len(filas)))

    from pypdf import PdfReader, PdfWriter

    with tempfile.TemporaryDirectory(prefix="penitencia-reporte-") as carpeta:
        rutas = []
        for k, (a, b) in enumerate(cortes):
            entrada = Path(carpeta) / f"parte-{k:04d}.json"
            entrada.write_text(json.dumps(parte(k, a, b), ensure_ascii=False), encoding="utf-8")
            rutas.append((entrada, entrada.with_suffix(".pdf")))
        with ThreadPoolExecutor(max_workers=max(1, procesos)) as grupo:
            list(grupo.map(lambda r: _compilar_en_proceso(*r), rutas))
        escritor = PdfWriter()
        for _, pdf in rutas:
            escritor.append(PdfReader(pdf))
        total = len(escritor.pages)
        numeros = PdfReader(io.BytesIO(_compilar(
            "numeracion.typ", {"datos": json.dumps({"pie": datos["pie"]}, ensure_ascii=False),
                               "total": str(total)}, momento)))
        doc = datos["documento"]
        escritor.add_metadata({"/Title": doc["titulo_completo"], "/Author": doc["autor"],
                               "/Subject": doc["asunto"],
                               "/Keywords": ", ".join(doc["palabras_clave"]),
                               "/Creator": "penitencia (Typst)"})
        from pypdf.generic import NameObject, TextStringObject

        escritor.root_object[NameObject("/Lang")] = TextStringObject(doc["idioma"])
        _estampar(escritor, numeros)
        salida = io.BytesIO()
        escritor.write(salida)
    return salida.getvalue()


def _estampar(escritor, numeros) -> None:
    """Pone la página k de ``numeros`` encima de la página k del escritor (``merge_page``, la
    vía de pypdf para estampar) y vuelve a comprimir su contenido. Con 10 000 indicadores (599
    páginas), 1.0 s en lugar de los 0.2 s de añadir el número como un objeto de formulario con
    partes privadas de pypdf; la página se ve igual, píxel a píxel."""
    for pagina, numero in zip(escritor.pages, numeros.pages):
        pagina.merge_page(numero)
        pagina.compress_content_streams()


def fuentes_incrustadas(pdf: bytes) -> set[str]:
    """Nombres de las fuentes incrustadas en el PDF (sin el prefijo de subconjunto ABCDEF+)."""
    from pypdf import PdfReader

    nombres: set[str] = set()
    for pagina in PdfReader(io.BytesIO(pdf)).pages:
        recursos = pagina.get("/Resources") or {}
        fuentes = recursos.get("/Font") or {}
        for ref in fuentes.values():
            base = str(ref.get_object().get("/BaseFont", ""))
            nombres.add(re.sub(r"^/?([A-Z]{6}\+)?", "", base).removesuffix("-Identity-H"))
    return nombres


def escribir_pdf(datos: dict, ruta: Path | str) -> None:
    """Escribe el PDF en ``ruta`` (el temporal de :func:`~..archivos.escribir_atomico`)."""
    pdf = compilar_pdf(datos)
    ajenas = fuentes_incrustadas(pdf) - NOMBRES_PDF_PERMITIDOS
    if ajenas:
        raise ErrorPublicacion("El PDF incrusta fuentes ajenas al paquete: "
                               + ", ".join(sorted(ajenas)))
    Path(ruta).write_bytes(pdf)


def _principal(argumentos: list[str]) -> None:
    """Proceso de una parte: ``PARTE.json PARTE.pdf``."""
    entrada, salida = (Path(a) for a in argumentos)
    parte = json.loads(entrada.read_text(encoding="utf-8"))
    salida.write_bytes(_compilar_parte(parte))


if __name__ == "__main__":
    _principal(sys.argv[1:])
