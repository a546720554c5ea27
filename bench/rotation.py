"""The seating planner against proven optima, on the sizes of real workshops.

    .venv/bin/python bench/rotation.py [--seeds 5] [--quick]

Each café has a host per table (person j hosts table j) and organisation i mod K for
person i. For each, over several seeds at the app's default budget, prints the repeated
meetings and colleagues found beside the proven optimum, the rules broken (checked here,
independently of the planner's own scoring: must be 0) and the time, wall and CPU.

The optimum is proven by a lower bound that a plan meets: repeats by the planner's
counting/moving bound, colleagues by the water-filling below (each organisation spread
over the tables, hosts where they are, no table over its seats for travellers); for
12/3/3 by an exhaustive search of every plan. Where no run meets the bound, the column
says "≥ bound". Then: re-plans after arrivals and departures (keeping seats, and
afresh), and cafés where capacities make the no-return rule impossible (every part of
the planner, the exact fallback included, must keep to the budget). The machine's load
shows in the wall times: the CPU times say what the planner itself took.
"""

import argparse
import random
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from server.domain.seating import Person, Request, Seat, plan, replan
from server.domain.seating.metrics import repeat_lower_bound

# people, tables, rounds, organisations
CAFES = [(12, 3, 3, 5), (30, 5, 3, 5), (30, 5, 3, 6), (60, 10, 4, 8), (150, 25, 3, 12),
         (500, 50, 6, 20), (64, 8, 5, 8)]
BUDGET = Request([], [], 1).budget  # the app's default


