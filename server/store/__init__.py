"""The only code that speaks to Redis: keys, scripts, repositories."""

import redis

from ..domain.errors import N_, DomainError
from ..domain.ratelimit import GUESS_WINDOW, GUESSES
from . import keys
from .board import Board
from .commit import Committer
from .events import Bus, Events
from .forum import Forum
from .limits import Limits
from .participants import Participants
from .rounds import RoundsStore
from .snapshot import read_snapshot
from .synthesis import Synthesis
from .tables import Tables, read_seated
from .voting import Votes
from .workshops import Workshops, unknown_workshop

UNAVAILABLE = (redis.ConnectionError, redis.TimeoutError)
"""The errors that mean Redis cannot be reached right now."""


class Store:
    """Everything the application keeps, one repository per kind of thing."""

    def __init__(self, client: redis.Redis, *, retention: int = 10_000):
        self.redis = client
        self._committer = Committer(client, retention=retention)
        self.workshops = Workshops(client, self._committer)
        self.participants = Participants(client, self._committer)
        self.forum = Forum(client, self._committer)
        self.tables = Tables(client, self._committer)
        self.board = Board(client, self._committer)
        self.rounds = RoundsStore(client, self._committer)
        self.votes = Votes(client, self._committer)
        self.synthesis = Synthesis(client, self._committer)
        self.events = Events(client)
        self.bus = Bus(client)
        self.limits = Limits(client)

    def snapshot(self, code: str, *, viewer: str | None = None, boards=None,
                 staff: bool = True) -> dict:
        """Return a workshop's state as a viewer sees it, and the sequence number it reflects."""
        return read_snapshot(self.redis, code, viewer=viewer, boards=boards, staff=staff)

    def workshop_for(self, code: str, address: str | None):
        """Return the workshop a join code leads to; refuse an address that guesses codes.

        Codes are short enough to type; counting the wrong ones per address keeps them
        from being tried one after the other.
        """
        if address and self.limits.guessing(address, GUESSES, GUESS_WINDOW):
            raise DomainError("rate_limited", N_(
                "Too many wrong codes from this network; wait a minute and try again."))
        workshop = self.workshops.get(code)
        if workshop is None:
            if address:
                self.limits.count_guess(address, GUESSES, GUESS_WINDOW)
            raise unknown_workshop(code)
        return workshop

    def head_count(self, code: str) -> int:
        """Return how many participants a workshop has."""
        return self.redis.hlen(keys.participants(code))

    def seated(self, code: str) -> dict[str, int]:
        """Return how many people sit at each table (phones ask when choosing one)."""
        return read_seated(self.redis, code)

    def earlier(self, code: str, op: str):
        """Return the acknowledgement an operation id already received, if any."""
        return self._committer.earlier(code, op)

    def healthy(self) -> bool:
        """Tell whether Redis answers."""
        try:
            return bool(self.redis.ping())
        except (redis.RedisError, OSError):
            return False

    def close(self) -> None:
        """Release the connections."""
        self.redis.close()


def connect(url: str, *, retention: int = 10_000, max_connections: int = 200) -> Store:
    """Open a Store on the Redis at `url`."""
    # A blocking pool: in a reconnection storm, handlers wait their turn for a connection
    # instead of failing at once with "Too many connections".
    pool = redis.BlockingConnectionPool.from_url(
        url,
        decode_responses=True,
        max_connections=max_connections,
        timeout=10,
        health_check_interval=30,
        socket_connect_timeout=5,
    )
    # from_pool: closing the client also closes the pool (and its sockets).
    return Store(redis.Redis.from_pool(pool), retention=retention)
