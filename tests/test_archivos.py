"""Salidas seguras de abrir y compartir (``salida/archivos.escribir_atomico``, que usan todos los
exportadores y ``plantilla``): permisos de un archivo normal, nombres temporales que caben, carpetas
de sólo lectura, SIGTERM, destinos imposibles y un destino abierto en Excel (Windows)."""

from __future__ import annotations

import os
import signal
import stat
import textwrap
from pathlib import Path

import pytest

from conftest import RAIZ, senal_cuando_marque
from penitencia_cli.cli import app
from penitencia_cli.errores import ErrorDeUso
from penitencia_cli.salida import archivos
from penitencia_cli.salida.archivos import escribir_atomico as escribir_atomico_
from penitencia_cli.salida.autoria import Clase

POSIX = os.name == "posix"


def modo(ruta: Path) -> int:
    return stat.S_IMODE(os.stat(ruta).st_mode)


@pytest.fixture
def umask_022():
    anterior = os.umask(0o022)
    yield
    os.umask(anterior)


def escribir_atomico(destino, escribir, entrada=None, forzar=False):
    return escribir_atomico_(destino, escribir, entrada, clase=Clase.AVANCE, forzar=forzar)


def restos(carpeta: Path) -> list[str]:
    return sorted(p.name for p in carpeta.iterdir() if p.name.endswith(".tmp"))


# --- Permisos ---------------------------------------------------------------------------------


@pytest.mark.skipif(not POSIX, reason="permisos POSIX")
@pytest.mark.parametrize("extension", [".xlsx", ".csv", ".json"])
def test_exportacion_con_permisos_de_archivo_normal(runner, tmp_path, umask_022, extension):
    destino = tmp_path / f"reporte{extension}"
    r = runner.invoke(app, ["avance", "2024", "-f", "json", "--exportar", str(destino)])
    assert r.exit_code == 0, r.output
    assert modo(destino) == 0o644
    assert restos(tmp_path) == []


@pytest.mark.skipif(not POSIX, reason="permisos POSIX")
def test_plantilla_con_permisos_de_archivo_normal(runner, tmp_path, umask_022):
    destino = tmp_path / "p.xlsx"
    assert runner.invoke(app, ["plantilla", str(destino)]).exit_code == 0
    assert modo(destino) == 0o644


@pytest.mark.skipif(not POSIX, reason="permisos POSIX")
def test_otra_umask_se_respeta(tmp_path):
    anterior = os.umask(0o077)
    try:
        escribir_atomico(tmp_path / "x.txt", lambda p: p.write_text("hola"))
    finally:
        os.umask(anterior)
    assert modo(tmp_path / "x.txt") == 0o600


@pytest.mark.skipif(not POSIX, reason="permisos POSIX")
def test_un_archivo_reemplazado_conserva_su_modo(tmp_path, umask_022):
    destino = tmp_path / "compartido.json"
    destino.write_text("viejo")
    os.chmod(destino, 0o664)
    escribir_atomico(destino, lambda p: p.write_text("nuevo"), forzar=True)  # no es nuestro
    assert destino.read_text() == "nuevo"
    assert modo(destino) == 0o664


# --- Nombres, carpetas y destinos imposibles ----------------------------------------------------


def test_el_temporal_cabe_si_cabe_el_destino(tmp_path):
    maximo = os.pathconf(tmp_path, "PC_NAME_MAX")
    nombre = "r" * (maximo - len(".json")) + ".json"  # el nombre más largo que admite la carpeta
    vistos = []

    def escribir(p: Path) -> None:
        vistos.append(p.name)
        p.write_text("{}")

    destino = escribir_atomico(tmp_path / nombre, escribir)
    assert destino.read_text() == "{}"
    assert len(os.fsencode(vistos[0])) <= maximo
    assert vistos[0].startswith(".r") and vistos[0].endswith(".tmp")
    assert restos(tmp_path) == []


