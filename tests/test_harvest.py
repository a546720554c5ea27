"""The harvest over Socket.IO on a real Redis: dot voting and the synthesis."""

import threading

import pytest

from server.domain.secrets import new_id

from .conftest import screen_of


@pytest.fixture
def harvest(console, join, connect_as, workshop):
    """Two tables with notes, a host and a rapporteur, and the workshop in the café."""
    tables = [console.call("table_add", {"title": t})["table"] for t in ["Services", "Synergie"]]
    people = {name: join(name, org) for name, org in
              [("Claire", "Latitude"), ("Alexia", "C-L'Org"), ("Paul", "Via Storia"),
               ("Marie", "ATE Conseil")]}
    console.call("table_update", {"table": tables[0]["id"], "host": people["Claire"][0]["id"]})
    console.call("participant_role", {"participant": people["Alexia"][0]["id"],
                                      "role": "rapporteur"})
    for phase in ("forum", "cafe"):
        assert console.call("phase_set", {"phase": phase})["ok"]
    for name, table in [("Paul", tables[0]), ("Marie", tables[1]), ("Alexia", tables[1])]:
        assert people[name][2].call("seat_take", {"table": table["id"]})["ok"]
    notes = {}
    for name, table, text in [("Paul", tables[0], "Un leader efficace"),
                              ("Claire", tables[0], "Des participants divers"),
                              ("Paul", tables[0], "Un axe thématique"),
                              ("Marie", tables[1], "Recouvrement des métiers")]:
        reply = people[name][2].call("note_post", {"id": new_id(16), "table": table["id"],
                                                   "text": text})
        assert reply["ok"], reply
        notes[text] = reply["note"]
    screen = connect_as(screen_of(workshop))
    screen.call("sync")
    console.call("sync")
    return {"console": console, "tables": tables, "people": people, "notes": notes,
            "screen": screen}


def dot(phone, note, delta=1):
    return phone.call("vote", {"table": note["table"], "note": note["id"], "delta": delta,
                               "op": new_id(16)})


def test_dots_within_a_budget_and_a_cap(harvest):
    console, people, notes = harvest["console"], harvest["people"], harvest["notes"]
    marie = people["Marie"][2]
    leader = notes["Un leader efficace"]
    assert dot(marie, leader)["error"]["code"] == "wrong_phase"  # voting not open yet
    opened = console.call("voting_open", {"budget": 3, "cap": 2})
    assert opened["ok"] and opened["voting"]["open"] is True
    scopes = marie.call("sync")["scopes"]
    assert {f"t:{t['id']}" for t in harvest["tables"]} <= set(scopes)  # sees every table
    assert dot(marie, leader)["ok"] and dot(marie, leader)["ok"]
    assert dot(marie, leader)["error"]["code"] == "cap_reached"
    mine = marie.wait("vote_mine", where=lambda d: d["mine"] == 2)
    assert mine["data"]["used"] == 2
    assert dot(marie, notes["Recouvrement des métiers"])["ok"]
    assert dot(marie, notes["Un axe thématique"])["error"]["code"] == "budget_exhausted"
    assert dot(marie, leader, -1)["ok"]
    assert dot(marie, notes["Un axe thématique"])["ok"]
    assert dot(marie, notes["Des participants divers"], -1)["error"]["code"] == "conflict"
    # Counts reach the table's room as a tally, a few times a second, not once per dot.
    counts = harvest["screen"].wait("votes_tally", where=lambda d: d.get(leader["id"]) == 1)
    assert counts["scope"] == f"t:{leader['table']}" and counts["seq"] is None
    assert console.call("sync")["snapshot"]["votes"] == {
        leader["id"]: 1, notes["Recouvrement des métiers"]["id"]: 1,
        notes["Un axe thématique"]["id"]: 1}
    for bad in [{"table": leader["table"], "note": "nope", "delta": 1},
                {"table": leader["table"], "note": leader["id"], "delta": 2},
                {"table": leader["table"], "note": leader["id"], "delta": True},
                {"note": leader["id"]}]:
        assert marie.call("vote", bad)["ok"] is False
    assert console.call("vote", {"table": leader["table"], "note": leader["id"]})["error"][
        "code"] == "forbidden"


