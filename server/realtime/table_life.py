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
