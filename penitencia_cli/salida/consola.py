"""Tablas rich para la terminal (semáforo incluido). Se importa sólo cuando hay que mostrar."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Callable, Iterator

from rich import box
from rich.console import Console, Group
from rich.table import Table
from rich.text import Text

from ..modelos import Problema, Sentido, Severidad
from ..reglas import (
    FRANJAS,
    GRUPOS_ALERTA,
    Alerta,
    ClaseProyeccion,
    Comparacion,
    Conciliacion,
    Evolucion,
    Franja,
    Movimiento,
    Proyeccion,
    ResultadoAnio,
    franja_de,
    redondear,
)
from . import documento as doc

ESTILOS = {"rojo": "bold red", "ámbar": "bold yellow", "verde": "bold green", "gris": "grey50"}
"""Estilo rich de cada color del semáforo."""


def estilo(franja: Franja) -> str:
    return ESTILOS[franja.color]


def semaforo(franja: Franja) -> Text:
    """'● [0-75%>' en el color de la franja."""
    return Text(f"● {franja.etiqueta}", style=estilo(franja))


def _avance(valor, franja: Franja) -> Text:
    return Text(doc.texto_avance(valor), style=estilo(franja))


ANCHO_BARRA = 10
"""Caracteres de la barra de avance: la barra llena es 100."""
_OCTAVOS = " ▏▎▍▌▋▊▉"


def barra(valor, franja: Franja, ancho: int = ANCHO_BARRA) -> Text:
    """Barra compacta del avance (escala 0-100, en octavos de carácter) en el color de su franja.

    Un avance mayor que 100 llena la barra y termina en '+'; ND queda vacío.
    """
    if valor is None:
        return Text("")
    octavos = int(max(min(valor, 100), 0) * ancho * 8 / 100)
    llenos, resto = divmod(octavos, 8)
    texto = "█" * llenos + (_OCTAVOS[resto] if resto else "")
    texto = texto.ljust(ancho) + ("+" if valor > 100 else " ")
    return Text(texto, style=estilo(franja))


def encabezado(resultado: ResultadoAnio) -> Table:
    pol = resultado.matriz.politica
    grid = Table.grid(padding=(0, 1))
    grid.add_column(style="bold")
    grid.add_column()
    grid.add_row("Política:", pol.nombre)
    for rotulo, valor in (("Sector:", pol.sector), ("Ministerio conductor:", pol.ministerio_conductor),
                          ("Tipo:", pol.tipo)):
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
        t.add_column(Text(f.etiqueta, style=estilo(f)), justify="right")
    for grupo, cuenta in resultado.resumen.items():
        t.add_row(doc.GRUPOS[grupo], *(str(cuenta[f]) for f in FRANJAS))
    return t


def linea_indice(resultado: ResultadoAnio) -> Text:
    return _linea_agregado(resultado.indice.enunciado, resultado.indice)


def tabla_objetivos(resultado: ResultadoAnio, extras: "Sequence[Columna]" = ()) -> Table:
    t = Table(title="Objetivos prioritarios", box=box.SIMPLE_HEAVY, title_justify="left",
              expand=True)
    t.add_column("Código", no_wrap=True)
    t.add_column("Objetivo prioritario", ratio=1)
    t.add_column("Avance", justify="right", no_wrap=True)
    t.add_column("0 ─── 100", no_wrap=True, min_width=ANCHO_BARRA + 1)
    t.add_column("Franja", no_wrap=True)
    t.add_column("Cobertura", no_wrap=True)
    for col in extras:
        t.add_column(col.titulo, justify=col.justify, no_wrap=True)
    for o in resultado.objetivos:
        t.add_row(o.codigo, o.enunciado, _avance(o.valor, o.franja), barra(o.valor, o.franja),
                  semaforo(o.franja), f"{o.con_dato} de {o.total} ind.",
                  *(col.celda(o) for col in extras))
    return t


TRAMO_FILAS = 2_000
"""Filas por tabla al mostrar los indicadores: más allá, la tabla se imprime por tramos con anchos
de columna fijos (rich arma cada tabla entera en memoria antes de mostrarla)."""


def tablas_indicadores(resultado: ResultadoAnio, nivel: str | None = None,
                       extras: "Sequence[Columna]" = (),
                       tramo: int | None = TRAMO_FILAS) -> Iterator[Table]:
    """Indicadores agrupados por OP (``nivel`` "IOP" o "ISS" deja sólo los de ese nivel), en una
    sola tabla o, con más de ``tramo`` filas, en tramos que se leen como una sola (mismos anchos,
    encabezado sólo en el primero)."""
    compacta = len(extras) >= 2  # el semáforo sin rótulo deja sitio al nombre
    grupos = _grupos_indicadores(resultado, nivel)
    total = sum(1 + len(filas) for _, _, filas in grupos)
    titulo = {None: "Indicadores", "IOP": "Indicadores de OP",
              "ISS": "Indicadores de servicio"}[nivel]
    titulo = f"{titulo} — {doc.rotulo_avance(resultado)}"
    if tramo is None or total <= tramo:
        t = _tabla_indicadores(titulo, extras, compacta)
        for fila in _filas_indicadores(grupos, extras, compacta):
            if fila is None:
                t.add_section()
            else:
                t.add_row(*fila)
        yield t
        return
    anchos = _anchos(_filas_indicadores(grupos, extras, compacta), 2 + 5 + len(extras))
    t, n = _tabla_indicadores(titulo, extras, compacta, anchos), 0
    for fila in _filas_indicadores(grupos, extras, compacta):
        if n >= tramo:
            yield t
            t, n = _tabla_indicadores(None, extras, compacta, anchos), 0
        if fila is None:
            if n:
                t.add_section()
            continue
        t.add_row(*fila)
        n += 1
    yield t


def _grupos_indicadores(resultado: ResultadoAnio, nivel: str | None):
    """(código del OP, enunciado, resultados) en el orden de los OP; IOP antes que ISS."""
    por_op: dict[str | None, list] = {}
    for r in resultado.indicadores:
        if nivel is None or r.indicador.nivel == nivel:
            por_op.setdefault(r.op, []).append(r)
    grupos = [(o.codigo, o.enunciado) for o in resultado.objetivos]
    if None in por_op:
        grupos.append((None, "Sin objetivo prioritario"))
    return [(codigo, enunciado,
             sorted(por_op[codigo], key=lambda r: r.indicador.nivel != "IOP"))
            for codigo, enunciado in grupos if por_op.get(codigo)]


def _tabla_indicadores(titulo: str | None, extras, compacta: bool,
                       anchos: list[int] | None = None) -> Table:
    t = Table(title=titulo, box=box.SIMPLE_HEAVY, title_justify="left", expand=True,
              show_header=titulo is not None)
    columnas = [("Código", "left"), ("Sent.", "left"), ("LE", "right"), ("VO", "right"),
                ("Avance", "right"), ("Fr." if compacta else "Franja", "left"),
                *((col.titulo, col.justify) for col in extras)]
    fijas = iter(range(len(columnas)))
    for i, (nombre, justify) in enumerate(columnas):
        if i == 1:
            t.add_column("Indicador", ratio=1)
        ancho = anchos[next(fijas)] if anchos else None
        t.add_column(nombre, justify=justify, no_wrap=True, min_width=ancho, max_width=ancho)
    return t


def _filas_indicadores(grupos, extras, compacta: bool):
    """Las filas de la tabla (celdas) y ``None`` donde empieza la sección de cada OP."""
    for codigo, enunciado, filas in grupos:
        yield None
        yield (Text(codigo or "—", style="bold"), Text(enunciado, style="bold"))
        for r in filas:
            ind = r.indicador
            marca = "*" if _con_nota(r) else ""
            yield (
                Text(ind.codigo, style="" if ind.nivel == "IOP" else "dim"),
                ind.nombre,
                "Asc." if ind.sentido is Sentido.ASCENDENTE else "Desc.",
                doc.texto_valor(r.le),
                doc.texto_valor(r.vo),
                Text(doc.texto_avance(r.avance.valor) + marca, style=estilo(r.franja)),
                Text("●", style=estilo(r.franja)) if compacta else semaforo(r.franja),
                *(col.celda(r) for col in extras),
            )


def _anchos(filas, n: int) -> list[int]:
    """Ancho de cada columna fija (todas menos «Indicador») sobre todas las filas y encabezados."""
    anchos = [len("Código"), len("Sent."), 2, 2, len("Avance"), len("Franja")] + [0] * (n - 6)
    for fila in filas:
        if fila is None or len(fila) == 2:
            if fila is not None:
                anchos[0] = max(anchos[0], Text(str(fila[0])).cell_len)
            continue
        fijas = (fila[0], *fila[2:])
        for i, celda in enumerate(fijas):
            largo = celda.cell_len if isinstance(celda, Text) else Text(str(celda)).cell_len
            anchos[i] = max(anchos[i], largo)
    return anchos


def _con_nota(r) -> bool:
    """Observaciones que merecen nota al pie (no las de un ND por falta de dato)."""
    return bool(r.observaciones) and r.le is not None and r.vo is not None


def observaciones(resultado: ResultadoAnio, nivel: str | None = None) -> Text | None:
    lineas = [(r.codigo, o) for r in resultado.indicadores
              if _con_nota(r) and (nivel is None or r.indicador.nivel == nivel)
              for o in r.observaciones]
    if not lineas:
        return None
    texto = Text("Observaciones (*):\n", style="bold")
    for codigo, obs in lineas:
        texto.append(f"  {codigo}: ", style="bold")
        texto.append(f"{obs}\n")
    return texto


def mostrar_avance(resultado: ResultadoAnio, consola: Console, solo: str | None = None,
                   ampliacion: "Ampliacion | None" = None) -> None:
    """Encabezado, conteos e índice; luego las tablas: todas, o sólo la que pide ``solo``
    ("op": objetivos; "iop"/"iss": indicadores de OP o de servicio). ``ampliacion`` añade las
    columnas y notas de --tipo, --desde, --tope y --proyeccion."""
    amp = ampliacion or Ampliacion()
    partes = [encabezado(resultado), Text(), tabla_resumen(resultado), linea_indice(resultado),
              *amp.tras_indice(resultado), Text()]
    if solo in (None, "op"):
        partes.append(tabla_objetivos(resultado, amp.columnas_objetivos()))
    if solo != "op":
        nivel = {"iop": "IOP", "iss": "ISS"}.get(solo or "")
        partes.append(tablas_indicadores(resultado, nivel, amp.columnas_indicadores()))
        notas = observaciones(resultado, nivel)
        if notas is not None:
            partes.append(notas)
    partes.extend(amp.al_final())
    for parte in partes:  # una a una: los tramos de la tabla no se arman todos a la vez
        for pieza in (parte if isinstance(parte, Iterator) else (parte,)):
            consola.print(pieza)


def tabla_problemas(problemas: list[Problema], titulo: str) -> Table:
    t = Table(title=titulo, box=box.SIMPLE_HEAVY, title_justify="left", expand=True)
    t.add_column("Tipo", no_wrap=True)
    t.add_column("Lugar", no_wrap=True)
    t.add_column("Código", no_wrap=True)
    t.add_column("Problema", ratio=1)
    for p in problemas:
        es_error = p.severidad is Severidad.ERROR
        t.add_row(Text("error" if es_error else "observación", style="bold red" if es_error else "yellow"),
                  p.lugar or "—", p.codigo or "—", p.mensaje)
    return t


# --- Alertas y conciliación ---------------------------------------------------------------------

def mostrar_alertas(anio: int, alertas: list[Alerta], consola: Console) -> None:
    """Una tabla por grupo de alertas (a., b., c., d.), con el mensaje de cada una."""
    if not alertas:
        consola.print(f"No se identificaron alertas para {anio}.")
        return
    letras = iter("abcdefgh")
    for grupo in GRUPOS_ALERTA:
        propias = [a for a in alertas if a.grupo is grupo]
        if not propias:
            continue
        t = Table(title=f"{next(letras)}. {doc.ROTULOS_ALERTA[grupo]} ({len(propias)})",
                  box=box.SIMPLE_HEAVY, title_justify="left", expand=True)
        t.add_column("Código", no_wrap=True)
        t.add_column("Alerta", ratio=1)
        t.add_column("Avance", justify="right", no_wrap=True)
        for a in propias:
            f = franja_de(a.avance)
            t.add_row(a.codigo, a.mensaje.removeprefix(a.codigo).strip(), _avance(a.avance, f))
        consola.print(t)
    consola.print(Text(f"{len(alertas)} alerta(s) en {anio}.", style="bold"))


def mostrar_conciliacion(conc: Conciliacion, tolerancia, consola: Console) -> None:
    """Diferencias entre el avance publicado y el calculado, con su causa probable."""
    if not conc.comparados:
        consola.print(f"El libro no tiene avances publicados para {conc.anio}.")
        return
    if not conc.diferencias:
        consola.print(Text(
            f"Sin diferencias: los {conc.comparados} avances publicados de {conc.anio} coinciden "
            f"con los calculados (tolerancia {tolerancia}).", style="bold green"))
        return
    t = Table(title=f"Avance publicado vs calculado — {conc.anio}: {len(conc.diferencias)} "
                    f"diferencia(s) de {conc.comparados} comparados",
              box=box.SIMPLE_HEAVY, title_justify="left", expand=True)
    t.add_column("Código", no_wrap=True)
    t.add_column("Publicado", justify="right", no_wrap=True)
    t.add_column("Calculado", justify="right", no_wrap=True)
    t.add_column("Dif.", justify="right", no_wrap=True)
    t.add_column("Causa probable", ratio=1)
    for d in conc.diferencias:
        publicado = "ND" if d.publicado is None else f"{d.publicado}"
        dif = "—" if d.diferencia is None else f"{doc.texto_avance(d.diferencia)}"
        if d.diferencia is not None and d.diferencia > 0:
            dif = "+" + dif
        causa = Text(d.causa)
        causa.append(f"\n{d.detalle}", style="dim")
        t.add_row(Text(d.codigo, style="bold"), publicado, doc.texto_avance(d.calculado), dif,
                  causa)
    consola.print(t)

# --- Tiempo y método: columnas ampliadas de avance, evolución y comparación --------------------

ESTILOS_PROYECCION = {
    ClaseProyeccion.CUMPLIDA: "bold green",
    ClaseProyeccion.EN_RUTA: "green",
    ClaseProyeccion.ACELERAR: "bold yellow",
    ClaseProyeccion.RETROCESO: "bold red",
    ClaseProyeccion.SIN_DATOS: "grey50",
}


@dataclass
class Columna:
    """Una columna más para las tablas de objetivos o indicadores: título y celda de cada fila."""

    titulo: str
    celda: Callable[[Any], Text | str]
    justify: str = "right"


def _celda_avance(valor) -> Text:
    return _avance(valor, franja_de(valor))


def texto_proyeccion(p: Proyeccion, corta: bool = False) -> Text:
    return Text(p.clase.corta if corta else p.clase.value, style=ESTILOS_PROYECCION[p.clase])


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
    _segundos: dict = field(default_factory=dict, init=False, repr=False)

    def __post_init__(self) -> None:
        if self.tipo2 is not None:
            self._segundos = {r.codigo: r for r in self.tipo2.indicadores}
            self._segundos.update({o.codigo: o for o in self.tipo2.objetivos})

    def columnas_objetivos(self) -> list[Columna]:
        if self.tipo2 is None:
            return []
        return [Columna("Tipo II", lambda o: _celda_avance(self._segundos[o.codigo].valor))]

    def columnas_indicadores(self) -> list[Columna]:
        cols = []
        if self.linea_base:
            cols.append(Columna("LB", lambda r: doc.texto_valor(r.indicador.lb_valor)))
        if self.tipo2 is not None:
            cols.append(Columna(
                "Tipo II", lambda r: _celda_avance(self._segundos[r.codigo].avance.valor)))
        if self.proyecciones is not None:
            cols.append(Columna("Proyección", lambda r: texto_proyeccion(
                self.proyecciones[r.codigo], corta=True), justify="left"))
        return cols

    def tras_indice(self, resultado: ResultadoAnio) -> list:
        lineas = []
        if self.sin_tope is not None and resultado.tope is not None:
            con, sin = resultado.indice, self.sin_tope.indice
            if redondear(con.valor) != redondear(sin.valor):
                lineas.append(_linea_agregado("Sin tope (cada indicador tal cual)", sin))
                lineas.append(Text(
                    f"El tope de {resultado.tope} cambia el índice en "
                    f"{_con_signo(redondear(con.valor) - redondear(sin.valor))} puntos.",
                    style="dim"))
            else:
                lineas.append(Text(f"El tope de {resultado.tope} no cambia el índice.",
                                   style="dim"))
        if self.tipo2 is not None:
            lineas.append(_linea_agregado("Índice de gestión, avance Tipo II", self.tipo2.indice))
        return lineas

    def al_final(self) -> list:
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
            texto.append(", ".join(c.corta if c.corta == c.value else f"{c.corta} ({c.value})"
                                   for c in ClaseProyeccion) + ". El valor proyectado va en "
                         "--formato json y csv, y en 'penitencia evolucion CODIGO'.", style="dim")
            partes.append(texto)
        return partes


def _con_signo(valor) -> str:
    return "ND" if valor is None else (f"+{valor}" if valor > 0 else f"{valor}")


def _linea_agregado(rotulo: str, agregado) -> Text:
    texto = Text()
    texto.append(f"{rotulo}: ", style="bold")
    texto.append(doc.texto_avance(agregado.valor), style=estilo(agregado.franja))
    texto.append("  ")
    texto.append_text(semaforo(agregado.franja))
    texto.append(f"  ({agregado.con_dato} de {agregado.total} objetivos con dato)", style="dim")
    return texto


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


def mostrar_evolucion(ev: Evolucion, consola: Console) -> None:
    es_indicador = ev.indicador is not None
    grid = Table.grid(padding=(0, 1))
    grid.add_column(style="bold")
    grid.add_column()
    grid.add_row("Código:", ev.codigo)
    grid.add_row({"indicador": "Indicador:", "objetivo": "Objetivo:",
                  "indice": "Agregado:"}[ev.clase], ev.nombre)
    if es_indicador:
        ind = ev.indicador
        grid.add_row("Nivel:", f"{ind.nivel} (pertenece a {ind.pertenece_a}"
                               + (f", {ev.op})" if ev.op and ev.op != ind.pertenece_a else ")"))
        grid.add_row("Sentido:", f"{ind.sentido.value}; {ind.acumulacion.value}"
                                 + (f"; {ind.unidad}" if ind.unidad else ""))
        grid.add_row("Línea de base:", "ND" if ind.lb_valor is None else
                     f"{doc.texto_valor(ind.lb_valor)} ({ind.lb_anio or 'año ND'})")

    t = Table(title="Evolución anual", box=box.SIMPLE_HEAVY, title_justify="left")
    t.add_column("Año", no_wrap=True)
    if es_indicador:
        t.add_column("LE", justify="right", no_wrap=True)
        t.add_column("VO", justify="right", no_wrap=True)
    t.add_column("Tipo I", justify="right", no_wrap=True)
    t.add_column("Franja", no_wrap=True)
    t.add_column("Tipo II", justify="right", no_wrap=True)
    if not es_indicador:
        t.add_column("Cobertura", no_wrap=True)
    notas: list[tuple[int, str]] = []
    for f in ev.anios:
        celdas = [str(f.anio)]
        if es_indicador:
            celdas += [doc.texto_valor(f.le), doc.texto_valor(f.vo)]
            if f.le is not None and f.vo is not None:
                notas += [(f.anio, o) for o in (*f.tipo1.observaciones, *f.tipo2.observaciones)]
        celdas += [_avance(f.tipo1.valor, f.tipo1.franja), semaforo(f.tipo1.franja),
                   _avance(f.tipo2.valor, f.tipo2.franja)]
        if not es_indicador:
            celdas.append(f"{f.con_dato} de {f.total} ind.")
        t.add_row(*celdas)

    primero, ultimo = ev.anios[0].anio, ev.anios[-1].anio
    tendencia = Table.grid(padding=(0, 1))
    tendencia.add_column(style="bold")
    tendencia.add_column()
    if es_indicador:
        tendencia.add_row("Tendencia VO:", f"{doc.linea_tendencia([f.vo for f in ev.anios])}  "
                                          f"({primero}-{ultimo}; · = ND)")
        tendencia.add_row("Tendencia LE:", doc.linea_tendencia([f.le for f in ev.anios]))
    tendencia.add_row("Tendencia Tipo I:", doc.linea_tendencia([f.tipo1.valor for f in ev.anios])
                      + ("" if es_indicador else f"  ({primero}-{ultimo}; · = ND)"))

    partes: list = [grid, Text(), t, tendencia, Text()]
    if notas:
        texto = Text("Observaciones:\n", style="bold")
        for anio, o in notas:
            texto.append(f"  {anio}: {o}\n")
        partes.append(texto)
    if es_indicador:
        partes.append(_bloque_proyeccion(ev.proyeccion))
    elif ev.proyecciones:
        partes.append(_tabla_proyecciones(ev.proyecciones))
    consola.print(Group(*partes))


def _bloque_proyeccion(p: Proyeccion) -> Text:
    texto = Text(f"Proyección a {p.anio_final or '—'}: ", style="bold")
    texto.append_text(texto_proyeccion(p))
    texto.append(f". {p.motivo}")
    if p.valor is not None:
        pendiente = p.pendiente.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        texto.append(f"\n  Tendencia lineal de {len(p.puntos)} valores obtenidos "
                     f"({p.puntos[0][0]}-{p.puntos[-1][0]}): {_con_signo(pendiente)} por año; "
                     f"valor proyectado {doc.texto_proyectado(p.valor)} frente a la meta "
                     f"{doc.texto_valor(p.meta)} (avance Tipo I proyectado "
                     f"{doc.texto_avance(p.avance)}).")
    return texto


def _tabla_proyecciones(proyecciones: dict[str, Proyeccion]) -> Table:
    anio = next(iter(proyecciones.values())).anio_final
    t = Table(title=f"Proyección de sus indicadores de OP a {anio}", box=box.SIMPLE_HEAVY,
              title_justify="left")
    t.add_column("Código", no_wrap=True)
    t.add_column("Último VO", justify="right", no_wrap=True)
    t.add_column("Meta", justify="right", no_wrap=True)
    t.add_column("Proyectado", justify="right", no_wrap=True)
    t.add_column("Clase", no_wrap=True)
    for codigo, p in proyecciones.items():
        ultimo = "ND" if p.ultimo_anio is None else \
            f"{doc.texto_valor(p.ultimo_valor)} ({p.ultimo_anio})"
        t.add_row(codigo, ultimo, doc.texto_valor(p.meta), doc.texto_proyectado(p.valor, "—"),
                  texto_proyeccion(p))
    return t


_TITULOS_MOVIMIENTO = {
    Movimiento.SUBE: "Suben de franja",
    Movimiento.BAJA: "Bajan de franja",
    Movimiento.GANA_DATO: "Ganan dato (ND → con dato)",
    Movimiento.PIERDE_DATO: "Pierden dato (con dato → ND)",
}


def mostrar_comparacion(c: Comparacion, consola: Console) -> None:
    a, b = c.inicial.anio, c.final.anio
    ind_a, ind_b = c.inicial.indice, c.final.indice
    linea = Text()
    linea.append("Índice de gestión: ", style="bold")
    linea.append(doc.texto_avance(ind_a.valor), style=estilo(ind_a.franja))
    linea.append(f" ({a}) → ")
    linea.append(doc.texto_avance(ind_b.valor), style=estilo(ind_b.franja))
    linea.append(f" ({b}), variación {_con_signo(c.variacion_indice)}")
    if ind_a.franja is not ind_b.franja:
        linea.append(f"  franja {ind_a.franja.etiqueta} → {ind_b.franja.etiqueta}")

    cuentas = Table(title=f"Conteo por franja: {a} → {b}", box=box.SIMPLE_HEAVY,
                    title_justify="left")
    cuentas.add_column("Grupo")
    for f in FRANJAS:
        cuentas.add_column(Text(f.etiqueta, style=estilo(f)), justify="right")
    for grupo, porf in c.conteos.items():
        cuentas.add_row(doc.GRUPOS[grupo], *(
            f"{x} → {y} ({_con_signo(y - x) if y != x else '='})" for x, y in porf.values()))

    tablas = []
    for mov, titulo in _TITULOS_MOVIMIENTO.items():
        filas = c.de(mov)
        if not filas:
            tablas.append(Text(f"{titulo}: ninguno\n"))
            continue
        t = Table(title=f"{titulo}: {len(filas)}", box=box.SIMPLE_HEAVY, title_justify="left",
                  expand=True)
        t.add_column("Código", no_wrap=True)
        t.add_column("Nombre", ratio=1, no_wrap=True, overflow="ellipsis")
        t.add_column(str(a), justify="right", no_wrap=True)
        t.add_column(str(b), justify="right", no_wrap=True)
        t.add_column("Franjas", no_wrap=True)
        for tr in filas:
            franjas = Text()
            franjas.append(tr.franja_inicial.etiqueta, style=estilo(tr.franja_inicial))
            franjas.append(" → ")
            franjas.append(tr.franja_final.etiqueta, style=estilo(tr.franja_final))
            t.add_row(Text(tr.codigo, style="" if tr.nivel != "ISS" else "dim"), tr.nombre,
                      _celda_avance(tr.inicial), _celda_avance(tr.final), franjas)
        tablas.append(t)
    pie = Text(f"Sin cambio de franja: {len(c.de(Movimiento.IGUAL))} (incluye los ND en ambos "
               "años).", style="dim")
    consola.print(Group(linea, Text(), cuentas, *tablas, pie))

def mostrar_validacion(archivo: str, problemas: list[Problema], consola: Console) -> None:
    """Resultado de ``penitencia validar``: la tabla de problemas (errores primero) y un resumen."""
    errores = sum(p.severidad is Severidad.ERROR for p in problemas)
    observaciones = len(problemas) - errores
    if not problemas:
        consola.print(Text(f"✓ {archivo}: sin errores ni observaciones.", style="bold green"))
        return
    ordenados = sorted(problemas, key=lambda p: p.severidad is not Severidad.ERROR)
    consola.print(tabla_problemas(ordenados, f"Validación de {archivo}"))
    resumen = f"{errores} error(es), {observaciones} observación(es). "
    if errores:
        consola.print(Text(resumen + "Corrija los errores para poder calcular.", style="bold red"))
    else:
        consola.print(Text(resumen + "El libro se puede calcular.", style="bold green"))
