"""A participant: who they are, where they come from, what they may do."""

from dataclasses import asdict, dataclass

from .errors import N_, DomainError, bad_request, forbidden, not_found
from .needs import InPhase, Need, WorkshopExists
from .text import clean_line
from .workshop import PHASES, check_language, unknown_workshop

ROLES = ("participant", "host", "rapporteur", "animator")
TENDERS = ("console", "animator")
"""Who tidies every table (questions, others' notes), besides each table's host."""
WRITERS = ("console", "rapporteur", "animator")
"""Who writes every topic's synthesis and every next step, besides hosts and authors."""
NAME_MAX = 60
ORGANISATION_MAX = 100


@dataclass(frozen=True)
class Participant:
    """A person in the room, known by a device token rather than an account."""

    id: str
    name: str
    organisation: str = ""
    role: str = "participant"
    language: str = "fr"
    joined_at: float = 0.0
    present: bool = True  # the facilitator marks who has left: they are not seated
    phone: bool = True  # False: someone without a phone, for whom a scribe writes

    def to_dict(self) -> dict:
        """Return the JSON-ready form."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> "Participant":
        """Rebuild a participant from its stored form, ignoring unknown fields."""
        return cls(**{k: v for k, v in data.items() if k in cls.__dataclass_fields__})


def clean_profile(payload, *, default_language: str) -> dict:
    """Return the name, organisation and language of a join or profile payload, checked."""
    if not isinstance(payload, dict):
        raise bad_request()
    return {
        "name": clean_line(payload.get("name"), field="name", max_len=NAME_MAX),
        "organisation": clean_line(
            payload.get("organisation") or None, field="organisation",
            max_len=ORGANISATION_MAX, min_len=0,
        ),
        "language": check_language(payload.get("language") or default_language),
    }


def check_role(value) -> str:
    """Return a known role or raise."""
    if value not in ROLES:
        raise DomainError("invalid_role", N_("Unknown role."), field="role")
    return value


def unknown_participant() -> DomainError:
    """Build the error for a participant who is not (or no longer) in the workshop."""
    return not_found(N_("This participant is not in the workshop."))


def not_joined() -> DomainError:
    """Build the error for a device whose participant left or was removed."""
    return DomainError("not_joined", N_("You are no longer in this workshop."))


def check_member(participant: "Participant | None") -> "Participant":
    """Return a caller's participant, or refuse one who is no longer in the workshop."""
    if participant is None:
        raise not_joined()
    return participant


def joining(code: str) -> list[Need]:
    """What joining needs: the workshop, not closed."""
    return [WorkshopExists(unknown_workshop(code)),
            InPhase(tuple(p for p in PHASES if p != "closed"), DomainError(
                "wrong_phase", N_("This workshop is closed; it no longer takes participants.")))]


def check_scribe(scribe: Participant, target: Participant | None, hosted: str | None,
                 table: str | None) -> None:
    """Refuse writing for someone else unless they have no phone and the scribe is the
    host of the table concerned (`hosted == table`), a rapporteur or an animator."""
    if target is None:
        raise unknown_participant()
    if target.phone:
        raise forbidden(N_("One writes only for someone who has no phone."))
    if scribe.role in WRITERS or (table is not None and hosted == table):
        return
    raise forbidden(N_("Only a table's host or a rapporteur writes for someone without a "
                       "phone."))


def may_scribe(role: str, hosted: str | None) -> str | list[str]:
    """Where someone may write for people without a phone: "all", or the table they host."""
    if role in WRITERS:
        return "all"
    return [hosted] if hosted else []


def check_may_scribe(role: str, hosted: str | None) -> None:
    """Refuse adding or listing people without a phone to anyone but a scribe."""
    if not may_scribe(role, hosted):
        raise forbidden(N_("Only a table's host or a rapporteur writes for someone without a "
                           "phone."))


def check_scribe_at(role: str, hosted: str | None, table: str) -> None:
    """Refuse seating someone without a phone at a table where one may not write for them."""
    where = may_scribe(role, hosted)
    if where != "all" and table not in where:
        raise forbidden(N_("Only a table's host or a rapporteur writes for someone without a "
                           "phone."))


def placed_at(payload) -> str | None:
    """Return the table where someone added without a phone sits at once ("table"), if
    any."""
    table = payload.get("table") if isinstance(payload, dict) else None
    if table is not None and not isinstance(table, str):
        raise bad_request(N_("Say which %(name)s."), name="table")
    return table
