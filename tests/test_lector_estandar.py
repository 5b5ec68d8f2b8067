"""El lector según el estándar (ECMA-376), no según la forma que escribe openpyxl: libros escritos
como los escriben Excel, LibreOffice, el SDK de .NET y Google Sheets, y cada defecto del issue 18,
cada uno con el libro construido aquí mismo."""

from __future__ import annotations

import json
import re
import shutil
import sys
import zipfile
from decimal import Decimal

import pytest

import corpus
import escritores
from conftest import MUESTRA, RAIZ, hojas_minimas
from penitencia_cli.cli import app
from penitencia_cli.errores import ErrorDeDatos
from penitencia_cli.lectura import leer_libro, ruta_muestra
from penitencia_cli.modelos import Matriz

sys.path.insert(0, str(RAIZ / "benchmarks"))
import generar  # noqa: E402

ANCHO = {"COLUMNS": "200"}


def _hojas():
    """Las hojas mínimas con porcentajes con formato, un texto largo (para el texto enriquecido),
    un lógico en una hoja ajena y un número de 17 cifras como los guarda Excel."""
    hojas = hojas_minimas()
    hojas["Logros esperados"][1] = ["IOP.01.01", (0.2, "0.0%"), (0.4, "0.00%")]
    hojas["Valores obtenidos"][1] = ["IOP.01.01", (0.15, '0.0%;[Red]-0.0%'), 0.30000000000000004]
    hojas["Notas"] = [["Una nota bastante larga para partirla en tramos", True]]
    return hojas


@pytest.mark.parametrize("escritor", sorted(escritores.ESCRITORES))
def test_libros_de_otros_programas_se_leen_igual(tmp_path, libro, escritor):
    """El mismo contenido escrito por openpyxl y por otro programa da la misma matriz."""
    hojas = _hojas()
    ruta = escritores.escribir(tmp_path / f"{escritor}.xlsx", hojas,
                               escritores.ESCRITORES[escritor])
    esperada = leer_libro(libro(hojas))
    leida = leer_libro(ruta)
    assert leida.model_dump() == esperada.model_dump()
    ind = leida.indicadores[0]
    assert (ind.le(2023), ind.le(2024), ind.vo(2023), ind.vo(2024)) == (20, 40, 15, Decimal("0.3"))
    assert [i.celdas_vo for i in leida.indicadores] == [i.celdas_vo for i in esperada.indicadores]


def test_el_sdk_de_dotnet_sin_r_y_con_prefijo(tmp_path):
    """Sin r en filas ni celdas, cada una es la que sigue a la anterior (una celda vacía <x:c/>
    cuenta); las partes en otras rutas y con destinos absolutos."""
    ruta = escritores.escribir(tmp_path / "sdk.xlsx", _hojas(), escritores.DOTNET)
    with zipfile.ZipFile(ruta) as z:
        assert "xl/hojas/hoja_5.xml" in z.namelist() and "xl/workbook.xml" not in z.namelist()
        assert b' r="' not in z.read("xl/hojas/hoja_5.xml")
    matriz = leer_libro(ruta)
    assert matriz.indicadores[0].celdas_vo == {2023: "B2", 2024: "C2"}
    assert matriz.estructura[1].padre == "OP.01"


# --- Defecto 1: la parte de estilos, por su relación ------------------------------------------


def test_estilos_en_otra_ruta_se_hallan_por_la_relacion(tmp_path, libro):
    """Defecto 1 del issue 18: los estilos se leían siempre de xl/styles.xml; en otra ruta se
    perdían los formatos de porcentaje y 36.5 % se leía 0.365."""
    escritor = escritores.Escritor("otro", estilos="xl/formatos/estilos_del_libro.xml")
    ruta = escritores.escribir(tmp_path / "estilos.xlsx", _hojas(), escritor)
    with zipfile.ZipFile(ruta) as z:
        assert "xl/styles.xml" not in z.namelist()
    ind = leer_libro(ruta).indicadores[0]
    assert (ind.le(2023), ind.le(2024), ind.vo(2023)) == (20, 40, 15)


