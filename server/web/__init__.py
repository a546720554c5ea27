"""HTTP: pages, the JSON API, the QR code, health; security headers and readable errors."""

from flask import Flask, current_app, g, jsonify, render_template, request
from flask_babel import get_locale
from flask_compress import Compress
from werkzeug.exceptions import HTTPException

from ..domain.errors import N_, DomainError, unavailable
from ..domain.origins import host_allowed, unknown_host
from ..domain.rounds import MAX_ROUNDS
from ..i18n import chosen_language, translate
from ..store import StoreUnavailable
from . import api, doors, downloads, pages
from .assets import inline_css, preloads
from .device import remember_device
from .status import http_status

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'"
)


def _wants_json() -> bool:
    return request.path.startswith("/api/") or request.path == "/healthz"


def error_response(error: DomainError):
    """Answer a broken rule with its HTTP status: JSON for the API, a page otherwise."""
    status = http_status(error)
    body = error.as_dict(lambda m: translate(m, str(get_locale())))
    if _wants_json():
        return jsonify(ok=False, error=body), status
    return render_template("error.html", error=body, status=status), status


HTTP_MESSAGES = {
    400: ("bad_request", N_("The request is malformed.")),
    404: ("not_found", N_("This page does not exist.")),
    405: ("method_not_allowed", N_("This address does not take that kind of request.")),
    413: ("too_large", N_("The request is too large.")),
    500: ("server_error", N_("Something went wrong on the server.")),
}


def _http_error(exc: HTTPException):
    status = exc.code or 500
    code, message = HTTP_MESSAGES.get(status, HTTP_MESSAGES[400 if status < 500 else 500])
    body = {"code": code, "message": translate(message, str(get_locale()))}
    if _wants_json():
        return jsonify(ok=False, error=body), exc.code
    return render_template("error.html", error=body, status=exc.code), exc.code


def _unavailable(_exc):
    return error_response(unavailable())


def _known_host():
    """Refuse a request for a name this server does not answer to (DNS rebinding)."""
    if not host_allowed(request.host, current_app.config["ALLOWED_HOSTS"]):
        return error_response(unknown_host(request.host))
    return None


# Scripts and style sheets are never documents: the headers that rule a document (what
# it may load, frame or use) do nothing on them, and a slow phone loads twenty of them.
NOT_DOCUMENTS = {"text/javascript", "application/javascript", "text/css"}


def _headers(response):
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "same-origin")
    if response.mimetype not in NOT_DOCUMENTS:
        style_hash = inline_css(current_app.static_folder)[1]
        policy = CSP.replace("style-src 'self'", f"style-src 'self' {style_hash}")
        response.headers.setdefault("Content-Security-Policy", policy)
        response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault("Permissions-Policy",
                                    "camera=(), microphone=(), geolocation=()")
    chosen = chosen_language()
    if request.args.get("lang") == chosen and chosen:
        response.set_cookie("lang", chosen, max_age=365 * 24 * 3600, samesite="Lax")
    return response


def init_web(app: Flask) -> None:
    """Register the blueprints, the error handlers and the security headers."""
    app.register_blueprint(pages.bp)
    app.register_blueprint(api.bp)
    app.register_blueprint(downloads.bp)
    app.register_blueprint(doors.bp)
    app.register_error_handler(DomainError, error_response)
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(StoreUnavailable, _unavailable)
    app.before_request(_known_host)
    app.after_request(_headers)
    app.after_request(remember_device)
    # Phones on a crowded Wi-Fi: every page, script and style sheet goes compressed.
    app.config.setdefault("COMPRESS_MIMETYPES", [
        "text/html", "text/css", "text/javascript", "application/javascript", "application/json",
        "image/svg+xml", "text/markdown", "text/csv"])
    Compress(app)

    @app.context_processor
    def _template_globals():
        return {"lang": str(get_locale()), "workshop_language": g.get("workshop_language"),
                "max_rounds": MAX_ROUNDS,
                "inline_css": lambda: inline_css(app.static_folder)[0],
                "preloads": lambda entry, also=None: preloads(app.static_folder, entry, also)}
