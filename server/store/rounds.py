"""Rounds in Redis: the clock, the seating plan round by round, the facilitator's pins."""

import json
from collections import Counter

import redis

from ..domain import tables as seating_rules
from ..domain.protocol import STAFF, WORKSHOP, Event
from ..domain.rounds import MAX_ROUNDS, Rounds, plan_audience, rounds_changed
from ..domain.seating import Plan
from ..domain.tables import Table
from . import keys, topology
from .commit import Change, Committer, dumps
from .errors import shielded
from .guards import require_all
from .seats import move_seat


@shielded
class RoundsStore:
    """Repository of the rounds' state and seating plan."""

    def __init__(self, client: redis.Redis, committer: Committer):
        self._r = client
        self._c = committer

    def read(self, code: str) -> tuple[Rounds, str]:
        """Return the rounds and their stored JSON (to guard a later write with)."""
        raw = self._r.hget(keys.rounds(code), "state") or ""
        return Rounds.from_dict(json.loads(raw) if raw else None), raw

    def plan(self, code: str, upto: int) -> Plan:
        """Return the seating of rounds 1..upto (played or planned)."""
        with self._r.pipeline(transaction=False) as pipe:
            for number in range(1, upto + 1):
                pipe.hgetall(keys.plan(code, number))
            rows = pipe.execute()
        return {number: row for number, row in enumerate(rows, start=1) if row}

    def row(self, code: str, pid: str, upto: int) -> dict[str, str]:
        """Return one participant's tables, round by round ("1": table id, ...)."""
        with self._r.pipeline(transaction=False) as pipe:
            for number in range(1, upto + 1):
                pipe.hget(keys.plan(code, number), pid)
            tables = pipe.execute()
        return {str(n): t for n, t in enumerate(tables, start=1) if t}

    def pins(self, code: str) -> dict[tuple[int, str], str]:
        """Return where the facilitator put people: (round, participant) -> table."""
        out = {}
        for key, tid in self._r.hgetall(keys.pins(code)).items():
            number, pid = key.split("|", 1)
            out[(int(number), pid)] = tid
        return out

    def _guarded(self, code: str, raw: str) -> Change:
        change = Change(code)
        if raw:
            change.require("hequals", keys.rounds(code), "state", raw, error=rounds_changed())
        else:
            change.require("hmissing", keys.rounds(code), "state", error=rounds_changed())
        return change

    @staticmethod
    def _state(change: Change, rounds: Rounds) -> None:
        change.write("HSET", keys.rounds(change.code), "state", dumps(rounds.to_dict()),
                     "shown", "1" if rounds.shown else "0")

    def save(self, code: str, raw: str, rounds: Rounds, *, plan: Plan | None = None,
             first: int = 1, rows: dict[str, dict] | None = None, score: dict | None = None,
             pins: dict[tuple[int, str], str] | None = None, resync: bool = False,
             fresh: dict | None = None) -> str:
        """Store the rounds (and a new plan for rounds first.., with each one's row). The
        plan goes to the console alone while it is a draft; once shown, to the screen too,
        and each phone hears its own row. `resync`: the plan is shown now, so what the
        phones may do changes (they no longer choose their table). `fresh`: the figures
        of a fresh plan that would be better, for the console to offer (null if none).

        Returns the rounds' stored JSON, to guard the next write with.
        """
        change = self._guarded(code, raw)
        self._state(change, rounds)
        change.announce(WORKSHOP, Event.ROUNDS_UPDATED, rounds.to_dict())
        if pins is not None:
            change.write("DEL", keys.pins(code))
            if pins:
                change.write("HSET", keys.pins(code),
                             *[x for (n, pid), tid in pins.items() for x in (f"{n}|{pid}", tid)])
        if plan is not None:
            for number in range(first, MAX_ROUNDS + 1):
                change.write("DEL", keys.plan(code, number))
            for number, seating in plan.items():
                if seating:
                    change.write("HSET", keys.plan(code, number),
                                 *[x for pair in seating.items() for x in pair])
            change.announce(plan_audience(rounds), Event.PLAN_UPDATED,
                            {"first": first, "rounds": {str(n): s for n, s in plan.items()},
                             "score": score or {}, "fresh": fresh or None})
            if rounds.shown:
                change.tell_each(Event.MY_PLAN, rows or {})
        if resync:
            change.resync_each(rows or {})
        self._c.commit(change)
        self._index(code, rounds)
        return dumps(rounds.to_dict())

    def _index(self, code: str, rounds: Rounds) -> None:
        """Note when a running round ends, so that the timekeeper finds it without reading
        every workshop; forget it otherwise."""
        if rounds.status == "running" and rounds.ends_at is not None:
            self._r.zadd(keys.ROUNDS_DUE, {code: rounds.ends_at})
        else:
            self._r.zrem(keys.ROUNDS_DUE, code)

    def due(self, now: float) -> list[str]:
        """The workshops whose running round may have run out of time by `now`."""
        return self._r.zrangebyscore(keys.ROUNDS_DUE, "-inf", now)

    def recheck(self, code: str) -> None:
        """Index a workshop's round again from its state (or drop a stale entry)."""
        self._index(code, self.read(code)[0])

    def reindex(self) -> int:
        """Rebuild the index of running rounds from every workshop (an entry lost between
        a commit and its indexing, a workshop imported); return how many run."""
        codes = topology.workshop_codes(self._r)
        with self._r.pipeline(transaction=False) as pipe:
            for code in codes:
                pipe.hget(keys.rounds(code), "state")
            states = pipe.execute()
        running = {}
        for code, raw in zip(codes, states, strict=True):
            rounds = Rounds.from_dict(json.loads(raw) if raw else None)
            if rounds.status == "running" and rounds.ends_at is not None:
                running[code] = rounds.ends_at
        if running:
            self._r.zadd(keys.ROUNDS_DUE, running)
        return len(running)

    def start(self, code: str, raw: str, rounds: Rounds, seating: dict[str, str],
              everyone: list[str]) -> Rounds:
        """Start a round: everyone sits where the plan says, all at once."""
        change = self._guarded(code, raw)
        self._state(change, rounds)
        change.write("DEL", keys.seats(code))
        change.write("DEL", keys.seat_count(code))
        if seating:
            change.write("HSET", keys.seats(code), *[x for pair in seating.items() for x in pair])
            counts = Counter(seating.values())
            change.write("HSET", keys.seat_count(code),
                         *[x for pair in counts.items() for x in pair])
        change.announce(WORKSHOP, Event.ROUNDS_UPDATED, rounds.to_dict())
        change.announce(STAFF, Event.SEATS_SET, {"round": rounds.current, "seats": seating})
        change.tell_each(Event.MY_SEAT, {pid: {"table": seating.get(pid)} for pid in everyone})
        change.resync_each(everyone)  # everyone follows their new table
        change.write("DEL", keys.statuses(code))  # "done" and raised hands are per round
        change.announce(WORKSHOP, Event.STATUSES_RESET, {})
        self._c.commit(change)
        self._index(code, rounds)
        return rounds

    def move_now(self, code: str, number: int, pid: str, table: Table | None) -> None:
        """Seat someone elsewhere in the round under way: a latecomer, a hand move (the
        host rule holds), or someone who left (table None)."""
        if table is None:
            needs = seating_rules.departure(pid)
        else:
            needs = seating_rules.seating(pid, table, by_console=True)
        change = require_all(Change(code), needs)
        move_seat(change, pid, self._r.hget(keys.seats(code), pid), table.id if table else None)
        if table is None:
            change.write("HDEL", keys.plan(code, number), pid)
        else:
            change.write("HSET", keys.plan(code, number), pid, table.id)
        # The staff's plan grid shows the round under way too: it follows the move.
        change.announce(STAFF, Event.PLAN_SEAT,
                        {"round": number, "participant": pid, "table": table.id if table else None})
        self._c.commit(change)
