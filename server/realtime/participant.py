"""What a participant does about themselves."""

from ..domain.participant import check_may_scribe, check_scribe_at, clean_profile, placed_at
from ..domain.tables import check_room
from .handlers import Ctx, Handlers
from .rounds import place

handlers = Handlers("participant")


@handlers.on("profile_update", roles=("participant",))
def profile_update(ctx: Ctx, data: dict) -> dict:
    """Change one's display name, organisation or language."""
    profile = clean_profile(data, default_language=ctx.caller.lang or "fr")
    participant = ctx.store.participants.update(ctx.caller.code, ctx.caller.pid, **profile)
    return {"participant": participant.to_dict()}


@handlers.on("participant_add", roles=("participant", "console"))
def participant_add(ctx: Ctx, data: dict) -> dict:
    """Add someone who has no phone (the console, or a scribe: a host or a rapporteur),
    seated at once at a table ("table") when one is named: the scribe's, usually."""
    table_id = placed_at(data)
    if ctx.caller.role == "participant":
        viewer = ctx.store.participants.viewer(ctx.code, ctx.caller.pid)
        check_may_scribe(viewer.participant.role, viewer.hosted)
        if table_id is not None:
            check_scribe_at(viewer.participant.role, viewer.hosted, table_id)
    table = ctx.store.tables.require(ctx.code, table_id) if table_id is not None else None
    if table is not None:  # a full table refuses before anyone is added
        check_room(table, ctx.store.tables.seated(ctx.code).get(table.id, 0))
    language = ctx.store.workshops.require(ctx.code).language
    profile = clean_profile(data, default_language=language)
    added = ctx.store.participants.add_without_phone(ctx.code, profile, ctx.now)
    if table is not None:
        place(ctx, added.id, table)
    return {"participant": added.to_dict(), "seat": table.id if table else None}


@handlers.on("people_without_phone", roles=("participant", "console"))
def people_without_phone(ctx: Ctx, data: dict) -> dict:
    """List the people without a phone, for a scribe to choose whom they write for."""
    if ctx.caller.role == "participant":
        viewer = ctx.store.participants.viewer(ctx.code, ctx.caller.pid)
        check_may_scribe(viewer.participant.role, viewer.hosted)
    seats = ctx.store.tables.seats(ctx.code)
    return {"people": [{**p.to_dict(), "seat": seats.get(p.id),
                        "dots": ctx.store.votes.mine(ctx.code, p.id),
                        "supports": ctx.store.forum.supported_by(ctx.code, p.id)}
                       for p in ctx.store.participants.without_phone(ctx.code)]}
