"""The seating planner against a random rotation, on the sizes of real workshops.

    .venv/bin/python bench/rotation.py [--seed 1]

For each configuration (people / tables / rounds, with a host per table and people from
a few organisations), prints the repeated meetings with their lower bound (no plan can
do better; 0 means a plan without any repeat is possible), the colleagues seated
together with theirs, the rules broken (must be 0) and the planning time; then the
same for a random rotation computed in the same run, and the ratio between them. For
the smallest café, an exhaustive search of every plan gives the exact optimum.
"""

import argparse
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from server.domain.seating import Person, Request, Seat, plan, sizes
from server.domain.seating.metrics import (
    colleague_lower_bound,
    repeat_lower_bound,
    score,
)

CONFIGS = [(12, 3, 3, 5), (30, 5, 3, 5), (60, 10, 4, 8), (150, 25, 3, 12), (500, 50, 6, 20)]


def workshop(people: int, tables: int, orgs: int, rng: random.Random):
    everyone = [Person(f"p{i}", f"Org {rng.randrange(orgs)}") for i in range(people)]
    capacity = -(-people // tables) + 2
    seats = [Seat(f"t{i}", host=everyone[i].id, capacity=capacity) for i in range(tables)]
    return everyone, seats


def random_rotation(everyone, seats, rounds: int, rng: random.Random):
    """Hosts stay; everyone else is dealt at random into balanced tables each round."""
    hosts = {t.host: t.id for t in seats}
    travellers = [p.id for p in everyone if p.id not in hosts]
    from collections import Counter
    target = sizes(seats, len(everyone), Counter(hosts.values()))
    result = {}
    for number in range(1, rounds + 1):
        rng.shuffle(travellers)
        seating = dict(hosts)
        slots = [t.id for t in seats for _ in range(target[t.id] - 1)]
        seating.update(zip(travellers, slots, strict=True))
        result[number] = seating
    return result


def exhaustive(everyone, seats, rounds: int) -> tuple[int, int]:
    """The best (repeats, colleagues) over every plan keeping the rules (tiny cafés only)."""
    from collections import Counter
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
            s = score({1: {**hosts, **r1}, 2: {**hosts, **r2}, 3: {**hosts, **r3}}, everyone, seats)
            best = min(best or (s.repeats, s.colleagues), (s.repeats, s.colleagues))
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--quick", action="store_true", help="skip the exhaustive search")
    args = parser.parse_args()
    head = (f"{'people/tables/rounds':>21} {'orgs':>4} | {'repeats':>7} {'bound':>5} "
            f"{'colleagues':>10} {'bound':>5} {'broken':>6} {'time':>8} | {'random: repeats':>15} "
            f"{'colleagues':>10} | {'ratio rep.':>10} {'ratio coll.':>11}")
    print(head)
    print("-" * len(head))
    notes = []
    for people, tables, rounds, orgs in CONFIGS:
        rng = random.Random(args.seed)
        everyone, seats = workshop(people, tables, orgs, rng)
        started = time.perf_counter()
        ours = plan(Request(everyone, seats, rounds, seed=args.seed))  # the default budget
        took = time.perf_counter() - started
        mine = score(ours, everyone, seats)
        broken = mine.revisits + mine.hosts_moved + mine.over_capacity + mine.unbalanced
        chance = score(random_rotation(everyone, seats, rounds, rng), everyone, seats)
        ratio_r = f"{chance.repeats / mine.repeats:.1f}x" if mine.repeats else "∞ (0 repeats)"
        ratio_c = f"{chance.colleagues / mine.colleagues:.1f}x" if mine.colleagues else "∞"
        if (people, tables, rounds) == (12, 3, 3) and not args.quick:
            exact = exhaustive(everyone, seats, rounds)
            notes.append(f"12/3/3: exhaustive search over every plan: the optimum is "
                         f"{exact[0]} repeats, {exact[1]} colleagues; the planner found "
                         f"{mine.repeats} and {mine.colleagues}.")
        print(f"{people:>9}/{tables}/{rounds:<9} {orgs:>4} | {mine.repeats:>7} "
              f"{repeat_lower_bound(ours, seats):>5} {mine.colleagues:>10} "
              f"{colleague_lower_bound(ours, everyone, seats):>5} {broken:>6} "
              f"{took * 1000:>6.0f} ms | {chance.repeats:>15} {chance.colleagues:>10} | "
              f"{ratio_r:>10} {ratio_c:>11}")
    for note in notes:
        print(note)


if __name__ == "__main__":
    main()
