"""The state of a workshop as one viewer sees it, read in one transaction with its head.

Each part of the snapshot is a named read: it queues its commands on the one MULTI and
builds its part from their answers, so what a phone, the screen or the console receives
is decided part by part.
"""

import json
from collections.abc import Callable

import redis

from ..domain.door import Waiting, read_door
from ..domain.forum import Topic
from ..domain.notes import Note
from ..domain.participant import Participant
from ..domain.rounds import MAX_ROUNDS, Rounds, published
from ..domain.synthesis import Item
from ..domain.tables import Question, Table
from ..domain.visibility import Writing
from ..domain.voting import Voting
from ..domain.workshop import unknown_workshop
from . import keys, topology
from .openspace_snapshot import read_openspace
from .records import decode_workshop

AUDIENCES = ("phone", "screen", "console")
"""Who a snapshot is for: a phone gets itself and its own tables; the screen and the
console get the whole room; only the console gets the counts of a hidden vote."""


def _by(raw: list[str], cls, key: Callable) -> list:
    return sorted((cls.from_dict(json.loads(r)) for r in raw), key=key)


def _decode(value: str | None) -> dict | None:
    return json.loads(value) if value else None


class _Read:
    """Commands queued on one pipeline; each named read takes its answers back in order."""

    def __init__(self, pipe):
        self.pipe = pipe
        self.parts: list[tuple[int, Callable]] = []

    def add(self, count: int, build: Callable) -> None:
        """Note that the last `count` commands queued are answered to `build`."""
        self.parts.append((count, build))

    def run(self) -> dict:
        """Execute the pipeline and merge what every part built."""
        answers = iter(self.pipe.execute())
        out: dict = {}
        for count, build in self.parts:
            out.update(build(*(next(answers) for _ in range(count))))
        return out


def _workshop(read: _Read, code: str, whole_room: bool) -> None:
    read.pipe.get(keys.seq(code))
    read.pipe.hgetall(keys.workshop(code))

    def build(head, raw):
        workshop = decode_workshop(code, raw)
        if workshop is None:
            raise unknown_workshop(code)
        writing = Writing.from_dict(_decode(raw.get("writing")))
        out = {"head": int(head or 0), "workshop": workshop.to_dict(),
               "writing": writing.to_dict()}
        if whole_room:  # how the door stands, and how many wait: the staff's
            door = read_door(raw.get("door"), raw.get("expected"))
            out["door"] = {**door.to_dict(), "waiting": int(raw.get("waiting") or 0)}
        return out

    read.add(2, build)


def _lobby(read: _Read, code: str) -> None:
    """Who waits at the door: the console's alone (names typed by strangers)."""
    read.pipe.hvals(keys.lobby(code))

    def build(raw):
        return {"lobby": [w.to_dict() for w in _by(raw, Waiting, lambda w: (w.at, w.id))]}

    read.add(1, build)


def _people(read: _Read, code: str, viewer: str | None, whole_room: bool,
            choosing: bool) -> None:
    """Everyone and every seat for the staff; a phone gets only itself and a head count,
    and how full each table is while `choosing` where to sit (read only then: a thousand
    tables' counts are most of what a seated phone's sync would otherwise parse)."""
    if whole_room:
        read.pipe.hvals(keys.participants(code))
        read.pipe.hgetall(keys.seats(code))
    else:
        read.pipe.hmget(keys.participants(code), [viewer or ""])
        read.pipe.hget(keys.seats(code), viewer or "")
    read.pipe.hlen(keys.participants(code))
    if choosing:
        read.pipe.hgetall(keys.seat_count(code))

    def build(people, seats, head_count, seat_counts=None):
        crowd = {"people": head_count}
        if not whole_room:
            people = [p for p in people if p]
            own_seat = seats
            seats = {viewer: own_seat} if viewer and own_seat else {}
            if choosing and not own_seat:  # a phone choosing its table sees how full each is
                crowd["seated"] = {t: int(n) for t, n in seat_counts.items() if int(n) > 0}
        return {
            "participants": [p.to_dict() for p in _by(people, Participant,
                                                      lambda p: (p.joined_at, p.id))],
            "crowd": crowd, "seats": seats,
        }

    read.add(4 if choosing else 3, build)


