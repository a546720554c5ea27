"""Who is connected right now: each server process counts its participants' connections,
and says it is alive, so that a process that dies takes its counts with it."""

import time

import redis

from . import keys
from .errors import shielded

ALIVE = 30.0  # seconds: a process that has not said it is alive for longer is gone


@shielded
class Presence:
    """Connections per participant, per server process."""

    def __init__(self, client: redis.Redis):
        self._r = client
        # One step: a connection leaving a workshop deleted meanwhile must not bring its
        # key back, nor leave a count below zero.
        self._leave = client.register_script(
            "if redis.call('HEXISTS', KEYS[1], ARGV[1]) == 1 and "
            "redis.call('HINCRBY', KEYS[1], ARGV[1], -1) <= 0 then "
            "redis.call('HDEL', KEYS[1], ARGV[1]) end")

    def arrive(self, code: str, process: str, pid: str) -> None:
        """Count one more connection of a participant on this process."""
        self._r.hincrby(keys.online(code), f"{process}|{pid}", 1)

    def leave(self, code: str, process: str, pid: str) -> None:
        """Count one connection less (the field goes with the last one)."""
        self._leave(keys=[keys.online(code)], args=[f"{process}|{pid}"])

    def beat(self, process: str) -> None:
        """Say this process is alive."""
        self._r.zadd(keys.PROCESSES, {process: time.time()})

    def present(self, code: str) -> set[str]:
        """Return the participants connected now, on any live process."""
        with self._r.pipeline(transaction=False) as pipe:
            pipe.hgetall(keys.online(code))
            pipe.zrangebyscore(keys.PROCESSES, time.time() - ALIVE, "+inf")
            online, alive = pipe.execute()
        alive = set(alive)
        present = set()
        for field, count in online.items():
            process, _, pid = field.partition("|")
            if process in alive and int(count) > 0:
                present.add(pid)
        return present
