"""Where the app's own files are: the templates, the static files and the translations.

The repository keeps them at its top level (templates/, static/, translations/), where the
developers and the Makefile use them; the wheel carries them inside the package
(server/templates, …), copied there by setup.py's build step. `bundled` is the one place
that knows both layouts: an installed wheel, or a checkout (editable install, `python -m
server` from the repository).
"""

from pathlib import Path

PACKAGE = Path(__file__).resolve().parent


def bundled(name: str, package: Path = PACKAGE) -> Path:
    """Return the folder `name` (templates, static, translations): the package's, or the repo's."""
    inside = package / name
    # The package's own copy first: an installed server must never serve from a folder
    # that merely happens to lie beside site-packages.
    return inside if inside.is_dir() else package.parent / name
