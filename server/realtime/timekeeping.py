"""Rounds that end on time by themselves: the server ends a round whose clock reached 0
when its workshop asks for it (`settings.auto_end_rounds`), whether or not a console is
open. Every process runs a timekeeper; the first to commit the end wins, the others'
writes are refused by the commit's guard on the rounds' state and change nothing."""

import logging

from ..domain import rounds as clock
from ..domain.errors import DomainError
from ..domain.settings import Settings
from ..store import Store, StoreUnavailable
from .background import Background
from .handlers import Caller, Ctx, now
from .planning import replan

log = logging.getLogger(__name__)

TICK = 0.5  # seconds between two looks at the rounds due: a round ends within a second
REINDEX = 30.0  # seconds between two rebuilds of the index of running rounds


class Timekeeper(Background):
    """A background task that ends the rounds whose time is up."""

    def __init__(self, socketio, store: Store):
        super().__init__(socketio)
        self.store = store

    def start(self) -> None:
        """Start watching the clocks in a background task."""
        self.spawn(self._run)

    def tick(self, at: float) -> list[str]:
        """End every round due by `at` whose workshop asked for it; return their codes."""
        ended = []
        for code in self.store.rounds.due(at):
            try:
                if self.end_if_due(code, at):
                    ended.append(code)
            except DomainError as err:  # another process ended it, the console extended it
                log.debug("round of %s not ended on time: %s", code, err.code)
        return ended

    def end_if_due(self, code: str, at: float) -> bool:
        """End a workshop's round if its time is up and it asked for it; whatever the
        outcome, its entry in the index is made true again."""
        workshop = self.store.workshops.get(code)
        rounds, raw = self.store.rounds.read(code)
        auto = workshop is not None and Settings.from_dict(workshop.settings).auto_end_rounds
        if workshop is None or not clock.overdue(rounds, at) or not auto:
            if workshop is None or rounds.status != "running":
                self.store.rounds.recheck(code)  # deleted, paused, ended: drop or re-score
            return False
        ended = clock.end_on_time(rounds, auto, at)
        ctx = Ctx(store=self.store, caller=Caller(code, "console"), sid="", now=at,
                  sleep=self.socketio.sleep)
        replan(ctx, ended, raw)  # guarded by `raw`: stale if anyone changed the rounds
        log.info("round %d of %s ended on time by the server", ended.current, code)
        return True

    def _run(self) -> None:
        since_index = REINDEX  # rebuild the index at start-up: a restart loses nothing
        while not self._stopped:
            try:
                if since_index >= REINDEX:
                    since_index = 0.0
                    self.store.rounds.reindex()
                self.tick(now())
            except StoreUnavailable:
                log.warning("could not end the rounds due: Redis unavailable")
            except Exception:  # a bug in one workshop must not stop every clock
                log.exception("the timekeeper failed")
            self.socketio.sleep(TICK)
            since_index += TICK
