"""The latest numbered events of each workshop this process follows, as the relay saw them.

When a venue's Wi-Fi comes back, every phone syncs at once and asks for the events after
the last one it holds: read from Redis, each of them decoded the whole stream since (every
table's notes, to keep one's own table's). The relay receives those same events, in
sequence order, on the workshop's channel (the commit script appends an event to the
stream and publishes it in one step), so it keeps the latest ones here and a sync takes
them from memory, asking Redis only for its head and the few events still on their way
to the relay. Only a run without a gap is kept: any doubt (a number skipped, a channel
followed anew, Redis lost) starts a new run, and whatever the run does not cover is read
from Redis as before.
"""

import threading

KEEP = 4096  # events kept per workshop: a minute of a 2,000-phone room's notes


class RecentEvents:
    """For each workshop, its latest events with consecutive sequence numbers."""

    def __init__(self, keep: int = KEEP):
        # Never more than the stream keeps (CAFE_EVENT_RETENTION, which Redis trims to
        # that length or more): what is replayed from here Redis would replay too.
        self.keep = keep
        self._runs: dict[str, list[dict]] = {}  # workshop -> events, numbers consecutive
        self._lock = threading.Lock()

    def record(self, code: str, event: dict) -> None:
        """Keep an event the relay received (its `seq` is a number)."""
        with self._lock:
            run = self._runs.get(code)
            if run is None or event["seq"] != run[-1]["seq"] + 1:
                self._runs[code] = [event]  # a gap, or the first: a new run
                return
            run.append(event)
            if len(run) > 2 * self.keep:  # trimmed now and then, not at every event
                del run[:-self.keep]

    def since(self, code: str, after: int) -> tuple[int, list[dict]] | None:
        """Return (the last number kept, the events after `after`), or None when the run
        does not reach back to `after` (Redis has to be read)."""
        with self._lock:
            run = self._runs.get(code)
            if not run:
                return None
            first, last = run[0]["seq"], run[-1]["seq"]
            if after + 1 < max(first, last - self.keep + 1):
                return None
            return last, run[after + 1 - first:] if after < last else []

    def forget(self, code: str | None = None) -> None:
        """Drop a workshop's run (its channel is no longer followed), or every run."""
        with self._lock:
            if code is None:
                self._runs.clear()
            else:
                self._runs.pop(code, None)
