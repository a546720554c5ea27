"""A whole workshop as one JSON document, and back: the archive `cafe export --format json`
writes and `cafe import` reads.

The document is the data, not its indexes: counters that follow from it (supports and
dots per person, seat counts, dots per note) are rebuilt on load. Loading then dumping
gives the same document, byte for byte.

The archive is a file people pass around, so it holds no secret and names no one who
chose not to be named: no digests of device tokens or of the console key, and no author
on an anonymous note. A restored workshop therefore gets a new console key (the caller
gives its digest), its participants join again, and nobody's device sees an anonymous
note as theirs any more.
"""

import json
from collections import Counter

import redis

from ..domain import caps
from ..domain.notes import Note
from ..domain.rounds import MAX_ROUNDS
from ..domain.workshop import code_taken, not_an_archive, unknown_workshop
from . import keys, topology
from .openspace_archive import dump_openspace, load_openspace

FORMAT = "cafe-board/2"
# The first format also held the digests and anonymous authors: read, they are dropped.
OLDER = ("cafe-board/1",)


def _objects(values: list[str], *order: str) -> list[dict]:
    items = [json.loads(v) for v in values]
    return sorted(items, key=lambda i: tuple(
        (i.get(k) is None, "" if i.get(k) is None else i.get(k)) for k in order))


def dump(client: redis.Redis, code: str) -> dict:
    """Return everything a workshop holds, in a stable order."""
    with topology.transaction(client, code) as pipe:
        pipe.hgetall(keys.workshop(code))
        pipe.get(keys.seq(code))
        pipe.hvals(keys.participants(code))
        pipe.hvals(keys.topics(code))
        pipe.hkeys(keys.supports(code))
        pipe.hvals(keys.tables(code))
        pipe.hgetall(keys.seats(code))
        pipe.hget(keys.rounds(code), "state")
        pipe.hgetall(keys.pins(code))
        pipe.hget(keys.voting(code), "state")
        pipe.hgetall(keys.votes(code))
        pipe.hvals(keys.synthesis(code))
        for number in range(1, MAX_ROUNDS + 1):
            pipe.hgetall(keys.plan(code, number))
        (workshop, seq, people, topics, supports, tables, seats, rounds, pins, voting,
         votes, synthesis, *plans) = pipe.execute()
    if not workshop:
        raise unknown_workshop(code)
    table_ids = sorted(json.loads(t)["id"] for t in tables)
    with topology.transaction(client, code) as pipe:
        for table in table_ids:
            pipe.hvals(keys.questions(code, table))
            pipe.hvals(keys.notes(code, table))
        boards = pipe.execute()
    questions = [q for i in range(len(table_ids)) for q in boards[2 * i]]
    notes = [n for i in range(len(table_ids)) for n in boards[2 * i + 1]]
    document = {
        "format": FORMAT,
        "code": code,
        "head": int(seq or 0),
        "workshop": {
            "details": json.loads(workshop["details"]),
            "phase": workshop["phase"],
            "settings": json.loads(workshop.get("settings") or "{}"),
            "locked": workshop.get("locked") == "1",
        },
        "participants": _objects(people, "joined_at", "id"),
        "topics": _objects(topics, "created_at", "id"),
        "supports": sorted(supports),
        "tables": sorted((json.loads(t) for t in tables), key=lambda t: t["number"]),
        "seats": dict(sorted(seats.items())),
        "questions": _objects(questions, "table", "created_at", "id"),
        "notes": [_public(n) for n in _objects(notes, "table", "created_at", "id")],
        "rounds": json.loads(rounds) if rounds else None,
        "plan": {str(n): dict(sorted(p.items())) for n, p in enumerate(plans, start=1) if p},
        "pins": dict(sorted(pins.items())),
        "voting": json.loads(voting) if voting else None,
        "votes": {k: int(v) for k, v in sorted(votes.items()) if int(v)},
        "synthesis": _objects(synthesis, "order", "key"),
    }
    if document["workshop"]["details"].get("format") == "forum-ouvert":
        document["openspace"] = dump_openspace(client, code)
    return document


