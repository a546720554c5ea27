"""The synthesis: per topic the retained ideas, the answers to its sub-questions, a
summary and the ideas not developed; for the workshop, the next steps.

Every item is edited on its own and carries a version: an edit based on an older
version is refused with the current item, so that two people never silently
overwrite each other.
"""

import datetime as dt
from dataclasses import asdict, dataclass, field, replace

from .errors import N_, DomainError, bad_request, conflict, forbidden, not_found
from .participant import WRITERS
from .text import clean_line, clean_text

SECTIONS = ("retained", "undeveloped")
STATUSES = ("proposed", "kept", "dropped")
IDEA_MAX = 500
BODY_MAX = 5000
STEP_MAX = 300
OWNER_MAX = 100


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
    organisations: int = 0  # for ideas drawn from notes: organisations behind their dots
    note: str | None = None  # the note an idea came from
    group: list[str] = field(default_factory=list)  # near-identical notes accepted as one
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
        out["text"] = clean_text(payload.get("text"), field="text", max_len=STEP_MAX)
    if "owner" in payload:
        out["owner"] = clean_line(payload["owner"] or None, field="owner", max_len=OWNER_MAX,
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
    return role in WRITERS or (pid is not None and host == pid)


def check_writer(phase: str, role: str, pid: str | None, host: str | None) -> None:
    """Refuse writing a topic's synthesis to anyone but its host, a rapporteur, an
    animator or the console, and to anyone but the console once closed."""
    check_open(phase, role)
    if not may_write(role, pid, host):
        raise forbidden(N_("Only the table's host, a rapporteur or an animator can do this."))


def unknown_item() -> DomainError:
    """Build the error for an item of the synthesis that no longer exists."""
    return not_found(N_("This part of the synthesis no longer exists."))


def changed_meanwhile() -> DomainError:
    """Build the error for an edit made on a version someone else replaced."""
    return conflict(N_("Someone changed this meanwhile; here is the current version."))


def already_in() -> DomainError:
    """Build the error for an item added twice."""
    return conflict(N_("This is already in the synthesis."))


def check_kind(item: Item | None, kind: str) -> Item:
    """Return an item of the expected kind, or refuse it as gone."""
    if item is None or item.kind != kind:
        raise unknown_item()
    return item


def idea_changes(payload) -> dict:
    """Return what an idea edit changes: its text, its section, its place."""
    if not isinstance(payload, dict):
        raise bad_request()
    changes: dict = {}
    if "text" in payload:
        changes["text"] = clean_idea(payload["text"])
    if "section" in payload:
        changes["section"] = check_section(payload["section"])
    if "order" in payload:
        order = payload["order"]
        if not isinstance(order, int | float) or isinstance(order, bool):
            raise DomainError("invalid", N_("The position must be a number."), field="order")
        changes["order"] = float(order)
    if not changes:
        raise bad_request()
    return changes


MERGE_MAX = 50


def merge_keys(payload, into: str) -> list[str]:
    """Return the keys of the ideas merged into `into`, checked (distinct, not itself)."""
    keys = payload.get("from") if isinstance(payload, dict) else None
    if (not isinstance(keys, list) or not keys or len(keys) > MERGE_MAX or into in keys
            or not all(isinstance(k, str) for k in keys) or len(set(keys)) != len(keys)):
        raise bad_request(N_("Say which ideas to merge."))
    return keys


def merged(into: Item, gone: list[Item], payload: dict, now: float) -> Item:
    """Return one idea for several of one topic, with a text for the whole; dots add up."""
    if any(item.table != into.table for item in gone):
        raise DomainError("invalid", N_("Only ideas of one topic can be merged."))
    text = clean_idea(payload["text"]) if "text" in payload else "\n".join(
        [into.text, *(item.text for item in gone)])[:IDEA_MAX]
    return edit(into, payload, {"text": text, "votes": into.votes + sum(i.votes for i in gone),
                                "note": None}, now)


def fill_count(payload) -> int:
    """Return how many of a topic's most voted notes to retain (1 to 20)."""
    top = payload.get("top", 5) if isinstance(payload, dict) else 5
    if not isinstance(top, int) or isinstance(top, bool) or not 1 <= top <= 20:
        raise DomainError("invalid", N_("A whole number from %(low)d to %(high)d."),
                          field="top", low=1, high=20)
    return top


def check_question(question, questions: set[str]) -> None:
    """Refuse writing the answer to a sub-question the topic does not have."""
    if question not in questions:
        raise not_found(N_("This question no longer exists."))


def check_step_writer(item: Item, pid: str | None, role: str) -> None:
    """Refuse changing a next step to anyone but its author, a rapporteur, an animator or
    the console."""
    if role not in WRITERS and item.author != pid:
        raise forbidden()


GROUP_MAX = 20


def group_of(payload) -> list[tuple[str, str]]:
    """Return the (table, note) pairs of a group of near-identical notes accepted as one
    idea, checked (two to GROUP_MAX distinct notes)."""
    notes = payload.get("notes") if isinstance(payload, dict) else None
    if (not isinstance(notes, list) or not 2 <= len(notes) <= GROUP_MAX
            or not all(isinstance(n, dict) and isinstance(n.get("table"), str)
                       and isinstance(n.get("note"), str) for n in notes)):
        raise bad_request(N_("Say which notes (two or more), at which tables."))
    pairs = [(n["table"], n["note"]) for n in notes]
    if len({note for _, note in pairs}) != len(pairs):
        raise bad_request(N_("Say which notes (two or more), at which tables."))
    return pairs


def check_group(item: Item) -> Item:
    """Return an idea made of several notes, or refuse to split one that is not."""
    if not item.group:
        raise DomainError("invalid", N_("This idea is not made of several notes."))
    return item
