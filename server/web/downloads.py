"""Downloads of the report and the data, for the facilitator only (the console key)."""

from flask import Blueprint, Response, current_app, request

from ..domain.access import check_console_key
from ..domain.errors import N_, DomainError
from ..domain.workshop import normalize_code, unknown_workshop
from ..export import FORMATS, filename
from ..store.archive import dump

bp = Blueprint("downloads", __name__)


def _check_key(code: str) -> None:
    """Refuse a request without the workshop's console key (in the Authorization header)."""
    header = request.headers.get("Authorization", "")
    key = header.removeprefix("Bearer ").strip() if header.startswith("Bearer ") else ""
    digest = current_app.extensions["cafe"].store.workshops.console_digest(code)
    if digest is None:
        raise unknown_workshop(code)
    check_console_key(key, digest)


@bp.get("/api/workshops/<code>/export/<fmt>")
def export(code: str, fmt: str):
    """Return the workshop's report (md, html, pdf, docx), notes (csv) or data (json)."""
    code = normalize_code(code)
    if fmt not in FORMATS:
        raise DomainError("invalid", N_("Unknown format: %(name)s."), name=fmt[:20])
    _check_key(code)
    document = dump(current_app.extensions["cafe"].store.redis, code)
    chosen = FORMATS[fmt]
    return Response(chosen.render(document), mimetype=chosen.mimetype, headers={
        "Content-Disposition": f'attachment; filename="{filename(document, fmt)}"',
        "Cache-Control": "no-store",
    })
