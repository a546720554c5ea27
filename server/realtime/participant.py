"""What a participant does about themselves."""

from ..domain.participant import clean_profile
from .handlers import Ctx, Handlers

handlers = Handlers("participant")


@handlers.on("profile_update", roles=("participant",))
def profile_update(ctx: Ctx, data: dict) -> dict:
    """Change one's display name, organisation or language."""
    profile = clean_profile(data, default_language=ctx.caller.lang or "fr")
    participant = ctx.store.participants.update(ctx.caller.code, ctx.caller.pid, **profile)
    return {"participant": participant.to_dict()}
