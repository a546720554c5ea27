"""Workshops in Redis: create, read, edit details, move the phase, delete everything."""

import json
from dataclasses import replace

import redis

from ..domain import secrets
from ..domain.protocol import WORKSHOP, Event
from ..domain.retention import expired
from ..domain.workshop import (
    Workshop,
    check_phase_move,
    moving,
    new_workshop,
    no_free_code,
    unknown_workshop,
)
from . import keys, topology
from .commit import Change, Committer, Race, dumps, retrying
from .errors import shielded
from .guards import require_all
from .records import decode_workshop, encode_details

_MAX_CODE_ATTEMPTS = 20


@shielded
class Workshops:
    """Repository of workshops."""

    def __init__(self, client: redis.Redis, committer: Committer):
        self._r = client
        self._c = committer

    def create(self, details: dict, console_digest: str, now: float, *,
               screen_digest: str = "", language: str = "fr") -> Workshop:
        """Store a new workshop under a fresh, unused join code, with the digests of its
        console key and its screen key (none: the console makes one later); `language`
        is the one it speaks when its details name none."""
        for _ in range(_MAX_CODE_ATTEMPTS):
            workshop = new_workshop(secrets.new_code(), details, now, language)
            change = Change(workshop.code)
            key = keys.workshop(workshop.code)
            change.require("missing", key, error=Race())
            change.write("HSET", key, "details", encode_details(workshop),
                         "phase", workshop.phase, "console", console_digest, "settings", "{}",
                         "screen", screen_digest)
            try:
                self._c.commit(change)
            except Race:
                continue
            self._r.zadd(keys.index(workshop.code), {workshop.code: now})
            return workshop
        raise no_free_code()

    def count(self) -> int:
        """Return how many workshops this server keeps."""
        with self._r.pipeline(transaction=False) as pipe:
            for bucket in keys.INDEXES:  # the index is in buckets (one hot key no more)
                pipe.zcard(bucket)
            return sum(pipe.execute())

    def get(self, code: str) -> Workshop | None:
        """Return a workshop, or None when the code is unknown."""
        return decode_workshop(code, self._r.hgetall(keys.workshop(code)))

    def require(self, code: str) -> Workshop:
        """Return a workshop or raise not_found."""
        workshop = self.get(code)
        if workshop is None:
            raise unknown_workshop(code)
        return workshop

    def console_digest(self, code: str) -> str | None:
        """Return the digest of a workshop's console key."""
        return self._r.hget(keys.workshop(code), "console")

    def screen_digest(self, code: str) -> str | None:
        """Return the digest of a workshop's screen key ("" or None: no screen link yet)."""
        return self._r.hget(keys.workshop(code), "screen")

    def renew_screen(self, code: str, digest: str) -> None:
        """Give the workshop a new screen key, and cut the screens the old one opened."""
        change = Change(code)
        change.require("hexists", keys.workshop(code), "phase", error=unknown_workshop(code))
        change.write("HSET", keys.workshop(code), "screen", digest)
        change.cut_screens()
        self._c.commit(change)

    def update_details(self, code: str, details: dict) -> Workshop:
        """Change some details of a workshop and announce the new record."""
        key = keys.workshop(code)

        def attempt() -> Workshop:
            raw = self._r.hgetall(key)
            current = decode_workshop(code, raw)
            if current is None:
                raise unknown_workshop(code)
            workshop = replace(current, **details)
            change = Change(code)
            change.require("hequals", key, "details", raw["details"], error=Race())
            change.require("hequals", key, "phase", raw["phase"], error=Race())
            change.write("HSET", key, "details", encode_details(workshop))
            change.announce(WORKSHOP, Event.WORKSHOP_UPDATED, workshop.to_dict())
            self._c.commit(change)
            return workshop

        return retrying(attempt)

    def update_settings(self, code: str, changes: dict) -> Workshop:
        """Change some settings (already checked) and announce the new record."""
        key = keys.workshop(code)

        def attempt() -> Workshop:
            raw = self._r.hgetall(key)
            current = decode_workshop(code, raw)
            if current is None:
                raise unknown_workshop(code)
            workshop = replace(current, settings={**current.settings, **changes})
            change = Change(code)
            change.require("hequals", key, "settings", raw.get("settings", ""), error=Race())
            change.write("HSET", key, "settings", dumps(workshop.settings))
            change.announce(WORKSHOP, Event.WORKSHOP_UPDATED, workshop.to_dict())
            self._c.commit(change)
            return workshop

        return retrying(attempt)

    def set_locked(self, code: str, locked: bool) -> Workshop:
        """Lock the board (no more notes or votes) or open it again."""
        workshop = replace(self.require(code), locked=locked)
        change = Change(code)
        change.require("hexists", keys.workshop(code), "phase", error=unknown_workshop(code))
        change.write("HSET", keys.workshop(code), "locked", "1" if locked else "0")
        change.announce(WORKSHOP, Event.WORKSHOP_UPDATED, workshop.to_dict())
        self._c.commit(change)
        return workshop

    def set_phase(self, code: str, target, now: float = 0.0) -> Workshop:
        """Move a workshop one phase forward or back and announce it.

        Closing it starts the retention clock (`sweep`); opening it again stops it.
        """
        workshop = self.require(code)
        phase = check_phase_move(workshop.phase, target, workshop.format)
        moved = replace(workshop, phase=phase)
        change = require_all(Change(code), moving(workshop.phase, phase, workshop.format))
        change.write("HSET", keys.workshop(code), "phase", phase)
        if phase == "closed":
            change.write("HSET", keys.workshop(code), "closed_at", repr(now))
        else:
            change.write("HDEL", keys.workshop(code), "closed_at")
        change.announce(WORKSHOP, Event.WORKSHOP_UPDATED, moved.to_dict())
        self._c.commit(change)
        return moved

    def codes(self) -> list[str]:
        """Return the code of every workshop."""
        return topology.workshop_codes(self._r)

    def sweep(self, now: float, days: float) -> list[str]:
        """Delete the workshops closed more than `days` ago and not kept; return their codes."""
        codes = self.codes()
        with self._r.pipeline(transaction=False) as pipe:
            for code in codes:
                pipe.hmget(keys.workshop(code), "phase", "closed_at", "settings")
            rows = pipe.execute()
        gone = []
        for code, (phase, closed_at, settings) in zip(codes, rows, strict=True):
            keep = bool(json.loads(settings or "{}").get("keep"))
            when = float(closed_at) if closed_at else None
            if expired(phase, when, keep, now, days):
                self.delete(code)
                gone.append(code)
        return gone

    def delete(self, code: str, *, spare: str | None = None) -> int:
        """Delete every key of a workshop and tell its connected clients; return keys deleted.

        Every process then cuts the workshop's connections, except `spare` (the connection
        that asked: it is cut once its acknowledgement is on its way).
        """
        doomed = topology.workshop_keys(self._r, code)
        if doomed:
            self._r.unlink(*doomed)
        self._r.zrem(keys.index(code), code)
        self._r.zrem(keys.ROUNDS_DUE, code)
        notice = {"code": code, "seq": None, "scope": WORKSHOP, "type": Event.WORKSHOP_DELETED,
                  "data": {}, "spare": spare}
        topology.publish(self._r, code, notice)
        return len(doomed)

