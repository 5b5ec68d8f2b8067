"""Textos compartidos (``xl/sharedStrings.xml``), leídos por trozos y guardados en poco espacio.

Cada ``<si>`` da un texto: su ``<t>`` más los ``<t>`` de sus tramos de texto enriquecido
(``<r>``), sin los tramos fonéticos (``<rPh>``), y sin las marcas ``x005F_``, como openpyxl.

Memoria acotada aun con una parte de 64 MiB de textos diminutos (millones de ``<si>``): los textos
se guardan unidos en bloques de :data:`BLOQUE` textos, con dos arreglos de posiciones (8 bytes por
texto), en vez de un objeto ``str`` por texto (~50 bytes cada uno, más la lista). Leer un texto
corta su trozo del bloque.

El recorrido rápido reconoce con una expresión regular (en C) la forma que escriben Excel,
LibreOffice y openpyxl (``<si><t>texto</t></si>``); ante cualquier otra cosa (texto enriquecido,
fonético, prefijos, comentarios, finales de línea ``\\r``) se lee la parte entera con expat.
"""

from __future__ import annotations

import re
from array import array

from .seguridad import analizador

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
TROZO = 128 * 1024
BLOQUE = 1024


class TextosCompartidos:
    """Secuencia de textos (índice → ``str``) guardada por bloques."""

    __slots__ = ("_bloques", "_inicios", "_fines", "_piezas", "_largo")

    def __init__(self):
        self._bloques: list[str] = []
        self._inicios = array("L")
        self._fines = array("L")
        self._piezas: list[str] = []
        self._largo = 0

    def agregar(self, texto: str) -> None:
        self._inicios.append(self._largo)
        self._largo += len(texto)
        self._fines.append(self._largo)
        self._piezas.append(texto)
        if len(self._piezas) == BLOQUE:
            self._cerrar_bloque()

    def _cerrar_bloque(self) -> None:
        self._bloques.append("".join(self._piezas))
        self._piezas = []
        self._largo = 0

    def cerrar(self) -> None:
        if self._piezas:
            self._cerrar_bloque()

    def __len__(self) -> int:
        return len(self._inicios)

    def __getitem__(self, i: int) -> str:
        if i < 0:
            raise IndexError("list index out of range")
        try:
            return self._bloques[i // BLOQUE][self._inicios[i]:self._fines[i]]
        except IndexError:
            raise IndexError("list index out of range") from None


# --- Recorrido rápido ---------------------------------------------------------------------------

_ITEM = re.compile(
    rb'\s*(?:<si><t(?: xml:space="preserve")?>([^<]*)</t></si>'
    rb'|(<si><t/></si>|<si/>|<si></si>)'
    rb'|(</sst>)'
    rb'|(\S))')
_RARO = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f\r]|\]\]>|\xef\xbf[\xbe\xbf]")
_RAIZ = re.compile(rb'<sst\s(?:[^<>]*?\s)?xmlns="' + MAIN.encode() + rb'"[^<>]*>')
_DECLARACION = re.compile(rb'<\?xml\s[^<>]*?\?>\s*')
_CODIFICACION = re.compile(rb'encoding\s*=\s*["\']([A-Za-z0-9._-]+)["\']')
_REFERENCIA = re.compile(r"&(?:(amp)|(lt)|(gt)|(quot)|(apos)|#([0-9]{1,7})|#x([0-9a-fA-F]{1,6}));")
_PREDEFINIDAS = ("&", "<", ">", '"', "'")


class NoCanonico(Exception):
    """Una parte que no tiene la forma conocida: se lee con expat."""


def _referencia(m: re.Match) -> str:
    for i in range(5):
        if m.group(i + 1):
            return _PREDEFINIDAS[i]
    n = int(m.group(6)) if m.group(6) else int(m.group(7), 16)
    if not (n in (0x9, 0xA, 0xD) or 0x20 <= n <= 0xD7FF or 0xE000 <= n <= 0xFFFD
            or 0x10000 <= n <= 0x10FFFF):
        raise ValueError(f"referencia a un carácter no válido en XML (&#{n};)")
    return chr(n)


def desescapar(crudo: bytes) -> str:
    """Texto de un elemento (bytes UTF-8 entre etiquetas) → ``str``: las cinco entidades
    predefinidas y las referencias a caracteres; cualquier otro ``&`` es ``ValueError``."""
    texto = crudo.decode("utf-8")
    if "&" not in texto:
        return texto
    if texto.count("&") != len(_REFERENCIA.findall(texto)):
        raise ValueError("entidad XML desconocida")
    return _REFERENCIA.sub(_referencia, texto)


