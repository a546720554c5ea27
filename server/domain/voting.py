"""Dot voting: who may put how many dots on which notes, and the results."""

from dataclasses import asdict, dataclass, replace

from .errors import N_, DomainError, bad_request


@dataclass(frozen=True)
class Voting:
    """The state of the vote: open or not, where, how many dots, shown or hidden."""

    open: bool = False
    table: str | None = None  # None: every table of the café
    at_seat: bool = False  # each person votes on the notes of the table where they sit
    budget: int = 5  # dots per participant
    cap: int = 3  # dots one participant may put on one note
    hidden: bool = False  # counts stay hidden until the reveal
    revealed: bool = False

    def to_dict(self) -> dict:
        """Return the JSON-ready form."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict | None) -> "Voting":
        """Rebuild from the stored form."""
        return cls(**{k: v for k, v in (data or {}).items() if k in cls.__dataclass_fields__})

    @property
    def counts_shown(self) -> bool:
        """Whether everyone sees how many dots each note has."""
        return not self.hidden or self.revealed

    def covers(self, table: str) -> bool:
        """Whether notes of `table` take dots (from someone sitting there, when `at_seat`)."""
        return self.table is None or self.table == table

    def tables_for(self, seat: str | None, tables: list[str]) -> list[str]:
        """Return the tables whose notes a participant sitting at `seat` may vote on."""
        if self.at_seat:
            return [seat] if seat else []
        return sorted(tables) if self.table is None else [self.table]


def _whole(value, field: str, low: int, high: int) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
        raise DomainError("invalid", N_("A whole number from %(low)d to %(high)d."),
                          field=field, low=low, high=high)
    return value


def open_voting(payload, tables: set[str]) -> Voting:
    """Return an open vote from the console's settings, checked."""
    if not isinstance(payload, dict):
        raise bad_request()
    table = payload.get("table")
    if table is not None and (not isinstance(table, str) or table not in tables):
        raise DomainError("not_found", N_("This table does not exist."), field="table")
    at_seat = payload.get("at_seat", False)
    if not isinstance(at_seat, bool):
        raise DomainError("invalid", N_("Yes or no."), field="at_seat")
    if at_seat and table is not None:
        raise DomainError("invalid", N_("Choose one table or each one's own, not both."),
                          field="table")
    budget = _whole(payload.get("budget", 5), "budget", 1, 50)
    cap = _whole(payload.get("cap", min(3, budget)), "cap", 1, budget)
    hidden = payload.get("hidden", False)
    if not isinstance(hidden, bool):
        raise DomainError("invalid", N_("Yes or no."), field="hidden")
    return Voting(open=True, table=table, at_seat=at_seat, budget=budget, cap=cap,
                  hidden=hidden)


def close_voting(voting: Voting) -> Voting:
    """Stop taking dots; the counts stay."""
    if not voting.open:
        raise DomainError("wrong_state", N_("Voting is not open."))
    return replace(voting, open=False)


def reveal(voting: Voting) -> Voting:
    """Show the counts of a hidden vote."""
    if not voting.hidden or voting.revealed:
        raise DomainError("wrong_state", N_("There is nothing hidden to reveal."))
    return replace(voting, revealed=True)


def check_vote(voting: Voting, table: str, delta) -> int:
    """Return +1 or -1 if a dot may be given or taken back on a note of `table`."""
    if delta not in (1, -1) or isinstance(delta, bool):
        raise DomainError("invalid", N_("Give a dot (+1) or take one back (-1)."), field="delta")
    if not voting.open:
        raise DomainError("wrong_phase", N_("Voting is not open."))
    if not voting.covers(table):
        raise DomainError("wrong_table", N_("Votes are taken at another table."))
    return delta


def top_notes(notes: list[dict], votes: dict[str, int], limit: int) -> list[dict]:
    """Return a table's most voted notes, most votes first (then the oldest)."""
    voted = [n for n in notes if votes.get(n["id"], 0) > 0]
    voted.sort(key=lambda n: (-votes.get(n["id"], 0), n.get("created_at", 0), n["id"]))
    return voted[:limit]
