"""Libro de la plantilla de seguimiento → modelos (docs/plantilla.md): cada hoja como tabla
(:mod:`.tablas`), las de años con :mod:`.series`, cada valor según :mod:`.celdas`. Todos los
problemas, cada uno con su hoja y celda, juntos en un ``ErrorDeDatos``; los modelos, validados.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

from ..contrato import (
    CAMPOS_POLITICA, CODIGO_INDICE, COLUMNAS_POLITICA, HOJA_ESTRUCTURA, HOJA_INDICADORES, HOJA_LE,
    HOJA_POLITICA, HOJA_PUBLICADO, HOJA_VO, HOJAS_IGNORADAS, HOJAS_OPCIONALES, HOJAS_REQUERIDAS,
    INSTRUMENTOS, POLITICA, Instrumento, columnas, es_unidad_porcentaje, instrumento_de,
    instrumento_del_nivel, lista_o, nombres_instrumentos, normalizar)
from ..errores import ErrorDeDatos
from ..modelos import (Acumulacion, Elemento, Ficha, Indicador, Matriz, Sentido, Ubicacion,
                       problemas_de_estructura)
from .celdas import Celda, ValorInvalido, codigo_de, describir, leer_anio, texto_de, valor_de_celda
from .hoja import Libro, Problemas, Progreso, abrir_libro
from .seguridad import LIMITES, Limites
from .series import Series, es_anio, leer_series
from .tablas import leer_tabla, notar_columnas_extra
from .valores import letra

SENTIDOS = {normalizar(s.value): s for s in Sentido}
ACUMULACIONES = {normalizar(a.value): a for a in Acumulacion}


class LectorPlantilla:
    """Lee un libro de la plantilla y reúne todos sus problemas (errores y notas)."""

    def __init__(self, ruta: Path, progreso: Progreso | None = None,
                 limites: Limites = LIMITES):
        self.ruta = ruta
        self.progreso = progreso
        self.limites = limites
        self.problemas = Problemas()
        self.error, self.nota = self.problemas.error, self.problemas.nota
        self.ilegibles: set[str] = set()  # hojas sin encabezados o sin una columna requerida
        self.instrumento: Instrumento | None = POLITICA  # None: el de Politica no se entiende
        self.niveles_estructura: dict[str, str] = {}  # código → nivel (para deducir los vacíos)
        self.memoria: dict = {}  # celdas de valor ya leídas: los repetidos comparten un objeto
        self.comunes: dict[str, str] = {}  # textos que se repiten de fila en fila: uno de cada
        self.clave = lru_cache(maxsize=1024)(normalizar)  # nivel, sentido, acumulación

    def tabla(self, libro: Libro, titulo: str, hoja: str, esperadas: dict[str, bool],
              conocida=None):
        """La hoja como tabla (:func:`~.tablas.leer_tabla`), o None (y queda entre las
        :attr:`ilegibles`) si no tiene encabezados o le falta una columna requerida."""
        tabla = leer_tabla(libro, titulo, hoja, esperadas, self.problemas, conocida)
        if tabla is None:
            self.ilegibles.add(hoja)
        return tabla

    # Hojas
    def leer(self) -> Matriz:
        libro = abrir_libro(self.ruta, self.problemas, self.limites, self.progreso)
        try:
            return self._leer(libro)
        finally:
            libro.cerrar()

    def _leer(self, libro: Libro) -> Matriz:
        hojas: dict[str, str] = {}  # hoja de la plantilla → título en el libro
        nombres = {normalizar(h): h for h in HOJAS_REQUERIDAS + HOJAS_OPCIONALES}
        ignoradas = {normalizar(h) for h in HOJAS_IGNORADAS}
        repetidas: dict[str, list[str]] = {}
        for titulo in libro.titulos:
            clave = normalizar(titulo)
            if clave in nombres:
                repetidas.setdefault(nombres[clave], []).append(titulo)
                hojas.setdefault(nombres[clave], titulo)
            elif clave in ignoradas:
                continue
            else:
                self.nota(f"La hoja {titulo!r} no pertenece a la plantilla: se ignora.", titulo)
        for hoja, titulos in repetidas.items():
            if len(titulos) > 1:  # ¿cuál leer? no se adivina (una puede estar oculta)
                self.error(f"Las hojas {' y '.join(repr(t) for t in titulos)} son la misma hoja "
                           f"de la plantilla ({hoja}): deje una sola (borre o cambie el nombre de "
                           "la que sobra; revise también las hojas ocultas).", titulos[-1])
                del hojas[hoja]
                self.ilegibles.add(hoja)
        otras = {nombres.get(normalizar(t)): (t, que) for t, que in libro.otras.items()}
        for hoja in HOJAS_REQUERIDAS + HOJAS_OPCIONALES:
            if hoja not in hojas and hoja in otras:  # requerida: error; optativa: una nota
                titulo, que = otras[hoja]
                (self.error if hoja in HOJAS_REQUERIDAS else self.nota)(
                    f"La hoja {titulo!r} es {que}, no una hoja con celdas: no se lee (la hoja "
                    f"{hoja} de la plantilla debe ser una hoja de cálculo).", titulo)
                self.ilegibles.add(hoja)
        faltan = [h for h in HOJAS_REQUERIDAS if h not in hojas and h not in self.ilegibles]
        if faltan:
            presentes = ", ".join(repr(t) for t in libro.titulos) or "ninguna"
            for h in faltan:
                self.error(f"Falta la hoja requerida {h!r} (hojas presentes: {presentes}).")

        politica = (self.leer_politica(libro, hojas[HOJA_POLITICA])
                    if HOJA_POLITICA in hojas else None)
        estructura = (self.leer_estructura(libro, hojas[HOJA_ESTRUCTURA])
                      if HOJA_ESTRUCTURA in hojas else [])
        indicadores = (self.leer_indicadores(libro, hojas[HOJA_INDICADORES])
                       if HOJA_INDICADORES in hojas else {})
        # Sin Indicadores (o Estructura) legibles no se acusa a cada código de no existir allí:
        # ya hay un error que lo explica.
        con_indicadores = HOJA_INDICADORES in hojas and HOJA_INDICADORES not in self.ilegibles
        con_estructura = HOJA_ESTRUCTURA in hojas and HOJA_ESTRUCTURA not in self.ilegibles
        porcentaje = {c: es_unidad_porcentaje(d.get("unidad")) for c, d in indicadores.items()}
        le = vo = publicado = Series()
        if HOJA_LE in hojas:
            le = self.leer_series(libro, hojas[HOJA_LE], HOJA_LE, set(indicadores),
                                  "Indicadores" if con_indicadores else None, porcentaje)
        if HOJA_VO in hojas:
            vo = self.leer_series(libro, hojas[HOJA_VO], HOJA_VO, set(indicadores),
                                  "Indicadores" if con_indicadores else None, porcentaje, le)
        if HOJA_PUBLICADO in hojas:
            raiz = (self.instrumento or POLITICA).objetivo
            validos = set(indicadores) | {e.codigo for e in estructura if e.nivel == raiz}
            donde = f"Indicadores, Estructura ({raiz}) ni INDICE"
            publicado = self.leer_series(libro, hojas[HOJA_PUBLICADO], HOJA_PUBLICADO,
                                         validos | {CODIGO_INDICE},
                                         donde if con_indicadores and con_estructura else None,
                                         indice=True)
        lista: list[Indicador] = []
        for codigo, datos in indicadores.items():
            if not datos:  # un indicador con errores (ya informados) no se construye
                continue  # ni los campos vacíos: pydantic guarda en cada uno los campos dados
            celdas_le, celdas_vo = le.celdas.pop(codigo, {}), vo.celdas.pop(codigo, {})
            datos = {k: v for k, v in datos.items() if v is not None}  # ver docs/lectura.md
            ind = Indicador(**datos, logros_esperados=le.valores.pop(codigo, {}),
                            valores_obtenidos=vo.valores.pop(codigo, {}), celdas_le=celdas_le,
                            **({} if celdas_vo is celdas_le else {"celdas_vo": celdas_vo}))
            if celdas_vo is celdas_le:  # la misma celda en las dos hojas: el mismo dict (-60 MB
                ind.celdas_vo = ind.celdas_le  # con 100 000 indicadores)
            lista.append(ind)
        if con_estructura and self.instrumento is not None:  # sin Indicadores, sólo la estructura
            self.problemas.extend(problemas_de_estructura(
                estructura, lista if con_indicadores else [], self.instrumento))
        partes = dict(estructura=estructura, indicadores=lista,
                      avance_publicado=publicado.valores, celdas_publicado=publicado.celdas,
                      observaciones_lectura=list(self.problemas))
        if self.problemas.errores or politica is None:
            raise ErrorDeDatos(self.problemas, parcial=Matriz.model_construct(
                ficha=politica or Ficha.model_construct(nombre=""), **partes))
        return Matriz(ficha=politica, **partes)

    def leer_politica(self, libro: Libro, hoja: str) -> Ficha | None:
        tabla = self.tabla(libro, hoja, hoja, COLUMNAS_POLITICA)
        if tabla is None:
            return None
        notar_columnas_extra(tabla, COLUMNAS_POLITICA, self.problemas)
        col_campo, col_valor = tabla.columnas["campo"], tabla.columnas["valor"]
        datos: dict[str, str] = {}
        refs: dict[str, str] = {}
        vistos: dict[str, Celda] = {}
        for fila in tabla.filas:
            por_col = {c.columna: c for c in fila}
            celda = por_col.get(col_campo)
            campo = normalizar(texto_de(celda))
            if not campo:
                continue
            clave = CAMPOS_POLITICA.get(campo)
            if clave is None:
                self.nota(f"Campo {texto_de(celda)!r} desconocido en Politica: se ignora.", hoja,
                          celda.ref)
                continue
            if clave in vistos:  # ¿cuál vale? no se adivina
                self.error(f"El campo {texto_de(celda)!r} está repetido ({vistos[clave].ref} y "
                           f"{celda.ref}): deje una sola fila con ese campo.", hoja, celda.ref)
                continue
            vistos[clave] = celda
            datos[clave] = texto_de(por_col.get(col_valor)) or None
            refs[clave] = f"{letra(col_valor)}{celda.fila}"
        instrumento = self.leer_instrumento(datos.pop("instrumento", None), hoja,
                                            refs.get("instrumento"))
        if not datos.get("nombre"):
            que = "del plan" if instrumento is not None and instrumento.es_plan else \
                "de la política"
            self.error(f"Falta el nombre {que} (campo 'nombre' con su valor).", hoja)
            return None
        return Ficha(**datos, instrumento=(instrumento or POLITICA).clave)

    def leer_instrumento(self, texto: str | None, hoja: str, ref: str | None
                         ) -> Instrumento | None:
        """El campo ``instrumento`` (vacío: política nacional); fija los niveles del libro."""
        self.instrumento = POLITICA if not texto else instrumento_de(texto)
        if self.instrumento is None:
            self.error(f"Instrumento {texto!r} desconocido: use {nombres_instrumentos()}.", hoja,
                       ref)
        return self.instrumento

    def nivel_ajeno(self, texto: str, niveles) -> str:
        """Mensaje para un nivel que no es del instrumento del libro."""
        propios = f"use {lista_o(niveles)}"
        otro = instrumento_del_nivel(texto.strip().upper())
        if otro is None or self.instrumento is None:
            return f"Nivel {texto!r} desconocido: {propios}."
        return (f"Nivel {texto!r} es de un instrumento {otro.nombre}, pero este libro es de uno "
                f"{self.instrumento.nombre} (campo instrumento de la hoja Politica): {propios}.")

    def leer_estructura(self, libro: Libro, hoja: str) -> list[Elemento]:
        esperadas = columnas(self.instrumento)[HOJA_ESTRUCTURA]
        tabla = self.tabla(libro, hoja, hoja, esperadas)
        if tabla is None:
            return []
        notar_columnas_extra(tabla, esperadas, self.problemas)
        col = tabla.columnas
        elementos: list[Elemento] = []
        padres = (self.instrumento.estructura if self.instrumento is not None else
                  {n: p for i in INSTRUMENTOS.values() for n, p in i.estructura.items()})
        for fila in tabla.filas:
            por_col = {c.columna: c for c in fila}
            n = fila[0].fila
            ref = lambda nombre: f"{letra(col[nombre])}{n}"  # noqa: E731
            codigo = codigo_de(por_col.get(col["codigo"]))
            if not codigo:
                self.error("Fila sin código.", hoja, ref("codigo"))
                continue
            nivel_txt = texto_de(por_col.get(col["nivel"]))
            nivel = next((n for n in padres if self.clave(n) == self.clave(nivel_txt)), None)
            padre = codigo_de(por_col.get(col["padre"])) or None
            enunciado = texto_de(por_col.get(col["enunciado"]))
            ubicacion = Ubicacion(hoja=hoja, celda=ref("codigo"), campos={"padre": ref("padre")})
            if nivel is None:
                self.error(self.nivel_ajeno(nivel_txt, padres), hoja, ref("nivel"), codigo)
                continue
            prioridad = None  # una celda vacía o de espacios: sin prioridad
            celda = por_col.get(col["prioridad"]) if "prioridad" in col else None
            if celda is not None and texto_de(celda):
                prioridad = entero_de(celda)
                if prioridad is None:  # el elemento sigue: sus indicadores tienen a quién medir
                    self.error(f"Prioridad {describir(celda)} no es un número entero: escriba "
                               "1, 2, 3... (o deje la celda vacía).", hoja, celda.ref, codigo)
            # El padre (que falte o sobre, que exista) lo revisa problemas_de_estructura: el
            # elemento queda, y sus hijos e indicadores tienen a quién pertenecer.
            elementos.append(Elemento(codigo=codigo, nivel=nivel, enunciado=enunciado,
                                      padre=padre, prioridad=prioridad, ubicacion=ubicacion))
        self.niveles_estructura = {e.codigo: e.nivel for e in elementos}
        return elementos

    def leer_indicadores(self, libro: Libro, hoja: str) -> dict[str, dict[str, Any]]:
        instrumento = self.instrumento
        # Con el instrumento sin entender (ya es un error), se lee como un plan: sin más errores
        # por columnas o valores que quizás no faltan.
        es_plan = instrumento is None or instrumento.es_plan
        esperadas = columnas(instrumento)[HOJA_INDICADORES]
        tabla = self.tabla(libro, hoja, hoja, esperadas)
        if tabla is None:
            return {}
        notar_columnas_extra(tabla, esperadas, self.problemas)
        col = tabla.columnas
        indicadores: dict[str, dict[str, Any]] = {}
        pertenencias = (instrumento.indicadores if instrumento is not None else
                        {n: p for i in INSTRUMENTOS.values() for n, p in i.indicadores.items()})
        for fila in tabla.filas:
            por_col = {c.columna: c for c in fila}
            n = fila[0].fila

            ref = lambda c: f"{letra(col[c])}{n}" if c in col else None  # noqa: E731
            texto = lambda c: texto_de(por_col.get(col[c])) if c in col else ""  # noqa: E731

            codigo = codigo_de(por_col.get(col["codigo"]))
            if not codigo:
                self.error("Fila sin código.", hoja, ref("codigo"))
                continue
            errores_antes = self.problemas.errores  # las notas no cuentan
            pertenece_a = codigo_de(por_col.get(col["pertenece a"]))
            nivel_txt = self.clave(texto("nivel"))
            nivel = next((n for n in pertenencias if self.clave(n) == nivel_txt), None)
            if nivel is None and instrumento is None:
                pass  # sin instrumento no hay niveles que deducir (el error ya está dicho)
            elif nivel is None and es_plan and not texto("nivel").strip():
                nivel = self.nivel_deducido(pertenece_a, codigo, hoja,
                                            ref("nivel") or ref("codigo"))
            elif nivel is None:
                self.error(self.nivel_ajeno(texto("nivel"), pertenencias), hoja, ref("nivel"),
                           codigo)
            sentido = SENTIDOS.get(self.clave(texto("sentido")))
            if sentido is None and not (es_plan and not texto("sentido").strip()):
                cola = (", o déjelo vacío para inferirlo de los logros esperados." if es_plan
                        else " (un sentido neutro o vacío no se adivina).")
                self.error(f"Sentido {texto('sentido')!r} desconocido: use Ascendente o "
                           f"Descendente{cola}", hoja, ref("sentido"), codigo)
            acumulacion = ACUMULACIONES.get(self.clave(texto("acumulacion")))
            if acumulacion is None and not (es_plan and not texto("acumulacion").strip()):
                self.error(f"Acumulación {texto('acumulacion')!r} desconocida: use Acumulado o "
                           "No acumulado" + (" (o déjela vacía)." if es_plan else "."), hoja,
                           ref("acumulacion"), codigo)
            if not pertenece_a:
                que = (f"el {instrumento.objetivo} o la {instrumento.accion}"
                       if instrumento is not None and instrumento.es_plan else "el OP o servicio")
                self.error(f"Falta pertenece_a ({que} que mide el indicador).", hoja,
                           ref("pertenece a"), codigo)
            porcentaje = es_unidad_porcentaje(texto("unidad"))
            lb_anio, lb_valor = self.anio_y_valor(por_col, col, "lb", porcentaje, hoja, codigo)
            actual_anio, actual_valor = self.anio_y_valor(por_col, col, "actual", porcentaje,
                                                          hoja, codigo)
            if codigo in indicadores:
                self.error(f"El código {codigo} está repetido en Indicadores.", hoja,
                           ref("codigo"), codigo)
                continue
            if self.problemas.errores > errores_antes or nivel is None:
                indicadores[codigo] = {}  # existe, para no acusar sus series de código desconocido
                continue
            comun = self.comunes.setdefault
            indicadores[codigo] = dict(
                codigo=codigo, nivel=nivel, pertenece_a=comun(pertenece_a, pertenece_a),
                nombre=texto("nombre"), responsable=comun(t := texto("responsable"), t) or None,
                tipo=comun(t := texto("tipo"), t) or None, sentido=sentido,
                acumulacion=acumulacion, unidad=comun(t := texto("unidad"), t) or None,
                lb_anio=lb_anio, lb_valor=lb_valor, actual_anio=actual_anio,
                actual_valor=actual_valor, ue=comun(t := texto("ue"), t) or None,
                ubicacion=Ubicacion(hoja=hoja, celda=ref("codigo"),
                                    campos={"pertenece_a": ref("pertenece a"),
                                            "sentido": ref("sentido") or ref("codigo")}),
            )
        return indicadores

    def anio_y_valor(self, por_col: dict[int, Celda], col: dict[str, int], prefijo: str,
                     porcentaje: bool, hoja: str, codigo: str) -> tuple[int | None, Any]:
        """El año y el valor de la línea de base (``lb``) o del valor actual (``actual``) de un
        indicador: columnas ``PREFIJO_anio`` y ``PREFIJO_valor``, optativas."""
        que, valor_de = {"lb": ("línea de base", "Valor de línea de base"),
                         "actual": ("valor actual", "Valor actual")}[prefijo]
        anio = valor = None
        if f"{prefijo} anio" in col and (celda := por_col.get(col[f"{prefijo} anio"])) is not None:
            anio, nota = leer_anio(celda.valor)
            if anio is None:
                self.error(f"Año de {que} {describir(celda)} no es un año: escríbalo con cifras, "
                           "p. ej. 2019.", hoja, celda.ref, codigo)
            elif nota:
                self.nota(nota, hoja, celda.ref, codigo)
        if f"{prefijo} valor" in col and (celda := por_col.get(col[f"{prefijo} valor"])) is not None:
            notas: list[str] = []
            try:
                valor = valor_de_celda(celda, porcentaje, notas, self.memoria)
            except ValorInvalido as exc:
                self.error(f"{valor_de} inválido: {exc}.", hoja, celda.ref, codigo)
            for nota in notas:
                self.nota(nota, hoja, celda.ref, codigo)
        return anio, valor

    def nivel_deducido(self, pertenece_a: str, codigo: str, hoja: str, ref: str) -> str | None:
        """El nivel vacío de un indicador de un plan: el del elemento al que pertenece (IOEI si
        pertenece a un OEI, IAEI si a una AEI)."""
        if not pertenece_a:
            return None  # el error de pertenece_a lo explica
        instrumento = self.instrumento
        de = self.niveles_estructura.get(pertenece_a)
        nivel = next((n for n, p in instrumento.indicadores.items() if p == de), None)
        if nivel is None:
            self.error(f"Nivel vacío y pertenece_a {pertenece_a!r} no es un "
                       f"{instrumento.objetivo} ni una {instrumento.accion} de la Estructura: no "
                       f"se puede deducir; escriba {lista_o(instrumento.indicadores)}.", hoja,
                       ref, codigo)
        return nivel

    def leer_series(self, libro: Libro, titulo: str, hoja: str, codigos: set[str],
                    donde: str | None, porcentaje: dict[str, bool] | None = None,
                    previa: Series | None = None, indice: bool = False) -> Series:
        """Una hoja de años (Logros esperados, Valores obtenidos, Avance publicado) como tabla,
        leída con :func:`.series.leer_series`."""
        tabla = self.tabla(libro, titulo, hoja, {"codigo": True}, conocida=es_anio)
        if tabla is None:
            return Series()
        return leer_series(tabla, codigos, donde, self.problemas, self.memoria, indice,
                           porcentaje, previa)


def entero_de(celda: Celda) -> int | None:
    """Un número entero de una celda (la prioridad): 1, 1.0 o el texto «1»; None si no lo es."""
    v = celda.valor
    if celda.tipo == "n" and not isinstance(v, bool) and isinstance(v, (int, float)):
        return int(v) if float(v).is_integer() and 0 <= v < 10**6 else None
    texto = str(v).strip() if celda.tipo == "s" else ""
    return int(texto) if texto.isascii() and texto.isdigit() and len(texto) <= 6 else None


def leer_libro(ruta: str | Path, progreso: Progreso | None = None, *,
               limites: Limites = LIMITES) -> Matriz:
    """Lee un libro de la plantilla; lanza :class:`ErrorDeDatos` con todos los problemas.
    ``progreso(hoja, fila, última fila o None)`` se llama cada 1 000 filas (la CLI, su barra)."""
    return LectorPlantilla(Path(ruta), progreso, limites).leer()


def ruta_muestra() -> Path:
    """El libro de muestra: la Política Nacional Penitenciaria (incluido en el paquete)."""
    from importlib.resources import files

    instalado = files("penitencia_cli") / "datos" / "pnp_2024.xlsx"
    if instalado.is_file():
        return Path(str(instalado))
    return Path(__file__).resolve().parents[2] / "samples" / "pnp_2024.xlsx"
