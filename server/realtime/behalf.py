"""Writing for someone without a phone: who a write is for, checked once for every path
(a note, a dot, a support)."""

from ..domain.participant import check_scribe
from .handlers import Ctx


def for_whom(ctx: Ctx, data: dict, table: str | None) -> str:
    """Return the participant a write is for: the caller, or (with "for") someone without a
    phone the caller may write for at `table` (None: a write with no table)."""
    if "for" not in data or data["for"] == ctx.caller.pid:
        return ctx.caller.pid
    scribe = ctx.store.participants.viewer(ctx.code, ctx.caller.pid)
    target = ctx.store.participants.get(ctx.code, data["for"])
    check_scribe(scribe.participant, target, scribe.hosted, table)
    return target.id
