"""Los dos Anexos B-7 reales del IGP (``samples/anexo_b7/``, con su fuente y su SHA-256 en el
README de esa carpeta): lo que se lee, unas cifras comprobadas a ojo contra el PDF, y que
``verificar`` con las reglas del perfil PEI reproduce cada AVANCE (%) impreso, año por año."""

from __future__ import annotations

import hashlib
from decimal import Decimal

import pytest

from conftest import RAIZ, preparada
from penitencia_cli.anexo_b7.lectura import leer_anexo
from penitencia_cli.anexo_b7.matriz import matriz_de
from penitencia_cli.reglas.agregados import calcular
from penitencia_cli.reglas.consulta import verificacion

CARPETA = RAIZ / "samples" / "anexo_b7"
SHA256 = {
    "igp_pei_2017_2019.pdf": "f34ee8e313e3fd4819289acf2a742faab0cc5ab681d667956a833417bb5258ab",
    "igp_pei_2020_2025.pdf": "7c024752402c0630b45601751d3aea348c6fae90ef0223a5eac2033b7e246908",
}


@pytest.fixture(scope="module")
def anexos():
    return {nombre: leer_anexo(CARPETA / nombre) for nombre in SHA256}


def test_las_copias_son_las_publicadas():
    for nombre, suma in SHA256.items():
        assert hashlib.sha256((CARPETA / nombre).read_bytes()).hexdigest() == suma
        assert suma in (CARPETA / "README.md").read_text(encoding="utf-8")


def test_pei_2017_2019(anexos):
    a = anexos["igp_pei_2017_2019.pdf"]
    assert (a.periodo, a.paginas, a.sector, a.pliego) == (
        (2017, 2019), 3, "05 - AMBIENTAL", "112 - INSTITUTO GEOFISICO DEL PERU")
    assert a.nivel_gobierno == "E - GOBIERNO NACIONAL"
    assert [e.codigo for e in a.elementos if e.nivel == "OEI"] == [
        "OEI.01", "OEI.02", "OEI.03", "OEI.04"]
    assert len([e for e in a.elementos if e.nivel == "AEI"]) == 16
    assert len(a.indicadores) == 24
    # El título de AEI.01.02 ocupa dos líneas: el enunciado arriba de los códigos y la prioridad
    # debajo.
    aei = next(e for e in a.elementos if e.codigo == "AEI.01.02")
    assert aei.prioridad == 3 and aei.padre == "OEI.01"
    assert aei.enunciado.startswith("ESTUDIOS DEL IMPACTO DE LA GEOFÍSICA")
    assert aei.enunciado.endswith("RESTAURACIÓN DE ECOSISTEMAS.")
    ind = a.indicadores[0]
    assert (ind.codigo, ind.nombre, ind.unidad) == (
        "IND.01.OEI.01", "Número de Publicaciones Científicas Indexadas", "Cantidad")
    assert [c.texto for c in ind.logros.values()] == ["34.00", "36.00", "38.00"]
    assert [c.texto for c in ind.obtenidos.values()] == ["30.00", "27.00", "35.00"]
    assert [c.texto for c in ind.avances.values()] == ["88.24", "75.00", "92.11"]
    assert ind.ue == "000084-INSTITUTO GEOFISICO DEL PERU"
    assert ind.unidad_organica == "05.01-DIRECCIÓN CIENTÍFICA"
    volcanes = next(i for i in a.indicadores if i.codigo == "IND.01.AEI.02.03")
    assert [c.texto for c in volcanes.logros.values()] == ["57.00", "71.00", "0.00"]
    assert [c.texto for c in volcanes.avances.values()] == ["100", "100", "ND"]


