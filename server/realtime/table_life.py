"""Reactions to notes, and "I'm done" or a raised hand in the round."""

from ..domain import rounds as clock
from ..domain import table_life as rules
from ..domain.settings import Settings
from .handlers import Ctx, Handlers
from .rounds import end_round

handlers = Handlers("table_life")


@handlers.on("note_react", roles=("participant",), idempotent=True)
def note_react(ctx: Ctx, data: dict) -> dict:
    """React to a note (+1, heart, question, surprise), or take the reaction back."""
    table, note, reaction, on = rules.reaction_of(data)
    return ctx.store.table_life.react(ctx.code, ctx.caller.pid, table, note, reaction, on,
                                      op=ctx.op)


@handlers.on("status_set", roles=("participant",))
def status_set(ctx: Ctx, data: dict) -> dict:
    """Say one is done for this round, or raise (lower) one's hand for the facilitator.
    With the setting end_when_done, the round ends once everyone seated is done."""
    status = ctx.store.table_life.set_status(ctx.code, ctx.caller.pid, data)
    if status.done and Settings.from_dict(
            ctx.store.workshops.require(ctx.code).settings).end_when_done:
        rounds, _ = ctx.store.rounds.read(ctx.code)
        seated = list(ctx.store.tables.seats(ctx.code))
        if clock.under_way(rounds) and rules.everyone_done(
                ctx.store.table_life.statuses(ctx.code), seated):
            end_round(ctx)
    return {"status": status.to_dict()}


@handlers.on("presence", roles=("participant", "screen", "console"))
def presence(ctx: Ctx, data: dict) -> dict:
    """Who is at the tables right now (seated and connected): the console gets everyone,
    the screen each table's head count, a host the names at their table, any other phone
    the head count of its own table. Pages ask every few seconds."""
    at = rules.present_at(ctx.store.tables.seats(ctx.code),
                          ctx.store.presence.present(ctx.code))
    if ctx.caller.role == "console":
        return {"present": at}
    if ctx.caller.role == "screen":
        return {"counts": {table: len(people) for table, people in at.items()}}
    viewer = ctx.store.participants.viewer(ctx.code, ctx.caller.pid)
    own = viewer.seat
    counts = {own: len(at.get(own, []))} if own else {}
    if viewer.hosted and viewer.hosted == own:
        names = {p.id: p.name for p in ctx.store.participants.all(ctx.code)
                 if p.id in set(at.get(own, []))}
        return {"counts": counts, "here": [{"id": pid, "name": names[pid]}
                                           for pid in at.get(own, []) if pid in names]}
    return {"counts": counts}
