"""The facilitator's actions: details, phase, roles, removals, deletion."""

from ..domain import rounds as clock
from ..domain.participant import check_role
from ..domain.secrets import hash_secret, new_secret
from ..domain.settings import clean_settings
from ..domain.workshop import check_deletion, clean_details
from .handlers import Ctx, Handlers

handlers = Handlers("console")
CONSOLE = ("console",)


@handlers.on("workshop_update", roles=CONSOLE)
def workshop_update(ctx: Ctx, data: dict) -> dict:
    """Change the workshop's details (theme, date, place, people, language)."""
    details = clean_details(data, partial=True)
    workshop = ctx.store.workshops.update_details(ctx.caller.code, details)
    return {"workshop": workshop.to_dict()}


@handlers.on("phase_set", roles=CONSOLE)
def phase_set(ctx: Ctx, data: dict) -> dict:
    """Move the workshop one phase forward or back (the harvest ends a round under way)."""
    workshop = ctx.store.workshops.set_phase(ctx.caller.code, data.get("phase"), ctx.now)
    rounds, raw = ctx.store.rounds.read(ctx.code)
    ended = clock.ended_by(rounds, workshop.phase)
    if ended is not None:
        ctx.store.rounds.save(ctx.code, raw, ended)
    return {"workshop": workshop.to_dict()}


@handlers.on("participant_role", roles=CONSOLE)
def participant_role(ctx: Ctx, data: dict) -> dict:
    """Give a participant a role: participant, host, rapporteur or animator."""
    role = check_role(data.get("role"))
    participant = ctx.store.participants.update(ctx.caller.code, data.get("participant"), role=role)
    return {"participant": participant.to_dict()}


@handlers.on("participant_remove", roles=CONSOLE)
def participant_remove(ctx: Ctx, data: dict) -> dict:
    """Remove a participant from the workshop; their device can no longer connect."""
    ctx.store.participants.remove(ctx.caller.code, data.get("participant"))
    return {}


@handlers.on("workshop_delete", roles=CONSOLE)
def workshop_delete(ctx: Ctx, data: dict) -> dict:
    """Delete the workshop and every one of its keys, once its code is typed to confirm."""
    check_deletion(data, ctx.code)
    deleted = ctx.store.workshops.delete(ctx.code, spare=ctx.sid)
    ctx.after.append(ctx.hang_up)  # the others are cut by the relay, this one after its ack
    return {"deleted_keys": deleted}


@handlers.on("settings_update", roles=CONSOLE)
def settings_update(ctx: Ctx, data: dict) -> dict:
    """Change the support budget, the number of topics kept, anonymous notes."""
    workshop = ctx.store.workshops.update_settings(ctx.caller.code, clean_settings(data))
    return {"workshop": workshop.to_dict()}


@handlers.on("screen_key_renew", roles=CONSOLE)
def screen_key_renew(ctx: Ctx, data: dict) -> dict:
    """Give the screen a new secret link; screens opened with the old one are cut."""
    key = new_secret()
    ctx.store.workshops.renew_screen(ctx.code, hash_secret(key))
    return {"key": key}
