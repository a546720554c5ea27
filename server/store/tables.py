"""Tables in Redis: their hosts and capacities, and who sits where."""

import json
from dataclasses import replace

import redis

from ..domain import caps, secrets
from ..domain import tables as rules
from ..domain.ops import Op
from ..domain.participant import unknown_participant
from ..domain.protocol import WORKSHOP, Event
from ..domain.tables import Table, unknown_table
from ..domain.workshop import workshop_gone
from . import keys
from .commit import Change, Committer, Race, dumps, retrying
from .errors import shielded
from .guards import count_made, require_all
from .seats import move_seat


@shielded
class Tables:
    """Repository of tables and seats."""

    def __init__(self, client: redis.Redis, committer: Committer):
        self._r = client
        self._c = committer

    def all(self, code: str) -> list[Table]:
        """Return the tables in number order."""
        found = [Table.from_dict(json.loads(r)) for r in self._r.hvals(keys.tables(code))]
        return sorted(found, key=lambda t: t.number)

    def ids(self, code: str) -> list[str]:
        """Return the tables' ids, without decoding the tables (every sync needs them)."""
        return self._r.hkeys(keys.tables(code))

    def get(self, code: str, table_id) -> Table | None:
        """Return one table, or None."""
        raw = self._r.hget(keys.tables(code), table_id) if isinstance(table_id, str) else None
        return Table.from_dict(json.loads(raw)) if raw else None

    def require(self, code: str, table_id) -> Table:
        """Return one table or raise not_found."""
        table = self.get(code, table_id)
        if table is None:
            raise unknown_table()
        return table

    def seats(self, code: str) -> dict[str, str]:
        """Return where everyone sits: participant id -> table id."""
        return self._r.hgetall(keys.seats(code))

    def seat_of(self, code: str, pid: str | None) -> str | None:
        """Return the table where a participant sits, if any."""
        return self._r.hget(keys.seats(code), pid) if pid else None

    def hosts(self, code: str) -> dict[str, str]:
        """Return who hosts which table: participant id -> table id."""
        return self._r.hgetall(keys.hosts(code))

    def seated(self, code: str) -> dict[str, int]:
        """Return how many people sit at each table that has anyone."""
        counts = self._r.hgetall(keys.seat_count(code))
        return {t: int(n) for t, n in counts.items() if int(n) > 0}

    def add(self, code: str, title: str) -> Table:
        """Add a table with no forum topic behind it, numbered after the others."""

        def attempt() -> Table:
            existing = self._r.hgetall(keys.tables(code))
            number = 1 + max((json.loads(t)["number"] for t in existing.values()), default=0)
            table = Table(id=secrets.new_id(), number=number, title=title)
            change = Change(code)
            change.require("hexists", keys.workshop(code), "phase", error=workshop_gone())
            require_all(change, caps.making("tables", None))
            count_made(change, caps.counted("tables", None))
            for tid, raw in existing.items():
                change.require("hequals", keys.tables(code), tid, raw, error=Race())
            if not existing:
                change.require("missing", keys.tables(code), error=Race())
            change.write("HSET", keys.tables(code), table.id, dumps(table.to_dict()))
            change.announce(WORKSHOP, Event.TABLE_UPDATED, table.to_dict())
            change.resync(WORKSHOP)  # a table more to follow (the staff, a whole-café vote)
            self._c.commit(change)
            return table

        return retrying(attempt)

    def update(self, code: str, table_id, changes: dict) -> Table:
        """Change a table's title, capacity or host (the console); a new host is seated."""
        return self._edit(code, table_id, lambda table: replace(table, **changes))

    def volunteer(self, code: str, table_id, pid: str) -> Table:
        """Make a participant the host of a table that has none (they offer themselves)."""
        return self._edit(code, table_id, lambda table: rules.volunteer(table, pid))

    def _edit(self, code: str, table_id, edit) -> Table:
        def attempt() -> Table:
            raw = self._r.hget(keys.tables(code), table_id) if isinstance(table_id, str) else None
            if raw is None:
                raise unknown_table()
            before = Table.from_dict(json.loads(raw))
            table = edit(before)
            change = Change(code)
            change.require("hequals", keys.tables(code), table_id, raw, error=Race())
            if table.host != before.host:
                table = self._rehost(change, before, table)
                change.resync_each([before.host, table.host])  # what they may do changes
            change.write("HSET", keys.tables(code), table_id, dumps(table.to_dict()))
            change.announce(WORKSHOP, Event.TABLE_UPDATED, table.to_dict())
            self._c.commit(change)
            return table

        return retrying(attempt)

    def _rehost(self, change: Change, before: Table, table: Table) -> Table:
        """Write a change of host: one person hosts one table, and sits at it."""
        code = change.code
        if before.host:
            change.write("HDEL", keys.hosts(code), before.host)
        if not table.host:
            return replace(table, host_name="")
        host = self._r.hget(keys.participants(code), table.host)
        if host is None:
            raise unknown_participant()
        change.require("hequals", keys.participants(code), table.host, host, error=Race())
        require_all(change, rules.hosting(table.host, table.id))
        change.write("HSET", keys.hosts(code), table.host, table.id)
        seated = self._r.hget(keys.seats(code), table.host)
        if seated != table.id:
            require_all(change, rules.seating(table.host, table, by_console=True))
            move_seat(change, table.host, seated, table.id)
        return replace(table, host_name=json.loads(host)["name"])

    def seat(self, code: str, pid, table_id, *, op: Op | None = None,
             by_console: bool = False) -> dict:
        """Seat a participant at a table (None: at no table); refuse a full table."""

        def attempt():
            if not isinstance(pid, str):
                raise unknown_participant()
            with self._r.pipeline(transaction=False) as pipe:  # one round trip: joining is busy
                pipe.hexists(keys.participants(code), pid)
                pipe.hget(keys.tables(code), table_id if isinstance(table_id, str) else "")
                pipe.hget(keys.seats(code), pid)
                known, raw, seated = pipe.execute()
            if not known:
                raise unknown_participant()
            if table_id is not None and raw is None:
                raise unknown_table()
            table = None if table_id is None else Table.from_dict(json.loads(raw))
            change = Change(code, op=op, result={"table": table_id})
            require_all(change, rules.seating(pid, table, by_console=by_console))
            move_seat(change, pid, seated, table_id)
            committed = self._c.commit(change)
            if committed.duplicate:  # a retry: the first answer, as a look-up before gives it
                return {**committed.result, "duplicate": True}
            return committed.result

        return retrying(attempt)
