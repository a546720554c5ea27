"""Redis memory per workshop: workshops of several sizes written through the store.

    .venv/bin/python bench/footprint.py

Each workshop gets its participants (seated), tables, notes, one vote of five dots per
person and a synthesis item per table; the figure is the sum of MEMORY USAGE over the
workshop's keys, the event stream and the operation ids included.
"""

import tempfile
import time
from pathlib import Path

from server.cli.embedded import EmbeddedRedis
from server.domain.notes import Note
from server.domain.secrets import new_id
from server.domain.synthesis import Item
from server.domain.voting import Voting
from server.store import connect, keys

SIZES = [  # (people, tables, notes per person)
    (12, 3, 5),  # the reference workshop of 2013
    (60, 6, 5),
    (300, 30, 5),
    (2000, 200, 3),
]
TEXT = "Un leader efficace, qui donne envie de coopérer et sait garder le cap du groupe"


def build(store, people: int, tables: int, per_person: int) -> str:
    """Write one workshop of the given size; return its code."""
    now = time.time()
    workshop = store.workshops.create({"theme": "Coopération inter-entreprises",
                                       "date": "2013-04-04"}, "0" * 64, now)
    code = workshop.code
    store.workshops.set_phase(code, "forum")
    made = [store.tables.add(code, f"Table {i + 1}") for i in range(tables)]
    store.workshops.set_phase(code, "cafe")
    voting = Voting(open=True, at_seat=True, budget=5, cap=5)
    store.votes.save(code, "", voting)
    _, raw = store.votes.read(code)
    for i in range(people):
        person = store.participants.join(
            code, {"name": f"Personne {i}", "organisation": f"Org {i % 9}"}, new_id(32), now)
        table = made[i % tables]
        store.tables.seat(code, person.id, table.id)
        last = None
        for n in range(per_person):
            last = Note(id=new_id(16), table=table.id, text=f"{TEXT} {n}", author=person.id,
                        author_name=person.name, created_at=now, updated_at=now)
            store.board.post(code, last, op=new_id(16))
        if last is not None:
            store.votes.vote(code, raw, voting, person.id, table.id, last.id, 1, op=new_id(16))
    for t in made:
        store.synthesis.add(code, Item(key=f"summary:{t.id}", table=t.id, kind="summary",
                                       text=TEXT * 3), op=new_id(16))
    return code


def usage(client, code: str) -> tuple[int, int]:
    """Return (bytes, keys) used by one workshop."""
    total = count = 0
    for key in client.scan_iter(match=keys.pattern(code), count=1000):
        total += client.memory_usage(key, samples=0) or 0
        count += 1
    return total, count


def main() -> None:
    with (tempfile.TemporaryDirectory(prefix="cafe-footprint-") as data,
          EmbeddedRedis(Path(data) / "redis") as server):
        store = connect(server.url)
        print(f"{'people':>7} {'tables':>7} {'notes':>7} {'events':>7} {'keys':>5} "
              f"{'memory':>9} {'per person':>11}")
        for people, tables, per_person in SIZES:
            code = build(store, people, tables, per_person)
            total, count = usage(store.redis, code)
            events = store.redis.xlen(keys.events(code))
            print(f"{people:>7} {tables:>7} {people * per_person:>7} {events:>7} "
                  f"{count:>5} {total / 1e6:>7.2f} MB {total / people / 1e3:>8.1f} kB")
        store.close()


if __name__ == "__main__":
    main()
