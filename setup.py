"""The one build step pyproject.toml cannot say: the app's files into the wheel.

The repository keeps templates/, static/ and translations/ at its top level, where the
developers and the Makefile use them; an installed server finds them inside its package
(server/paths.py). This build_py copies templates/ and static/ into server/ in the build
tree and compiles each translations/<lang>/LC_MESSAGES/messages.po into a messages.mo
there, so catalogues are made at build time and never committed (Babel is a build
requirement for that). The same step runs for `pip install .`, for a wheel built from the
source tree and for one built from the sdist (MANIFEST.in puts the three folders in it).
An editable install copies nothing: the app reads the checkout's folders.
"""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

COPIED = ("templates", "static")


class build_py_with_app_files(build_py):
    """build_py, then the templates, the static files and the compiled catalogues."""

    def run(self) -> None:
        """Build the package as usual, then add the app's files to it."""
        super().run()
        if self.editable_mode:
            return
        package = Path(self.build_lib) / "server"
        for name in COPIED:
            # Replaced whole: a file deleted from the repository must leave the next wheel.
            shutil.rmtree(package / name, ignore_errors=True)
            shutil.copytree(name, package / name)
        shutil.rmtree(package / "translations", ignore_errors=True)
        for po in sorted(Path("translations").glob("*/LC_MESSAGES/messages.po")):
            compile_catalogue(po, package / po.with_suffix(".mo"))


def compile_catalogue(po: Path, mo: Path) -> None:
    """Compile a .po into a .mo, fuzzy entries included (as `make` does)."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with po.open("rb") as source:
        catalogue = read_po(source, locale=po.parts[-3])
    mo.parent.mkdir(parents=True, exist_ok=True)
    with mo.open("wb") as target:
        write_mo(target, catalogue, use_fuzzy=True)


setup(cmdclass={"build_py": build_py_with_app_files})
