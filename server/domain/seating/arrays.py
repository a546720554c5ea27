"""The search's state in flat integer arrays: seats, meetings, colleagues, visits.

People, tables, organisations and rounds are numbered. `met[p * P + q]` counts how often
p and q met (history included), `orgs[r][t * K + o]` the members of organisation o at
table t in round r, `vis[p * V + t]` p's visits to table t. A swap's cost is then read
from the two tables' members alone, with list indexing only: the same reads through
dicts and Counters made the search about fifteen times slower.
"""

from collections import defaultdict

from .model import Plan, Request

REPEAT = 1000
COLLEAGUE = 10
MOVED = 3  # a seat someone was told, changed: less than a colleague, so never kept at that price
REVISIT = 1_000_000


class Flat:
    """A whole plan of the rounds to come, with the counters that price a swap."""

    def __init__(self, request: Request, plan: Plan, fixed: set[tuple[int, str]],
                 previous: Plan | None = None):
        self.ids = list(dict.fromkeys(p.id for p in request.people))
        index = {pid: i for i, pid in enumerate(self.ids)}
        self.tables = [t.id for t in request.tables]
        self.T = len(self.tables)
        where = {tid: i for i, tid in enumerate(self.tables)}
        names = sorted({p.organisation.casefold().strip() for p in request.people} - {""})
        org_of = {p.id: p.organisation.casefold().strip() for p in request.people}
        self.org = [names.index(org_of[pid]) if org_of[pid] else -1 for pid in self.ids]
        self.K = max(1, len(names))
        self.numbers = list(range(request.first, request.rounds + 1))
        self.R = len(self.numbers)
        P = self.P = len(self.ids)
        hosts = {t.host for t in request.tables if t.host}
        self.host = [pid in hosts for pid in self.ids]
        self.met = [0] * (P * P)
        # History: old tables no longer here still count as tables seen.
        self.history: list[list[int]] = [[] for _ in range(P)]
        for _, seating in sorted(request.history.items()):
            groups = defaultdict(list)
            for pid, tid in seating.items():
                if pid in index:
                    where.setdefault(tid, len(where))
                    groups[where[tid]].append(index[pid])
                    self.history[index[pid]].append(where[tid])
            for members in groups.values():
                self._meet(members, 1)
        self.V = len(where)
        self.vis = [0] * (P * self.V)
        for p, route in enumerate(self.history):
            for t in route:
                self.vis[p * self.V + t] += 1
        # Past this many rounds, seeing a table again is allowed once all were seen:
        # such routes are priced by walking them (rare: more rounds than tables).
        self.long = [len(route) + self.R > self.T for route in self.history]
        self.seat = [[0] * P for _ in self.numbers]
        self.members = [[[] for _ in self.tables] for _ in self.numbers]
        self.orgs = [[0] * (self.T * self.K) for _ in self.numbers]
        for r, number in enumerate(self.numbers):
            for pid, tid in plan[number].items():
                p, t = index[pid], where[tid]
                self.seat[r][p] = t
                self.members[r][t].append(p)
                self.vis[p * self.V + t] += 1
                if self.org[p] >= 0:
                    self.orgs[r][t * self.K + self.org[p]] += 1
            for members in self.members[r]:
                self._meet(members, 1)
        self.fixed = [bytearray(P) for _ in self.numbers]
        for number, pid in fixed:
            if pid in index and number in self.numbers:
                self.fixed[number - request.first][index[pid]] = 1
        self.movable = [[p for p in range(P) if not self.fixed[r][p]] for r in range(self.R)]
        free = set(range(P))
        for r in range(self.R):
            free -= {p for p in range(P) if self.fixed[r][p]}
        self.free = sorted(free)  # who may change their whole route
        self.prev = None
        if previous:
            self.prev = [[where.get((previous.get(n) or {}).get(pid), -1) for pid in self.ids]
                         for n in self.numbers]
        self.recount()

    def recount(self) -> None:
        """Count the whole cost again (after changes made without pricing them)."""
        figures = self.figures()
        self.moved = figures[3]
        self.total = self.cost(figures)

    def _meet(self, members: list[int], step: int) -> None:
        met, P = self.met, self.P
        for i, a in enumerate(members):
            for b in members[i + 1:]:
                met[a * P + b] += step
                met[b * P + a] += step

    # --- measuring ---------------------------------------------------------------------

    def revisits(self, p: int, r: int = -1, t: int = -1) -> int:
        """How often p's route goes back to a table while another is unseen (with p at
        table t in round index r, if given)."""
        if self.host[p]:
            return 0
        seats = [s[p] for s in self.seat]
        if r >= 0:
            seats[r] = t
        seen: set[int] = set()
        broken = 0
        for table in self.history[p] + seats:
            if table in seen and len(seen) < self.T:
                broken += 1
            seen.add(table)
        return broken

    def figures(self) -> tuple[int, int, int, int]:
        """Repeats, colleagues, returns and seats moved from the previous plan."""
        met, P = self.met, self.P
        # Each pair is counted twice, and each pair that met n > 0 times repeated n - 1.
        repeats = (sum(met) - (len(met) - met.count(0))) // 2
        colleagues = sum(n * (n - 1) // 2 for counts in self.orgs for n in counts)
        returns = sum(self.revisits(p) for p in range(P))
        moved = 0
        if self.prev:
            moved = sum(1 for r in range(self.R) for p in range(P)
                        if self.prev[r][p] >= 0 and self.seat[r][p] != self.prev[r][p])
        return repeats, colleagues, returns, moved

    def cost(self, figures: tuple[int, int, int, int] | None = None) -> int:
        """The whole plan's cost, history included (the same for every candidate)."""
        repeats, colleagues, returns, moved = figures or self.figures()
        return repeats * REPEAT + colleagues * COLLEAGUE + returns * REVISIT + moved * MOVED

    def delta(self, r: int, p: int, q: int) -> int:
        """The change in cost if p and q exchange their tables in round index r."""
        seat = self.seat[r]
        x, y = seat[p], seat[q]
        met, P = self.met, self.P
        mp, mq = p * P, q * P
        repeats = 0
        for o in self.members[r][x]:
            if o != p:
                repeats += (met[mq + o] > 0) - (met[mp + o] > 1)
        for o in self.members[r][y]:
            if o != q:
                repeats += (met[mp + o] > 0) - (met[mq + o] > 1)
        cost = repeats * REPEAT
        a, b = self.org[p], self.org[q]
        if a != b:
            counts, K = self.orgs[r], self.K
            same = 0
            if a >= 0:
                same += counts[y * K + a] - counts[x * K + a] + 1
            if b >= 0:
                same += counts[x * K + b] - counts[y * K + b] + 1
            cost += same * COLLEAGUE
        cost += (self._return(r, p, x, y) + self._return(r, q, y, x)) * REVISIT
        prev = self.prev
        if prev:
            was_p, was_q = prev[r][p], prev[r][q]
            if was_p >= 0:
                cost += ((y != was_p) - (x != was_p)) * MOVED
            if was_q >= 0:
                cost += ((x != was_q) - (y != was_q)) * MOVED
        return cost

    def route_delta(self, p: int, q: int) -> int | None:
        """The change in cost if p and q exchanged their whole routes, when only
        colleagues can change (no history, no previous plan); else None."""
        if self.prev or self.history[p] or self.history[q]:
            return None
        a, b = self.org[p], self.org[q]
        if a == b:
            return 0
        K, same = self.K, 0
        for r in range(self.R):
            x, y = self.seat[r][p], self.seat[r][q]
            if x != y:
                counts = self.orgs[r]
                if a >= 0:
                    same += counts[y * K + a] - counts[x * K + a] + 1
                if b >= 0:
                    same += counts[x * K + b] - counts[y * K + b] + 1
        # Meetings and returns only change hands: every route is still carried once.
        return same * COLLEAGUE

    def _return(self, r: int, p: int, x: int, y: int) -> int:
        """The change in p's returns if p sat at y instead of x in round index r."""
        if self.host[p]:
            return 0
        if self.long[p]:
            return self.revisits(p, r, y) - self.revisits(p)
        # A route no longer than the tables returns (length - distinct tables) times.
        base = p * self.V
        return (self.vis[base + x] == 1) - (self.vis[base + y] == 0)

    # --- changing ----------------------------------------------------------------------

    def swap(self, r: int, p: int, q: int, delta: int = 0) -> None:
        """Exchange p's and q's tables in round index r (`delta`: its cost, if known)."""
        seat = self.seat[r]
        x, y = seat[p], seat[q]
        self._move(r, p, x, y, q)
        self._move(r, q, y, x, p)
        self.total += delta

    def _move(self, r: int, p: int, x: int, y: int, skip: int) -> None:
        met, P = self.met, self.P
        mp = p * P
        members = self.members[r]
        members[x].remove(p)
        for o in members[x]:
            if o != skip:  # the other half of the swap: never met here
                met[mp + o] -= 1
                met[o * P + p] -= 1
        for o in members[y]:
            if o != skip:
                met[mp + o] += 1
                met[o * P + p] += 1
        members[y].append(p)
        self.seat[r][p] = y
        base = p * self.V
        self.vis[base + x] -= 1
        self.vis[base + y] += 1
        if self.prev and self.prev[r][p] >= 0:
            was = self.prev[r][p]
            self.moved += (y != was) - (x != was)
        org = self.org[p]
        if org >= 0:
            self.orgs[r][x * self.K + org] -= 1
            self.orgs[r][y * self.K + org] += 1

    def snapshot(self) -> list[list[int]]:
        """The seats, to come back to."""
        return [list(s) for s in self.seat]

    def restore(self, seats: list[list[int]]) -> None:
        """Go back to seats taken by `snapshot`, by swaps (the counters follow)."""
        for r, target in enumerate(seats):
            seat = self.seat[r]
            for p in range(self.P):
                if seat[p] == target[p]:
                    continue
                # Someone sits where p belongs and belongs elsewhere: exchange them.
                q = next(o for o in self.members[r][target[p]] if seat[o] != target[o])
                self.swap(r, p, q)
        self.recount()

    def result(self) -> Plan:
        """The plan as the rest of the app knows it."""
        return {n: {pid: self.tables[self.seat[r][p]] for p, pid in enumerate(self.ids)}
                for r, n in enumerate(self.numbers)}
