"""Las demás vistas de la terminal: alertas, verificación (publicado vs calculado), evolución de
un indicador, OP o índice, y comparación de dos años."""

from __future__ import annotations

from decimal import Decimal

from rich import box
from rich.console import Console, Group
from rich.table import Table
from rich.text import Text

from ..reglas.alertas import GRUPOS_ALERTA, Alertas
from ..reglas.cifras import texto_valor
from ..reglas.comparacion import Comparacion, Evolucion, Movimiento
from ..reglas.conciliacion import Conciliacion
from ..reglas.franjas import franja_de, redondear_a
from ..reglas.metodologia import FRANJAS
from ..reglas.proyeccion import Proyeccion
from .consola import (
    avance_estilado,
    celda_avance,
    colgar,
    con_signo,
    estilo,
    palabra_mas_larga,
    semaforo,
    texto_proyeccion,
    titulada,
)
from .formato import linea_tendencia, rotulos_alerta, texto_avance, texto_proyectado

def mostrar_alertas(alertas: Alertas, consola: Console) -> None:
    """Una tabla por grupo de alertas (a., b., c., d.), con el mensaje de cada una."""
    anio = alertas.anio
    if not alertas:
        consola.print(f"No se identificaron alertas para {anio}.")
        return
    letras = iter("abcdefgh")
    rotulos = rotulos_alerta(alertas.perfil)
    for grupo in GRUPOS_ALERTA:
        propias = alertas.del_grupo(grupo)
        if not propias:
            continue
        titulo = f"{next(letras)}. {rotulos[grupo]} ({len(propias)})"
        t = Table(box=box.SIMPLE_HEAVY, expand=True)
        t.add_column("Código", no_wrap=True)
        t.add_column("Alerta", ratio=1)
        t.add_column("Avance", justify="right", no_wrap=True)
        for a in propias:
            f = franja_de(a.avance, a.perfil)
            t.add_row(a.codigo, a.mensaje.removeprefix(a.codigo).strip(),
                      avance_estilado(a.avance, f, a.perfil))
        consola.print(titulada(titulo, t))
    consola.print(colgar(Text(f"{len(alertas)} alerta(s) en {anio}.", style="bold")))


def mostrar_conciliacion(conc: Conciliacion, consola: Console) -> None:
    """Diferencias entre el avance publicado y el calculado (con la tolerancia del perfil del
    libro), con su causa probable."""
    if not conc.comparados:
        consola.print(f"El libro no tiene avances publicados para {conc.anio}.")
        return
    if not conc.diferencias:
        consola.print(colgar(Text(
            f"Sin diferencias: los {conc.comparados} avances publicados de {conc.anio} coinciden "
            f"con los calculados (tolerancia {conc.tolerancia}).", style="bold green")))
        return
    titulo = (f"Avance publicado vs calculado — {conc.anio}: {len(conc.diferencias)} "
              f"diferencia(s) de {conc.comparados} comparados")
    t = Table(box=box.SIMPLE_HEAVY, expand=True)
    t.add_column("Código", no_wrap=True)
    t.add_column("Publicado", justify="right", no_wrap=True)
    t.add_column("Calculado", justify="right", no_wrap=True)
    t.add_column("Dif.", justify="right", no_wrap=True)
    t.add_column("Causa probable", ratio=1)
    perfil = conc.perfil
    for d in conc.diferencias:
        publicado = "ND" if d.publicado is None else f"{d.publicado}"
        dif = "—" if d.diferencia is None else f"{texto_avance(d.diferencia, perfil)}"
        if d.diferencia is not None and d.diferencia > 0:
            dif = "+" + dif
        causa = Text(d.causa)
        causa.append(f"\n{d.detalle}", style="dim")
        t.add_row(Text(d.codigo, style="bold"), publicado, texto_avance(d.calculado, perfil), dif,
                  causa)
    consola.print(titulada(titulo, t))


