"""The synthesis: per topic the retained ideas, the answers to its sub-questions, a
summary and the ideas not developed; for the workshop, the next steps.

Every item is edited on its own and carries a version: an edit based on an older
version is refused with the current item, so that two people never silently
overwrite each other.
"""

import datetime as dt
from dataclasses import asdict, dataclass, replace

from .errors import N_, DomainError, bad_request
from .text import clean_line, clean_text

SECTIONS = ("retained", "undeveloped")
STATUSES = ("proposed", "kept", "dropped")
IDEA_MAX = 500
BODY_MAX = 5000


@dataclass(frozen=True)
class Item:
    """One piece of the synthesis. `key` names it: idea:<id>, answer:<table>:<question>,
    summary:<table> or step:<id>."""

    key: str
    table: str | None = None
    kind: str = "idea"  # idea | answer | summary | step
    section: str = "retained"  # for ideas
    question: str | None = None  # for answers
    text: str = ""
    votes: int = 0  # for ideas drawn from a note: its dots
    note: str | None = None  # the note an idea came from
    owner: str = ""  # for steps
    due: str = ""  # for steps: an ISO date, or ""
    status: str = "proposed"  # for steps
    author: str | None = None  # who proposed a step (participant id)
    order: float = 0.0
    version: int = 1
    updated_at: float = 0.0

    def to_dict(self) -> dict:
        """Return the JSON-ready form."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> "Item":
        """Rebuild an item from its stored form."""
        return cls(**{k: v for k, v in data.items() if k in cls.__dataclass_fields__})


def idea_key(idea_id: str) -> str:
    """The key of an idea."""
    return f"idea:{idea_id}"


def answer_key(table: str, question: str) -> str:
    """The key of the answer to a sub-question."""
    return f"answer:{table}:{question}"


def summary_key(table: str) -> str:
    """The key of a topic's summary."""
    return f"summary:{table}"


def step_key(step_id: str) -> str:
    """The key of a next step."""
    return f"step:{step_id}"


def clean_idea(value) -> str:
    """Return the text of an idea, checked (one paragraph, 1-500 characters)."""
    return clean_text(value, field="text", max_len=IDEA_MAX)


def clean_body(value) -> str:
    """Return a summary or an answer, checked (0-5000 characters, lines kept)."""
    if value == "":
        return ""
    return clean_text(value, field="text", max_len=BODY_MAX)


def check_section(value) -> str:
    """Return a section of ideas, or raise."""
    if value not in SECTIONS:
        raise DomainError("invalid", N_("Unknown section."), field="section")
    return value


def clean_step(payload, *, partial: bool = False) -> dict:
    """Return the text, owner and due date of a next step, checked."""
    if not isinstance(payload, dict):
        raise bad_request()
    out: dict = {}
    if not partial or "text" in payload:
        out["text"] = clean_text(payload.get("text"), field="text", max_len=300)
    if "owner" in payload:
        out["owner"] = clean_line(payload["owner"] or None, field="owner", max_len=100,
                                  min_len=0)
    if "due" in payload:
        due = payload["due"] or ""
        if due:
            try:
                due = dt.date.fromisoformat(str(due)).isoformat()
            except ValueError:
                raise DomainError("invalid_date", N_("The date must look like 2013-04-04."),
                                  field="due") from None
        out["due"] = due
    if not out:
        raise bad_request()
    return out


def check_status(value) -> str:
    """Return a next step's status, or raise."""
    if value not in STATUSES:
        raise DomainError("invalid", N_("Unknown status."), field="status")
    return value


def edit(item: Item, payload: dict, changes: dict, now: float) -> Item:
    """Return the item changed, one version later, if the edit is based on its version."""
    base = payload.get("version")
    if base is not None and base != item.version:
        raise DomainError(
            "conflict", N_("Someone changed this meanwhile; here is the current version."),
            details={"current": item.to_dict()},
        )
    return replace(item, **changes, version=item.version + 1, updated_at=now)


def check_open(phase: str, role: str) -> None:
    """Refuse a change to the synthesis once the workshop is closed, except from the
    console: the facilitator may still polish the report."""
    if phase == "closed" and role != "console":
        raise DomainError("closed", N_("The workshop is closed: only the facilitator can still "
                                       "change the synthesis."))


def may_write(role: str, pid: str | None, host: str | None) -> bool:
    """Whether someone may edit a topic's synthesis: its host, a rapporteur, an animator,
    or the console."""
    return role in ("console", "rapporteur", "animator") or (pid is not None and host == pid)
