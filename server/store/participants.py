"""Participants in Redis: join, find by device token, change, remove."""

import json
from dataclasses import replace

import redis

from ..domain import caps, secrets
from ..domain.access import Viewer
from ..domain.participant import Participant, check_member, joining, unknown_participant
from ..domain.protocol import STAFF, WORKSHOP, Event, person_scope
from ..domain.rounds import MAX_ROUNDS, Rounds, published
from ..domain.voting import Voting
from . import keys
from .commit import Change, Committer, Race, dumps, retrying
from .errors import shielded
from .guards import count_made, require_all


def _encode(participant: Participant) -> str:
    return dumps(participant.to_dict())


def enrol(change: Change, participant: Participant, digest: str) -> Change:
    """Add the writes that make `participant` a member whose device token has `digest`."""
    change.write("HSET", keys.participants(change.code), participant.id, _encode(participant))
    change.write("HSET", keys.devices(change.code), digest, participant.id)
    # Only the screen and the console list everyone; phones get a head count (`crowd`),
    # or each arrival would reach every phone: N² messages at a big workshop.
    change.announce(STAFF, Event.PARTICIPANT_JOINED, participant.to_dict())
    return change


@shielded
class Participants:
    """Repository of a workshop's participants and their device tokens."""

    def __init__(self, client: redis.Redis, committer: Committer):
        self._r = client
        self._c = committer

    def join(self, code: str, profile: dict, token: str, now: float) -> Participant:
        """Add a participant whose device holds `token`, and announce the arrival (the
        door's rules are not checked: the demo and the tests come in this way; people
        come through server/store/door.py)."""
        participant = Participant(id=secrets.new_id(), joined_at=now, **profile)
        change = require_all(Change(code), joining(code))
        self._c.commit(enrol(change, participant, secrets.hash_secret(token)))
        return participant

    def add_without_phone(self, code: str, profile: dict, now: float) -> Participant:
        """Add someone who has no phone (a scribe writes for them); no device can connect
        as them. They are seated and planned like anyone else."""
        participant = Participant(id=secrets.new_id(), joined_at=now, phone=False, **profile)
        change = require_all(Change(code), joining(code) + caps.making("people_without_phone",
                                                                        None))
        count_made(change, caps.counted("people_without_phone", None))
        change.write("HSET", keys.participants(code), participant.id, _encode(participant))
        change.announce(STAFF, Event.PARTICIPANT_JOINED, participant.to_dict())
        self._c.commit(change)
        return participant

    def without_phone(self, code: str) -> list[Participant]:
        """Return the people without a phone (whom scribes write for)."""
        return [p for p in self.all(code) if not p.phone]

    def by_token(self, code: str, token) -> Participant | None:
        """Return the participant a device token belongs to, if any."""
        if not isinstance(token, str) or not token:
            return None
        pid = self._r.hget(keys.devices(code), secrets.hash_secret(token))
        return self.get(code, pid) if pid else None

    def get(self, code: str, pid) -> Participant | None:
        """Return one participant, or None."""
        if not isinstance(pid, str):
            return None
        raw = self._r.hget(keys.participants(code), pid)
        return Participant.from_dict(json.loads(raw)) if raw else None

    def viewer(self, code: str, pid: str) -> Viewer:
        """Return a participant with their seat, the table they host, the vote, the rounds
        and their plan, in one round trip (every sync needs them)."""
        with self._r.pipeline(transaction=False) as pipe:
            pipe.hget(keys.participants(code), pid)
            pipe.hget(keys.seats(code), pid)
            pipe.hget(keys.hosts(code), pid)
            pipe.hget(keys.voting(code), "state")
            pipe.hget(keys.rounds(code), "state")
            for number in range(1, MAX_ROUNDS + 1):
                pipe.hget(keys.plan(code, number), pid)
            raw, seat, hosted, voting, rounds, *plan = pipe.execute()
        rounds = Rounds.from_dict(json.loads(rounds) if rounds else None)
        return Viewer(
            participant=check_member(Participant.from_dict(json.loads(raw)) if raw else None),
            seat=seat, hosted=hosted,
            voting=Voting.from_dict(json.loads(voting) if voting else None),
            rounds=rounds,
            plan=published(rounds, {str(n): t for n, t in enumerate(plan, start=1) if t}),
        )

    def require(self, code: str, pid) -> Participant:
        """Return one participant, or raise not_found."""
        participant = self.get(code, pid)
        if participant is None:
            raise unknown_participant()
        return participant

    def all(self, code: str) -> list[Participant]:
        """Return a workshop's participants in order of arrival."""
        raw = self._r.hvals(keys.participants(code))
        people = [Participant.from_dict(json.loads(r)) for r in raw]
        return sorted(people, key=lambda p: (p.joined_at, p.id))

    def update(self, code: str, pid, **changes) -> Participant:
        """Change a participant's fields (already checked) and announce the new record."""
        key = keys.participants(code)

        def attempt() -> Participant:
            raw = self._r.hget(key, pid) if isinstance(pid, str) else None
            if raw is None:
                raise unknown_participant()
            participant = replace(Participant.from_dict(json.loads(raw)), **changes)
            change = Change(code)
            change.require("hequals", key, pid, raw, error=Race())
            change.write("HSET", key, pid, _encode(participant))
            if "name" in changes:
                self._rename_host(change, code, pid, participant.name)
            if "role" in changes:
                change.resync_each([pid])  # what they may do changes
            change.announce(STAFF, Event.PARTICIPANT_UPDATED, participant.to_dict())
            change.announce(person_scope(pid), Event.PARTICIPANT_UPDATED, participant.to_dict())
            self._c.commit(change)
            return participant

        return retrying(attempt)

    def _rename_host(self, change: Change, code: str, pid: str, name: str) -> None:
        """Keep the host's name on the table they host (phones read it there)."""
        hosted = self._r.hget(keys.hosts(code), pid)
        raw = self._r.hget(keys.tables(code), hosted) if hosted else None
        change.require("hequals" if hosted else "hmissing", keys.hosts(code), pid, hosted or "",
                       error=Race())
        if raw is None or json.loads(raw).get("host_name") == name:
            return
        table = {**json.loads(raw), "host_name": name}
        change.require("hequals", keys.tables(code), hosted, raw, error=Race())
        change.write("HSET", keys.tables(code), hosted, dumps(table))
        change.announce(WORKSHOP, Event.TABLE_UPDATED, table)

    def remove(self, code: str, pid) -> None:
        """Remove a participant: revoke their tokens, free their seat, unname them as host.

        What they wrote stays: notes belong to the workshop's record.
        """

        def attempt() -> None:
            if self.get(code, pid) is None:
                raise unknown_participant()
            change = Change(code)
            change.require("hexists", keys.participants(code), pid, error=unknown_participant())
            change.write("HDEL", keys.participants(code), pid)
            for digest, owner in self._r.hgetall(keys.devices(code)).items():
                if owner == pid:
                    change.write("HDEL", keys.devices(code), digest)
            seat = self._r.hget(keys.seats(code), pid)
            if seat:
                change.require("hequals", keys.seats(code), pid, seat, error=Race())
                change.write("HDEL", keys.seats(code), pid)
                change.write("HINCRBY", keys.seat_count(code), seat, -1)
            hosted = self._r.hget(keys.hosts(code), pid)
            if hosted:
                raw = self._r.hget(keys.tables(code), hosted)
                change.require("hequals", keys.hosts(code), pid, hosted, error=Race())
                change.require("hequals", keys.tables(code), hosted, raw, error=Race())
                table = {**json.loads(raw), "host": None, "host_name": ""}
                change.write("HSET", keys.tables(code), hosted, dumps(table))
                change.write("HDEL", keys.hosts(code), pid)
                change.announce(WORKSHOP, Event.TABLE_UPDATED, table)
            else:
                change.require("hmissing", keys.hosts(code), pid, error=Race())
            change.announce(WORKSHOP, Event.PARTICIPANT_REMOVED, {"id": pid})
            self._c.commit(change)

        retrying(attempt)
