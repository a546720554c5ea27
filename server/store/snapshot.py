"""The whole state of a workshop, read in one transaction with its sequence number."""

import json

import redis

from ..domain.participant import Participant
from . import keys
from .workshops import decode_workshop, unknown_workshop


def read_snapshot(client: redis.Redis, code: str) -> dict:
    """Return {head, workshop, participants} as of one sequence number."""
    with client.pipeline(transaction=True) as pipe:
        pipe.get(keys.seq(code))
        pipe.hgetall(keys.workshop(code))
        pipe.hvals(keys.participants(code))
        head, raw_workshop, raw_people = pipe.execute()
    workshop = decode_workshop(code, raw_workshop)
    if workshop is None:
        raise unknown_workshop(code)
    people = sorted(
        (Participant.from_dict(json.loads(r)) for r in raw_people),
        key=lambda p: (p.joined_at, p.id),
    )
    return {
        "head": int(head or 0),
        "workshop": workshop.to_dict(),
        "participants": [p.to_dict() for p in people],
    }
