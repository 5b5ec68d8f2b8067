"""Perfiles de la metodología por instrumento (metodología, sección 12): casos del PEI calculados a
mano sobre el motor, y la política nacional intacta."""

from decimal import Decimal as D

import pytest

from penitencia_cli.contrato import INSTRUMENTOS, instrumento_de
from penitencia_cli.errores import ErrorDeDatos
from penitencia_cli.modelos import Acumulacion, Elemento, Ficha, Indicador, Matriz, Sentido
from penitencia_cli.reglas.alertas import alertas_de, clave_grupo
from penitencia_cli.reglas.avance import medir
from penitencia_cli.reglas.franjas import franja_de, redondear
from penitencia_cli.reglas.metodologia import PERFILES, Franja, perfil_de
from penitencia_cli.reglas.sentido import inferir, nota_inferido, preparar
from penitencia_cli.salida.documento import documento_avance

from conftest import calcular, preparada

PEI = PERFILES["pei"]
POLITICA = PERFILES["politica"]
ASC, DESC = Sentido.ASCENDENTE, Sentido.DESCENDENTE


def _ind(codigo, pertenece_a, le, vo, sentido=None, nivel=None, acumulacion=None):
    """Un indicador de un PEI; ``le`` y ``vo``: {año: valor} (o un valor para 2022)."""
    le = le if isinstance(le, dict) else {2022: le}
    vo = vo if isinstance(vo, dict) else {2022: vo}
    nivel = nivel or ("IOEI" if pertenece_a.startswith("OEI") else "IAEI")
    return Indicador(codigo=codigo, nivel=nivel, pertenece_a=pertenece_a, nombre=f"Ind {codigo}",
                     sentido=sentido, acumulacion=acumulacion,
                     logros_esperados={a: None if v is None else D(str(v)) for a, v in le.items()},
                     valores_obtenidos={a: None if v is None else D(str(v))
                                        for a, v in vo.items()})


def _pei(indicadores, instrumento="pei") -> Matriz:
    ins = INSTRUMENTOS[instrumento]
    o, a = ins.objetivo, ins.accion
    return Matriz(
        ficha=Ficha(nombre="Plan de prueba", instrumento=instrumento),
        estructura=[
            Elemento(codigo=f"{o}.01", nivel=o, enunciado="Uno"),
            Elemento(codigo=f"{a}.01.01", nivel=a, padre=f"{o}.01"),
            Elemento(codigo=f"{a}.01.02", nivel=a, padre=f"{o}.01"),
            Elemento(codigo=f"{o}.02", nivel=o, enunciado="Dos"),
            Elemento(codigo=f"{o}.03", nivel=o, enunciado="Tres, sin dato"),
        ],
        indicadores=indicadores,
    )


def _avance(matriz, codigo, anio=2022):
    return next(r for r in calcular(matriz, anio).indicadores if r.codigo == codigo).avance


# --- Tope en 100 ------------------------------------------------------------------------------


def test_cada_indicador_se_trunca_en_cien_y_conserva_el_avance_sin_tope():
    # 105.7 / 50 = 211.4: el Anexo B-7 imprime 100.
    m = _pei([_ind("IOEI.01.01", "OEI.01", 50, "105.7", ASC)])
    av = _avance(m, "IOEI.01.01")
    assert av.valor == 100 and av.mostrado == D("100.00")
    assert av.sin_truncar == D("211.4") and av.truncado
    assert av.franja is Franja.ALTA
    doc = documento_avance(calcular(m, 2022))
    (ind,) = doc["indicadores"]
    assert ind["avance"] == 100.0 and ind["avance_sin_tope"] == 211.4


def test_lo_agregado_es_el_avance_truncado():
    # OEI.01 = (min(211.4, 100) + 80) / 2 = 90, no (211.4 + 80) / 2 = 145.7.
    m = _pei([_ind("IOEI.01.01", "OEI.01", 50, "105.7", ASC),
              _ind("IOEI.01.02", "OEI.01", 50, 40, ASC)])
    r = calcular(m, 2022)
    assert r.objetivos[0].valor == 90
    # En una política el mismo par no se trunca.
    assert medir(m.indicadores[0], 2022, POLITICA).avance.valor == D("211.4")


# --- Dos decimales, mitad hacia arriba; franja sobre lo mostrado -------------------------------


