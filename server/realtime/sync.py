"""Catching up: a replay of the events a client missed, or a full snapshot.

Sync is also where a connection's rooms are set: a phone follows the workshop, its own
private scope and the table where it sits; the screen and the console follow every table.
"""

from ..domain.access import staff_capabilities
from ..domain.protocol import CONSOLE, STAFF, WORKSHOP, person_scope, table_of, table_scope
from . import rooms as names
from .handlers import PREVIEW, ROLES, Ctx, Handlers
from .rounds import seat_if_late

handlers = Handlers("sync")


def follow(ctx: Ctx, scopes: list[str]) -> None:
    """Put the connection in exactly the rooms of `scopes`."""
    wanted = {names.room(ctx.code, s) for s in scopes}
    current = {r for r in ctx.rooms.current() if r.startswith(f"{ctx.code}/")}
    for room in wanted - current:
        ctx.rooms.join(room)
    for room in current - wanted:
        ctx.rooms.leave(room)


def _me(ctx: Ctx) -> tuple[dict, list[str]]:
    """Return what a caller should know about themselves (what they may do included) and
    the scopes they follow now; someone arriving in the middle of a round gets a seat."""
    code = ctx.code
    if ctx.caller.role == PREVIEW:
        # As a participant seated at that table sees it: its board, nothing of anyone's own.
        table = ctx.caller.table
        me = {"role": PREVIEW, "participant": None, "seat": table, "plan": {},
              "tables": [table], "may": staff_capabilities(PREVIEW)}
        return me, [WORKSHOP, table_scope(table)]
    if ctx.caller.role != "participant":
        tables = sorted(ctx.store.tables.ids(code))
        me = {"role": ctx.caller.role, "tables": tables,
              "may": staff_capabilities(ctx.caller.role)}
        own = [CONSOLE] if ctx.caller.role == "console" else []
        return me, [WORKSHOP, STAFF, *own, *map(table_scope, tables)]
    viewer = ctx.store.participants.viewer(code, ctx.caller.pid)
    if seat_if_late(ctx, viewer.rounds, viewer.seat):
        viewer = ctx.store.participants.viewer(code, ctx.caller.pid)
    followed = viewer.followed_tables(lambda: ctx.store.tables.ids(code))
    me = {"role": "participant", "participant": viewer.participant.to_dict(),
          "seat": viewer.seat, "plan": viewer.plan, "tables": followed,
          "may": {**viewer.capabilities(), "vote_on": followed if viewer.voting.open else []}}
    return me, [WORKSHOP, person_scope(ctx.caller.pid), *map(table_scope, followed)]


def _described(me: dict, boards: list[str]) -> list[str] | None:
    """The tables a phone's snapshot describes: a seated phone needs its own, those it
    follows and those of its plan; one choosing where to sit needs every table (None)."""
    if not me["seat"]:
        return None
    return sorted({me["seat"], *boards, *me["plan"].values()})


def _valid_since(since, scopes: list[str]) -> dict[str, int] | None:
    if not isinstance(since, dict) or any(s not in since for s in scopes):
        return None
    picked = {s: since[s] for s in scopes}
    if not all(isinstance(v, int) and not isinstance(v, bool) and v >= 0 for v in picked.values()):
        return None
    return picked


def _since(ctx: Ctx, after: int) -> tuple[int, list[dict] | None]:
    """The events after `after`, up to Redis's head: those this process relayed when they
    reach back that far (a reconnection storm then decodes nothing but the few events
    still on their way to the relay), else all from Redis's stream."""
    kept = ctx.recent.since(ctx.code, after) if ctx.recent is not None else None
    if kept is None:
        return ctx.store.events.since(ctx.code, after)
    last, events = kept
    head, rest = ctx.store.events.since(ctx.code, max(after, last))
    return head, None if rest is None else events + rest


@handlers.on("sync", roles=(*ROLES, PREVIEW))
def sync(ctx: Ctx, data: dict) -> dict:
    """Reply with the events after the client's sequence numbers, or a snapshot if too old."""
    me, scopes = _me(ctx)
    follow(ctx, scopes)  # before reading: nothing committed from now on can be missed
    clock = {"me": me, "now": int(ctx.now * 1000), "scopes": scopes}
    since = _valid_since(data.get("since"), scopes)
    if since is not None:
        # Events reach a connection in sequence order, so a client holds every event of its
        # scopes up to the latest it has seen, whichever scope that was in: replaying from
        # there keeps a resync storm after a Redis outage cheap.
        head, events = _since(ctx, max(since.values()))
        if events is not None:
            missed = [e for e in events if e["scope"] in since and e["seq"] > since[e["scope"]]]
            return {"head": head, "events": missed, **clock}
    if ctx.caller.role in ("participant", PREVIEW):
        boards = [table_of(s) for s in scopes if table_of(s)]
        snapshot = ctx.store.snapshot(ctx.code, audience="phone", viewer=ctx.caller.pid,
                                      boards=boards, tables=_described(me, boards))
    else:
        snapshot = ctx.store.snapshot(ctx.code, audience=ctx.caller.role)
    return {"snapshot": snapshot, **clock}
