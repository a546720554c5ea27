"""Dot voting: the console opens, closes and reveals it; participants give dots."""

from ..domain import voting as rules
from .behalf import for_whom
from .handlers import Ctx, Handlers

handlers = Handlers("voting")
CONSOLE = ("console",)


@handlers.on("voting_open", roles=CONSOLE)
def voting_open(ctx: Ctx, data: dict) -> dict:
    """Open the vote for the whole café or one table, with a budget of dots per person.

    With "reset": true, the dots of an earlier vote go.
    """
    rules.check_vote_phase(ctx.store.workshops.require(ctx.code).phase)
    voting = rules.open_voting(data, set(ctx.store.tables.ids(ctx.code)))
    reset = rules.check_reset(data)
    _, raw = ctx.store.votes.read(ctx.code)
    ctx.store.votes.save(ctx.code, raw, voting, reset=reset)
    return {"voting": voting.to_dict()}


@handlers.on("voting_close", roles=CONSOLE)
def voting_close(ctx: Ctx, data: dict) -> dict:
    """Stop taking dots."""
    voting, raw = ctx.store.votes.read(ctx.code)
    closed = rules.close_voting(voting)
    ctx.store.votes.save(ctx.code, raw, closed)
    return {"voting": closed.to_dict()}


@handlers.on("voting_reveal", roles=CONSOLE)
def voting_reveal(ctx: Ctx, data: dict) -> dict:
    """Show everyone the counts of a hidden vote."""
    voting, raw = ctx.store.votes.read(ctx.code)
    shown = rules.reveal(voting)
    ctx.store.votes.save(ctx.code, raw, shown, reveal_counts=ctx.store.votes.counts(ctx.code))
    return {"voting": shown.to_dict()}


@handlers.on("vote", roles=("participant",), idempotent=True, retried_in_commit=True)
def vote(ctx: Ctx, data: dict) -> dict:
    """Give a dot to a note (delta +1) or take one back (-1)."""
    table, note = rules.dot_target(data)
    voter = for_whom(ctx, data, table)  # a scribe gives a dot for someone without a phone
    delta = data.get("delta", 1)
    return ctx.store.votes.give(ctx.code, voter, table, note,
                                lambda voting: rules.check_vote(voting, table, delta), op=ctx.op)


@handlers.on("board_lock", roles=CONSOLE)
def board_lock(ctx: Ctx, data: dict) -> dict:
    """Lock the board (no more notes or votes) or open it again."""
    locked = rules.check_locked(data.get("locked"))
    return {"workshop": ctx.store.workshops.set_locked(ctx.code, locked).to_dict()}
