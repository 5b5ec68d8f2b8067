"""Piezas de la terminal que comparten todas las vistas (rich): el semáforo, la barra de avance,
las líneas de agregados y la tabla de problemas (``validar`` y los errores de lectura). Se importa
sólo cuando hay que mostrar algo."""

from __future__ import annotations

from rich import box
from rich.console import Console
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from ..errores import Severidad
from ..modelos import Problema
from ..reglas.franjas import franja_de
from ..reglas.metodologia import Franja, Perfil
from ..reglas.proyeccion import ClaseProyeccion, Proyeccion
from .formato import texto_avance

ESTILOS = {"rojo": "bold red", "ámbar": "bold yellow", "verde": "bold green", "gris": "grey50"}
"""Estilo rich de cada color del semáforo."""


def estilo(franja: Franja, perfil: Perfil) -> str:
    """El estilo del color de la franja en el perfil (rojo, ámbar, verde, gris)."""
    return ESTILOS[perfil.colores[franja]]


def semaforo(franja: Franja, perfil: Perfil) -> Text:
    """'● [0-75%>' en el color de la franja."""
    return Text(f"● {perfil.etiquetas[franja]}", style=estilo(franja, perfil))


def avance_estilado(valor, franja: Franja, perfil: Perfil) -> Text:
    return Text(texto_avance(valor, perfil), style=estilo(franja, perfil))


ANCHO_BARRA = 10
"""Caracteres de la barra de avance: la barra llena es 100."""
_OCTAVOS = " ▏▎▍▌▋▊▉"


def barra(valor, franja: Franja, perfil: Perfil, ancho: int = ANCHO_BARRA) -> Text:
    """Barra compacta del avance (escala 0-100, en octavos de carácter) en el color de su franja.

    Un avance mayor que 100 llena la barra y termina en '+'; ND queda vacío.
    """
    if valor is None:
        return Text("")
    octavos = int(max(min(valor, 100), 0) * ancho * 8 / 100)
    llenos, resto = divmod(octavos, 8)
    texto = "█" * llenos + (_OCTAVOS[resto] if resto else "")
    texto = texto.ljust(ancho) + ("+" if valor > 100 else " ")
    return Text(texto, style=estilo(franja, perfil))


def celda_avance(valor, perfil: Perfil) -> Text:
    return avance_estilado(valor, franja_de(valor, perfil), perfil)


def texto_proyeccion(p: Proyeccion, corta: bool = False) -> Text:
    return Text(p.corta if corta else p.clase.value, style=ESTILOS_PROYECCION[p.clase])


ESTILOS_PROYECCION = {
    ClaseProyeccion.CUMPLIDA: "bold green",
    ClaseProyeccion.EN_RUTA: "green",
    ClaseProyeccion.ACELERAR: "bold yellow",
    ClaseProyeccion.RETROCESO: "bold red",
    ClaseProyeccion.SIN_DATOS: "grey50",
}


def con_signo(valor) -> str:
    return "ND" if valor is None else (f"+{valor}" if valor > 0 else f"{valor}")


def linea_agregado(rotulo: str, agregado) -> Text:
    texto = Text()
    texto.append(f"{rotulo}: ", style="bold")
    perfil = agregado.perfil
    texto.append(texto_avance(agregado.valor, perfil), style=estilo(agregado.franja, perfil))
    texto.append("  ")
    texto.append_text(semaforo(agregado.franja, perfil))
    texto.append(f"  ({agregado.con_dato} de {agregado.total} objetivos con dato)", style="dim")
    return texto


def palabra_mas_larga(textos, maximo: int = 24) -> int:
    """Largo de la palabra más larga de ``textos`` (hasta ``maximo``): lo mínimo que debe medir
    una columna de nombres para partirlos entre palabras y no a mitad de una."""
    largo = 0
    for texto in textos:
        mayor = max(map(len, str(texto).split()), default=0)  # las palabras de un texto, en C
        if mayor > largo:
            largo = mayor
            if largo >= maximo:
                return maximo
    return largo


def reducir(ancho: int | None, fijas: list[int], minimo: int,
            reducciones: list[tuple[str, int]]) -> list[str]:
    """Qué reducciones hacen falta, en orden, para que la columna flexible de una tabla (la de los
    nombres) mida al menos ``minimo`` con ``ancho`` columnas de pantalla. ``fijas``: el ancho de
    las demás columnas; cada reducción dice cuántas columnas libera (una columna omitida libera su
    ancho y sus 3 de separación). Con ``ancho`` None (sin límite), ninguna."""
    if ancho is None:
        return []
    libre = ancho - sum(fijas) - 3 * (len(fijas) + 1) - 1  # bordes y separaciones de rich
    hechas = []
    for nombre, libera in reducciones:
        if libre >= minimo:
            break
        hechas.append(nombre)
        libre += libera
    return hechas