def workshop(people: int, tables: int, orgs: int, drawn: random.Random | None = None):
    """Person j hosts table j; person i belongs to organisation i mod `orgs`, or to one
    drawn at random with `drawn` (as people come to a real café)."""
    everyone = [Person(f"p{i}", f"Org {drawn.randrange(orgs) if drawn else i % orgs}")
                for i in range(people)]
    capacity = -(-people // tables) + 2
    seats = [Seat(f"t{j}", host=f"p{j}", capacity=capacity) for j in range(tables)]
    return everyone, seats


def verify(whole: dict, everyone, seats, first: int = 1) -> tuple[int, int, list[str]]:
    """Check the hard rules on a whole plan, rounds in order, and count repeats and
    colleagues: written apart from the planner's metrics, so that one checks the other.
    Rounds before `first` are history: people who came later are not in them."""
    broken = []
    org = {p.id: p.organisation for p in everyone}
    present = set(org)
    seen: dict[str, list[str]] = defaultdict(list)
    pairs: Counter = Counter()
    colleagues = 0
    for number in sorted(whole):
        seating = whole[number]
        played = number < first  # history: people came and went since
        if set(seating) != present and not played:
            broken.append(f"round {number}: not everyone seated once")
        tables: dict[str, list[str]] = defaultdict(list)
        for pid, tid in seating.items():
            tables[tid].append(pid)
        for seat in seats:
            if seat.host in present and seating.get(seat.host) != seat.id:
                broken.append(f"round {number}: host {seat.host} moved")
            if len(tables[seat.id]) > seat.capacity:
                broken.append(f"round {number}: {seat.id} over capacity")
        open_sizes = [len(tables[s.id]) for s in seats if len(tables[s.id]) < s.capacity]
        if (open_sizes and not played
                and max(len(tables[s.id]) for s in seats) - min(open_sizes) > 1):
            broken.append(f"round {number}: sizes differ by more than one")
        for pid, tid in seating.items():
            hosts = {s.host for s in seats}
            if pid not in hosts and tid in seen[pid] and len(set(seen[pid])) < len(seats):
                broken.append(f"round {number}: {pid} back at {tid}")
            seen[pid].append(tid)
        for members in tables.values():
            for i, a in enumerate(members):
                for b in members[i + 1:]:
                    pairs[min(a, b), max(a, b)] += 1
                    colleagues += bool(org[a]) and org[a] == org[b]
    return sum(n - 1 for n in pairs.values()), colleagues, broken


def colleague_floor(everyone, seats, rounds: int) -> int:
    """Colleagues no plan avoids: each organisation's travellers poured, one at a time,
    where they add the fewest pairs (a table hosted by a colleague starts at one), each
    table taking at most its travellers' share. A bound: tables compete for nobody."""
    hosts = {s.host: s.id for s in seats}
    org = {p.id: p.organisation for p in everyone}
    size = -(-len(everyone) // len(seats))  # the most a table holds in a balanced round
    total = 0
    for name in set(org.values()):
        at = Counter(hosts[p] for p in hosts if org[p] == name)
        travellers = sum(1 for p in org if org[p] == name and p not in hosts)
        room = {s.id: size - 1 for s in seats}  # a host each
        count = dict(at)
        for _ in range(travellers):
            tid = min((t for t in room if room[t] > 0), key=lambda t: count.get(t, 0))
            total += count.get(tid, 0)
            count[tid] = count.get(tid, 0) + 1
            room[tid] -= 1
    return total * rounds


def exhaustive(everyone, seats, rounds: int) -> tuple[int, int]:
    """The best (repeats, colleagues) over every plan keeping the rules (12/3/3 only)."""
    from itertools import combinations, product

    hosts = {t.host: t.id for t in seats}
    travellers = [p.id for p in everyone if p.id not in hosts]
    tables = [t.id for t in seats]
    per_table = len(travellers) // len(tables)
    best = None

    def first_rounds():
        for group in combinations(travellers[1:], per_table - 1):  # travellers[0] at table 0
            first = (travellers[0], *group)
            rest = [p for p in travellers if p not in first]
            for second in combinations(rest, per_table):
                third = [p for p in rest if p not in second]
                yield {**dict.fromkeys(first, tables[0]), **dict.fromkeys(second, tables[1]),
                       **dict.fromkeys(third, tables[2])}

    for r1 in first_rounds():
        for choice in product(range(len(tables) - 1), repeat=len(travellers)):
            r2 = {p: [t for t in tables if t != r1[p]][c]
                  for p, c in zip(travellers, choice, strict=True)}
            if set(Counter(r2.values()).values()) != {per_table}:
                continue
            r3 = {p: next(t for t in tables if t not in (r1[p], r2[p])) for p in travellers}
            if set(Counter(r3.values()).values()) != {per_table}:
                continue
            found = verify({1: {**hosts, **r1}, 2: {**hosts, **r2}, 3: {**hosts, **r3}},
                           everyone, seats)
            best = min(best or found[:2], found[:2])
    return best


def timed(request: Request):
    wall, cpu = time.perf_counter(), time.process_time()
    result = plan(request)
    return result, time.perf_counter() - wall, time.process_time() - cpu


def cafes(seeds: list[int], quick: bool, drawn: bool) -> None:
    print(f"\norganisations: {'drawn at random (seed 1)' if drawn else 'person i in i mod K'}")
    print(f"{'café':>14} | {'optimum':>12} | {'repeats':>16} {'colleagues':>20} "
          f"{'broken':>6} | {'wall max':>8} {'cpu max':>7}")
    for people, tables, rounds, orgs in CAFES:
        everyone, seats = workshop(people, tables, orgs, random.Random(1) if drawn else None)
        found, walls, cpus, broken = [], [], [], 0
        for seed in seeds:
            result, wall, cpu = timed(Request(everyone, seats, rounds, seed=seed))
            repeats, colleagues, problems = verify(result, everyone, seats)
            found.append((repeats, colleagues))
            walls.append(wall)
            cpus.append(cpu)
            broken += len(problems)
        rep_floor = repeat_lower_bound(result, seats)
        col_floor = colleague_floor(everyone, seats, rounds)
        if (people, tables, rounds) == (12, 3, 3) and not quick:
            best = exhaustive(everyone, seats, rounds)
            optimum = f"{best[0]}, {best[1]} (all)"
        elif min(found) == (rep_floor, col_floor):
            optimum = f"{rep_floor}, {col_floor}"
        else:
            optimum = f"≥ {rep_floor}, ≥ {col_floor}"
        name = f"{people}/{tables}/{rounds}, {orgs}"
        print(f"{name:>14} | {optimum:>12} | {[r for r, _ in found]!s:>16} "
              f"{[c for _, c in found]!s:>20} {broken:>6} | {max(walls):>7.2f}s "
              f"{max(cpus):>6.2f}s")


def latecomers(seeds: list[int]) -> None:
    """Rounds played, then some arrive and some leave. The re-plan the app makes (kept
    seats, and a fresh plan to compare, in one budget), beside a fresh plan made on its
    own with the whole budget: the issue's case (500/50/6, round 3, 20 in, 15 out), and a
    denser one where no-repeat plans are rare (60/10/4 at round 2, 6 in, 4 out)."""
    for people, tables, rounds, orgs, played, come, go in [(500, 50, 6, 20, 2, 20, 15),
                                                           (60, 10, 4, 8, 1, 6, 4)]:
        print(f"\n{people}/{tables}/{rounds}, {orgs} orgs: after round {played}, {come} arrive "
              f"and {go} leave; figures of the whole plan: repeats, colleagues (; seats moved)")
        print(f"{'seed':>4} | {'re-plan: kept':>15} {'its fresh':>9} {'wall':>6} {'cpu':>6} | "
              f"{'fresh alone':>11} {'wall':>6} {'cpu':>6} | {'within 10%':>10} {'broken':>6}")
        everyone, seats = workshop(people, tables, orgs)
        for seed in seeds:
            first = plan(Request(everyone, seats, rounds, seed=seed))
            rng = random.Random(seed)
            hosts = {s.host for s in seats}
            leaving = set(rng.sample([p.id for p in everyone if p.id not in hosts], go))
            now = [p for p in everyone if p.id not in leaving]
            now += [Person(f"p{people + i}", f"Org {(people + i) % orgs}") for i in range(come)]
            present = {p.id for p in now}
            history = {n: {p: t for p, t in first[n].items() if p in present}
                       for n in range(1, played + 1)}
            later = Request(now, seats, rounds, first=played + 1, history=history, seed=seed,
                            previous={n: s for n, s in first.items() if n > played})
            wall, cpu = time.perf_counter(), time.process_time()
            options = replan(later)
            wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
            later.previous = None
            fresh, fwall, fcpu = timed(later)
            k = verify({**history, **options.kept.plan}, now, seats, first=played + 1)
            f = verify({**history, **fresh}, now, seats, first=played + 1)
            alt = options.fresh
            alt_text = f"{alt.repeats}, {alt.colleagues}" if alt else "(bounds)"
            near = all(mine <= theirs * 1.1 for mine, theirs in zip(k[:2], f[:2], strict=True))
            kept = f"{k[0]}, {k[1]}; {options.kept.moved}"
            print(f"{seed:>4} | {kept:>15} {alt_text:>9} {wall:>5.2f}s {cpu:>5.2f}s | "
                  f"{f'{f[0]}, {f[1]}':>11} {fwall:>5.2f}s {fcpu:>5.2f}s | {near!s:>10} "
                  f"{len(k[2]) + len(f[2]):>6}")


def tight(seeds: list[int]) -> None:
    """Tables of very different capacities: no one can see every table, so the no-return
    rule cannot hold, and every part of the planner must still keep to the budget."""
    print("\nNo-return impossible (a big table and small ones, a host each): time")
    for people, capacities, rounds in [(30, (10, 10, 10, 2), 4), (100, (60, 20, 20, 2), 4)]:
        everyone = [Person(f"p{i}", f"Org {i % 4}") for i in range(people)]
        seats = [Seat(f"t{j}", f"p{j}", c) for j, c in enumerate(capacities)]
        for seed in seeds:
            result, wall, cpu = timed(Request(everyone, seats, rounds, seed=seed))
            problems = [p for p in verify(result, everyone, seats)[2] if "back at" not in p]
            print(f"  {people} at {capacities}, {rounds} rounds, seed {seed}: {wall:.2f}s wall, "
                  f"{cpu:.2f}s CPU (budget {BUDGET}s); other rules broken: {len(problems)}")


def speed() -> None:
    """How many swaps the search prices, and makes, in a second of CPU (500/50/6)."""
    from server.domain.seating.search import build

    everyone, seats = workshop(500, 50, 20)
    request = Request(everyone, seats, 6)
    rng = random.Random(1)
    flat = build(request, rng, None)
    pairs = []
    for _ in range(100_000):
        r = rng.randrange(flat.R)
        p, q = rng.sample(flat.movable[r], 2)
        if flat.seat[r][p] != flat.seat[r][q]:
            pairs.append((r, p, q))
    cpu = time.process_time()
    for r, p, q in pairs:
        flat.delta(r, p, q)
    priced = len(pairs) / (time.process_time() - cpu)
    cpu = time.process_time()
    for r, p, q in pairs[:20_000]:
        flat.swap(r, p, q)
    made = 20_000 / (time.process_time() - cpu)
    print(f"\nspeed, 500/50/6: {priced:,.0f} swaps priced and {made:,.0f} made a second of CPU")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=5)
    parser.add_argument("--quick", action="store_true", help="skip the exhaustive search")
    parser.add_argument("--drawn", action="store_true",
                        help="organisations drawn at random rather than i mod K")
    parser.add_argument("--only", choices=["cafes", "latecomers", "tight", "speed"])
    args = parser.parse_args()
    seeds = list(range(1, args.seeds + 1))
    print(f"default budget {BUDGET}s, seeds {seeds}")
    if args.only in (None, "cafes"):
        cafes(seeds, args.quick, args.drawn)
    if args.only in (None, "latecomers"):
        latecomers(seeds)
    if args.only in (None, "tight"):
        tight(seeds)
    if args.only in (None, "speed"):
        speed()


if __name__ == "__main__":
    main()
