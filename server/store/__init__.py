"""The only code that speaks to Redis: keys, scripts, repositories.

Nothing above the store sees a redis-py type: Redis out of reach is StoreUnavailable, a
broken rule is the domain's DomainError.
"""

from urllib.parse import urlsplit

import redis
from redis.exceptions import RedisClusterException

from ..domain.ops import Op
from ..domain.ratelimit import GUESS_WINDOW, GUESSES, too_many_guesses
from ..domain.workshop import Workshop, unknown_workshop
from . import archive, keys, topology
from .board import Board
from .bus import Bus
from .commit import Committer
from .door import DoorStore
from .errors import StoreUnavailable, shielding
from .events import Events
from .forum import Forum
from .limits import Limits
from .openspace import OpenSpace
from .openspace_life import OpenSpaceLife
from .participants import Participants
from .presence import Presence
from .rounds import RoundsStore
from .snapshot import read_snapshot
from .synthesis import Synthesis
from .table_life import TableLife
from .tables import Tables
from .voting import Votes
from .workshops import Workshops


class Store:
    """Everything the application keeps, one repository per kind of thing."""

    def __init__(self, client: redis.Redis, *, retention: int = 10_000,
                 wait_replicas: int = 0, wait_timeout: int = 1000):
        self.redis = client
        self._committer = Committer(client, retention=retention, wait_replicas=wait_replicas,
                                    wait_timeout=wait_timeout)
        self.workshops = Workshops(client, self._committer)
        self.participants = Participants(client, self._committer)
        self.door = DoorStore(client, self._committer)
        self.forum = Forum(client, self._committer)
        self.tables = Tables(client, self._committer)
        self.board = Board(client, self._committer)
        self.rounds = RoundsStore(client, self._committer)
        self.votes = Votes(client, self._committer)
        self.synthesis = Synthesis(client, self._committer)
        self.table_life = TableLife(client, self._committer)
        self.openspace = OpenSpace(client, self._committer)
        self.openspace_life = OpenSpaceLife(client, self._committer)
        self.events = Events(client)
        self.bus = Bus(client, sharded=topology.is_cluster(client))
        self.limits = Limits(client)
        self.presence = Presence(client)

    @shielding
    def snapshot(self, code: str, *, audience: str = "console", viewer: str | None = None,
                 boards: list[str] | None = None, tables: list[str] | None = None) -> dict:
        """Return a workshop's state as `audience` (phone, screen, console) sees it, and the
        sequence number it reflects."""
        return read_snapshot(self.redis, code, audience=audience, viewer=viewer, boards=boards,
                             tables=tables)

    @shielding
    def workshop_for(self, code: str, address: str | None) -> Workshop:
        """Return the workshop a join code leads to; refuse an address that guesses codes.

        Codes are short enough to type; counting the wrong ones per address keeps them
        from being tried one after the other. A valid code is never refused: a venue's
        Wi-Fi puts a whole room behind one address, and one person there may mistype.
        """
        workshop = self.workshops.get(code)
        if workshop is not None:
            return workshop
        if address:
            if self.limits.guessing(address, GUESSES, GUESS_WINDOW):
                raise too_many_guesses()
            self.limits.count_guess(address, GUESSES, GUESS_WINDOW)
        raise unknown_workshop(code)

    @shielding
    def head_count(self, code: str) -> int:
        """Return how many participants a workshop has."""
        return self.redis.hlen(keys.participants(code))

    @shielding
    def earlier(self, code: str, op: Op):
        """Return the acknowledgement an op already received from its author, if any;
        refuse an op id that belongs to another author or another kind of write."""
        return self._committer.earlier(code, op)

    @shielding
    def dump(self, code: str) -> dict:
        """Return everything a workshop holds, as one document (the JSON archive)."""
        return archive.dump(self.redis, code)

    @shielding
    def load(self, document: dict, *, console_digest: str, screen_digest: str = "") -> str:
        """Write a dumped workshop back into Redis, under new console and screen keys;
        return its code."""
        return archive.load(self.redis, document, console_digest, screen_digest)

    @shielding
    def upgrade(self) -> int:
        """Bring workshops stored by an earlier version up to date; return how many.

        Earlier versions kept every workshop in one index: its entries move to their
        buckets. They kept who hosts a table only in the table: the index of hosts (one
        person, one table, checked atomically) is built from it once.
        """
        legacy = self.redis.zrange(keys.LEGACY_INDEX, 0, -1, withscores=True)
        for code, created in legacy:
            self.redis.zadd(keys.index(code), {code: created})
        if legacy:
            self.redis.delete(keys.LEGACY_INDEX)
        upgraded = 0
        for code in self.workshops.codes():
            if self.redis.exists(keys.hosts(code)):
                continue
            hosts = {t.host: t.id for t in self.tables.all(code) if t.host}
            if hosts:
                self.redis.hset(keys.hosts(code), mapping=hosts)
                upgraded += 1
        return upgraded

    def healthy(self) -> bool:
        """Tell whether Redis answers."""
        try:
            return bool(self.redis.ping())
        except (redis.RedisError, OSError):
            return False

    def close(self) -> None:
        """Release the connections."""
        self.redis.close()


def connect(url: str, *, retention: int = 10_000, max_connections: int = 200,
            wait_replicas: int = 0, wait_timeout: int = 1000) -> Store:
    """Open a Store on the Redis at `url` (``redis+cluster://…``: a Redis Cluster); with
    `wait_replicas`, a write is acknowledged once that many replicas have it."""
    durable = {"retention": retention, "wait_replicas": wait_replicas,
               "wait_timeout": wait_timeout}
    # A blocking pool: in a reconnection storm, handlers wait their turn for a connection
    # instead of failing at once with "Too many connections".
    options = {"decode_responses": True, "max_connections": max_connections, "timeout": 10,
               "health_check_interval": 30, "socket_connect_timeout": 5}
    if urlsplit(url).scheme in topology.SCHEMES:
        # One pool per node; redis-py's cluster client takes no blocking pool.
        options.pop("timeout")
        try:
            client = topology.cluster_client(url, **options)
        except (redis.RedisError, RedisClusterException, OSError) as exc:  # no node answers
            raise StoreUnavailable(str(exc)) from exc
        return Store(client, **durable)
    pool = redis.BlockingConnectionPool.from_url(url, **options)
    # from_pool: closing the client also closes the pool (and its sockets).
    return Store(redis.Redis.from_pool(pool), **durable)


__all__ = ["Store", "StoreUnavailable", "connect"]