def _forum(read: _Read, code: str) -> None:
    read.pipe.hvals(keys.topics(code))
    read.pipe.hgetall(keys.topic_support(code))

    def build(topics, counts):
        return {"topics": [{**t.to_dict(), "supporters": int(counts.get(t.id, 0))}
                           for t in _by(topics, Topic, lambda t: (t.created_at, t.id))]}

    read.add(2, build)


def _tables(read: _Read, code: str, only: list[str] | None) -> None:
    """Every table, or `only` these (a seated phone's): a phone joining costs the same
    at a workshop of ten tables or of a thousand."""
    if only is None:
        read.pipe.hvals(keys.tables(code))
    else:
        read.pipe.hmget(keys.tables(code), only or [""])
    read.pipe.hget(keys.rounds(code), "state")

    def build(tables, rounds):
        tables = [t for t in tables if t]
        return {"tables": [t.to_dict() for t in _by(tables, Table, lambda t: t.number)],
                "rounds": Rounds.from_dict(_decode(rounds)).to_dict()}

    read.add(2, build)


def _plan(read: _Read, code: str) -> None:
    """The seating of every round: the console's, and the screen's once it is shown."""
    for number in range(1, MAX_ROUNDS + 1):
        read.pipe.hgetall(keys.plan(code, number))

    def build(*plans):
        return {"plan": {str(n): row for n, row in enumerate(plans, start=1) if row}}

    read.add(MAX_ROUNDS, build)


def _boards(read: _Read, code: str, boards: list[str], audience: str,
            viewer: str | None) -> None:
    """The questions and notes of the tables a viewer follows. A note not public (written
    alone, waiting for review, hidden) goes to its writers whole and to the console in its
    public form; the others see only how many are written alone (`written`)."""
    for table in boards:
        read.pipe.hvals(keys.questions(code, table))
        read.pipe.hvals(keys.notes(code, table))
        read.pipe.hgetall(keys.reaction_counts(code, table))
    if audience == "phone":  # a phone's own tables: its sync does not grow with the room
        read.pipe.hmget(keys.written(code), boards or [""])
    else:
        read.pipe.hgetall(keys.written(code))

    def shown(note: Note) -> dict | None:
        if note.visibility == "public" or audience == "console":
            return note.seen_by(viewer)
        return note.to_dict() if viewer in note.writers else None

    def build(*answers):
        questions, notes, reactions = [], [], {}
        for i in range(len(boards)):
            questions += _by(answers[3 * i], Question, lambda q: (q.created_at, q.id))
            notes += _by(answers[3 * i + 1], Note, lambda n: (n.created_at, n.id))
            for name, count in answers[3 * i + 2].items():
                if int(count) > 0:
                    note, reaction = name.rsplit("|", 1)
                    reactions.setdefault(note, {})[reaction] = int(count)
        visible = [n for n in map(shown, notes) if n is not None]
        ids = {n["id"] for n in visible}
        counts = answers[-1]
        if audience == "phone":  # HMGET's answer, in the order of `boards`
            counts = dict(zip(boards, counts, strict=False))
        written = {t: int(n) for t, n in counts.items() if n and int(n) > 0}
        return {"boards": boards, "questions": [q.to_dict() for q in questions],
                "notes": visible, "written": written, "_notes": notes,
                "reactions": {n: r for n, r in reactions.items() if n in ids}}

    read.add(3 * len(boards) + 1, build)


def _votes(read: _Read, code: str, audience: str) -> None:
    """The vote, and the dots: hidden counts only to the console until the reveal."""
    read.pipe.hgetall(keys.voting(code))
    read.pipe.hgetall(keys.note_votes(code))

    def build(voting_hash, note_votes):
        voting = Voting.from_dict(_decode(voting_hash.get("state")))
        shown = audience == "console" or voting.counts_shown
        out = {"voting": voting.to_dict(),
               "votes": {k: int(v) for k, v in note_votes.items() if int(v)} if shown else {}}
        if audience != "phone":
            out["dots"] = int(voting_hash.get("total") or 0)
        return out

    read.add(2, build)