def test_dos_decimales_mitad_hacia_arriba():
    m = _pei([_ind("IOEI.01.01", "OEI.01", 62, 58, ASC)])
    av = _avance(m, "IOEI.01.01")
    assert av.valor == D(58) / D(62) * 100  # 93.548387…
    assert av.mostrado == D("93.55")
    assert redondear(av.valor, POLITICA) == D("93.5")  # con el perfil de una política
    assert documento_avance(calcular(m, 2022))["indicadores"][0]["avance"] == 93.55


def test_la_franja_se_decide_sobre_los_dos_decimales():
    # 149.9 / 200 = 74.95: dos decimales, 74.95 → [0-75%>; un decimal, 75.0 → [75-95%>.
    valor = D("149.9") / 200 * 100
    assert franja_de(valor, PEI) is Franja.BAJA
    assert franja_de(valor, POLITICA) is Franja.MEDIA
    m = _pei([_ind("IOEI.01.01", "OEI.01", 200, "149.9", ASC)])
    assert _avance(m, "IOEI.01.01").franja is Franja.BAJA
    # 94.996 se muestra 95.00: ≥95%.
    assert franja_de(D("94.996"), PEI) is Franja.ALTA
    assert franja_de(D("94.994"), PEI) is Franja.MEDIA


# --- Sentido inferido de los logros esperados ------------------------------------------------


@pytest.mark.parametrize("logros, esperado", [
    ({2020: 10, 2021: 20, 2022: 30}, ASC),
    ({2020: 15, 2021: 12, 2022: 10}, DESC),
    ({2020: 5, 2021: 8, 2022: 10, 2023: 6, 2024: 0}, DESC),  # sube y luego cae a 0
    ({2020: 60, 2021: 60, 2022: 60}, ASC),  # sin cambio: ≥ 0
    ({2020: None, 2021: 40, 2022: None, 2023: 30}, DESC),  # sólo los años con LE
    ({2020: 0, 2021: 0, 2022: 4}, ASC),
    ({2020: 7}, ASC),
    ({}, ASC),
])
def test_sentido_inferido_es_el_signo_de_ultimo_menos_primero(logros, esperado):
    ind = _ind("IOEI.01.01", "OEI.01", logros, {})
    assert inferir(ind, PEI) is esperado


def test_la_serie_que_sube_y_cae_a_cero_se_calcula_descendente():
    # LE 5, 10, 0 → descendente. 2022: LE 10, VO 11 → 10/11 = 90.91 (ascendente daría 100).
    le = {2021: 5, 2022: 10, 2023: 0}
    m = _pei([_ind("IOEI.01.01", "OEI.01", le, {2021: 6, 2022: 11, 2023: 2})])
    r = calcular(m, 2022)
    (res,) = r.indicadores
    assert res.indicador.sentido is DESC and res.indicador.sentido_inferido
    assert res.avance.mostrado == D("90.91")
    assert res.observaciones[0] == ("Sentido inferido: Descendente (los logros esperados bajan "
                                    "de 5 en 2021 a 0 en 2023).")
    # 2023: descendente con LE 0 y VO 2 → 0/2 = 0.
    assert _avance(m, "IOEI.01.01", 2023).valor == 0
    doc = documento_avance(r)
    assert doc["indicadores"][0]["sentido"] == "Descendente"
    assert doc["indicadores"][0]["sentido_inferido"] is True


def test_sentido_declarado_no_se_toca():
    m = _pei([_ind("IOEI.01.01", "OEI.01", {2021: 10, 2022: 20}, {2022: 25}, DESC)])
    (res,) = calcular(m, 2022).indicadores
    assert res.indicador.sentido is DESC and not res.indicador.sentido_inferido
    assert res.avance.mostrado == D("80.00")
    assert res.observaciones == []
    assert preparar(m, PEI).matriz is m  # nada que inferir: la misma matriz


def test_nota_del_sentido_inferido_dice_de_donde_sale():
    m = preparar(_pei([_ind("IOEI.01.01", "OEI.01", {2020: 60, 2026: 60}, {}),
                       _ind("IOEI.01.02", "OEI.01", {2020: 7}, {}),
                       _ind("IOEI.01.03", "OEI.01", {}, {})]), PEI).matriz
    notas = [nota_inferido(i) for i in m.indicadores]
    assert notas == [
        "Sentido inferido: Ascendente (el logro esperado de 2026, 60, es igual al de 2020).",
        "Sentido inferido: Ascendente (un solo logro esperado, 7 en 2020).",
        "Sentido inferido: Ascendente (sin logros esperados; no afecta al avance, que es ND).",
    ]


