"""Reactions to notes and participants' status in the round, in Redis."""

import json
from collections.abc import Callable

import redis

from ..domain import table_life as rules
from ..domain.ops import Op
from ..domain.protocol import STAFF, Event, person_scope, table_scope
from ..domain.table_life import Status
from . import keys
from .commit import Change, Committer, Race, dumps, retrying
from .errors import shielded
from .guards import require_all


@shielded
class TableLife:
    """Repository of reactions and statuses."""

    def __init__(self, client: redis.Redis, committer: Committer):
        self._r = client
        self._c = committer

    def react(self, code: str, pid: str, table: str, note: str, reaction: str, on: bool, *,
              op: Op | None = None) -> dict:
        """Give (or take back) a reaction on a note, once per person and sign."""
        change = Change(code, op=op, result={"note": note, "reaction": reaction, "on": on})
        require_all(change, rules.reacting(pid, table, note, reaction, on))
        pair = f"{pid}|{note}|{reaction}"
        if on:
            change.write("HSET", keys.reactions(code), pair, 1)
        else:
            change.write("HDEL", keys.reactions(code), pair)
        count = change.write("HINCRBY", keys.reaction_counts(code, table),
                             f"{note}|{reaction}", 1 if on else -1)
        data = {"note": note, "table": table, "reaction": reaction}
        change.announce(table_scope(table), Event.REACTIONS_CHANGED, data, fill={"count": count})
        change.announce(person_scope(pid), Event.REACTION_MINE, {**data, "on": on})
        return self._c.commit(change).result

    def reactions_at(self, code: str, table: str) -> dict[str, dict[str, int]]:
        """Return the reactions on a table's notes: note -> reaction -> count."""
        out: dict[str, dict[str, int]] = {}
        for name, count in self._r.hgetall(keys.reaction_counts(code, table)).items():
            if int(count) > 0:
                note, reaction = name.rsplit("|", 1)
                out.setdefault(note, {})[reaction] = int(count)
        return out

    def statuses(self, code: str) -> dict[str, Status]:
        """Return everyone's status in the round under way."""
        raw = self._r.hgetall(keys.statuses(code))
        return {pid: Status.from_dict(json.loads(v)) for pid, v in raw.items()}

    def set_status(self, code: str, pid: str, edit: Callable[[Status], Status]) -> Status:
        """Write someone's status as `edit` makes it from the stored one: done (or not),
        hand raised or lowered."""

        def attempt() -> Status:
            raw = self._r.hget(keys.statuses(code), pid)
            status = edit(Status.from_dict(json.loads(raw) if raw else None))
            change = Change(code)
            change.require("hequals" if raw else "hmissing", keys.statuses(code), pid,
                           raw or "", error=Race())
            change.write("HSET", keys.statuses(code), pid, dumps(status.to_dict()))
            data = {"participant": pid, **status.to_dict()}
            change.announce(STAFF, Event.STATUS_CHANGED, data)
            change.announce(person_scope(pid), Event.STATUS_CHANGED, data)
            self._c.commit(change)
            return status

        return retrying(attempt)
