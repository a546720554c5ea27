"""The package as a new user gets it: built into a wheel, installed with its dependencies
into a fresh virtual environment outside the checkout, and run from an empty folder."""

import os
import re
import shutil
import signal
import subprocess
import sys
import tarfile
import time
import tomllib
import venv
import zipfile
from pathlib import Path

import pytest
import requests
from pypdf import PdfReader

from server.cli.embedded import free_port

from .helpers import ROOT

PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
# What a wheel must carry beyond the Python modules.
CARRIED = [
    "server/templates/phone.html", "server/static/css/app.css", "server/static/favicon.svg",
    "server/static/vendor/socket.io.esm.min.js", "server/export/fonts/DejaVuSans.ttf",
    "server/translations/fr/LC_MESSAGES/messages.mo", "server/store/lua/commit.lua",
]
# Left out of the copy built from: tools' leftovers (a compiled .mo stays, as after `make`).
_NOT_SOURCES = shutil.ignore_patterns(
    ".git", ".venv", "build", "dist", "*.egg-info", "instance", "test-artifacts",
    "__pycache__", ".pytest_cache", ".ruff_cache")


def test_cafe_version_is_pyprojects(capsys):
    from server.cli import main

    with pytest.raises(SystemExit) as exited:
        main(["--version"])
    assert exited.value.code == 0
    assert capsys.readouterr().out == f"cafe {PROJECT['version']}\n"


def _clean_environment(bin_dir: Path) -> dict[str, str]:
    """This environment (proxies, pip's settings) with nothing that leads to the checkout."""
    env = {key: value for key, value in os.environ.items()
           if not key.startswith(("CAFE_", "PYTHON", "VIRTUAL_ENV"))
           and key not in ("REDIS_URL", "HOST", "PORT")}
    env["PATH"] = f"{bin_dir}{os.pathsep}{env.get('PATH', '/usr/bin:/bin')}"
    return env


def _run(args: list, **kwargs) -> str:
    done = subprocess.run([str(a) for a in args], capture_output=True, text=True, **kwargs)
    assert done.returncode == 0, f"{args} failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    return done.stdout


def _contents(wheel: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(wheel) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _build(tmp_path: Path) -> Path:
    """Build the sdist, the wheel from it and a wheel from the tree; return the first wheel."""
    source = tmp_path / "checkout"
    # A copy, so the builds leave nothing in the checkout and find no stale build/ there.
    shutil.copytree(ROOT, source, ignore=_NOT_SOURCES)
    _run([sys.executable, "-m", "build", "--outdir", tmp_path / "dist", source], timeout=300)
    _run([sys.executable, "-m", "build", "--wheel", "--outdir", tmp_path / "tree", source],
         timeout=300)
    [sdist] = (tmp_path / "dist").glob("*.tar.gz")
    [wheel] = (tmp_path / "dist").glob("*.whl")
    [from_tree] = (tmp_path / "tree").glob("*.whl")
    with tarfile.open(sdist) as archive:
        names = [name.split("/", 1)[1] for name in archive.getnames() if "/" in name]
    assert {"setup.py", "MANIFEST.in", "static/vendor/socket.io.esm.min.js",
            "translations/fr/LC_MESSAGES/messages.po"} <= set(names)
    assert not [name for name in names if name.endswith(".mo")], "catalogues are built, not shipped"
    carried = _contents(wheel)
    assert set(CARRIED) <= set(carried)
    assert not [name for name in carried if name.startswith(("tests/", "static/", "bench/"))]
    assert carried == _contents(from_tree), "the sdist must build the wheel the tree builds"
    return wheel


class Installed:
    """A fresh virtual environment with the wheel and its dependencies from the index."""

    def __init__(self, wheel: Path, where: Path):
        venv.create(where, with_pip=True, symlinks=True)
        self.bin = where / "bin"
        self.env = _clean_environment(self.bin)
        # From the index, as a user gets them; pip's cache (on by default) spares a second
        # run the downloads.
        _run([self.bin / "pip", "install", "--quiet", wheel], env=self.env, timeout=600)

    def cafe(self, *args, cwd: Path) -> str:
        """Run the installed `cafe` and return what it printed."""
        return _run([self.bin / "cafe", *args], cwd=cwd, env=self.env, timeout=120)

    def serve(self, port: int, cwd: Path) -> subprocess.Popen:
        """Start `cafe serve` in `cwd` and wait until it answers."""
        with (cwd.parent / "serve.log").open("wb") as log:  # the child keeps its own copy
            server = subprocess.Popen([self.bin / "cafe", "serve", "--port", str(port)],
                                      cwd=cwd, env=self.env, stdout=log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and server.poll() is None:
            try:
                requests.get(f"http://127.0.0.1:{port}/healthz", timeout=1)
                return server
            except requests.RequestException:
                time.sleep(0.2)
        server.kill()
        raise AssertionError((cwd.parent / "serve.log").read_text(errors="replace")[-3000:])


@pytest.mark.slow
def test_the_wheel_installed_elsewhere_serves_from_an_empty_folder(tmp_path):
    started = time.monotonic()
    wheel = _build(tmp_path)
    built = time.monotonic()
    installed = Installed(wheel, tmp_path / "venv")
    print(f"built in {built - started:.0f} s, installed in {time.monotonic() - built:.0f} s")
    empty = tmp_path / "empty"
    empty.mkdir()
    module = _run([installed.bin / "python", "-c", "import server; print(server.__file__)"],
                  cwd=empty, env=installed.env)
    assert Path(module.strip()).is_relative_to(tmp_path / "venv"), module
    assert installed.cafe("--version", cwd=empty) == f"cafe {PROJECT['version']}\n"

    port = free_port()
    server = installed.serve(port, empty)
    base = f"http://127.0.0.1:{port}"
    try:
        home = requests.get(base + "/", timeout=10)
        assert home.status_code == 200 and "World Café" in home.text
        css = requests.get(base + "/static/css/app.css", timeout=10)
        assert css.status_code == 200
        assert css.content == (ROOT / "static/css/app.css").read_bytes()
        assert requests.get(base + "/static/vendor/socket.io.esm.min.js", timeout=10).ok

        # `cafe demo` beside the running server: the same folder, so the same embedded Redis.
        demo = installed.cafe("demo", cwd=empty)
        code = re.search(r"Demo workshop (\w+) created", demo).group(1)
        french = requests.get(f"{base}/j/{code}?lang=fr", timeout=10)
        assert french.status_code == 200 and '<html lang="fr"' in french.text
        # The English is in the templates; the French can only come from the compiled .mo.
        assert "Votre nom" in french.text and "Your name" not in french.text
        assert "Your name" in requests.get(f"{base}/j/{code}?lang=en", timeout=10).text

        installed.cafe("export", code, "--format", "pdf", "-o", "report.pdf", cwd=empty)
        pdf = PdfReader(empty / "report.pdf")
        text = " ".join(" ".join(page.extract_text().split()) for page in pdf.pages)
        assert "Atelier Coopération Inter-entreprise" in text
        assert "Projets pour la suite" in text  # the report's French words, from the .mo

        assert requests.get(base + "/healthz", timeout=10).json() == {"ok": True, "redis": "up"}
    finally:
        server.send_signal(signal.SIGINT)
        try:
            stopped = server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()  # never leave a server behind the test
            raise
    assert stopped == 0
    assert (empty / "instance" / "redis" / "dump.rdb").exists()  # the data stayed in the folder
