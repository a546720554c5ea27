"""Tables in Redis: their hosts and capacities, and who sits where."""

import json
from dataclasses import replace

import redis

from ..domain import secrets
from ..domain.errors import N_, DomainError, not_found
from ..domain.protocol import STAFF, WORKSHOP, Event, person_scope
from ..domain.tables import Table
from . import keys
from .commit import Change, Committer, Race, dumps, retrying
from .participants import unknown_participant


def unknown_table() -> DomainError:
    """Build the error for a table that does not exist."""
    return not_found(N_("This table does not exist."))


def table_full() -> DomainError:
    """Build the error for a table that has no seat left."""
    return DomainError("table_full", N_("This table is full."))


def announce_seat(change: Change, pid: str, table: str | None) -> None:
    """Tell the staff and the participant's own devices where someone now sits."""
    data = {"participant": pid, "table": table}
    change.announce(STAFF, Event.SEAT_CHANGED, data)
    change.announce(person_scope(pid), Event.SEAT_CHANGED, data)


def read_seated(client: redis.Redis, code: str) -> dict[str, int]:
    """Return how many people sit at each table that has anyone."""
    return {t: int(n) for t, n in client.hgetall(keys.seat_count(code)).items() if int(n) > 0}


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

    def add(self, code: str, title: str) -> Table:
        """Add a table with no forum topic behind it, numbered after the others."""

        def attempt() -> Table:
            existing = self._r.hgetall(keys.tables(code))
            number = 1 + max((json.loads(t)["number"] for t in existing.values()), default=0)
            table = Table(id=secrets.new_id(), number=number, title=title)
            change = Change(code)
            change.require("hexists", keys.workshop(code), "phase", error=not_found(
                N_("This workshop no longer exists.")))
            for tid, raw in existing.items():
                change.require("hequals", keys.tables(code), tid, raw, error=Race())
            if not existing:
                change.require("missing", keys.tables(code), error=Race())
            change.write("HSET", keys.tables(code), table.id, dumps(table.to_dict()))
            change.announce(WORKSHOP, Event.TABLE_UPDATED, table.to_dict())
            self._c.commit(change)
            return table

        return retrying(attempt)

    def update(self, code: str, table_id, changes: dict) -> Table:
        """Change a table's title, capacity or host; a new host is seated at the table."""

        def attempt() -> Table:
            raw = self._r.hget(keys.tables(code), table_id) if isinstance(table_id, str) else None
            if raw is None:
                raise unknown_table()
            table = replace(Table.from_dict(json.loads(raw)), **changes)
            change = Change(code)
            if "host" in changes:
                host = self._r.hget(keys.participants(code), table.host) if table.host else None
                if table.host and host is None:
                    raise unknown_participant()
                table = replace(table, host_name=json.loads(host)["name"] if host else "")
                if host:
                    change.require("hequals", keys.participants(code), table.host, host,
                                   error=Race())
            change.require("hequals", keys.tables(code), table_id, raw, error=Race())
            change.write("HSET", keys.tables(code), table_id, dumps(table.to_dict()))
            change.announce(WORKSHOP, Event.TABLE_UPDATED, table.to_dict())
            if changes.get("host"):
                self._add_seat(change, code, table.host, table)
            self._c.commit(change)
            return table

        return retrying(attempt)

    def seat(self, code: str, pid, table_id, *, op: str = "") -> dict:
        """Seat a participant at a table (None: at no table); refuse a full table."""

        def attempt():
            if self._r.hget(keys.participants(code), pid) is None:
                raise unknown_participant()
            change = Change(code, op=op, result={"table": table_id})
            if table_id is None:
                self._remove_seat(change, code, pid)
            else:
                self._add_seat(change, code, pid, self.require(code, table_id))
            return self._c.commit(change).result

        return retrying(attempt)

    def _remove_seat(self, change: Change, code: str, pid: str) -> None:
        old = self._r.hget(keys.seats(code), pid)
        if old is None:
            change.require("hmissing", keys.seats(code), pid, error=Race())
            return
        change.require("hequals", keys.seats(code), pid, old, error=Race())
        change.write("HDEL", keys.seats(code), pid)
        change.write("HINCRBY", keys.seat_count(code), old, -1)
        announce_seat(change, pid, None)

    def _add_seat(self, change: Change, code: str, pid: str, table: Table) -> None:
        old = self._r.hget(keys.seats(code), pid)
        if old == table.id:
            return
        change.require("hexists", keys.participants(code), pid, error=unknown_participant())
        if old is None:
            change.require("hmissing", keys.seats(code), pid, error=Race())
        else:
            change.require("hequals", keys.seats(code), pid, old, error=Race())
            change.write("HINCRBY", keys.seat_count(code), old, -1)
        change.require("hbelow", keys.seat_count(code), table.id, table.capacity,
                       error=table_full())
        change.write("HSET", keys.seats(code), pid, table.id)
        change.write("HINCRBY", keys.seat_count(code), table.id, 1)
        announce_seat(change, pid, table.id)
