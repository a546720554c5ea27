"""The one write path: guarded writes and their events, committed by one Lua script."""

import json
from dataclasses import dataclass, field
from importlib import resources

import redis

from ..domain.errors import DomainError, conflict, unconfirmed
from ..domain.ops import Op, check_owner, op_taken
from ..domain.protocol import Event
from . import keys, topology
from .grouped import Grouped


def load_script(client: redis.Redis, name: str):
    """Register the Lua script ``store/lua/<name>.lua`` on a client."""
    source = resources.files(__package__).joinpath("lua", f"{name}.lua").read_text()
    return client.register_script(source)


def dumps(data) -> str:
    """Encode JSON as stored and published (UTF-8 kept readable)."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


@dataclass
class Change:
    """A batch of writes to one workshop, the checks they depend on, and what to announce.

    `op` is the client's id for the operation: a change whose op was already applied
    writes nothing and gives back the first result, if the same author sent it for the
    same event; anyone else gets `conflict`.
    """

    code: str
    op: Op | None = None
    result: object = None
    keys: list[str] = field(default_factory=list)
    guards: list[list] = field(default_factory=list)
    ops: list[list] = field(default_factory=list)
    events: list[list] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    errors: list[DomainError] = field(default_factory=list)

    def __post_init__(self):
        self.keys = [keys.seq(self.code), keys.events(self.code), keys.ops(self.code)]

    def _index(self, key: str) -> int:
        if key not in self.keys:
            self.keys.append(key)
        return self.keys.index(key) + 1

    def require(self, kind: str, key: str, name: str = "", value="", *,
                error: DomainError) -> "Change":
        """Add a guard; when it does not hold, nothing is written and `error` is raised."""
        self.guards.append([kind, self._index(key), name, str(value)])
        self.errors.append(error)
        return self

    def write(self, command: str, key: str, *args) -> int:
        """Add a write command (HSET, HDEL, HINCRBY, ...) and return its number."""
        self.ops.append([command, self._index(key), *(str(a) for a in args)])
        return len(self.ops)

    def tell_each(self, kind: Event, rows: dict[str, dict]) -> "Change":
        """Add private news for many participants at once (not numbered, not kept)."""
        kind = Event(kind)  # a name outside the protocol is a bug, found here
        if rows:
            self._notice({"type": "rows", "kind": kind, "rows": rows})
        return self

    def resync(self, scope: str) -> "Change":
        """Ask every client following `scope` to call sync again: what it follows, or may
        do, changes with this change."""
        return self._notice({"type": "resync", "scope": scope})

    def resync_each(self, pids) -> "Change":
        """Ask these participants' devices to call sync again (their seat, their role or
        the table they host changes)."""
        pids = sorted({pid for pid in pids if pid})
        return self._notice({"type": "resync", "people": pids}) if pids else self

    def cut_screens(self) -> "Change":
        """Disconnect the workshop's screens (their link was renewed)."""
        return self._notice({"type": "cut", "surface": "screen"})

    def _notice(self, body: dict) -> "Change":
        self.notices.append(dumps({"code": self.code, "seq": None, **body}))
        return self

    def announce(self, scope: str, kind: Event, data: dict,
                 fill: dict[str, int] | None = None) -> "Change":
        """Add an event; `fill` sets fields of its data to results of writes (by number)."""
        kind = Event(kind)  # a name outside the protocol is a bug, found here
        pairs = [[name, number] for name, number in (fill or {}).items()]
        self.events.append([scope, kind, dumps(data), pairs])
        return self


@dataclass(frozen=True)
class Committed:
    """What a commit did: the events' numbers, the result, and whether it was a retry."""

    seqs: list[int]
    result: object
    duplicate: bool = False


_OP_TAKEN = -2  # the script's answer when an op id belongs to another author or event


class Committer:
    """Runs changes through the commit script."""

    def __init__(self, client: redis.Redis, *, retention: int, wait_replicas: int = 0,
                 wait_timeout: int = 1000):
        self._client = client
        self._script = load_script(client, "commit")
        self._grouped = Grouped(client, self._script)
        self._cluster = topology.is_cluster(client)
        self._retention = retention
        self._publish = topology.publish_command(client)
        self._replicas = wait_replicas
        self._wait_timeout = wait_timeout

    def earlier(self, code: str, op: Op):
        """Return what an op was acknowledged with if its author already sent it for the
        same event, None if it is new; refuse an id that belongs to another write."""
        raw = self._client.hget(keys.ops(code), op.id)
        if raw is None:
            return None
        owner, _, result = raw.partition("\n")
        check_owner(op, owner)
        if self._replicas:
            self._confirm(code)  # its first answer may have been `unconfirmed`
        return json.loads(result)

    def commit(self, change: Change, *, grouped: bool = False) -> Committed:
        """Apply a change atomically; raise the error of the first guard that fails.

        `grouped`: sent with the changes other green threads commit at the same moment,
        in one round trip (for the many small writes of a burst: dots).
        """
        op = change.op
        payload = dumps({
            "guards": change.guards, "ops": change.ops, "events": change.events,
            "op": op.id if op else "", "owner": op.owner if op else "",
            "result": dumps(change.result), "notices": change.notices,
        })
        args = [payload, change.code, self._retention, keys.channel(change.code), self._publish]
        if self._replicas:
            reply, copies = self._replicated(change, args)
        else:
            # A group goes down one connection: on a cluster, each call travels alone.
            run = self._grouped if grouped and not self._cluster else self._script
            reply, copies = run(keys=change.keys, args=args), 0
        status = int(reply[0])
        if status == _OP_TAKEN:
            raise op_taken()
        if status > 0:
            raise change.errors[status - 1]
        if copies < self._replicas:
            raise unconfirmed()  # stored, maybe not for long: the client retries its op
        return Committed([int(s) for s in reply[2:]], json.loads(reply[1]), status < 0)


    def _replicated(self, change: Change, args: list):
        """Run the script, then WAIT for the replicas, on one connection to its master.

        WAIT counts the replicas that have this connection's last write; the fence written
        after the script is that write even when the script wrote nothing (a retried op,
        applied before), and the replication stream is ordered: it covers the op too.
        """
        _, node = topology.owner(self._client, keys.workshop(change.code))
        with node.pipeline(transaction=False) as pipe:
            self._script(keys=change.keys, args=args, client=pipe)
            pipe.set(keys.fence(change.code), "1", px=60_000)
            pipe.execute_command("WAIT", self._replicas, self._wait_timeout)
            reply, _, copies = pipe.execute(raise_on_error=False)
        for result in (reply, copies):
            if isinstance(result, Exception):
                raise result
        return reply, int(copies)


    def _confirm(self, code: str) -> None:
        """Acknowledge what a workshop's master holds only once the replicas have it."""
        _, node = topology.owner(self._client, keys.workshop(code))
        with node.pipeline(transaction=False) as pipe:
            pipe.set(keys.fence(code), "1", px=60_000)
            pipe.execute_command("WAIT", self._replicas, self._wait_timeout)
            _, copies = pipe.execute()
        if int(copies) < self._replicas:
            raise unconfirmed()


class Race(DomainError):
    """A guard of a read-modify-write saw another writer first: read again and retry."""

    def __init__(self):
        error = conflict()
        super().__init__(error.code, error.message)


def retrying(attempt, tries: int = 20):
    """Run a read-modify-write attempt until it commits without racing another writer."""
    for _ in range(tries - 1):
        try:
            return attempt()
        except Race:
            continue
    return attempt()
