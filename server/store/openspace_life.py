"""The forum ouvert while it runs, in Redis: check-ins (the law of two feet), reports,
breaking news, the amendment window and its comments."""

import json
import unicodedata

import redis

from ..domain import caps, secrets
from ..domain.openspace import ballot
from ..domain.openspace import presence as rules
from ..domain.openspace import reports as writing_rules
from ..domain.openspace.reports import Comment, Report
from ..domain.openspace.sessions import Session
from ..domain.participant import unknown_participant
from ..domain.protocol import STAFF, WORKSHOP, Event, person_scope, table_scope
from ..domain.tables import Table
from ..domain.workshop import workshop_gone
from . import keys
from .commit import Change, Committer, Race, dumps, retrying
from .errors import shielded
from .guards import count_made, require_all
from .seats import move_seat


def _by_name(name: str) -> str:
    """Names in alphabetical order, accents aside: Émilie before Fanny."""
    return unicodedata.normalize("NFD", name).casefold()


def _session(raw: str | None) -> Session | None:
    return Session.from_dict(json.loads(raw)) if raw else None


@shielded
class OpenSpaceLife:
    """Repository of check-ins, reports and comments."""

    def __init__(self, client: redis.Redis, committer: Committer):
        self._r = client
        self._c = committer

    def visits(self, code: str) -> list[tuple[str, str]]:
        """Return every (participant, session) someone checked into."""
        return [tuple(k.split("|", 1)) for k in self._r.hkeys(keys.os_visits(code))]

    def here(self, code: str, session_id: str) -> list[dict]:
        """Return who is in a session now: {id, name}, by name."""
        pids = [p for p, t in self._r.hgetall(keys.seats(code)).items() if t == session_id]
        raws = self._r.hmget(keys.participants(code), pids) if pids else []
        people = [json.loads(r) for r in raws if r]
        return sorted(({"id": p["id"], "name": p["name"]} for p in people),
                      key=lambda p: _by_name(p["name"]))

    def check_in(self, code: str, pid: str, session_id: str | None, *, op=None) -> dict:
        """Check a participant into a session (None: out of any); the session they were in
        loses them. Returns {session, from}."""

        def attempt() -> dict:
            raw = self._r.hget(keys.participants(code), pid)
            if raw is None:
                raise unknown_participant()
            name = json.loads(raw)["name"]
            old = self._r.hget(keys.seats(code), pid)
            change = Change(code, op=op, result={"session": session_id, "from": old})
            require_all(change, rules.checking_in(pid, session_id))
            if not move_seat(change, pid, old, session_id):
                return self._c.commit(change).result
            visit = f"{pid}|{session_id}"
            new_visit = session_id is not None and not self._r.hexists(
                keys.os_visits(code), visit)
            if new_visit:
                change.require("hmissing", keys.os_visits(code), visit, error=Race())
                change.write("HSET", keys.os_visits(code), visit, 1)
            sessions = dict(zip([old, session_id], self._r.hmget(
                keys.os_sessions(code), [old or "", session_id or ""]), strict=True))
            bee = self._becomes_bumblebee(code, pid, _session(sessions.get(session_id))) \
                if new_visit else None
            counts = dict(zip([old, session_id], self._r.hmget(
                keys.seat_count(code), [old or "", session_id or ""]), strict=True))
            for sid, step in ((old, -1), (session_id, 1)):
                session = _session(sessions.get(sid)) if sid else None
                if session is None:
                    continue
                data = {"session": sid, "here": max(0, int(counts.get(sid) or 0) + step),
                        "participant": pid, "name": name, "arrived": step > 0,
                        "new_visit": step > 0 and new_visit,
                        "bumblebee": bee if step > 0 else None}
                change.announce(STAFF, Event.SESSION_PRESENCE, data)
                for convener in session.conveners:
                    change.announce(person_scope(convener), Event.SESSION_PRESENCE, data)
            return self._c.commit(change).result

        return retrying(attempt)

    def _becomes_bumblebee(self, code: str, pid: str, session: Session | None) -> str | None:
        """The slot in which this new visit makes someone a bumblebee (their second
        session of it), or None."""
        if session is None:
            return None
        prefix = f"{pid}|"
        seen = [k[len(prefix):] for k, _ in self._r.hscan_iter(
            keys.os_visits(code), match=f"{prefix}*", count=1000)]
        raws = self._r.hmget(keys.os_sessions(code), seen) if seen else []
        same = [r for r in raws if r and _session(r).slot == session.slot]
        return session.slot if len(same) == 1 else None

    def reports(self, code: str) -> dict[str, Report]:
        """Return every session's report, by session."""
        return {k: Report.from_dict(json.loads(v))
                for k, v in self._r.hgetall(keys.os_reports(code)).items()}

    def comments(self, code: str) -> list[Comment]:
        """Return the comments on reports, oldest first."""
        found = [Comment.from_dict(json.loads(v)) for v in self._r.hvals(keys.os_comments(code))]
        return sorted(found, key=lambda c: (c.created_at, c.id))

    def _names_of_visitors(self, code: str, session_id: str) -> list[str]:
        pids = [p for p, s in self.visits(code) if s == session_id]
        raws = self._r.hmget(keys.participants(code), pids) if pids else []
        return sorted((json.loads(r)["name"] for r in raws if r), key=_by_name)

    def save_report(self, code: str, session: Session, fields: dict, who: tuple | None,
                    now: float, *, op=None) -> dict:
        """Save a session's report (whole); who took part is filled from the check-ins.
        It makes the breaking news. Returns {report}."""
        pid = who[0] if who else None

        def attempt() -> dict:
            raw = self._r.hget(keys.os_reports(code), session.id)
            version = json.loads(raw)["version"] + 1 if raw else 1
            report = Report(session=session.id, participants=self._names_of_visitors(
                code, session.id), written_by=pid or "console",
                writer_name=who[1] if who else "", saved_at=now, version=version, **fields)
            change = Change(code, op=op, result={"report": report.to_dict()})
            require_all(change, writing_rules.writing(session, pid))
            if raw is None:
                change.require("hmissing", keys.os_reports(code), session.id, error=Race())
            else:
                change.require("hequals", keys.os_reports(code), session.id, raw, error=Race())
            change.write("HSET", keys.os_reports(code), session.id, dumps(report.to_dict()))
            change.announce(WORKSHOP, Event.REPORT_SAVED, report.to_dict())
            return self._c.commit(change).result

        return retrying(attempt)

    def comment(self, code: str, session_id: str, pid: str, text: str, now: float, *,
                op=None) -> dict:
        """Comment on a report one attended, while the amendment window is open."""
        raw = self._r.hget(keys.participants(code), pid)
        if raw is None:
            raise unknown_participant()
        comment = Comment(id=secrets.new_id(), session=session_id, author=pid,
                          name=json.loads(raw)["name"], text=text, created_at=now)
        change = Change(code, op=op, result={"comment": comment.to_dict()})
        require_all(change, writing_rules.commenting(session_id, pid)
                    + caps.making("comments", pid))
        count_made(change, caps.counted("comments", pid))
        change.write("HSET", keys.os_comments(code), comment.id, dumps(comment.to_dict()))
        change.announce(WORKSHOP, Event.REPORT_COMMENTED, comment.to_dict())
        return self._c.commit(change).result

    def set_amendment(self, code: str, state: str, announce: dict) -> dict:
        """Open the amendment window, or make the proceedings final ("final"), or go back
        to writing reports (""); `announce` is the forum's state to tell."""
        change = Change(code)
        change.require("hexists", keys.workshop(code), "phase", error=workshop_gone())
        require_all(change, writing_rules.amending(state))
        change.write("HSET", keys.openspace(code), "amendment", state)
        change.announce(WORKSHOP, Event.OPENSPACE_UPDATED, {**announce, "amendment": state})
        self._c.commit(change)
        return {"amendment": state}

    def make_ballot(self, code: str, title: str, sessions: list[Session], now: float) -> dict:
        """Make the ballot: one more table whose notes are every recommendation, for the
        café's vote. Returns {table, notes}."""
        tid = secrets.new_id()
        notes = ballot.ballot_notes(tid, sessions, self.reports(code),
                                    iter(lambda: secrets.new_id(16), None), now)
        table = Table(id=tid, number=self._r.hlen(keys.tables(code)) + 1, title=title)
        change = require_all(Change(code), ballot.making_ballot())
        change.write("HSET", keys.tables(code), tid, dumps(table.to_dict()))
        change.announce(WORKSHOP, Event.TABLE_UPDATED, table.to_dict())
        for note in notes:
            change.write("HSET", keys.notes(code, tid), note.id, dumps(note.to_dict()))
            change.announce(table_scope(tid), Event.NOTE_POSTED, note.public())
        change.resync(WORKSHOP)  # a table more to follow, and to vote on
        self._c.commit(change)
        return {"table": table.to_dict(), "notes": len(notes)}