def aviso_omitidas(omitidas: list[str], ancho: int) -> Text | None:
    """Una línea que dice qué columnas no caben a este ancho (nunca se omiten en silencio)."""
    if not omitidas:
        return None
    return Text(f"A {ancho} columnas no cabe: {', '.join(omitidas)}. Amplíe la terminal o use "
                "--formato json o csv.\n", style="dim")


SANGRIA = 2
"""Cuánto más adentro que la primera siguen las líneas de un párrafo partido (:class:`Colgante`)."""


class Colgante:
    """Un texto de la terminal cuyas líneas, si no caben, se parten entre palabras con sangría
    colgante: lo que sigue queda :data:`SANGRIA` columnas más adentro que el comienzo de su
    línea, nunca en la columna 0 («…lo superaban: IOEI.01.02» y, debajo y más adentro,
    «211.40.»). Una línea que cabe sale tal cual. Sólo API pública de rich (``Text.wrap``)."""

    def __init__(self, texto: Text, sangria: int = SANGRIA):
        self.texto = texto
        self.sangria = sangria

    def __rich_console__(self, consola: Console, opciones):
        ancho = opciones.max_width
        for linea in self.texto.split("\n", allow_blank=True):
            yield from _colgar(consola, linea, ancho, self.sangria)


def _colgar(consola: Console, linea: Text, ancho: int, sangria: int):
    if linea.cell_len <= ancho:
        yield linea
        return
    plano = linea.plain
    hueco = min(len(plano) - len(plano.lstrip(" ")) + sangria, ancho // 2)
    primera = linea.wrap(consola, ancho)[0]
    corte = len(primera.plain)
    while corte < len(plano) and plano[corte] == " ":
        corte += 1
    primera.rstrip()
    yield primera
    for resto in linea[corte:].wrap(consola, ancho - hueco):
        resto.rstrip()
        pieza = Text(" " * hueco, end=linea.end)
        pieza.append_text(resto)
        yield pieza


def colgar(pieza):
    """Un texto suelto, como :class:`Colgante`; cualquier otra pieza (una tabla), tal cual."""
    return Colgante(pieza) if isinstance(pieza, Text) else pieza


def titulada(titulo: str, tabla: Table):
    """Una tabla con su título encima, a la izquierda; si el título no cabe en una línea, se parte
    como un :class:`Colgante` (el título propio de rich volvería a la columna 0)."""
    from rich.console import Group

    return Group(Colgante(Text(titulo, style="table.title")), tabla)


def lista_notas(titulo: Text, filas: list[tuple[Text | str, Text | str]]):
    """Un título y una nota por fila (código, texto), con sangría colgante: el texto largo sigue
    bajo sí mismo, no bajo el código."""
    from rich.console import Group

    from .tramos import Tramo

    def rejilla() -> Table:  # código y texto, un blanco entre ellos y otro al final
        grid = Table.grid(padding=(0, 1, 0, 0), pad_edge=True, collapse_padding=False)
        grid.add_column(no_wrap=True)
        grid.add_column(ratio=1)
        return grid

    notas = Tramo(rejilla)  # miles en una matriz grande: anchos decididos una vez
    for codigo, texto in filas:
        notas.add_row(codigo, texto)
    return Group(Colgante(titulo), Padding(notas, (0, 0, 1, 2)))


def tabla_problemas(problemas: list[Problema], titulo: str) -> Table:
    t = Table(title=titulo, box=box.SIMPLE_HEAVY, title_justify="left", expand=True)
    t.add_column("Tipo", no_wrap=True)
    t.add_column("Lugar", no_wrap=True)
    t.add_column("Código", no_wrap=True)
    t.add_column("Problema", ratio=1)
    for p in problemas:
        es_error = p.severidad is Severidad.ERROR
        tipo = Text("error", style="bold red") if es_error else Text("observación", style="yellow")
        t.add_row(tipo, p.lugar or "—", p.codigo or "—", p.mensaje)
    return t


def mostrar_validacion(archivo: str, problemas: list[Problema], consola: Console) -> None:
    """Resultado de ``penitencia validar``: la tabla de problemas (errores primero) y un resumen."""
    errores = sum(p.severidad is Severidad.ERROR for p in problemas)
    observaciones = len(problemas) - errores
    if not problemas:
        consola.print(Colgante(Text(f"✓ {archivo}: sin errores ni observaciones.",
                                    style="bold green")))
        return
    ordenados = sorted(problemas, key=lambda p: p.severidad is not Severidad.ERROR)
    consola.print(tabla_problemas(ordenados, f"Validación de {archivo}"))
    resumen = f"{errores} error(es), {observaciones} observación(es). "
    if errores:
        consola.print(Colgante(Text(resumen + "Corrija los errores para poder calcular.",
                                    style="bold red")))
    else:
        consola.print(Colgante(Text(resumen + "Se puede calcular.",
                                    style="bold green")))
