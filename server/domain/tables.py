"""Tables: one per kept topic, with a number, a host who stays, and sub-questions."""

from dataclasses import asdict, dataclass, replace

from .errors import N_, DomainError, bad_request, forbidden, not_found
from .needs import Below, HostsNoOtherTable, Need, ParticipantExists, PlanNotShown, TableExists
from .participant import TENDERS, unknown_participant
from .text import clean_line

QUESTION_MAX = 200
TITLE_MAX = 120
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
        out["title"] = clean_line(payload["title"], field="title", max_len=TITLE_MAX)
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


def clean_table_title(payload) -> str:
    """Return the title of a new table, checked."""
    if not isinstance(payload, dict):
        raise bad_request()
    return clean_line(payload.get("title"), field="title", max_len=TITLE_MAX)


def table_choice(payload) -> str | None:
    """Return the table a payload chooses to sit at (None: at no table)."""
    table = payload.get("table") if isinstance(payload, dict) else None
    if table is not None and not isinstance(table, str):
        raise bad_request(N_("Say which table."))
    return table


def clean_question(payload) -> str:
    """Return the text of a sub-question payload, checked."""
    if not isinstance(payload, dict):
        raise bad_request()
    return clean_line(payload.get("text"), field="text", max_len=QUESTION_MAX)


def may_tend(table: Table, pid: str | None, role: str) -> bool:
    """Tell whether someone may tidy a table: its host, an animator, or the console."""
    return role in TENDERS or (pid is not None and table.host == pid)


def check_tend(table: Table, pid: str | None, role: str) -> None:
    """Refuse tidying a table (questions, others' notes) to anyone who may not."""
    if not may_tend(table, pid, role):
        raise forbidden(N_("Only the table's host or an animator can do this."))


def unknown_table() -> DomainError:
    """Build the error for a table that does not exist."""
    return not_found(N_("This table does not exist."))


def unknown_question() -> DomainError:
    """Build the error for a sub-question that does not exist (any more)."""
    return not_found(N_("This question no longer exists."))


def table_full() -> DomainError:
    """Build the error for a table that has no seat left."""
    return DomainError("table_full", N_("This table is full."))


def check_room(table: Table, seated: int) -> None:
    """Refuse a table with no seat left, before anything is written (the seat's own guard
    checks again, atomically)."""
    if seated >= table.capacity:
        raise table_full()


def host_stays() -> DomainError:
    """Build the error for a host leaving the table they host."""
    return DomainError("host_stays", N_("A host stays at their table."))


def hosting(pid: str, table: str) -> list[Need]:
    """What making someone a table's host needs: still in the workshop, and hosting no
    other table (one person hosts one table, whoever names them)."""
    return [ParticipantExists(pid, unknown_participant()),
            HostsNoOtherTable(pid, table, DomainError(
                "host_elsewhere", N_("This person already hosts another table."), field="host"))]


def volunteer(table: Table, pid: str) -> Table:
    """Return the table with a participant offering to host it, if it has no other host."""
    if table.host and table.host != pid:
        raise DomainError("host_taken", N_("This table already has a host."))
    return replace(table, host=pid)


def seating(pid: str, table: Table | None, *, by_console: bool = False) -> list[Need]:
    """What sitting at a table (None: at none) needs: a host stays at their table, a
    table has a seat left, and, unless the console seats them, no plan shown gives seats."""
    needs: list[Need] = [ParticipantExists(pid, unknown_participant()),
                         HostsNoOtherTable(pid, table.id if table else None, host_stays())]
    if not by_console:
        needs.append(PlanNotShown(DomainError(
            "planned", N_("The rounds' plan gives you your table."))))
    if table is not None:
        needs += [TableExists(table.id, unknown_table()),
                  Below("seated", table.id, table.capacity, table_full())]
    return needs


def departure(pid: str) -> list[Need]:
    """What unseating someone who left needs (a host who left is unseated too)."""
    return [ParticipantExists(pid, unknown_participant())]
