"""The moves that improve a plan: a descent over troubled seats, then annealing.

Moves keep table sizes, so balance holds throughout: two people exchange tables in one
round; two people exchange tables in two rounds at once (the only move left when every
traveller visits every table exactly once); two people exchange whole routes (which
keeps every meeting among the others and only changes who carries which route: the
move that mixes organisations without creating repeats).
"""

import math
import random
import time
from collections.abc import Callable
from typing import NamedTuple

from .arrays import COLLEAGUE, MOVED, REPEAT, REVISIT, Flat


def grace(deadline: float, budget: float) -> float:
    """Until when a broken no-return rule is still mended past the deadline: a tenth of
    the budget more, and at least 50 ms (a hard rule is worth a tiny budget's overrun)."""
    return deadline + max(0.1 * budget, 0.05)


class Bound(NamedTuple):
    """What no plan for a request can go below (history included)."""

    repeats: int
    colleagues: int

    @property
    def cost(self) -> int:
        """The bound as a cost."""
        return self.repeats * REPEAT + self.colleagues * COLLEAGUE


def settled(flat: Flat, bound: Bound) -> bool:
    """Whether nothing better can be had: the bounds are met (moves aside)."""
    return flat.total - flat.moved * MOVED <= bound.cost


def troubled(flat: Flat) -> list[tuple[int, int]]:
    """(round index, person) pairs that cost something: a repeat, a colleague, a return,
    a seat moved from the previous plan."""
    out = []
    met, P, K, V = flat.met, flat.P, flat.K, flat.V
    for r in range(flat.R):
        counts, fixed, prev = flat.orgs[r], flat.fixed[r], flat.prev and flat.prev[r]
        for t, members in enumerate(flat.members[r]):
            for p in members:
                if fixed[p]:
                    continue
                org = flat.org[p]
                if ((org >= 0 and counts[t * K + org] > 1)
                        or any(met[p * P + o] > 1 for o in members if o != p)
                        or (not flat.host[p] and flat.vis[p * V + t] > 1)
                        or (prev and prev[p] >= 0 and prev[p] != t)):
                    out.append((r, p))
    return out


def descend(flat: Flat, until: float, bound: Bound, rng: random.Random,
            tick: Callable[[], None] | None, grace: float) -> None:
    """Plain descent: the best improving swap for each troubled seat, until none.

    Past `until` it goes on mending broken no-return rules only, until `grace`.
    """
    improved = True
    while improved and not settled(flat, bound):
        late = time.monotonic() > until
        if late and (flat.total < REVISIT or time.monotonic() > grace):
            return
        improved = False
        seats = troubled(flat)
        rng.shuffle(seats)
        for i, (r, p) in enumerate(seats):
            if i % 8 == 0:  # a seat weighs a swap with everyone in its round
                if tick:
                    tick()
                now = time.monotonic()
                if now > grace or (not late and now > until):
                    improved = not late
                    break
            if late and flat.revisits(p) == 0:
                continue
            improved |= _best_single(flat, r, p) or _best_double(flat, r, p)


def _best_single(flat: Flat, r: int, p: int) -> bool:
    seat, best, partner = flat.seat[r], 0, -1
    here = seat[p]
    for q in flat.movable[r]:
        if seat[q] != here:
            delta = flat.delta(r, p, q)
            if delta < best:
                best, partner = delta, q
    if partner < 0:
        return False
    flat.swap(r, p, partner, best)
    return True


def _best_double(flat: Flat, r: int, p: int) -> bool:
    x = flat.seat[r][p]
    for other in range(flat.R):
        if other == r or flat.fixed[other][p]:
            continue
        y = flat.seat[other][p]
        if x == y:
            continue
        for q in list(flat.members[r][y]):
            if flat.fixed[r][q] or flat.fixed[other][q] or flat.seat[other][q] != x:
                continue
            delta = flat.delta(r, p, q)
            flat.swap(r, p, q, delta)
            second = flat.delta(other, p, q)
            if delta + second < 0:
                flat.swap(other, p, q, second)
                return True
            flat.swap(r, p, q, -delta)
    return False


