"""The planner's engine: several starts, a short descent on each, then the best one is
improved: routes re-dealt among travellers when only colleagues are left, annealing.

Starts: a structured plan that keeps colleagues apart where one is found fast, the
greedy plan, structured plans that only avoid repeats. The search stops as soon as a
plan meets the lower bounds; every part keeps to the time budget (a broken no-return
rule alone may take a little more, see `moves.grace`).
"""

import random
import time
from collections.abc import Iterator

from .arrays import REVISIT, Flat
from .exact import rule_keeping_plan
from .metrics import colleague_lower_bound, repeat_lower_bound
from .mix import mix
from .model import Plan, Request
from .moves import Bound, anneal, descend, grace, settled
from .rotation import POLYNOMIALS, rotation_plan
from .state import PlanState

STARTS = 4  # starts tried, each with a short descent, before the best is improved


def floor(request: Request, flat: Flat) -> Bound:
    """What no plan for this request can go below (history included)."""
    plan, present = flat.result(), set(flat.ids)
    whole = {**{n: {p: t for p, t in s.items() if p in present}
                for n, s in request.history.items()}, **plan}
    repeats = max(repeat_lower_bound(whole, request.tables), _history_repeats(flat))
    return Bound(repeats, colleague_lower_bound(plan, request.people, request.tables))


def _history_repeats(flat: Flat) -> int:
    """Repeats already made in the rounds played (they stay, whatever comes next)."""
    met, P = [0] * (flat.P * flat.P), flat.P
    for r in range(len(max(flat.history, key=len, default=[]))):
        groups: dict[int, list[int]] = {}
        for p, route in enumerate(flat.history):
            if len(route) > r:
                groups.setdefault(route[r], []).append(p)
        for members in groups.values():
            for i, a in enumerate(members):
                for b in members[i + 1:]:
                    met[a * P + b] += 1
    return sum(n - 1 for n in met if n > 1)


def starts(request: Request, rng: random.Random, deadline: float) -> Iterator[Plan | None]:
    """The wishes to build each start from: a structured plan keeping colleagues apart
    if one is found fast, the greedy plan, then structured plans that only avoid
    repeats, from shuffled travellers."""
    people = {p.id: p.organisation.casefold().strip() for p in request.people}
    hosts = {t.host for t in request.tables}
    travellers = [pid for pid in people if pid not in hosts]
    # The search for coloured rows succeeds fast or not: each try is bounded in cells
    # (rotation.COLOURED), and all of them by a fifth of the budget. The field's XOR
    # first where it exists (it has the most rows free of repeats).
    groups = (True, False) if len(request.tables) in POLYNOMIALS else (False,)
    tries = [(order, xor) for order in (travellers, _round_robin(travellers, people))
             for xor in groups]
    until = min(deadline, time.monotonic() + request.budget / 5)
    for order, xor in tries:
        wishes = rotation_plan(request, order, until, colour=True, xor=xor)
        if wishes is not None:
            yield wishes
            break
    yield None
    for _ in range(STARTS - 2):
        rng.shuffle(travellers)
        yield rotation_plan(request, travellers, deadline)


def _round_robin(travellers: list[str], org: dict[str, str]) -> list[str]:
    """Travellers taking turns by organisation, the largest first: in layers of one per
    table, colleagues then sit a few places apart, as people who came in turn do."""
    groups: dict[str, list[str]] = {}
    for pid in travellers:
        groups.setdefault(org[pid], []).append(pid)
    queues = sorted(groups.values(), key=len, reverse=True)
    order: list[str] = []
    while len(order) < len(travellers):
        order += [queue.pop(0) for queue in queues if queue]
    return order


def build(request: Request, rng: random.Random, wishes: Plan | None,
          previous: Plan | None = None) -> Flat:
    """A start: built round by round from the wishes, ready to search."""
    builder = PlanState(request, random.Random(rng.random()))
    builder.build(wishes)
    return Flat(request, builder.result(), builder.fixed, previous)


def search(request: Request) -> Plan:
    """Try starts within the time budget, each with a short descent; anneal the best.

    Stops early when a plan reaches the lower bounds: none can do better. If no start
    keeps the no-return rule, a bounded backtracking search looks for one that does.
    """
    started = time.monotonic()
    deadline = started + request.budget
    mend_until = grace(deadline, request.budget)
    rng = random.Random(request.seed)
    best: Flat | None = None
    bound = Bound(0, 0)
    for attempt, wishes in enumerate(starts(request, rng, deadline)):
        flat = build(request, rng, wishes)
        if best is None:
            bound = floor(request, flat)
        # A descent ends by itself at a local optimum, fast on a good start; on a big
        # café it may need a good part of the budget (under load, most of it).
        now = time.monotonic()
        # The first start mends a broken rule only until the deadline: the grace is kept
        # for the stepped start and the exact search, which keep the rule by construction.
        descend(flat, now + (deadline - now) / 2, bound, rng, request.tick,
                mend_until if attempt else deadline)
        if best is None or flat.total < best.total:
            best = flat
        # Out of time, stop; but a plan that breaks the no-return rule always gets a
        # second start (the stepped one may be the only one keeping it when tables are tight).
        if settled(best, bound) or (time.monotonic() > deadline
                                    and (attempt or best.total < REVISIT)):
            break
    if best.total >= REVISIT:
        best = _keep_the_rule(request, rng, best, bound, deadline, mend_until)
    if not settled(best, bound) and best.figures()[0] <= bound.repeats:
        # Only colleagues left: re-deal the routes first (half what is left), then anneal.
        half = time.monotonic() + (deadline - time.monotonic()) / 2
        mix(best, half, bound.colleagues, rng, request.tick)
    anneal(best, deadline, bound, rng, request.tick)
    return best.result()


def _keep_the_rule(request: Request, rng: random.Random, best: Flat, bound: Bound,
                   deadline: float, grace: float) -> Flat:
    """Start from a plan built to keep the no-return rule, when the usual starts did not."""
    if time.monotonic() > grace:
        return best
    wishes = rule_keeping_plan(request, deadline=grace)
    if wishes is None:
        return best  # none exists (or none was found in time): the fewest returns it is
    flat = build(request, rng, wishes)
    descend(flat, deadline, bound, rng, request.tick, grace)
    return flat if flat.total < best.total else best
