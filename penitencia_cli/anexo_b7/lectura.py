"""Un Anexo B-7 impreso → :class:`~.resultado.AnexoB7`, con todos los problemas juntos.

El recorrido: las palabras de todas las páginas sin los encabezados y pies del navegador
(:mod:`.maqueta`); el encabezado del Anexo (Periodo PEI, Nivel de Gobierno, Sector, Pliego);
luego los bloques, cada uno con su título (``OEI.01 …`` o ``OEI.01 AEI.01.01 …`` y su
``(Prioridad:N)``), el encabezado de su tabla (del que salen sus columnas) y sus filas. Un valor
que no se puede poner con certeza en su columna y su fila es un problema con su página y su
indicador; nada se adivina.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from pathlib import Path

from ..contrato import ANIO_MAX, ANIO_MIN, ND_TEXTOS, casi_cero, demasiado_grande
from ..errores import ErrorDeDatos
from ..modelos import Problema
from .maqueta import (Ancla, Columna, Pieza, compacto, renglones, repartir, repartir_columnas,
                      sin_encabezado_de_pagina)
from .pdf import ILEGIBLE
from .resultado import BLANCO, AnexoB7, Celda, Elemento, IndicadorAnexo
from .seguridad import LIMITES_PDF, LimitesPdf, abrir_paginas

HOJA = "Anexo B-7, página {}"
"""El lugar de un problema (``Problema.hoja``)."""
_OEI = re.compile(r"^OEI\.\d+$")
_AEI = re.compile(r"^AEI\.\d+\.\d+$")
_IND = re.compile(r"^IND\.\d+\.(OEI\.\d+|AEI\.\d+\.\d+)$")
_PRIORIDAD = re.compile(r"\(\s*Prioridad\s*:\s*(\d+)\s*\)\s*$", re.IGNORECASE)
_NUMERO = re.compile(r"^-?(\d+|\d{1,3}(,\d{3})+)(\.\d+)?%?$")
_ANIO = re.compile(r"^\d{4}$")
CAMPOS = {"PERIODOPEI": "periodo", "NIVELDEGOBIERNO": "nivel_gobierno", "SECTOR": "sector",
          "PLIEGO": "pliego"}
"""Rótulo del encabezado del Anexo (compacto) → campo."""
ROTULOS = {"COD.", "COD", "INDICADOR", "PARAMETRO", "DE", "MEDICION", "PARAMETRODEMEDICION",
           "LINEA", "BASE", "LINEABASE", "VALOR", "ACTUAL", "VALORACTUAL", "LOGRO", "ESPERADO",
           "LOGROESPERADO", "OBTENIDO", "VALOROBTENIDO", "AVANCE", "(%)", "AVANCE(%)", "UE",
           "UNIDAD", "ORGANICA", "RESPONSABLE", "UNIDADORGANICA", "UNIDADORGANICARESPONSABLE",
           "ANO"}
"""Las palabras del encabezado de una tabla (compactas; «Año» queda ANO)."""
_PREFIJOS = {r[:k] for r in ROTULOS for k in range(1, len(r) + 1)}


class _Lector:
    def __init__(self, piezas: list[Pieza]):
        self.lineas = renglones(piezas)
        self.problemas: list[Problema] = []

    def problema(self, pagina: int | None, mensaje: str, codigo: str | None = None) -> None:
        self.problemas.append(Problema(hoja=HOJA.format(pagina) if pagina else "Anexo B-7",
                                       codigo=codigo, mensaje=mensaje))


def _texto(piezas: list[Pieza]) -> str:
    """Las palabras de una celda en orden de lectura; un renglón que termina en guion pegado a
    una palabra («geo-») sigue sin espacio en el siguiente («geo-espacio»)."""
    partes: list[str] = []
    for renglon in renglones(piezas):
        linea = " ".join(p.texto for p in renglon)
        if partes and len(partes[-1]) > 1 and partes[-1].endswith("-") and partes[-1][-2] != " ":
            partes[-1] += linea
        else:
            partes.append(linea)
    return " ".join(partes).strip()


def _rotulos(renglon: list[Pieza]) -> list[tuple[str, float, float]]:
    """Los rótulos de un renglón del encabezado: palabras seguidas que juntas forman un rótulo
    conocido (aunque el PDF espacie sus letras), o un año."""
    compactos = [compacto(p.texto) for p in renglon]
    salida, i = [], 0
    while i < len(renglon):
        fin, texto = None, ""
        for j in range(i, len(renglon)):  # el rótulo más largo que empieza aquí
            texto += compactos[j]
            if texto not in _PREFIJOS:
                break
            if texto in ROTULOS:
                fin = j + 1
        if fin is None and _ANIO.match(compactos[i]):
            fin = i + 1
        if fin is None:
            salida.append(("?" + compactos[i], renglon[i].x0, renglon[i].x1))
            i += 1
        else:
            salida.append(("".join(compactos[i:fin]), renglon[i].x0, renglon[fin - 1].x1))
            i = fin
    return salida


def _es_subencabezado(renglon: list[Pieza]) -> bool:
    rotulos = [r for r, _, _ in _rotulos(renglon)]
    return rotulos.count("ANO") >= 2 and sum(1 for r in rotulos if _ANIO.match(r)) >= 3


def _es_encabezado(renglon: list[Pieza]) -> bool:
    return all(not r.startswith("?") for r, _, _ in _rotulos(renglon))


def _celda(texto: str) -> Celda | None:
    """El valor de una celda de número; None si no se puede leer."""
    if not texto:
        return BLANCO
    if texto.strip().casefold() in ND_TEXTOS:
        return Celda(texto, None)
    limpio = texto.replace(" ", "")
    if not _NUMERO.match(limpio):
        return None
    try:
        return Celda(texto, Decimal(limpio.rstrip("%").replace(",", "")))
    except InvalidOperation:
        return None


def _cabe_en_un_libro(valor: Decimal) -> bool:
    """¿Se guarda exacto en la plantilla? La magnitud que admite el lector de libros
    (``contrato.demasiado_grande``, ``casi_cero``) y a lo sumo 15 cifras significativas (las que
    guarda Excel): el libro que escribe ``importar`` se lee de vuelta igual."""
    digitos = len(valor.normalize().as_tuple().digits)
    return not demasiado_grande(valor) and not casi_cero(valor) and digitos <= 15


def _encabezado_del_anexo(lector: _Lector, hasta: float) -> dict[str, str]:
    """Los campos del encabezado (Periodo PEI, Nivel de Gobierno, Sector, Pliego) en los
    renglones antes del primer bloque."""
    campos: dict[str, str] = {}
    for renglon in lector.lineas:
        if renglon[0].y >= hasta:
            break
        for k, p in enumerate(renglon):
            if ":" not in p.texto:
                continue
            antes, _, despues = p.texto.partition(":")
            rotulo = "".join(compacto(q.texto) for q in renglon[:k]) + compacto(antes)
            if rotulo in CAMPOS and CAMPOS[rotulo] not in campos:
                valor = " ".join([despues] + [q.texto for q in renglon[k + 1:]]).strip()
                campos[CAMPOS[rotulo]] = valor
            break
    return campos


def _columnas(lector: _Lector, cabecera: list[list[Pieza]], sub: list[Pieza], pagina: int,
              codigo: str, anios: list[int] | None) -> list[Columna] | None:
    """Las columnas de la tabla de un bloque, de los rótulos de su encabezado."""
    rotulos = [r for renglon in [*cabecera, sub] for r in _rotulos(renglon)]
    tramos: dict[str, list[tuple[float, float]]] = {}
    for r, x0, x1 in rotulos:
        tramos.setdefault(r, []).append((x0, x1))

    def tramo(*nombres: str) -> tuple[float, float] | None:
        xs = [t for n in nombres for t in tramos.get(n, [])]
        return (min(a for a, _ in xs), max(b for _, b in xs)) if xs else None

    # La segunda fila: «Año Valor Año Valor» y los años (en su renglón puede caer el final de
    # un rótulo de dos líneas, como MEDICION o RESPONSABLE: no es de ella).
    segunda = [r for r in _rotulos(sub) if r[0] in ("ANO", "VALOR") or _ANIO.match(r[0])
               or r[0].startswith("?")]
    claves = [r for r, _, _ in segunda]
    n = (len(segunda) - 4) // 3
    esperado = ["ANO", "VALOR", "ANO", "VALOR"]
    validos = (n >= 1 and claves[:4] == esperado and len(segunda) == 4 + 3 * n
               and all(_ANIO.match(r) for r in claves[4:])
               and claves[4:4 + n] == claves[4 + n:4 + 2 * n] == claves[4 + 2 * n:])
    anios_tabla = [int(r) for r in claves[4:4 + n]] if validos else []
    if not validos or anios_tabla != list(range(anios_tabla[0], anios_tabla[0] + n)):
        lector.problema(pagina, "La segunda fila del encabezado de la tabla no es «Año Valor Año "
                        "Valor» y los años del periodo tres veces (logro esperado, valor "
                        f"obtenido, avance): se lee «{' '.join(p.texto for p in sub)}».", codigo)
        return None
    if anios is not None and anios_tabla != anios:
        lector.problema(pagina, f"La tabla tiene los años {anios_tabla[0]}-{anios_tabla[-1]}, "
                        f"pero el periodo del Anexo es {anios[0]}-{anios[-1]}.", codigo)
        return None
    texto = {"cod": tramo("COD.", "COD"), "indicador": tramo("INDICADOR"),
             "parametro": tramo("PARAMETRO", "MEDICION", "PARAMETRODEMEDICION"),
             "ue": tramo("UE"),
             "unidad": tramo("UNIDAD", "ORGANICA", "RESPONSABLE", "UNIDADORGANICA",
                             "UNIDADORGANICARESPONSABLE")}
    faltan = [NOMBRE for clave, NOMBRE in (("cod", "COD."), ("indicador", "INDICADOR"),
                                           ("parametro", "PARAMETRO DE MEDICION"), ("ue", "UE"),
                                           ("unidad", "UNIDAD ORGANICA RESPONSABLE"))
              if texto[clave] is None]
    if faltan:
        lector.problema(pagina, "El encabezado de la tabla no tiene la columna "
                        f"{', '.join(faltan)}.", codigo)
        return None
    columnas = [Columna(c, *texto[c]) for c in ("cod", "indicador", "parametro")]
    for clave, (_, x0, x1) in zip(("lb_anio", "lb_valor", "va_anio", "va_valor"), segunda[:4]):
        columnas.append(Columna(clave, x0, x1, numerica=True))
    for g, clave in enumerate(("le", "vo", "av")):
        for anio, (_, x0, x1) in zip(anios_tabla, segunda[4 + g * n:4 + (g + 1) * n]):
            columnas.append(Columna(clave, x0, x1, anio=anio, numerica=True))
    columnas += [Columna("ue", *texto["ue"]), Columna("unidad", *texto["unidad"])]
    # Los rótulos de grupo sobre sus columnas: LINEA BASE, VALOR ACTUAL, LOGRO ESPERADO...
    grupos = (("LINEA BASE", ("LINEABASE", "LINEA"), 3, 5), ("VALOR ACTUAL",
              ("VALORACTUAL", "ACTUAL"), 5, 7), ("LOGRO ESPERADO", ("LOGROESPERADO", "ESPERADO"),
              7, 7 + n), ("VALOR OBTENIDO", ("VALOROBTENIDO", "OBTENIDO"), 7 + n, 7 + 2 * n),
              ("AVANCE (%)", ("AVANCE(%)", "AVANCE"), 7 + 2 * n, 7 + 3 * n))
    for nombre, claves_grupo, a, b in grupos:
        x0, x1 = columnas[a].x0, columnas[b - 1].x1
        if not any(x0 - 2 <= (t0 + t1) / 2 <= x1 + 2
                   for c in claves_grupo for t0, t1 in tramos.get(c, [])):
            lector.problema(pagina, f"El encabezado de la tabla no tiene «{nombre}» sobre sus "
                            "columnas: no es la tabla de un Anexo B-7.", codigo)
            return None
    orden = sorted(columnas, key=lambda c: c.x0)
    if orden != columnas or any(a.x1 > b.x0 for a, b in zip(columnas, columnas[1:])):
        lector.problema(pagina, "Las columnas del encabezado de la tabla no están en el orden "
                        "del Anexo B-7 o sus rótulos se montan.", codigo)
        return None
    return columnas


def leer_anexo(ruta: Path, limites: LimitesPdf = LIMITES_PDF) -> AnexoB7:
    """Lee un Anexo B-7 en PDF. Lanza :class:`ErrorDeDatos` con todos los problemas."""
    paginas = abrir_paginas(ruta, limites)
    if not any(p.palabras for p in paginas):
        raise ErrorDeDatos([Problema(mensaje=(
            f"{ruta} no tiene texto (parece escaneado, una imagen de cada página): no se puede "
            "leer. Imprima el Anexo B-7 desde el aplicativo de CEPLAN a PDF (no lo escanee)."))])
    lector = _Lector(sin_encabezado_de_pagina(paginas))
    return _leer(lector, str(ruta), len(paginas))


def _leer(lector: _Lector, nombre: str, total_paginas: int) -> AnexoB7:
    lineas = lector.lineas
    titulos = [k for k, r in enumerate(lineas) if _OEI.match(r[0].texto)]
    subs = [k for k, r in enumerate(lineas) if _es_subencabezado(r)]
    todo = "".join(compacto(p.texto) for r in lineas[:40] for p in r)
    if not titulos or not subs or ("ANEXOB-7" not in todo and "SEGUIMIENTODELPLAN" not in todo):
        raise ErrorDeDatos([Problema(mensaje=(
            f"{nombre} no es un Anexo B-7 del aplicativo CEPLAN (Seguimiento del PEI): no tiene "
            "el título, los bloques OEI/AEI o el encabezado de su tabla."))])
    campos = _encabezado_del_anexo(lector, lineas[titulos[0]][0].y)
    anios: list[int] | None = None
    periodo = (0, 0)
    m = re.match(r"^\s*(\d{4})\s*-\s*(\d{4})\s*$", campos.get("periodo", ""))
    if m and ANIO_MIN <= int(m[1]) <= int(m[2]) <= ANIO_MAX:
        periodo = (int(m[1]), int(m[2]))
        anios = list(range(periodo[0], periodo[1] + 1))
    else:
        lector.problema(1, "El encabezado del Anexo no tiene «Periodo PEI : AAAA - AAAA» (se lee "
                        f"«{campos.get('periodo', '')}»).")
    for campo, rotulo in (("nivel_gobierno", "Nivel de Gobierno"), ("sector", "Sector"),
                          ("pliego", "Pliego")):
        if not campos.get(campo):
            lector.problema(1, f"El encabezado del Anexo no tiene «{rotulo} :».")
        elif ILEGIBLE in campos[campo]:
            lector.problema(1, f"El campo «{rotulo}» del encabezado tiene letras que el PDF no "
                            "declara (sin su tabla de caracteres): no se puede leer.")

    elementos: list[Elemento] = []
    indicadores: list[IndicadorAnexo] = []
    oei_actual: str | None = None
    # Cada título y su encabezado; la región de filas llega hasta el título siguiente.
    bloques = []
    for t, k in enumerate(titulos):
        siguiente = titulos[t + 1] if t + 1 < len(titulos) else len(lineas)
        sub = next((s for s in subs if k < s < siguiente), None)
        bloques.append((k, sub, siguiente))
    extensiones = [_extension_titulo(lector, k, sub) for k, sub, _ in bloques]
    # «NOTA : El porcentaje de avance de los indicadores ha sido truncado en 100 %» cierra la
    # tabla que la precede.
    notas = [k for k, r in enumerate(lineas) if compacto(r[0].texto).startswith("NOTA")
             and ":" in "".join(p.texto for p in r[:2])]
    for b, (k, sub, siguiente) in enumerate(bloques):
        linea_titulo = lineas[k]
        pagina = linea_titulo[0].pagina
        arriba, fin_titulo = extensiones[b]
        palabras_titulo = [p for r in lineas[arriba:fin_titulo] for p in r]
        codigos = [p for p in linea_titulo[:2] if _OEI.match(p.texto) or _AEI.match(p.texto)]
        enunciado = _texto([p for p in palabras_titulo if p not in codigos])
        prioridad = None
        mp = _PRIORIDAD.search(enunciado)
        if mp:
            prioridad = int(mp[1])
            enunciado = enunciado[:mp.start()].strip()
        oei = codigos[0].texto
        if len(codigos) == 2 and _AEI.match(codigos[1].texto):
            codigo, nivel, padre = codigos[1].texto, "AEI", oei
            if oei != oei_actual:
                lector.problema(pagina, f"La acción {codigo} dice pertenecer a {oei}, pero el "
                                f"objetivo impreso antes es {oei_actual or 'ninguno'}.", codigo)
        else:
            codigo, nivel, padre = oei, "OEI", None
            oei_actual = oei
        elementos.append(Elemento(codigo, nivel, enunciado, prioridad, padre, pagina))
        if ILEGIBLE in enunciado:
            lector.problema(pagina, "El enunciado tiene letras que el PDF no declara (sin su "
                            "tabla de caracteres): no se puede leer.", codigo)
        if sub is None:
            lector.problema(pagina, f"El bloque de {codigo} no tiene el encabezado de su tabla "
                            "(«Año Valor Año Valor» y los años).", codigo)
            continue
        cabecera = lineas[fin_titulo:sub]
        columnas = _columnas(lector, cabecera, lineas[sub], lineas[sub][0].pagina, codigo, anios)
        if columnas is None:
            continue
        fin = extensiones[b + 1][0] if b + 1 < len(bloques) else len(lineas)
        fin = min([fin] + [n for n in notas if n > sub])
        # Un rótulo de dos o tres líneas (PARAMETRO DE MEDICION) puede bajar del renglón de la
        # segunda fila del encabezado: los renglones que siguen hechos sólo de rótulos son suyos.
        inicio = sub + 1
        while inicio < fin and _es_encabezado(lineas[inicio]) and not any(
                _ANIO.match(r) for r, _, _ in _rotulos(lineas[inicio])):
            inicio += 1
        region = [p for r in lineas[inicio:fin] for p in r]
        indicadores += _filas(lector, region, columnas, codigo, nivel)
    if lector.problemas:
        raise ErrorDeDatos(lector.problemas)
    return AnexoB7(periodo, campos.get("nivel_gobierno", ""), campos.get("sector", ""),
                   campos.get("pliego", ""), anios or [], elementos, indicadores, total_paginas,
                   [" ".join(p.texto for p in lineas[n]) for n in notas])


def _extension_titulo(lector: _Lector, k: int, sub: int | None) -> tuple[int, int]:
    """Los renglones del título del bloque que empieza en el renglón ``k``: ``(desde, hasta)``
    (con ``k`` entre ellos). Su enunciado puede ocupar varias líneas centradas en la de los códigos: las de
    abajo llegan hasta el encabezado de la tabla, y las de arriba son tantas como esas."""
    lineas = lector.lineas
    limite = sub if sub is not None else len(lineas)
    hasta = k + 1
    while hasta < limite and not _es_encabezado(lineas[hasta]):
        hasta += 1
    y = lineas[k][0].y
    extension = lineas[hasta - 1][0].y - y
    tolerancia = 0.3 * lineas[k][0].cuerpo
    desde = k
    while (desde > 0 and lineas[desde - 1][0].y >= y - extension - tolerancia
           and lineas[desde - 1][0].pagina == lineas[k][0].pagina):
        desde -= 1
    return desde, hasta


def _filas(lector: _Lector, region: list[Pieza], columnas: list[Columna], bloque: str,
           nivel: str) -> list[IndicadorAnexo]:
    """Las filas de indicadores de un bloque."""
    if not region:  # un objetivo o una acción sin indicadores: sólo su encabezado
        return []
    reparto = repartir_columnas(region, columnas)
    for pieza, porque in reparto.dudosas:
        lector.problema(pieza.pagina, f"No se sabe de qué columna es «{pieza.texto}»: {porque}.",
                        bloque)
    numericas = [p for i, c in enumerate(columnas) if c.numerica for p in reparto.por_columna[i]]
    anclas_y = [r[0] for r in renglones(numericas)]
    if not anclas_y:
        lector.problema(region[0].pagina, f"El bloque de {bloque} no tiene ninguna fila con "
                        "números.", bloque)
        return []
    ultima_pagina = max(p.pagina for p in region)
    anclas = []
    for i, p in enumerate(anclas_y):
        siguiente = anclas_y[i + 1].pagina if i + 1 < len(anclas_y) else None
        partible = (siguiente is None and ultima_pagina > p.pagina) or (
            siguiente is not None and siguiente > p.pagina)
        anclas.append(Ancla(p.y, p.pagina, partible))
    tolerancia = 0.3 * max(p.cuerpo for p in region)
    celdas: list[dict[int, list[Pieza]]] = [{} for _ in anclas]
    for i, columna in enumerate(columnas):
        piezas = reparto.por_columna[i]
        if not piezas:
            continue
        lineas = renglones(piezas)
        if columna.numerica:
            for linea in lineas:
                j = min(range(len(anclas)), key=lambda a: abs(anclas[a].y - linea[0].y))
                celdas[j].setdefault(i, []).extend(linea)
            continue
        grupos = repartir([(r[0].y, r[0].pagina) for r in lineas], anclas, tolerancia)
        if grupos is None:
            lector.problema(lineas[0][0].pagina, f"El texto de la columna {columna.nombre} no se "
                            "puede repartir con certeza entre las filas del bloque (sus renglones "
                            "no quedan centrados en la línea de números de ninguna fila).",
                            bloque)
            continue
        for j, grupo in enumerate(grupos):
            if grupo:
                celdas[j][i] = [p for g in grupo for p in lineas[g]]
    return [ind for j, ancla in enumerate(anclas)
            if (ind := _indicador(lector, celdas[j], columnas, ancla, bloque, nivel))]


def _indicador(lector: _Lector, celdas: dict[int, list[Pieza]], columnas: list[Columna],
               ancla: Ancla, bloque: str, nivel: str) -> IndicadorAnexo | None:
    por_clave = {(c.clave, c.anio): celdas.get(i, []) for i, c in enumerate(columnas)}
    codigo = "".join(p.texto for r in renglones(por_clave[("cod", None)]) for p in r)
    pagina = ancla.pagina
    if not _IND.match(codigo):
        numeros = " ".join(p.texto for c, ps in celdas.items() if columnas[c].numerica
                           for p in ps)
        lector.problema(pagina, f"Una fila del bloque {bloque} no tiene un código de indicador "
                        f"legible en COD. (se lee «{codigo}»; sus números: «{numeros}»).", bloque)
        return None
    if _IND.match(codigo)[1] != bloque:
        lector.problema(pagina, f"El indicador {codigo} está impreso en el bloque de {bloque}.",
                        codigo)
    ind = IndicadorAnexo(codigo, bloque, nivel, pagina,
                         nombre=_texto(por_clave[("indicador", None)]),
                         unidad=_texto(por_clave[("parametro", None)]),
                         ue=_texto(por_clave[("ue", None)]),
                         unidad_organica=_texto(por_clave[("unidad", None)]))
    for i, columna in enumerate(columnas):
        if not columna.numerica:
            continue
        piezas = sorted(celdas.get(i, []), key=lambda p: p.x0)
        juntas = all(b.x0 - a.x1 <= 0.25 * b.cuerpo for a, b in zip(piezas, piezas[1:]))
        texto = ("" if not piezas else "".join(p.texto for p in piezas) if juntas
                 else " ".join(p.texto for p in piezas))
        celda = _celda(texto) if juntas else None
        es_anio = columna.clave in ("lb_anio", "va_anio")
        if es_anio and celda is not None and celda.valor is not None:
            if not (_ANIO.match(texto) and ANIO_MIN <= celda.valor <= ANIO_MAX):
                celda = None
        if celda is None:
            lector.problema(pagina, f"La celda {columna.nombre} no se puede leer: «{texto}» no "
                            "es un número, ND ni una celda en blanco.", codigo)
            continue
        if celda.valor is not None and not _cabe_en_un_libro(celda.valor):
            lector.problema(pagina, f"La celda {columna.nombre} tiene «{texto}», que un libro de "
                            "Excel no guarda exacto (más de 15 cifras significativas, o de "
                            "magnitud 10^15 o más o menor que 10^-15): revise el Anexo.", codigo)
            continue
        if columna.clave in ("le", "vo", "av"):
            {"le": ind.logros, "vo": ind.obtenidos, "av": ind.avances}[columna.clave][
                columna.anio] = celda
        else:
            setattr(ind, {"lb_anio": "lb_anio", "lb_valor": "lb_valor", "va_anio": "actual_anio",
                          "va_valor": "actual_valor"}[columna.clave], celda)
    if ILEGIBLE in "".join((ind.nombre, ind.unidad, ind.ue, ind.unidad_organica)):
        lector.problema(pagina, "El texto del indicador tiene letras que el PDF no declara "
                        "(sin su tabla de caracteres): no se puede leer.", codigo)
    return ind
