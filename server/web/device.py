"""The device cookie: one browser, one person per workshop.

A phone keeps its token in its own storage; the server also gives each browser a random
device id in an HttpOnly cookie (never readable by a page's script, never the token).
A second join from a browser that already joined a workshop continues as the same
participant, with a new token: clearing the page's storage makes no second person.
"""

from flask import Response, g, request

from ..domain.secrets import new_secret, well_formed_secret

COOKIE = "cafe_device"
LIFETIME = 30 * 24 * 3600  # a month: past a workshop's day, not a tracking id for years


def device_id() -> str:
    """Return this browser's device id, making one (sent with the answer) if it has none."""
    value = request.cookies.get(COOKIE)
    if well_formed_secret(value):
        return value
    g.new_device = g.get("new_device") or new_secret()
    return g.new_device


def remember_device(response: Response) -> Response:
    """Give a browser the device id made while answering it."""
    if g.get("new_device"):
        response.set_cookie(COOKIE, g.new_device, max_age=LIFETIME, httponly=True,
                            samesite="Lax", secure=request.is_secure)
    return response
