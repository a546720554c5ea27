"""Downloads of the report and the data, for the facilitator only (the console key)."""

from flask import Blueprint, Response, current_app, request

from ..domain.errors import N_, DomainError, not_found
from ..domain.secrets import secret_matches
from ..domain.workshop import normalize_code
from ..export import FORMATS, filename
from ..store.archive import dump

bp = Blueprint("downloads", __name__)


def _check_key(code: str) -> None:
    """Refuse a request without the workshop's console key (in the Authorization header)."""
    header = request.headers.get("Authorization", "")
    key = header.removeprefix("Bearer ").strip() if header.startswith("Bearer ") else ""
    digest = current_app.extensions["cafe"].store.workshops.console_digest(code)
    if digest is None:
        raise not_found(N_("No workshop has the code %(code)s."), code=code)
    if not key or not secret_matches(key, digest):
        raise DomainError("unauthorized", N_("This console link is not valid."))


@bp.get("/api/workshops/<code>/export/<fmt>")
def export(code: str, fmt: str):
    """Return the workshop's report (md, html, pdf, docx), notes (csv) or data (json)."""
    code = normalize_code(code)
    if fmt not in FORMATS:
        raise DomainError("invalid", N_("Unknown format: %(name)s."), name=fmt[:20])
    _check_key(code)
    document = dump(current_app.extensions["cafe"].store.redis, code)
    chosen = FORMATS[fmt]
    # content_type, not mimetype: Werkzeug appends a charset to a text mimetype even when it
    # names one already ("text/csv; charset=utf-8; charset=utf-8").
    return Response(chosen.render(document), content_type=chosen.mimetype, headers={
        "Content-Disposition": f'attachment; filename="{filename(document, fmt)}"',
        "Cache-Control": "no-store",
    })
