"""The planner's engine: start points, then descent and annealing over three moves.

Moves keep table sizes, so balance holds throughout: two people exchange tables in one
round; two people exchange tables in two rounds at once (the only move left when every
traveller visits every table exactly once); two people exchange whole routes (which
keeps every meeting count and only changes who carries which route: the move that
mixes organisations without creating repeats).
"""

import random
import time
from collections import Counter, defaultdict
from dataclasses import replace

from .exact import rule_keeping_plan
from .metrics import colleague_lower_bound, repeat_lower_bound, returns
from .model import Plan, Request
from .rotation import rotation_plan
from .state import COLLEAGUE, REPEAT, REVISIT, PlanState


class Improver(PlanState):
    """A plan with the moves that improve it."""

    def floor(self) -> int:
        """A cost no plan for this request can go below (history included)."""
        plan = {**self.req.history, **self.result()}
        history = sum(max(0, n - 1) for counts in self._history_met().values()
                      for n in counts.values()) // 2
        repeats = max(history, repeat_lower_bound(plan, self.req.tables))
        colleagues = colleague_lower_bound(self.result(), self.req.people, self.req.tables)
        return repeats * REPEAT + colleagues * COLLEAGUE

    def _history_met(self) -> dict[str, Counter]:
        met: dict[str, Counter] = defaultdict(Counter)
        for seating in self.req.history.values():
            by_table = defaultdict(list)
            for pid, tid in seating.items():
                by_table[tid].append(pid)
            for members in by_table.values():
                for i, a in enumerate(members):
                    for b in members[i + 1:]:
                        met[a][b] += 1
                        met[b][a] += 1
        return met

    def troubled(self, revisits_only: bool = False) -> list[tuple[int, str]]:
        """(round, person) pairs that cost something: a repeat, a colleague, a revisit."""
        out = []
        for number in [] if revisits_only else self.rounds:
            for tid in self.tables:
                members = self.members[number][tid]
                for pid in members:
                    if (number, pid) in self.fixed:
                        continue
                    met = self.met[pid]
                    org = self.org[pid]
                    if (any(met[o] > 1 for o in members if o != pid)
                            or (org and self.orgs[number][tid][org] > 1)):
                        out.append((number, pid))
        out += [(n, pid) for pid in self.org for n in self.rounds
                if self.revisits(pid) and (n, pid) not in self.fixed]
        self.rng.shuffle(out)
        return out

    def _routes(self) -> dict[str, dict[int, str]]:
        return {pid: {n: r[n] for n in self.rounds if n in r} for pid, r in self.route.items()
                if pid in self.org}

    def _restore(self, routes: dict[str, dict[int, str]]) -> None:
        for number in self.rounds:
            for pid in [p for p in routes if number in routes[p]]:
                if (number, pid) not in self.fixed:
                    self.take(number, pid)
            for pid, route in routes.items():
                if number in route and (number, pid) not in self.fixed:
                    self.put(number, pid, route[number])

    def improve(self, deadline: float, floor: int = 0) -> None:
        """Plain descent: take the best improving swap for each troubled seat, until none.

        Past the deadline it goes on mending broken no-return rules only: the rules hold
        however slow the machine (each pass mends one at least, or ends the descent).
        """
        current = self.cost()
        improved = True
        while improved and current > floor:
            late = time.monotonic() > deadline
            if late and current < REVISIT:
                return
            improved = False
            for number, p in self.troubled(revisits_only=late):
                if not late and time.monotonic() > deadline:
                    improved = True  # one more pass, a late one
                    break
                if self.req.tick:
                    self.req.tick()
                delta = self._single(number, p)
                if delta is None:
                    delta = self._double(number, p)
                if delta is not None:
                    current += delta
                    improved = True

    def _single(self, number: int, p: str) -> int | None:
        here = self.route[p][number]
        best, partner = 0, None
        for q in self.movable(number):
            if self.route[q][number] == here:
                continue
            delta = self.swap_delta(number, p, q)
            if delta < best:
                best, partner = delta, q
        if partner is None:
            return None
        self.swap(number, p, partner)
        return best

    def _double(self, number: int, p: str) -> int | None:
        x = self.route[p][number]
        for other in self.rounds:
            if other == number or (other, p) in self.fixed:
                continue
            y = self.route[p][other]
            if x == y:
                continue
            for q in list(self.members[number][y]):
                if (number, q) in self.fixed or (other, q) in self.fixed:
                    continue
                if self.route[q].get(other) != x:
                    continue
                delta = self.swap_delta(number, p, q)
                self.swap(number, p, q)
                delta += self.swap_delta(other, p, q)
                if delta < 0:
                    self.swap(other, p, q)
                    return delta
                self.swap(number, p, q)
        return None

    def anneal(self, deadline: float, floor: int) -> None:
        """Simulated annealing over both moves: escape what plain descent gets stuck in."""
        start, current = time.monotonic(), self.cost()
        best, best_routes = current, self._routes()
        span = max(deadline - start, 1e-6)
        # Once repeats are down to what cannot be avoided, only colleagues are left to
        # shuffle: a cool start keeps the repeats where they are.
        repeats_done = current // REPEAT <= floor // REPEAT
        hottest, cooling = (3.0, 0.02) if repeats_done else (REPEAT, 0.002)
        movable = {n: self.movable(n) for n in self.rounds}
        steps = 0
        while current > floor:
            if steps % 64 == 0:
                if self.req.tick:
                    self.req.tick()
                now = time.monotonic()
                if now > deadline:
                    break
                heat = hottest * (cooling ** ((now - start) / span))
            steps += 1
            number = self.rng.choice(self.rounds)
            people = movable[number]
            if len(people) < 2:
                continue
            p, q = self.rng.sample(people, 2)
            if self.route[p][number] == self.route[q][number]:
                continue
            move = self.rng.random()
            if move < 0.25:
                delta = self._try_routes(p, q, heat)
            elif len(self.rounds) > 1 and move < 0.5:
                delta = self._try_double(number, p, heat)
            else:
                delta = self.swap_delta(number, p, q)
                if delta <= 0 or self.rng.random() < pow(2.718, -delta / heat):
                    self.swap(number, p, q)
                else:
                    delta = None
            if delta is None:
                continue
            current += delta
            if current < best:
                best, best_routes = current, self._routes()
        if best < current:
            self._restore(best_routes)

    def _try_routes(self, p: str, q: str, heat: float) -> int | None:
        """Exchange p's and q's tables in every planned round where they differ."""
        numbers = [n for n in self.rounds if self.route[p][n] != self.route[q][n]]
        if any((n, p) in self.fixed or (n, q) in self.fixed for n in numbers):
            return None
        delta = 0
        for n in numbers:
            delta += self.swap_delta(n, p, q)
            self.swap(n, p, q)
        if delta <= 0 or self.rng.random() < pow(2.718, -delta / heat):
            return delta
        for n in numbers:
            self.swap(n, p, q)
        return None

    def _try_double(self, number: int, p: str, heat: float) -> int | None:
        other = self.rng.choice([n for n in self.rounds if n != number])
        if (other, p) in self.fixed:
            return None
        x, y = self.route[p][number], self.route[p][other]
        partners = [q for q in self.members[number][y] if (number, q) not in self.fixed
                    and (other, q) not in self.fixed and self.route[q].get(other) == x]
        if x == y or not partners:
            return None
        q = self.rng.choice(partners)
        delta = self.swap_delta(number, p, q)
        self.swap(number, p, q)
        delta += self.swap_delta(other, p, q)
        if delta <= 0 or self.rng.random() < pow(2.718, -delta / heat):
            self.swap(other, p, q)
            return delta
        self.swap(number, p, q)
        return None


