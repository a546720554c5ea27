"""The forum ouvert: the grid, the marketplace, the law of two feet, reports, amendments."""

from ..domain.openspace.ballot import clean_ballot_title
from ..domain.openspace.layout import Layout, clean_slot, clean_space
from ..domain.openspace.presence import chosen_session, may_see_who
from ..domain.openspace.reports import check_amendment_state, clean_comment, clean_report
from ..domain.openspace.sessions import clean_cell, clean_session, session_id
from ..domain.participant import check_member
from .handlers import ROLES, Ctx, Handlers

handlers = Handlers("openspace")
CONSOLE = ("console",)
BOTH = ("participant", "console")


def _who(ctx: Ctx) -> tuple[str, str] | None:
    """The participant acting (id, name), None for the console."""
    if ctx.caller.role != "participant":
        return None
    person = check_member(ctx.store.participants.get(ctx.code, ctx.caller.pid))
    return person.id, person.name


def _item(data: dict, name: str) -> str | None:
    value = data.get(name)
    return value if isinstance(value, str) else None


@handlers.on("space_save", roles=CONSOLE)
def space_save(ctx: Ctx, data: dict) -> dict:
    """Add a space (a room or a corner, with a capacity), or change one ("space": id)."""
    layout = ctx.store.openspace.save_space(ctx.code, _item(data, "space"), clean_space(data))
    return {"layout": layout.to_dict()}


@handlers.on("space_remove", roles=CONSOLE)
def space_remove(ctx: Ctx, data: dict) -> dict:
    """Remove a space no session is held in."""
    return {"layout": ctx.store.openspace.remove_space(ctx.code, data.get("space")).to_dict()}


@handlers.on("slot_save", roles=CONSOLE)
def slot_save(ctx: Ctx, data: dict) -> dict:
    """Add a time slot (label, start, end), or change one ("slot": id)."""
    layout = ctx.store.openspace.save_slot(ctx.code, _item(data, "slot"), clean_slot(data))
    return {"layout": layout.to_dict()}


@handlers.on("slot_remove", roles=CONSOLE)
def slot_remove(ctx: Ctx, data: dict) -> dict:
    """Remove a slot no session is held in."""
    return {"layout": ctx.store.openspace.remove_slot(ctx.code, data.get("slot")).to_dict()}


@handlers.on("slot_now", roles=CONSOLE)
def slot_now(ctx: Ctx, data: dict) -> dict:
    """Say which slot is under way (null: none)."""
    return ctx.store.openspace.set_slot_now(ctx.code, data.get("slot"))


@handlers.on("session_convene", roles=BOTH, idempotent=True)
def session_convene(ctx: Ctx, data: dict) -> dict:
    """Convene a session: a title, a line of description, a free cell of the grid."""
    fields = clean_session(data)
    space, slot = clean_cell(data, ctx.store.openspace.layout(ctx.code))
    return ctx.store.openspace.convene(ctx.code, fields, space, slot, _who(ctx), ctx.now,
                                       op=ctx.op)


@handlers.on("session_move", roles=BOTH)
def session_move(ctx: Ctx, data: dict) -> dict:
    """Move one's session to another free cell, until the marketplace closes."""
    space, slot = clean_cell(data, ctx.store.openspace.layout(ctx.code))
    session = ctx.store.openspace.move(ctx.code, session_id(data), space, slot, ctx.caller.pid)
    return {"session": session.to_dict()}


@handlers.on("session_merge", roles=BOTH)
def session_merge(ctx: Ctx, data: dict) -> dict:
    """Merge one's session into another (a clash of similar titles, say)."""
    session = ctx.store.openspace.merge(ctx.code, session_id(data), session_id(data, "into"),
                                        ctx.caller.pid)
    return {"session": session.to_dict()}


@handlers.on("session_check_in", roles=("participant",), idempotent=True)
def session_check_in(ctx: Ctx, data: dict) -> dict:
    """Check into a session by id, or by its space (the code on the door) in the slot under
    way; "session": null checks out. Moving elsewhere checks one out of the last one."""
    state = ctx.store.openspace.state(ctx.code)
    chosen = chosen_session(data, Layout.from_dict(state["layout"]),
                            ctx.store.openspace.cells(ctx.code), state["slot_now"])
    return ctx.store.openspace_life.check_in(ctx.code, ctx.caller.pid, chosen, op=ctx.op)


@handlers.on("session_people", roles=ROLES)
def session_people(ctx: Ctx, data: dict) -> dict:
    """Who is in a session now: for its conveners and the staff."""
    session = ctx.store.openspace.session(ctx.code, session_id(data))
    if not may_see_who(session, ctx.caller.pid, ctx.caller.role):
        return {"session": session.id, "people": None}
    return {"session": session.id, "people": ctx.store.openspace_life.here(ctx.code, session.id)}


@handlers.on("report_save", roles=BOTH, idempotent=True)
def report_save(ctx: Ctx, data: dict) -> dict:
    """Save a session's report: its conveners, anyone who took part, or the console."""
    fields = clean_report(data)
    session = ctx.store.openspace.session(ctx.code, session_id(data))
    return ctx.store.openspace_life.save_report(ctx.code, session, fields, _who(ctx), ctx.now,
                                                op=ctx.op)


@handlers.on("report_comment", roles=("participant",), idempotent=True)
def report_comment(ctx: Ctx, data: dict) -> dict:
    """Comment on the report of a session one took part in, while the window is open."""
    return ctx.store.openspace_life.comment(ctx.code, session_id(data), ctx.caller.pid,
                                            clean_comment(data), ctx.now, op=ctx.op)


@handlers.on("amendment_set", roles=CONSOLE)
def amendment_set(ctx: Ctx, data: dict) -> dict:
    """Open the amendment window ("open"), make the proceedings final ("final"), or go
    back to writing reports ("")."""
    state = check_amendment_state(data.get("state"))
    return ctx.store.openspace_life.set_amendment(ctx.code, state,
                                                  ctx.store.openspace.state(ctx.code))


@handlers.on("ballot_make", roles=CONSOLE)
def ballot_make(ctx: Ctx, data: dict) -> dict:
    """Put every session's recommendations on one more table, the ballot, for the vote
    (then `voting_open` with that table)."""
    title = clean_ballot_title(data)
    return ctx.store.openspace_life.make_ballot(ctx.code, title,
                                                ctx.store.openspace.sessions(ctx.code), ctx.now)
