"""La lectura de un Anexo B-7 en PDF sobre Anexos sintéticos (``tests/anexo_sintetico.py``, Typst):
la maqueta con sus partes difíciles, lo que llega a la ``Matriz`` y ``verificar`` sobre ella, y
cada cosa que no se puede leer con certeza como un problema con su página y su indicador."""

from __future__ import annotations

from decimal import Decimal

import pytest

from anexo_sintetico import Bloque, Ind, anexo_pdf, compilar, ejemplo, fuente_typst, valores
from conftest import preparada
from penitencia_cli.anexo_b7.lectura import leer_anexo
from penitencia_cli.anexo_b7.matriz import matriz_de
from penitencia_cli.anexo_b7.resultado import Celda
from penitencia_cli.errores import ErrorDeDatos
from penitencia_cli.reglas.consulta import verificacion

NOMBRE_LARGO = ("numero de investigaciones cientificas en el campo de la geofisica y ciencias "
                "afines transferidas a las entidades del SINAGERD.")


def _escribir(tmp_path, nombre: str, pdf: bytes):
    ruta = tmp_path / nombre
    ruta.write_bytes(pdf)
    return ruta


def _leer(tmp_path, periodo, bloques, **opciones):
    return leer_anexo(_escribir(tmp_path, "anexo.pdf", anexo_pdf(periodo, bloques, **opciones)))


def _problemas(tmp_path, periodo, bloques, **opciones) -> list:
    with pytest.raises(ErrorDeDatos) as e:
        _leer(tmp_path, periodo, bloques, **opciones)
    return e.value.problemas


@pytest.fixture(scope="module")
def seis(tmp_path_factory):
    """El ejemplo de seis años con los rótulos de letras espaciadas y el pie «1/6»."""
    ruta = tmp_path_factory.mktemp("anexo") / "seis.pdf"
    ruta.write_bytes(anexo_pdf((2020, 2025), ejemplo(), espaciado=True))
    return leer_anexo(ruta)


def test_encabezado_del_anexo_con_letras_espaciadas(seis):
    assert seis.periodo == (2020, 2025)
    assert seis.anios == [2020, 2021, 2022, 2023, 2024, 2025]
    assert seis.nivel_gobierno == "E - GOBIERNO NACIONAL"
    assert seis.sector == "05 - AMBIENTAL"  # «S e c t o r :» en el PDF
    assert seis.pliego == "112 - INSTITUTO GEOFISICO DEL PERU"
    assert seis.notas == ["NOTA : El porcentaje de avance de los indicadores ha sido truncado "
                          "en 100 %"]


def test_bloques_con_su_enunciado_prioridad_y_padre(seis):
    assert [(e.codigo, e.nivel, e.padre, e.prioridad) for e in seis.elementos] == [
        ("OEI.01", "OEI", None, 1), ("AEI.01.01", "AEI", "OEI.01", 1), ("OEI.02", "OEI", None, 2)]
    assert seis.elementos[1].enunciado == ("INVESTIGACIONES EN CIENCIAS DE LA TIERRA SÒLIDA DE "
                                           "CALIDAD PARA LAS ENTIDADES.")


def test_nombre_de_varias_lineas_arriba_y_abajo_de_los_numeros(seis):
    ind = seis.indicadores[0]
    assert ind.codigo == "IND.01.OEI.01"
    assert ind.nombre == NOMBRE_LARGO
    assert ind.unidad == "Número"
    assert ind.ue == "000084-INSTITUTO GEOFISICO DEL PERU"
    assert ind.unidad_organica == "05.01-DIRECCIÓN CIENTÍFICA"
    assert ind.lb_anio == Celda("2017", Decimal(2017)) and ind.lb_valor.valor == Decimal("23.00")
    assert ind.actual_anio.valor == 2018 and ind.actual_valor.valor == Decimal("26.00")
    assert [ind.logros[a].texto for a in seis.anios] == valores(6, 32, 3)
    assert [ind.obtenidos[a].texto for a in seis.anios] == ["35.00", "32.00", "29.00", "ND",
                                                            "ND", "ND"]
    assert [ind.avances[a].texto for a in seis.anios] == ["100", "91.43", "ND", "ND", "ND",
                                                          "ND"]


