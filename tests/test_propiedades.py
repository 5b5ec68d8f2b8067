"""Pruebas basadas en propiedades (hypothesis): bytes al azar y libros válidos mutados al azar.
Todo resultado es una Matriz o un ErrorDeDatos con mensajes; nunca otra excepción."""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import escribir_libro, hojas_minimas
from penitencia_cli.lectura import leer_libro
from penitencia_cli.errores import ErrorDeDatos
from penitencia_cli.modelos import Matriz

AJUSTES = settings(max_examples=int(os.environ.get("PENITENCIA_EJEMPLOS", 60)), deadline=None,
                   derandomize=bool(os.environ.get("CI")),
                   suppress_health_check=[HealthCheck.function_scoped_fixture,
                                          HealthCheck.too_slow])
"""60 ejemplos por prueba (la suite sigue rápida); PENITENCIA_EJEMPLOS=2000 para buscar más.
En CI (variable CI) los ejemplos son deterministas: una corrida de CI no depende del azar; en
desarrollo se exploran ejemplos nuevos cada vez."""


@pytest.fixture(scope="module")
def valido(tmp_path_factory) -> bytes:
    return escribir_libro(tmp_path_factory.mktemp("valido") / "v.xlsx", hojas_minimas()).read_bytes()


def leer_o_error_limpio(ruta: Path) -> None:
    try:
        resultado = leer_libro(ruta)
    except ErrorDeDatos as exc:
        assert exc.problemas, "un ErrorDeDatos sin problemas"
        for p in exc.problemas:
            assert p.mensaje and "Traceback" not in p.mensaje
        return
    assert isinstance(resultado, Matriz)


@AJUSTES
@given(datos=st.binary(max_size=2048))
def test_bytes_al_azar(tmp_path, datos):
    ruta = tmp_path / "azar.xlsx"
    ruta.write_bytes(datos)
    leer_o_error_limpio(ruta)


@AJUSTES
@given(prefijo=st.sampled_from([b"PK\x03\x04", b"\xd0\xcf\x11\xe0", b""]),
       datos=st.binary(max_size=512))
def test_bytes_con_firma_de_zip_u_ole(tmp_path, prefijo, datos):
    ruta = tmp_path / "firma.xlsx"
    ruta.write_bytes(prefijo + datos)
    leer_o_error_limpio(ruta)


@AJUSTES
@given(data=st.data())
def test_zip_valido_con_bytes_cambiados(tmp_path, valido, data):
    """Cambia algunos bytes del archivo tal cual (cabeceras, datos comprimidos, directorio)."""
    mutado = bytearray(valido)
    for _ in range(data.draw(st.integers(1, 8))):
        i = data.draw(st.integers(0, len(mutado) - 1))
        mutado[i] = data.draw(st.integers(0, 255))
    corte = data.draw(st.one_of(st.none(), st.integers(0, len(mutado))))
    ruta = tmp_path / "mutado.xlsx"
    ruta.write_bytes(bytes(mutado[:corte]))
    leer_o_error_limpio(ruta)


_FRAGMENTOS = [b"<", b">", b"&", b"&lol;", b'"', b"</row>", b"<row>", b'<c r="ZZZ0">',
               b'<c r="A1" t="e"><v>#N/A</v></c>', b'<c r="B2" t="b"><v>1</v></c>',
               b'<c r="C3" t="s"><v>999</v></c>', b'<c r="C3" t="d"><v>2024-13-45</v></c>',
               b'<row r="-1">', b'<row r="1.5">', b'<mergeCell ref="A1:B2"/>',
               b'<c r="A2" s="999"><v>1</v></c>', b"\x00", b"\xff\xfe", b"9" * 400,
               b'<sheet name="X" sheetId="1" r:id="rId99"/>', b"<f>1/0</f>", b"<v>nan</v>",
               b"<v>1e999</v>", b'<col min="0" max="-3" hidden="1"/>']


@AJUSTES
@given(data=st.data())
def test_xml_de_un_libro_valido_mutado(tmp_path, valido, data):
    """Descomprime, cambia el XML de una parte (corta, inserta fragmentos, borra) y vuelve a
    comprimir: llega al analizador XML y al lector, no sólo al zip."""
    with zipfile.ZipFile(io.BytesIO(valido)) as z:
        partes = {i.filename: z.read(i) for i in z.infolist()}
    nombre = data.draw(st.sampled_from(sorted(partes)))
    xml = bytearray(partes[nombre])
    for _ in range(data.draw(st.integers(1, 4))):
        i = data.draw(st.integers(0, len(xml)))
        accion = data.draw(st.sampled_from(["insertar", "borrar", "cortar"]))
        if accion == "insertar":
            xml[i:i] = data.draw(st.sampled_from(_FRAGMENTOS))
        elif accion == "borrar":
            del xml[i:i + data.draw(st.integers(1, 40))]
        else:
            del xml[i:]
    partes[nombre] = bytes(xml)
    if data.draw(st.booleans()):
        partes.pop(data.draw(st.sampled_from(sorted(partes))))
    ruta = tmp_path / "xml_mutado.xlsx"
    with zipfile.ZipFile(ruta, "w", zipfile.ZIP_DEFLATED) as z:
        for n, d in partes.items():
            z.writestr(n, d)
    leer_o_error_limpio(ruta)


@AJUSTES
@given(valor=st.one_of(st.text(max_size=40), st.integers(-10**12, 10**12),
                       st.floats(allow_nan=False, allow_infinity=False),
                       st.booleans(), st.none()))
def test_celda_de_valor_cualquiera(tmp_path, valor):
    hojas = hojas_minimas()
    hojas["Valores obtenidos"][1][2] = valor
    try:
        ruta = escribir_libro(tmp_path / "celda.xlsx", hojas)
    except Exception:  # openpyxl no escribe algunos textos (caracteres de control)
        return
    leer_o_error_limpio(ruta)
