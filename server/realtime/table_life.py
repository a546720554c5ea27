"""Reactions to notes, and "I'm done" or a raised hand in the round."""

from ..domain import rounds as clock
from ..domain import table_life as rules
from ..domain.settings import Settings
from .handlers import PREVIEW, Ctx, Handlers
from .rounds import end_round

handlers = Handlers("table_life")


@handlers.on("note_react", roles=("participant",), idempotent=True)
def note_react(ctx: Ctx, data: dict) -> dict:
    """React to a note (+1, heart, question, surprise), or take the reaction back."""
    table, note, reaction, on = rules.reaction_of(data)
    return ctx.store.table_life.react(ctx.code, ctx.caller.pid, table, note, reaction, on,
                                      op=ctx.op)


def _without_phone(ctx: Ctx) -> frozenset[str]:
    """The people without a phone who are in the room (a scribe writes for them)."""
    return frozenset(p.id for p in ctx.store.participants.without_phone(ctx.code) if p.present)


@handlers.on("status_set", roles=("participant", "console"))
def status_set(ctx: Ctx, data: dict) -> dict:
    """Say one is done for this round, or raise (lower) one's hand for the facilitator; the
    console lowers a raised hand ("participant"). With the setting end_when_done, the round
    ends once everyone seated (with a phone) is done."""
    if ctx.caller.role == "console":
        pid, _ = rules.lowered(rules.Status(), data)
        ctx.store.participants.require(ctx.code, pid)
        status = ctx.store.table_life.set_status(
            ctx.code, pid, lambda before: rules.lowered(before, data)[1])
        return {"participant": pid, "status": status.to_dict()}
    status = ctx.store.table_life.set_status(
        ctx.code, ctx.caller.pid, lambda before: rules.status_change(before, data))
    if status.done and Settings.from_dict(
            ctx.store.workshops.require(ctx.code).settings).end_when_done:
        rounds, _ = ctx.store.rounds.read(ctx.code)
        seated = list(ctx.store.tables.seats(ctx.code))
        if clock.under_way(rounds) and rules.everyone_done(
                ctx.store.table_life.statuses(ctx.code), seated, _without_phone(ctx)):
            end_round(ctx)
    return {"status": status.to_dict()}


@handlers.on("presence", roles=("participant", "screen", "console", PREVIEW))
def presence(ctx: Ctx, data: dict) -> dict:
    """Who is at the tables right now (seated and connected, or seated without a phone):
    the console gets everyone, the screen each table's head count, a host the names at
    their table with who is done or has a hand up, any other phone (or a preview) the
    head count of its own table. Pages ask every few seconds."""
    at = rules.present_at(ctx.store.tables.seats(ctx.code),
                          ctx.store.presence.present(ctx.code), _without_phone(ctx))
    if ctx.caller.role == "console":
        return {"present": at}
    if ctx.caller.role == "screen":
        return {"counts": {table: len(people) for table, people in at.items()}}
    if ctx.caller.role == PREVIEW:
        return {"counts": {ctx.caller.table: len(at.get(ctx.caller.table, []))}}
    viewer = ctx.store.participants.viewer(ctx.code, ctx.caller.pid)
    own = viewer.seat
    counts = {own: len(at.get(own, []))} if own else {}
    if viewer.hosted and viewer.hosted == own:
        here = set(at.get(own, []))
        people = {p.id: p for p in ctx.store.participants.all(ctx.code) if p.id in here}
        statuses = ctx.store.table_life.statuses(ctx.code)
        return {"counts": counts, "here": [
            {"id": pid, "name": people[pid].name, "phone": people[pid].phone,
             **statuses.get(pid, rules.Status()).to_dict()}
            for pid in at.get(own, []) if pid in people]}
    return {"counts": counts}