def test_una_politica_no_infiere_el_sentido():
    with pytest.raises(ErrorDeDatos, match="sentido"):
        Matriz(ficha=Ficha(nombre="P"), estructura=[], indicadores=[
            Indicador(codigo="IOP.01", nivel="IOP", pertenece_a="OP.01",
                      acumulacion=Acumulacion.ACUMULADO)])


# --- Ceros y ND -------------------------------------------------------------------------------


def test_logro_esperado_cero():
    m = _pei([_ind("IAEI.01.01.01", "AEI.01.01", 0, 2, ASC),
              _ind("IAEI.01.01.02", "AEI.01.01", 0, 0, ASC)])
    r = calcular(m, 2022)
    assert [x.avance.valor for x in r.indicadores] == [100, 100]
    assert r.indicadores[0].observaciones == ["meta cero superada"]


def test_acumulacion_vacia_solo_afecta_al_periodo():
    ind = _ind("IOEI.01.01", "OEI.01", {2021: 10, 2022: 20}, {2021: 10, 2022: 10}, ASC)
    m = _pei([ind])
    assert _avance(m, "IOEI.01.01").mostrado == D("50.00")
    periodo = calcular(m, 2022, desde=2021).indicadores[0]
    assert periodo.avance.valor is None
    assert "acumulación" in periodo.avance.observaciones[0]


# --- Agregados con cobertura --------------------------------------------------------------------


def test_agregados_de_un_pei_con_cobertura():
    m = _pei([
        _ind("IOEI.01.01", "OEI.01", 62, 58, ASC),  # 93.548…
        _ind("IOEI.01.02", "OEI.01", 50, "105.7", ASC),  # 211.4 → 100
        _ind("IOEI.01.03", "OEI.01", 50, None, ASC),  # ND
        _ind("IAEI.01.01.01", "AEI.01.01", 40, 8, ASC),  # 20: no entra en el OEI
        _ind("IAEI.01.01.02", "AEI.01.01", 12, "12.9", DESC),  # 93.023…
        _ind("IOEI.02.01", "OEI.02", 10, 11, DESC),  # 90.909…
        _ind("IOEI.03.01", "OEI.03", 60, None, ASC),  # ND
    ])
    r = calcular(m, 2022)
    oei1, oei2, oei3 = r.objetivos
    assert oei1.valor == (D(58) / 62 * 100 + 100) / 2 and oei1.mostrado == D("96.77")
    assert (oei1.con_dato, oei1.total) == (2, 3)
    assert oei2.mostrado == D("90.91") and (oei2.con_dato, oei2.total) == (1, 1)
    assert oei3.valor is None and (oei3.con_dato, oei3.total) == (0, 1)
    aei1, aei2 = r.acciones
    assert aei1.valor == (20 + D(12) / D("12.9") * 100) / 2 and aei1.mostrado == D("56.51")
    assert aei1.padre == "OEI.01" and (aei1.con_dato, aei1.total) == (2, 2)
    assert aei2.valor is None and (aei2.con_dato, aei2.total) == (0, 0)
    assert r.indice.valor == (oei1.valor + oei2.valor) / 2 and r.indice.mostrado == D("93.84")
    assert (r.indice.con_dato, r.indice.total) == (2, 3)
    assert r.indice.enunciado == "Índice de gestión del PEI"
    assert r.resumen == {
        "objetivos": {Franja.BAJA: 0, Franja.MEDIA: 1, Franja.ALTA: 1, Franja.ND: 1},
        "indicadores_oei": {Franja.BAJA: 0, Franja.MEDIA: 2, Franja.ALTA: 1, Franja.ND: 2},
        "indicadores_aei": {Franja.BAJA: 1, Franja.MEDIA: 1, Franja.ALTA: 0, Franja.ND: 0},
    }
    doc = documento_avance(r)
    assert doc["instrumento"]["clave"] == "pei" and doc["instrumento"]["decimales"] == 2
    assert [a["codigo"] for a in doc["acciones"]] == ["AEI.01.01", "AEI.01.02"]
    assert doc["acciones"][0] == {"codigo": "AEI.01.01", "enunciado": "", "objetivo": "OEI.01",
                                  "avance": 56.51, "franja": "0-75", "con_dato": 2, "total": 2}


