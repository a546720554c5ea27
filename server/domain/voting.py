"""Dot voting: who may put how many dots on which notes, and the results."""

from dataclasses import asdict, dataclass, replace

from .errors import N_, DomainError, bad_request, conflict
from .needs import AtLeast, Below, Need, SeatedAt, Unlocked
from .notes import locked, unknown_note, voted_on
from .visibility import shown


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

    @property
    def everywhere(self) -> bool:
        """Whether the notes of every table take dots from everyone."""
        return self.table is None and not self.at_seat

    def covers(self, table: str) -> bool:
        """Whether notes of `table` take dots (from someone sitting there, when `at_seat`)."""
        return self.table is None or self.table == table

    def tables_for(self, seat: str | None, tables: list[str]) -> list[str]:
        """Return the tables whose notes a participant sitting at `seat` may vote on."""
        if self.at_seat:
            return [seat] if seat else []
        return sorted(tables) if self.table is None else [self.table]


def follows_other_tables(before: Voting, after: Voting) -> bool:
    """Whether a change of the vote changes which tables phones follow."""
    return ((before.open, before.table, before.at_seat)
            != (after.open, after.table, after.at_seat))


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


def vote_changed() -> DomainError:
    """Build the error for a dot given while the vote itself was being changed."""
    return conflict(N_("The vote was changed at the same moment; try again."))


def giving(voting: Voting, pid: str, table: str, note: str, delta: int) -> list[Need]:
    """What a dot given (+1) or taken back (-1) needs: an open board, the note, a seat at
    its table when each votes where they sit, and the budget and the cap (or a dot to
    take back), all counted in the same step as the dot."""
    needs: list[Need] = [Unlocked(locked()), voted_on(table, note),
                         shown(note, unknown_note())]
    if voting.at_seat:  # checked with the dot: seats move
        needs.append(SeatedAt(pid, table, DomainError(
            "wrong_table", N_("Votes are taken at the table where you sit."))))
    pair = f"{pid}|{note}"
    if delta > 0:
        needs.append(Below("votes_used", pid, voting.budget, DomainError(
            "budget_exhausted", N_("You have used all your dots (%(n)d)."), n=voting.budget)))
        needs.append(Below("dots_on_note", pair, voting.cap, DomainError(
            "cap_reached", N_("At most %(n)d dots on one note."), n=voting.cap)))
    else:
        needs.append(AtLeast("dots_on_note", pair, 1, conflict(
            N_("You have no dot on this note."))))
    return needs


def check_reset(payload) -> bool:
    """Return whether opening a vote drops the dots of an earlier one."""
    reset = payload.get("reset", False) if isinstance(payload, dict) else False
    if not isinstance(reset, bool):
        raise DomainError("invalid", N_("Yes or no."), field="reset")
    return reset


def check_vote_phase(phase: str) -> None:
    """Refuse opening a vote outside the café and the harvest."""
    if phase not in ("cafe", "harvest"):
        raise DomainError("wrong_phase", N_("Votes are taken during the café or the harvest."))


def dot_target(payload) -> tuple[str, str]:
    """Return the table and the note a dot is for, checked for shape."""
    table = payload.get("table") if isinstance(payload, dict) else None
    note = payload.get("note") if isinstance(payload, dict) else None
    if not isinstance(table, str) or not isinstance(note, str):
        raise bad_request(N_("Say which note, at which table."))
    return table, note


def check_locked(value) -> bool:
    """Return a lock setting (yes or no), checked."""
    if not isinstance(value, bool):
        raise DomainError("invalid", N_("Yes or no."), field="locked")
    return value
