"""The Socket.IO namespace: authenticate on connect, then route each event to its handler."""

import contextlib
import logging

from flask import request
from flask_socketio import ConnectionRefusedError, Namespace, join_room

from ..domain.errors import DomainError, unavailable, unreadable
from ..domain.protocol import CONSOLE, STAFF, WORKSHOP, person_scope
from ..domain.ratelimit import PERSON_RATE, SOCKET_RATE, too_fast
from ..i18n import translate
from ..store import Store, StoreUnavailable
from . import rooms
from .connection import authenticate
from .handlers import PREVIEW, Caller, Ctx, Handlers, Rooms, fail, now, run
from .throttle import Throttle
from .wire import MALFORMED

log = logging.getLogger(__name__)


def _refused(error: DomainError, lang: str | None) -> ConnectionRefusedError:
    """A refused connection carrying the error, its message in the caller's language."""
    return ConnectionRefusedError(error.code, error.as_dict(lambda m: translate(m, lang)))


class CafeNamespace(Namespace):
    """The one namespace every surface connects to; rooms separate what each receives."""

    def __init__(self, store: Store, groups: list[Handlers], *, socket_rate: str = SOCKET_RATE,
                 person_rate: str = PERSON_RATE, process: str = "local", channels=None):
        super().__init__("/")
        self.store = store
        self.process = process  # this server process's id, for who is connected where
        self.channels = channels  # the relay: follows the channels of the workshops here
        self.throttle = Throttle(socket_rate, person_rate)
        self.handlers = {}
        for group in groups:
            self.handlers.update(group.table)
        self.callers: dict[str, Caller] = {}  # who each connection of this process is

    def trigger_event(self, event, *args):
        """Route an event; answer an unknown one with an error rather than silence.

        Events go to their handler straight from python-socketio: a handler needs only
        its connection and its caller, and Flask-SocketIO's request context (a URL
        match and a session per event) cost a fifth of an event's time.
        """
        if event in ("connect", "disconnect"):
            return super().trigger_event(event, *args)
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

    def on_connect(self, auth=None):
        """Admit a participant, screen or console and put it in its workshop's rooms."""
        lang = auth.get("lang") if isinstance(auth, dict) else None
        try:
            caller = authenticate(self.store, auth, request.remote_addr)
        except DomainError as err:
            raise _refused(err, lang) from None
        except StoreUnavailable:
            raise _refused(unavailable(), lang) from None
        if self.throttle.cooling(caller.code, caller.pid):
            raise _refused(too_fast(), caller.lang)
        if self.channels is not None and not self.channels.arrive(caller.code):
            raise _refused(unavailable(), caller.lang)
        self.callers[request.sid] = caller
        self.throttle.admit(request.sid, caller.code, caller.pid, fail(too_fast(), caller.lang))
        join_room(rooms.room(caller.code, WORKSHOP))
        if caller.pid:
            join_room(rooms.room(caller.code, person_scope(caller.pid)))
            with contextlib.suppress(StoreUnavailable):  # presence is a courtesy
                self.store.presence.arrive(caller.code, self.process, caller.pid)
        elif caller.role != PREVIEW:  # a preview follows what a phone does: sync says
            join_room(rooms.room(caller.code, STAFF))
        if caller.role == "console":
            join_room(rooms.room(caller.code, CONSOLE))
        elif caller.role == "screen":
            join_room(rooms.room(caller.code, rooms.SCREENS))

    def on_disconnect(self, reason=None):
        """Forget the connection's rate and presence; rooms forget it by themselves."""
        self.throttle.forget(request.sid)
        caller = self.callers.pop(request.sid, None)
        if caller is not None and self.channels is not None:
            self.channels.leave(caller.code)
        if caller is not None and caller.pid:
            with contextlib.suppress(StoreUnavailable):
                self.store.presence.leave(caller.code, self.process, caller.pid)

    def _dispatch(self, event: str, sid: str, data):
        caller = self.callers.get(sid)
        if caller is None:  # pragma: no cover - connect always sets it
            return {"ok": False, "error": {"code": "unauthorized", "message": "Not connected"}}
        ctx = Ctx(self.store, caller, sid, now(), sleep=self.socketio.sleep, cut=self._cut,
                  rooms=Rooms(self.socketio.server, sid))
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
