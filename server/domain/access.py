"""Who may connect, and as what: the auth payload of a Socket.IO connection, checked."""

from .errors import N_, DomainError, bad_request
from .participant import Participant
from .secrets import secret_matches, well_formed_secret
from .workshop import LANGUAGES, normalize_code

SURFACES = ("participant", "screen", "console")


def read_auth(auth) -> tuple[str, str, str | None]:
    """Return (join code, surface, language or None) from a connection's auth payload."""
    if not isinstance(auth, dict):
        raise bad_request(N_("Connect with {code, role} in the auth payload."))
    code = normalize_code(auth.get("code"))
    role = auth.get("role")
    if role not in SURFACES:
        raise bad_request(N_("The role must be participant, screen or console."))
    lang = auth.get("lang") if auth.get("lang") in LANGUAGES else None
    return code, role, lang


def check_console_key(key, digest: str | None) -> None:
    """Refuse a console key that does not match the workshop's."""
    if not well_formed_secret(key) or not secret_matches(key, digest or ""):
        raise DomainError("unauthorized", N_("This console link is not valid."))


def device_token(token) -> str | None:
    """Return a device token worth looking up, or None for one that cannot be valid."""
    return token if well_formed_secret(token) else None


def check_device(participant: Participant | None) -> Participant:
    """Return the participant a device token belongs to, or refuse the device."""
    if participant is None:
        raise DomainError("not_joined", N_("Join the workshop first."))
    return participant
