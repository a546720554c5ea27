"""Refusing floods before they cost anything: per connection, per participant.

The check runs where python-socketio hands an event to the namespace, before Flask-
SocketIO builds a request context, so a refused event costs little more than its
decoding. A connection that keeps sending after being told is disconnected.
"""

import time
from dataclasses import dataclass, field

from ..domain.ratelimit import Bucket, parse_rate

STRIKES, STRIKE_WINDOW = 100, 10.0  # refusals within that many seconds that cut a connection
COOLING = 30.0  # seconds a participant whose connection was cut may not connect again


@dataclass
class Sender:
    """One connection's rate, its participant's, and the refusal in its language."""

    own: Bucket
    person: tuple[str, str] | None
    refusal: dict
    strikes: int = field(default=0)
    since: float = field(default=0.0)


class Throttle:
    """Token buckets for every connection of this process."""

    def __init__(self, socket_rate: str, person_rate: str):
        self.socket_rate = parse_rate(socket_rate)
        self.person_rate = parse_rate(person_rate)
        self.senders: dict[str, Sender] = {}
        self.people: dict[tuple[str, str], Bucket] = {}
        self.cut_at: dict[tuple[str, str], float] = {}

    def cooling(self, code: str, pid: str | None) -> bool:
        """Tell whether a participant was cut off for flooding a moment ago."""
        if pid is None or (code, pid) not in self.cut_at:
            return False
        return time.monotonic() - self.cut_at[(code, pid)] < COOLING

    def admit(self, sid: str, code: str, pid: str | None, refusal: dict) -> None:
        """Start counting a new connection's events."""
        person = None
        if pid is not None:
            person = (code, pid)
            self.people.setdefault(person, Bucket(*self.person_rate))
        self.senders[sid] = Sender(Bucket(*self.socket_rate), person, refusal)

    def forget(self, sid: str) -> None:
        """Stop counting a connection that went away."""
        self.senders.pop(sid, None)

    def check(self, sid: str) -> tuple[dict | None, bool]:
        """Return (the refusal to answer, or None to go on; whether to cut the connection)."""
        sender = self.senders.get(sid)
        if sender is None:
            return None, False
        moment = time.monotonic()
        person = self.people.get(sender.person) if sender.person else None
        if sender.own.take(moment) and (person is None or person.take(moment)):
            return None, False
        if moment - sender.since > STRIKE_WINDOW:
            sender.strikes, sender.since = 0, moment
        sender.strikes += 1
        if sender.strikes < STRIKES:
            return sender.refusal, False
        if sender.person:
            self.cut_at[sender.person] = moment
        return sender.refusal, True
