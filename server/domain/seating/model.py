"""What the seating planner is given and gives back: people, seats, the request, the plan,
and the balanced table sizes every part of the planner keeps to.

Kept apart from the planner's entry points so that the engine's modules (search, state,
rotation, exact, metrics) import these names without importing the planner back.
"""

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

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