def _keep_previous(request: Request, rng: random.Random) -> tuple[Plan, int]:
    """Re-plan without surprising anyone: who still fits where they were told stays there.

    Only newcomers and people the change displaced are placed (and moved, to improve).
    Returns the plan and how many no-return rules it breaks.
    """
    candidate = Improver(request, random.Random(rng.random()))
    candidate.build(request.previous)
    candidate.fixed |= candidate.kept
    candidate._movable.clear()
    floor = candidate.floor()
    deadline = time.monotonic() + request.budget
    candidate.improve(deadline, floor)
    return candidate.result(), sum(candidate.revisits(pid) for pid in candidate.org)


def search(request: Request) -> Plan:
    """Try starting points in turn within the time budget; keep the best plan found.

    With a previous plan, it is kept wherever it still holds (people keep the tables they
    were told). Otherwise the first start is greedy; then comes the stepped rotation (the
    best when repeats cannot be avoided); then both again from other random draws. Each
    attempt improves its start by descent, then by annealing. The search stops early
    when a plan reaches the lower bounds: none can do better.
    """
    started = time.monotonic()
    deadline = started + request.budget
    rng = random.Random(request.seed)
    best, best_cost = None, None
    if request.previous:
        kept, broken = _keep_previous(request, rng)
        if not broken:
            return kept
        # Keeping everyone's table leaves someone going back to a table they have seen:
        # the rule comes first, so the rounds to come are planned afresh if that mends it.
        fresh = replace(request, previous=None)
        return min((kept, search(fresh)), key=lambda p: returns(fresh, p))
    for attempt in range(1000):
        candidate = Improver(request, random.Random(rng.random()))
        wishes = None
        if attempt % 2 == 1:
            travellers = [p for p in candidate.org if p not in candidate.hosts]
            candidate.rng.shuffle(travellers)
            wishes = rotation_plan(request, travellers)
            if wishes is None and attempt > 1:
                continue
        candidate.build(wishes)
        floor = candidate.floor()
        now = time.monotonic()
        share = (deadline - now) * (0.7 if attempt == 0 else 0.5)  # the first start is the best bet
        until = max(now, min(deadline, now + max(request.budget / 4, share)))
        candidate.improve(until, floor)
        if candidate.cost() > floor:
            candidate.anneal(until, floor)
        cost = candidate.cost()
        if best_cost is None or cost < best_cost:
            best, best_cost = candidate.result(), cost
        # The first two starts are always tried: the stepped one may be the only one
        # keeping every rule when tables are tight.
        if best_cost <= floor or (time.monotonic() >= deadline and attempt >= 1):
            break
    if best_cost >= REVISIT:
        best = _keep_the_rule(request, rng, best, best_cost)
    return best


def _keep_the_rule(request: Request, rng: random.Random, best: Plan, cost: int) -> Plan:
    """Start from a plan built to keep the no-return rule, when the usual starts did not."""
    wishes = rule_keeping_plan(request)
    if wishes is None:
        return best  # none exists (or none was found in time): the fewest returns it is
    candidate = Improver(request, random.Random(rng.random()))
    candidate.build(wishes)
    candidate.improve(time.monotonic() + request.budget / 4, candidate.floor())
    return candidate.result() if candidate.cost() < cost else best
