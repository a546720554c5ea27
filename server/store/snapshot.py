"""The state of a workshop as one viewer sees it, read in one transaction with its head."""

import json
from collections.abc import Callable

import redis

from ..domain.forum import Topic
from ..domain.notes import Note
from ..domain.participant import Participant
from ..domain.rounds import Rounds
from ..domain.tables import Question, Table
from . import keys
from .workshops import decode_workshop, unknown_workshop


def _by_time(raw: list[str], cls, key: Callable):
    return sorted((cls.from_dict(json.loads(r)) for r in raw), key=key)


def read_snapshot(client: redis.Redis, code: str, *, viewer: str | None = None,
                  boards: str = "all") -> dict:
    """Return the workshop as of one sequence number.

    `boards` says whose tables' questions and notes are included: "all" (screen,
    console), "seat" (the viewer's table) or "none". `viewer` adds their private state.
    """
    for _ in range(10):
        table_ids = client.hkeys(keys.tables(code))
        seat = client.hget(keys.seats(code), viewer) if viewer else None
        wanted = sorted(table_ids) if boards == "all" else ([seat] if seat else [])
        with client.pipeline(transaction=True) as pipe:
            pipe.get(keys.seq(code))
            pipe.hgetall(keys.workshop(code))
            pipe.hvals(keys.participants(code))
            pipe.hvals(keys.topics(code))
            pipe.hgetall(keys.topic_support(code))
            pipe.hgetall(keys.tables(code))
            pipe.hgetall(keys.seats(code))
            pipe.hkeys(keys.supports(code))
            pipe.hget(keys.rounds(code), "state")
            for number in range(1, 13) if boards == "all" else ():
                pipe.hgetall(keys.plan(code, number))
            for table in wanted:
                pipe.hvals(keys.questions(code, table))
                pipe.hvals(keys.notes(code, table))
            head, raw_w, people, topics, counts, tables, seats, supports, raw_rounds, *rest = (
                pipe.execute())
            plans, boards_raw = (rest[:12], rest[12:]) if boards == "all" else ([], rest)
        current = sorted(tables) if boards == "all" else ([seats.get(viewer)]
                                                          if seats.get(viewer) else [])
        if current == wanted:  # nothing moved between the two reads
            break
    workshop = decode_workshop(code, raw_w)
    if workshop is None:
        raise unknown_workshop(code)
    questions, notes = [], []
    for i in range(len(wanted)):
        questions += _by_time(boards_raw[2 * i], Question, lambda q: (q.created_at, q.id))
        notes += _by_time(boards_raw[2 * i + 1], Note, lambda n: (n.created_at, n.id))
    snapshot = {
        "head": int(head or 0),
        "workshop": workshop.to_dict(),
        "participants": [p.to_dict() for p in _by_time(
            people, Participant, lambda p: (p.joined_at, p.id))],
        "topics": [{**t.to_dict(), "supporters": int(counts.get(t.id, 0))}
                   for t in _by_time(topics, Topic, lambda t: (t.created_at, t.id))],
        "tables": [t.to_dict() for t in sorted(
            (Table.from_dict(json.loads(r)) for r in tables.values()), key=lambda t: t.number)],
        "seats": seats,
        "boards": wanted,
        "questions": [q.to_dict() for q in questions],
        "notes": [n.public() for n in notes],
        "rounds": Rounds.from_dict(json.loads(raw_rounds) if raw_rounds else None).to_dict(),
    }
    if boards == "all":
        snapshot["plan"] = {str(n): row for n, row in enumerate(plans, start=1) if row}
    if viewer:
        prefix = f"{viewer}|"
        snapshot["mine"] = {
            "supports": [k[len(prefix):] for k in supports if k.startswith(prefix)],
            "notes": [n.id for n in notes if n.author == viewer],
        }
    return snapshot
