"""`cafe demo`: the reference workshop, played through from the forum to the harvest.

Everything goes through the store's one write path, as if people had done it from their
phones, so that every view and every export has something to show.
"""

import datetime as dt
from collections import defaultdict

from ..domain import rounds as clock
from ..domain import secrets
from ..domain.notes import Note
from ..domain.seating import Person, Request, Seat, plan
from ..domain.synthesis import Item, answer_key, idea_key, step_key, summary_key
from ..domain.voting import Voting, top_notes
from ..domain.workshop import clean_details
from ..store import Store
from .demo_data import BOARDS, DETAILS, PEOPLE, STEPS, SYNTHESIS, TOPICS

START = dt.datetime(2013, 4, 4, 12, 0, tzinfo=dt.UTC).timestamp()  # 14:00 in Paris
ROUND_MINUTES = 20


def create_demo(store: Store) -> tuple[str, str, str]:
    """Create the demo workshop; return its code, console key and screen key."""
    key, screen = secrets.new_secret(), secrets.new_secret()
    workshop = store.workshops.create(clean_details(DETAILS), secrets.hash_secret(key), START,
                                      screen_digest=secrets.hash_secret(screen))
    code = workshop.code
    people = {}
    for index, (name, organisation, role) in enumerate(PEOPLE):
        person = store.participants.join(code, {"name": name, "organisation": organisation,
                                                "language": "fr"}, secrets.new_secret(),
                                         START - 600 + index * 20)
        if role in ("animator", "rapporteur"):
            person = store.participants.update(code, person.id, role=role)
        people[name] = person
    tables = _forum(store, code, people)
    _cafe(store, code, people, tables)
    _vote(store, code, people, tables)
    _synthesis(store, code, tables)
    return code, key, screen


def _forum(store: Store, code: str, people: dict) -> list:
    store.workshops.set_phase(code, "forum")
    names = list(people)
    topics = []
    turn = 0  # supporters are taken in turn, each within the budget of three
    for index, (title, _, supporters) in enumerate(TOPICS):
        author = people[names[3 + index % (len(names) - 3)]].id
        topic = store.forum.propose(code, {"title": title, "description": ""}, author,
                                    START - 300 + index * 30)["topic"]
        topics.append(topic)
        for _ in range(supporters):
            store.forum.support(code, people[names[turn % len(names)]].id, topic["id"], 3)
            turn += 1
    kept = [t["id"] for t in topics[:3]]
    tables = store.forum.keep(code, kept, {t["id"]: t["title"] for t in topics})
    for table, (_, host, _) in zip(tables, TOPICS, strict=False):
        store.tables.update(code, table.id, {"host": people[host].id})
    store.workshops.set_phase(code, "cafe")
    return store.tables.all(code)


def _cafe(store: Store, code: str, people: dict, tables: list) -> None:
    everyone = list(people.values())
    request = Request([Person(p.id, p.organisation) for p in everyone],
                      [Seat(t.id, t.host, t.capacity) for t in tables], rounds=3, seed=4,
                      budget=0.3)
    seating = plan(request)
    rounds, raw = store.rounds.read(code)
    rounds = clock.show(clock.configure(rounds, {"count": 3, "minutes": ROUND_MINUTES}))
    raw = store.rounds.save(code, raw, rounds, plan=seating, first=1)
    questions = {}
    for table, board in zip(tables, BOARDS, strict=True):
        questions[table.id] = [
            store.board.add_question(code, table.id, text, START + i)["question"]["id"]
            for i, text in enumerate(board["questions"])]
    for number in (1, 2, 3):
        began = START + (number - 1) * (ROUND_MINUTES + 5) * 60
        rounds = clock.start(rounds, began)
        store.rounds.start(code, raw, rounds, seating[number], [p.id for p in everyone])
        at_table = defaultdict(list)
        for pid, tid in seating[number].items():
            if pid not in {t.host for t in tables}:
                at_table[tid].append(pid)
        for table, board in zip(tables, BOARDS, strict=True):
            for index, (question, text, _) in enumerate(board["notes"]):
                if index % 3 != number - 1:
                    continue
                author = next(p for p in everyone if p.id == at_table[table.id][
                    index % len(at_table[table.id])])
                when = began + 60 + index * 45
                note = Note(id=secrets.new_id(16), table=table.id, text=text,
                            colour=("yellow", "blue", "green", "pink", "orange")[index % 5],
                            question=None if question is None else questions[table.id][question],
                            round=number, author=author.id, author_name=author.name,
                            created_at=when, updated_at=when)
                store.board.post(code, note)
        rounds = clock.end(rounds)
        raw = store.rounds.save(code, store.rounds.read(code)[1], rounds)


def _vote(store: Store, code: str, people: dict, tables: list) -> None:
    store.workshops.set_phase(code, "harvest")
    voting = Voting(open=True, budget=6, cap=3)
    _, raw = store.votes.read(code)
    store.votes.save(code, raw, voting)
    _, raw = store.votes.read(code)
    voters = [p.id for p in people.values()]
    left = dict.fromkeys(voters, voting.budget)
    cursor = 0
    wanted = []
    for table, board in zip(tables, BOARDS, strict=True):
        notes = {n.text: n for n in store.board.notes(code, table.id)}
        wanted += [(notes[text], dots) for _, text, dots in board["notes"]]
    for note, dots in sorted(wanted, key=lambda pair: -pair[1]):
        for _ in range(dots):
            while left[voters[cursor % len(voters)]] == 0:
                cursor += 1
            voter = voters[cursor % len(voters)]
            store.votes.vote(code, raw, voting, voter, note.table, note.id, 1)
            left[voter] -= 1
            cursor += 1
    closed = Voting(open=False, budget=6, cap=3)
    store.votes.save(code, raw, closed)


def _synthesis(store: Store, code: str, tables: list) -> None:
    counts = store.votes.counts(code)
    order = 0.0
    for table, part in zip(tables, SYNTHESIS, strict=True):
        notes = [n.public() for n in store.board.notes(code, table.id)]
        for rank, note in enumerate(top_notes(notes, counts, 4 if part["undeveloped"] else 5)):
            store.synthesis.add(code, Item(
                key=idea_key(f"n-{note['id']}"), table=table.id, kind="idea", text=note["text"],
                votes=counts[note["id"]], note=note["id"], order=rank + 1.0))
        for question, answer in zip(store.board.questions(code, table.id), part["answers"],
                                    strict=True):
            store.synthesis.add(code, Item(key=answer_key(table.id, question.id), table=table.id,
                                           kind="answer", question=question.id, text=answer))
        if part["summary"]:
            store.synthesis.add(code, Item(key=summary_key(table.id), table=table.id,
                                           kind="summary", text=part["summary"]))
        for rank, text in enumerate(part["undeveloped"]):
            store.synthesis.add(code, Item(key=idea_key(secrets.new_id()), table=table.id,
                                           kind="idea", section="undeveloped", text=text,
                                           order=rank + 1.0))
    for text, owner, due, status in STEPS:
        order += 1
        store.synthesis.add(code, Item(key=step_key(secrets.new_id()), kind="step", text=text,
                                       owner=owner, due=due, status=status, order=order))
