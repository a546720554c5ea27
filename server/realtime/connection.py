"""Who may connect: a participant's device token, the screen, or the console key."""

from ..domain.errors import N_, DomainError, bad_request
from ..domain.secrets import secret_matches
from ..domain.workshop import LANGUAGES, normalize_code
from ..store import Store
from .handlers import Caller


def authenticate(store: Store, auth, address: str | None = None) -> Caller:
    """Return the caller an auth payload proves, or raise a DomainError saying why not."""
    if not isinstance(auth, dict):
        raise bad_request(N_("Connect with {code, role} in the auth payload."))
    code = normalize_code(auth.get("code"))
    workshop = store.workshop_for(code, address)
    lang = auth.get("lang") if auth.get("lang") in LANGUAGES else None
    role = auth.get("role")
    if role == "screen":
        return Caller(code, "screen", lang=lang or workshop.language)
    if role == "console":
        key = auth.get("key")
        digest = store.workshops.console_digest(code)
        if not isinstance(key, str) or not secret_matches(key, digest):
            raise DomainError("unauthorized", N_("This console link is not valid."))
        return Caller(code, "console", lang=lang or workshop.language)
    if role == "participant":
        participant = store.participants.by_token(code, auth.get("token"))
        if participant is None:
            raise DomainError("not_joined", N_("Join the workshop first."))
        return Caller(code, "participant", participant.id, lang=lang or participant.language)
    raise bad_request(N_("The role must be participant, screen or console."))
