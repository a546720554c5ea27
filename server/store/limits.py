"""Rate limits that must hold across processes, kept in Redis."""

import secrets
import time

import redis

from . import keys
from .commit import load_script


class Limits:
    """How often an address did something lately: wrong codes, joins, creations."""

    def __init__(self, client: redis.Redis):
        self._r = client
        self._window = load_script(client, "window")
        self._bucket = load_script(client, "bucket")
        self._salt: str | None = None

    def salt(self) -> str:
        """Return the server's secret salt for tags of addresses (made on first use)."""
        if self._salt is None:
            self._r.set(keys.salt(), secrets.token_hex(16), nx=True)
            self._salt = self._r.get(keys.salt())
        return self._salt

    def take_join(self, address: str, rate: float, size: float) -> bool:
        """Take a join from `address`'s bucket; False when it joins faster than a room."""
        return bool(self._bucket(keys=[keys.joins(address)],
                                 args=[int(time.time() * 1000), rate, size]))

    def count_creation(self, address: str, limit: int, window: float) -> bool:
        """Count a workshop created from `address`; False (not counted) when it already
        created `limit` within `window` seconds."""
        before = self._window(keys=[keys.creations(address)], args=[
            int(time.time() * 1000), int(window * 1000), limit, secrets.token_hex(8)])
        return int(before) < limit

    def count_guess(self, address: str, limit: int, window: float) -> None:
        """Count a join code from `address` that matched no workshop."""
        self._window(keys=[keys.guesses(address)], args=[
            int(time.time() * 1000), int(window * 1000), limit, secrets.token_hex(8)])

    def guessing(self, address: str, limit: int, window: float) -> bool:
        """Say whether `address` tried `limit` unknown join codes within `window` seconds."""
        since = int((time.time() - window) * 1000)
        return self._r.zcount(keys.guesses(address), since, "+inf") >= limit
