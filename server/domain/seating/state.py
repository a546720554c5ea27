"""A first plan, built round by round: who sits where, and who met whom so far.

Fixed people first (hosts, pins), then the wishes (a previous plan, a structured one) as
far as the sizes allow, then the rest greedily where they meet the fewest people seen
before and colleagues, then a repair of anyone left at a table they have seen. The
search (`arrays.Flat`) takes it from there.
"""

import random
from collections import Counter, defaultdict

from .arrays import COLLEAGUE, REPEAT
from .model import Plan, Request, size_bounds


class PlanState:
    """A plan being built, with who met whom (history included) to seat people well."""

    def __init__(self, request: Request, rng: random.Random):
        self.req = request
        self.rng = rng
        self.org = {p.id: p.organisation.casefold().strip() for p in request.people}
        self.tables = [t.id for t in request.tables]
        self.hosts = {t.host: t.id for t in request.tables if t.host and t.host in self.org}
        self.rounds = list(range(request.first, request.rounds + 1))
        self.route: dict[str, dict[int, str]] = defaultdict(dict)
        self.met: dict[str, Counter] = defaultdict(Counter)
        for number, seating in sorted(request.history.items()):
            for pid, tid in seating.items():
                self.route[pid][number] = tid
            self._meet(seating.items())
        self.members = {r: {t: [] for t in self.tables} for r in self.rounds}
        self.orgs = {r: {t: Counter() for t in self.tables} for r in self.rounds}
        self.fixed: set[tuple[int, str]] = set()
        self.kept: set[tuple[int, str]] = set()  # seats taken from the wishes

    # --- bookkeeping -------------------------------------------------------------------

    def _meet(self, seating, step: int = 1) -> None:
        by_table = defaultdict(list)
        for pid, tid in seating:
            by_table[tid].append(pid)
        for members in by_table.values():
            for i, a in enumerate(members):
                for b in members[i + 1:]:
                    self.met[a][b] += step
                    self.met[b][a] += step

    def put(self, number: int, pid: str, tid: str) -> None:
        for other in self.members[number][tid]:
            self.met[pid][other] += 1
            self.met[other][pid] += 1
        self.members[number][tid].append(pid)
        self.route[pid][number] = tid
        if self.org[pid]:
            self.orgs[number][tid][self.org[pid]] += 1

    def take(self, number: int, pid: str) -> str:
        tid = self.route[pid].pop(number)
        self.members[number][tid].remove(pid)
        for other in self.members[number][tid]:
            self.met[pid][other] -= 1
            self.met[other][pid] -= 1
        if self.org[pid]:
            self.orgs[number][tid][self.org[pid]] -= 1
        return tid

    # --- the first plan ----------------------------------------------------------------

    def build(self, wishes: Plan | None = None) -> None:
        """Seat every round in turn: fixed people, then wishes, then the rest greedily.

        `wishes` is an earlier plan to keep as far as the rules allow (a re-plan changes
        little of what people were told) or a ready-made structured plan.
        """
        people = list(self.org)
        for number in self.rounds:
            fixed = {pid: tid for pid, tid in self.hosts.items()}
            fixed.update({pid: tid for (n, pid), tid in self.req.pins.items()
                          if n == number and pid in self.org})
            bounds = size_bounds(self.req.tables, len(people), Counter(fixed.values()))
            seated = Counter()
            for pid, tid in fixed.items():
                self.put(number, pid, tid)
                self.fixed.add((number, pid))
                seated[tid] += 1
            extras = bounds.extra - sum(max(0, seated[t] - bounds.low[t]) for t in self.tables)
            wished = list((wishes or {}).get(number, {}).items())
            self.rng.shuffle(wished)
            travellers = []
            for pid, tid in wished:
                if pid not in self.org or pid in fixed or tid not in bounds.low:
                    continue
                if seated[tid] < bounds.low[tid] or (
                        extras > 0 and tid in bounds.flexible and seated[tid] == bounds.low[tid]):
                    extras -= seated[tid] >= bounds.low[tid]
                    seated[tid] += 1
                    self.put(number, pid, tid)
                    self.kept.add((number, pid))
            travellers = [pid for pid in people if number not in self.route[pid]]
            fresh = {pid: self._fresh(pid, number) for pid in people if pid not in fixed}
            self._fill(number, travellers, fresh, bounds, seated, extras)
            self._repair(number, fresh, bounds)

    def _fill(self, number: int, travellers: list[str], fresh: dict[str, list[str]],
              bounds, seated: Counter, extras: int) -> None:
        """Seat the travellers left, the most constrained first, each where it costs least."""
        self.rng.shuffle(travellers)
        travellers.sort(key=lambda pid: len(fresh[pid]))
        # known[t][x]: how many people seated at t this round x has met before.
        known = {t: Counter() for t in self.tables}
        for tid in self.tables:
            for pid in self.members[number][tid]:
                known[tid].update(o for o, n in self.met[pid].items() if n > 0)
        orgs = self.orgs[number]

        def has_room(t: str) -> bool:
            return seated[t] < bounds.low[t] or (
                extras > 0 and t in bounds.flexible and seated[t] == bounds.low[t])

        free = {t for t in self.tables if has_room(t)}
        order = list(self.tables)
        self.rng.shuffle(order)
        rank = {t: i for i, t in enumerate(order)}  # breaks ties at random, fast
        for step, pid in enumerate(travellers):
            if self.req.tick and step % 64 == 0:
                self.req.tick()
            options = [t for t in fresh[pid] if t in free] or sorted(free)
            org = self.org[pid]
            best = min(options, key=lambda t: (
                ((known[t][pid] * REPEAT + (orgs[t][org] if org else 0) * COLLEAGUE) * 4
                 + seated[t] - bounds.low[t]) * 1024 + rank[t]))
            if seated[best] >= bounds.low[best]:
                extras -= 1
                if extras == 0:  # no extra seat left anywhere
                    free = {t for t in free if seated[t] < bounds.low[t]}
            seated[best] += 1
            if not has_room(best):
                free.discard(best)
            known[best].update(o for o, n in self.met[pid].items() if n > 0)
            self.put(number, pid, best)

    def _repair(self, number: int, fresh: dict[str, list[str]], bounds) -> None:
        """Send back to a new table whoever the greedy left at a visited one.

        A chain of moves keeps the sizes balanced: p goes to a table new to them, someone
        there goes on to a table new to them, ... until someone comes to p's old table,
        or to a table that may take an extra person if p's old table may give one up.
        Found by a breadth-first search over tables.
        """
        for p in list(fresh):
            start = self.route[p][number]
            if start in fresh[p] or (number, p) in self.fixed:
                continue
            size = {t: len(self.members[number][t]) for t in self.tables}
            spare = set()
            if start in bounds.flexible and size[start] > bounds.low[start]:
                spare = {t for t in bounds.flexible if size[t] == bounds.low[t]}
            ring = self._ring(number, p, start, fresh, spare)
            if ring is None:
                continue
            moves = [(pid, self.route[pid][number], target) for pid, target in ring]
            for pid, _, _ in moves:
                self.take(number, pid)
            for pid, _, target in moves:
                self.put(number, pid, target)

    def _ring(self, number: int, p: str, start: str, fresh: dict[str, list[str]],
              spare: set[str]) -> list[tuple[str, str]] | None:
        for t in fresh[p]:
            if t in spare:
                return [(p, t)]
        first = {t: [(p, t)] for t in fresh[p] if t != start}
        queue, seen = list(first), set(first) | {start}
        paths = dict(first)
        while queue:
            table = queue.pop(0)
            for mover in self.members[number][table]:
                if mover == p or (number, mover) in self.fixed or mover not in fresh:
                    continue
                for target in fresh[mover]:
                    if target == start or target in spare:
                        return [*paths[table], (mover, target)]
                    if target not in seen:
                        seen.add(target)
                        paths[target] = [*paths[table], (mover, target)]
                        queue.append(target)
        return None

    def _fresh(self, pid: str, number: int) -> list[str]:
        seen = {tid for n, tid in self.route[pid].items() if n < number}
        return [t for t in self.tables if t not in seen] or self.tables

    def result(self) -> Plan:
        """The plan built."""
        return {n: {pid: r[n] for pid, r in self.route.items() if n in r and pid in self.org}
                for n in self.rounds}
