"""Re-planning after arrivals, departures and moves: keep what people were told, or not.

A re-plan starts from the previous plan: whoever still fits where they were told sits
there; newcomers and the displaced are placed. Then any seat may move, at a small price
(MOVED, less than a colleague) for each seat that differs from what was told: repeats
and colleagues come first, surprises after (fixing every kept seat, as the planner once
did, could leave repeats that a fresh plan avoids). A fresh plan of the rounds to come is
made too, within the same budget, so that the facilitator may take it when it is better.
"""

import random
import time
from dataclasses import dataclass, replace

from .arrays import MOVED
from .metrics import score
from .model import Plan, Request
from .moves import anneal, descend, grace, settled
from .search import build, floor, search


@dataclass(frozen=True)
class Option:
    """A plan of the rounds to come, with its figures (history included)."""

    plan: Plan
    repeats: int
    colleagues: int
    returns: int  # times someone goes back to a table they have seen
    moved: int  # seats that differ from the previous plan

    def rank(self) -> tuple[int, int, int]:
        """What makes one plan better than another, in order."""
        return self.returns, self.repeats, self.colleagues


@dataclass(frozen=True)
class Options:
    """A re-plan keeping what people were told, and a fresh plan when it may be better
    (None: the kept one meets the lower bounds, so no plan is better)."""

    kept: Option
    fresh: Option | None

    def best(self) -> Option:
        """The better of the two; the kept one when they are as good."""
        if self.fresh is not None and self.fresh.rank() < self.kept.rank():
            return self.fresh
        return self.kept


def option(request: Request, result: Plan) -> Option:
    """Measure a plan for `request`: the rounds played count too."""
    present = {p.id for p in request.people}
    history = {n: {pid: t for pid, t in s.items() if pid in present}
               for n, s in request.history.items()}
    figures = score({**history, **result}, request.people, request.tables)
    previous = request.previous or {}
    moved = sum(1 for n, seating in result.items() for pid, tid in seating.items()
                if (previous.get(n) or {}).get(pid, tid) != tid)
    return Option(result, figures.repeats, figures.colleagues, figures.revisits, moved)


def alternatives(request: Request, compare: bool = True) -> Options:
    """Re-plan keeping the previous plan where it holds, and plan afresh to compare.

    Half the budget goes to the kept plan (less if it reaches the bounds), the rest to
    the fresh one. Without `compare`, the fresh plan is made only if the kept one sends
    someone back to a table: the rule comes first.
    """
    started = time.monotonic()
    if not request.previous:
        return Options(option(request, search(request)), None)
    rng = random.Random(request.seed)
    deadline = started + request.budget / 2
    flat = build(request, rng, request.previous, previous=request.previous)
    bound = floor(request, flat)
    descend(flat, deadline, bound, rng, request.tick, grace(deadline, request.budget))
    # Cool from the start: the kept plan is good already, only surprises cost little.
    anneal(flat, deadline, bound, rng, request.tick, hot=2 * MOVED)
    kept = option(request, flat.result())
    if settled(flat, bound) or not (compare or kept.returns):
        return Options(kept, None)
    left = max(request.budget / 10, started + request.budget - time.monotonic())
    return Options(kept, option(request, search(replace(request, previous=None, budget=left))))
