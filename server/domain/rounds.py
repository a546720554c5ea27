"""Rounds of the café: how many, how long, and where the clock stands.

The timer is the server's: a running round stores when it ends; a paused one, how much
time it had left. Clients count down from these with their measured clock offset.
"""

from dataclasses import asdict, dataclass, replace

from .errors import N_, DomainError, bad_request, conflict
from .protocol import CONSOLE, STAFF

STATUSES = ("idle", "running", "paused", "between", "done")
MAX_ROUNDS = 12  # the most rounds a café may have; the planner and the store keep to it


@dataclass(frozen=True)
class Rounds:
    """The rounds' settings and state."""

    count: int = 3
    minutes: int = 20
    current: int = 0  # the round under way or last played; 0 before the first
    status: str = "idle"
    ends_at: float | None = None  # epoch seconds, while running
    remaining: float | None = None  # seconds left, while paused
    # The seating plan has been shown to everyone (`seating_show`): from then on the phones
    # and the screen have it, and show where to go whenever no round is under way. Until
    # then the plan is the console's draft, and no round may start.
    shown: bool = False

    def to_dict(self) -> dict:
        """Return the JSON-ready form."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict | None) -> "Rounds":
        """Rebuild from the stored form (defaults for a café whose rounds are not set)."""
        return cls(**{k: v for k, v in (data or {}).items() if k in cls.__dataclass_fields__})

    @property
    def planning_from(self) -> int:
        """The first round whose seating may still change."""
        return self.current + 1 if self.status != "idle" or self.current else 1

    @property
    def note_round(self) -> int:
        """The round a note written now belongs to."""
        return max(self.current, 1)


def _whole(value, field: str, low: int, high: int) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
        raise DomainError("invalid", N_("A whole number from %(low)d to %(high)d."),
                          field=field, low=low, high=high)
    return value


def configure(rounds: Rounds, payload) -> Rounds:
    """Set how many rounds and how long each lasts; rounds already played stay."""
    if not isinstance(payload, dict):
        raise bad_request()
    count = _whole(payload.get("count", rounds.count), "count", 1, MAX_ROUNDS)
    minutes = _whole(payload.get("minutes", rounds.minutes), "minutes", 1, 180)
    if count < rounds.current:
        raise DomainError("invalid", N_("%(n)d rounds have already been played."),
                          field="count", n=rounds.current)
    status = rounds.status
    if status == "done" and count > rounds.current:
        status = "between"
    elif status == "between" and count == rounds.current:
        status = "done"
    return replace(rounds, count=count, minutes=minutes, status=status)


def _next_round(rounds: Rounds) -> None:
    """Refuse what only happens before a round: one is under way, or all were played."""
    if rounds.status in ("running", "paused"):
        raise DomainError("wrong_state", N_("Round %(n)d is already under way."),
                          n=rounds.current)
    if rounds.current >= rounds.count:
        raise DomainError("wrong_state", N_("All the rounds have been played."))


def show(rounds: Rounds) -> Rounds:
    """Show everyone where to go: the plan reaches every phone and the screen."""
    _next_round(rounds)
    return replace(rounds, shown=True)


def start(rounds: Rounds, now: float) -> Rounds:
    """Start the next round, once everyone has been shown where to go for it: a round never
    starts with people who were not told their table."""
    _next_round(rounds)
    if not rounds.shown:
        raise DomainError("seating_not_shown",
                          N_("Show everyone where to go before round %(n)d starts."),
                          n=rounds.current + 1)
    return replace(rounds, current=rounds.current + 1, status="running",
                   ends_at=now + rounds.minutes * 60, remaining=None)


def pause(rounds: Rounds, now: float) -> Rounds:
    """Stop the clock of the running round."""
    if rounds.status != "running":
        raise DomainError("wrong_state", N_("No round is running."))
    return replace(rounds, status="paused", remaining=max(0.0, rounds.ends_at - now),
                   ends_at=None)


def resume(rounds: Rounds, now: float) -> Rounds:
    """Start the clock of a paused round again."""
    if rounds.status != "paused":
        raise DomainError("wrong_state", N_("No round is paused."))
    return replace(rounds, status="running", ends_at=now + rounds.remaining, remaining=None)


def extend(rounds: Rounds, minutes, now: float) -> Rounds:
    """Give the current round more minutes (or fewer: down to none left)."""
    minutes = _whole(minutes, "minutes", -60, 60)
    if rounds.status == "running":
        return replace(rounds, ends_at=max(now, rounds.ends_at + minutes * 60))
    if rounds.status == "paused":
        return replace(rounds, remaining=max(0.0, rounds.remaining + minutes * 60))
    raise DomainError("wrong_state", N_("No round is under way."))


def ended_by(rounds: Rounds, phase: str) -> Rounds | None:
    """The rounds once the workshop moves to `phase`: moving on to the harvest ends a
    round still under way (its clock would run on, on every phone); None if unchanged."""
    if phase in ("harvest", "closed") and rounds.status in ("running", "paused"):
        return end(rounds)
    return None


def end(rounds: Rounds) -> Rounds:
    """End the current round: the café moves on, or it is over."""
    if rounds.status not in ("running", "paused"):
        raise DomainError("wrong_state", N_("No round is under way."))
    status = "done" if rounds.current >= rounds.count else "between"
    return replace(rounds, status=status, ends_at=None, remaining=None)


def overdue(rounds: Rounds, now: float) -> bool:
    """Whether the running round's clock has reached 0."""
    return rounds.status == "running" and rounds.ends_at is not None and rounds.ends_at <= now


