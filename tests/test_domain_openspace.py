"""The forum ouvert's rules, pure: the grid, sessions and their clashes, the law of two
feet's counts, reports, and the workshop's format."""

import pytest

from server.domain.errors import DomainError
from server.domain.openspace import layout as grid
from server.domain.openspace import presence, reports
from server.domain.openspace.sessions import Session, clashes, clean_session, merged
from server.domain.workshop import check_phase_move, clean_details, moving, phases_of


def test_the_format_is_chosen_at_creation_and_never_changed():
    details = clean_details({"theme": "T", "date": "2026-12-01", "format": "forum-ouvert"})
    assert details["format"] == "forum-ouvert"
    with pytest.raises(DomainError) as err:
        clean_details({"theme": "T", "date": "2026-12-01", "format": "barcamp"})
    assert err.value.field == "format"
    with pytest.raises(DomainError):
        clean_details({"format": "hybrid"}, partial=True)


def test_a_world_cafe_goes_from_setup_straight_to_the_cafe():
    assert phases_of("world-cafe") == ("setup", "cafe", "harvest", "closed")
    assert check_phase_move("setup", "cafe", "world-cafe") == "cafe"
    with pytest.raises(DomainError):
        check_phase_move("setup", "forum", "world-cafe")
    with pytest.raises(DomainError):  # the hybrid is as before
        check_phase_move("setup", "cafe", "hybrid")
    assert len(moving("forum", "cafe", "forum-ouvert")) == 2


def test_the_grid_holds_spaces_and_slots_and_keeps_those_in_use():
    layout = grid.add_space(grid.Layout(), "a", grid.clean_space({"name": "Rhône",
                                                                 "capacity": 30}))
    layout = grid.add_slot(layout, "m1", grid.clean_slot({"label": "Matin", "start": "10:00",
                                                          "end": "11:15"}))
    layout = grid.add_space(layout, "a", {"name": "Salle Rhône", "capacity": 25})
    assert [s.name for s in layout.spaces] == ["Salle Rhône"]
    assert grid.Layout.from_dict(layout.to_dict()) == layout
    with pytest.raises(DomainError):
        grid.clean_slot({"label": "x", "start": "11:00", "end": "10:00"})
    with pytest.raises(DomainError):
        grid.clean_slot({"label": "x", "start": "25:00"})
    with pytest.raises(DomainError) as err:
        grid.remove_cell_part(layout, space="a", used={"a"})
    assert err.value.code == "conflict"
    assert grid.remove_cell_part(layout, slot="m1", used=set()).slots == []


def _session(sid, slot, title, conveners=("p1",)):
    return Session(id=sid, title=title, space=f"s-{sid}", slot=slot,
                   conveners=list(conveners), convener_names=[c.upper() for c in conveners])


def test_clashes_name_a_convener_booked_twice_and_similar_titles_in_one_slot():
    sessions = [_session("a", "m1", "Créer une charte commune", ["p1"]),
                _session("b", "m1", "Une charte commune à créer", ["p2"]),
                _session("c", "m1", "Le vélo au travail", ["p1"]),
                _session("d", "m2", "Créer une charte commune", ["p1"])]
    found = clashes(sessions)
    assert {"kind": "convener", "slot": "m1", "participant": "p1",
            "sessions": ["a", "c"]} in found
    assert {"kind": "similar", "slot": "m1", "sessions": ["a", "b"]} in found
    assert not [c for c in found if c["slot"] == "m2"]


def test_a_merged_session_keeps_both_conveners_once():
    target = merged(_session("a", "m1", "x", ["p1"]), _session("b", "m1", "y", ["p2", "p1"]))
    assert target.conveners == ["p2", "p1"] and target.id == "b"
    assert clean_session({"title": "  Vélo  ", "description": None}) == {
        "title": "Vélo", "description": ""}


def test_bumblebees_are_counted_per_slot():
    sessions = {s.id: s for s in [_session("a", "m1", "x"), _session("b", "m1", "y"),
                                  _session("c", "m2", "z")]}
    visits = [("ann", "a"), ("ann", "b"), ("bob", "a"), ("bob", "c"), ("cy", "b")]
    assert presence.bumblebees(visits, sessions) == {"m1": 1}
    assert presence.visitors(visits) == {"a": 2, "b": 2, "c": 1}


def test_the_door_code_finds_the_session_of_the_slot_under_way():
    layout = grid.add_slot(grid.add_space(grid.Layout(), "r", {"name": "R", "capacity": 5}),
                           "m1", {"label": "M", "start": "", "end": ""})
    cells = {"r|m1": "sess"}
    assert presence.chosen_session({"space": "r"}, layout, cells, "m1") == "sess"
    assert presence.chosen_session({"session": None}, layout, cells, None) is None
    with pytest.raises(DomainError):
        presence.chosen_session({"space": "r"}, layout, cells, None)
    with pytest.raises(DomainError):
        presence.chosen_session({"space": "r"}, layout, {}, "m1")


def test_a_report_needs_something_and_checks_its_next_steps():
    fields = reports.clean_report({"key_points": "un, deux", "next_steps": [
        {"what": "Écrire la charte", "owner": "Claire"}]})
    assert fields["key_points"] == ["un", "deux"]
    assert fields["next_steps"] == [{"what": "Écrire la charte", "owner": "Claire"}]
    with pytest.raises(DomainError) as err:
        reports.clean_report({})
    assert err.value.code == "empty"
    with pytest.raises(DomainError):
        reports.clean_report({"next_steps": [{"owner": "x"}]})
    session = _session("a", "m1", "x", ["p1"])
    assert len(reports.writing(session, "p1")) == 3  # a convener needs no check-in
    assert len(reports.writing(session, "p9")) == 4
    steps = reports.cross_steps([session], {"a": reports.Report("a", next_steps=[
        {"what": "w", "owner": "o"}])})
    assert steps == [{"what": "w", "owner": "o", "session": "a", "title": "x"}]