@pytest.mark.skipif(not POSIX or os.geteuid() == 0, reason="root escribe en todas partes")
def test_carpeta_de_solo_lectura_nombra_la_carpeta(runner, tmp_path):
    carpeta = tmp_path / "compartida"
    carpeta.mkdir()
    os.chmod(carpeta, 0o555)
    try:
        r = runner.invoke(app, ["avance", "2024", "--exportar", str(carpeta / "r.xlsx")])
    finally:
        os.chmod(carpeta, 0o755)
    assert r.exit_code == 2
    assert str(carpeta) in r.stderr and "permiso" in r.stderr
    assert ".tmp" not in r.stderr and "Traceback" not in r.output


def test_carpeta_de_solo_lectura_simulada(runner, tmp_path, monkeypatch):
    """Lo mismo sin depender del usuario (root escribe aunque la carpeta sea 0555)."""

    def sin_permiso(*args, **kwargs):
        raise PermissionError(13, "Permission denied", str(tmp_path / ".r.xlsx.abc.tmp"))

    monkeypatch.setattr(archivos.tempfile, "mkstemp", sin_permiso)
    with pytest.raises(ErrorDeUso) as exc:
        escribir_atomico(tmp_path / "r.xlsx", lambda p: None)
    assert str(tmp_path) in str(exc.value) and ".tmp" not in str(exc.value)
    r = runner.invoke(app, ["plantilla", str(tmp_path / "p.xlsx")])
    assert r.exit_code == 2 and str(tmp_path) in r.stderr and ".tmp" not in r.stderr


@pytest.mark.parametrize("destino", [".", "", "/", "..", "carpeta/"])
def test_plantilla_con_destino_que_no_es_un_archivo(runner, tmp_path, monkeypatch, destino):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "carpeta").mkdir()
    r = runner.invoke(app, ["plantilla", destino])
    assert r.exit_code == 2, r.output
    assert "Traceback" not in r.output and "inesperado" not in r.output
    assert "carpeta" in r.stderr or "vacío" in r.stderr


def test_exportar_a_una_carpeta_o_a_una_carpeta_inexistente(runner, tmp_path):
    r = runner.invoke(app, ["avance", "2024", "--exportar", str(tmp_path)])
    assert r.exit_code == 2 and "es una carpeta" in r.stderr
    r = runner.invoke(app, ["avance", "2024", "--exportar", str(tmp_path / "no" / "r.xlsx")])
    assert r.exit_code == 2 and "No existe la carpeta" in r.stderr


@pytest.mark.parametrize("args", [
    ["avance", "2024", "-e", "no/x.doc"],
    ["alertas", "2024", "-o", "no/x.doc"],
    ["reporte", "2024", "-o", "no/x.doc"],
    ["plantilla", "no/x.doc"],
    ["importar", str(RAIZ / "samples" / "anexo_b7" / "igp_pei_2017_2019.pdf"), "-o", "no/x.doc"],
])
def test_todo_escritor_revisa_el_destino_en_el_mismo_orden(runner, tmp_path, monkeypatch, args):
    """La carpeta que no existe se dice antes que la extensión, en todos los comandos que
    escriben (una sola comprobación: ``archivos.comprobar_salida``)."""
    monkeypatch.chdir(tmp_path)
    r = runner.invoke(app, args)
    assert r.exit_code == 2 and r.stdout == ""
    assert r.stderr == "Error: No existe la carpeta no para escribir x.doc.\n"


def test_un_archivo_protegido_no_se_escribe_ni_con_forzar(tmp_path):
    """Además de la entrada, el escritor protege los archivos que se le dan (las alertas que lee
    ``reporte``), aun con ``forzar``, y dice cuál es."""
    alertas = tmp_path / "alertas.html"
    alertas.write_text("a. Una alerta.\n")
    with pytest.raises(ErrorDeUso, match="alertas.html es el archivo de alertas: no se escribe"):
        escribir_atomico_(alertas, lambda p: p.write_text("x"), clase=Clase.REPORTE, forzar=True,
                          protegidos=[(alertas, "el archivo de alertas")])
    assert alertas.read_text() == "a. Una alerta.\n" and restos(tmp_path) == []


# --- Excel con el archivo abierto (Windows) ---------------------------------------------------


