"""Each workshop's pub/sub channel, followed by the processes that serve the workshop.

A process follows a workshop's channel while it holds a socket of that workshop, so what
it reads from Redis grows with the workshops it serves, not with every workshop on that
Redis. On a Redis Cluster the channels are shard channels (SSUBSCRIBE), each read from
the master that holds the workshop's slot.
"""

import contextlib
import json
import logging
import select
import socket
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator

import redis

from . import keys, topology

log = logging.getLogger(__name__)

RECONNECTED = {"type": "bus_reconnected"}
"""Yielded by Bus.listen after an outage: events may have been missed, clients must resync."""
LOST = {"type": "bus_lost"}
"""Yielded by Bus.listen when Redis stops answering: clients should say so."""

_SUBSCRIBED = ("subscribe", "ssubscribe")
_UNSUBSCRIBED = ("unsubscribe", "sunsubscribe")
_MESSAGES = ("message", "smessage")
# ValueError: redis-py read from a socket closed under it. Other Redis errors: a cluster
# that moved slots or lost a master, refreshed and tried again.
_DOWN = (redis.RedisError, OSError, ValueError)


class _Broken(Exception):
    """Redis dropped a subscription by itself (its slot moved): start them all again."""


class _Links:
    """The pub/sub connections of one session: one per Redis, or one per master."""

    def __init__(self, client, sharded: bool):
        self._r = client
        self._sharded = sharded
        self._pubsubs: dict[str, redis.client.PubSub] = {}  # node name -> its pub/sub
        self._channels: dict[str, set[str]] = {}  # node name -> channels subscribed there
        self._where: dict[str, str] = {}  # channel -> node name
        self.reconnected = False  # redis-py reconnected a pub/sub by itself: events lost

    def subscribe(self, channel: str) -> None:
        name, client = topology.owner(self._r, channel) if self._sharded else ("", self._r)
        pubsub = self._pubsubs.get(name)
        if pubsub is None:
            pubsub = self._pubsubs[name] = client.pubsub()
        (pubsub.ssubscribe if self._sharded else pubsub.subscribe)(channel)
        if name not in self._channels:
            # redis-py reconnects a pub/sub quietly; what was published meanwhile is lost.
            pubsub.connection.register_connect_callback(self._on_reconnect)
        self._channels.setdefault(name, set()).add(channel)
        self._where[channel] = name

    def unsubscribe(self, channel: str) -> bool:
        """Leave a channel; return whether Redis will confirm it (False: the connection,
        left with no channel, was closed, and its replies with it)."""
        name = self._where.pop(channel, None)
        pubsub = self._pubsubs.get(name)
        if pubsub is None:
            return False
        self._channels[name].discard(channel)
        if self._channels[name]:
            (pubsub.sunsubscribe if self._sharded else pubsub.unsubscribe)(channel)
            return True
        # Its last channel: the connection goes (never left with replies nobody reads).
        del self._pubsubs[name], self._channels[name]
        self._close(pubsub)
        return False

    def _close(self, pubsub) -> None:
        # The connection goes back to the pool: our callback must not follow it there
        # (its next pub/sub would look like a reconnection).
        if pubsub.connection is not None:
            pubsub.connection.deregister_connect_callback(self._on_reconnect)
        with contextlib.suppress(redis.RedisError, OSError):
            pubsub.close()

    def _on_reconnect(self, connection) -> None:
        self.reconnected = True

    def _drain(self) -> list[dict]:
        out = []
        for pubsub in list(self._pubsubs.values()):
            while (message := pubsub.get_message(timeout=0)) is not None:
                out.append(message)
        if self.reconnected:
            raise redis.ConnectionError("a pub/sub connection was re-established")
        return out

    def read(self, poll: float, wake: socket.socket) -> list[dict]:
        """Return the messages that arrive within `poll` seconds (or once woken)."""
        out = self._drain()
        if out:
            return out
        sockets = [wake] + [p.connection._sock for p in self._pubsubs.values()
                            if p.connection is not None and p.connection._sock is not None]
        ready, _, _ = select.select(sockets, [], [], poll)
        if wake in ready:
            wake.recv(4096)
        return self._drain()

    def close(self) -> None:
        for pubsub in self._pubsubs.values():
            self._close(pubsub)
        self._pubsubs.clear()


class _Session:
    """What one set of connections subscribed, and the confirmations still due."""

    def __init__(self):
        self.subscribed: set[str] = set()
        self.ready: set[str] = set()
        self.due: Counter = Counter()  # subscriptions sent, not confirmed yet
        self.leaving: Counter = Counter()  # unsubscriptions sent, not confirmed yet


