"""El recorrido de una hoja: su XML por trozos, en una sola pasada, fila por fila; cada fila con
datos sale como ``(número de fila, [Celda, ...])`` sólo con sus celdas no vacías.

Dos motores, con el mismo resultado:

- **rápido**: la forma que escriben Excel, LibreOffice y openpyxl (``<row r=..>``, ``<c r= s= t=>``
  con ``<v>``, ``<f>`` o ``<is><t>``) se reconoce con UNA expresión regular en C por lote de filas
  (``findall``), sin una llamada de Python por etiqueta. Lo que está antes y después de
  ``<sheetData>`` (dimensión, columnas ocultas, celdas combinadas) lo lee expat. Sólo acepta XML
  bien formado: cualquier otra cosa (comentarios, CDATA, prefijos, otro orden de atributos, texto
  enriquecido, ``\\r``, caracteres de control, entidades desconocidas...) la entrega a...
- **general**: expat con espacios de nombres y manejadores, la semántica de openpyxl elemento por
  elemento. Si el rápido se topa con algo raro a mitad de hoja, el general relee la hoja desde el
  principio y sigue tras la última fila ya entregada.

En la misma pasada se vigilan los límites (:class:`~.seguridad.Limites`): etiquetas por fila
(en los bytes crudos, antes de analizar), filas CON DATOS, columnas y largo de los textos; y se
reúne lo que la guardia necesita: filas ocultas con datos, columnas ocultas, celdas combinadas.
"""

from __future__ import annotations

import re
from typing import Callable, Iterator

from .celdas import FORMULA_SIN_VALOR, Celda, letra
from .recorrido_general import MotorGeneral
from .seguridad import (
    ErrorDeHoja,
    FilaDesmedida,
    Limites,
    VigilanteDeEtiquetas,
    analizador,
    causa_ilegible,
)
from .textos import NoCanonico, cabeza_canonica, desescapar
from .valores import EPOCA_1900, columna, desde_excel, desde_iso8601, rango

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
TROZO = 128 * 1024
"""Bytes descomprimidos por lectura (también el tamaño típico de un lote de filas)."""
FILAS_POR_AVISO = 1000
Progreso = Callable[[str, int, "int | None"], None]
"""Aviso de progreso: ``(hoja, fila en curso, última fila declarada por <dimension> o None)``."""

_CELDA = (
    rb'<c r="([A-Z]{1,3})([0-9]{1,7})"(?: s="([0-9]{1,9})"|)(?: t="([a-zA-Z]{1,9})"|)'
    rb'(?:/>|>(<f(?:\s+[A-Za-z_][\w.:-]*="[^"<&]*")*\s*(?:/>|>[^<]*</f>)|)'
    rb'(?:<v>([^<]+)</v>|(<v></v>|<v/>)|<is><t(?: xml:space="preserve"|)>([^<]+)</t></is>|)'
    rb'</c>)')
_FILA = rb'<row r="([0-9]{1,7})"((?:\s+[A-Za-z_][\w.:-]*="[^"<&]*")*|)\s*(/?)>'
_TOKEN = re.compile(rb'(?:' + _CELDA + rb'|' + _FILA + rb'|(</row>)|\x00([0-9]+)\x00|(</sheetData>)'
                    rb'|\s+|(\S))')
"""Una celda, un comienzo de fila, un fin de fila, una racha de filas vacías (la marca
``\\x00n\\x00`` que pone :data:`_FILAS_VACIAS`), el fin de los datos, espacios, u otra cosa (un
carácter que no es de la forma conocida: se pasa al motor general). Las partes opcionales van como
ramas vacías (``(?:x|)``) y no como ``(?:x)?``: el motor de ``re`` las recorre un 30 % más
rápido."""
_CONTROL = bytes(range(0x00, 0x09)) + b"\x0b\x0c" + bytes(range(0x0e, 0x20)) + b"\r"
_PERMITIDOS = bytes(b for b in range(256) if b not in _CONTROL)


