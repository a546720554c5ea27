"""The rules' needs, without Redis: what each change requires, and the error it gives.

The store turns each need into a guard of its commit script (tests/test_rules.py tries
them over Socket.IO); here each rule says what it needs, pure."""

import pytest

from server.domain import access, forum, notes, tables, voting
from server.domain.errors import DomainError
from server.domain.needs import (
    AtLeast,
    Below,
    HostsNoOtherTable,
    InPhase,
    NoteIsNew,
    PlanNotShown,
    QuestionExists,
    SeatedAt,
    Supports,
    Unlocked,
)
from server.domain.notes import Note
from server.domain.participant import Participant
from server.domain.rounds import Rounds
from server.domain.tables import Table
from server.domain.voting import Voting


def kinds(needs) -> list[str]:
    return [type(n).__name__ for n in needs]


def test_a_note_needs_the_cafe_an_open_board_its_authors_seat_and_a_new_id():
    note = Note(id="n1", table="t1", text="x", author="p1", question="q1")
    needs = notes.posting(note)
    assert kinds(needs) == ["InPhase", "Unlocked", "TableExists", "SeatedAt",
                            "QuestionExists", "NoteIsNew"]
    seated = next(n for n in needs if isinstance(n, SeatedAt))
    assert (seated.participant, seated.table, seated.error.code) == ("p1", "t1", "not_seated")
    assert next(n for n in needs if isinstance(n, InPhase)).phases == ("cafe",)
    assert next(n for n in needs if isinstance(n, Unlocked)).error.code == "locked"
    assert next(n for n in needs if isinstance(n, NoteIsNew)).error.code == "conflict"
    loose = notes.posting(Note(id="n2", table="t1", text="x", author="p1"))
    assert not any(isinstance(n, QuestionExists) for n in loose)


def test_an_anonymous_note_is_whole_to_its_author_alone():
    note = Note(id="n1", table="t1", text="x", author="p1", author_name="Paul", anonymous=True)
    assert note.seen_by("p1")["author_name"] == "Paul"
    for viewer in ("p2", None):
        seen = note.seen_by(viewer)
        assert seen["author"] is None and seen["author_name"] == ""


def test_a_dot_needs_the_budget_and_the_cap_or_a_dot_to_take_back():
    vote = Voting(open=True, budget=5, cap=2)
    give = voting.giving(vote, "p1", "t1", "n1", +1)
    budget, cap = [n for n in give if isinstance(n, Below)]
    assert (budget.counter, budget.key, budget.limit, budget.error.code) == (
        "votes_used", "p1", 5, "budget_exhausted")
    assert (cap.counter, cap.key, cap.limit, cap.error.code) == (
        "dots_on_note", "p1|n1", 2, "cap_reached")
    assert not any(isinstance(n, SeatedAt) for n in give)
    back = voting.giving(vote, "p1", "t1", "n1", -1)
    assert [(n.counter, n.number) for n in back if isinstance(n, AtLeast)] == [
        ("dots_on_note", 1)]
    at_seat = voting.giving(Voting(open=True, at_seat=True), "p1", "t1", "n1", +1)
    assert next(n for n in at_seat if isinstance(n, SeatedAt)).error.code == "wrong_table"


def test_a_support_needs_the_forum_a_topic_not_yet_supported_and_the_budget():
    needs = forum.supporting("p1", "topic", 3)
    assert kinds(needs) == ["InPhase", "TopicExists", "Supports", "Below"]
    supports = next(n for n in needs if isinstance(n, Supports))
    assert supports.yes is False and supports.error.code == "conflict"
    below = next(n for n in needs if isinstance(n, Below))
    assert (below.counter, below.limit, below.error.code) == ("supports_used", 3,
                                                              "budget_exhausted")
    assert next(n for n in forum.withdrawing("p1", "topic") if isinstance(n, Supports)).yes


def test_one_person_hosts_one_table():
    needs = tables.hosting("p1", "t3")
    host = next(n for n in needs if isinstance(n, HostsNoOtherTable))
    assert (host.participant, host.table, host.error.code) == ("p1", "t3", "host_elsewhere")
    assert tables.volunteer(Table(id="t3", number=3, title="x"), "p1").host == "p1"
    assert tables.volunteer(Table(id="t3", number=3, title="x", host="p1"), "p1").host == "p1"
    with pytest.raises(DomainError) as err:
        tables.volunteer(Table(id="t3", number=3, title="x", host="p2"), "p1")
    assert err.value.code == "host_taken"


def test_a_seat_needs_room_and_keeps_hosts_at_their_table():
    table = Table(id="t1", number=1, title="x", capacity=8)
    needs = tables.seating("p1", table)
    stays = next(n for n in needs if isinstance(n, HostsNoOtherTable))
    assert (stays.table, stays.error.code) == ("t1", "host_stays")
    room = next(n for n in needs if isinstance(n, Below))
    assert (room.counter, room.key, room.limit, room.error.code) == ("seated", "t1", 8,
                                                                     "table_full")
    assert any(isinstance(n, PlanNotShown) for n in needs)  # a phone choosing its own table
    assert not any(isinstance(n, PlanNotShown) for n in tables.seating("p1", table,
                                                                      by_console=True))
    standing = tables.seating("p1", None)
    assert next(n for n in standing if isinstance(n, HostsNoOtherTable)).table is None
    assert not any(isinstance(n, Below) for n in standing)
    assert kinds(tables.departure("p1")) == ["ParticipantExists"]  # a host who left too


def test_what_a_participant_may_do_follows_their_role_and_the_table_they_host():
    def viewer(role="participant", hosted=None, seat="t1", plan=None, vote=None):
        return access.Viewer(Participant(id="p1", name="P", role=role), seat, hosted,
                             vote or Voting(), Rounds(), plan or {})

    assert viewer().capabilities() == {"tend": [], "write_synthesis": [], "edit_steps": "own",
                                       "choose_table": True, "scribe": []}
    host = viewer(hosted="t1").capabilities()
    assert host["tend"] == ["t1"] and host["write_synthesis"] == ["t1"]
    assert host["choose_table"] is False
    assert viewer(role="animator").capabilities()["tend"] == "all"
    rapporteur = viewer(role="rapporteur").capabilities()
    assert rapporteur["tend"] == [] and rapporteur["write_synthesis"] == "all"
    assert viewer(plan={"1": "t2"}).capabilities()["choose_table"] is False
    everywhere = viewer(vote=Voting(open=True))
    assert everywhere.followed_tables(lambda: ["t2", "t1"]) == ["t1", "t2"]
    assert viewer(vote=Voting(open=True, at_seat=True)).followed_tables(list) == ["t1"]
    assert viewer().followed_tables(list) == ["t1"]