def test_destino_abierto_en_excel(runner, tmp_path, monkeypatch):
    """En Windows, reemplazar un archivo abierto en Excel da PermissionError al renombrar."""
    destino = tmp_path / "reporte.xlsx"
    destino.write_bytes(b"el reporte anterior")

    def como_windows(origen, final):
        raise PermissionError(13, "El proceso no tiene acceso al archivo", str(final))

    monkeypatch.setattr(archivos.os, "replace", como_windows)
    r = runner.invoke(app, ["avance", "2024", "--exportar", str(destino), "--forzar"])
    assert r.exit_code == 2
    assert "cierre reporte.xlsx en Excel y vuelva a intentarlo" in r.stderr
    assert destino.read_bytes() == b"el reporte anterior"  # nada a medias
    assert restos(tmp_path) == []


# --- SIGTERM ----------------------------------------------------------------------------------


@pytest.mark.skipif(not POSIX, reason="señales POSIX")
def test_sigterm_no_deja_temporales(tmp_path):
    marca = tmp_path / "escribiendo"
    guion = textwrap.dedent(f"""
        import time
        from pathlib import Path
        from penitencia_cli.salida.archivos import escribir_atomico
        from penitencia_cli.salida.autoria import Clase

        def escribir(p):
            p.write_text("a medias")
            Path({str(marca)!r}).touch()
            time.sleep(60)

        escribir_atomico(Path({str(tmp_path / 'r.json')!r}), escribir, clase=Clase.AVANCE,
                         forzar=False)
    """)
    codigo, error = senal_cuando_marque(guion, marca, signal.SIGTERM)
    assert codigo == archivos.SALIDA_SIGTERM
    assert "Traceback" not in error and "SIGTERM" in error
    assert sorted(p.name for p in tmp_path.iterdir()) == ["escribiendo"]


_DISCO_LLENO = textwrap.dedent('''
    import builtins, errno, io, os, sys

    abrir = io.open
    CARPETA = os.path.dirname(sys.argv[-1])

    class Lleno:  # el disco de la carpeta de destino se llena tras 20 KB escritos
        n = 0

        def __init__(self, f):
            self.f = f

        def write(self, datos):
            Lleno.n += len(datos)
            if Lleno.n > 20_000:
                raise OSError(errno.ENOSPC, "No queda espacio en el disco")
            return self.f.write(datos)

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.f.close()

        def __getattr__(self, nombre):
            return getattr(self.f, nombre)

    def abrir_lleno(ruta, modo="r", *args, **kwargs):
        f = abrir(ruta, modo, *args, **kwargs)
        en_destino = isinstance(ruta, (str, os.PathLike)) and \\
            os.path.dirname(os.path.abspath(ruta)) == CARPETA
        return Lleno(f) if en_destino and ("w" in modo or "+" in modo) else f

    io.open = builtins.open = abrir_lleno  # quien escriba en esa carpeta, por donde escriba
    from penitencia_cli.cli import main
    sys.argv = ["penitencia", *sys.argv[1:]]
    main()
''')


@pytest.mark.parametrize("destino", ["x.xlsx", "r.docx"])
def test_disco_lleno_una_linea_sin_trazas(tmp_path, destino):
    """Un disco que se llena a mitad del libro (o del DOCX): una línea, salida 1, nada a medio
    escribir, y ninguna traza de lo que openpyxl y zipfile hubieran dejado abierto («Exception
    ignored»): los exportadores cierran lo que abren, sin cambiar nada del proceso entero."""
    import subprocess
    import sys

    comando = (["avance", "2024", "-f", "json", "-e"] if destino.endswith(".xlsx")
               else ["reporte", "2024", "-o"])
    r = subprocess.run([sys.executable, "-c", _DISCO_LLENO, *comando, str(tmp_path / destino)],
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 1, r.stderr
    assert f"No se pudo escribir {tmp_path / destino}: el disco está lleno." in r.stderr
    assert "No queda espacio en el disco" not in r.stderr  # nunca el texto del sistema
    assert "Traceback" not in r.stderr and "Exception ignored" not in r.stderr, r.stderr
    assert list(tmp_path.iterdir()) == []
