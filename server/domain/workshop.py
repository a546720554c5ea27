"""A workshop: its report header, its language, its join code and its phase."""

import datetime as dt
import re
import zoneinfo
from dataclasses import asdict, dataclass, field
from functools import cache

from .errors import N_, DomainError, bad_request, conflict, not_found
from .needs import HasTables, InPhase, Need
from .secrets import CODE_ALPHABET, CODE_LENGTH
from .settings import Settings
from .text import clean_line, clean_list

PHASES = ("setup", "forum", "cafe", "harvest", "closed")
FORMATS = ("hybrid", "world-cafe", "forum-ouvert")
"""The formats a workshop is run in, chosen when it is created: the hybrid (a topic forum,
then the café: the default, and every workshop made before formats), a pure World Café
(the console makes the tables: no topic forum), a forum ouvert (Open Space: a marketplace
of sessions in spaces and slots, the law of two feet, a report per session)."""
FORMAT_PHASES = {
    "hybrid": PHASES,
    "world-cafe": ("setup", "cafe", "harvest", "closed"),
    # forum = the marketplace is open; cafe = the sessions run; harvest = the closing circle
    "forum-ouvert": PHASES,
}
LANGUAGES = ("fr", "en")
DETAIL_FIELDS = (
    "theme", "date", "place", "organisations", "animators", "members", "rapporteurs", "language",
    "timezone",
)
DEFAULT_TIMEZONES = {"fr": "Europe/Paris", "en": "UTC"}
"""The time zone of a workshop that names none, by its language."""
_CODE_RE = re.compile(f"^[{CODE_ALPHABET}]{{{CODE_LENGTH}}}$")


@dataclass(frozen=True)
class Workshop:
    """The public record of a workshop, as every surface sees it."""

    code: str
    theme: str
    date: str
    place: str = ""
    organisations: list[str] = field(default_factory=list)
    animators: list[str] = field(default_factory=list)
    members: list[str] = field(default_factory=list)
    rapporteurs: list[str] = field(default_factory=list)
    language: str = "fr"
    timezone: str = ""  # an IANA name ("Europe/Paris"); "" for workshops made before it
    phase: str = "setup"
    created_at: float = 0.0
    settings: dict = field(default_factory=dict)
    locked: bool = False  # no more notes or votes
    format: str = "hybrid"  # one of FORMATS, chosen at creation, never changed

    def to_dict(self) -> dict:
        """Return the JSON-ready form."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> "Workshop":
        """Rebuild a workshop from its stored form, ignoring unknown fields."""
        known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        return cls(**known)


def normalize_code(value) -> str:
    """Return a join code as stored (upper case, no spaces or dashes) or raise."""
    if not isinstance(value, str):
        raise DomainError("invalid_code", N_("A join code is 6 letters or digits."), field="code")
    code = re.sub(r"[\s-]", "", value).upper()
    if not _CODE_RE.match(code):
        raise DomainError("invalid_code", N_("A join code is 6 letters or digits."), field="code")
    return code


def check_language(value) -> str:
    """Return a supported language code or raise."""
    if value not in LANGUAGES:
        raise DomainError(
            "invalid_language", N_("The language must be French (fr) or English (en)."),
            field="language",
        )
    return value


@cache
def _zones() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


def check_timezone(value) -> str:
    """Return an IANA time zone name the server knows ("Europe/Paris"), or raise."""
    if not isinstance(value, str) or value.strip() not in _zones():
        raise DomainError("invalid_timezone",
                          N_("Unknown time zone: give a name such as Europe/Paris."),
                          field="timezone")
    return value.strip()


def timezone_of(timezone: str, language: str) -> str:
    """The time zone a workshop's times are told in: its own, else its language's."""
    return timezone or DEFAULT_TIMEZONES.get(language, "UTC")


def check_format(value) -> str:
    """Return a known workshop format or raise."""
    if value not in FORMATS:
        raise DomainError("invalid", N_("The format must be hybrid, world-cafe or forum-ouvert."),
                          field="format")
    return value


def phases_of(fmt: str) -> tuple[str, ...]:
    """The phases a workshop of that format goes through, in order."""
    return FORMAT_PHASES.get(fmt, PHASES)


def _check_date(value) -> str:
    if not isinstance(value, str):
        raise DomainError("invalid_date", N_("The date must look like 2013-04-04."), field="date")
    try:
        return dt.date.fromisoformat(value.strip()).isoformat()
    except ValueError:
        raise DomainError(
            "invalid_date", N_("The date must look like 2013-04-04."), field="date"
        ) from None


def clean_details(payload, *, partial: bool = False) -> dict:
    """Return a payload's workshop details, cleaned and checked (only those given if partial)."""
    if not isinstance(payload, dict):
        raise bad_request()
    if partial and "format" in payload:
        raise DomainError("invalid", N_("The format is chosen when the workshop is created."),
                          field="format")
    unknown = set(payload) - set(DETAIL_FIELDS) - {"format"}
    if unknown:
        raise bad_request(N_("Unknown field: %(name)s."), name=sorted(unknown)[0])
    if not partial:
        missing = {"theme", "date"} - set(payload)
        if missing:
            name = sorted(missing)[0]
            raise DomainError("empty", N_("This field cannot be empty."), field=name)
    out: dict = {}
    for name, value in payload.items():
        if name == "theme":
            out[name] = clean_line(value, field=name, max_len=200)
        elif name == "place":
            out[name] = clean_line(value, field=name, max_len=200, min_len=0)
        elif name == "date":
            out[name] = _check_date(value)
        elif name == "language":
            out[name] = check_language(value)
        elif name == "timezone":
            out[name] = check_timezone(value)
        elif name == "format":
            out[name] = check_format(value)
        else:
            out[name] = clean_list(value, field=name, max_items=50, max_len=100)
    return out