def raro(lote: bytes) -> bool:
    """¿Caracteres que XML prohíbe o normaliza (control, ``\\r``, U+FFFE/U+FFFF, ``]]>``)?
    Entonces decide el motor general. Con operaciones de bytes en C (``_RARO.search`` en Python
    costaba 20 % del recorrido)."""
    if lote.translate(None, _PERMITIDOS):
        return True
    if b"]" in lote and b"]]>" in lote:
        return True
    return not lote.isascii() and (b"\xef\xbf\xbe" in lote or b"\xef\xbf\xbf" in lote)

_OCULTA = re.compile(rb'\shidden="(?:1|true)"')
_FILAS_VACIAS = re.compile(rb'(?:<row r="[0-9]{1,7}"(?:\s+[A-Za-z_][\w.:-]*="[^"<&]*")*\s*/>\s*)+')
"""Filas vacías ``<row r=".." s="3" customFormat="1"/>`` seguidas: cada racha se cambia por una
marca ``\\x00n\\x00`` (n filas) con una pasada en C, sin un giro del bucle de Python por fila. La
marca no puede venir del libro: :func:`raro` rechaza antes todo ``\\x00``."""


def _marca_vacias(m: re.Match) -> bytes:
    return b"\x00%d\x00" % m.group().count(b"<row ")
_ATRIBUTO_RARO = re.compile(rb'\s(?:r|xmlns(?::[\w.-]+)?)\s*=')
_ENTIDAD_VALIDA = re.compile(rb"&(?:amp|lt|gt|quot|apos|#[0-9]{1,7}|#x[0-9a-fA-F]{1,6});")
_RAIZ = re.compile(rb'<worksheet\s(?:[^<>]*?\s)?xmlns="' + MAIN.encode() + rb'"[^<>]*>')
_DATOS = re.compile(rb"<sheetData\s*(/?)>")
_PREFIJO = re.compile(rb"<([A-Za-z_][\w.-]*):worksheet[\s>]")


