"""At the table, the rules alone (no Redis): a hand lowered by the facilitator, who counts
for "everyone is done" and for the head count, where a scribe seats someone without a
phone, and what a preview may do."""

import pytest

from server.domain.access import preview_table, read_auth, staff_capabilities
from server.domain.errors import DomainError
from server.domain.participant import check_scribe_at, placed_at
from server.domain.table_life import Status, everyone_done, lowered, present_at
from server.domain.tables import Table, check_room


def code_of(call) -> str:
    with pytest.raises(DomainError) as caught:
        call()
    return caught.value.code


def test_the_facilitator_only_lowers_a_hand():
    pid, status = lowered(Status(done=True, hand=True), {"participant": "p1", "hand": False})
    assert (pid, status) == ("p1", Status(done=True, hand=False))
    assert code_of(lambda: lowered(Status(), {"participant": "p1", "hand": True})) == "forbidden"
    assert code_of(lambda: lowered(Status(), {"participant": "p1", "done": True})) == "forbidden"
    assert code_of(lambda: lowered(Status(), {"participant": "p1"})) == "forbidden"
    assert code_of(lambda: lowered(Status(), {"hand": False})) == "bad_request"
    assert code_of(lambda: lowered(Status(), [])) == "bad_request"


def test_people_without_a_phone_do_not_hold_everyone_done():
    seated = ["a", "b", "jeanne"]
    done = {"a": Status(done=True), "b": Status(done=True)}
    assert not everyone_done(done, seated)
    assert everyone_done(done, seated, frozenset({"jeanne"}))
    assert not everyone_done({}, ["jeanne"], frozenset({"jeanne"}))  # nobody to say it


def test_someone_without_a_phone_is_at_their_table_as_long_as_they_sit_there():
    seats = {"a": "t1", "b": "t1", "jeanne": "t2", "luc": "t2"}
    assert present_at(seats, {"a"}, frozenset({"jeanne"})) == {"t1": ["a"], "t2": ["jeanne"]}
    assert present_at(seats, set()) == {}


def test_a_scribe_seats_someone_only_where_they_may_write_for_them():
    check_scribe_at("participant", "t1", "t1")
    check_scribe_at("rapporteur", None, "t9")
    assert code_of(lambda: check_scribe_at("participant", "t1", "t2")) == "forbidden"
    assert code_of(lambda: check_scribe_at("participant", None, "t1")) == "forbidden"
    assert placed_at({"name": "Jeanne"}) is None and placed_at({"table": "t1"}) == "t1"
    assert code_of(lambda: placed_at({"table": 3})) == "bad_request"


def test_a_full_table_refuses_before_anything_is_written():
    table = Table(id="t1", number=1, title="Mutualisation", capacity=2)
    check_room(table, 1)
    assert code_of(lambda: check_room(table, 2)) == "table_full"


def test_a_preview_names_its_table_and_may_do_nothing():
    assert read_auth({"code": "ABC234", "role": "preview"})[1] == "preview"
    assert preview_table({"table": "t1"}) == "t1"
    assert code_of(lambda: preview_table({})) == "bad_request"
    may = staff_capabilities("preview")
    assert may["tend"] == [] and may["write_synthesis"] == [] and may["scribe"] == []
    assert may["vote_on"] == [] and may["edit_steps"] == "none" and not may["choose_table"]
