"""A participant: who they are, where they come from, what they may do."""

from dataclasses import asdict, dataclass

from .errors import N_, DomainError, bad_request, not_found
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