def test_un_styles_xml_sin_relacion_no_cuenta(tmp_path):
    """Al revés: una parte xl/styles.xml a la que el libro no apunta no es la de sus estilos."""
    escritor = escritores.Escritor("otro", estilos="xl/formatos/estilos.xml", extra={
        "xl/styles.xml": escritores._Estilos().xml("")})
    ruta = escritores.escribir(tmp_path / "estilos.xlsx", _hojas(), escritor)
    assert leer_libro(ruta).indicadores[0].le(2023) == 20


# --- Defecto 2: los formatos de <dxfs> no son de celda -------------------------------------------


@pytest.mark.parametrize("de_celda, condicional, esperado", [
    ("0.0", "0.00%", Decimal("0.2")),  # la celda no es porcentaje aunque un dxf use el mismo id
    ("0.0%", "0.0", Decimal("20")),  # y al revés
])
def test_formatos_condicionales_no_son_formatos_de_celda(libro, de_celda, condicional, esperado):
    """Defecto 2 del issue 18: un <numFmt> dentro de <dxfs> (formato condicional) con el mismo
    id que el de una celda la cambiaba: 68.7 publicado se leía 6870."""
    hojas = hojas_minimas()
    hojas["Logros esperados"][1] = ["IOP.01.01", (0.2, de_celda), 40]
    ruta = libro(hojas)

    def estilos(xml: bytes) -> bytes:
        dxf = (b'<dxfs count="1"><dxf><numFmt numFmtId="164" formatCode="'
               + condicional.encode() + b'"/></dxf></dxfs>')
        return re.sub(rb"<dxfs[^>]*/>|<dxfs.*?</dxfs>", b"", xml, flags=re.S).replace(
            b"</cellStyles>", b"</cellStyles>" + dxf)

    corpus.reescribir(ruta, {"xl/styles.xml": estilos})
    with zipfile.ZipFile(ruta) as z:
        assert b'<dxf><numFmt numFmtId="164"' in z.read("xl/styles.xml")
    assert leer_libro(ruta).indicadores[0].le(2023) == esperado


# --- Defecto 3: nombres de parte sin distinguir mayúsculas -------------------------------------


def _con_publicado(libro):
    hojas = hojas_minimas()
    hojas["Avance publicado"] = [["codigo", 2024], ["IOP.01.01", 75], ["INDICE", 100]]
    return hojas, libro(hojas)


@pytest.mark.parametrize("hoja", ["Avance publicado", "Valores obtenidos"])
def test_destino_con_otras_mayusculas(libro, runner, hoja):
    """Defecto 3 del issue 18: un destino que difiere de la entrada del zip sólo en mayúsculas
    (OPC no las distingue) hacía desaparecer la hoja sin decir nada: «verificar» no hallaba las
    cifras publicadas, y de una hoja requerida se decía que faltaba."""
    hojas, ruta = _con_publicado(libro)
    miembro = corpus.miembro_de_hoja(hojas, hoja)
    destino = miembro.split("/", 1)[1].encode()
    corpus.reescribir(ruta, {"xl/_rels/workbook.xml.rels": lambda x: x.replace(
        b'Target="/' + miembro.encode() + b'"', b'Target="' + destino.upper() + b'"').replace(
        b'Target="' + destino + b'"', b'Target="' + destino.upper() + b'"')})
    with zipfile.ZipFile(ruta) as z:
        assert destino.upper() in z.read("xl/_rels/workbook.xml.rels")
    matriz = leer_libro(ruta)
    assert matriz.avance_publicado["INDICE"] == {2024: 100}
    assert matriz.indicadores[0].vo(2024) == 30
    r = runner.invoke(app, ["verificar", "2024", "-a", str(ruta), "-f", "json"], env=ANCHO)
    assert r.exit_code == 0 and "Traceback" not in r.output


