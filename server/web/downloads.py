"""Downloads of the report and the data, for the facilitator only (the console key)."""

from flask import Blueprint, Response, request

from ..domain.access import check_console_key
from ..domain.report import check_format
from ..domain.workshop import normalize_code
from ..export import FORMATS, filename
from .context import get_store

bp = Blueprint("downloads", __name__)


def _check_key(code: str) -> None:
    """Refuse a request without the workshop's console key (in the Authorization header)."""
    header = request.headers.get("Authorization", "")
    key = header.removeprefix("Bearer ").strip() if header.startswith("Bearer ") else ""
    get_store().workshop_for(code, request.remote_addr)  # wrong codes count as guesses
    check_console_key(key, get_store().workshops.console_digest(code))


@bp.get("/api/workshops/<code>/export/<fmt>")
def export(code: str, fmt: str):
    """Return the workshop's report (md, html, pdf, docx), notes (csv) or data (json)."""
    code = normalize_code(code)
    check_format(fmt, FORMATS)
    _check_key(code)
    document = get_store().dump(code)
    chosen = FORMATS[fmt]
    # content_type, not mimetype: Werkzeug appends a charset to a text mimetype even when it
    # names one already ("text/csv; charset=utf-8; charset=utf-8").
    return Response(chosen.render(document), content_type=chosen.mimetype, headers={
        "Content-Disposition": f'attachment; filename="{filename(document, fmt)}"',
        "Cache-Control": "no-store",
    })
