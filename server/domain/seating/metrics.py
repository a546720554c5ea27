"""How good a seating plan is: repeated meetings, colleagues together, broken rules."""

from collections import Counter, defaultdict
from dataclasses import dataclass
from math import comb

from .model import Person, Plan, Request, Seat


@dataclass(frozen=True)
class Score:
    """The figures of a plan (history included)."""

    repeats: int  # meetings beyond the first of each pair
    colleagues: int  # pairs of one organisation at one table, summed over rounds
    revisits: int  # travellers back at a table while another was still unvisited
    hosts_moved: int
    over_capacity: int
    unbalanced: int  # rounds where table sizes differ by more than one (capacities allowing)


def score(plan: Plan, people: list[Person], tables: list[Seat]) -> Score:
    """Measure a whole plan, rounds in order."""
    org = {p.id: p.organisation.casefold().strip() for p in people}
    host_of = {t.host: t.id for t in tables if t.host}
    capacity = {t.id: t.capacity for t in tables}
    meetings: Counter = Counter()
    visited: dict[str, set] = defaultdict(set)
    colleagues = revisits = moved = over = unbalanced = 0
    for number in sorted(plan):
        seating = plan[number]
        by_table = defaultdict(list)
        for pid, tid in seating.items():
            by_table[tid].append(pid)
            if pid in host_of:
                moved += host_of[pid] != tid
            elif tid in visited[pid] and len(visited[pid]) < len(tables):
                revisits += 1
        for pid, tid in seating.items():
            visited[pid].add(tid)
        counts = [len(by_table.get(t.id, [])) for t in tables]
        room = [t for t in tables if len(by_table.get(t.id, [])) < t.capacity]
        if room and max(counts) - min(len(by_table.get(t.id, [])) for t in room) > 1:
            unbalanced += 1
        for tid, members in by_table.items():
            over += max(0, len(members) - capacity[tid])
            for i, a in enumerate(members):
                for b in members[i + 1:]:
                    meetings[frozenset((a, b))] += 1
                    colleagues += bool(org.get(a)) and org.get(a) == org.get(b)
    repeats = sum(n - 1 for n in meetings.values() if n > 1)
    return Score(repeats, colleagues, revisits, moved, over, unbalanced)


def _even_pairs(people: int, groups: int) -> int:
    """The fewest pairs sharing a group when `people` are spread over `groups`."""
    if groups <= 0:
        return comb(people, 2)
    base, extra = divmod(people, groups)
    return extra * comb(base + 1, 2) + (groups - extra) * comb(base, 2)


def repeat_lower_bound(plan: Plan, tables: list[Seat]) -> int:
    """Meetings that no plan with these table sizes can avoid repeating.

    Two bounds, the larger wins. Counting: more meetings than pairs must repeat. Moving:
    while travellers must change tables, the m travellers arriving at a table come from
    the other tables' groups of the round before, and some share one.
    """
    hosts = {t.host for t in tables if t.host}
    people = {pid for seating in plan.values() for pid in seating}
    meetings = sum(comb(n, 2) for seating in plan.values()
                   for n in Counter(seating.values()).values())
    possible = comb(len(people), 2) - comb(len(hosts & people), 2)  # hosts never share a table
    counting = max(0, meetings - possible)
    moving = 0
    numbers = sorted(plan)
    for index, number in enumerate(numbers[1:], start=1):
        if index >= len(tables) or numbers[index - 1] != number - 1:
            break  # once everyone has visited every table, travellers may come back
        arriving = Counter(tid for pid, tid in plan[number].items() if pid not in hosts)
        moving += sum(_even_pairs(m, len(tables) - 1) for m in arriving.values())
    return max(counting, moving)


def colleague_lower_bound(plan: Plan, people: list[Person], tables: list[Seat]) -> int:
    """Colleagues that must share a table however travellers are spread, hosts counted.

    Each round, each organisation's travellers are poured one level at a time: a table
    hosted by a colleague starts a level up, and no table takes more travellers than
    the round's largest table leaves it. Organisations do not compete for seats here,
    so this is a bound, met when the hosts' organisations leave room for everyone.
    """
    org = {p.id: p.organisation.casefold().strip() for p in people}
    host_at = {t.host: t.id for t in tables if t.host}
    total = 0
    cache: dict[tuple, int] = {}
    for seating in plan.values():
        hosts = tuple(sorted((org.get(h, ""), t) for h, t in host_at.items()
                             if seating.get(h) == t))
        largest = max(Counter(seating.values()).values(), default=0)
        travellers = tuple(sorted(Counter(org.get(pid, "") for pid in seating
                                          if pid not in host_at).items()))
        key = (hosts, largest, travellers)
        if key not in cache:
            cache[key] = _forced(dict(travellers), hosts, largest, [t.id for t in tables])
        total += cache[key]
    return total


def _forced(travellers: dict[str, int], hosts: tuple, largest: int, tables: list[str]) -> int:
    """The fewest colleague pairs in one round, each organisation on its own."""
    hosted = {t for _, t in hosts}
    total = 0
    for name, count in travellers.items():
        if not name:
            continue
        own = {t for o, t in hosts if o == name}
        # Level L holds one seat at every table with a colleague host below L+1 and room.
        level = 0
        while count > 0 and level < largest:
            seats = sum(1 for t in tables
                        if (t in own) <= level < largest - (t in hosted) + (t in own))
            placed = min(count, seats)
            total += placed * level
            count -= placed
            level += 1
    return total


def returns(request: Request, plan: Plan) -> int:
    """How many times a plan for `request` sends someone back to a table while another is
    unseen (its history included)."""
    present = {p.id for p in request.people}
    history = {n: {pid: t for pid, t in s.items() if pid in present}
               for n, s in request.history.items()}
    return score({**history, **plan}, request.people, request.tables).revisits
