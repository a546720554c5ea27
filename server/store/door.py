"""The door in Redis: how it stands, who comes in, who waits in the lobby, who is let in,
refused or swept away."""

import json
from dataclasses import dataclass

import redis

from ..domain import secrets
from ..domain.door import (
    Door,
    Waiting,
    admission,
    entering,
    idle,
    not_waiting,
    read_door,
    waiting_in,
)
from ..domain.participant import Participant, joining, unknown_participant
from ..domain.protocol import CONSOLE, STAFF, WORKSHOP, Event
from ..domain.rounds import MAX_ROUNDS
from ..domain.workshop import unknown_workshop
from . import keys
from .commit import Change, Committer, Race, dumps, retrying
from .errors import shielded
from .guards import require_all
from .participants import enrol

_REFUSED = "-"  # a device digest's lobby entry once the facilitator refused it
_DOINGS = ("notes", "topics", "steps")  # what someone may have made (the caps' counters)


@dataclass(frozen=True)
class Entry:
    """How someone came to the door: `participant` once in (`continued`: a device that
    had joined before), or `waiting` in the lobby."""

    participant: Participant | None = None
    waiting: Waiting | None = None
    continued: bool = False


@shielded
class DoorStore:
    """Repository of a workshop's door, lobby and device cookies."""

    def __init__(self, client: redis.Redis, committer: Committer):
        self._r = client
        self._c = committer

    def read(self, code: str) -> Door:
        """Return how the door stands."""
        mode, expected = self._r.hmget(keys.workshop(code), "door", "expected")
        return read_door(mode, expected)

    def set(self, code: str, door: Door) -> Door:
        """Set the door (already checked) and tell the staff."""
        change = require_all(Change(code), joining(code)[:1])
        change.write("HSET", keys.workshop(code), "door", door.mode)
        if door.expected is None:
            change.write("HDEL", keys.workshop(code), "expected")
        else:
            change.write("HSET", keys.workshop(code), "expected", door.expected)
        change.announce(STAFF, Event.DOOR_UPDATED, door.to_dict())
        self._c.commit(change)
        return door

    def continuing(self, code: str, device: str | None, token: str) -> Participant | None:
        """The participant a browser's device cookie joined as, given a new token, if any:
        a second join from one device continues as the same person."""
        pid = self._r.hget(keys.device_ids(code), secrets.hash_secret(device)) if device else None
        raw = self._r.hget(keys.participants(code), pid) if pid else None
        if raw is None:
            return None
        change = require_all(Change(code), joining(code))
        change.require("hexists", keys.participants(code), pid, error=unknown_participant())
        change.write("HSET", keys.devices(code), secrets.hash_secret(token), pid)
        self._c.commit(change)
        return Participant.from_dict(json.loads(raw))

    def enter(self, code: str, profile: dict, token: str, now: float, *, burst: bool,
              source: str = "", device: str | None = None) -> Entry:
        """Let a newcomer in, or seat them in the lobby; refuse them at a locked door."""

        def attempt() -> Entry:
            door = self.read(code)
            head_count = self._r.hlen(keys.participants(code))
            reason = admission(door, head_count, burst)
            if reason is None:  # a Race (the door moved, the last place went) reads again
                return Entry(participant=self._come_in(code, door, profile, token, now,
                                                       source, device))
            return Entry(waiting=self._wait(code, profile, token, now, reason, source,
                                             device))

        return retrying(attempt)

    def _come_in(self, code, door, profile, token, now, source, device) -> Participant:
        participant = Participant(id=secrets.new_id(), joined_at=now, **profile)
        change = require_all(Change(code), entering(code, door, moved=Race()))
        enrol(change, participant, secrets.hash_secret(token))
        self._remember(change, participant.id, source, device)
        self._c.commit(change)
        return participant

    def _remember(self, change: Change, pid: str, source: str, device: str | None) -> None:
        if source:
            change.write("HSET", keys.sources(change.code), pid, source)
        if device:
            change.write("HSET", keys.device_ids(change.code), secrets.hash_secret(device), pid)

    def _wait(self, code, profile, token, now, reason, source, device) -> Waiting:
        waiting = Waiting(id=secrets.new_id(), at=now, reason=reason, source=source, **profile)
        digest = secrets.hash_secret(token)
        stored = {**waiting.to_dict(), "digest": digest,
                  "device": secrets.hash_secret(device) if device else ""}
        change = require_all(Change(code), waiting_in(code))
        change.write("HSET", keys.lobby(code), waiting.id, dumps(stored))
        change.write("HSET", keys.lobby_devices(code), digest, waiting.id)
        count = change.write("HINCRBY", keys.workshop(code), "waiting", 1)
        change.announce(CONSOLE, Event.LOBBY_ENTERED, waiting.to_dict())
        change.announce(STAFF, Event.LOBBY_COUNT, {}, fill={"waiting": count})
        self._c.commit(change)
        return waiting

    def standing(self, code: str, token: str) -> str | None:
        """Where a device that is not a participant stands: "waiting" in the lobby,
        "refused" by the facilitator, or None (unknown)."""
        entry = self._r.hget(keys.lobby_devices(code), secrets.hash_secret(token))
        if entry is None:
            return None
        return "refused" if entry == _REFUSED else "waiting"

    def sources(self, code: str) -> dict[str, str]:
        """Return where each participant joined from (short tags, never addresses)."""
        return self._r.hgetall(keys.sources(code))

    def lobby(self, code: str) -> list[Waiting]:
        """Return who waits at the door, in order of arrival."""
        people = [Waiting.from_dict(json.loads(r)) for r in self._r.hvals(keys.lobby(code))]
        return sorted(people, key=lambda w: (w.at, w.id))

    def _entries(self, code: str, ids: list[str]) -> list[tuple[str, dict]]:
        raws = self._r.hmget(keys.lobby(code), ids)
        found = [(i, r) for i, r in zip(ids, raws, strict=True) if r]
        if not found:
            raise not_waiting()
        return found

    def admit(self, code: str, ids: list[str], now: float, into: str | None = None
              ) -> list[Participant]:
        """Let people in from the lobby, as newcomers, or (one of them) as someone already
        in the workshop (`into`): that device continues as them."""

        def attempt() -> list[Participant]:
            found = self._entries(code, ids)
            change = require_all(Change(code), joining(code))
            people = []
            if into is not None:
                raw = self._r.hget(keys.participants(code), into)
                if raw is None:
                    raise unknown_participant()
                change.require("hexists", keys.participants(code), into,
                               error=unknown_participant())
                people.append(Participant.from_dict(json.loads(raw)))
            for entry, raw in found:
                stored = json.loads(raw)
                change.require("hequals", keys.lobby(code), entry, raw, error=Race())
                change.write("HDEL", keys.lobby(code), entry)
                change.write("HDEL", keys.lobby_devices(code), stored["digest"])
                if into is not None:
                    change.write("HSET", keys.devices(code), stored["digest"], into)
                    continue
                waiting = Waiting.from_dict(stored)
                participant = Participant(id=secrets.new_id(), joined_at=now,
                                          **waiting.profile())
                enrol(change, participant, stored["digest"])
                if waiting.source:
                    change.write("HSET", keys.sources(code), participant.id, waiting.source)
                if stored.get("device"):
                    change.write("HSET", keys.device_ids(code), stored["device"],
                                 participant.id)
                people.append(participant)
            self._left(change, [e for e, _ in found], "merged" if into else "admitted")
            self._c.commit(change)
            return people

        return retrying(attempt)

    def refuse(self, code: str, ids: list[str]) -> int:
        """Turn people in the lobby away: their devices are told so when they connect."""

        def attempt() -> int:
            found = self._entries(code, ids)
            change = Change(code)
            for entry, raw in found:
                change.require("hequals", keys.lobby(code), entry, raw, error=Race())
                change.write("HDEL", keys.lobby(code), entry)
                change.write("HSET", keys.lobby_devices(code), json.loads(raw)["digest"],
                             _REFUSED)
            self._left(change, [e for e, _ in found], "refused")
            self._c.commit(change)
            return len(found)

        return retrying(attempt)

    def _left(self, change: Change, entries: list[str], outcome: str) -> None:
        count = change.write("HINCRBY", keys.workshop(change.code), "waiting", -len(entries))
        change.announce(CONSOLE, Event.LOBBY_LEFT, {"ids": entries, "outcome": outcome})
        change.announce(STAFF, Event.LOBBY_COUNT, {}, fill={"waiting": count})

    def sweep(self, code: str, window: tuple[float, float]) -> list[str]:
        """Remove everyone who joined within `window` and never sat nor did anything; the
        guards make sure none of them sat down or acted meanwhile."""

        def attempt() -> list[str]:
            with self._r.pipeline(transaction=False) as pipe:
                pipe.exists(keys.workshop(code))
                pipe.hvals(keys.participants(code))
                pipe.hkeys(keys.seats(code))
                for number in range(1, MAX_ROUNDS + 1):
                    pipe.hkeys(keys.plan(code, number))
                pipe.hkeys(keys.made(code))
                pipe.hkeys(keys.votes_used(code))
                pipe.hkeys(keys.supports_used(code))
                pipe.hgetall(keys.devices(code))
                exists, people, seated, *plans, made, voted, supported, devices = pipe.execute()
            if not exists:
                raise unknown_workshop(code)
            sat = set(seated).union(*plans)
            acted = {f.partition("|")[0] for f in made} | set(voted) | set(supported)
            gone = [p.id for p in map(lambda r: Participant.from_dict(json.loads(r)), people)
                    if idle(p.joined_at, window, sat=p.id in sat, made=p.id in acted,
                            phone=p.phone)]
            if not gone:
                return []
            change = Change(code)
            self._sweep_guards(change, gone)
            owned = {}
            for digest, pid in devices.items():
                owned.setdefault(pid, []).append(digest)
            for pid in gone:
                change.write("HDEL", keys.participants(code), pid)
                for digest in owned.get(pid, []):
                    change.write("HDEL", keys.devices(code), digest)
                change.write("HDEL", keys.sources(code), pid)
                change.announce(WORKSHOP, Event.PARTICIPANT_REMOVED, {"id": pid})
            self._c.commit(change)
            return gone

        return retrying(attempt)

    def _sweep_guards(self, change: Change, gone: list[str]) -> None:
        code = change.code
        for pid in gone:
            change.require("hexists", keys.participants(code), pid, error=Race())
            for key in (keys.seats(code), keys.hosts(code), keys.votes_used(code),
                        keys.supports_used(code)):
                change.require("hmissing", key, pid, error=Race())
            for kind in _DOINGS:
                change.require("hmissing", keys.made(code), f"{pid}|{kind}", error=Race())
