"""Who may connect: a participant's device token, the screen, or the console key."""

from ..domain import access, door
from ..store import Store
from .handlers import PREVIEW, Caller


def authenticate(store: Store, auth, address: str | None = None) -> Caller:
    """Return the caller an auth payload proves, or raise a DomainError saying why not."""
    code, role, lang = access.read_auth(auth)
    workshop = store.workshop_for(code, address)
    if role in ("console", PREVIEW):
        access.check_console_key(auth.get("key"), store.workshops.console_digest(code))
    elif role == "screen":
        access.check_screen_key(auth.get("key"), store.workshops.screen_digest(code))
    if role == PREVIEW:  # the console, looking at one table as a participant there would
        table = store.tables.require(code, access.preview_table(auth))
        return Caller(code, role, lang=lang or workshop.language, table=table.id)
    if role != "participant":
        return Caller(code, role, lang=lang or workshop.language)
    token = access.device_token(auth.get("token"))
    participant = store.participants.by_token(code, token) if token else None
    if participant is None and token:  # still at the door, or turned away there
        door.check_standing(store.door.standing(code, token))
    participant = access.check_device(participant)
    return Caller(code, "participant", participant.id, lang=lang or participant.language)