def test_pei_2020_2025(anexos):
    a = anexos["igp_pei_2020_2025.pdf"]
    assert (a.periodo, a.paginas) == ((2020, 2025), 6)
    assert a.sector == "05 - AMBIENTAL"  # «Sec tor» en la capa de texto
    assert len([e for e in a.elementos if e.nivel == "OEI"]) == 5
    assert len([e for e in a.elementos if e.nivel == "AEI"]) == 19
    assert len(a.indicadores) == 25
    assert a.notas == ["NOTA : El porcentaje de avance de los indicadores ha sido truncado en "
                       "100 %"]
    primero = a.indicadores[0]
    assert primero.nombre == (
        "numero de investigaciones cientificas en el campo de la geofisica y ciencias de la "
        "geofisica y ciencias afines transferidas a las entidades del SINAGERD.")
    assert (primero.lb_anio.valor, primero.lb_valor.valor) == (2017, Decimal("23.00"))
    assert (primero.actual_anio.valor, primero.actual_valor.valor) == (2018, Decimal("26.00"))
    assert [c.texto for c in primero.logros.values()] == [
        "32.00", "35.00", "38.00", "41.00", "44.00", "ND"]
    # La fila de IND.02.AEI.02.02 empieza al pie de la página 2 y sigue en la 3.
    cortada = next(i for i in a.indicadores if i.codigo == "IND.02.AEI.02.02")
    assert cortada.pagina == 2
    assert cortada.nombre == (
        "numero de estudios de resiliencia de la poblacion y sus medios de vida frente a "
        "peligros geofisicos transferidos a las entidades del SINAGERD.")
    assert cortada.ue == "000084-INSTITUTO GEOFISICO DEL PERU"
    assert cortada.unidad_organica == "05.05-GEOFÍSICA Y SOCIEDAD"
    # El encabezado de la tabla de OEI.04 empieza al pie de la página 4 y sigue en la 5.
    oei4 = next(i for i in a.indicadores if i.codigo == "IND.01.OEI.04")
    assert [c.texto for c in oei4.obtenidos.values()][:2] == ["10.57", "15.00"]
    # Un guion al final de un renglón se junta con la palabra siguiente.
    assert "geo-espacio" in next(i.nombre for i in a.indicadores
                                 if i.codigo == "IND.03.AEI.01.03")
    assert a.indicadores[-1].codigo == "IND.01.AEI.05.01"


@pytest.mark.parametrize("nombre, impresos", [("igp_pei_2017_2019.pdf", {2017: 24, 2018: 24,
                                                                         2019: 23}),
                                              ("igp_pei_2020_2025.pdf", {2020: 25, 2021: 25})])
def test_verificar_reproduce_cada_avance_impreso(anexos, nombre, impresos):
    """Con el perfil PEI (tope en 100, sentido inferido de los logros esperados, dos decimales)
    cada AVANCE (%) impreso, número o ND, coincide con el calculado."""
    a = anexos[nombre]
    m = matriz_de(a)
    for anio in a.anios:
        c = verificacion(preparada(m), anio)
        assert c.comparados == len(a.indicadores)
        assert c.diferencias == [], (anio, [(d.codigo, d.publicado, d.calculado)
                                            for d in c.diferencias])
        numeros = sum(1 for i in a.indicadores if i.avances[anio].valor is not None)
        assert numeros == impresos.get(anio, 0)


@pytest.mark.parametrize("nombre, topados, descendentes", [
    ("igp_pei_2017_2019.pdf", {2017: 6, 2018: 1, 2019: 2},
     {2017: ["IND.01.AEI.02.03"], 2018: ["IND.01.AEI.02.03"]}),
    ("igp_pei_2020_2025.pdf", {2020: 4, 2021: 5}, {}),
])
def test_por_que_coinciden_tope_y_sentido_inferido(anexos, nombre, topados, descendentes):
    """Las cifras que sólo salen con las convenciones del aplicativo (metodología, sección 12):
    VO/LE pasa de 100 y se imprime 100 (el tope), y el sentido inferido de los logros esperados
    (IND.01.AEI.02.03: 57, 71, 0 → descendente; 57/25 y 71/56 se imprimen 100, no 43.86 y
    78.87)."""
    a = anexos[nombre]
    m = matriz_de(a)
    for anio in a.anios:
        r = calcular(preparada(m), anio)
        sobre_cien, bajan = 0, []
        for x in r.indicadores:
            if m.avance_publicado[x.codigo].get(anio) is None:
                continue
            if x.indicador.sentido.value == "Descendente":
                assert x.indicador.sentido_inferido
                bajan.append(x.codigo)
            elif x.le and x.vo / x.le * 100 > 100:
                sobre_cien += 1
                assert m.avance_publicado[x.codigo][anio] == 100
        assert (sobre_cien, bajan) == (topados.get(anio, 0), descendentes.get(anio, [])), anio
