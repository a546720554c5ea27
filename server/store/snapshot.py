"""The state of a workshop as one viewer sees it, read in one transaction with its head."""

import json
from collections.abc import Callable

import redis

from ..domain.forum import Topic
from ..domain.notes import Note
from ..domain.participant import Participant
from ..domain.rounds import MAX_ROUNDS, Rounds
from ..domain.synthesis import Item
from ..domain.tables import Question, Table
from ..domain.voting import Voting
from ..domain.workshop import unknown_workshop
from . import keys
from .records import decode_workshop


def _by(raw: list[str], cls, key: Callable):
    return sorted((cls.from_dict(json.loads(r)) for r in raw), key=key)


def _decode(value: str | None) -> dict | None:
    return json.loads(value) if value else None


def _mine(client: redis.Redis, code: str, viewer: str, notes: list[Note]) -> dict:
    """A participant's own supports, notes and dots, found without reading everyone's."""
    prefix = f"{viewer}|"
    supports = client.hscan_iter(keys.supports(code), match=f"{prefix}*", count=1000)
    votes = client.hscan_iter(keys.votes(code), match=f"{prefix}*", count=1000)
    return {
        "supports": [k[len(prefix):] for k, _ in supports],
        "notes": [n.id for n in notes if n.author == viewer],
        "votes": {k[len(prefix):]: int(v) for k, v in votes if int(v)},
    }


def read_snapshot(client: redis.Redis, code: str, *, viewer: str | None = None,
                  boards: Callable[[list[str], dict, dict | None], list[str]] | None = None,
                  staff: bool = True) -> dict:
    """Return the workshop as of one sequence number.

    `boards(table_ids, seat, voting)` picks the tables whose questions and notes are
    included (all when None); `staff` adds what only the screen and the console get: every
    participant and seat, the whole plan, hidden counts. Without it, what is read grows
    with the viewer's own tables, not with the size of the workshop. `viewer` adds a
    participant's own state.
    """
    for _ in range(10):
        with client.pipeline(transaction=True) as pipe:
            pipe.hkeys(keys.tables(code))
            pipe.hget(keys.seats(code), viewer or "")
            pipe.hget(keys.voting(code), "state")
            table_ids, seat, raw_voting = pipe.execute()
        voting = _decode(raw_voting)
        wanted = sorted(table_ids) if boards is None else boards(table_ids, seat or None, voting)
        with client.pipeline(transaction=True) as pipe:
            pipe.get(keys.seq(code))
            pipe.hgetall(keys.workshop(code))
            if staff:
                pipe.hvals(keys.participants(code))
                pipe.hgetall(keys.seats(code))
            else:
                pipe.hmget(keys.participants(code), [viewer or ""])
                pipe.hget(keys.seats(code), viewer or "")
            for command in (
                lambda: pipe.hvals(keys.topics(code)),
                lambda: pipe.hgetall(keys.topic_support(code)),
                lambda: pipe.hgetall(keys.tables(code)),
                lambda: pipe.hget(keys.rounds(code), "state"),
                lambda: pipe.hgetall(keys.voting(code)),
                lambda: pipe.hgetall(keys.note_votes(code)),
                lambda: pipe.hvals(keys.synthesis(code)),
                lambda: pipe.hlen(keys.participants(code)),
                lambda: pipe.hgetall(keys.seat_count(code)),
            ):
                command()
            for number in range(1, MAX_ROUNDS + 1) if staff else ():
                pipe.hgetall(keys.plan(code, number))
            for table in wanted:
                pipe.hvals(keys.questions(code, table))
                pipe.hvals(keys.notes(code, table))
            (head, raw_w, people, seats_now, topics, counts, tables, raw_rounds, voting_hash,
             note_votes, items, head_count, seat_counts, *rest) = pipe.execute()
        plans, boards_raw = (rest[:MAX_ROUNDS], rest[MAX_ROUNDS:]) if staff else ([], rest)
        my_seat = (seats_now.get(viewer) if staff else seats_now) if viewer else None
        again = sorted(tables) if boards is None else boards(
            list(tables), my_seat or None, _decode(voting_hash.get("state")))
        if again == wanted:  # nothing moved between the two reads
            break
    workshop = decode_workshop(code, raw_w)
    if workshop is None:
        raise unknown_workshop(code)
    questions, notes = [], []
    for i in range(len(wanted)):
        questions += _by(boards_raw[2 * i], Question, lambda q: (q.created_at, q.id))
        notes += _by(boards_raw[2 * i + 1], Note, lambda n: (n.created_at, n.id))
    voting = Voting.from_dict(_decode(voting_hash.get("state")))
    shown = {k: int(v) for k, v in note_votes.items() if int(v)}
    if not staff:
        people = [r for r in people if r]
        seats_now = {viewer: my_seat} if my_seat else {}
    table_list = sorted((Table.from_dict(json.loads(r)) for r in tables.values()),
                        key=lambda t: t.number)
    snapshot = {
        "head": int(head or 0),
        "workshop": workshop.to_dict(),
        "participants": [p.to_dict() for p in _by(
            people, Participant, lambda p: (p.joined_at, p.id))],
        "crowd": {"people": head_count},
        "topics": [{**t.to_dict(), "supporters": int(counts.get(t.id, 0))}
                   for t in _by(topics, Topic, lambda t: (t.created_at, t.id))],
        "tables": [t.to_dict() for t in table_list],
        "seats": seats_now,
        "boards": wanted,
        "questions": [q.to_dict() for q in questions],
        "notes": [n.public() for n in notes],
        "rounds": Rounds.from_dict(_decode(raw_rounds)).to_dict(),
        "voting": voting.to_dict(),
        "votes": shown if (staff or voting.counts_shown) else {},
        "synthesis": [i.to_dict() for i in _by(items, Item, lambda i: (i.order, i.key))],
    }
    if not staff and not my_seat:  # a phone choosing its table sees how full each one is
        snapshot["crowd"]["seated"] = {t: int(n) for t, n in seat_counts.items() if int(n) > 0}
    if staff:
        snapshot["plan"] = {str(n): row for n, row in enumerate(plans, start=1) if row}
        snapshot["dots"] = int(voting_hash.get("total") or 0)
    if viewer:
        snapshot["mine"] = _mine(client, code, viewer, notes)
    return snapshot
