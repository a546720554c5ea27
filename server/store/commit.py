"""The one write path: guarded writes and their events, committed by one Lua script."""

import json
from dataclasses import dataclass, field
from importlib import resources

import redis

from ..domain.errors import DomainError
from . import keys


def load_script(client: redis.Redis, name: str):
    """Register the Lua script ``store/lua/<name>.lua`` on a client."""
    source = resources.files(__package__).joinpath("lua", f"{name}.lua").read_text()
    return client.register_script(source)


@dataclass
class Change:
    """A batch of writes to one workshop, the checks they depend on, and what to announce."""

    code: str
    keys: list[str] = field(default_factory=list)
    guards: list[list] = field(default_factory=list)
    ops: list[list] = field(default_factory=list)
    events: list[list] = field(default_factory=list)
    errors: list[DomainError] = field(default_factory=list)

    def __post_init__(self):
        self.keys = [keys.seq(self.code), keys.events(self.code)]

    def _index(self, key: str) -> int:
        if key not in self.keys:
            self.keys.append(key)
        return self.keys.index(key) + 1

    def require(self, kind: str, key: str, name: str = "", value: str = "", *,
                error: DomainError) -> "Change":
        """Add a guard; when it does not hold, nothing is written and `error` is raised."""
        self.guards.append([kind, self._index(key), name, value])
        self.errors.append(error)
        return self

    def write(self, command: str, key: str, *args) -> "Change":
        """Add a write command (HSET, HDEL, DEL, SADD, ...) on a key."""
        self.ops.append([command, self._index(key), *(str(a) for a in args)])
        return self

    def announce(self, scope: str, kind: str, data) -> "Change":
        """Add an event, numbered and published when the change commits."""
        self.events.append([scope, kind, json.dumps(data, ensure_ascii=False)])
        return self


class Committer:
    """Runs changes through the commit script."""

    def __init__(self, client: redis.Redis, *, retention: int):
        self._script = load_script(client, "commit")
        self._retention = retention

    def commit(self, change: Change) -> list[int]:
        """Apply a change atomically and return the sequence numbers of its events."""
        payload = json.dumps(
            {"guards": change.guards, "ops": change.ops, "events": change.events}
        )
        reply = self._script(
            keys=change.keys, args=[payload, change.code, self._retention, keys.BUS]
        )
        if reply[0] != 0:
            raise change.errors[int(reply[0]) - 1]
        return [int(s) for s in reply[1:]]


class Race(DomainError):
    """A guard of a read-modify-write saw another writer first: read again and retry."""

    def __init__(self):
        super().__init__("conflict", "Someone else changed this at the same moment.")


def retrying(attempt, tries: int = 20):
    """Run a read-modify-write attempt until it commits without racing another writer."""
    for _ in range(tries - 1):
        try:
            return attempt()
        except Race:
            continue
    return attempt()