def test_nd_y_celda_en_blanco_se_distinguen(seis):
    ind = seis.indicadores[1]
    assert ind.lb_valor == Celda("ND", None)
    assert ind.actual_anio.valor == 2018 and ind.actual_valor == Celda("", None)
    assert ind.actual_valor.en_blanco and not ind.lb_valor.en_blanco
    assert [ind.obtenidos[a].texto for a in seis.anios] == ["40.00", "", "", "", "", ""]


def test_a_la_matriz_y_verificar_reproduce_cada_avance_impreso(seis):
    m = matriz_de(seis)
    assert m.ficha.instrumento == "pei"
    assert m.ficha.nombre == ("Plan Estratégico Institucional 2020-2025 — INSTITUTO "
                                 "GEOFISICO DEL PERU")
    assert m.ficha.periodo == "2020-2025" and m.ficha.sector == "05 - AMBIENTAL"
    assert [(e.codigo, e.nivel, e.padre) for e in m.estructura] == [
        ("OEI.01", "OEI", None), ("AEI.01.01", "AEI", "OEI.01"), ("OEI.02", "OEI", None)]
    assert [(i.codigo, i.nivel, i.pertenece_a, i.sentido) for i in m.indicadores] == [
        ("IND.01.OEI.01", "IOEI", "OEI.01", None), ("IND.02.OEI.01", "IOEI", "OEI.01", None),
        ("IND.01.AEI.01.01", "IAEI", "AEI.01.01", None), ("IND.01.OEI.02", "IOEI", "OEI.02", None)]
    # Un ND impreso es ND publicado, y también una celda de avance en blanco: como una celda
    # vacía de la hoja Avance publicado, así el libro de `importar` se lee a esta misma matriz.
    assert m.avance_publicado["IND.01.OEI.01"] == {2020: Decimal(100), 2021: Decimal("91.43"),
                                                   2022: None, 2023: None, 2024: None, 2025: None}
    assert m.avance_publicado["IND.02.OEI.01"] == {2020: Decimal("100.00"), 2021: None,
                                                   2022: None, 2023: None, 2024: None, 2025: None}
    # Lo que la plantilla no tenía dónde poner: prioridad, valor actual, UE, unidad orgánica.
    assert [e.prioridad for e in m.estructura] == [1, 1, 2]
    ind = m.indicadores[0]
    assert (ind.actual_anio, ind.actual_valor) == (2018, Decimal("26.00"))
    assert (ind.ue, ind.responsable) == ("000084-INSTITUTO GEOFISICO DEL PERU",
                                         "05.01-DIRECCIÓN CIENTÍFICA")
    assert (m.indicadores[1].actual_anio, m.indicadores[1].actual_valor) == (2018, None)
    assert m.ficha.nivel_gobierno == "E - GOBIERNO NACIONAL"
    assert m.indicadores[1].valores_obtenidos == {2020: Decimal("40.00"), 2021: None, 2022: None,
                                                  2023: None, 2024: None, 2025: None}
    for anio in (2020, 2021):
        conciliacion = verificacion(preparada(m), anio)
        assert conciliacion.diferencias == [], anio
    assert verificacion(preparada(m), 2020).comparados == 4  # 109 % impreso como 100: el tope del PEI


@pytest.mark.parametrize("periodo", [(2020, 2021), (2018, 2024)])
def test_periodos_de_dos_y_siete_anios(tmp_path, periodo):
    letra = 6.5 if periodo[1] - periodo[0] < 6 else 5.2  # siete años caben en una carta así
    anexo = _leer(tmp_path, periodo, ejemplo(periodo), pie="pag", papel="carta", letra=letra)
    n = periodo[1] - periodo[0] + 1
    assert anexo.anios == list(range(periodo[0], periodo[1] + 1))
    assert len(anexo.indicadores) == 4
    assert all(len(i.logros) == len(i.obtenidos) == len(i.avances) == n
               for i in anexo.indicadores)
    assert [c.texto for c in anexo.indicadores[2].logros.values()] == valores(n, 7, 1)
    assert anexo.indicadores[0].nombre == NOMBRE_LARGO


