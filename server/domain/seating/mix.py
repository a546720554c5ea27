"""Mixing organisations without touching meetings: who carries which route.

In a fresh plan, two travellers who exchange their whole routes leave every meeting
where it was: repeats and returns stay, only colleagues change. Choosing who carries
which route is then a colouring problem: routes are nodes, an edge joins two routes
that share a table (weighted by how many rounds), organisations are colours with fixed
counts, hosts and pinned people keep theirs, and colleagues are same-coloured edges.

A tabu search over exchanges solves it: each route's count of neighbours of each colour
(`near`) is kept up to date, so an exchange is priced in constant time and every
exchange involving a clashing route is weighed at each step. On 60/10/4 (a random start
free of repeats, 10 to 30 colleagues) it leaves 2 to 6 after about 0.15 s of CPU, where
annealing over random exchanges needed about 2 s for as few.
"""

import random
import time
from collections.abc import Callable

from .arrays import Flat


def mix(flat: Flat, deadline: float, bound: int, rng: random.Random,
        tick: Callable[[], None] | None) -> bool:
    """Re-deal the routes among travellers to reach `bound` colleagues (or the fewest
    found by the deadline); False where exchanging routes could change meetings."""
    if flat.prev or any(flat.history):
        return False
    P, K, org, met = flat.P, flat.K, flat.org, flat.met
    free = flat.free
    colour = list(org)
    edges = [[(u, met[p * P + u]) for u in range(P) if u != p and met[p * P + u]]
             for p in range(P)]
    near = [[0] * K for _ in range(P)]
    for p in range(P):
        for u, w in edges[p]:
            if colour[u] >= 0:
                near[p][colour[u]] += w
    cost = sum(near[p][colour[p]] for p in range(P) if colour[p] >= 0) // 2
    best, best_colour = cost, list(colour)
    tabu: dict[tuple[int, int], int] = {}
    step = 0
    while cost > bound:
        step += 1
        if tick:
            tick()
        if time.monotonic() > deadline:  # a step weighs every exchange: milliseconds
            break
        clashing = [p for p in free if colour[p] >= 0 and near[p][colour[p]]]
        choice, moves = None, []
        for p in clashing:
            a, near_p = colour[p], near[p]
            for q in free:
                b = colour[q]
                if b == a:
                    continue
                w = met[p * P + q]
                delta = (near_p[b] if b >= 0 else 0) - near_p[a] - (w if b >= 0 else 0) - w
                if b >= 0:
                    delta -= near[q][b]
                delta += near[q][a]
                forbidden = tabu.get((p, b), 0) > step or tabu.get((q, a), 0) > step
                if forbidden and cost + delta >= best:
                    continue  # tabu, unless it beats the best seen
                if choice is None or delta < choice:
                    choice, moves = delta, [(p, q)]
                elif delta == choice:
                    moves.append((p, q))
        if not moves:
            if not tabu:
                break  # nothing to exchange at all
            tabu.clear()  # every exchange forbidden: forget, and go on
            continue
        p, q = moves[rng.randrange(len(moves))]
        a, b = colour[p], colour[q]
        _recolour(p, a, b, colour, near, edges)
        _recolour(q, b, a, colour, near, edges)
        cost += choice
        tenure = rng.randrange(10) + len(clashing) * 6 // 10
        tabu[p, a] = tabu[q, b] = step + tenure
        if cost < best:
            best, best_colour = cost, list(colour)
    _deal(flat, best_colour)
    return True


def _recolour(p: int, old: int, new: int, colour: list[int], near: list[list[int]],
              edges: list[list[tuple[int, int]]]) -> None:
    colour[p] = new
    for u, w in edges[p]:
        if old >= 0:
            near[u][old] -= w
        if new >= 0:
            near[u][new] += w


def _deal(flat: Flat, colour: list[int]) -> None:
    """Give each route to a traveller of its new colour, by exchanges of whole routes."""
    holders: dict[int, list[int]] = {}
    for p in flat.free:
        holders.setdefault(flat.org[p], []).append(p)
    wanted = {p: holders[colour[p]].pop() for p in flat.free}  # route of p -> its carrier
    at = {p: p for p in flat.free}  # person -> the route they carry now
    carrier = dict(at)  # route -> who carries it now
    for route in flat.free:
        person = wanted[route]
        if carrier[route] == person:
            continue
        other, there = carrier[route], at[person]
        for r in range(flat.R):
            if flat.seat[r][other] != flat.seat[r][person]:
                flat.swap(r, other, person)
        carrier[route], carrier[there] = person, other
        at[person], at[other] = route, there
    flat.recount()