def test_the_budget_holds_against_two_phones_of_one_person_at_once(harvest, connect_as,
                                                                   workshop, app):
    console, notes = harvest["console"], list(harvest["notes"].values())
    console.call("voting_open", {"budget": 5, "cap": 5})
    _, token, first = harvest["people"]["Paul"]
    second = connect_as({"code": workshop["code"], "role": "participant", "token": token})
    results = []
    lock = threading.Lock()

    def hammer(phone):
        for i in range(12):
            reply = dot(phone, notes[i % len(notes)])
            with lock:
                results.append(reply)

    threads = [threading.Thread(target=hammer, args=(p,)) for p in (first, second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sum(1 for r in results if r["ok"]) == 5
    assert {r["error"]["code"] for r in results if not r["ok"]} == {"budget_exhausted"}
    store = app.extensions["cafe"].store
    pid = harvest["people"]["Paul"][0]["id"]
    assert sum(store.votes.mine(workshop["code"], pid).values()) == 5
    assert sum(store.votes.counts(workshop["code"]).values()) == 5


def test_a_hidden_vote_shows_only_ones_own_dots_until_the_reveal(harvest):
    console, people, notes = harvest["console"], harvest["people"], harvest["notes"]
    console.call("voting_open", {"budget": 5, "hidden": True})
    paul, marie = people["Paul"][2], people["Marie"][2]
    marie.call("sync")
    leader = notes["Un leader efficace"]
    assert dot(paul, leader)["ok"]
    assert harvest["screen"].wait("dots_cast")["data"]["total"] == 1
    marie.settle(0.3)
    assert not [e for e in marie.events if e["type"] == "votes_changed"]
    assert marie.call("sync")["snapshot"]["votes"] == {}
    assert paul.call("sync")["snapshot"]["mine"]["votes"] == {leader["id"]: 1}
    assert console.call("sync")["snapshot"]["votes"] == {leader["id"]: 1}
    revealed = console.call("voting_reveal")
    assert revealed["ok"] and revealed["voting"]["revealed"] is True
    assert marie.wait("votes_revealed")["data"]["counts"] == {leader["id"]: 1}
    assert console.call("voting_reveal")["error"]["code"] == "wrong_state"


def test_a_locked_board_takes_no_note_and_no_dot(harvest):
    console, people, notes = harvest["console"], harvest["people"], harvest["notes"]
    console.call("voting_open", {"budget": 5})
    assert console.call("board_lock", {"locked": True})["workshop"]["locked"] is True
    paul = people["Paul"][2]
    assert dot(paul, notes["Un leader efficace"])["error"]["code"] == "locked"
    refused = paul.call("note_post", {"id": new_id(16), "table": harvest["tables"][0]["id"],
                                      "text": "Trop tard"})
    assert refused["error"]["code"] == "locked"
    assert console.call("board_lock", {"locked": False})["ok"]
    assert dot(paul, notes["Un leader efficace"])["ok"]


def test_the_synthesis_is_built_from_the_votes_and_edited_live(harvest):
    console, people, notes, tables = (harvest["console"], harvest["people"], harvest["notes"],
                                      harvest["tables"])
    console.call("voting_open", {"budget": 5})
    for name, text in [("Paul", "Un leader efficace"), ("Marie", "Un leader efficace"),
                       ("Marie", "Des participants divers")]:
        assert dot(people[name][2], notes[text])["ok"]
    console.call("voting_close")
    claire, alexia, paul = people["Claire"][2], people["Alexia"][2], people["Paul"][2]
    # The host fills the topic's retained ideas with its most voted notes.
    filled = claire.call("ideas_fill", {"table": tables[0]["id"], "top": 5})
    assert filled == {"ok": True, "added": 2}
    assert claire.call("ideas_fill", {"table": tables[0]["id"]})["added"] == 0
    items = console.call("sync")["snapshot"]["synthesis"]
    assert [(i["text"], i["votes"]) for i in items] == [
        ("Un leader efficace", 2), ("Des participants divers", 1)]
    screen = harvest["screen"]
    first = items[0]
    edited = alexia.call("idea_edit", {"key": first["key"], "text": "Il y a un leader efficace",
                                       "version": first["version"]})
    assert edited["ok"] and edited["item"]["version"] == 2
    assert screen.wait("synthesis_saved", where=lambda d: d["version"] == 2)["data"]["text"] == (
        "Il y a un leader efficace")
    stale = claire.call("idea_edit", {"key": first["key"], "text": "Autre", "version": 1})
    assert stale["error"]["code"] == "conflict"
    assert stale["error"]["current"]["text"] == "Il y a un leader efficace"
    assert paul.call("idea_edit", {"key": first["key"], "text": "Non"})["error"][
        "code"] == "forbidden"
    added = claire.call("idea_add", {"table": tables[0]["id"], "text": "Un axe thématique",
                                     "op": new_id(16)})
    merged = claire.call("ideas_merge", {"into": first["key"], "from": [added["item"]["key"]],
                                         "text": "Un leader et un axe thématique"})
    assert merged["ok"] and merged["item"]["votes"] == 2
    parked = claire.call("idea_add", {"table": tables[0]["id"], "section": "undeveloped",
                                      "note": notes["Un axe thématique"]["id"], "op": new_id(16)})
    assert parked["item"]["section"] == "undeveloped"
    summary = alexia.call("passage_save", {"table": tables[0]["id"], "question": None,
                                           "text": "Pour résumer, la coopération peut se faire"
                                                   " si :\n1. Il y a un leader efficace"})
    assert summary["ok"] and summary["item"]["version"] == 1
    question = claire.call("question_add", {"table": tables[0]["id"],
                                            "text": "Comment se fait cette coopération ?"})
    answer = alexia.call("passage_save", {"table": tables[0]["id"],
                                          "question": question["question"]["id"],
                                          "text": "Par le partage des bonnes pratiques."})
    assert answer["item"]["kind"] == "answer"
    for bad in [{"table": tables[0]["id"], "question": "nope", "text": "x"},
                {"table": tables[0]["id"], "question": None, "text": "x" * 5001},
                {"table": "nope", "question": None, "text": "x"}]:
        assert alexia.call("passage_save", bad)["ok"] is False
    assert paul.call("passage_save", {"table": tables[0]["id"], "question": None,
                                      "text": "Moi aussi"})["error"]["code"] == "forbidden"


def test_next_steps_are_proposed_by_anyone_and_kept_by_the_facilitator(harvest):
    console, people = harvest["console"], harvest["people"]
    paul = people["Paul"][2]
    step = paul.call("step_propose", {"text": "Préparer une charte commune",
                                      "owner": "Claire", "due": "2013-05-01", "op": new_id(16)})
    assert step["ok"] and step["item"]["status"] == "proposed"
    key = step["item"]["key"]
    assert paul.call("step_decide", {"key": key, "status": "kept"})["error"]["code"] == "forbidden"
    kept = console.call("step_decide", {"key": key, "status": "kept"})
    assert kept["item"]["status"] == "kept"
    assert paul.call("step_edit", {"key": key, "owner": "Alexia", "version": 2})["ok"]
    assert people["Marie"][2].call("step_edit", {"key": key, "text": "Non"})["error"][
        "code"] == "forbidden"
    for bad in [{"text": ""}, {"text": "x", "due": "demain"}, {"text": "x" * 301}]:
        assert paul.call("step_propose", bad)["ok"] is False
    assert console.call("step_remove", {"key": key})["ok"]


def test_once_closed_only_the_facilitator_changes_the_synthesis(harvest):
    console, people, tables = harvest["console"], harvest["people"], harvest["tables"]
    claire, paul = people["Claire"][2], people["Paul"][2]  # the first table's host; anyone
    step = paul.call("step_propose", {"text": "Une charte", "op": new_id(16)})["item"]
    for phase in ("harvest", "closed"):
        assert console.call("phase_set", {"phase": phase})["ok"]
    summary = {"table": tables[0]["id"], "question": None, "text": "Pour résumer"}
    for phone, event, data in [(paul, "step_propose", {"text": "Trop tard", "op": new_id(16)}),
                               (paul, "step_edit", {"key": step["key"], "text": "Autre"}),
                               (paul, "step_remove", {"key": step["key"]}),
                               (claire, "passage_save", summary),
                               (claire, "idea_add", {"table": tables[0]["id"], "text": "Tard"})]:
        reply = phone.call(event, data)
        assert reply["error"]["code"] == "closed", (event, reply)
    assert console.call("passage_save", summary)["ok"]
    assert console.call("step_edit", {"key": step["key"], "text": "Une charte commune"})["ok"]
    texts = [i["text"] for i in console.call("sync")["snapshot"]["synthesis"]]
    assert sorted(texts) == ["Pour résumer", "Une charte commune"]


def test_each_table_votes_on_its_own_notes(harvest):
    """The big café's vote: everyone picks among their own table's notes, and follows only it."""
    console, people, notes = harvest["console"], harvest["people"], harvest["notes"]
    both = {"at_seat": True, "table": harvest["tables"][0]["id"]}
    assert console.call("voting_open", both)["error"]["code"] == "invalid"
    assert console.call("voting_open", {"at_seat": True, "budget": 3})["ok"]
    marie = people["Marie"][2]  # sits at the second table
    assert dot(marie, notes["Recouvrement des métiers"])["ok"]
    assert dot(marie, notes["Un leader efficace"])["error"]["code"] == "wrong_table"
    reply = marie.call("sync")
    assert reply["scopes"] == ["w", f"p:{people['Marie'][0]['id']}",
                               f"t:{harvest['tables'][1]['id']}"]
    assert {n["table"] for n in reply["snapshot"]["notes"]} == {harvest["tables"][1]["id"]}
    assert people["Paul"][2].call("seat_take", {"table": harvest["tables"][1]["id"]})["ok"]
    assert dot(people["Paul"][2], notes["Un leader efficace"])["error"]["code"] == "wrong_table"