def _muchos_bloques(n_oei: int, periodo=(2020, 2025), extra: str = "") -> list[Bloque]:
    n = periodo[1] - periodo[0] + 1
    bloques = []
    for k in range(1, n_oei + 1):
        oei, aei = f"OEI.{k:02d}", f"AEI.{k:02d}.01"
        bloques.append(Bloque((oei,), f"OBJETIVO NUMERO {k} DEL PLAN", k, [
            Ind(f"IND.01.{oei}", f"indicador {k} del objetivo {extra}", le=valores(n, k, 1),
                vo=valores(n, k, 1), av=["100.00"] * n)]))
        bloques.append(Bloque((oei, aei), f"ACCION {k} DEL OBJETIVO {k}", k, [
            Ind(f"IND.01.{aei}", f"indicador de la accion {k} {extra}", le=valores(n, 2 * k, 2),
                vo=valores(n, k, 1), av=["50.00"] * n)]))
    return bloques


def test_bloques_cortados_entre_paginas_y_pie_pag(tmp_path):
    """Títulos y encabezados al pie de una página con sus filas en la siguiente; «Pag 1/3»."""
    anexo = _leer(tmp_path, (2020, 2025), _muchos_bloques(8, extra="con un nombre largo " * 4),
                  pie="pag", alto="11cm")
    assert anexo.paginas >= 4
    assert [e.codigo for e in anexo.elementos] == [c for k in range(1, 9)
                                                   for c in (f"OEI.{k:02d}", f"AEI.{k:02d}.01")]
    assert len(anexo.indicadores) == 16
    assert len({i.pagina for i in anexo.indicadores}) >= 4
    assert all(i.nombre.endswith("con un nombre largo " * 3 + "con un nombre largo")
               for i in anexo.indicadores)
    m = matriz_de(anexo)
    assert all(verificacion(preparada(m), a).diferencias == [] for a in anexo.anios)


def test_fila_cortada_en_tres_paginas(tmp_path):
    bloques = ejemplo((2020, 2021))
    bloques[0].indicadores[1].nombre = "porcentaje de entidades " * 30
    bloques[0].indicadores[1].ue = "000084-INSTITUTO GEOFISICO DEL PERU " * 3
    anexo = _leer(tmp_path, (2020, 2021), bloques, alto="12cm")
    assert anexo.paginas == 3
    ind = anexo.indicadores[1]
    assert ind.nombre == ("porcentaje de entidades " * 30).strip()
    assert ind.ue == ("000084-INSTITUTO GEOFISICO DEL PERU " * 3).strip()
    assert ind.unidad_organica == "05.02-CIENCIAS DE LA TIERRA SOLIDA"
    assert anexo.indicadores[2].codigo == "IND.01.AEI.01.01"
    assert anexo.indicadores[2].nombre == "numero de investigaciones en ciencias de la tierra"


def test_sin_encabezado_del_navegador(tmp_path):
    anexo = _leer(tmp_path, (2020, 2021), ejemplo((2020, 2021)), navegador=False, nota=False)
    assert len(anexo.indicadores) == 4 and anexo.notas == []


# --- Nada se adivina ----------------------------------------------------------------------------


def test_celda_ilegible_con_su_pagina_y_su_indicador(tmp_path):
    bloques = ejemplo((2020, 2021))
    bloques[0].indicadores[0].vo = ["3O.00", "32.00"]
    bloques[2].indicadores[0].av = ["0", "1OO"]
    problemas = _problemas(tmp_path, (2020, 2021), bloques)
    assert [(p.hoja, p.codigo) for p in problemas] == [
        ("Anexo B-7, página 1", "IND.01.OEI.01"), ("Anexo B-7, página 1", "IND.01.OEI.02")]
    assert "VALOR OBTENIDO 2020" in problemas[0].mensaje and "«3O.00»" in problemas[0].mensaje
    assert "AVANCE (%) 2021" in problemas[1].mensaje


def test_dos_valores_en_una_celda(tmp_path):
    bloques = ejemplo((2020, 2021))
    bloques[0].indicadores[0].le = ["32.00 35.00", "35.00"]
    problemas = _problemas(tmp_path, (2020, 2021), bloques)
    assert len(problemas) == 1 and problemas[0].codigo == "IND.01.OEI.01"
    assert "LOGRO ESPERADO 2020" in problemas[0].mensaje


