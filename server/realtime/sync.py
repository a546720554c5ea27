"""Catching up: a replay of the events a client missed, or a full snapshot.

Sync is also where a connection's rooms are set: a phone follows the workshop, its own
private scope and the table where it sits; the screen and the console follow every table.
"""

from flask_socketio import join_room, leave_room, rooms

from ..domain.participant import check_member
from ..domain.protocol import STAFF, WORKSHOP, person_scope, table_scope
from ..domain.voting import Voting
from . import rooms as names
from .handlers import ROLES, Ctx, Handlers
from .rounds import seat_if_late

handlers = Handlers("sync")


def phone_tables(seat: str | None, voting: dict | None, tables: list[str]) -> list[str]:
    """The tables a phone follows: those it may vote on while voting, else its own."""
    if voting and voting.get("open"):
        return Voting.from_dict(voting).tables_for(seat, tables)
    return [seat] if seat else []


def followed_scopes(ctx: Ctx) -> list[str]:
    """Return the event scopes a caller receives now."""
    if ctx.caller.role == "participant":
        seat = ctx.store.tables.seat_of(ctx.code, ctx.caller.pid)
        voting, _ = ctx.store.votes.read(ctx.code)
        tables = ctx.store.tables.ids(ctx.code)
        followed = phone_tables(seat, voting.to_dict(), tables)
        return [WORKSHOP, person_scope(ctx.caller.pid), *map(table_scope, followed)]
    return [WORKSHOP, STAFF, *map(table_scope, sorted(ctx.store.tables.ids(ctx.code)))]


def follow(ctx: Ctx, scopes: list[str]) -> None:
    """Put the connection in exactly the rooms of `scopes`."""
    wanted = {names.room(ctx.code, s) for s in scopes}
    current = {r for r in rooms() if r.startswith(f"{ctx.code}/")}
    for room in wanted - current:
        join_room(room)
    for room in current - wanted:
        leave_room(room)


def whoami(ctx: Ctx) -> dict:
    """Return what a caller should know about themselves."""
    caller = ctx.caller
    if caller.role != "participant":
        return {"role": caller.role}
    participant = check_member(ctx.store.participants.get(caller.code, caller.pid))
    rounds, _ = ctx.store.rounds.read(caller.code)
    return {
        "role": "participant", "participant": participant.to_dict(),
        "seat": ctx.store.tables.seat_of(caller.code, caller.pid),
        "plan": ctx.store.rounds.row(caller.code, caller.pid, rounds.count),
    }


def _valid_since(since, scopes: list[str]) -> dict[str, int] | None:
    if not isinstance(since, dict) or any(s not in since for s in scopes):
        return None
    picked = {s: since[s] for s in scopes}
    if not all(isinstance(v, int) and not isinstance(v, bool) and v >= 0 for v in picked.values()):
        return None
    return picked


@handlers.on("sync", roles=ROLES)
def sync(ctx: Ctx, data: dict) -> dict:
    """Reply with the events after the client's sequence numbers, or a snapshot if too old."""
    if ctx.caller.role == "participant":
        seat_if_late(ctx)  # someone arriving in the middle of a round gets a seat
    me = whoami(ctx)
    scopes = followed_scopes(ctx)
    follow(ctx, scopes)  # before reading: nothing committed from now on can be missed
    clock = {"me": me, "now": int(ctx.now * 1000), "scopes": scopes}
    since = _valid_since(data.get("since"), scopes)
    if since is not None:
        # Events reach a connection in sequence order, so a client holds every event of its
        # scopes up to the latest it has seen, whichever scope that was in: replaying from
        # there keeps a resync storm after a Redis outage cheap.
        head, events = ctx.store.events.since(ctx.code, max(since.values()))
        if events is not None:
            missed = [e for e in events if e["scope"] in since and e["seq"] > since[e["scope"]]]
            return {"head": head, "events": missed, **clock}
    pid = ctx.caller.pid
    if ctx.caller.role == "participant":
        snapshot = ctx.store.snapshot(
            ctx.code, viewer=pid, staff=False,
            boards=lambda tables, seat, voting: phone_tables(seat, voting, tables))
    else:
        snapshot = ctx.store.snapshot(ctx.code)
    return {"snapshot": snapshot, **clock}