def test_tipos_de_contenido_con_otras_mayusculas(libro):
    """Defecto 3: «/xl/Workbook.xml» en [Content_Types].xml y xl/workbook.xml en el zip
    terminaba en «KeyError: There is no item named 'xl/Workbook.xml'»; y también el destino de
    la relación del paquete."""
    ruta = libro()
    corpus.reescribir(ruta, {
        "[Content_Types].xml": lambda x: x.replace(b"/xl/workbook.xml", b"/xl/Workbook.xml"),
        "_rels/.rels": lambda x: x.replace(b"xl/workbook.xml", b"XL/Workbook.XML")})
    assert len(leer_libro(ruta).indicadores) == 4


def test_destinos_relativos_absolutos_con_puntos_y_codificados(libro):
    """Un destino relativo con «..», uno absoluto y uno con %20: la parte se halla igual."""
    hojas = hojas_minimas()
    ruta = libro(hojas)
    with zipfile.ZipFile(ruta) as z:
        hoja4 = z.read("xl/worksheets/sheet4.xml")
    corpus.reescribir(ruta, {
        "xl/worksheets/sheet4.xml": None, "xl/hojas de años/logros.xml": hoja4,
        "xl/_rels/workbook.xml.rels": lambda x: x.replace(
            b'Target="/xl/worksheets/sheet4.xml"', b'Target="../xl/hojas%20de%20a%C3%B1os/../'
            b'hojas%20de%20a%C3%B1os/logros.xml"').replace(
            b'Target="worksheets/sheet4.xml"', b'Target="../xl/hojas%20de%20a%C3%B1os/'
            b'logros.xml"').replace(b'Target="/xl/worksheets/sheet1.xml"',
                                    b'Target="worksheets/sheet1.xml"').replace(
            b'Target="worksheets/sheet2.xml"', b'Target="/xl/worksheets/sheet2.xml"')})
    with zipfile.ZipFile(ruta) as z:
        assert "xl/hojas de años/logros.xml" in z.namelist()
    assert leer_libro(ruta).indicadores[0].le(2024) == 40


def test_una_hoja_sin_su_parte_lo_dice(libro, runner):
    """Una hoja cuyo destino no está en el zip: un error con su nombre, no una hoja ausente."""
    hojas, ruta = _con_publicado(libro)
    corpus.reescribir(ruta, {corpus.miembro_de_hoja(hojas, "Avance publicado"): None})
    with pytest.raises(ErrorDeDatos) as e:
        leer_libro(ruta)
    [p] = [p for p in e.value.problemas if p.hoja == "Avance publicado"]
    assert "no tiene su parte en el zip" in p.mensaje


def test_una_hoja_de_grafico_con_nombre_de_la_plantilla(libro):
    """Una hoja de gráfico llamada «Valores obtenidos»: un error que dice qué es."""
    hojas = hojas_minimas()
    ruta = libro(hojas)
    corpus.reescribir(ruta, {"xl/_rels/workbook.xml.rels": lambda x: re.sub(
        rb'<Relationship [^>]*Id="rId5"[^>]*/>', lambda m: m.group().replace(
            b"/worksheet", b"/chartsheet"), x)})
    with zipfile.ZipFile(ruta) as z:
        assert b"chartsheet" in z.read("xl/_rels/workbook.xml.rels")
    with pytest.raises(ErrorDeDatos) as e:
        leer_libro(ruta)
    mensajes = [p.mensaje for p in e.value.problemas]
    assert any("es una hoja de gráfico, no una hoja con celdas" in m for m in mensajes), mensajes
    assert not any("Falta la hoja requerida" in m for m in mensajes)


