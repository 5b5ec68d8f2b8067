"""Validación de dominio de los modelos (sin E/S)."""

import pytest
from pydantic import ValidationError

from penitencia_cli.errores import ErrorDeDatos
from penitencia_cli.modelos import Elemento, Ficha, Indicador, Matriz, Ubicacion


def _ind(codigo="IOP.01.01", nivel="IOP", pertenece_a="OP.01", **extra):
    return Indicador(codigo=codigo, nivel=nivel, pertenece_a=pertenece_a, sentido="Ascendente",
                     acumulacion="Acumulado", **extra)


def _estructura():
    return [Elemento(nivel="OP", codigo="OP.01"),
            Elemento(nivel="LN", codigo="LN.01.01", padre="OP.01"),
            Elemento(nivel="SS", codigo="SS.01.01.01", padre="LN.01.01")]


def test_matriz_valida():
    m = Matriz(ficha=Ficha(nombre="P"), estructura=_estructura(),
               indicadores=[_ind(), _ind("ISS.01", "ISS", "SS.01.01.01")])
    assert [o.codigo for o in m.objetivos] == ["OP.01"]


def test_codigos_repetidos_padres_y_niveles_se_informan_juntos():
    estructura = _estructura() + [
        Elemento(nivel="LN", codigo="LN.01.01", padre="OP.01"),  # repetido
        Elemento(nivel="SS", codigo="SS.02", padre="OP.01",  # un SS cuelga de un LN, no de un OP
                 ubicacion=Ubicacion(hoja="Estructura", celda="A9", campos={"padre": "C9"})),
        Elemento(nivel="LN", codigo="LN.09", padre="OP.09"),  # padre inexistente
    ]
    indicadores = [_ind(), _ind(), _ind("ISS.01", "ISS", "OP.01"), _ind("IOP.09", "IOP", "OP.99")]
    with pytest.raises(ErrorDeDatos) as info:
        Matriz(ficha=Ficha(nombre="P"), estructura=estructura, indicadores=indicadores)
    mensajes = [str(p) for p in info.value.problemas]
    assert len(mensajes) == 6, mensajes
    assert any("[Estructura!C9] [SS.02]" in m and "debe colgar de un LN" in m for m in mensajes)
    assert any("LN.01.01" in m and "repetido" in m for m in mensajes)
    assert any("IOP.01.01" in m and "repetido" in m for m in mensajes)
    assert any("OP.09" in m and "no existe" in m for m in mensajes)
    assert any("ISS.01" in m and "debe pertenecer a un SS" in m for m in mensajes)
    assert any("OP.99" in m and "no existe" in m for m in mensajes)


@pytest.mark.parametrize("campo, valor", [("sentido", "Neutral"), ("acumulacion", "Mixto"),
                                          ("nivel", "ISX")])
def test_conjuntos_cerrados(campo, valor):
    datos = dict(codigo="IOP.01", nivel="IOP", pertenece_a="OP.01", sentido="Ascendente",
                 acumulacion="Acumulado")
    datos[campo] = valor
    with pytest.raises(ValidationError):
        Indicador(**datos)


def test_un_objetivo_no_tiene_padre_y_los_demas_si():
    """El nivel de la estructura lo valida el instrumento (un solo modelo, ``Elemento``)."""
    estructura = [Elemento(nivel="OP", codigo="OP.01", padre="OP.02"),
                  Elemento(nivel="OP", codigo="OP.02"),
                  Elemento(nivel="LN", codigo="LN.01.01"),
                  Elemento(nivel="OEI", codigo="OEI.01")]  # de un PEI, no de una política
    with pytest.raises(ErrorDeDatos) as info:
        Matriz(ficha=Ficha(nombre="P"), estructura=estructura)
    mensajes = sorted(p.mensaje for p in info.value.problemas)
    assert mensajes == ["El nivel OEI no es de un instrumento Política nacional (campo "
                        "instrumento de la hoja Politica).",
                        "Falta el padre de LN.01.01 (LN).",
                        "Un OP no tiene padre, pero OP.01 tiene 'OP.02'."]
    with pytest.raises(ValidationError):
        Elemento(nivel="XX", codigo="XX.01")


# --- Modelos planos: se serializan enteros y vuelven iguales -------------------------------------


def _matriz_completa() -> Matriz:
    """Un PEI con todo lo que un libro puede traer: ubicaciones, celdas de cada serie, ND,
    decimales, avance publicado con sus celdas y notas del lector."""
    from decimal import Decimal

    from penitencia_cli.modelos import Problema, Severidad

    ub = Ubicacion(hoja="Indicadores", celda="A2", campos={"sentido": "G2"})
    return Matriz(
        ficha=Ficha(nombre="PEI 2020-2026", instrumento="pei", entidad="Instituto",
                    periodo="2020-2026"),
        estructura=[Elemento(nivel="OEI", codigo="OEI.01", enunciado="Uno",
                             ubicacion=Ubicacion(hoja="Estructura", celda="A2")),
                    Elemento(nivel="AEI", codigo="AEI.01.01", padre="OEI.01",
                             ubicacion=Ubicacion(hoja="Estructura", celda="A3",
                                                 campos={"padre": "C3"}))],
        indicadores=[Indicador(codigo="IOEI.01.01", nivel="IOEI", pertenece_a="OEI.01",
                               nombre="Uno", unidad="Porcentaje", lb_anio=2019,
                               lb_valor=Decimal("36.50"), ubicacion=ub,
                               logros_esperados={2020: Decimal("40.0"), 2021: None},
                               valores_obtenidos={2020: Decimal("-0.5"), 2021: Decimal("1E-3")},
                               celdas_le={2020: "C2", 2021: "D2"}, celdas_vo={2020: "C2"})],
        avance_publicado={"IOEI.01.01": {2020: Decimal("93.55")}, "INDICE": {2020: None}},
        celdas_publicado={"IOEI.01.01": {2020: "B2"}, "INDICE": {2020: "B3"}},
        observaciones_lectura=[Problema(severidad=Severidad.OBSERVACION, hoja="Otra",
                                        mensaje="Hoja desconocida: se ignora.")],
    )


def test_la_matriz_se_serializa_y_vuelve_igual():
    """Los modelos tienen exactamente los tipos que declaran: ``model_dump_json`` funciona y el
    JSON valida de vuelta a una matriz igual, con sus celdas y ubicaciones (nada se excluye: un
    usuario de la biblioteca que guarda la matriz la recupera entera)."""
    matriz = _matriz_completa()
    texto = matriz.model_dump_json()
    vuelta = Matriz.model_validate_json(texto)
    assert vuelta == matriz
    assert vuelta.indicadores[0].ubicacion.de("sentido") == "G2"
    assert vuelta.indicadores[0].celdas_le == {2020: "C2", 2021: "D2"}
    assert vuelta.celdas_publicado == matriz.celdas_publicado
    assert vuelta.observaciones_lectura == matriz.observaciones_lectura
    assert vuelta.model_dump_json() == texto


def test_la_matriz_de_la_muestra_se_serializa_y_vuelve_igual():
    """Lo mismo con la matriz que da el lector público sobre la muestra."""
    from conftest import MUESTRA
    from penitencia_cli.lectura import leer_libro

    matriz = leer_libro(MUESTRA)
    vuelta = Matriz.model_validate_json(matriz.model_dump_json())
    assert vuelta == matriz
    assert [i.model_dump() for i in vuelta.indicadores] == \
        [i.model_dump() for i in matriz.indicadores]
