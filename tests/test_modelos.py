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
