"""The seating planner: who sits at which table in each round of the café.

Hard rules, always kept where the capacities allow them:
  - hosts stay at their table;
  - no table over its capacity, and table sizes differ by at most one;
  - a traveller never returns to a table while there is one they have not visited.
Aims, in this order: as few repeated meetings as possible (two people at one table
again), then as few colleagues of one organisation at one table as possible.

Rounds already played are given as history and never change; people pinned by the
facilitator stay where they were put. Pure code: no I/O, deterministic for a seed
(the time budget aside: a slower machine may stop the search earlier).
"""

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from .errors import N_, DomainError
from .rounds import MAX_ROUNDS

Plan = dict[int, dict[str, str]]  # round -> participant id -> table id


@dataclass(frozen=True)
class Person:
    """Someone to seat: their id and organisation ("" for none)."""

    id: str
    organisation: str = ""


@dataclass(frozen=True)
class Seat:
    """A table as the planner sees it: its host, if any, and its capacity."""

    id: str
    host: str | None = None
    capacity: int = 12


@dataclass
class Request:
    """Everything the planner needs."""

    people: list[Person]
    tables: list[Seat]
    rounds: int
    first: int = 1  # the first round to plan; earlier ones are history
    history: Plan = field(default_factory=dict)
    pins: dict[tuple[int, str], str] = field(default_factory=dict)  # (round, person) -> table
    previous: Plan | None = None  # the plan made before this one: kept where it still holds
    seed: int = 0
    budget: float = 0.5  # seconds spent at most looking for a better plan
    tick: Callable[[], None] | None = None  # called now and then: lets an event loop breathe


def check(request: Request) -> None:
    """Refuse a request no plan can satisfy, saying why."""
    if not request.tables:
        raise DomainError("no_tables", N_("There is no table to seat anyone at."))
    if not 1 <= request.rounds <= MAX_ROUNDS:
        raise DomainError("invalid", N_("A whole number from %(low)d to %(high)d."),
                          field="rounds", low=1, high=MAX_ROUNDS)
    hosts = [t.host for t in request.tables if t.host]
    if len(hosts) != len(set(hosts)):
        raise DomainError("invalid", N_("One person hosts two tables."), field="host")
    seats = sum(t.capacity for t in request.tables)
    if seats < len({p.id for p in request.people}):
        raise DomainError(
            "capacity", N_("The tables seat %(seats)d people but %(people)d are present."),
            seats=seats, people=len(request.people))
    host_table = {t.host: t.id for t in request.tables if t.host}
    capacity = {t.id: t.capacity for t in request.tables}
    for (_, pid), tid in request.pins.items():
        if tid not in capacity:
            raise DomainError("not_found", N_("This table does not exist."))
        if host_table.get(pid, tid) != tid:
            raise DomainError("host_stays", N_("A host stays at their table."))
    host_of_table = {tid: pid for pid, tid in host_table.items()}
    for (number, tid), count in Counter((n, t) for (n, _), t in request.pins.items()).items():
        host = host_of_table.get(tid)
        if count + (host is not None and (number, host) not in request.pins) > capacity[tid]:
            raise DomainError("table_full", N_("This table is full."))


def sizes(tables: list[Seat], people: int, fixed: Counter) -> dict[str, int]:
    """Return balanced table sizes for `people`: as even as capacities and `fixed` allow."""
    size = {t.id: min(fixed[t.id], t.capacity) for t in tables}
    left = people - sum(size.values())
    open_tables = [t for t in tables if size[t.id] < t.capacity]
    while left > 0 and open_tables:
        smallest = min(size[t.id] for t in open_tables)
        for table in [t for t in open_tables if size[t.id] == smallest]:
            if left == 0:
                break
            size[table.id] += 1
            left -= 1
        open_tables = [t for t in open_tables if size[t.id] < t.capacity]
    return size


@dataclass(frozen=True)
class Sizes:
    """How many people each table takes in a round: `low`, plus `extra` seats that any
    of the `flexible` tables may take (one each), so that sizes stay within one."""

    low: dict[str, int]
    flexible: frozenset[str]
    extra: int

    def fits(self, counts: Counter) -> bool:
        """Tell whether a round's table sizes keep to these bounds."""
        extras = 0
        for tid, low in self.low.items():
            over = counts.get(tid, 0) - low
            if over < 0 or over > (1 if tid in self.flexible else 0):
                return False
            extras += over
        return extras == self.extra


def size_bounds(tables: list[Seat], people: int, fixed: Counter) -> Sizes:
    """Return the balanced sizes for `people`, leaving open which tables take the extras."""
    size = sizes(tables, people, fixed)
    capacity = {t.id: t.capacity for t in tables}
    open_sizes = [size[t] for t in size if size[t] < capacity[t]]
    level = min(open_sizes) if open_sizes else min(size.values())
    flexible = frozenset(t for t in size if fixed[t] <= level < capacity[t]
                         and size[t] in (level, level + 1))
    low = {t: (level if t in flexible else size[t]) for t in size}
    return Sizes(low, flexible, sum(1 for t in flexible if size[t] == level + 1))


def plan(request: Request) -> Plan:
    """Return the seating of every present person in rounds first..rounds."""
    from .seating_search import search  # the engine; kept apart to keep this module short

    check(request)
    return search(request)


def seat_latecomer(person: Person, tables: list[Seat], seating: dict[str, str],
                   organisations: dict[str, str]) -> str:
    """Return the table for someone arriving mid-round: the least full, fewest colleagues."""
    count = Counter(seating.values())
    org = person.organisation.casefold().strip()
    colleagues = Counter(tid for pid, tid in seating.items()
                         if org and organisations.get(pid, "").casefold().strip() == org)
    open_tables = [t for t in tables if count[t.id] < t.capacity]
    if not open_tables:
        raise DomainError("table_full", N_("Every table is full."))
    return min(open_tables, key=lambda t: (count[t.id], colleagues[t.id], t.id)).id
