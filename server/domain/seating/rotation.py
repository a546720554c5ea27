"""Structured first plans: travellers move around the tables along rows of offsets.

Travellers sit in layers of one per table; traveller (layer a, start s) sits at table
s + f_a(r) in round r, hosts stay (their row is all zeros). Two rows a, b keep everyone
from meeting twice when f_a(r) - f_b(r) differs from round to round, and a row keeps
its travellers from returning when f_a(r) itself does: a set of such rows (a difference
array over the tables) gives a plan without any repeat. Rows come from steps (k*r mod
T), from the field of T elements when T is a power of two (a*r over GF(2^m), tables
numbered as bits, with XOR), or from a short bounded search. When there are more layers
than rows, layers share a row: their travellers of one table then travel as pairs, which
is what the best plans do when repeats cannot be avoided (12 people at 3 tables).
"""

import time
from collections import Counter
from math import gcd

from .model import Plan, Request, size_bounds

# An irreducible polynomial of degree m for each field of 2^m elements, as bits.
POLYNOMIALS = {2: 0b11, 4: 0b111, 8: 0b1011, 16: 0b10011, 32: 0b100101, 64: 0b1000011,
               128: 0b10001001}
NODES = 20_000  # cells tried at most by the search for rows
# Cells tried at most by the search for coloured rows: those found took under 1,000
# cells (3 ms) on the benchmark's cafés; one not found may cost 20 µs a cell.
COLOURED = 4_000


def _distinct(k: int, tables: int, rounds: int) -> bool:
    """True if moving k tables a round never brings one back within `rounds` rounds."""
    return k % tables != 0 and tables // gcd(k, tables) >= rounds


def step_rows(tables: int, rounds: int) -> list[list[int]]:
    """Rows k*r for steps k pairwise compatible (then the others, which clash)."""
    good = [k for k in range(1, tables) if _distinct(k, tables, rounds)]
    chosen: list[int] = []
    for k in good:
        if all(_distinct(k - c, tables, rounds) for c in chosen):
            chosen.append(k)
    return [[k * r % tables for r in range(rounds)] for k in chosen]


def _multiply(a: int, b: int, tables: int) -> int:
    """a*b in the field of `tables` elements (a power of two), numbers read as bits."""
    product, poly = 0, POLYNOMIALS[tables]
    while b:
        if b & 1:
            product ^= a
        b >>= 1
        a <<= 1
        if a & tables:
            a ^= poly
    return product


def field_rows(tables: int, rounds: int) -> list[list[int]]:
    """Rows a*r over GF(tables): every pair compatible, as many as tables less one."""
    if tables not in POLYNOMIALS or rounds > tables:
        return []
    return [[_multiply(a, r, tables) for r in range(rounds)] for a in range(1, tables)]


def searched_rows(tables: int, rounds: int, wanted: int, deadline: float) -> list[list[int]]:
    """Rows over Z_T found by backtracking, cell by cell: as many as `wanted` if it can."""
    rows: list[list[int]] = [[0] * rounds]  # the hosts' row
    best: list[list[int]] = []
    nodes = 0

    def fits(row: list[int], value: int) -> bool:
        r = len(row)
        return all(all((value - other[r]) % tables != (row[i] - other[i]) % tables
                       for i in range(r)) for other in rows)

    def extend(row: list[int]) -> bool:
        nonlocal nodes, best
        if len(row) == rounds:
            rows.append(row)
            if len(rows) - 1 > len(best):
                best = [list(x) for x in rows[1:]]
            if len(rows) - 1 >= wanted or extend([0]):
                return True
            rows.pop()
            return False
        for value in range(1, tables):
            nodes += 1
            if nodes > NODES or (nodes % 64 == 0 and time.monotonic() > deadline):
                nodes = NODES + 1  # out of time: no frame goes on either
                return False
            if fits(row, value) and extend([*row, value]):
                return True
        return False

    if rounds <= tables:
        extend([0])
    return best[:wanted]