def cabeza_canonica(cabeza: bytes, raiz: re.Pattern) -> int:
    """Dónde termina la etiqueta raíz si la cabeza de una parte tiene la forma conocida (UTF-8,
    sin comentarios, DTD ni instrucciones de proceso, raíz sin prefijo en el espacio principal);
    si no, :class:`NoCanonico`."""
    i = 3 if cabeza.startswith(b"\xef\xbb\xbf") else 0
    m = _DECLARACION.match(cabeza, i)
    if m:
        cod = _CODIFICACION.search(m.group())
        if cod and cod.group(1).lower().replace(b"_", b"-") not in (b"utf-8", b"utf8"):
            raise NoCanonico
        i = m.end()
    r = raiz.match(cabeza, i)
    if not r or b"<!" in cabeza[:r.end()] or b"<?" in cabeza[i:r.end()]:
        raise NoCanonico
    return r.end()


def _rapido(fuente) -> TextosCompartidos:
    textos = TextosCompartidos()
    agregar = textos.agregar
    datos = fuente.read(TROZO)
    while len(datos) < 4096:
        mas = fuente.read(TROZO)
        if not mas:
            break
        datos += mas
    inicio = cabeza_canonica(datos, _RAIZ)
    # La raíz puede cerrarse sola (<sst .../>): forma rara, a expat.
    if datos[inicio - 2:inicio] == b"/>":
        raise NoCanonico
    pendiente = datos[inicio:]
    terminado = False
    while True:
        corte = pendiente.rfind(b"</si>")
        fin_sst = pendiente.find(b"</sst>")
        if fin_sst >= 0:
            lote, pendiente = pendiente[:fin_sst + 6], pendiente[fin_sst + 6:]
        elif corte >= 0:
            lote, pendiente = pendiente[:corte + 5], pendiente[corte + 5:]
        else:
            lote = b""
        if lote:
            if _RARO.search(lote):
                raise NoCanonico
            for texto, vacio, fin, otro in _ITEM.findall(lote):
                if texto:
                    try:
                        t = desescapar(texto)
                    except ValueError:
                        raise NoCanonico from None
                    agregar(t.replace("x005F_", "") if "x005F_" in t else t)
                elif vacio:
                    agregar("")
                elif fin:
                    terminado = True
                elif otro:
                    raise NoCanonico
        if terminado:
            if pendiente.strip() or fuente.read(1):
                raise NoCanonico  # algo tras </sst>: que lo juzgue expat
            textos.cerrar()
            return textos
        mas = fuente.read(TROZO)
        if not mas:
            raise NoCanonico  # la parte se corta: expat dirá por qué
        pendiente += mas


# --- Recorrido general con expat ----------------------------------------------------------------


def _general(fuente) -> TextosCompartidos:
    """Con expat (espacios de nombres): ``<si>`` del espacio principal; sus hijos por nombre
    local, como ``Text.from_tree`` de openpyxl (el texto de un elemento es el anterior a su
    primer hijo; si hay varios ``<t>``, vale el último)."""
    textos = TextosCompartidos()
    si = MAIN + " si"
    dentro = False
    pila: list[str] = []
    plano: str | None = None
    tramos: list[str | None] = []
    captura: str | None = None
    trozos: list[str] = []

    def guardar():
        nonlocal plano, captura
        texto = "".join(trozos)
        if captura == "plano":
            plano = texto
        else:
            tramos[-1] = texto
        captura = None

    def inicio(nombre, _atributos):
        nonlocal dentro, plano, tramos, captura
        if not dentro:
            if nombre == si:
                dentro, pila[:], plano, tramos, captura = True, [], None, [], None
            return
        if captura is not None:
            guardar()
        local = nombre.rpartition(" ")[2]
        pila.append(local)
        if len(pila) == 1 and local == "t":
            trozos.clear()
            captura = "plano"
        elif len(pila) == 1 and local == "r":
            tramos.append(None)
        elif len(pila) == 2 and local == "t" and pila[0] == "r":
            trozos.clear()
            captura = "tramo"

    def fin(_nombre):
        nonlocal dentro
        if not dentro:
            return
        if captura is not None:
            guardar()
        if pila:
            pila.pop()
            return
        dentro = False
        partes = [plano] if plano is not None else []
        partes += [t for t in tramos if t is not None]
        textos.agregar("".join(partes).replace("x005F_", ""))

    def caracteres(texto):
        if captura is not None:
            trozos.append(texto)

    p = analizador()
    p.buffer_text = True
    p.StartElementHandler = inicio
    p.EndElementHandler = fin
    p.CharacterDataHandler = caracteres
    while datos := fuente.read(TROZO):
        p.Parse(datos, False)
    p.Parse(b"", True)
    textos.cerrar()
    return textos


def leer_textos(abrir) -> TextosCompartidos:
    """Lee los textos compartidos. ``abrir()`` da la parte (un archivo binario nuevo cada vez:
    si la forma no es la conocida, se vuelve a leer desde el principio con expat)."""
    with abrir() as fuente:
        try:
            return _rapido(fuente)
        except NoCanonico:
            pass
    with abrir() as fuente:
        return _general(fuente)
