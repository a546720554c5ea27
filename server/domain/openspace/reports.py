"""A session's report (key points, recommendations, next steps with owners, who took
part), the breaking news it makes, and the amendment window before the proceedings are
final."""

from dataclasses import asdict, dataclass, field

from ..errors import N_, DomainError, bad_request, forbidden
from ..needs import Attended, InPhase, Need, NotFinal, OpenForAmendment, SessionExists
from ..text import clean_line, clean_list
from .sessions import Session, unknown_session

ITEMS_MAX = 20
ITEM_MAX = 300
OWNER_MAX = 80
COMMENT_MAX = 500
AMENDMENT_STATES = ("", "open", "final")
"""Before the window ("": reports may still be written), the window open (those who
attended comment), final (the proceedings are closed: nothing changes any more)."""


@dataclass(frozen=True)
class Report:
    """What a session's convener (or a volunteer) writes of it."""

    session: str
    key_points: list[str] = field(default_factory=list)
    recommendations: list[str] = field(default_factory=list)
    next_steps: list[dict] = field(default_factory=list)  # {"what", "owner"}
    participants: list[str] = field(default_factory=list)  # names, from the check-ins
    written_by: str = ""  # participant id, or "console"
    writer_name: str = ""
    saved_at: float = 0.0
    version: int = 1

    def to_dict(self) -> dict:
        """Return the JSON-ready form."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> "Report":
        """Rebuild a report from its stored form."""
        return cls(**{k: v for k, v in data.items() if k in cls.__dataclass_fields__})


@dataclass(frozen=True)
class Comment:
    """A participant's comment on a report they attended, during the amendment window."""

    id: str
    session: str
    author: str
    name: str
    text: str
    created_at: float = 0.0

    def to_dict(self) -> dict:
        """Return the JSON-ready form."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> "Comment":
        """Rebuild a comment from its stored form."""
        return cls(**{k: v for k, v in data.items() if k in cls.__dataclass_fields__})


def _steps(value) -> list[dict]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise DomainError("invalid", N_("This field must be a list."), field="next_steps")
    if len(value) > ITEMS_MAX:
        raise DomainError("too_many", N_("At most %(max)d items, please."), field="next_steps",
                          max=ITEMS_MAX)
    steps = []
    for row in value:
        if not isinstance(row, dict):
            raise bad_request()
        steps.append({
            "what": clean_line(row.get("what"), field="next_steps", max_len=ITEM_MAX),
            "owner": clean_line(row.get("owner") or None, field="next_steps",
                                max_len=OWNER_MAX, min_len=0),
        })
    return steps


def clean_report(payload) -> dict:
    """Return a report's key points, recommendations and next steps, checked."""
    if not isinstance(payload, dict):
        raise bad_request()
    out = {name: clean_list(payload.get(name), field=name, max_items=ITEMS_MAX,
                            max_len=ITEM_MAX)
           for name in ("key_points", "recommendations")}
    out["next_steps"] = _steps(payload.get("next_steps"))
    if not any(out.values()):
        raise DomainError("empty", N_("Write at least one key point."), field="key_points")
    return out


def clean_comment(payload) -> str:
    """Return a comment's text, checked."""
    if not isinstance(payload, dict):
        raise bad_request()
    return clean_line(payload.get("text"), field="text", max_len=COMMENT_MAX)


def check_amendment_state(value) -> str:
    """Return a known state of the amendment window."""
    if value not in AMENDMENT_STATES:
        raise bad_request(N_("Unknown state."))
    return value


def proceedings_final() -> DomainError:
    """Build the error for a change once the proceedings are final."""
    return DomainError("wrong_phase", N_("The proceedings are final."))


def _attended() -> DomainError:
    return forbidden(N_("Only those who took part in the session may do this."))


def writing(session: Session, pid: str | None) -> list[Need]:
    """What saving a session's report needs: the sessions running or the closing circle,
    the proceedings not final; and a convener, the console, or someone who took part."""
    needs: list[Need] = [
        InPhase(("cafe", "harvest"), DomainError(
            "wrong_phase", N_("Reports are written during and after the sessions."))),
        SessionExists(session.id, unknown_session()), NotFinal(proceedings_final())]
    if pid is not None and pid not in session.conveners:
        needs.append(Attended(pid, session.id, _attended()))
    return needs


def commenting(session: str, pid: str) -> list[Need]:
    """What commenting on a report needs: the amendment window open and having attended."""
    return [InPhase(("harvest",), DomainError(
                "wrong_phase", N_("Reports are commented on during the closing circle."))),
            OpenForAmendment(DomainError("wrong_phase", N_("The amendment window is closed."))),
            SessionExists(session, unknown_session()),
            Attended(pid, session, _attended())]


def amending(state: str) -> list[Need]:
    """What opening the amendment window needs: the closing circle (harvest)."""
    if state == "open":
        return [InPhase(("harvest",), DomainError(
            "wrong_phase", N_("The amendment window opens at the closing circle.")))]
    return []


def cross_steps(sessions: list[Session], reports: dict[str, Report]) -> list[dict]:
    """Every session's next steps in one list, in the grid's order, with their session."""
    out = []
    for s in sessions:
        report = reports.get(s.id)
        for step in report.next_steps if report else []:
            out.append({**step, "session": s.id, "title": s.title})
    return out
