"""A plan that keeps the no-return rule by construction, found by a bounded search.

The planner's usual starts seat one round after another and then improve; in a tight
café (as many rounds as tables, latecomers seated wherever there was room) that can
paint itself into a corner in the last round, where the only seats left are at tables
someone has already seen. This search backtracks over whole rounds instead, so it finds
a plan that keeps the rule whenever one exists, within a bounded number of steps.
"""

import time
from collections import Counter

from .model import Plan, Request, size_bounds

STEPS = 200_000  # seats tried at most: a few tenths of a second, unless the deadline is first
LARGEST = 500  # seats to fill across the rounds (and frames deep): bigger cafés have slack


def rule_keeping_plan(request: Request, limit: int = STEPS,
                      deadline: float | None = None) -> Plan | None:
    """Return a plan of the rounds to come with no return to a table, or None (none
    exists, or none was found within `limit` seats tried or before `deadline`)."""
    present = {p.id for p in request.people}
    tables = [t.id for t in request.tables]
    hosts = {t.host: t.id for t in request.tables if t.host in present}
    numbers = list(range(request.first, request.rounds + 1))
    if len(present) * len(numbers) > LARGEST:
        return None
    seen: dict[str, frozenset] = {pid: frozenset() for pid in present}
    for _, seating in sorted(request.history.items()):
        for pid, tid in seating.items():
            if pid in seen:
                seen[pid] |= {tid}
    plan: Plan = {}
    steps = 0

    def options(pid: str, visited: dict[str, frozenset]) -> list[str]:
        fresh = [t for t in tables if t not in visited[pid]]
        return fresh or tables  # every table seen: any will do

    def seat_round(index: int, visited: dict[str, frozenset]) -> bool:
        if index == len(numbers):
            return True
        number = numbers[index]
        fixed = dict(hosts)
        fixed.update({pid: tid for (n, pid), tid in request.pins.items()
                      if n == number and pid in present})
        bounds = size_bounds(request.tables, len(present), Counter(fixed.values()))
        load = Counter(fixed.values())
        movers = sorted((pid for pid in present if pid not in fixed),
                        key=lambda pid: (len(options(pid, visited)), pid))
        seating = dict(fixed)

        def place(j: int, extras: int) -> bool:
            nonlocal steps
            steps += 1
            if steps > limit or (deadline is not None and steps % 256 == 0
                                 and time.monotonic() > deadline):
                steps = limit + 1  # out of time: no deeper frame goes on either
                return False
            if j == len(movers):
                if not bounds.fits(load):
                    return False
                plan[number] = dict(seating)
                return seat_round(index + 1, {pid: visited[pid] | {seating[pid]}
                                              for pid in present})
            pid = movers[j]
            for tid in sorted(options(pid, visited), key=lambda t: load[t] - bounds.low[t]):
                spare = load[tid] >= bounds.low[tid]
                if spare and (extras == 0 or tid not in bounds.flexible
                              or load[tid] > bounds.low[tid]):
                    continue
                load[tid] += 1
                seating[pid] = tid
                if place(j + 1, extras - spare):
                    return True
                load[tid] -= 1
                del seating[pid]
            return False

        used = sum(max(0, load[t] - bounds.low[t]) for t in tables)
        return place(0, bounds.extra - used)

    return plan if seat_round(0, seen) else None
