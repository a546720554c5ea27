"""A forum ouvert's own data in the archive (the grid, sessions, visits, reports,
comments), and back: a hybrid or World Café archive has no such part."""

import json
from collections import Counter

import redis

from ..domain import caps
from . import keys


def _sorted(values: list[str], *order: str) -> list[dict]:
    return sorted((json.loads(v) for v in values), key=lambda i: tuple(i[k] for k in order))


def dump_openspace(client: redis.Redis, code: str) -> dict:
    """Return the forum ouvert's part of a workshop's archive."""
    with client.pipeline(transaction=True) as pipe:
        pipe.hgetall(keys.openspace(code))
        pipe.hvals(keys.os_sessions(code))
        pipe.hkeys(keys.os_visits(code))
        pipe.hvals(keys.os_reports(code))
        pipe.hvals(keys.os_comments(code))
        state, sessions, visits, reports, comments = pipe.execute()
    return {
        "layout": json.loads(state.get("layout") or '{"spaces": [], "slots": []}'),
        "slot_now": state.get("slot_now") or None,
        "amendment": state.get("amendment", ""),
        "sessions": _sorted(sessions, "created_at", "id"),
        "visits": sorted(visits),
        "reports": _sorted(reports, "session"),
        "comments": _sorted(comments, "created_at", "id"),
    }


def load_openspace(pipe, code: str, part: dict | None) -> None:
    """Queue the writes that put an archive's forum ouvert part back."""
    if not part:
        return
    dumps = lambda value: json.dumps(value, ensure_ascii=False)  # noqa: E731
    pipe.hset(keys.openspace(code), mapping={
        "layout": dumps(part["layout"]), "slot_now": part.get("slot_now") or "",
        "amendment": part.get("amendment", "")})
    if part["sessions"]:
        pipe.hset(keys.os_sessions(code), mapping={s["id"]: dumps(s) for s in part["sessions"]})
        pipe.hset(keys.os_cells(code), mapping={f"{s['space']}|{s['slot']}": s["id"]
                                                for s in part["sessions"]})
    if part["visits"]:
        pipe.hset(keys.os_visits(code), mapping=dict.fromkeys(part["visits"], 1))
    if part["reports"]:
        pipe.hset(keys.os_reports(code), mapping={r["session"]: dumps(r)
                                                  for r in part["reports"]})
    if part["comments"]:
        pipe.hset(keys.os_comments(code), mapping={c["id"]: dumps(c) for c in part["comments"]})
    made: Counter = Counter()
    for kind, items in (("sessions", part["sessions"]), ("comments", part["comments"])):
        for item in items:
            author = item.get("author") or (item.get("conveners") or [None])[0]
            made.update(caps.counted(kind, author))
    for field, n in made.items():
        pipe.hincrby(keys.made(code), field, n)