def new_workshop(code: str, details: dict, now: float, language: str = "fr") -> Workshop:
    """Return a workshop in the setup phase from cleaned details; without a language of
    its own it speaks `language`, the one its facilitator uses, and without a time zone
    it takes its language's."""
    details = {"language": check_language(language), **details}
    details.setdefault("timezone", timezone_of("", details["language"]))
    return Workshop(code=code, created_at=now, settings=Settings().to_dict(), **details)


def check_phase_move(current: str, target, fmt: str = "hybrid") -> str:
    """Return the target phase if it is one step forward or back from the current one,
    in the phases of the workshop's format."""
    phases = phases_of(fmt)
    if target not in phases:
        raise DomainError("invalid_phase", N_("Unknown phase."), field="phase")
    if current not in phases or abs(phases.index(target) - phases.index(current)) != 1:
        raise DomainError(
            "invalid_phase", N_("The phase moves one step at a time."), field="phase"
        )
    return target


def unknown_workshop(code: str) -> DomainError:
    """Build the error for a join code that leads nowhere."""
    return not_found(N_("No workshop has the code %(code)s."), code=code)


def workshop_gone() -> DomainError:
    """Build the error for a workshop deleted while someone was changing it."""
    return not_found(N_("This workshop no longer exists."))


def no_free_code() -> DomainError:
    """Build the error for the (unlikely) moment no free join code is found."""
    return DomainError("unavailable", N_("No free join code was found; please try again."))


def moving(current: str, target: str, fmt: str = "hybrid") -> list[Need]:
    """What moving from phase `current` to `target` needs: nobody moved it meanwhile, and
    a table to sit at before the café (a session, in a forum ouvert)."""
    needs: list[Need] = [InPhase((current,), conflict(
        N_("The phase has just been changed by someone else.")))]
    if target == "cafe" and fmt == "forum-ouvert":
        needs.append(HasTables(DomainError(
            "wrong_phase", N_("Convene at least one session before the sessions start."))))
    elif target == "cafe" and fmt == "world-cafe":
        needs.append(HasTables(DomainError(
            "wrong_phase", N_("Add at least one table before the café starts."))))
    elif target == "cafe":
        needs.append(HasTables(DomainError(
            "wrong_phase", N_("Keep at least one topic as a table before the café starts."))))
    return needs


def check_deletion(payload, code: str) -> None:
    """Refuse deleting a workshop unless its code is typed to confirm."""
    if not isinstance(payload, dict) or payload.get("confirm") != code:
        raise DomainError(
            "confirmation_needed", N_("Type the workshop's code to confirm the deletion."),
            field="confirm",
        )


def not_an_archive() -> DomainError:
    """Build the error for a file that is not a workshop exported by this tool."""
    return DomainError("invalid", N_("This file is not a workshop exported by this tool."))


def code_taken(code: str) -> DomainError:
    """Build the error for an import whose join code is used by a workshop already."""
    return conflict(N_("A workshop with the code %(code)s already exists."), code=code)
