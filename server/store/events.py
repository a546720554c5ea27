"""A workshop's event stream: what changed since a sequence number (the live events
travel on its channel, server/store/bus.py)."""

import json

import redis

from . import keys, topology


class Events:
    """Reads a workshop's numbered event stream."""

    def __init__(self, client: redis.Redis):
        self._r = client

    def head(self, code: str) -> int:
        """Return the workshop's last sequence number (0 before any event)."""
        return int(self._r.get(keys.seq(code)) or 0)

    def since(self, code: str, after: int) -> tuple[int, list[dict] | None]:
        """Return (head, events after `after`), or (head, None) if the stream lost some."""
        with topology.transaction(self._r, code) as pipe:
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