class Bus:
    """The channels of the workshops this process serves, and the events they carry."""

    def __init__(self, client, *, sharded: bool = False):
        self._r = client
        self._sharded = sharded
        self._lock = threading.Lock()
        self._wanted: dict[str, threading.Event] = {}
        self._wake: socket.socket | None = None
        self.received = 0  # messages read since the start (bench/channels.py)

    def follow(self, code: str) -> threading.Event:
        """Follow a workshop's channel; the event returned is set once Redis confirmed it:
        from then on, nothing published there is missed."""
        with self._lock:
            ready = self._wanted.get(code)
            if ready is not None:  # followed already (or about to be): nothing to tell
                return ready
            ready = self._wanted[code] = threading.Event()
        self._nudge()
        return ready

    def unfollow(self, code: str) -> None:
        """Stop following a workshop's channel."""
        with self._lock:
            if self._wanted.pop(code, None) is None:
                return
        self._nudge()

    def followed(self) -> set[str]:
        """The workshops whose channel this process follows (or is about to)."""
        with self._lock:
            return set(self._wanted)

    def _nudge(self) -> None:
        # The wake socket does not block: when its buffer is full, the listener has a
        # wake-up waiting already (and a green thread blocked on it would meet the next
        # one writing there: eventlet refuses two writers on one socket).
        wake = self._wake
        if wake is not None:
            with contextlib.suppress(OSError):
                wake.send(b".")

    def listen(self, stopped: Callable[[], bool], *, poll: float = 1.0) -> Iterator[dict]:
        """Yield published events in order until `stopped()`; survive Redis outages.

        After an outage it yields RECONNECTED first, once every channel is followed
        again: whatever was published meanwhile is lost to pub/sub, so clients must catch
        up from the stream.
        """
        backoff, outage = 0.2, False
        reader, writer = socket.socketpair()
        writer.setblocking(False)
        self._wake = writer
        try:
            while not stopped():
                links = _Links(self._r, self._sharded)
                try:
                    if outage:
                        topology.refresh(self._r)
                    yield from self._session(links, stopped, poll, reader, outage)
                    return
                except (*_DOWN, _Broken) as exc:
                    if not outage and not isinstance(exc, _Broken):
                        log.warning("event bus lost its Redis connection: %s", exc)
                        yield LOST
                    outage = True
                    time.sleep(backoff)
                    backoff = min(backoff * 2, 5.0)
                finally:
                    links.close()
        finally:
            self._wake = None
            reader.close()
            writer.close()

    def _session(self, links: _Links, stopped, poll: float, wake, outage: bool):
        session = _Session()
        held: list[dict] = []  # events read before every channel is back (after an outage)
        self._reconcile(links, session)
        while not stopped():
            for message in links.read(poll, wake):
                event = self._handle(message, session)
                if event is None:
                    continue
                if outage:
                    held.append(event)
                else:
                    yield event
            self._reconcile(links, session)
            if outage and not session.due:
                log.warning("event bus reconnected; asking clients to resync")
                yield RECONNECTED
                outage = False
                yield from held
                held = []

    def _reconcile(self, links: _Links, session: _Session) -> None:
        """Subscribe to the channels wanted, leave the others."""
        with self._lock:
            wanted = dict(self._wanted)
        for code in sorted(wanted.keys() - session.subscribed):
            links.subscribe(keys.channel(code))
            session.subscribed.add(code)
            session.due[code] += 1
        for code in sorted(session.subscribed - wanted.keys()):
            session.subscribed.discard(code)
            session.ready.discard(code)
            if links.unsubscribe(keys.channel(code)):
                session.leaving[code] += 1
            else:
                session.due.pop(code, None)  # its connection closed: nothing will come
        for code in session.ready & wanted.keys():
            wanted[code].set()

    def _handle(self, message: dict, session: _Session) -> dict | None:
        kind = message["type"]
        if kind in _MESSAGES:
            self.received += 1
            return json.loads(message["data"])
        code = keys.code_of(message["channel"] or "")
        if kind in _SUBSCRIBED:
            session.due[code] -= 1
            if session.due[code] <= 0:
                del session.due[code]
                if code in session.subscribed:
                    session.ready.add(code)
        elif kind in _UNSUBSCRIBED:
            if session.leaving[code] > 0:
                session.leaving[code] -= 1
            else:
                raise _Broken(f"Redis dropped the channel of {code}")
        return None
