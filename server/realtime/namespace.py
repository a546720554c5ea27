"""The Socket.IO namespace: authenticate on connect, then route each event to its handler."""

import contextlib
import functools
import logging

from flask import request, session
from flask_socketio import ConnectionRefusedError, Namespace, join_room

from ..domain.errors import DomainError, unavailable, unreadable
from ..domain.protocol import CONSOLE, STAFF, WORKSHOP, person_scope
from ..domain.ratelimit import PERSON_RATE, SOCKET_RATE, too_fast
from ..i18n import translate
from ..store import Store, StoreUnavailable
from . import rooms
from .connection import authenticate
from .handlers import Caller, Ctx, Handlers, fail, now, run
from .throttle import Throttle
from .wire import MALFORMED

log = logging.getLogger(__name__)


def _refused(error: DomainError, lang: str | None) -> ConnectionRefusedError:
    """A refused connection carrying the error, its message in the caller's language."""
    return ConnectionRefusedError(error.code, error.as_dict(lambda m: translate(m, lang)))


class CafeNamespace(Namespace):
    """The one namespace every surface connects to; rooms separate what each receives."""

    def __init__(self, store: Store, groups: list[Handlers], *, socket_rate: str = SOCKET_RATE,
                 person_rate: str = PERSON_RATE, process: str = "local"):
        super().__init__("/")
        self.store = store
        self.process = process  # this server process's id, for who is connected where
        self.throttle = Throttle(socket_rate, person_rate)
        self.handlers = {}
        for group in groups:
            self.handlers.update(group.table)
        for event in self.handlers:
            setattr(self, f"on_{event}", functools.partial(self._dispatch, event))

    def trigger_event(self, event, *args):
        """Route an event; answer an unknown one with an error rather than silence."""
        if event in ("connect", "disconnect"):
            return super().trigger_event(event, *args)
        refusal, cut = self.throttle.check(args[0])
        if cut:
            log.warning("disconnecting %s: it kept sending after being refused", args[0])
            self.socketio.server.disconnect(args[0], namespace="/")
        if refusal is not None:
            return refusal
        if event == MALFORMED:
            return fail(unreadable(), None)
        if event not in self.handlers:
            return {"ok": False, "error": {"code": "unknown_event",
                                           "message": f"Unknown event: {str(event)[:40]}"}}
        return super().trigger_event(event, *args)

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
        session["caller"] = caller
        self.throttle.admit(request.sid, caller.code, caller.pid, fail(too_fast(), caller.lang))
        join_room(rooms.room(caller.code, WORKSHOP))
        if caller.pid:
            join_room(rooms.room(caller.code, person_scope(caller.pid)))
            with contextlib.suppress(StoreUnavailable):  # presence is a courtesy
                self.store.presence.arrive(caller.code, self.process, caller.pid)
        else:
            join_room(rooms.room(caller.code, STAFF))
        if caller.role == "console":
            join_room(rooms.room(caller.code, CONSOLE))
        elif caller.role == "screen":
            join_room(rooms.room(caller.code, rooms.SCREENS))

    def on_disconnect(self, reason=None):
        """Forget the connection's rate and presence; rooms forget it by themselves."""
        self.throttle.forget(request.sid)
        caller: Caller | None = session.get("caller")
        if caller is not None and caller.pid:
            with contextlib.suppress(StoreUnavailable):
                self.store.presence.leave(caller.code, self.process, caller.pid)

    def _dispatch(self, event: str, *args):
        caller: Caller | None = session.get("caller")
        if caller is None:  # pragma: no cover - connect always sets it
            return {"ok": False, "error": {"code": "unauthorized", "message": "Not connected"}}
        ctx = Ctx(self.store, caller, request.sid, now(), sleep=self.socketio.sleep,
                  cut=self._cut)
        ack = run(self.handlers[event], ctx, args[0] if args else None)
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