class Hoja:
    """Una hoja para recorrer una vez: ``for n, celdas in hoja``. Tras el recorrido (o durante),
    sus atributos dan lo que la guardia necesita. Todo problema fatal es :class:`ErrorDeHoja`."""

    def __init__(self, titulo: str, abrir: Callable, textos, estilos, limites: Limites,
                 epoca=EPOCA_1900, progreso: Progreso | None = None):
        self.titulo = titulo
        self._abrir = abrir
        self.textos = textos
        self.estilos = estilos
        self.limites = limites
        self.epoca = epoca
        self.progreso = progreso
        self.total: int | None = None
        """Última fila según ``<dimension ref>`` (o ``None`` si no lo declara)."""
        self.columnas_ocultas: list[tuple[int, int]] = []
        """Rangos (desde, hasta) de columnas ocultas; se conocen antes de la primera fila."""
        self.filas_ocultas: list[int] = []
        """Filas ocultas (``<row hidden="1">``) que tienen datos, en orden."""
        self.ocultas_con_datos: dict[int, str] = {}
        """Columna oculta con datos → su primera celda con datos."""
        self.combinadas: list[str] = []
        """Rangos de celdas combinadas (``<mergeCell ref>``), al terminar."""
        self.avisos: list[tuple[str, str]] = []
        """Problemas que no detienen la lectura: (celda, mensaje), p. ej. un texto desmedido."""
        self.motor = ""
        """'rápido', 'general' o 'rápido+general' (para pruebas y mediciones)."""
        self._columnas_dims: dict[int, tuple[int, int, bool]] = {}
        self._vistas = 0  # elementos <row> ya recorridos (con datos o sin ellos)
        self._cache_estilos: dict[bytes, tuple[bool, bool, bool]] = {}
        self._cache_columnas: dict[bytes, int] = {}
        self._fila_abierta: tuple = (0, b"", [], False, False, False)
        self._leidas = 0  # filas con datos entregadas

    def __iter__(self) -> Iterator[tuple[int, list[Celda]]]:
        try:
            try:
                yield from self._rapido()
            except NoCanonico:
                self.motor = "rápido+general" if self._vistas else "general"
                yield from MotorGeneral(self).filas(saltar=self._vistas)
        except ErrorDeHoja:
            raise
        except Exception as exc:  # XML dañado u hostil: un mensaje, nunca una traza
            raise ErrorDeHoja(f"La hoja no se puede leer: {causa_ilegible(exc)}.") from exc

    # --- Lo común a los dos motores ------------------------------------------------------------

    def poner_columnas(self, atributos: dict) -> None:
        """Un ``<col>``: como openpyxl, uno posterior con el mismo ``min`` reemplaza al anterior."""
        minimo = int(atributos["min"])
        letra_valida(minimo)
        maximo = atributos.get("max", atributos["min"])
        oculta = atributos.get("hidden") in ("1", "true")
        if str(maximo).isdigit():
            self._columnas_dims[minimo] = (minimo, int(maximo), oculta)
        else:
            self._columnas_dims.pop(minimo, None)
        self.columnas_ocultas = [(a, b) for a, b, o in self._columnas_dims.values() if o]

    def poner_dimension(self, ref: str | None) -> None:
        try:
            limites = rango((ref or "").replace("$", ""))
        except ValueError:
            limites = None
        self.total = limites[3] if limites else None

    def revisar_fila(self, n: int, celdas: list[Celda]) -> None:
        """Los límites de una fila con datos, en el orden del lector anterior (openpyxl): la fila, y por
        celda la columna (fatal) y el largo del texto (aviso; se corta a 60 caracteres)."""
        lim = self.limites
        if n > lim.filas:
            raise ErrorDeHoja(f"La hoja llega a la fila {n:,}; el límite es {lim.filas:,} "
                              "filas. No se sigue leyendo.", f"{n}:{n}")
        ocultas = self.columnas_ocultas
        for c in celdas:
            if c.columna > lim.columnas:
                raise ErrorDeHoja(f"La hoja tiene datos en la columna {letra(c.columna)}; el "
                                  f"límite es {lim.columnas:,} columnas. No se sigue leyendo.",
                                  c.ref)
            if isinstance(c.valor, str) and len(c.valor) > lim.texto:
                self.avisos.append((c.ref, f"La celda tiene {len(c.valor):,} caracteres; Excel "
                                           f"admite {lim.texto:,}."))
                c.valor = c.valor[:60]
            if ocultas:
                for desde, hasta in ocultas:
                    if desde <= c.columna <= hasta:
                        self.ocultas_con_datos.setdefault(c.columna, c.ref)

    def avisar(self, n: int) -> None:
        self._leidas += 1
        if self.progreso is not None and self._leidas % FILAS_POR_AVISO == 0:
            self.progreso(self.titulo, n, self.total)

    def estructura(self):
        """Un expat para lo que está fuera de ``<sheetData>``: dimensión, columnas, combinadas."""
        dimension, col = MAIN + " dimension", MAIN + " col"
        merge_cells, merge_cell = MAIN + " mergeCells", MAIN + " mergeCell"

        fila = MAIN + " row"

        def inicio(nombre, atributos):
            if nombre == fila:
                raise NoCanonico  # filas fuera de <sheetData>: que las lea el motor general
            if nombre == merge_cell:
                self.combinadas.append(atributos.get("ref"))
            elif nombre == col:
                self.poner_columnas(atributos)
            elif nombre == dimension:
                self.poner_dimension(atributos.get("ref"))
            elif nombre == merge_cells:
                self.combinadas = []  # openpyxl se queda con el último <mergeCells>

        p = analizador()
        p.StartElementHandler = inicio
        return p

    # --- Motor rápido --------------------------------------------------------------------------

    def _rapido(self) -> Iterator[tuple[int, list[Celda]]]:
        self.motor = "rápido"
        with self._abrir() as fuente:
            datos = fuente.read(TROZO)
            vigilante = VigilanteDeEtiquetas(self.limites.etiquetas_fila)
            vigilante.revisar(datos)
            # La cabeza, hasta <sheetData>: de la forma conocida o al motor general.
            while (m := _DATOS.search(datos)) is None:
                mas = fuente.read(TROZO)
                if not mas or len(datos) > 8 * TROZO:
                    raise NoCanonico
                vigilante.revisar(mas)
                datos += mas
            if _PREFIJO.search(datos, 0, 4096):
                raise NoCanonico
            raiz = cabeza_canonica(datos, _RAIZ)
            if b"<!" in datos[raiz:m.start()] or b"<?" in datos[raiz:m.start()]:
                raise NoCanonico
            estructura = self.estructura()
            estructura.Parse(datos[:m.end()], False)
            pendiente, terminado = datos[m.end():], bool(m.group(1))  # <sheetData/>: sin filas
            while not terminado:
                # Un lote termina en un límite de token: tras </sheetData>, tras un </row> o
                # justo antes de un comienzo de fila (así también un millón de filas vacías
                # <row .../> seguidas se leen por lotes).
                fin_datos = pendiente.find(b"</sheetData>")
                if fin_datos >= 0:
                    corte = fin_datos + 12
                else:
                    corte = pendiente.rfind(b"</row>")
                    corte = max(corte + 6 if corte >= 0 else 0, pendiente.rfind(b"<row "))
                if corte:
                    lote, pendiente = pendiente[:corte], pendiente[corte:]
                    for fila in self._lote(lote):
                        if fila is None:
                            terminado = True
                            break
                        yield fila
                    if terminado:
                        if fin_datos < 0:
                            raise NoCanonico
                        estructura.Parse(b"</sheetData>", False)
                        break
                elif len(pendiente) > 16 * TROZO:
                    raise NoCanonico  # una fila de más de 2 MiB: el motor general, por trozos
                mas = fuente.read(TROZO)
                if not mas:
                    raise NoCanonico  # la hoja se corta: el motor general dirá por qué
                vigilante.revisar(mas)
                pendiente += mas
            # Lo que sigue a los datos (celdas combinadas...), con expat.
            if pendiente:
                estructura.Parse(pendiente, False)
            while mas := fuente.read(TROZO):
                vigilante.revisar(mas)
                estructura.Parse(mas, False)
            estructura.Parse(b"", True)

    def _lote(self, lote: bytes) -> Iterator[tuple[int, list[Celda]] | None]:
        """Las filas de un lote de bytes que termina en un fin de fila (o en ``</sheetData>``,
        y entonces da ``None`` al final). :class:`NoCanonico` ante algo que no reconoce."""
        if raro(lote):
            raise NoCanonico
        if lote.count(b"<row ") > lote.count(b"</row>") + 1:
            lote = _FILAS_VACIAS.sub(_marca_vacias, lote)
        lim_columnas, lim_texto = self.limites.columnas, self.limites.texto
        textos, epoca = self.textos, self.epoca
        porcentajes, fechas, duraciones = (self.estilos.porcentaje, self.estilos.fecha,
                                           self.estilos.duracion)
        cache_estilos, columnas = self._cache_estilos, self._cache_columnas
        info0 = (0 in porcentajes, 0 in fechas, 0 in duraciones)
        ocultas = bool(self.columnas_ocultas)
        n, nb, celdas, oculta, revisar, dentro = self._fila_abierta
        try:
            for (letras, num, s, t, f, v, v_vacia, texto, fila_r, fila_atr, sola, fin_fila,
                 vacias, fin_datos, otro) in _TOKEN.findall(lote):
                if letras:  # una celda
                    if not dentro:
                        raise NoCanonico  # una celda fuera de una fila
                    col = columnas.get(letras)
                    if col is None:
                        col = columnas[letras] = columna(letras.decode())
                    if col > lim_columnas:
                        revisar = True
                    if s:
                        info = cache_estilos.get(s)
                        if info is None:
                            i = int(s)
                            info = cache_estilos[s] = (i in porcentajes, i in fechas,
                                                       i in duraciones)
                    else:
                        info = info0
                    if f and not _formula_bien_formada(f):
                        raise NoCanonico
                    if v:
                        if t == b"n" or not t:
                            # Como _cast_number de openpyxl. (``46 in v`` es 10 veces más rápido
                            # que ``b"." in v``, que pasa por el protocolo de búfer.)
                            if v.isdigit():
                                valor = int(v)
                            elif 46 in v or 69 in v or 101 in v:  # '.', 'E', 'e'
                                valor = float(v)
                            else:
                                valor = int(v)
                            tipo = "n"
                            if info[1]:
                                tipo = "d"
                                try:
                                    valor = desde_excel(valor, epoca, info[2])
                                except (OverflowError, ValueError):
                                    tipo, valor = "e", "#VALUE!"
                        elif t == b"inlineStr":  # el <v> de un inlineStr no cuenta
                            if not f:
                                continue
                            valor, tipo = None, FORMULA_SIN_VALOR
                        else:
                            if t == b"s":
                                valor, tipo = textos[int(v)], "s"
                            elif t == b"b":
                                valor, tipo = bool(int(v)), "b"
                            elif t == b"str":
                                valor, tipo = desescapar(v), "s"
                            elif t == b"d":
                                valor, tipo = desde_iso8601(desescapar(v)), "d"
                            else:
                                valor, tipo = desescapar(v), t.decode()
                            if valor.__class__ is str:
                                if not valor.strip():
                                    continue
                                if len(valor) > lim_texto:
                                    revisar = True
                            elif valor is None:
                                if not f:
                                    continue
                                tipo = FORMULA_SIN_VALOR
                    elif texto and t == b"inlineStr":
                        valor = desescapar(texto) if 38 in texto else texto.decode()  # '&'
                        tipo = "s"
                        if not valor.strip():
                            continue
                        if len(valor) > lim_texto:
                            revisar = True
                    elif f and not (t == b"str" and v_vacia):
                        valor, tipo = None, FORMULA_SIN_VALOR
                    else:
                        # Vacía; también la fórmula de resultado texto vacío (t="str", <v></v>):
                        # =SI.ERROR(...;"") guardado por Excel o LibreOffice es ND.
                        continue
                    celdas.append(Celda(n if num == nb else int(num), col, valor, tipo, info[0]))
                elif fila_r:  # comienzo de fila
                    if dentro:
                        raise NoCanonico  # una fila dentro de otra
                    n, nb, celdas, dentro = int(fila_r), fila_r, [], True
                    oculta = revisar = False
                    if fila_atr:
                        oculta = _OCULTA.search(fila_atr) is not None
                        if _ATRIBUTO_RARO.search(fila_atr):
                            raise NoCanonico  # r repetido, o xmlns (otro espacio de nombres)
                        if not fila_atr.isascii():
                            fila_atr.decode("utf-8")
                    revisar = ocultas
                    if sola:
                        self._vistas += 1
                        dentro = False
                elif fin_fila:
                    if not dentro:
                        raise NoCanonico
                    dentro = False
                    self._vistas += 1
                    if celdas:
                        if revisar or n > self.limites.filas:
                            self.revisar_fila(n, celdas)
                        if oculta:
                            self.filas_ocultas.append(n)
                        self.avisar(n)
                        yield n, celdas
                        celdas = []
                elif vacias:
                    if dentro:
                        raise NoCanonico
                    self._vistas += int(vacias)
                elif fin_datos:
                    if dentro:
                        raise NoCanonico
                    yield None
                    return
                elif otro:
                    raise NoCanonico
        except (ValueError, IndexError, TypeError, OverflowError, UnicodeDecodeError):
            # Un valor que no se convierte: el motor general lo lee y dice qué pasa.
            raise NoCanonico from None
        self._fila_abierta = (n, nb, celdas, oculta, revisar, dentro)


def _formula_bien_formada(f: bytes) -> bool:
    """El texto de una fórmula: UTF-8 válido, sólo referencias a entidades conocidas, y en el
    espacio de nombres de la hoja (sin ``xmlns``)."""
    if b"xmlns" in f:
        return False
    if not f.isascii():
        try:
            f.decode("utf-8")
        except UnicodeDecodeError:
            return False
    return b"&" not in f or f.count(b"&") == len(_ENTIDAD_VALIDA.findall(f))


def letra_valida(n: int) -> None:
    if not 1 <= n <= 18278:
        raise ValueError(f"Invalid column index {n}")


__all__ = ["Hoja", "FilaDesmedida", "FORMULA_SIN_VALOR", "Celda", "Progreso", "FILAS_POR_AVISO"]