def test_una_hoja_de_grafico_llamada_avance_publicado_es_una_nota(libro):
    """La hoja optativa: una nota (el libro se lee, sin cifras publicadas)."""
    hojas, ruta = _con_publicado(libro)
    corpus.reescribir(ruta, {"xl/_rels/workbook.xml.rels": lambda x: re.sub(
        rb'<Relationship [^>]*Id="rId6"[^>]*/>', lambda m: m.group().replace(
            b"/worksheet", b"/chartsheet"), x)})
    matriz = leer_libro(ruta)
    assert matriz.avance_publicado == {}
    [nota] = matriz.observaciones_lectura
    assert nota.hoja == "Avance publicado" and "hoja de gráfico" in nota.mensaje


def test_el_libro_en_otra_ruta_y_con_otro_nombre(tmp_path):
    escritor = escritores.Escritor("otro", libro="contenido/principal.xml",
                                   hoja="contenido/h{}.xml", estilos="contenido/e.xml",
                                   textos="contenido/t.xml")
    ruta = escritores.escribir(tmp_path / "otro.xlsx", _hojas(), escritor)
    assert leer_libro(ruta).indicadores[0].le(2024) == 40


# --- Defecto 5: prefijos y UTF-16 en hojas grandes ----------------------------------------------


@pytest.mark.parametrize("forma", ["x", "utf-16"])
def test_hojas_de_mil_indicadores_con_prefijo_o_en_utf16(tmp_path, forma):
    """Defecto 5 del issue 18: la guardia del motor rápido rechazaba como hostiles («más de
    50,000 etiquetas XML seguidas») hojas válidas con el prefijo x: del SDK de .NET o en UTF-16
    de más de ~800 indicadores. Con 1 000, se leen igual que el mismo libro sin cambios."""
    ruta = generar.escribir(generar.datos(1000, semilla=7), tmp_path / "mil.xlsx")
    original = leer_libro(ruta)
    cambiada = shutil.copy(ruta, tmp_path / "cambiada.xlsx")

    def convertir(xml: bytes) -> bytes:
        if forma == "utf-16":
            texto = xml.decode("utf-8")
            texto = re.sub(r"^<\?xml[^>]*\?>", "", texto)
            return ('<?xml version="1.0" encoding="UTF-16"?>' + texto).encode("utf-16")
        xml = re.sub(rb"<(/?)([A-Za-z]\w*)([\s>/])", rb"<\1x:\2\3", xml)
        return xml.replace(b'xmlns="' + escritores.MAIN.encode(), b'xmlns:x="'
                           + escritores.MAIN.encode())

    corpus.reescribir(cambiada, {f"xl/worksheets/sheet{i}.xml": convertir for i in range(1, 6)})
    with zipfile.ZipFile(cambiada) as z:
        muestra = z.read("xl/worksheets/sheet5.xml")[:200]
    assert (b"<x:worksheet" in muestra) if forma == "x" else muestra.startswith(b"\xff\xfe")
    assert leer_libro(cambiada).model_dump() == original.model_dump()


# --- Defecto 6: -0, _x000D_, .xlsb ---------------------------------------------------------------


def test_menos_cero_se_lee_cero(libro, runner):
    """Defecto 6 del issue 18: <v>-0.0</v> (el resto de un cálculo) se mostraba «-0»."""
    hojas = hojas_minimas()
    ruta = libro(hojas)
    corpus.reescribir(ruta, {corpus.miembro_de_hoja(hojas, "Valores obtenidos"): lambda x:
                             x.replace(b'<c r="C4" t="n"><v>12</v></c>',
                                       b'<c r="C4" t="n"><v>-0.0</v></c>')})
    valor = leer_libro(ruta).indicadores[2].vo(2024)
    assert valor == 0 and str(valor) == "0"
    r = runner.invoke(app, ["avance", "2024", "-a", str(ruta)], env=ANCHO)
    assert r.exit_code == 0 and "-0" not in r.stdout


