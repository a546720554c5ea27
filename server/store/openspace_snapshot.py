"""The forum ouvert's part of a snapshot: the grid, the sessions and their clashes, the
head counts, the reports and comments; a phone's own visits."""

import json

import redis

from ..domain.openspace import presence
from ..domain.openspace.layout import Layout
from ..domain.openspace.sessions import Session, clashes
from . import keys


def read_openspace(client: redis.Redis, code: str, *, whole_room: bool,
                   viewer: str | None) -> dict:
    """Return the forum ouvert as the staff (`whole_room`) or one phone sees it."""
    with client.pipeline(transaction=True) as pipe:
        pipe.hgetall(keys.openspace(code))
        pipe.hvals(keys.os_sessions(code))
        pipe.hkeys(keys.os_visits(code))
        pipe.hgetall(keys.seat_count(code))
        pipe.hvals(keys.os_reports(code))
        pipe.hvals(keys.os_comments(code))
        state, raw_sessions, raw_visits, counts, reports, comments = pipe.execute()
    sessions = sorted((Session.from_dict(json.loads(r)) for r in raw_sessions),
                      key=lambda s: (s.created_at, s.id))
    visits = [tuple(v.split("|", 1)) for v in raw_visits]
    out = {
        "layout": Layout.from_dict(json.loads(state.get("layout") or "{}")).to_dict(),
        "slot_now": state.get("slot_now") or None,
        "amendment": state.get("amendment", ""),
        "sessions": [s.to_dict() for s in sessions],
        "clashes": clashes(sessions),
        "here": {s.id: int(counts.get(s.id) or 0) for s in sessions},
        "reports": sorted((json.loads(r) for r in reports), key=lambda r: r["saved_at"]),
        "comments": sorted((json.loads(c) for c in comments),
                           key=lambda c: (c["created_at"], c["id"])),
    }
    if whole_room:
        out["visitors"] = presence.visitors(visits)
        out["bumblebees"] = presence.bumblebees(visits, {s.id: s for s in sessions})
    if viewer:
        out["visited"] = sorted(s for p, s in visits if p == viewer)
    return out
