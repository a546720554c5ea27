"""Delivers the events Redis publishes to this process's Socket.IO rooms, in order."""

import logging

from ..store import Store
from ..store.events import RECONNECTED
from . import rooms

log = logging.getLogger(__name__)


class Relay:
    """One background task per process: bus message in, room emit out.

    Events are published by the same Lua script that commits them, so every process
    receives them in sequence order, whichever process made the change.
    """

    def __init__(self, socketio, store: Store):
        self.socketio = socketio
        self.store = store
        self._stopped = False
        self._task = None

    def start(self) -> None:
        """Start listening in a background task."""
        self._task = self.socketio.start_background_task(self._run)

    def stop(self) -> None:
        """Stop listening and wait for the task to end (a fraction of a second)."""
        self._stopped = True
        task, self._task = self._task, None
        if task is not None:
            (task.join if hasattr(task, "join") else task.wait)()

    def _run(self) -> None:
        for event in self.store.bus.listen(lambda: self._stopped, poll=0.25):
            try:
                self.deliver(event)
            except Exception:
                log.exception("could not deliver event %r", event.get("type"))

    def deliver(self, event: dict) -> None:
        """Emit one bus event to its room, and act on removals and deletions."""
        if event is RECONNECTED:
            # Pub/sub lost whatever was published during the outage: every client catches up.
            self.socketio.emit("resync", {}, namespace="/")
            return
        code = event.pop("code")
        if event["type"] == "rows":
            self._tell_each(code, event["kind"], event["rows"])
            return
        room = rooms.room(code, event["scope"])
        self.socketio.emit("event", event, to=room, namespace="/")
        if event["type"] == "participant_removed":
            self._disconnect(rooms.room(code, rooms.person(event["data"]["id"])))
        elif event["type"] == "workshop_deleted":
            self._disconnect(room)

    def _tell_each(self, code: str, kind: str, rows: dict) -> None:
        """Hand each participant connected here their own row of a notice."""
        manager = self.socketio.server.manager
        for pid, data in rows.items():
            room = rooms.room(code, rooms.person(pid))
            if next(manager.get_participants("/", room), None) is None:
                continue  # not connected to this process
            scope = rooms.person(pid)
            self.socketio.emit("event", {"seq": None, "scope": scope, "type": kind, "data": data},
                               to=room, namespace="/")

    def _disconnect(self, room: str) -> None:
        server = self.socketio.server
        sids = [sid for sid, _ in server.manager.get_participants("/", room)]
        for sid in sids:
            server.disconnect(sid, namespace="/")