def _statuses(read: _Read, code: str, viewer: str | None, whole_room: bool) -> None:
    """Who is done or has a hand up this round: everyone's for the staff, one's own else."""
    if whole_room:
        read.pipe.hgetall(keys.statuses(code))
    else:
        read.pipe.hmget(keys.statuses(code), [viewer or ""])

    def build(raw):
        if not whole_room:
            raw = {viewer: raw[0]} if viewer and raw[0] else {}
        return {"statuses": {pid: json.loads(v) for pid, v in raw.items()}}

    read.add(1, build)


def _synthesis(read: _Read, code: str) -> None:
    read.pipe.hvals(keys.synthesis(code))
    read.add(1, lambda items: {"synthesis": [
        i.to_dict() for i in _by(items, Item, lambda i: (i.order, i.key))]})


def _mine(client: redis.Redis, code: str, viewer: str, notes: list[Note]) -> dict:
    """A participant's own supports, notes and dots, found without reading everyone's."""
    prefix = f"{viewer}|"
    names = [keys.supports(code), keys.votes(code), keys.reactions(code)]
    with client.pipeline(transaction=False) as pipe:  # the first page of each, together
        for name in names:
            pipe.hscan(name, 0, match=f"{prefix}*", count=1000)
        pages = pipe.execute()
    supports, votes, reacted = [], {}, []
    for name, (cursor, found), out in zip(names, pages, (supports, votes, reacted), strict=True):
        while True:
            for key, value in found.items():
                if isinstance(out, dict):
                    out[key[len(prefix):]] = int(value)
                else:
                    out.append(key[len(prefix):])
            if not cursor:
                break
            cursor, found = client.hscan(name, cursor, match=f"{prefix}*", count=1000)
    reactions: dict[str, list[str]] = {}
    for key in reacted:
        note, reaction = key.rsplit("|", 1)
        reactions.setdefault(note, []).append(reaction)
    return {
        "supports": supports,
        "notes": [n.id for n in notes if n.author == viewer],
        "votes": {k: v for k, v in votes.items() if v},
        "reactions": reactions,
    }


def read_snapshot(client: redis.Redis, code: str, *, audience: str = "console",
                  viewer: str | None = None, boards: list[str] | None = None,
                  tables: list[str] | None = None) -> dict:
    """Return the workshop as `audience` sees it, as of one sequence number (`head`).

    `boards` are the tables whose questions and notes are included (all of them when
    None); `tables` the tables described (all of them when None); `viewer` adds a
    participant's own state. What a phone's snapshot holds grows with its own tables,
    not with the size of the workshop.
    """
    whole_room = audience != "phone"
    if boards is None:
        boards = sorted(client.hkeys(keys.tables(code)))
    with topology.transaction(client, code) as pipe:
        read = _Read(pipe)
        _workshop(read, code, whole_room)
        if audience == "console":
            _lobby(read, code)
        _people(read, code, viewer, whole_room, choosing=whole_room or tables is None)
        _forum(read, code)
        _tables(read, code, tables)
        _boards(read, code, boards, audience, viewer)
        _votes(read, code, audience)
        _synthesis(read, code)
        _statuses(read, code, viewer, whole_room)
        if whole_room:
            _plan(read, code)
        snapshot = read.run()
    if audience == "screen":  # the console's draft is not for the room yet
        snapshot["plan"] = published(Rounds.from_dict(snapshot["rounds"]), snapshot["plan"])
    notes = snapshot.pop("_notes")
    if snapshot["workshop"].get("format") == "forum-ouvert":
        snapshot["openspace"] = read_openspace(client, code, whole_room=whole_room,
                                               viewer=viewer)
    if viewer:
        snapshot["mine"] = _mine(client, code, viewer, notes)
    return snapshot