def _made(document: dict) -> dict[str, int]:
    """The caps' counters, counted again from what the archive holds."""
    made: Counter = Counter()
    steps = [i for i in document["synthesis"] if i["kind"] == "step"]
    for kind, items in (("notes", document["notes"]), ("topics", document["topics"]),
                        ("steps", steps)):
        for item in items:
            made.update(caps.counted(kind, item.get("author")))
    for question in document["questions"]:
        made[f"{question['table']}|questions"] += 1
    return dict(made)


def _public(note: dict) -> dict:
    """A note as the archive keeps it: an anonymous one without its author."""
    return Note.from_dict(note).public()


def load(client: redis.Redis, document: dict, console_digest: str,
         screen_digest: str = "") -> str:
    """Write a dumped workshop into Redis, where its code must be free, with the digest of
    its new console key; return the code."""
    if not isinstance(document, dict) or document.get("format") not in (FORMAT, *OLDER):
        raise not_an_archive()
    code = document["code"]
    if client.exists(keys.workshop(code)):
        raise code_taken(code)
    w = document["workshop"]
    dumps = lambda value: json.dumps(value, ensure_ascii=False)  # noqa: E731
    with topology.transaction(client, code) as pipe:
        pipe.hset(keys.workshop(code), mapping={
            "details": dumps(w["details"]), "phase": w["phase"],
            "settings": dumps(w["settings"]), "locked": "1" if w["locked"] else "0",
            "console": console_digest, "screen": screen_digest,
        })
        pipe.set(keys.seq(code), document["head"])
        for name, items, by in [("participants", document["participants"], "id"),
                                ("topics", document["topics"], "id"),
                                ("tables", document["tables"], "id")]:
            if items:
                pipe.hset(getattr(keys, name)(code), mapping={i[by]: dumps(i) for i in items})
        hosts = {t["host"]: t["id"] for t in document["tables"] if t.get("host")}
        if hosts:
            pipe.hset(keys.hosts(code), mapping=hosts)
        support_counts = Counter({t["id"]: 0 for t in document["topics"]})
        used = Counter()
        for pair in document["supports"]:
            pid, topic = pair.split("|", 1)
            support_counts[topic] += 1
            used[pid] += 1
        if support_counts:
            pipe.hset(keys.topic_support(code), mapping=dict(support_counts))
        if document["supports"]:
            pipe.hset(keys.supports(code), mapping=dict.fromkeys(document["supports"], 1))
            pipe.hset(keys.supports_used(code), mapping=dict(used))
        if document["seats"]:
            pipe.hset(keys.seats(code), mapping=document["seats"])
            pipe.hset(keys.seat_count(code), mapping=dict(Counter(document["seats"].values())))
        for question in document["questions"]:
            pipe.hset(keys.questions(code, question["table"]), question["id"], dumps(question))
        for note in map(_public, document["notes"]):
            pipe.hset(keys.notes(code, note["table"]), note["id"], dumps(note))
        if document["rounds"] is not None:
            pipe.hset(keys.rounds(code), mapping={
                "state": dumps(document["rounds"]),
                "shown": "1" if document["rounds"].get("shown") else "0"})
        for number, seating in document["plan"].items():
            pipe.hset(keys.plan(code, int(number)), mapping=seating)
        if document["pins"]:
            pipe.hset(keys.pins(code), mapping=document["pins"])
        if document["voting"] is not None:
            pipe.hset(keys.voting(code), mapping={
                "state": dumps(document["voting"]), "total": sum(document["votes"].values())})
        if document["votes"]:
            pipe.hset(keys.votes(code), mapping=document["votes"])
            per_person, per_note = Counter(), Counter()
            for pair, n in document["votes"].items():
                pid, note = pair.split("|", 1)
                per_person[pid] += n
                per_note[note] += n
            pipe.hset(keys.votes_used(code), mapping=dict(per_person))
            pipe.hset(keys.note_votes(code), mapping=dict(per_note))
        if document["synthesis"]:
            pipe.hset(keys.synthesis(code), mapping={i["key"]: dumps(i)
                                                     for i in document["synthesis"]})
        made = _made(document)
        if made:
            pipe.hset(keys.made(code), mapping=made)
        load_openspace(pipe, code, document.get("openspace"))
        pipe.execute()
    # Its bucket of the index lives elsewhere on a cluster: not in the transaction.
    client.zadd(keys.index(code), {code: document["workshop"]["details"].get("created_at", 0)})
    return code
