"""Rounds in Redis: the clock, the seating plan round by round, the facilitator's pins."""

import json
from collections import Counter

import redis

from ..domain.errors import N_, DomainError
from ..domain.rounds import MAX_ROUNDS, Rounds
from ..domain.seating import Plan
from . import keys
from .commit import Change, Committer, dumps
from .tables import announce_seat


def _changed() -> DomainError:
    return DomainError("conflict", N_("The rounds were changed at the same moment; try again."))


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
            change.require("hequals", keys.rounds(code), "state", raw, error=_changed())
        else:
            change.require("hmissing", keys.rounds(code), "state", error=_changed())
        return change

    def save(self, code: str, raw: str, rounds: Rounds, *, plan: Plan | None = None,
             first: int = 1, rows: dict[str, dict] | None = None, score: dict | None = None,
             pins: dict[tuple[int, str], str] | None = None) -> str:
        """Store the rounds (and a new plan for rounds first.., with each one's row).

        Returns the rounds' stored JSON, to guard the next write with.
        """
        change = self._guarded(code, raw)
        change.write("HSET", keys.rounds(code), "state", dumps(rounds.to_dict()))
        change.announce("w", "rounds_updated", rounds.to_dict())
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
            change.announce("s", "plan_updated",
                            {"first": first, "rounds": {str(n): s for n, s in plan.items()},
                             "score": score or {}})
            change.tell_each("my_plan", rows or {})
        self._c.commit(change)
        return dumps(rounds.to_dict())

    def start(self, code: str, raw: str, rounds: Rounds, seating: dict[str, str],
              everyone: list[str]) -> Rounds:
        """Start a round: everyone sits where the plan says, all at once."""
        change = self._guarded(code, raw)
        change.write("HSET", keys.rounds(code), "state", dumps(rounds.to_dict()))
        change.write("DEL", keys.seats(code))
        change.write("DEL", keys.seat_count(code))
        if seating:
            change.write("HSET", keys.seats(code), *[x for pair in seating.items() for x in pair])
            counts = Counter(seating.values())
            change.write("HSET", keys.seat_count(code),
                         *[x for pair in counts.items() for x in pair])
        change.announce("w", "rounds_updated", rounds.to_dict())
        change.announce("s", "seats_set", {"round": rounds.current, "seats": seating})
        change.tell_each("my_seat", {pid: {"table": seating.get(pid)} for pid in everyone})
        self._c.commit(change)
        return rounds

    def move_now(self, code: str, number: int, pid: str, table: str | None,
                 capacity: int) -> None:
        """Seat someone elsewhere in the round under way (a latecomer, a hand move)."""
        old = self._r.hget(keys.seats(code), pid)
        change = Change(code)
        change.require("hexists", keys.participants(code), pid, error=DomainError(
            "not_found", N_("This participant is not in the workshop.")))
        if old is None:
            change.require("hmissing", keys.seats(code), pid, error=_changed())
        else:
            change.require("hequals", keys.seats(code), pid, old, error=_changed())
            change.write("HINCRBY", keys.seat_count(code), old, -1)
        if table is None:
            change.write("HDEL", keys.seats(code), pid)
            change.write("HDEL", keys.plan(code, number), pid)
        else:
            change.require("hbelow", keys.seat_count(code), table, capacity, error=DomainError(
                "table_full", N_("This table is full.")))
            change.write("HSET", keys.seats(code), pid, table)
            change.write("HINCRBY", keys.seat_count(code), table, 1)
            change.write("HSET", keys.plan(code, number), pid, table)
        announce_seat(change, pid, table)
        # The staff's plan grid shows the round under way too: it follows the move.
        change.announce("s", "plan_seat", {"round": number, "participant": pid, "table": table})
        self._c.commit(change)
