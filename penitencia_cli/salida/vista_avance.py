"""La vista de ``penitencia avance`` en la terminal: encabezado, conteos, índice, objetivos e
indicadores (por tramos de anchos fijos en matrices grandes), y las columnas y notas que añaden
``--tipo``, ``--tope`` y ``--proyeccion``."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import chain
from typing import Any, Callable, Iterator

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..modelos import Sentido
from ..reglas.agregados import ResultadoAnio
from ..reglas.cifras import texto_valor
from ..reglas.avance import TipoAvance
from ..reglas.calidad import PREFIJO_CALIDAD
from ..reglas.consulta import CalculoAvance
from ..reglas.franjas import redondear
from ..reglas.metodologia import FRANJAS, Perfil
from ..reglas.proyeccion import Proyeccion
from ..reglas.sentido import PREFIJO as SENTIDO_INFERIDO
from .consola import (
    ANCHO_BARRA,
    aviso_omitidas,
    avance_estilado,
    barra,
    celda_avance,
    colgar,
    con_signo,
    estilo,
    linea_agregado,
    lista_notas,
    palabra_mas_larga,
    reducir,
    semaforo,
    texto_proyeccion,
)
from .formato import (clases_proyeccion, nivel_de_solo, nota_truncado, rotulo_avance,
                      texto_avance)
from .tramos import Tramo, ancho_de, sin_control

MARCA_INFERIDO = "ⁱ"
"""Tras «Asc.»/«Desc.»: sentido inferido de los logros esperados (un plan sin sentido)."""


def encabezado(resultado: ResultadoAnio) -> Table:
    pol = resultado.matriz.ficha
    perfil = resultado.perfil
    grid = Table.grid(padding=(0, 1))
    grid.add_column(style="bold")
    grid.add_column()
    grid.add_row(f"{perfil.rotulos.instrumento}:", pol.nombre)
    filas = [("Sector:", pol.sector), ("Ministerio conductor:", pol.ministerio_conductor),
             ("Tipo:", pol.tipo)]
    if perfil.instrumento.es_plan:
        ins = perfil.instrumento
        filas[:0] = [("Instrumento:", f"{ins.nombre_largo} ({ins.nombre})"),
                     ("Entidad:", pol.entidad), ("Periodo:", pol.periodo)]
    for rotulo, valor in filas:
        if valor:
            grid.add_row(rotulo, valor)
    grid.add_row("Año:", str(resultado.anio))
    if resultado.desde is not None:
        grid.add_row("Periodo:", f"{resultado.desde}-{resultado.anio} (según la acumulación de "
                                 "cada indicador)")
    if resultado.tope is not None:
        grid.add_row("Tope:", f"cada indicador topado en {resultado.tope} antes de agregar")
    return grid


def tabla_resumen(resultado: ResultadoAnio) -> Table:
    t = Table(title="Conteo por franja de avance", box=box.SIMPLE_HEAVY, title_justify="left")
    t.add_column("Grupo")
    for f in FRANJAS:
        t.add_column(Text(resultado.perfil.etiquetas[f], style=estilo(f, resultado.perfil)),
                     justify="right")
    grupos = resultado.perfil.grupos
    for grupo, cuenta in resultado.resumen.items():
        t.add_row(grupos[grupo], *(str(cuenta[f]) for f in FRANJAS))
    return t


def linea_indice(resultado: ResultadoAnio) -> Text:
    return linea_agregado(resultado.indice.enunciado, resultado.indice)


def linea_truncado(resultado: ResultadoAnio) -> Text | None:
    """La nota del truncamiento del instrumento (un plan trunca cada indicador en 100)."""
    nota = nota_truncado(resultado)
    return None if nota is None else Text(nota, style="dim")


def tabla_objetivos(resultado: ResultadoAnio, extras: "Sequence[Columna]" = (),
                    acciones: bool = False, ancho: int | None = None) -> Table:
    """Los objetivos (o, con ``acciones``, las acciones estratégicas de un plan). A ``ancho``
    columnas, si los enunciados no caben sin partir palabras, sin la barra y con el semáforo sin
    rótulo (el avance sigue en su color)."""
    rotulos = resultado.perfil.rotulos
    titulo, columna = ((rotulos.acciones, rotulos.columna_accion) if acciones else
                       (rotulos.objetivos, rotulos.columna_objetivo))
    filas = resultado.acciones if acciones else resultado.objetivos
    cobertura = max((len(f"{o.con_dato} de {o.total} ind.") for o in filas), default=9)
    fijas = [len("Código"), len("Avance"), ANCHO_BARRA + 1, len("● [75-95%>"), cobertura,
             *(len(col.titulo) + 2 for col in extras)]
    minimo = palabra_mas_larga(o.enunciado for o in filas)
    reducciones = reducir(ancho, fijas, minimo, [("barra", ANCHO_BARRA + 4), ("franja", 7)])
    t = Table(title=titulo, box=box.SIMPLE_HEAVY, title_justify="left", expand=True)
    t.add_column("Código", no_wrap=True)
    t.add_column(columna, ratio=1, min_width=minimo or None)
    t.add_column("Avance", justify="right", no_wrap=True)
    if "barra" not in reducciones:
        t.add_column("0 ─── 100", no_wrap=True, min_width=ANCHO_BARRA + 1)
    t.add_column("Fr." if "franja" in reducciones else "Franja", no_wrap=True)
    t.add_column("Cobertura", no_wrap=True)
    for col in extras:
        t.add_column(col.titulo, justify=col.justify, no_wrap=True)
    for o in filas:
        celdas = [o.codigo, o.enunciado, avance_estilado(o.valor, o.franja, o.perfil)]
        if "barra" not in reducciones:
            celdas.append(barra(o.valor, o.franja, o.perfil))
        celdas.append(Text("●", style=estilo(o.franja, o.perfil)) if "franja" in reducciones
                      else semaforo(o.franja, o.perfil))
        t.add_row(*celdas, f"{o.con_dato} de {o.total} ind.", *(col.celda(o) for col in extras))
    return t


TRAMO_FILAS = 2_000
"""Filas por tabla al mostrar los indicadores: más allá, la tabla se imprime por tramos con anchos
de columna fijos (rich arma cada tabla entera en memoria antes de mostrarla)."""


@dataclass
class Disposicion:
    """Qué columnas lleva la tabla de indicadores: el semáforo con o sin rótulo, el sentido y las
    columnas extra (las que caben)."""

    extras: "Sequence[Columna]"
    compacta: bool
    sentido: bool = True
    omitidas: list[str] = field(default_factory=list)

    @property
    def columnas(self) -> list[tuple[str, str]]:
        """Título y alineación de cada columna de ancho fijo (todas menos «Indicador»)."""
        return [("Código", "left"), *((("Sent.", "left"),) if self.sentido else ()),
                ("LE", "right"), ("VO", "right"), ("Avance", "right"),
                ("Fr." if self.compacta else "Franja", "left"),
                *((col.titulo, col.justify) for col in self.extras)]


def disponer(grupos, extras: "Sequence[Columna]", calidad: dict, ancho: int | None,
             perfil: Perfil) -> tuple[Disposicion, list[int] | None]:
    """La disposición de la tabla a ``ancho`` columnas: si los nombres no caben sin partir
    palabras, primero el semáforo pierde su rótulo, luego se omite el sentido y, al final, las
    columnas extra desde la última. Devuelve también los anchos de las columnas fijas (sólo si
    hubo que medirlas)."""
    disp = Disposicion(extras, compacta=len(extras) >= 2)  # con 2 extras, el semáforo sin rótulo
    if ancho is None:
        return disp, None
    completa = Disposicion(extras, compacta=False)
    anchos = _anchos_fijos(grupos, completa, calidad, perfil)
    minimo = palabra_mas_larga(chain((e for _, e, _ in grupos),
                                     (r.indicador.nombre for _, _, f in grupos for r in f)))
    reducciones = [("franja", anchos[5] - 3), ("sentido", anchos[1] + 3),
                   *((col.titulo, anchos[6 + i] + 3) for i, col in reversed(list(
                       enumerate(extras))))]
    if disp.compacta:
        anchos[5], reducciones = 3, reducciones[1:]
    hechas = reducir(ancho, anchos, minimo, reducciones)
    disp.compacta = disp.compacta or "franja" in hechas
    disp.sentido = "sentido" not in hechas
    disp.extras = [col for col in extras if col.titulo not in hechas]
    disp.omitidas = [h for h in hechas if h != "franja"]
    quitar = {1} if not disp.sentido else set()
    quitar |= {6 + i for i, col in enumerate(extras) if col.titulo in hechas}
    if disp.compacta:
        anchos[5] = 3
    return disp, [a for i, a in enumerate(anchos) if i not in quitar]


def tablas_indicadores(resultado: ResultadoAnio, nivel: str | None = None,
                       extras: "Sequence[Columna]" = (),
                       tramo: int = TRAMO_FILAS,
                       calidad: "dict[str, list] | None" = None,
                       ancho: int | None = None) -> Iterator[Tramo | Text]:
    """Indicadores agrupados por OP (``nivel`` "IOP" o "ISS" deja sólo los de ese nivel), en una
    sola tabla o, con más de ``tramo`` filas, en tramos que se leen como una sola (mismos anchos,
    encabezado sólo en el primero). A ``ancho`` columnas, la tabla se dispone para que los
    nombres se partan entre palabras (:func:`disponer`) y dice qué columnas no cupieron."""
    calidad = calidad or {}
    grupos = _grupos_indicadores(resultado, nivel)
    perfil = resultado.perfil
    titulo = {None: "Indicadores", perfil.instrumento.indicador_objetivo:
              perfil.rotulos.indicadores_objetivo,
              perfil.instrumento.indicador_accion: perfil.rotulos.indicadores_accion}[nivel]
    titulo = f"{titulo} — {rotulo_avance(resultado)}"
    disp, anchos = disponer(grupos, extras, calidad, ancho, perfil)
    if anchos is None:
        anchos = _anchos_fijos(grupos, disp, calidad, perfil)

    def nuevo(titulo: str | None) -> Tramo:  # los mismos anchos en todos los tramos
        return Tramo(lambda: _tabla_indicadores(titulo, disp, anchos))

    t, n = nuevo(titulo), 0
    for fila in _filas_indicadores(grupos, disp, calidad, perfil):
        if n >= tramo:
            yield t
            t, n = nuevo(None), 0
        if fila is None:
            if n:
                t.add_section()
            continue
        t.add_row(*fila)
        n += 1
    yield t
    aviso = aviso_omitidas(disp.omitidas, ancho or 0)
    if aviso is not None:
        yield aviso


def _grupos_indicadores(resultado: ResultadoAnio, nivel: str | None):
    """(código del OP, enunciado, resultados) en el orden de los OP; IOP antes que ISS."""
    por_op: dict[str | None, list] = {}
    for r in resultado.indicadores:
        if nivel is None or r.indicador.nivel == nivel:
            por_op.setdefault(r.objetivo, []).append(r)
    grupos = [(o.codigo, o.enunciado) for o in resultado.objetivos]
    if None in por_op:
        grupos.append((None, resultado.perfil.rotulos.sin_objetivo))
    de_objetivo = resultado.perfil.instrumento.indicador_objetivo
    return [(codigo, enunciado,
             sorted(por_op[codigo], key=lambda r: r.indicador.nivel != de_objetivo))
            for codigo, enunciado in grupos if por_op.get(codigo)]


def _tabla_indicadores(titulo: str | None, disp: Disposicion, anchos: list[int]) -> Table:
    """La tabla vacía: las columnas fijas con sus ``anchos``; «Indicador» toma el resto. (Con
    ``min_width`` y ``max_width``, no ``width``: en una pantalla tan estrecha que ni así cabe, rich
    la encoge como siempre.)"""
    t = Table(title=titulo, box=box.SIMPLE_HEAVY, title_justify="left", expand=True,
              show_header=titulo is not None)
    for i, ((nombre, justify), ancho) in enumerate(zip(disp.columnas, anchos)):
        if i == 1:
            t.add_column("Indicador", ratio=1)
        t.add_column(nombre, justify=justify, no_wrap=True, min_width=ancho, max_width=ancho)
    return t


def _textos_fila(r, calidad: dict, perfil: Perfil) -> tuple:
    """LE, VO y el avance (con '*' si tiene una nota al pie y '!' si sus datos tienen
    observaciones de calidad) de una fila, como se escriben, y su franja."""
    return (texto_valor(r.le), texto_valor(r.vo),
            texto_avance(r.avance.valor, perfil) + ("*" if _con_nota(r) else "")
            + (MARCA_CALIDAD if r.codigo in calidad else ""), r.franja)


def _sentido(ind) -> str:
    """La columna «Sent.»: «Asc.» o «Desc.», con :data:`MARCA_INFERIDO` si se infirió."""
    return (("Asc." if ind.sentido is Sentido.ASCENDENTE else "Desc.")
            + (MARCA_INFERIDO if ind.sentido_inferido else ""))


def _filas_indicadores(grupos, disp: Disposicion, calidad: dict, perfil: Perfil):
    """Las filas de la tabla (celdas) y ``None`` donde empieza la sección de cada OP (los
    textos de LE, VO y avance y la franja, de :func:`_textos_fila`)."""
    de_objetivo = perfil.instrumento.indicador_objetivo
    for codigo, enunciado, filas in grupos:
        yield None
        yield (Text(codigo or "—", style="bold"), Text(enunciado, style="bold"))
        for r in filas:
            ind = r.indicador
            le, vo, avance, franja = _textos_fila(r, calidad, perfil)
            yield (
                Text(ind.codigo, style="" if ind.nivel == de_objetivo else "dim"),
                ind.nombre,
                *((_sentido(ind),) if disp.sentido else ()),
                le,
                vo,
                Text(avance, style=estilo(franja, perfil)),
                Text("●", style=estilo(franja, perfil)) if disp.compacta else semaforo(franja, perfil),
                *(col.celda(r) for col in disp.extras),
            )


def _anchos_fijos(grupos, disp: Disposicion, calidad: dict, perfil: Perfil) -> list[int]:
    """Ancho de cada columna fija (todas menos «Indicador») sobre todas las filas y encabezados:
    lo que mide rich de las celdas de :func:`_filas_indicadores`, pero sólo con sus textos (sin
    armar un Text por celda) y midiendo una vez cada texto distinto."""
    def largo(celda) -> int:  # lo que mide Text(str(celda)), sin armarlo
        return ancho_de(celda.plain if isinstance(celda, Text) else sin_control(str(celda)))

    codigos: set[str] = set()
    sentidos: set[str] = set()
    les: set[str] = set()
    vos: set[str] = set()
    avances: set[str] = set()
    franjas: set = set()
    extras = [0] * len(disp.extras)  # una celda extra puede ser un Text: medida al momento
    for codigo, _, filas in grupos:
        codigos.add(codigo or "—")
        for r in filas:
            ind = r.indicador
            codigos.add(ind.codigo)
            if disp.sentido:
                sentidos.add(_sentido(ind))
            le, vo, avance, franja = _textos_fila(r, calidad, perfil)
            les.add(le)
            vos.add(vo)
            avances.add(avance)
            franjas.add(franja)
            for i, col in enumerate(disp.extras):
                extras[i] = max(extras[i], largo(col.celda(r)))
    franja = ((["●"] if disp.compacta else [semaforo(f, perfil).plain for f in franjas])
              if franjas else [])
    medidas = [codigos, *((sentidos,) if disp.sentido else ()), les, vos, avances, franja]
    return ([max([len(titulo), *(largo(c) for c in celdas)])
             for (titulo, _), celdas in zip(disp.columnas, medidas)]
            + [max(len(col.titulo), ancho) for col, ancho in zip(disp.extras, extras)])


def _notas(r) -> list[str]:
    """Las observaciones del cálculo; las de calidad de los datos (con su '!') y la del sentido
    inferido van aparte, cada una en su propia nota."""
    return [o for o in r.observaciones
            if not o.startswith(PREFIJO_CALIDAD) and not o.startswith(SENTIDO_INFERIDO)]


def _con_nota(r) -> bool:
    """Observaciones que merecen nota al pie (no las de un ND por falta de dato)."""
    return bool(_notas(r)) and r.le is not None and r.vo is not None


def observaciones(resultado: ResultadoAnio, nivel: str | None = None):
    propios = [r for r in resultado.indicadores if nivel is None or r.indicador.nivel == nivel]
    filas = [(Text(f"{r.codigo}:", style="bold"), o) for r in propios if _con_nota(r)
             for o in _notas(r)]
    inferidos = [r.indicador for r in propios if r.indicador.sentido_inferido]
    partes = []
    if filas:
        partes.append(lista_notas(Text("Observaciones (*):", style="bold"), filas))
    if inferidos:
        texto = Text(f"{MARCA_INFERIDO} Sentido inferido de los logros esperados (columna "
                     "sentido vacía):\n", style="bold")
        texto.append("  " + ", ".join(f"{i.codigo} {i.sentido.value.lower()}"
                                      for i in inferidos) + "\n", style="")
        partes.append(texto)
    if not partes:
        return None
    from rich.console import Group

    return Group(*map(colgar, partes))


MARCA_CALIDAD = "!"
"""Marca del avance de un indicador cuyos datos tienen observaciones de calidad."""


def observaciones_calidad(resultado: ResultadoAnio, calidad: dict, nivel: str | None = None):
    """Una línea por observación de calidad de los datos de los indicadores mostrados."""
    filas = []
    for r in resultado.indicadores:
        if nivel is None or r.indicador.nivel == nivel:
            for p in calidad.get(r.codigo, ()):
                texto = Text(f"{p.lugar}: " if p.lugar else "", style="dim")
                texto.append(p.mensaje)
                filas.append((Text(f"{r.codigo}:", style="bold"), texto))
    if not filas:
        return None
    return lista_notas(Text(f"Calidad de los datos ({MARCA_CALIDAD}): revise antes de publicar",
                            style="bold yellow"), filas)


def mostrar_avance(resultado: ResultadoAnio, consola: Console, solo: str | None = None,
                   ampliacion: "Ampliacion | None" = None) -> None:
    """Encabezado, conteos e índice; luego las tablas: todas, o sólo la que pide ``solo``
    ("op": objetivos; "iop"/"iss": indicadores de OP o de servicio; "conteos": ninguna).
    ``ampliacion`` añade las columnas y notas de --tipo, --desde, --tope y --proyeccion."""
    amp = ampliacion or Ampliacion()
    partes = [encabezado(resultado), Text(), tabla_resumen(resultado), linea_indice(resultado),
              *amp.tras_indice(resultado), Text()]
    truncado = linea_truncado(resultado)
    if truncado is not None:
        partes[-1:-1] = [truncado]
    ancho = consola.width
    if solo in (None, "op"):
        partes.append(tabla_objetivos(resultado, amp.columnas_objetivos(), ancho=ancho))
        if resultado.acciones:
            partes.append(tabla_objetivos(resultado, amp.columnas_objetivos(), acciones=True,
                                          ancho=ancho))
    if solo not in ("op", "conteos"):
        nivel = nivel_de_solo(solo, resultado.perfil)
        partes.append(tablas_indicadores(resultado, nivel, amp.columnas_indicadores(),
                                         calidad=amp.calidad, ancho=ancho))
        for notas in (observaciones(resultado, nivel),
                      observaciones_calidad(resultado, amp.calidad, nivel)):
            if notas is not None:
                partes.append(notas)
    partes.extend(amp.al_final(resultado.perfil))
    for parte in partes:  # una a una: los tramos de la tabla no se arman todos a la vez
        for pieza in (parte if isinstance(parte, Iterator) else (parte,)):
            consola.print(colgar(pieza))


@dataclass
class Columna:
    """Una columna más para las tablas de objetivos o indicadores: título y celda de cada fila."""

    titulo: str
    celda: Callable[[Any], Text | str]
    justify: str = "right"


@dataclass
class Ampliacion:
    """Lo que ``--tipo``, ``--tope`` y ``--proyeccion`` añaden a la vista de ``avance``."""

    tipo2: ResultadoAnio | None = None
    """Resultado Tipo II para la columna 'Tipo II' (con ``--tipo ambos``)."""
    sin_tope: ResultadoAnio | None = None
    """El mismo cálculo sin tope (con ``--tope``)."""
    proyecciones: dict[str, Proyeccion] | None = None
    linea_base: bool = False
    """Mostrar la columna LB (avance Tipo II)."""
    calidad: dict = field(default_factory=dict)
    """Código → observaciones de calidad de los datos (marca '!' y una línea por cada una)."""
    _segundos: dict = field(default_factory=dict, init=False, repr=False)

    def __post_init__(self) -> None:
        if self.tipo2 is not None:
            self._segundos = {r.codigo: r for r in self.tipo2.indicadores}
            self._segundos.update({o.codigo: o for o in [*self.tipo2.objetivos,
                                                          *self.tipo2.acciones]})

    def columnas_objetivos(self) -> list[Columna]:
        if self.tipo2 is None:
            return []
        perfil = self.tipo2.perfil
        return [Columna("Tipo II", lambda o: celda_avance(self._segundos[o.codigo].valor, perfil))]

    def columnas_indicadores(self) -> list[Columna]:
        cols = []
        if self.linea_base:
            cols.append(Columna("LB", lambda r: texto_valor(r.indicador.lb_valor)))
        if self.tipo2 is not None:
            perfil = self.tipo2.perfil
            cols.append(Columna(
                "Tipo II", lambda r: celda_avance(self._segundos[r.codigo].avance.valor, perfil)))
        if self.proyecciones is not None:
            cols.append(Columna("Proyección", lambda r: texto_proyeccion(
                self.proyecciones[r.codigo], corta=True), justify="left"))
        return cols

    def tras_indice(self, resultado: ResultadoAnio) -> list:
        lineas = []
        if self.sin_tope is not None and resultado.tope is not None:
            con, sin = resultado.indice, self.sin_tope.indice
            perfil = resultado.perfil
            if redondear(con.valor, perfil) != redondear(sin.valor, perfil):
                rotulo = ("Sin tope (cada indicador tal cual)" if perfil.truncar_en is None else
                          f"Sin --tope (sólo el tope de {perfil.truncar_en} del "
                          f"{perfil.instrumento.nombre})")
                lineas.append(linea_agregado(rotulo, sin))
                lineas.append(Text(
                    f"El tope de {resultado.tope} cambia el índice en "
                    f"{con_signo(redondear(con.valor, perfil) - redondear(sin.valor, perfil))} puntos.",
                    style="dim"))
            else:
                lineas.append(Text(f"El tope de {resultado.tope} no cambia el índice.",
                                   style="dim"))
        if self.tipo2 is not None:
            lineas.append(linea_agregado("Índice de gestión, avance Tipo II", self.tipo2.indice))
        return lineas

    def al_final(self, perfil: Perfil) -> list:
        partes = []
        if self.tipo2 is not None:
            notas = _notas_agrupadas(self.tipo2, "Avance Tipo II ND")
            if notas is not None:
                partes.append(notas)
        if self.proyecciones is not None:
            p = next(iter(self.proyecciones.values()), None)
            final = p.anio_final if p is not None else None
            texto = Text(f"Proyección: tendencia lineal de los valores obtenidos llevada a {final}"
                         f" (último año con metas): ", style="dim")
            texto.append(clases_proyeccion(perfil) + ". El valor proyectado va en "
                         "--formato json y csv, y en 'penitencia evolucion CODIGO'.", style="dim")
            partes.append(texto)
        return partes


def _notas_agrupadas(resultado: ResultadoAnio, prefijo: str) -> Text | None:
    """Observaciones que empiezan por ``prefijo``, agrupadas: mensaje → códigos."""
    grupos: dict[str, list[str]] = {}
    for r in resultado.indicadores:
        for o in r.observaciones:
            if o.startswith(prefijo):
                grupos.setdefault(o, []).append(r.codigo)
    if not grupos:
        return None
    texto = Text(f"{prefijo}:\n", style="bold")
    for mensaje, codigos in grupos.items():
        texto.append(f"  {mensaje.removeprefix(prefijo + ': ')}\n")
        texto.append("    " + ", ".join(codigos) + "\n", style="dim")
    return texto


def ampliacion_de(calculo: CalculoAvance) -> Ampliacion:
    """Lo que un pedido de ``avance`` añade a la vista: la columna Tipo II (con ``--tipo
    ambos``), el índice sin tope, las proyecciones y la línea de base (con ``--tipo 2``)."""
    dos = calculo.pedido.tipo is TipoAvance.II
    return Ampliacion(
        tipo2=calculo.tipo2 if calculo.pedido.ambos else None,
        sin_tope=calculo.sin_tope2 if dos else calculo.sin_tope,
        proyecciones=calculo.proyecciones,
        linea_base=dos,
        calidad=calculo.calidad,
    )


def mostrar_calculo(calculo: CalculoAvance, consola: Console, solo: str | None = None) -> None:
    """La vista de un pedido de ``avance``: el resultado principal y su ampliación."""
    mostrar_avance(calculo.principal, consola, solo, ampliacion_de(calculo))