def test_anios_de_la_tabla_distintos_del_periodo(tmp_path):
    # El periodo del encabezado dice otros años que las tablas.
    fuente = fuente_typst((2020, 2022), ejemplo((2020, 2022))).replace("2020 - 2022",
                                                                        "2020 - 2025")
    pdf = compilar(fuente)
    with pytest.raises(ErrorDeDatos) as e:
        leer_anexo(_escribir(tmp_path, "a.pdf", pdf))
    assert len(e.value.problemas) == 3  # uno por tabla
    assert "2020-2022, pero el periodo del Anexo es 2020-2025" in e.value.problemas[0].mensaje


def test_todos_los_problemas_juntos(tmp_path):
    bloques = ejemplo((2020, 2021))
    bloques[0].indicadores[1].lb = ("2O17", "ND")  # un año que no es un año
    bloques[1].codigos = ("OEI.07", "AEI.01.01")  # dice colgar de un OEI que no es el anterior
    bloques[2].indicadores[0].codigo = "IND.01.OEI.09"  # impreso en el bloque de OEI.02
    problemas = _problemas(tmp_path, (2020, 2021), bloques)
    textos = [str(p) for p in problemas]
    assert len(problemas) == 3, textos
    assert "[IND.02.OEI.01] La celda LINEA BASE Año no se puede leer: «2O17»" in textos[0]
    assert "AEI.01.01 dice pertenecer a OEI.07" in textos[1]
    assert "IND.01.OEI.09 está impreso en el bloque de OEI.02" in textos[2]


def test_sin_prioridad_y_bloque_sin_indicadores(tmp_path):
    """Lo que el Anexo puede no imprimir no es un error: una prioridad (queda None) y los
    indicadores de una acción (sólo el encabezado de su tabla)."""
    bloques = ejemplo((2020, 2021))
    bloques[0].prioridad = None
    bloques[1].indicadores = []
    anexo = _leer(tmp_path, (2020, 2021), bloques)
    assert [(e.codigo, e.prioridad) for e in anexo.elementos] == [
        ("OEI.01", None), ("AEI.01.01", 1), ("OEI.02", 2)]
    assert anexo.elementos[0].enunciado == ("INCREMENTAR EL CONOCIMIENTO CIENTIFICO EN EL CAMPO "
                                            "DE LA GEOFISICA")
    assert [i.codigo for i in anexo.indicadores] == ["IND.01.OEI.01", "IND.02.OEI.01",
                                                      "IND.01.OEI.02"]
    assert len(matriz_de(anexo).acciones) == 1


def test_valor_que_pisa_dos_columnas(tmp_path):
    """Un número centrado sobre dos columnas no es de ninguna con certeza."""
    fuente = fuente_typst((2020, 2021), ejemplo((2020, 2021)))
    # La celda del logro esperado 2020 del primer indicador ocupa también la de 2021.
    viejo = "table.cell(align: right + horizon)[32.00], table.cell(align: right + horizon)[35.00]"
    assert viejo in fuente.replace(",\n  ", ", ")
    fuente = fuente.replace(",\n  ", ", ").replace(
        viejo, "table.cell(colspan: 2, align: center + horizon)[3232323.00]")
    with pytest.raises(ErrorDeDatos) as e:
        leer_anexo(_escribir(tmp_path, "a.pdf", compilar(fuente)))
    mensajes = [str(p) for p in e.value.problemas]
    assert any("3232323.00" in m and "LOGRO ESPERADO 2020 y LOGRO ESPERADO 2021" in m
               for m in mensajes), mensajes


@pytest.mark.parametrize("giro", [90, 180, 270])
def test_pagina_girada_da_las_mismas_palabras(giro):
    """Una impresora que dibuja en una página vertical y la gira (``/Rotate``): las palabras se
    leen en la página tal como se ve, con las mismas posiciones."""
    import io

    from pypdf import PdfReader, PdfWriter

    from penitencia_cli.anexo_b7.pdf import leer_paginas

    pdf = anexo_pdf((2020, 2021), ejemplo((2020, 2021)))
    escritor = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    for pagina in escritor.pages:
        pagina.rotate(-giro)
        pagina.transfer_rotation_to_content()
        pagina.rotate(giro)
    salida = io.BytesIO()
    escritor.write(salida)
    derecho = leer_paginas(pdf, 5, 10**6, "a.pdf")[0].palabras
    girado = leer_paginas(salida.getvalue(), 5, 10**6, "b.pdf")[0].palabras
    assert [p.texto for p in girado] == [p.texto for p in derecho]
    assert max(abs(a.x0 - b.x0) + abs(a.y - b.y) for a, b in zip(derecho, girado)) < 0.01


