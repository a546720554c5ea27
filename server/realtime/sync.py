"""Catching up: a replay of the events a client missed, or a full snapshot."""

from ..domain.errors import N_, DomainError
from .handlers import ROLES, Ctx, Handlers
from .rooms import WORKSHOP

handlers = Handlers("sync")


def followed_scopes(ctx: Ctx) -> list[str]:
    """Return the event scopes a caller receives."""
    return [WORKSHOP]


def whoami(ctx: Ctx) -> dict:
    """Return what a caller should know about themselves."""
    caller = ctx.caller
    if caller.role != "participant":
        return {"role": caller.role}
    participant = ctx.store.participants.get(caller.code, caller.pid)
    if participant is None:
        raise DomainError("not_joined", N_("You are no longer in this workshop."))
    return {"role": "participant", "participant": participant.to_dict()}


def _valid_since(since, scopes: list[str]) -> dict[str, int] | None:
    if not isinstance(since, dict) or any(s not in since for s in scopes):
        return None
    picked = {s: since[s] for s in scopes}
    if not all(isinstance(v, int) and not isinstance(v, bool) and v >= 0 for v in picked.values()):
        return None
    return picked


@handlers.on("sync", roles=ROLES)
def sync(ctx: Ctx, data: dict) -> dict:
    """Reply with the events after the client's sequence numbers, or a snapshot if too old."""
    scopes = followed_scopes(ctx)
    me = whoami(ctx)
    clock = {"me": me, "now": int(ctx.now * 1000), "scopes": scopes}
    since = _valid_since(data.get("since"), scopes)
    if since is not None:
        head, events = ctx.store.events.since(ctx.caller.code, min(since.values()))
        if events is not None:
            missed = [e for e in events if e["scope"] in since and e["seq"] > since[e["scope"]]]
            return {"head": head, "events": missed, **clock}
    return {"snapshot": ctx.store.snapshot(ctx.caller.code), **clock}
