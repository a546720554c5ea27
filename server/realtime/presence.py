"""Who is connected to this process, counted here and written to Redis in batches.

Each connection and disconnection used to be a round trip to Redis (an increment, a
decrement): a reconnection storm made four thousand of them in a few seconds for no
change at all. This process counts its participants' connections itself, and the relay
writes the counts that changed every quarter second (`store.presence.settle`).
"""

import threading
from collections import Counter


class PresenceCounts:
    """Connections per participant on this process, and those not written yet."""

    def __init__(self):
        self._now: Counter = Counter()  # (workshop, participant) -> connections here
        self._written: dict[tuple[str, str], int] = {}  # what Redis was last told
        self._changed: set[tuple[str, str]] = set()
        self._lock = threading.Lock()

    def arrive(self, code: str, pid: str) -> None:
        """Count one more connection of a participant."""
        with self._lock:
            self._now[(code, pid)] += 1
            self._changed.add((code, pid))

    def leave(self, code: str, pid: str) -> None:
        """Count one connection less."""
        with self._lock:
            self._now[(code, pid)] -= 1
            if self._now[(code, pid)] <= 0:
                del self._now[(code, pid)]
            self._changed.add((code, pid))

    def due(self) -> dict[str, dict[str, int]]:
        """Return the counts that differ from what Redis was told ({code: {pid: n}}), and
        take them as told (`undo` puts them back if writing them failed)."""
        out: dict[str, dict[str, int]] = {}
        with self._lock:
            for key in self._changed:
                n = self._now.get(key, 0)
                if n != self._written.get(key, 0):
                    out.setdefault(key[0], {})[key[1]] = n
                    if n:
                        self._written[key] = n
                    else:
                        self._written.pop(key, None)
            self._changed.clear()
        return out

    def undo(self, due: dict[str, dict[str, int]]) -> None:
        """Mark counts as not written after all: they are written next time."""
        with self._lock:
            for code, people in due.items():
                for pid in people:
                    self._written[(code, pid)] = -1  # differs from any count
                    self._changed.add((code, pid))
