"""Event handlers grouped like blueprints, the caller they serve, and their acknowledgements."""

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from ..domain.access import check_payload, check_surface
from ..domain.errors import DomainError, server_error, unavailable
from ..domain.ops import Op, new_op
from ..domain.participant import check_member
from ..i18n import translate
from ..store import Store, StoreUnavailable
from .recent import RecentEvents

log = logging.getLogger(__name__)

ROLES = ("participant", "screen", "console")
PREVIEW = "preview"
"""The console looking at one table as a participant there sees it: it may read, never
write (no handler but sync and presence names it among its roles)."""


@dataclass(frozen=True)
class Caller:
    """Who is at the other end of a connection: their workshop, surface and identity."""

    code: str
    role: str
    pid: str | None = None
    lang: str | None = None
    table: str | None = None  # the table a preview looks at

    @property
    def who(self) -> str:
        """The author of this caller's writes: their participant id, or their surface."""
        return self.pid or self.role


@dataclass(frozen=True)
class Rooms:
    """The rooms of one connection, through python-socketio itself (no Flask context)."""

    server: object = None
    sid: str = ""

    def current(self) -> set[str]:
        """The rooms the connection is in."""
        return set(self.server.rooms(self.sid, namespace="/")) if self.server else set()

    def join(self, room: str) -> None:
        """Put the connection in a room."""
        self.server.enter_room(self.sid, room, namespace="/")

    def leave(self, room: str) -> None:
        """Take the connection out of a room."""
        self.server.leave_room(self.sid, room, namespace="/")


@dataclass(frozen=True)
class Ctx:
    """What a handler gets besides the payload."""

    store: Store
    caller: Caller
    sid: str
    now: float
    op: Op | None = None  # the client's id for this write, if it sent one
    sleep: Callable[[float], None] = time.sleep  # yields to the event loop under eventlet
    after: list[Callable[[], None]] = field(default_factory=list)  # once the ack is sent
    cut: Callable[[str], None] = lambda sid: None  # disconnects a connection of this process
    rooms: Rooms = field(default_factory=Rooms)  # the connection's rooms
    recent: RecentEvents | None = None  # the latest events this process relayed

    @property
    def code(self) -> str:
        """The caller's workshop."""
        return self.caller.code

    def hang_up(self) -> None:
        """Disconnect the caller's connection."""
        self.cut(self.sid)

    def actor(self) -> tuple[str | None, str]:
        """Return (participant id, role) of the caller; the console acts as "console"."""
        if self.caller.role != "participant":
            return None, self.caller.role
        participant = check_member(self.store.participants.get(self.code, self.caller.pid))
        return participant.id, participant.role


@dataclass(frozen=True)
class Handler:
    """One event: the function that serves it and the surfaces allowed to send it."""

    event: str
    fn: Callable[[Ctx, object], dict | None]
    roles: frozenset[str]
    op_field: str | None = None  # the payload field holding the write's op id, if any
    retried_in_commit: bool = False  # a retry is recognised by the commit, not before


class Handlers:
    """A named group of Socket.IO events, registered on the namespace like a blueprint."""

    def __init__(self, name: str):
        self.name = name
        self.table: dict[str, Handler] = {}

    def on(self, event: str, *, roles: tuple[str, ...], idempotent: bool | str = False,
           retried_in_commit: bool = False):
        """Register the decorated function as the handler of `event` for `roles`.

        `idempotent`: a retry with the same op id gets the first answer back; True reads
        the id from the payload's "op", a string names another field (a note's "id").
        `retried_in_commit`: the handler writes in one commit, which itself answers a retry
        with the first answer (saving the look-up before, a round trip per write); the
        look-up is made only when the handler refuses.
        """

        def register(fn):
            field = "op" if idempotent is True else (idempotent or None)
            self.table[event] = Handler(event, fn, frozenset(roles), field, retried_in_commit)
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
        check_surface(ctx.caller.role, handler.roles)
        data = check_payload(data)
        if handler.op_field and handler.op_field in data:
            op = new_op(data[handler.op_field], ctx.caller.who, handler.event, handler.op_field)
            ctx = replace(ctx, op=op)
            if not handler.retried_in_commit:
                earlier = ctx.store.earlier(ctx.code, op)  # refuses another author's id
                if earlier is not None:
                    return ok({**earlier, "duplicate": True})
        return ok(handler.fn(ctx, data))
    except DomainError as err:
        if ctx.op is not None and handler.retried_in_commit:
            return _refused_or_earlier(ctx, err)
        return fail(err, lang)
    except StoreUnavailable:
        log.warning("Redis unavailable during %s", handler.event)
        return fail(unavailable(), lang)
    except Exception:
        log.exception("handler %s failed", handler.event)
        return fail(server_error(), lang)


def _refused_or_earlier(ctx: Ctx, err: DomainError) -> dict:
    """A write refused now may be the retry of one applied before (the vote has closed
    since): the first answer then, as for any retry."""
    try:
        earlier = ctx.store.earlier(ctx.code, ctx.op)
    except DomainError as taken:  # the id belongs to another write
        return fail(taken, ctx.caller.lang)
    except StoreUnavailable:
        return fail(unavailable(), ctx.caller.lang)
    if earlier is not None:
        return ok({**earlier, "duplicate": True})
    return fail(err, ctx.caller.lang)


def now() -> float:
    """Return the server's clock, the one every timer follows (seconds)."""
    return time.time()