def test_un_codigo_que_no_es_una_letra_es_ilegible():
    """Lo que el PDF traduce a algo que no es texto (un control C1 de un ToUnicode mal hecho,
    media letra de un par sustituto, U+FFFF) no se adivina ni llega a un libro .xlsx (donde no
    cabe): es una letra ilegible, y su celda o su enunciado, un problema."""
    from penitencia_cli.anexo_b7.pdf import ILEGIBLE, letra

    assert [letra(c) for c in (0x41, 0xD3, 0x20AC, 0x1F600)] == ["A", "Ó", "€", "😀"]
    assert [letra(c) for c in (0xFFFE, 0x00AD, 0x2011)] == ["-", "-", "-"]
    for codigo in (0, 0x7F, 0x85, 0x9F, 0xD800, 0xDFFF, 0xFDD0, 0xFFFD, 0xFFFF, 0x1FFFF):
        assert letra(codigo) == ILEGIBLE, hex(codigo)


def test_enunciado_ilegible(tmp_path):
    bloques = ejemplo((2020, 2021))
    bloques[1].enunciado = "INVESTIGACIONES \ufffd DE CALIDAD"
    problemas = _problemas(tmp_path, (2020, 2021), bloques)
    assert [(p.hoja, p.codigo) for p in problemas] == [("Anexo B-7, página 1", "AEI.01.01")]
    assert "El enunciado tiene letras que el PDF no declara" in problemas[0].mensaje


def test_un_numero_que_un_libro_no_guarda_exacto(tmp_path):
    """Lo que el lector de libros no aceptaría (16 cifras significativas, 10^15 o más) tampoco
    se importa: el libro de `importar` se lee de vuelta igual."""
    bloques = ejemplo((2020, 2021))
    bloques[0].indicadores[0].le = ["1234567890.123456", "35.00"]
    bloques[2].indicadores[0].lb = ("2017", "1,000,000,000,000,000")
    problemas = _problemas(tmp_path, (2020, 2021), bloques)
    assert [p.codigo for p in problemas] == ["IND.01.OEI.01", "IND.01.OEI.02"]
    assert all("que un libro de Excel no guarda exacto" in p.mensaje for p in problemas)


def test_rotulos_compactos_como_las_claves_del_contrato():
    """Un rótulo se compara como el contrato compara sus claves (contrato.clave_compacta): sin
    tildes ni espacios, y sin los caracteres invisibles que trae un PDF (espacio de ancho cero,
    guion suave, BOM)."""
    from penitencia_cli.anexo_b7.maqueta import compacto
    from penitencia_cli.contrato import clave_compacta, instrumento_de

    assert compacto("Sec tor") == compacto("Sec\u200btor") == compacto("\ufeffSECTOR") == "SECTOR"
    assert compacto("Periodo\u00ad PEI") == "PERIODOPEI" and compacto("Año") == "ANO"
    assert clave_compacta("Política  Nacional") == "politicanacional"
    assert instrumento_de("P\u200bEI").clave == "pei"


@pytest.mark.parametrize("texto, cabe", [("123456789012345", True), ("1234567890123456", False),
                                         ("0.000000000000001", True), ("1E-16", False),
                                         ("0", True), ("-0.00", True),
                                         ("1.23456789012345", True), ("1.234567890123456", False)])
def test_un_valor_del_anexo_cabe_en_un_libro(texto, cabe):
    """Las cotas de magnitud del lector de libros (contrato.demasiado_grande, casi_cero) y 15
    cifras significativas."""
    from penitencia_cli.anexo_b7.lectura import _cabe_en_un_libro

    assert _cabe_en_un_libro(Decimal(texto)) is cabe
