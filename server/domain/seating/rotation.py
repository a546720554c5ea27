"""A structured first plan: travellers move around the tables in steps.

Place the travellers in layers of one per table; a layer moves k tables on each round.
Two travellers of different steps meet at most once in T rounds when T and the
difference of their steps share no factor that T rounds could exhaust, and a traveller
never sees a table twice while k*d is not a multiple of T. When there are more layers
than good steps, layers share a step: their travellers of one table then travel as
pairs, which is what the best plans do when repeats cannot be avoided (12 people at 3
tables for 3 rounds, say). The planner takes this plan as one of its starting points.
"""

from collections import Counter
from math import gcd

from .model import Plan, Request, size_bounds


def _distinct(k: int, tables: int, rounds: int) -> bool:
    """True if moving k tables a round never brings one back within `rounds` rounds."""
    return k % tables != 0 and tables // gcd(k, tables) >= rounds


def _steps(layers: int, tables: int, rounds: int) -> list[int]:
    """Pick a step per layer: good steps first, pairwise good if possible, then reuse."""
    good = [k for k in range(1, tables) if _distinct(k, tables, rounds)]
    if not good:
        return []
    chosen: list[int] = []
    for k in good:
        if all(_distinct(k - c, tables, rounds) for c in chosen):
            chosen.append(k)
    for k in good:  # steps that clash with a chosen one still beat reusing one
        if len(chosen) >= layers:
            break
        if k not in chosen:
            chosen.append(k)
    return [chosen[i % len(chosen)] for i in range(layers)]


def rotation_plan(request: Request, travellers: list[str]) -> Plan | None:
    """Return the stepped plan for a fresh start, or None where it does not apply."""
    tables = [t.id for t in request.tables]
    count = len(tables)
    rounds = request.rounds - request.first + 1
    if request.history or request.pins or count < 2 or not travellers:
        return None
    hosts = {t.host: t.id for t in request.tables if t.host and
             t.host in {p.id for p in request.people}}
    layers = -(-len(travellers) // count)
    steps = _steps(layers, count, min(rounds, count))  # after `count` rounds, all are seen
    if len(steps) < layers:
        return None
    plan: Plan = {request.first + r: dict(hosts) for r in range(rounds)}
    for index, pid in enumerate(travellers):
        layer, start = divmod(index, count)
        for r in range(rounds):
            plan[request.first + r][pid] = tables[(start + steps[layer] * r) % count]
    bounds = size_bounds(request.tables, len(request.people), Counter(hosts.values()))
    if not all(bounds.fits(Counter(seating.values())) for seating in plan.values()):
        return None  # sizes would not be balanced (tables without a host, capacities)
    return plan