def coloured_rows(tables: int, rounds: int, slots: list[list[int]], hosts: list[int],
                  deadline: float, xor: bool = False) -> list[list[int]] | None:
    """Rows, offsets of round 0 included, that seat no two of one organisation together:
    slots[a][s] is the organisation (a bit) of the traveller of layer a who starts at
    table s, hosts[t] that of table t's host (0 for none). Searched round by round, layer
    by layer, keeping every row pair free of repeats; None if not found in time. Tables
    combine by XOR with `xor` (a power of two tables), else modulo their number."""
    def at_(s: int, v: int) -> int:
        return s ^ v if xor else (s + v) % tables

    def gap(u: int, v: int) -> int:
        return u ^ v if xor else (u - v) % tables

    layers = len(slots)
    rows = [[0] * rounds for _ in range(layers)]
    seated = [list(hosts) for _ in range(rounds)]  # organisations at each table, as bits
    nodes = 0

    def fits(r: int, a: int, value: int) -> bool:
        row = rows[a]
        if any(row[i] == value for i in range(r)):
            return False  # back at a table
        for b in range(a):
            apart = gap(value, rows[b][r])
            if any(gap(row[i], rows[b][i]) == apart for i in range(r)):
                return False  # two layers meeting again
        at = seated[r]
        return not any(bit & at[at_(s, value)] for s, bit in enumerate(slots[a]))

    def place(cell: int) -> bool:
        nonlocal nodes
        if cell == rounds * layers:
            return True
        r, a = divmod(cell, layers)
        at = seated[r]
        for value in range(tables):
            nodes += 1
            if nodes > COLOURED or (nodes % 64 == 0 and time.monotonic() > deadline):
                nodes = COLOURED + 1  # out of time: no frame goes on either
                return False
            if not fits(r, a, value):
                continue
            rows[a][r] = value
            for s, bit in enumerate(slots[a]):
                at[at_(s, value)] |= bit
            if place(cell + 1):
                return True
            for s, bit in enumerate(slots[a]):
                at[at_(s, value)] &= ~bit
        return False

    if (xor and tables not in POLYNOMIALS) or (rounds > 1 and layers >= tables):
        return None  # no group; or more layers than rows free of repeats can be
    return rows if rounds <= tables and place(0) else None


def plan_rows(tables: int, rounds: int, wanted: int, deadline: float) -> tuple[list, bool]:
    """The most compatible rows found (up to `wanted`), and whether they combine by XOR."""
    rounds = min(rounds, tables)  # after `tables` rounds everyone has seen every table
    options = [(step_rows(tables, rounds), False), (field_rows(tables, rounds), True)]
    if max(len(rows) for rows, _ in options) < wanted:
        options.append((searched_rows(tables, rounds, wanted, deadline), False))
    rows, xor = max(options, key=lambda option: min(len(option[0]), wanted))
    return rows[:wanted], xor


def rotation_plan(request: Request, travellers: list[str], deadline: float,
                  colour: bool = False, xor: bool = False) -> Plan | None:
    """Return the structured plan for a fresh start, or None where it does not apply.

    Travellers fill the layers in the order given; with `colour`, the rows are searched
    to keep colleagues apart too (travellers grouped by organisation suit it: a layer
    never meets itself), tables combining by XOR with `xor`, and None is returned if none
    are found in time.
    """
    tables = [t.id for t in request.tables]
    count = len(tables)
    rounds = request.rounds - request.first + 1
    if request.history or request.pins or count < 2 or not travellers:
        return None
    present = {p.id: p.organisation.casefold().strip() for p in request.people}
    hosts = {t.host: t.id for t in request.tables if t.host in present}
    layers = -(-len(travellers) // count)
    if colour:
        names = sorted(set(present.values()) - {""})
        bit = {name: 1 << i for i, name in enumerate(names)} | {"": 0}
        slots = [[bit[present[travellers[i]]] if i < len(travellers) else 0
                  for i in range(a * count, (a + 1) * count)] for a in range(layers)]
        host_bits = [0] * count
        for pid, tid in hosts.items():
            host_bits[tables.index(tid)] = bit[present[pid]]
        rows = coloured_rows(count, rounds, slots, host_bits, deadline, xor)
    else:
        rows, xor = plan_rows(count, rounds, layers, deadline)
    if not rows:
        return None
    plan: Plan = {request.first + r: dict(hosts) for r in range(rounds)}
    for index, pid in enumerate(travellers):
        layer, start = divmod(index, count)
        row = rows[layer % len(rows)]
        for r in range(rounds):
            offset = row[r % len(row)]  # past `count` rounds, every table has been seen
            plan[request.first + r][pid] = tables[(start ^ offset) if xor
                                                  else (start + offset) % count]
    bounds = size_bounds(request.tables, len(request.people), Counter(hosts.values()))
    if not all(bounds.fits(Counter(seating.values())) for seating in plan.values()):
        return None  # sizes would not be balanced (tables without a host, capacities)
    return plan