def end_on_time(rounds: Rounds, auto_end: bool, now: float) -> Rounds:
    """End the round because its time is up, as the server does on its own when the
    workshop's setting `auto_end_rounds` asks it to; refuses a round not due (extended or
    paused meanwhile, or ended already) and a workshop that did not ask."""
    if not auto_end:
        raise DomainError("wrong_state", N_("Rounds end when the console ends them."))
    if not overdue(rounds, now):
        raise DomainError("wrong_state", N_("No round has run out of time."))
    return end(rounds)


def rounds_changed() -> DomainError:
    """Build the error for two changes to the rounds at the same moment."""
    return conflict(N_("The rounds were changed at the same moment; try again."))


def check_cafe(phase: str) -> None:
    """Refuse running the rounds outside the café."""
    if phase != "cafe":
        raise DomainError("wrong_phase", N_("Rounds run during the café."))


def check_tables(tables: list) -> None:
    """Refuse planning rounds without a table to seat anyone at."""
    if not tables:
        raise DomainError("no_tables", N_("There is no table to seat anyone at."))


def hand_move(payload, rounds: Rounds, hosts: dict[str, str]) -> tuple[str, int, str | None, bool]:
    """Return (who, round, table or None, whether the round is under way) of the console's
    hand move, checked: a host stays at their table; rounds played cannot change."""
    if not isinstance(payload, dict):
        raise bad_request()
    pid, number, table = payload.get("participant"), payload.get("round"), payload.get("table")
    if not isinstance(pid, str) or not isinstance(number, int) or isinstance(number, bool):
        raise bad_request(N_("Say who, and in which round."))
    if table is not None and not isinstance(table, str):
        raise bad_request(N_("Say which table."))
    if table is not None and hosts.get(pid, table) != table:
        raise DomainError("host_stays", N_("A host stays at their table."))
    live = rounds.status in ("running", "paused") and number == rounds.current
    if not live and not rounds.planning_from <= number <= rounds.count:
        raise DomainError("invalid", N_("This round has been played already."), field="round")
    return pid, number, table, live


def check_presence(payload) -> bool:
    """Return whether a presence payload marks someone present (True) or gone (False)."""
    present = payload.get("present") if isinstance(payload, dict) else None
    if not isinstance(present, bool):
        raise DomainError("invalid", N_("Yes or no."), field="present")
    return present


def published(rounds: Rounds, plan: dict) -> dict:
    """The plan (or one's row of it) as the phones and the screen see it: nothing until it
    has been shown to everyone; the console sees its draft."""
    return plan if rounds.shown else {}


def plan_audience(rounds: Rounds) -> str:
    """Who hears of changes to the plan: the console alone while it is a draft, then the
    screen too (and each phone its own row)."""
    return STAFF if rounds.shown else CONSOLE


def under_way(rounds: Rounds) -> bool:
    """Whether a round is being played (running or paused)."""
    return rounds.status in ("running", "paused")
