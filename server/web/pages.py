"""The HTML pages: home, phone, screen, console. Each is a shell its script fills live."""

from flask import (
    Blueprint,
    current_app,
    g,
    make_response,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import force_locale, get_locale

from ..domain import forum, notes, participant, synthesis, tables
from ..domain.errors import DomainError
from ..domain.origins import cross_site_form, same_site_form
from ..domain.workshop import normalize_code
from ..i18n import translate
from .api import join_workshop, organisations
from .context import get_store
from .links import links
from .status import http_status
from .strings import strings_for

# The lengths the server takes, for the counters the pages show near them.
LIMITS = {
    "name": participant.NAME_MAX, "organisation": participant.ORGANISATION_MAX,
    "title": forum.TITLE_MAX, "description": forum.DESCRIPTION_MAX, "note": notes.TEXT_MAX,
    "question": tables.QUESTION_MAX, "idea": synthesis.IDEA_MAX, "passage": synthesis.BODY_MAX,
    "step": synthesis.STEP_MAX, "owner": synthesis.OWNER_MAX,
}
MONTH = 30 * 24 * 3600

bp = Blueprint("pages", __name__)


def _workshop(code: str):
    # Through the one guessing limit: every page a code opens counts a wrong code.
    workshop = get_store().workshop_for(normalize_code(code), request.remote_addr)
    g.workshop_language = workshop.language
    return workshop


def _page(template: str, surface: str, workshop=None, **extra):
    data = {"surface": surface, "strings": strings_for(surface), "limits": LIMITS}
    if workshop is not None:
        data.update(code=workshop.code, links=links(workshop.code), theme=workshop.theme)
    data.update(extra.pop("data", {}))
    return render_template(template, workshop=workshop, page=data, limits=LIMITS, **extra)


@bp.get("/")
def home():
    """The front door: join a workshop by its code, or create one."""
    return _home()


def _home(**extra):
    # A public server asks for its key on the create form (CAFE_CREATE_KEY).
    return _page("home.html", "home", create_key_needed=bool(current_app.config["CREATE_KEY"]),
                 **extra)


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
        return _home(join_error=error), http_status(err)
    return redirect(url_for("pages.phone", code=code))


@bp.get("/j/<code>")
def phone(code: str):
    """The participant's page: join, then follow the workshop from a phone.

    A first visit shows the join form at once, before any script runs; a phone that has
    joined before (it set a cookie saying so, never the token) shows "connecting" instead.
    """
    g.device_first = True  # a phone speaks its owner's language (see i18n.select_locale)
    workshop = _workshop(code)
    returning = request.cookies.get(f"cafe_member_{workshop.code}") == "1"
    return _phone(workshop, returning=returning)


def _phone(workshop, *, returning: bool, **extra):
    # A first visit's join form suggests the organisations already there without a script.
    suggested = [] if returning else organisations(workshop)
    return _page("phone.html", "phone", workshop, returning=returning,
                 organisations=suggested, preload_also="phone/app" if returning else None,
                 **extra)


@bp.post("/j/<code>")
def join_form(code: str):
    """Join from the phone page's plain form, before (or without) its script.

    Answers the phone page, which hands the device's token to its script in the page's
    data (never in a URL); a refusal shows the form again with the error by its field.
    Only a post from one of our own pages is taken (its Origin, or else its Referer).
    """
    g.device_first = True
    workshop = _workshop(code)
    if not same_site_form(request.headers.get("Origin"), request.headers.get("Referer"),
                          request.host):
        raise cross_site_form()
    fields = {name: request.form.get(name, "") for name in ("name", "organisation", "language")}
    try:
        joined, _ = join_workshop(workshop, fields)
    except DomainError as err:
        error = err.as_dict(lambda m: translate(m, str(get_locale())))
        return _phone(workshop, returning=False, form=fields, join_error=error), http_status(err)
    shown = str(get_locale())
    chosen = (joined.get("participant") or joined.get("waiting"))["language"]
    with force_locale(chosen):  # the language picked in the form, from this page on
        response = make_response(_phone(workshop, returning=True, data={"joined": joined},
                                        at_door="waiting" in joined))
    response.set_cookie(f"cafe_member_{workshop.code}", "1", max_age=MONTH, samesite="Lax")
    if chosen != shown:
        response.set_cookie("lang", chosen, max_age=365 * 24 * 3600, samesite="Lax")
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.get("/screen/<code>")
def screen(code: str):
    """The projected page: big type, QR code, everything live."""
    return _page("screen.html", "screen", _workshop(code))


@bp.get("/console/<code>")
def console(code: str):
    """The facilitator's console; the key travels in the URL fragment, never to the server."""
    return _page("console.html", "console", _workshop(code))