def mostrar_evolucion(ev: Evolucion, consola: Console) -> None:
    es_indicador = ev.indicador is not None
    perfil = ev.perfil
    grid = Table.grid(padding=(0, 1))
    grid.add_column(style="bold")
    grid.add_column()
    grid.add_row("Código:", ev.codigo)
    grid.add_row({"indicador": "Indicador:", "objetivo": "Objetivo:", "accion": "Acción:",
                  "indice": "Agregado:"}[ev.clase], ev.nombre)
    if ev.clase == "accion":
        grid.add_row("Objetivo:", ev.objetivo or "—")
    if es_indicador:
        ind = ev.indicador
        grid.add_row("Nivel:", f"{ind.nivel} (pertenece a {ind.pertenece_a}"
                               + (f", {ev.objetivo})" if ev.objetivo
                                  and ev.objetivo != ind.pertenece_a else ")"))
        sentido = ind.sentido.value + (" (inferido de los logros esperados)"
                                       if ind.sentido_inferido else "")
        acumulacion = (ind.acumulacion.value if ind.acumulacion is not None
                       else "acumulación no declarada")
        grid.add_row("Sentido:", f"{sentido}; {acumulacion}"
                                 + (f"; {ind.unidad}" if ind.unidad else ""))
        grid.add_row("Línea de base:", "ND" if ind.lb_valor is None else
                     f"{texto_valor(ind.lb_valor)} ({ind.lb_anio or 'año ND'})")

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
            celdas += [texto_valor(f.le), texto_valor(f.vo)]
            if f.le is not None and f.vo is not None:
                notas += [(f.anio, o) for o in (*f.tipo1.observaciones, *f.tipo2.observaciones)]
        celdas += [avance_estilado(f.tipo1.valor, f.tipo1.franja, perfil),
                   semaforo(f.tipo1.franja, perfil),
                   avance_estilado(f.tipo2.valor, f.tipo2.franja, perfil)]
        if not es_indicador:  # un objetivo cuenta sus indicadores; el índice, sus objetivos
            unidad = perfil.instrumento.objetivo if ev.clase == "indice" else "ind."
            celdas.append(f"{f.con_dato} de {f.total} {unidad}")
        t.add_row(*celdas)

    primero, ultimo = ev.anios[0].anio, ev.anios[-1].anio
    tendencia = Table.grid(padding=(0, 1))
    tendencia.add_column(style="bold")
    tendencia.add_column()
    if es_indicador:
        tendencia.add_row("Tendencia VO:", f"{linea_tendencia([f.vo for f in ev.anios])}  "
                                          f"({primero}-{ultimo}; · = ND)")
        tendencia.add_row("Tendencia LE:", linea_tendencia([f.le for f in ev.anios]))
    tendencia.add_row("Tendencia Tipo I:", linea_tendencia([f.tipo1.valor for f in ev.anios])
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
        rotulos = perfil.rotulos
        de = rotulos.indicadores_accion if ev.clase == "accion" else rotulos.indicadores_objetivo
        partes.append(_tabla_proyecciones(ev.proyecciones, de[:1].lower() + de[1:]))
    consola.print(Group(*map(colgar, partes)))


def _bloque_proyeccion(p: Proyeccion) -> Text:
    texto = Text(f"Proyección a {p.anio_final or '—'}: ", style="bold")
    texto.append_text(texto_proyeccion(p))
    texto.append(f". {p.motivo}")
    if p.valor is not None:
        pendiente = redondear_a(p.pendiente, Decimal("0.01"))
        texto.append(f"\n  Tendencia lineal de {len(p.puntos)} valores obtenidos "
                     f"({p.puntos[0][0]}-{p.puntos[-1][0]}): {con_signo(pendiente)} por año; "
                     f"valor proyectado {texto_proyectado(p.valor)} frente a la meta "
                     f"{texto_valor(p.meta)} (avance Tipo I proyectado "
                     f"{texto_avance(p.avance, p.perfil)}).")
    return texto


def _tabla_proyecciones(proyecciones: dict[str, Proyeccion],
                        indicadores: str = "indicadores de OP") -> Table:
    anio = next(iter(proyecciones.values())).anio_final
    t = Table(title=f"Proyección de sus {indicadores} a {anio}", box=box.SIMPLE_HEAVY,
              title_justify="left")
    t.add_column("Código", no_wrap=True)
    t.add_column("Último VO", justify="right", no_wrap=True)
    t.add_column("Meta", justify="right", no_wrap=True)
    t.add_column("Proyectado", justify="right", no_wrap=True)
    t.add_column("Clase", no_wrap=True)
    for codigo, p in proyecciones.items():
        ultimo = "ND" if p.ultimo_anio is None else \
            f"{texto_valor(p.ultimo_valor)} ({p.ultimo_anio})"
        t.add_row(codigo, ultimo, texto_valor(p.meta), texto_proyectado(p.valor, "—"),
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
    perfil = c.inicial.perfil
    etiquetas = perfil.etiquetas
    ind_a, ind_b = c.inicial.indice, c.final.indice
    linea = Text()
    linea.append("Índice de gestión: ", style="bold")
    linea.append(texto_avance(ind_a.valor, perfil), style=estilo(ind_a.franja, perfil))
    linea.append(f" ({a}) → ")
    linea.append(texto_avance(ind_b.valor, perfil), style=estilo(ind_b.franja, perfil))
    linea.append(f" ({b}), variación {con_signo(c.variacion_indice)}")
    if ind_a.franja is not ind_b.franja:
        linea.append(f"  franja {etiquetas[ind_a.franja]} → {etiquetas[ind_b.franja]}")

    cuentas = Table(title=f"Conteo por franja: {a} → {b}", box=box.SIMPLE_HEAVY,
                    title_justify="left")
    cuentas.add_column("Grupo")
    for f in FRANJAS:
        cuentas.add_column(Text(etiquetas[f], style=estilo(f, perfil)), justify="right")
    for grupo, porf in c.conteos.items():
        cuentas.add_row(perfil.grupos[grupo], *(
            f"{x} → {y} ({con_signo(y - x) if y != x else '='})" for x, y in porf.values()))

    tablas = []
    de_accion = perfil.instrumento.indicador_accion
    for mov, titulo in _TITULOS_MOVIMIENTO.items():
        filas = c.de(mov)
        if not filas:
            tablas.append(Text(f"{titulo}: ninguno\n"))
            continue
        t = Table(title=f"{titulo}: {len(filas)}", box=box.SIMPLE_HEAVY, title_justify="left",
                  expand=True)
        t.add_column("Código", no_wrap=True)
        t.add_column("Nombre", ratio=1, min_width=palabra_mas_larga(tr.nombre for tr in filas))
        t.add_column(str(a), justify="right", no_wrap=True)
        t.add_column(str(b), justify="right", no_wrap=True)
        t.add_column("Franjas", no_wrap=True)
        for tr in filas:
            franjas = Text()
            franjas.append(etiquetas[tr.franja_inicial], style=estilo(tr.franja_inicial, perfil))
            franjas.append(" → ")
            franjas.append(etiquetas[tr.franja_final], style=estilo(tr.franja_final, perfil))
            t.add_row(Text(tr.codigo, style="" if tr.nivel != de_accion else "dim"), tr.nombre,
                      celda_avance(tr.inicial, perfil), celda_avance(tr.final, perfil), franjas)
        tablas.append(t)
    pie = Text(f"Sin cambio de franja: {len(c.de(Movimiento.IGUAL))} (incluye los ND en ambos "
               "años).", style="dim")
    consola.print(Group(*map(colgar, [linea, Text(), cuentas, *tablas, pie])))
