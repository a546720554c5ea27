"""Which HTTP status answers which broken rule."""

from ..domain.errors import DomainError

STATUS = {
    "not_found": 404, "forbidden": 403, "unauthorized": 401, "wrong_phase": 409,
    "conflict": 409, "unavailable": 503, "unconfirmed": 503, "rate_limited": 429,
    "unknown_host": 400, "locked_out": 403, "lobby_full": 503, "server_full": 503,
}


def http_status(error: DomainError) -> int:
    """Return the HTTP status for a domain error (400 for bad input of any kind)."""
    return STATUS.get(error.code, 400)
