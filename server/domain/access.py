"""Who may connect, and as what; and what a participant may do once connected."""

from collections.abc import Callable
from dataclasses import dataclass

from .errors import N_, DomainError, bad_request, forbidden, not_an_object
from .participant import TENDERS, WRITERS, Participant, may_scribe
from .rounds import Rounds
from .secrets import secret_matches, well_formed_secret
from .voting import Voting
from .workshop import LANGUAGES, normalize_code

SURFACES = ("participant", "screen", "console", "preview")


def check_surface(role: str, allowed) -> None:
    """Refuse an event that the caller's surface may not send."""
    if role not in allowed:
        raise forbidden()


def check_payload(data) -> dict:
    """Return an event's payload as an object (none sent: an empty one), or refuse it."""
    if data is not None and not isinstance(data, dict):
        raise not_an_object()
    return data or {}


def read_auth(auth) -> tuple[str, str, str | None]:
    """Return (join code, surface, language or None) from a connection's auth payload."""
    if not isinstance(auth, dict):
        raise bad_request(N_("Connect with {code, role} in the auth payload."))
    code = normalize_code(auth.get("code"))
    role = auth.get("role")
    if role not in SURFACES:
        raise bad_request(N_("The role must be participant, screen, console or preview."))
    lang = auth.get("lang") if auth.get("lang") in LANGUAGES else None
    return code, role, lang


def check_console_key(key, digest: str | None) -> None:
    """Refuse a console key that does not match the workshop's."""
    if not well_formed_secret(key) or not secret_matches(key, digest or ""):
        raise DomainError("unauthorized", N_("This console link is not valid."))


def check_screen_key(key, digest: str | None) -> None:
    """Refuse a screen whose key does not match the workshop's screen link: the join code is
    on the wall, the roster and the seating plan are not for everyone in the room."""
    if not digest or not well_formed_secret(key) or not secret_matches(key, digest):
        raise DomainError("unauthorized", N_(
            "This screen link is not valid: open the screen from the console."))


def preview_table(auth: dict) -> str:
    """Return the table a preview connection looks at (its auth's "table"), or refuse."""
    table = auth.get("table")
    if not isinstance(table, str) or not table:
        raise bad_request(N_("Say which %(name)s."), name="table")
    return table


def device_token(token) -> str | None:
    """Return a device token worth looking up, or None for one that cannot be valid."""
    return token if well_formed_secret(token) else None


def check_device(participant: Participant | None) -> Participant:
    """Return the participant a device token belongs to, or refuse the device."""
    if participant is None:
        raise DomainError("not_joined", N_("Join the workshop first."))
    return participant


@dataclass(frozen=True)
class Viewer:
    """A participant as sync sees them: where they sit, what they host, the vote and the
    rounds that decide what they follow and may do, their plan."""

    participant: Participant
    seat: str | None
    hosted: str | None
    voting: Voting
    rounds: Rounds
    plan: dict[str, str]

    def followed_tables(self, tables: Callable[[], list[str]]) -> list[str]:
        """The tables this phone follows: those it may vote on while voting, else its own
        (`tables()` is read only for a vote of the whole café)."""
        if self.voting.open:
            return self.voting.tables_for(self.seat, tables() if self.voting.everywhere else [])
        return [self.seat] if self.seat else []

    def capabilities(self) -> dict:
        """What this participant may do now, as the page is told (it copies no rule): the
        tables they tidy and whose synthesis they write ("all" or a list), whether they
        edit every next step or their own, whether they choose their own table (sync adds
        `vote_on`: the tables they follow while a vote is open)."""
        pid, role = self.participant.id, self.participant.role
        mine = [self.hosted] if self.hosted else []
        return {
            "tend": "all" if role in TENDERS else mine,
            "write_synthesis": "all" if role in WRITERS else mine,
            "edit_steps": "all" if role in WRITERS else "own",
            "choose_table": not self.plan and self.hosted is None and pid is not None,
            "scribe": may_scribe(role, self.hosted),
        }


def staff_capabilities(role: str) -> dict:
    """What the console may do (everything); the screen and a preview (the console looking
    as a participant would) nothing but look."""
    console = role == "console"
    return {"tend": "all" if console else [], "write_synthesis": "all" if console else [],
            "edit_steps": "all" if console else "none", "choose_table": False, "vote_on": [],
            "scribe": "all" if console else []}
