"""The forum ouvert's marketplace in Redis: spaces and slots, sessions in the grid (each
one also a table of the café), their moves, merges and clashes."""

import json
from dataclasses import replace

import redis

from ..domain import caps, secrets
from ..domain.openspace import layout as grid
from ..domain.openspace import sessions as rules
from ..domain.openspace.layout import Layout
from ..domain.openspace.sessions import Session, unknown_session
from ..domain.protocol import WORKSHOP, Event
from ..domain.tables import Table
from ..domain.workshop import workshop_gone
from . import keys
from .commit import Change, Committer, Race, dumps, retrying
from .errors import shielded
from .guards import count_made, require_all


@shielded
class OpenSpace:
    """Repository of the marketplace: the grid and the sessions in it."""

    def __init__(self, client: redis.Redis, committer: Committer):
        self._r = client
        self._c = committer

    def layout(self, code: str) -> Layout:
        """Return the spaces and slots."""
        return Layout.from_dict(json.loads(self._r.hget(keys.openspace(code), "layout") or "{}"))

    def state(self, code: str) -> dict:
        """Return the grid, the slot under way and the amendment window's state."""
        raw = self._r.hgetall(keys.openspace(code))
        return {"layout": Layout.from_dict(json.loads(raw.get("layout") or "{}")).to_dict(),
                "slot_now": raw.get("slot_now") or None, "amendment": raw.get("amendment", "")}

    def sessions(self, code: str) -> list[Session]:
        """Return the sessions, oldest first."""
        found = [Session.from_dict(json.loads(r)) for r in self._r.hvals(keys.os_sessions(code))]
        return sorted(found, key=lambda s: (s.created_at, s.id))

    def session(self, code: str, session_id) -> Session:
        """Return one session or raise not_found."""
        raw = self._r.hget(keys.os_sessions(code), session_id) \
            if isinstance(session_id, str) else None
        if raw is None:
            raise unknown_session()
        return Session.from_dict(json.loads(raw))

    def cells(self, code: str) -> dict[str, str]:
        """Return which session holds each cell of the grid."""
        return self._r.hgetall(keys.os_cells(code))

    def _announce_state(self, change: Change, code: str, layout: Layout,
                        **fields: str) -> None:
        state = {**self.state(code), "layout": layout.to_dict()}
        state.update({k: (v or None) if k == "slot_now" else v for k, v in fields.items()})
        change.announce(WORKSHOP, Event.OPENSPACE_UPDATED, state)

    def _edit_layout(self, code: str, edit) -> Layout:
        def attempt() -> Layout:
            raw = self._r.hget(keys.openspace(code), "layout")
            layout = edit(Layout.from_dict(json.loads(raw or "{}")))
            change = Change(code)
            change.require("hexists", keys.workshop(code), "phase", error=workshop_gone())
            if raw is None:
                change.require("hmissing", keys.openspace(code), "layout", error=Race())
            else:
                change.require("hequals", keys.openspace(code), "layout", raw, error=Race())
            change.write("HSET", keys.openspace(code), "layout", dumps(layout.to_dict()))
            self._announce_state(change, code, layout)
            self._c.commit(change)
            return layout

        return retrying(attempt)

    def save_space(self, code: str, space_id: str | None, fields: dict) -> Layout:
        """Add a space, or change one (its name, its capacity)."""
        sid = space_id or secrets.new_id(8)
        return self._edit_layout(code, lambda layout: grid.add_space(layout, sid, fields))

    def save_slot(self, code: str, slot_id: str | None, fields: dict) -> Layout:
        """Add a time slot, or change one."""
        sid = slot_id or secrets.new_id(8)
        return self._edit_layout(code, lambda layout: grid.add_slot(layout, sid, fields))

    def remove_space(self, code: str, space_id) -> Layout:
        """Remove a space no session is held in."""
        used = {s.space for s in self.sessions(code)}
        return self._edit_layout(code, lambda layout: grid.remove_cell_part(
            layout, space=space_id, used=used))

    def remove_slot(self, code: str, slot_id) -> Layout:
        """Remove a slot no session is held in."""
        used = {s.slot for s in self.sessions(code)}
        return self._edit_layout(code, lambda layout: grid.remove_cell_part(
            layout, slot=slot_id, used=used))

    def set_slot_now(self, code: str, slot_id) -> dict:
        """Say which slot is under way (None: none): the space codes on the doors lead to
        the session held there in that slot."""
        layout = self.layout(code)
        if slot_id is not None:
            layout.slot(slot_id)
        change = Change(code)
        change.require("hexists", keys.workshop(code), "phase", error=workshop_gone())
        change.write("HSET", keys.openspace(code), "slot_now", slot_id or "")
        self._announce_state(change, code, layout, slot_now=slot_id or "")
        self._c.commit(change)
        return {"slot_now": slot_id}

    def _clashes(self, change: Change, sessions: list[Session]) -> None:
        change.announce(WORKSHOP, Event.CLASHES, {"clashes": rules.clashes(sessions)})

    def convene(self, code: str, fields: dict, space: str, slot: str, who: tuple | None,
                now: float, *, op=None) -> dict:
        """Convene a session in a free cell; it is also a table. `who` is the convener
        (id, name), None from the console. Returns {session}."""
        pid = who[0] if who else None

        def attempt() -> dict:
            tables = self._r.hlen(keys.tables(code))  # two at once may share a number
            session = Session(id=secrets.new_id(), space=space, slot=slot, number=tables + 1,
                              conveners=[who[0]] if who else [],
                              convener_names=[who[1]] if who else [], created_at=now,
                              **fields)
            table = Table(id=session.id, number=session.number, title=session.title)
            change = Change(code, op=op, result={"session": session.to_dict()})
            require_all(change, rules.convening(space, slot, by_console=who is None)
                        + caps.making("sessions", pid))
            change.require("hequals", keys.openspace(code), "layout",
                           self._r.hget(keys.openspace(code), "layout") or "", error=Race())
            count_made(change, caps.counted("sessions", pid))
            change.write("HSET", keys.os_sessions(code), session.id, dumps(session.to_dict()))
            change.write("HSET", keys.os_cells(code), session.cell, session.id)
            change.write("HSET", keys.tables(code), table.id, dumps(table.to_dict()))
            change.announce(WORKSHOP, Event.SESSION_SAVED, session.to_dict())
            change.announce(WORKSHOP, Event.TABLE_UPDATED, table.to_dict())
            self._clashes(change, [*self.sessions(code), session])
            change.resync(WORKSHOP)  # a table more to follow
            return self._c.commit(change).result

        return retrying(attempt)

    def move(self, code: str, session_id, space: str, slot: str, pid: str | None) -> Session:
        """Move a session to a free cell (its conveners or the console)."""
        session = self.session(code, session_id)
        rules.check_convener(session, pid)
        moved = replace(session, space=space, slot=slot)
        change = require_all(Change(code), rules.moving(session, space, slot))
        change.write("HDEL", keys.os_cells(code), session.cell)
        change.write("HSET", keys.os_cells(code), moved.cell, moved.id)
        change.write("HSET", keys.os_sessions(code), moved.id, dumps(moved.to_dict()))
        change.announce(WORKSHOP, Event.SESSION_SAVED, moved.to_dict())
        self._clashes(change, [moved if s.id == moved.id else s for s in self.sessions(code)])
        self._c.commit(change)
        return moved

    def merge(self, code: str, source_id, target_id, pid: str | None) -> Session:
        """Merge a session into another of the marketplace: its conveners join the
        target's, its cell is freed, its table goes."""
        source, target = self.session(code, source_id), self.session(code, target_id)
        rules.check_convener(source, pid)
        joined = rules.merged(source, target)
        change = require_all(Change(code), rules.merging(source, target))
        change.write("HDEL", keys.os_cells(code), source.cell)
        change.write("HDEL", keys.os_sessions(code), source.id)
        change.write("HDEL", keys.tables(code), source.id)
        change.write("HDEL", keys.seat_count(code), source.id)
        change.write("HSET", keys.os_sessions(code), joined.id, dumps(joined.to_dict()))
        change.announce(WORKSHOP, Event.SESSION_REMOVED, {"id": source.id,
                                                         "merged_into": joined.id})
        change.announce(WORKSHOP, Event.SESSION_SAVED, joined.to_dict())
        rest = [joined if s.id == joined.id else s for s in self.sessions(code)
                if s.id != source.id]
        self._clashes(change, rest)
        change.resync(WORKSHOP)  # a table less to follow
        self._c.commit(change)
        return joined