def test_alertas_de_un_pei_hablan_de_oei_y_aei():
    m = _pei([_ind("IOEI.01.01", "OEI.01", 50, None, ASC),
              _ind("IAEI.01.01.01", "AEI.01.01", {2021: 40, 2022: 40}, {2021: 22, 2022: 8})])
    lista = alertas_de(calcular(m, 2022))
    assert [(clave_grupo(a.grupo, a.perfil), a.codigo) for a in lista] == [
        ("sin_dato_oei", "IOEI.01.01"), ("retroceso", "IAEI.01.01.01"),
        ("avance_limitado", "IAEI.01.01.01")]
    assert lista.perfil is PEI
    assert "(sentido ascendente inferido)" in lista.lista[1].mensaje
    assert "avance Tipo I limitado de 20.00%" in lista.lista[2].mensaje


# --- Los demás instrumentos y la política -----------------------------------------------------


@pytest.mark.parametrize("clave", ["pesem", "pdrc", "pdlc"])
def test_los_demas_planes_tienen_las_reglas_del_pei_con_sus_niveles(clave):
    perfil = perfil_de(clave)
    assert (perfil.decimales, perfil.truncar_en, perfil.infiere_sentido) == (2, 100, True)
    ins = INSTRUMENTOS[clave]
    o, a = ins.objetivo, ins.accion
    m = _pei([_ind(f"I{o}.01.01", f"{o}.01", 50, "105.7", nivel=f"I{o}"),
              _ind(f"I{a}.01.01.01", f"{a}.01.01", 62, 58, nivel=f"I{a}")], clave)
    r = calcular(m, 2022)
    assert r.perfil is perfil
    assert [x.avance.mostrado for x in r.indicadores] == [D("100.00"), D("93.55")]
    assert list(r.resumen) == ["objetivos", f"indicadores_{o.lower()}",
                               f"indicadores_{a.lower()}"]
    assert r.acciones[0].mostrado == D("93.55")


def test_un_libro_sin_instrumento_es_una_politica_nacional():
    assert perfil_de("politica") is POLITICA
    assert (POLITICA.decimales, POLITICA.truncar_en) == (1, None)
    assert not POLITICA.infiere_sentido and not POLITICA.agrega_acciones
    assert list(POLITICA.grupos) == ["objetivos", "indicadores_op", "indicadores_servicio"]
    assert Ficha(nombre="x").instrumento == "politica"


def test_el_perfil_es_el_del_instrumento_del_libro():
    """Un perfil de otro instrumento no se puede unir a un libro: nunca se calcula un PEI con
    las reglas de una política (un decimal, sin truncar) por olvido."""
    m = _pei([_ind("IOEI.01.01", "OEI.01", 50, "105.7", ASC)])
    with pytest.raises(ValueError, match="no es el del libro"):
        preparar(m, POLITICA)
    assert preparada(m).perfil is PEI


@pytest.mark.parametrize("texto, clave", [
    ("Política nacional", "politica"), ("POLITICA  NACIONAL", "politica"),
    ("politica_nacional", "politica"), (" pei ", "pei"), ("P E I", "pei"),
    ("Plan Estratégico Institucional", "pei"), ("Plan Estratégico Institucional (PEI)", "pei"),
    ("pesem", "pesem"), ("PDRC", "pdrc"), ("pdlc", "pdlc"),
])
def test_el_campo_instrumento_no_distingue_mayusculas_tildes_ni_espacios(texto, clave):
    assert instrumento_de(texto).clave == clave


def test_cada_perfil_concuerda_con_su_instrumento_del_contrato():
    for clave, perfil in PERFILES.items():
        ins = INSTRUMENTOS[clave]
        assert perfil.instrumento is ins
        # Lo que la plantilla deja vacío en un plan, la metodología lo sabe completar.
        assert perfil.infiere_sentido == ins.es_plan == perfil.agrega_acciones
        assert perfil.rotulos.indicadores_objetivo.endswith(ins.objetivo)
