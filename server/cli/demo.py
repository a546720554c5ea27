"""`cafe demo`: the reference workshop, played through from the forum to the harvest.

Everything goes through the store's one write path, as if people had done it from their
phones, so that every view and every export has something to show.
"""

import datetime as dt
from collections import defaultdict

from ..domain import mixing, secrets
from ..domain import rounds as clock
from ..domain.carrying import carried_copy, trip
from ..domain.notes import Note
from ..domain.seating import Person, Request, Seat, plan
from ..domain.synthesis import Item, answer_key, idea_key, step_key, summary_key
from ..domain.voting import Voting
from ..domain.workshop import clean_details
from ..store import Store
from .demo_data import (
    BACKED_BY_ONE,
    BOARDS,
    CARRIED,
    CARRIED_ON,
    DETAILS,
    PEOPLE,
    STEPS,
    SYNTHESIS,
    TOPICS,
)

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
    carried = _cafe(store, code, people, tables)
    _vote(store, code, people, tables, carried)
    _synthesis(store, code, people, tables)
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


def _cafe(store: Store, code: str, people: dict, tables: list) -> list[tuple[Note, int]]:
    """Play the three rounds; return the notes carried between them, with the dots each
    is to get at its new table."""
    everyone = list(people.values())
    request = Request([Person(p.id, p.organisation) for p in everyone],
                      [Seat(t.id, t.host, t.capacity) for t in tables], rounds=3, seed=4,
                      budget=0.3)
    seating = plan(request)
    rounds, raw = store.rounds.read(code)
    rounds = clock.show(clock.configure(rounds, {"count": 3, "minutes": ROUND_MINUTES}))
    raw = store.rounds.save(code, raw, rounds, plan=seating, first=1)
    questions = {}
    carried: list[tuple[Note, int]] = []
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
        if number in CARRIED:
            carried += _carry(store, code, people, tables, seating, rounds, number,
                              [copy for copy, _ in carried])
    return carried


def _carry(store: Store, code: str, people: dict, tables: list, seating: dict, rounds,
           number: int, arrived: list[Note]) -> list[tuple[Note, int]]:
    """At the end of a round, travellers carry notes to their next table, as they would
    from their phones (one note each); return the copies with their dots to come."""
    hosts = {t.host for t in tables}
    numbers = {t.id: t.number for t in tables}
    travellers = {t.id: sorted(  # participants carry notes, before the facilitators do
        (p for p in people.values() if p.id not in hosts
         and seating[number].get(p.id) == t.id
         and seating[number + 1].get(p.id) not in (None, t.id)),
        key=lambda p: p.role in ("animator", "rapporteur")) for t in tables}
    chosen = []
    for table, wanted in zip(tables, CARRIED[number], strict=True):
        notes = {n.text: n for n in store.board.notes(code, table.id) if not n.carried}
        chosen += [(notes[text], travellers[table.id].pop(0), dots) for text, dots in wanted]
    for dots in CARRIED_ON.get(number, ()):
        # A note that came in, taken on by another traveller, to a table it never saw if
        # the seating allows it (everyone moves, so someone leaves where it arrived).
        pairs = sorted(((note, person) for note in arrived for person in travellers[note.table]),
                       key=lambda pair: seating[number + 1][pair[1].id] == pair[0].carried[
                           "from_table"])
        note, carrier = pairs[0]
        travellers[note.table].remove(carrier)
        chosen.append((note, carrier, dots))
    done = []
    for original, carrier, dots in chosen:
        way = trip(rounds, {str(n): seats[carrier.id] for n, seats in seating.items()
                            if carrier.id in seats})
        copy = carried_copy(original, way, carrier, number=numbers[original.table],
                            new_id=secrets.new_id(16), now=rounds_end(number) + 30 + len(done))
        store.board.carry(code, carrier.id, way.round, original, copy)
        done.append((copy, dots))
    return done


def rounds_end(number: int) -> float:
    """When a round of the demo ended."""
    return START + (number - 1) * (ROUND_MINUTES + 5) * 60 + ROUND_MINUTES * 60


def _vote(store: Store, code: str, people: dict, tables: list,
          carried: list[tuple[Note, int]]) -> None:
    store.workshops.set_phase(code, "harvest")
    voting = Voting(open=True, budget=6, cap=3)
    _, raw = store.votes.read(code)
    store.votes.save(code, raw, voting)
    _, raw = store.votes.read(code)
    voters = [p.id for p in people.values()]
    left = dict.fromkeys(voters, voting.budget)
    wanted = []
    for table, board in zip(tables, BOARDS, strict=True):
        notes = {n.text: n for n in store.board.notes(code, table.id) if not n.carried}
        wanted += [(notes[text], dots) for _, text, dots in board["notes"]]
    wanted += carried

    def give(voter: str, note: Note) -> None:
        store.votes.vote(code, raw, voting, voter, note.table, note.id, 1)
        left[voter] -= 1

    # The notes one organisation backs alone first: its people give their dots together.
    for note, dots in wanted:
        organisation = None if note.carried else BACKED_BY_ONE.get(note.text)
        if organisation:
            for person in (p for p in people.values() if p.organisation == organisation):
                for _ in range(min(voting.cap, dots, left[person.id])):
                    give(person.id, note)
                    dots -= 1
    cursor = 0
    for note, dots in sorted(wanted, key=lambda pair: -pair[1]):
        if not note.carried and note.text in BACKED_BY_ONE:
            continue
        for _ in range(dots):
            while left[voters[cursor % len(voters)]] == 0:
                cursor += 1
            give(voters[cursor % len(voters)], note)
            cursor += 1
    closed = Voting(open=False, budget=6, cap=3)
    store.votes.save(code, raw, closed)


def _synthesis(store: Store, code: str, people: dict, tables: list) -> None:
    # The facilitator ranks the retained ideas by the organisations behind them.
    store.workshops.update_settings(code, {"rank_ideas_by": "organisations"})
    backed = mixing.backing(store.votes.given(code),
                            {p.id: p.organisation for p in people.values()})
    order = 0.0
    for table, part in zip(tables, SYNTHESIS, strict=True):
        notes = sorted((n for n in store.board.notes(code, table.id) if n.id in backed),
                       key=lambda n: (n.created_at, n.id))
        top = mixing.ranked([n.id for n in notes], backed, "organisations")
        top = top[:4 if part["undeveloped"] else 5]
        # An idea one organisation backs alone ranks last, but the table still retains it.
        top += [n.id for n in notes if n.text in BACKED_BY_ONE and n.id not in top]
        texts = {n.id: n.text for n in notes}
        for rank, note in enumerate(top):
            store.synthesis.add(code, Item(
                key=idea_key(f"n-{note}"), table=table.id, kind="idea", text=texts[note],
                votes=backed[note]["dots"], organisations=backed[note]["organisations"],
                note=note, order=rank + 1.0))
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
