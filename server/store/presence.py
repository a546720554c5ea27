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
        # One step per workshop: a workshop deleted meanwhile must not get its key back.
        self._settle = client.register_script(
            "if redis.call('EXISTS', KEYS[2]) == 0 then return 0 end "
            "for i = 1, #ARGV, 2 do "
            "  if tonumber(ARGV[i + 1]) > 0 then redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1]) "
            "  else redis.call('HDEL', KEYS[1], ARGV[i]) end "
            "end return 1")

    def settle(self, process: str, counts: dict[str, dict[str, int]]) -> None:
        """Write how many connections each participant has on this process now, for the
        workshops whose counts changed ({code: {pid: connections}}), a step each.

        The counts are absolute and each field belongs to one process, so a process
        writes them when it likes: the relay does every quarter second, and a phone that
        drops and comes back meanwhile (a reconnection storm) costs Redis nothing.
        """
        for code, people in counts.items():
            args = [x for pid, n in people.items() for x in (f"{process}|{pid}", n)]
            self._settle(keys=[keys.online(code), keys.workshop(code)], args=args)

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
