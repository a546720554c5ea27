"""The JSON API: create a workshop, read its public face, join it, its QR code, health."""

import io
import time

import segno
from flask import Blueprint, Response, current_app, jsonify, request
from flask_babel import get_locale

from ..domain import secrets
from ..domain.door import source_tag, waiting
from ..domain.errors import N_, bad_request
from ..domain.participant import clean_profile
from ..domain.ratelimit import (
    CREATE_WINDOW,
    check_create_key,
    parse_rate,
    server_full,
    too_many_creations,
)
from ..domain.workshop import clean_details, normalize_code
from ..i18n import translate
from .context import get_store
from .device import device_id
from .links import links

bp = Blueprint("api", __name__)


def json_body() -> dict:
    """Return the request's JSON object, or raise bad_request."""
    try:
        body = request.get_json(silent=True)
    except RecursionError:  # nested a thousand deep: not a body anyone means to send
        body = None
    if not isinstance(body, dict):
        raise bad_request(N_("Send a JSON object."))
    return body


@bp.post("/api/workshops")
def create_workshop():
    """Create a workshop and return its code, console key and links."""
    body, config, store = json_body(), current_app.config, get_store()
    check_create_key(config["CREATE_KEY"], body.pop("create_key", None))
    details = clean_details(body)
    if store.workshops.count() >= config["MAX_WORKSHOPS"]:
        raise server_full(config["MAX_WORKSHOPS"])
    address = request.remote_addr
    if address and not store.limits.count_creation(address, config["CREATE_LIMIT"],
                                                   CREATE_WINDOW):
        raise too_many_creations(config["CREATE_LIMIT"])
    key, screen = secrets.new_secret(), secrets.new_secret()
    # Without a language of its own, the workshop speaks its facilitator's: the page's
    # (?lang=, the cookie), else their browser's, else French.
    workshop = store.workshops.create(details, secrets.hash_secret(key), time.time(),
                                      screen_digest=secrets.hash_secret(screen),
                                      language=str(get_locale()))
    body = {"ok": True, "workshop": workshop.to_dict(), "console_key": key, "screen_key": screen,
            "links": links(workshop.code, key, screen)}
    return jsonify(body), 201, {"Cache-Control": "no-store"}


def organisations(workshop) -> list[str]:
    """Return the organisations a joining phone suggests: the workshop's and its people's."""
    people = get_store().participants.all(workshop.code)
    return sorted({*workshop.organisations, *(p.organisation for p in people if p.organisation)},
                  key=str.casefold)


@bp.get("/api/workshops/<code>")
def workshop_info(code: str):
    """Return what a phone needs before joining: theme, phase, language, organisations."""
    workshop = get_store().workshop_for(normalize_code(code), request.remote_addr)
    return jsonify(ok=True, workshop={
        "code": workshop.code, "theme": workshop.theme, "phase": workshop.phase,
        "language": workshop.language, "organisations": organisations(workshop),
    })


def join_workshop(workshop, payload: dict) -> tuple[dict, int]:
    """Come to `workshop`'s door with a name, organisation and language: the answer's
    body (the device's token, and the participant or the wait) and its HTTP status (the
    JSON API and the phone's plain form both join through here)."""
    profile = clean_profile(payload, default_language=workshop.language)
    token, store, code = secrets.new_secret(), get_store(), workshop.code
    device = device_id()
    continued = store.door.continuing(code, device, token)
    if continued is not None:
        return {"participant": continued.to_dict(), "token": token, "continued": True}, 200
    rate, size = parse_rate(current_app.config["JOIN_RATE"])
    address = request.remote_addr
    burst = bool(address) and not store.limits.take_join(address, rate, size)
    entry = store.door.enter(code, profile, token, time.time(), burst=burst, device=device,
                             source=source_tag(code, address, store.limits.salt()))
    if entry.participant is not None:
        return {"participant": entry.participant.to_dict(), "token": token}, 201
    return {"waiting": entry.waiting.to_dict(), "token": token,
            "message": translate(waiting().message, str(get_locale()))}, 202


@bp.post("/api/workshops/<code>/participants")
def join(code: str):
    """Join a workshop: returns the device token to keep, and the participant (201, or 200
    for a device that had joined) or the wait at the door (202)."""
    workshop = get_store().workshop_for(normalize_code(code), request.remote_addr)
    body, status = join_workshop(workshop, json_body())
    return jsonify({"ok": True, **body}), status, {"Cache-Control": "no-store"}


@bp.get("/w/<code>/qr.svg")
def qr(code: str):
    """Return the QR code of the workshop's join link, as SVG."""
    code = get_store().workshop_for(normalize_code(code), request.remote_addr).code
    out = io.BytesIO()
    segno.make(links(code)["join"], error="m").save(
        out, kind="svg", scale=10, border=2, dark="#1d1b16", light="#ffffff",
        xmldecl=False, svgclass="qr", title="QR",
    )
    return Response(out.getvalue(), mimetype="image/svg+xml",
                    headers={"Cache-Control": "private, max-age=300"})


@bp.get("/healthz")
def healthz():
    """Tell whether the app and its Redis are up."""
    up = get_store().healthy()
    return jsonify(ok=up, redis="up" if up else "down"), 200 if up else 503
