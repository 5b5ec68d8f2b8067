"""Tablas rich para la terminal (semáforo incluido). Se importa sólo cuando hay que mostrar."""

from __future__ import annotations

from rich import box
from rich.console import Console, Group
from rich.table import Table
from rich.text import Text

from ..modelos import Problema, Severidad
from ..reglas import FRANJAS, Franja, ResultadoAnio
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
    ind = resultado.indice
    texto = Text()
    texto.append(f"{ind.enunciado}: ", style="bold")
    texto.append(doc.texto_avance(ind.valor), style=estilo(ind.franja))
    texto.append("  ")
    texto.append_text(semaforo(ind.franja))
    texto.append(f"  ({ind.con_dato} de {ind.total} objetivos con dato)", style="dim")
    return texto


def tabla_objetivos(resultado: ResultadoAnio) -> Table:
    t = Table(title="Objetivos prioritarios", box=box.SIMPLE_HEAVY, title_justify="left",
              expand=True)
    t.add_column("Código", no_wrap=True)
    t.add_column("Objetivo prioritario", ratio=1)
    t.add_column("Avance", justify="right", no_wrap=True)
    t.add_column("Franja", no_wrap=True)
    t.add_column("Cobertura", no_wrap=True)
    for o in resultado.objetivos:
        t.add_row(o.codigo, o.enunciado, _avance(o.valor, o.franja), semaforo(o.franja),
                  f"{o.con_dato} de {o.total} ind.")
    return t


def tabla_indicadores(resultado: ResultadoAnio) -> Table:
    t = Table(title=f"Indicadores — Avance Tipo I {resultado.anio}", box=box.SIMPLE_HEAVY,
              title_justify="left", expand=True)
    t.add_column("Código", no_wrap=True)
    t.add_column("Indicador", ratio=1)
    t.add_column("Sent.", no_wrap=True)
    t.add_column("LE", justify="right", no_wrap=True)
    t.add_column("VO", justify="right", no_wrap=True)
    t.add_column("Avance", justify="right", no_wrap=True)
    t.add_column("Franja", no_wrap=True)
    por_op: dict[str | None, list] = {}
    for r in resultado.indicadores:
        por_op.setdefault(r.op, []).append(r)
    grupos = [(o.codigo, o.enunciado) for o in resultado.objetivos]
    if None in por_op:
        grupos.append((None, "Sin objetivo prioritario"))
    for codigo, enunciado in grupos:
        filas = sorted(por_op.get(codigo, []), key=lambda r: r.indicador.nivel != "IOP")
        if not filas:
            continue
        t.add_section()
        t.add_row(Text(codigo or "—", style="bold"), Text(enunciado, style="bold"))
        for r in filas:
            ind = r.indicador
            marca = "*" if _con_nota(r) else ""
            t.add_row(
                Text(ind.codigo, style="" if ind.nivel == "IOP" else "dim"),
                ind.nombre,
                "Asc." if ind.sentido.value == "Ascendente" else "Desc.",
                doc.texto_valor(r.le),
                doc.texto_valor(r.vo),
                Text(doc.texto_avance(r.avance.valor) + marca, style=estilo(r.franja)),
                semaforo(r.franja),
            )
    return t


def _con_nota(r) -> bool:
    """Observaciones que merecen nota al pie (no las de un ND por falta de dato)."""
    return bool(r.observaciones) and r.le is not None and r.vo is not None


def observaciones(resultado: ResultadoAnio) -> Text | None:
    lineas = [(r.codigo, o) for r in resultado.indicadores if _con_nota(r)
              for o in r.observaciones]
    if not lineas:
        return None
    texto = Text("Observaciones (*):\n", style="bold")
    for codigo, obs in lineas:
        texto.append(f"  {codigo}: ", style="bold")
        texto.append(f"{obs}\n")
    return texto


def mostrar_avance(resultado: ResultadoAnio, consola: Console) -> None:
    partes = [encabezado(resultado), Text(), tabla_resumen(resultado), linea_indice(resultado),
              Text(), tabla_objetivos(resultado), tabla_indicadores(resultado)]
    notas = observaciones(resultado)
    if notas is not None:
        partes.append(notas)
    consola.print(Group(*partes))


def tabla_problemas(problemas: list[Problema], titulo: str) -> Table:
    t = Table(title=titulo, box=box.SIMPLE_HEAVY, title_justify="left", expand=True)
    t.add_column("Tipo", no_wrap=True)
    t.add_column("Lugar", no_wrap=True)
    t.add_column("Código", no_wrap=True)
    t.add_column("Problema", ratio=1)
    for p in problemas:
        es_error = p.severidad is Severidad.ERROR
        t.add_row(Text("error" if es_error else "nota", style="bold red" if es_error else "yellow"),
                  p.lugar or "—", p.codigo or "—", p.mensaje)
    return t


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
