"""A workshop's event stream: what changed since a sequence number, and the live bus."""

import contextlib
import json
import logging
import time
from collections.abc import Callable, Iterator

import redis

from . import keys

log = logging.getLogger(__name__)

RECONNECTED = {"type": "bus_reconnected"}
"""Yielded by Bus.listen after an outage: events may have been missed, clients must resync."""
LOST = {"type": "bus_lost"}
"""Yielded by Bus.listen when Redis stops answering: clients should say so."""


class Events:
    """Reads a workshop's numbered event stream."""

    def __init__(self, client: redis.Redis):
        self._r = client

    def head(self, code: str) -> int:
        """Return the workshop's last sequence number (0 before any event)."""
        return int(self._r.get(keys.seq(code)) or 0)

    def since(self, code: str, after: int) -> tuple[int, list[dict] | None]:
        """Return (head, events after `after`), or (head, None) if the stream lost some."""
        with self._r.pipeline(transaction=True) as pipe:
            pipe.get(keys.seq(code))
            pipe.xrange(keys.events(code), min=f"{after + 1}-0", max="+")
            pipe.xrange(keys.events(code), min="-", max="+", count=1)
            head_raw, entries, first = pipe.execute()
        head = int(head_raw or 0)
        if after >= head:
            return head, []
        oldest = int(first[0][0].split("-")[0]) if first else head + 1
        if after + 1 < oldest:
            return head, None
        return head, [json.loads(fields["e"]) for _, fields in entries]


class Bus:
    """The pub/sub channel that carries every committed event to every server process."""

    def __init__(self, client: redis.Redis):
        self._r = client

    def listen(self, stopped: Callable[[], bool], *, poll: float = 1.0) -> Iterator[dict]:
        """Yield published events in order until `stopped()`; survive Redis outages.

        After an outage it yields RECONNECTED first: whatever was published meanwhile is
        lost to pub/sub, so clients must catch up from the stream.
        """
        backoff = 0.2
        outage = False
        while not stopped():
            pubsub = self._r.pubsub(ignore_subscribe_messages=True)
            try:
                pubsub.subscribe(keys.BUS)
                if outage:
                    log.warning("event bus reconnected; asking clients to resync")
                    yield RECONNECTED
                outage, backoff = False, 0.2
                while not stopped():
                    message = pubsub.get_message(timeout=poll)
                    if message and message["type"] == "message":
                        yield json.loads(message["data"])
            except (redis.ConnectionError, redis.TimeoutError, OSError, ValueError) as exc:
                # ValueError: redis-py read from a socket closed under it.
                if not outage:
                    log.warning("event bus lost its Redis connection: %s", exc)
                    outage = True
                    yield LOST
                time.sleep(backoff)
                backoff = min(backoff * 2, 5.0)
            finally:
                with contextlib.suppress(redis.RedisError, OSError):
                    pubsub.close()
