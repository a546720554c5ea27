"""Dot votes in Redis: the vote's state, and each dot checked and counted atomically."""

import json
from collections.abc import Callable

import redis

from ..domain.errors import DomainError
from ..domain.ops import Op
from ..domain.protocol import CONSOLE, STAFF, WORKSHOP, Event, person_scope, table_scope
from ..domain.voting import Voting, follows_other_tables, giving, vote_changed
from . import keys
from .commit import Change, Committer, dumps
from .errors import shielded
from .guards import require_all


@shielded
class Votes:
    """Repository of the vote."""

    def __init__(self, client: redis.Redis, committer: Committer):
        self._r = client
        self._c = committer
        self._known: dict[str, tuple[Voting, str]] = {}  # the vote last read, by workshop

    def read(self, code: str) -> tuple[Voting, str]:
        """Return the vote and its stored JSON (to guard a later write with)."""
        raw = self._r.hget(keys.voting(code), "state") or ""
        voting = Voting.from_dict(json.loads(raw) if raw else None)
        if len(self._known) > 10_000:  # workshops come and go: forget them all now and then
            self._known.clear()
        self._known[code] = (voting, raw)
        return voting, raw

    def counts(self, code: str) -> dict[str, int]:
        """Return the dots on every note that has any."""
        return {k: int(v) for k, v in self._r.hgetall(keys.note_votes(code)).items() if int(v)}

    def given(self, code: str) -> dict[str, int]:
        """Return every dot given: "<participant>|<note>" -> dots."""
        return {k: int(v) for k, v in self._r.hgetall(keys.votes(code)).items() if int(v)}

    def shown_counts(self, code: str) -> dict[str, int]:
        """Return the dots on every note as everyone may see them: none while the vote's
        counts are hidden (nothing derived from hidden counts leaves before the reveal)."""
        voting, _ = self.read(code)
        return self.counts(code) if voting.counts_shown else {}

    def mine(self, code: str, pid: str) -> dict[str, int]:
        """Return the dots one participant put, note by note."""
        prefix = f"{pid}|"
        return {k[len(prefix):]: int(v) for k, v in
                self._r.hscan_iter(keys.votes(code), match=f"{prefix}*", count=1000) if int(v)}

    def total(self, code: str) -> int:
        """Return how many dots were given in all."""
        return int(self._r.hget(keys.voting(code), "total") or 0)

    def save(self, code: str, raw: str, voting: Voting, *, reset: bool = False,
             reveal_counts: dict[str, int] | None = None) -> None:
        """Store the vote's new state (with `reset`, every dot goes)."""
        change = Change(code)
        if raw:
            change.require("hequals", keys.voting(code), "state", raw, error=vote_changed())
        else:
            change.require("hmissing", keys.voting(code), "state", error=vote_changed())
        if reset:
            for key in (keys.votes(code), keys.votes_used(code), keys.note_votes(code)):
                change.write("DEL", key)
            change.write("HSET", keys.voting(code), "total", 0)
        change.write("HSET", keys.voting(code), "state", dumps(voting.to_dict()))
        change.announce(WORKSHOP, Event.VOTING_UPDATED, voting.to_dict())
        self._known.pop(code, None)  # dots read the new state
        if follows_other_tables(Voting.from_dict(json.loads(raw) if raw else None), voting):
            change.resync(WORKSHOP)  # phones follow the tables they may vote on
        if reset:
            change.announce(WORKSHOP, Event.VOTES_RESET, {})
        if reveal_counts is not None:
            change.announce(WORKSHOP, Event.VOTES_REVEALED, {"counts": reveal_counts})
        self._c.commit(change)

    def give(self, code: str, pid: str, table: str, note: str,
             check: Callable[[Voting], int], *, op: Op | None = None) -> dict:
        """Give or take back a dot, `check` saying from the vote's state which (+1, -1).

        A vote burst is every phone's dot in the same second: the state is taken from what
        this process last read rather than read again for each dot. The commit's guard on
        the stored state keeps that safe: a dot checked against a state that has changed
        since is refused by Redis, then checked again, once, against a fresh read, as is a
        dot `check` refused on a state that may be old.
        """
        known = self._known.get(code)
        if known is not None:
            voting, raw = known
            try:
                return self.vote(code, raw, voting, pid, table, note, check(voting), op=op)
            except DomainError:
                pass  # perhaps refused for an old state: decided below on a fresh one
        voting, raw = self.read(code)
        return self.vote(code, raw, voting, pid, table, note, check(voting), op=op)

    def vote(self, code: str, raw: str, voting: Voting, pid: str, table: str, note: str,
             delta: int, *, op: Op | None = None) -> dict:
        """Give (+1) or take back (-1) a dot, within the budget and the cap, atomically.

        Two phones of one person voting at the same moment cannot exceed the budget:
        the check and the count are one step in Redis.
        """
        pair = f"{pid}|{note}"
        change = Change(code, op=op, result={"note": note, "delta": delta})
        change.require("hequals", keys.voting(code), "state", raw, error=vote_changed())
        require_all(change, giving(voting, pid, table, note, delta))
        mine = change.write("HINCRBY", keys.votes(code), pair, delta)
        used = change.write("HINCRBY", keys.votes_used(code), pid, delta)
        count = change.write("HINCRBY", keys.note_votes(code), note, delta)
        total = change.write("HINCRBY", keys.voting(code), "total", delta)
        change.announce(person_scope(pid), Event.VOTE_MINE, {"note": note, "table": table},
                        fill={"mine": mine, "used": used})
        if voting.counts_shown:
            change.announce(table_scope(table), Event.VOTES_CHANGED, {"note": note, "table": table},
                            fill={"votes": count})
        else:  # hidden until the reveal: the console alone sees the counts
            change.announce(CONSOLE, Event.VOTES_CHANGED, {"note": note, "table": table},
                            fill={"votes": count})
        change.announce(STAFF, Event.DOTS_CAST, {}, fill={"total": total})
        committed = self._c.commit(change, grouped=True)
        # The op was applied before (a retry): the first answer, as a pre-check gives it.
        return {**committed.result, "duplicate": True} if committed.duplicate else committed.result