def anneal(flat: Flat, deadline: float, bound: Bound, rng: random.Random,
           tick: Callable[[], None] | None, hot: float | None = None) -> None:
    """Simulated annealing over the three moves, from a heat where a colleague more is
    taken now and then (a repeat more only while repeats are above their bound) down to
    plain descent; the best plan seen is kept."""
    start = time.monotonic()
    span = max(deadline - start, 1e-6)
    best, best_seats = flat.total, None  # None: the plan as it stands is the best seen
    repeats_done = flat.figures()[0] <= bound.repeats
    # Measured: a colleague more taken about one time in five at first, then rarely.
    hot = hot or (0.6 * COLLEAGUE if repeats_done else 0.25 * REPEAT)
    cold = 0.08 * COLLEAGUE  # a colleague more: taken about once in 250,000
    # Once repeats are at their bound, exchanging whole routes is the move that keeps
    # them there: it gets most of the draws.
    singles, routes = (0.2, 0.85) if repeats_done else (0.6, 0.8)
    R, movable, free, seat_of = flat.R, flat.movable, flat.free, flat.seat
    random_, randrange, exp = rng.random, rng.randrange, math.exp
    heat, steps = hot, 0
    while True:
        if steps % 256 == 0:
            if tick:
                tick()
            now = time.monotonic()
            if now > deadline or settled(flat, bound):
                break
            heat = hot * (cold / hot) ** ((now - start) / span)
        steps += 1
        move = random_()
        if move < singles:  # the cheap move, priced before it is made
            r = randrange(R)
            people = movable[r]
            if len(people) < 2:
                continue
            p, q = people[randrange(len(people))], people[randrange(len(people))]
            if seat_of[r][p] == seat_of[r][q]:
                continue
            delta = flat.delta(r, p, q)
            if delta > 0:
                if delta >= REVISIT or random_() >= exp(-delta / heat):
                    continue
                if flat.total == best:
                    best_seats = flat.snapshot()  # leaving the best seen: remember it
            flat.swap(r, p, q, delta)
        else:
            swaps: list[tuple[int, int, int]] = []
            if move < routes and len(free) > 1:
                p, q = free[randrange(len(free))], free[randrange(len(free))]
                delta = flat.route_delta(p, q)
                swaps = [(r, p, q) for r in range(R) if seat_of[r][p] != seat_of[r][q]]
                if delta is not None:  # priced before it is made: colleagues only
                    if delta > 0:
                        if random_() >= exp(-delta / heat):
                            continue
                        if flat.total == best:
                            best_seats = flat.snapshot()
                    for r, p, q in swaps:
                        flat.swap(r, p, q)
                    flat.total += delta
                    swaps = []
            elif move >= routes and R > 1:
                swaps = _double(flat, rng)
            if swaps:
                before = flat.total
                deltas = _make(flat, swaps)
                delta = sum(deltas)
                if delta > 0:
                    if delta >= REVISIT or random_() >= exp(-delta / heat):
                        _unmake(flat, swaps, deltas)
                        continue
                    if before == best:
                        _unmake(flat, swaps, deltas)
                        best_seats = flat.snapshot()
                        _make(flat, swaps)
        if flat.total < best:
            best, best_seats = flat.total, None
    if best_seats is not None and flat.total > best:
        flat.restore(best_seats)


def _double(flat: Flat, rng: random.Random) -> list[tuple[int, int, int]]:
    """Exchange someone's tables of two rounds with someone who sits the other way round."""
    r = rng.randrange(flat.R)
    people = flat.movable[r]
    if not people:
        return []
    p = people[rng.randrange(len(people))]
    other = rng.randrange(flat.R - 1)
    other += other >= r
    if flat.fixed[other][p]:
        return []
    x, y = flat.seat[r][p], flat.seat[other][p]
    if x == y:
        return []
    partners = [q for q in flat.members[r][y] if not flat.fixed[r][q]
                and not flat.fixed[other][q] and flat.seat[other][q] == x]
    if not partners:
        return []
    q = partners[rng.randrange(len(partners))]
    return [(r, p, q), (other, p, q)]


def _make(flat: Flat, swaps: list[tuple[int, int, int]]) -> list[int]:
    deltas = []
    for r, p, q in swaps:
        delta = flat.delta(r, p, q)
        flat.swap(r, p, q, delta)
        deltas.append(delta)
    return deltas


def _unmake(flat: Flat, swaps: list[tuple[int, int, int]], deltas: list[int]) -> None:
    for (r, p, q), delta in zip(reversed(swaps), reversed(deltas), strict=True):
        flat.swap(r, p, q, -delta)


