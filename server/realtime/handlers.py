"""Event handlers grouped like blueprints, the caller they serve, and their acknowledgements."""

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, replace

from ..domain.errors import N_, DomainError, bad_request, forbidden
from ..domain.secrets import check_id
from ..i18n import translate
from ..store import UNAVAILABLE, Store

log = logging.getLogger(__name__)

ROLES = ("participant", "screen", "console")


@dataclass(frozen=True)
class Caller:
    """Who is at the other end of a connection: their workshop, surface and identity."""

    code: str
    role: str
    pid: str | None = None
    lang: str | None = None


@dataclass(frozen=True)
class Ctx:
    """What a handler gets besides the payload."""

    store: Store
    caller: Caller
    sid: str
    now: float
    op: str = ""  # the client's id for this write, if it sent one
    sleep: Callable[[float], None] = time.sleep  # yields to the event loop under eventlet

    @property
    def code(self) -> str:
        """The caller's workshop."""
        return self.caller.code

    def actor(self) -> tuple[str | None, str]:
        """Return (participant id, role) of the caller; the console acts as "console"."""
        if self.caller.role != "participant":
            return None, self.caller.role
        participant = self.store.participants.get(self.code, self.caller.pid)
        if participant is None:
            raise DomainError("not_joined", N_("You are no longer in this workshop."))
        return participant.id, participant.role


@dataclass(frozen=True)
class Handler:
    """One event: the function that serves it and the surfaces allowed to send it."""

    fn: Callable[[Ctx, object], dict | None]
    roles: frozenset[str]
    idempotent: bool = False  # a retry with the same "op" id gets the first answer back


class Handlers:
    """A named group of Socket.IO events, registered on the namespace like a blueprint."""

    def __init__(self, name: str):
        self.name = name
        self.table: dict[str, Handler] = {}

    def on(self, event: str, *, roles: tuple[str, ...], idempotent: bool = False):
        """Register the decorated function as the handler of `event` for `roles`."""

        def register(fn):
            self.table[event] = Handler(fn, frozenset(roles), idempotent)
            return fn

        return register


def ok(result: dict | None = None) -> dict:
    """Return a success acknowledgement."""
    return {"ok": True, **(result or {})}


def fail(error: DomainError, lang: str | None) -> dict:
    """Return an error acknowledgement, its message in the caller's language."""
    return {"ok": False, "error": error.as_dict(lambda m: translate(m, lang))}


def run(handler: Handler, ctx: Ctx, data) -> dict:
    """Run a handler and turn its outcome, whatever it is, into an acknowledgement."""
    lang = ctx.caller.lang
    try:
        if ctx.caller.role not in handler.roles:
            raise forbidden()
        if data is not None and not isinstance(data, dict):
            raise bad_request(N_("The payload must be an object."))
        data = data or {}
        if handler.idempotent and "op" in data:
            ctx = replace(ctx, op=check_id(data["op"], "op"))
            earlier = ctx.store.earlier(ctx.code, ctx.op)
            if earlier is not None:
                return ok({**earlier, "duplicate": True})
        return ok(handler.fn(ctx, data))
    except DomainError as err:
        return fail(err, lang)
    except UNAVAILABLE:
        log.warning("Redis unavailable during %s", handler.fn.__name__)
        return fail(DomainError(
            "unavailable", N_("The server cannot reach its database; try again in a moment.")
        ), lang)
    except Exception:
        log.exception("handler %s failed", handler.fn.__name__)
        return fail(DomainError("server_error", N_("Something went wrong on the server.")), lang)


def now() -> float:
    """Return the server's clock, the one every timer follows (seconds)."""
    return time.time()
