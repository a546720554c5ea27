"""Chores a server does on its own: deleting closed workshops past their retention."""

import logging

from ..store import Store, StoreUnavailable
from .background import Background
from .handlers import now

log = logging.getLogger(__name__)

EVERY = 3600.0  # seconds between two sweeps; every process sweeps, deleting twice is harmless


class Housekeeper(Background):
    """A background task that sweeps expired workshops once an hour."""

    def __init__(self, socketio, store: Store, days: float):
        super().__init__(socketio)
        self.store = store
        self.days = days

    def start(self) -> None:
        """Start sweeping in a background task (not at all when the retention is 0)."""
        if self.days > 0:
            self.spawn(self._run)

    def sweep(self) -> list[str]:
        """Delete the workshops past their retention now; return their codes."""
        gone = self.store.workshops.sweep(now(), self.days)
        for code in gone:
            log.info("workshop %s deleted: closed more than %g days ago", code, self.days)
        return gone

    def _run(self) -> None:
        waited = EVERY  # the first sweep right after start-up
        while not self._stopped:
            if waited >= EVERY:
                waited = 0.0
                try:
                    self.sweep()
                except StoreUnavailable:
                    log.warning("could not sweep expired workshops: Redis unavailable")
            self.socketio.sleep(0.25)  # short naps: stop() returns quickly
            waited += 0.25