def test_codigo_pegado_con_salto_de_linea_escapado(libro):
    """Defecto 6: Excel escribe un salto de línea pegado en una celda como _x000D__x000A_; sin
    decodificarlo, el código «IOP.01.01_x000D_» era desconocido."""
    hojas = hojas_minimas()
    ruta = corpus.a_textos_compartidos(libro(hojas))
    corpus.reescribir(ruta, {"xl/sharedStrings.xml": lambda x: x.replace(
        b"<t>ISS.01.01.01.01</t>", b"<t>ISS.01.01.01.01_x000D__x000A_</t>", 1)})
    matriz = leer_libro(ruta)
    assert {i.codigo for i in matriz.indicadores} >= {"ISS.01.01.01.01"}


def test_xlsb_dice_que_es_un_libro_binario(runner, tmp_path):
    """Defecto 6: un .xlsb se describía como «no contiene un libro de Excel»."""
    ruta = tmp_path / "binario.xlsb"
    with zipfile.ZipFile(ruta, "w") as z:
        z.writestr("[Content_Types].xml", f'<Types xmlns="{escritores.TIPOS}"><Override '
                   'PartName="/xl/workbook.bin" ContentType="application/vnd.ms-excel.sheet.'
                   'binary.macroEnabled.main"/></Types>')
        z.writestr("_rels/.rels", f'<Relationships xmlns="{escritores.PKG}"><Relationship '
                   f'Id="rId1" Type="{escritores.R}/officeDocument" Target="xl/workbook.bin"/>'
                   "</Relationships>")
        z.writestr("xl/workbook.bin", b"\x83\x01\x00")
    r = runner.invoke(app, ["avance", "2024", "-a", str(ruta)], env=ANCHO)
    assert r.exit_code == 1 and "Traceback" not in r.output
    texto = " ".join(r.output.split())
    assert "libro binario de Excel (.xlsb)" in texto and "guárdelo como Libro de Excel .xlsx" in texto


@pytest.mark.parametrize("contenido, dice", [
    ("EncryptedPackage", "protegido con contraseña"),
    ("Workbook", "Excel 97-2003 (.xls)"),
])
def test_archivos_de_office_antiguos_o_cifrados(runner, tmp_path, contenido, dice):
    ruta = tmp_path / "viejo.xlsx"
    ruta.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504
                     + contenido.encode("utf-16-le") + b"\0" * 1000)
    r = runner.invoke(app, ["validar", str(ruta)], env=ANCHO)
    assert r.exit_code == 1 and dice in " ".join(r.output.split())


# --- Modelos simples ---------------------------------------------------------------------------


@pytest.mark.parametrize("ruta", [MUESTRA, RAIZ / "samples" / "pei_ejemplo.xlsx"])
def test_la_matriz_se_serializa_y_vuelve(ruta):
    """Issue 18: leer_libro(muestra).model_dump_json() fallaba (un SerieDeFila en el __dict__
    de cada Indicador). Ahora los modelos tienen los tipos que declaran: el JSON se escribe y,
    validado, da la misma matriz (lo que el JSON lleva; ubicaciones y celdas no van en él)."""
    matriz = leer_libro(ruta)
    texto = matriz.model_dump_json()
    vuelta = Matriz.model_validate_json(texto)
    assert vuelta.model_dump() == matriz.model_dump()
    assert vuelta.model_dump_json() == texto
    assert json.loads(texto)["indicadores"][0]["logros_esperados"]


def test_los_modelos_tienen_los_tipos_que_declaran():
    matriz = leer_libro(ruta_muestra())
    conjuntos = set()
    for ind in matriz.indicadores:
        for serie in (ind.logros_esperados, ind.valores_obtenidos):
            assert type(serie) is dict
            assert all(type(a) is int and (v is None or type(v) is Decimal)
                       for a, v in serie.items())
        for celdas in (ind.celdas_le, ind.celdas_vo):
            assert type(celdas) is dict and all(type(c) is str for c in celdas.values())
        conjuntos.add(id(ind.__pydantic_fields_set__))
        assert ind.model_fields_set >= {"codigo", "logros_esperados"}
    assert len(conjuntos) == len(matriz.indicadores)  # uno por indicador, no compartido
