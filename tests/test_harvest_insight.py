"""Cross-pollination and the harvest, over Socket.IO on a real Redis: ideas that travel,
who met whom, what the organisations agree on, notes that say the same thing."""

import pytest

from .test_forum_and_board import forum, note, op, propose  # noqa: F401 - fixtures


@pytest.fixture
def rounds(forum, join):  # noqa: F811
    """Two tables, two rounds planned and shown, four people of three organisations."""
    for title in ["Mutualisation", "Synergie"]:
        propose(forum, title)
    kept = forum.call("topics_keep", {"topics": [t["id"] for t in
                                                 forum.call("sync")["snapshot"]["topics"]]})
    one, two = kept["tables"]
    people = {name: join(name, org) for name, org in
              [("Claire", "Latitude"), ("Paul", "Via Storia"), ("Alexia", "C-L'Org"),
               ("Léa", "Latitude")]}
    forum.call("table_update", {"table": one["id"], "host": people["Claire"][0]["id"]})
    forum.call("table_update", {"table": two["id"], "host": people["Alexia"][0]["id"]})
    assert forum.call("phase_set", {"phase": "cafe"})["ok"]
    assert forum.call("rounds_configure", {"count": 2, "minutes": 10})["ok"]
    assert forum.call("seating_show", {})["ok"]
    assert forum.call("round_start", {})["ok"]
    for _, _, phone in people.values():
        phone.call("sync")
    return {"console": forum, "tables": (one, two), "people": people}


def _phone(rounds, name):
    return rounds["people"][name][2]


def _seat(phone) -> str:
    return phone.call("sync")["me"]["seat"]


def test_a_traveller_carries_a_note_to_the_next_table(rounds):
    console = rounds["console"]
    paul = _phone(rounds, "Paul")
    first = _seat(paul)
    posted = paul.call("note_post", {**note({"id": first}, "Partager les clients"),
                                     "anonymous": False})["note"]
    early = paul.call("note_carry", {"table": first, "note": posted["id"]})
    assert early["error"]["code"] == "wrong_state"  # between two rounds only
    assert console.call("round_end", {})["ok"]
    plan = paul.call("sync")["me"]["plan"]
    assert plan["1"] == first and plan["2"] != first  # travellers move
    carried = paul.call("note_carry", {"table": first, "note": posted["id"], "op": op()})
    assert carried["ok"], carried
    copy = carried["note"]
    assert copy["table"] == plan["2"] and copy["author_name"] == "Paul"
    assert copy["carried"]["from_note"] == posted["id"] and copy["carried"]["by_name"] == "Paul"
    twice = paul.call("note_carry", {"table": first, "note": posted["id"]})
    assert twice["error"]["code"] == "conflict"
    # Both tables keep their history; the new host sees what arrived in the brief.
    brief = console.call("table_brief", {"table": plan["2"]})
    assert [n["text"] for n in brief["arrived"]] == ["Partager les clients"]
    assert any(n["id"] == posted["id"] for n in
               console.call("sync")["snapshot"]["notes"] if n["table"] == first)


def test_an_anonymous_carried_note_does_not_name_its_carrier(rounds):
    """The carrier of an anonymous note is often its author: the copy names neither."""
    console, lea = rounds["console"], _phone(rounds, "Léa")
    table = _seat(lea)
    secret = lea.call("note_post", note({"id": table}, "Sans nom", anonymous=True))["note"]
    assert console.call("round_end", {})["ok"]
    copy = lea.call("note_carry", {"table": table, "note": secret["id"]})["note"]
    assert copy["carried"]["by"] is None and copy["carried"]["by_name"] == ""
    assert copy["author"] is None and copy["author_name"] == ""


def test_who_met_whom_and_how_the_organisations_mixed(rounds):
    console = rounds["console"]
    assert console.call("round_end", {})["ok"]
    assert console.call("round_start", {})["ok"]
    met = _phone(rounds, "Paul").call("meetings", {})["met"]
    assert met["people"] >= 2 and 1 <= met["organisations"] <= 2
    mixed = console.call("mixing", {})["mixing"]
    assert 0 < mixed["met_share"] <= 1
    assert set(mixed["organisations"]) == {"Latitude", "Via Storia", "C-L'Org"}
    assert all(a < b for a, b, _ in mixed["pairs"])


def test_what_the_organisations_agree_on(rounds):
    console, paul = rounds["console"], _phone(rounds, "Paul")
    table = _seat(paul)
    idea = paul.call("note_post", note({"id": table}, "Une charte commune"))["note"]
    assert console.call("voting_open", {"budget": 3, "cap": 3})["ok"]
    for name in ("Claire", "Paul", "Alexia", "Léa"):
        phone = _phone(rounds, name)
        phone.call("sync")
        assert phone.call("vote", {"table": table, "note": idea["id"], "delta": 1})["ok"]
    backed = console.call("backing", {})["backing"][idea["id"]]
    assert backed == {"dots": 4, "organisations": 3, "flag": "agreed"}
    assert console.call("settings_update", {"rank_ideas_by": "organisations"})["ok"]
    assert console.call("ideas_fill", {"table": table, "top": 3})["added"] == 1
    item = next(i for i in console.call("sync")["snapshot"]["synthesis"] if i["note"] == idea["id"])
    assert item["votes"] == 4 and item["organisations"] == 3
    # The synthesis shows each idea's flag, from the dots of the notes it was drawn from.
    ideas = console.call("backing", {})["ideas"]
    assert ideas[item["key"]] == {"dots": 4, "organisations": 3, "flag": "agreed"}


def test_near_identical_notes_are_suggested_then_accepted_or_split(rounds):
    console = rounds["console"]
    one, two = (t["id"] for t in rounds["tables"])
    claire, alexia = _phone(rounds, "Claire"), _phone(rounds, "Alexia")
    a = claire.call("note_post", note({"id": one}, "Créer une charte commune"))["note"]
    b = alexia.call("note_post", note({"id": two}, "Une charte commune à créer !"))["note"]
    claire.call("note_post", note({"id": one}, "Il faut un leader"))
    found = console.call("similar_notes", {})["groups"]
    assert [sorted(g["note"] for g in group) for group in found] == [sorted([a["id"], b["id"]])]
    assert {g["colour"] for g in found[0]} == {"yellow"} and found[0][0]["text"]
    assert _phone(rounds, "Paul").call("similar_notes", {})["error"]["code"] == "forbidden"
    accepted = console.call("idea_add", {"table": one, "notes": found[0], "op": op()})
    assert accepted["ok"] and sorted(accepted["item"]["group"]) == sorted([a["id"], b["id"]])
    split = console.call("idea_split", {"key": accepted["item"]["key"]})
    assert sorted(i["table"] for i in split["items"]) == sorted([one, two])
    keys = {i["key"] for i in console.call("sync")["snapshot"]["synthesis"]}
    assert accepted["item"]["key"] not in keys


def test_a_carried_copy_is_not_suggested_as_similar_to_its_original(rounds):
    """The copy says the same as its original by design: merging them means nothing."""
    console, paul = rounds["console"], _phone(rounds, "Paul")
    table = _seat(paul)
    posted = paul.call("note_post", note({"id": table}, "Partager les clients"))["note"]
    assert console.call("round_end", {})["ok"]
    assert paul.call("note_carry", {"table": table, "note": posted["id"]})["ok"]
    found = console.call("similar_notes", {})["groups"]
    assert found == []
