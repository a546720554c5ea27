"""The facilitator holds the door: its mode, the lobby, sweeping idle joiners, and the
vote's review (dots per organisation, one address behind one note)."""

from ..domain import door as rules
from ..domain.vote_review import review
from .handlers import Ctx, Handlers

handlers = Handlers("door")
CONSOLE = ("console",)


@handlers.on("door_set", roles=CONSOLE)
def door_set(ctx: Ctx, data: dict) -> dict:
    """Open, hold on approval or lock the door; set the headcount expected."""
    door = rules.door_change(ctx.store.door.read(ctx.code), data)
    return {"door": ctx.store.door.set(ctx.code, door).to_dict()}


@handlers.on("lobby_admit", roles=CONSOLE)
def lobby_admit(ctx: Ctx, data: dict) -> dict:
    """Let people waiting at the door in; one of them may be merged `into` someone who is
    already in the workshop (their new phone, say)."""
    ids = rules.check_entries(data)
    into = rules.check_merge(data, ids)
    people = ctx.store.door.admit(ctx.code, ids, ctx.now, into=into)
    return {"participants": [p.to_dict() for p in people]}


@handlers.on("lobby_refuse", roles=CONSOLE)
def lobby_refuse(ctx: Ctx, data: dict) -> dict:
    """Turn people waiting at the door away."""
    return {"refused": ctx.store.door.refuse(ctx.code, rules.check_entries(data))}


@handlers.on("participants_sweep", roles=CONSOLE)
def participants_sweep(ctx: Ctx, data: dict) -> dict:
    """Remove everyone who joined within a window and never sat nor did anything."""
    return {"removed": ctx.store.door.sweep(ctx.code, rules.check_window(data))}


@handlers.on("vote_review", roles=CONSOLE)
def vote_review(ctx: Ctx, data: dict) -> dict:
    """The vote's dots per organisation and note, and who put every dot on one note."""
    people = {p.id: {"name": p.name, "organisation": p.organisation}
              for p in ctx.store.participants.all(ctx.code)}
    given = ctx.store.votes.given(ctx.code)
    return {"review": review(given, people, ctx.store.door.sources(ctx.code))}
