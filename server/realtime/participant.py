"""What a participant does about themselves."""

from ..domain.participant import check_may_scribe, clean_profile
from .handlers import Ctx, Handlers

handlers = Handlers("participant")


@handlers.on("profile_update", roles=("participant",))
def profile_update(ctx: Ctx, data: dict) -> dict:
    """Change one's display name, organisation or language."""
    profile = clean_profile(data, default_language=ctx.caller.lang or "fr")
    participant = ctx.store.participants.update(ctx.caller.code, ctx.caller.pid, **profile)
    return {"participant": participant.to_dict()}


@handlers.on("participant_add", roles=("participant", "console"))
def participant_add(ctx: Ctx, data: dict) -> dict:
    """Add someone who has no phone (the console, or a scribe: a host or a rapporteur)."""
    if ctx.caller.role == "participant":
        viewer = ctx.store.participants.viewer(ctx.code, ctx.caller.pid)
        check_may_scribe(viewer.participant.role, viewer.hosted)
    language = ctx.store.workshops.require(ctx.code).language
    profile = clean_profile(data, default_language=language)
    return {"participant": ctx.store.participants.add_without_phone(ctx.code, profile,
                                                                    ctx.now).to_dict()}


@handlers.on("people_without_phone", roles=("participant", "console"))
def people_without_phone(ctx: Ctx, data: dict) -> dict:
    """List the people without a phone, for a scribe to choose whom they write for."""
    if ctx.caller.role == "participant":
        viewer = ctx.store.participants.viewer(ctx.code, ctx.caller.pid)
        check_may_scribe(viewer.participant.role, viewer.hosted)
    seats = ctx.store.tables.seats(ctx.code)
    return {"people": [{**p.to_dict(), "seat": seats.get(p.id)}
                       for p in ctx.store.participants.without_phone(ctx.code)]}
