"""Delivers the events Redis publishes to this process's Socket.IO rooms, in order."""

import contextlib
import logging
import threading
import time
from collections import Counter

from ..domain.protocol import COALESCED, CROWDING, WORKSHOP, Event, person_scope
from ..store import Store, StoreUnavailable
from ..store.bus import LOST, RECONNECTED
from . import rooms
from .background import Background
from .presence import PresenceCounts
from .recent import RecentEvents

log = logging.getLogger(__name__)

TALLY_EVERY = 0.25  # seconds between two vote tallies sent to a table's room
CROWD_EVERY = 1.0  # seconds between two head counts sent to a workshop's room
BEAT_EVERY = 10.0  # seconds between two "this process is alive" (presence counts on it)
# Seconds a workshop's channel stays followed after its last socket here left: a phone
# reloading its page finds it still followed.
LINGER = 10.0
FOLLOW_WAIT = 5.0  # seconds a new connection waits for Redis to confirm its channel


class Relay(Background):
    """One background task per process: bus message in, room emit out.

    Events are published by the same Lua script that commits them, on their workshop's
    channel, so every process that follows it receives them in sequence order,
    whichever process made the change. A process follows a workshop's channel from its
    first socket of that workshop until `linger` seconds after its last one left.

    Some news would otherwise cost one message per receiver per change: N² messages at a
    big workshop. It is coalesced instead: vote counts become a tally per room every
    quarter second, and arrivals a head count every second. All are
    absolute values, so a client that misses one is right again with the next.
    """

    def __init__(self, socketio, store: Store, process: str = "local", *,
                 linger: float = LINGER, recent: RecentEvents | None = None):
        super().__init__(socketio)
        self.store = store
        self.recent = recent or RecentEvents()  # what a reconnecting phone's sync replays
        self.presence = PresenceCounts()  # who is connected here, written in batches
        self.process = process
        self.linger = linger
        self._tallies: dict[tuple[str, str, str], dict] = {}
        self._crowded: set[str] = set()
        self._sockets: Counter = Counter()  # workshop -> its sockets on this process
        self._idle: dict[str, float] = {}  # workshop -> when its last socket here left
        self._counting = threading.Lock()

    def arrive(self, code: str) -> bool:
        """Count a new socket of a workshop; return once its channel is followed, so that
        the socket's first `sync` misses nothing (False: Redis did not confirm in time)."""
        with self._counting:
            self._sockets[code] += 1
            self._idle.pop(code, None)
        if self.store.bus.follow(code).wait(FOLLOW_WAIT):
            return True
        self.leave(code)
        return False

    def leave(self, code: str) -> None:
        """Count a socket of a workshop as gone; its channel goes `linger` seconds after
        the last one."""
        with self._counting:
            self._sockets[code] -= 1
            if self._sockets[code] > 0:
                return
            del self._sockets[code]
            if self.linger > 0:
                self._idle[code] = time.monotonic()
                return
        self.recent.forget(code)
        self.store.bus.unfollow(code)

    def forget_idle(self) -> None:
        """Stop following the workshops that have had no socket here for `linger` s."""
        now = time.monotonic()
        with self._counting:
            gone = [code for code, since in self._idle.items() if now - since >= self.linger]
            for code in gone:
                del self._idle[code]
        for code in gone:
            self.recent.forget(code)
            self.store.bus.unfollow(code)

    def start(self) -> None:
        """Start listening, and coalescing, in background tasks."""
        with contextlib.suppress(StoreUnavailable):  # alive from the start: presence counts
            self.store.presence.beat(self.process)
        self.spawn(self._run)
        self.spawn(self._coalesce)

    def stop(self) -> None:
        """Stop the tasks; say how much this process read from Redis (bench/channels.py)."""
        super().stop()
        self.flush_presence()  # the connections that went with the stop
        log.info("relay: %d messages read from Redis's channels",
                 self.store.bus.received)

    def _run(self) -> None:
        for event in self.store.bus.listen(lambda: self._stopped, poll=0.25):
            try:
                self.deliver(event)
            except Exception:
                log.exception("could not deliver event %r", event.get("type"))

    def deliver(self, event: dict) -> None:
        """Emit one bus event to its room, and act on removals and deletions."""
        if event is LOST or event is RECONNECTED:
            self.recent.forget()  # what was published meanwhile never reached us
        if event is LOST:
            # Writes are refused meanwhile (with an error, never dropped): pages say so.
            self.socketio.emit("server_status", {"database": False}, namespace="/")
            return
        if event is RECONNECTED:
            # Pub/sub lost whatever was published during the outage: every client catches up.
            self.socketio.emit("server_status", {"database": True}, namespace="/")
            self.socketio.emit("resync", {}, namespace="/")
            return
        code = event.pop("code")
        spare = event.pop("spare", None)
        if isinstance(event.get("seq"), int):  # a numbered event, as the stream holds it
            self.recent.record(code, event)
        if event["type"] == "rows":
            self._tell_each(code, event["kind"], event["rows"])
            return
        if event["type"] == "resync":
            self._resync(code, event)
            return
        if event["type"] == "cut":  # the screens' link was renewed
            self._disconnect(rooms.room(code, rooms.SCREENS))
            return
        if event["type"] in COALESCED:
            self._hold(code, event)
            return
        if event["type"] in CROWDING:
            self._crowded.add(code)
        room = rooms.room(code, event["scope"])
        self.socketio.emit("event", event, to=room, namespace="/")
        if event["type"] == Event.PARTICIPANT_REMOVED:
            self._disconnect(rooms.room(code, person_scope(event["data"]["id"])))
        elif event["type"] == Event.WORKSHOP_DELETED:
            self._disconnect(room, spare=spare)

    def _coalesce(self) -> None:
        last_crowd, last_beat = 0.0, time.monotonic()
        while not self._stopped:
            self.socketio.sleep(TALLY_EVERY)
            try:
                self.flush_tallies()
                self.flush_presence()
                if time.monotonic() - last_crowd >= CROWD_EVERY:
                    last_crowd = time.monotonic()
                    self.flush_crowds()
                    self.forget_idle()
                if time.monotonic() - last_beat >= BEAT_EVERY:
                    last_beat = time.monotonic()
                    self.store.presence.beat(self.process)  # its connections count
            except Exception:
                log.exception("could not send tallies")

    def _hold(self, code: str, event: dict) -> None:
        data = event["data"]
        if event["type"] == Event.VOTES_CHANGED:
            tally = self._tallies.setdefault((code, event["scope"], Event.VOTES_TALLY), {})
            tally[data["note"]] = data["votes"]
        elif event["type"] == Event.REACTIONS_CHANGED:
            tally = self._tallies.setdefault((code, event["scope"], Event.REACTIONS_TALLY), {})
            tally.setdefault(data["note"], {})[data["reaction"]] = data["count"]
        else:  # dots_cast: the total so far
            self._tallies[(code, event["scope"], event["type"])] = data

    def flush_tallies(self) -> None:
        """Send each room the vote counts and totals that changed since the last tally."""
        tallies, self._tallies = self._tallies, {}
        for (code, scope, kind), data in tallies.items():
            notice = {"seq": None, "scope": scope, "type": kind, "data": data}
            self.socketio.emit("event", notice, to=rooms.room(code, scope), namespace="/")

    def flush_presence(self) -> None:
        """Write the connection counts of this process that changed."""
        due = self.presence.due()
        try:
            self.store.presence.settle(self.process, due)
        except StoreUnavailable:
            self.presence.undo(due)  # next time

    def flush_crowds(self) -> None:
        """Send each workshop that saw arrivals or departures its new head count."""
        crowded, self._crowded = self._crowded, set()
        for code in crowded:
            try:
                crowd = {"people": self.store.head_count(code)}
            except StoreUnavailable:
                self._crowded.add(code)  # next time
                continue
            notice = {"seq": None, "scope": WORKSHOP, "type": Event.CROWD, "data": crowd}
            self.socketio.emit("event", notice, to=rooms.room(code, WORKSHOP),
                               namespace="/")

    def _tell_each(self, code: str, kind: str, rows: dict) -> None:
        """Hand each participant connected here their own row of a notice."""
        manager = self.socketio.server.manager
        for pid, data in rows.items():
            scope = person_scope(pid)
            room = rooms.room(code, scope)
            if next(manager.get_participants("/", room), None) is None:
                continue  # not connected to this process
            self.socketio.emit("event", {"seq": None, "scope": scope, "type": kind, "data": data},
                               to=room, namespace="/")

    def _resync(self, code: str, notice: dict) -> None:
        """Ask clients to call sync again: a whole scope, or some participants' devices."""
        scopes = [notice["scope"]] if "scope" in notice else map(person_scope, notice["people"])
        for scope in scopes:
            self.socketio.emit("resync", {}, to=rooms.room(code, scope), namespace="/")

    def _disconnect(self, room: str, spare: str | None = None) -> None:
        server = self.socketio.server
        sids = [sid for sid, _ in server.manager.get_participants("/", room) if sid != spare]
        for sid in sids:
            server.disconnect(sid, namespace="/")
