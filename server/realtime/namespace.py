"""The Socket.IO namespace: authenticate on connect, then route each event to its handler."""

import logging

from flask_socketio import ConnectionRefusedError, Namespace

from ..domain.errors import DomainError, unavailable, unreadable
from ..domain.protocol import CONSOLE, STAFF, WORKSHOP, person_scope
from ..domain.ratelimit import PERSON_RATE, SOCKET_RATE, too_fast
from ..domain.workshop import LANGUAGES
from ..i18n import translate
from ..store import Store, StoreUnavailable
from . import rooms
from .connection import authenticate
from .handlers import PREVIEW, Caller, Ctx, Handlers, Rooms, fail, now, run
from .throttle import Throttle
from .wire import MALFORMED

log = logging.getLogger(__name__)


def _refused(error: DomainError, lang: str | None, environ: dict) -> ConnectionRefusedError:
    """A refused connection carrying the error, its message in the caller's language (the
    handshake's Accept-Language when the client named none: a Flask request context is
    made for that, a refusal being rare)."""
    if lang in LANGUAGES:
        return ConnectionRefusedError(error.code, error.as_dict(lambda m: translate(m, lang)))
    with environ["flask.app"].request_context(environ):
        return ConnectionRefusedError(error.code, error.as_dict(lambda m: translate(m, None)))


class CafeNamespace(Namespace):
    """The one namespace every surface connects to; rooms separate what each receives."""

    def __init__(self, store: Store, groups: list[Handlers], *, socket_rate: str = SOCKET_RATE,
                 person_rate: str = PERSON_RATE, channels=None):
        super().__init__("/")
        self.store = store
        # The relay: follows the channels of the workshops here, counts who is connected.
        self.channels = channels
        self.throttle = Throttle(socket_rate, person_rate)
        self.handlers = {}
        for group in groups:
            self.handlers.update(group.table)
        self.callers: dict[str, Caller] = {}  # who each connection of this process is

    def trigger_event(self, event, *args):
        """Route an event; answer an unknown one with an error rather than silence.

        Events go to their handler straight from python-socketio, connections and
        disconnections too: a handler needs only its connection and its caller, and
        Flask-SocketIO's request context (a URL match and a session per event) cost a
        fifth of an event's time, and a fifth of a reconnection storm's.
        """
        if event == "connect":  # python-socketio passes (sid, environ[, auth])
            return self.admit(args[0], args[1], args[2] if len(args) > 2 else None)
        if event == "disconnect":
            return self.forget(args[0])
        refusal, cut = self.throttle.check(args[0])
        if cut:
            log.warning("disconnecting %s: it kept sending after being refused", args[0])
            self.socketio.server.disconnect(args[0], namespace="/")
        if refusal is not None:
            return refusal
        if event == MALFORMED:
            caller = self.callers.get(args[0])
            return fail(unreadable(), caller.lang if caller else None)
        if event not in self.handlers:
            return {"ok": False, "error": {"code": "unknown_event",
                                           "message": f"Unknown event: {str(event)[:40]}"}}
        return self._dispatch(event, args[0], args[1] if len(args) > 1 else None)

    def admit(self, sid: str, environ: dict, auth=None) -> None:
        """Admit a participant, screen or console and put it in its workshop's rooms."""
        lang = auth.get("lang") if isinstance(auth, dict) else None
        try:
            caller = authenticate(self.store, auth, environ.get("REMOTE_ADDR"))
        except DomainError as err:
            raise _refused(err, lang, environ) from None
        except StoreUnavailable:
            raise _refused(unavailable(), lang, environ) from None
        if self.throttle.cooling(caller.code, caller.pid):
            raise _refused(too_fast(), caller.lang, environ)
        if self.channels is not None and not self.channels.arrive(caller.code):
            raise _refused(unavailable(), caller.lang, environ)
        self.callers[sid] = caller
        self.throttle.admit(sid, caller.code, caller.pid, fail(too_fast(), caller.lang))
        join = Rooms(self.socketio.server, sid).join
        join(rooms.room(caller.code, WORKSHOP))
        if caller.pid:
            join(rooms.room(caller.code, person_scope(caller.pid)))
            if self.channels is not None:
                self.channels.presence.arrive(caller.code, caller.pid)
        elif caller.role != PREVIEW:  # a preview follows what a phone does: sync says
            join(rooms.room(caller.code, STAFF))
        if caller.role == "console":
            join(rooms.room(caller.code, CONSOLE))
        elif caller.role == "screen":
            join(rooms.room(caller.code, rooms.SCREENS))

    def forget(self, sid: str) -> None:
        """Forget the connection's rate and presence; rooms forget it by themselves."""
        self.throttle.forget(sid)
        caller = self.callers.pop(sid, None)
        if caller is not None and self.channels is not None:
            self.channels.leave(caller.code)
        if caller is not None and caller.pid and self.channels is not None:
            self.channels.presence.leave(caller.code, caller.pid)

    def _dispatch(self, event: str, sid: str, data):
        caller = self.callers.get(sid)
        if caller is None:  # pragma: no cover - connect always sets it
            return {"ok": False, "error": {"code": "unauthorized", "message": "Not connected"}}
        ctx = Ctx(self.store, caller, sid, now(), sleep=self.socketio.sleep, cut=self._cut,
                  rooms=Rooms(self.socketio.server, sid),
                  recent=getattr(self.channels, "recent", None))
        ack = run(self.handlers[event], ctx, data)
        if ctx.after:
            # A task starts once this handler's green thread has queued its ack, so what
            # it does (cutting the connection) reaches the client after the answer.
            self.socketio.start_background_task(self._later, ctx.after)
        return ack

    def _cut(self, sid: str) -> None:
        self.socketio.server.disconnect(sid, namespace="/")

    def _later(self, actions) -> None:
        self.socketio.sleep(0.05)  # in threads (tests) as well: the ack goes out first
        for action in actions:
            action()
