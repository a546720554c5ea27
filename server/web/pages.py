"""The HTML pages: home, phone, screen, console. Each is a shell its script fills live."""

from flask import Blueprint, g, redirect, render_template, request, url_for
from flask_babel import get_locale

from ..domain.errors import DomainError
from ..domain.workshop import normalize_code
from ..i18n import translate
from .context import get_store
from .links import links
from .status import http_status
from .strings import strings_for

bp = Blueprint("pages", __name__)


def _workshop(code: str):
    # Through the one guessing limit: every page a code opens counts a wrong code.
    workshop = get_store().workshop_for(normalize_code(code), request.remote_addr)
    g.workshop_language = workshop.language
    return workshop


def _page(template: str, surface: str, workshop=None, **extra):
    data = {"surface": surface, "strings": strings_for(surface)}
    if workshop is not None:
        data.update(code=workshop.code, links=links(workshop.code), theme=workshop.theme)
    return render_template(template, workshop=workshop, page=data, **extra)


@bp.get("/")
def home():
    """The front door: join a workshop by its code, or create one."""
    return _page("home.html", "home")


@bp.get("/j")
def find():
    """Go to the phone page of the code typed in (the form on the home page)."""
    try:
        code = normalize_code(request.args.get("code", ""))
        # A mistyped code is said next to the field, not on a page of its own; guesses
        # count against the address as on the join API.
        get_store().workshop_for(code, request.remote_addr)
    except DomainError as err:
        error = err.as_dict(lambda m: translate(m, str(get_locale())))
        return _page("home.html", "home", join_error=error), http_status(err)
    return redirect(url_for("pages.phone", code=code))


@bp.get("/j/<code>")
def phone(code: str):
    """The participant's page: join, then follow the workshop from a phone.

    A first visit shows the join form at once, before any script runs; a phone that has
    joined before (it set a cookie saying so, never the token) shows "connecting" instead.
    """
    workshop = _workshop(code)
    returning = request.cookies.get(f"cafe_member_{workshop.code}") == "1"
    return _page("phone.html", "phone", workshop, returning=returning)


@bp.get("/screen/<code>")
def screen(code: str):
    """The projected page: big type, QR code, everything live."""
    return _page("screen.html", "screen", _workshop(code))


@bp.get("/console/<code>")
def console(code: str):
    """The facilitator's console; the key travels in the URL fragment, never to the server."""
    return _page("console.html", "console", _workshop(code))
