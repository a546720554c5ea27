"""Tables: one per kept topic, with a number, a host who stays, and sub-questions."""

from dataclasses import asdict, dataclass

from .errors import N_, DomainError, bad_request
from .text import clean_line

QUESTION_MAX = 200
DEFAULT_CAPACITY = 12


@dataclass(frozen=True)
class Table:
    """A table of the café: a topic, a host, a capacity."""

    id: str
    number: int
    title: str
    topic: str | None = None
    host: str | None = None
    capacity: int = DEFAULT_CAPACITY
    host_name: str = ""  # kept with the table so that phones need no list of participants

    def to_dict(self) -> dict:
        """Return the JSON-ready form."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> "Table":
        """Rebuild a table from its stored form."""
        return cls(**{k: v for k, v in data.items() if k in cls.__dataclass_fields__})


@dataclass(frozen=True)
class Question:
    """A sub-question of a table's topic, under which notes gather."""

    id: str
    table: str
    text: str
    created_at: float = 0.0

    def to_dict(self) -> dict:
        """Return the JSON-ready form."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> "Question":
        """Rebuild a question from its stored form."""
        return cls(**{k: v for k, v in data.items() if k in cls.__dataclass_fields__})


def clean_table_changes(payload) -> dict:
    """Return the title, host or capacity a console payload sets on a table, checked."""
    if not isinstance(payload, dict):
        raise bad_request()
    out: dict = {}
    if "title" in payload:
        out["title"] = clean_line(payload["title"], field="title", max_len=120)
    if "host" in payload:
        host = payload["host"]
        if host is not None and not isinstance(host, str):
            raise DomainError("invalid", N_("Unknown participant."), field="host")
        out["host"] = host or None
    if "capacity" in payload:
        capacity = payload["capacity"]
        if not isinstance(capacity, int) or isinstance(capacity, bool) or not 1 <= capacity <= 500:
            raise DomainError("invalid", N_("A whole number from %(low)d to %(high)d."),
                              field="capacity", low=1, high=500)
        out["capacity"] = capacity
    if not out:
        raise bad_request()
    return out


def clean_question(payload) -> str:
    """Return the text of a sub-question payload, checked."""
    if not isinstance(payload, dict):
        raise bad_request()
    return clean_line(payload.get("text"), field="text", max_len=QUESTION_MAX)


def may_tend(table: Table, pid: str | None, role: str) -> bool:
    """Tell whether someone may tidy a table: its host, an animator, or the console."""
    return role in ("console", "animator") or (pid is not None and table.host == pid)
