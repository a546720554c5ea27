"""At the table: write alone then reveal, moderation that keeps anonymity. Over Socket.IO
on a real Redis, as the phones, the screen and the console would."""

import time

from .conftest import screen_of
from .test_forum_and_board import cafe, forum, note, op, propose  # noqa: F401 - fixtures


def _settled(read, done, seconds: float = 3.0):
    """Read until `done` says the answer is there (or the time is up); return the last."""
    end = time.monotonic() + seconds
    answer = read()
    while not done(answer) and time.monotonic() < end:
        time.sleep(0.05)
        answer = read()
    return answer


def _texts(snapshot) -> list[str]:
    return sorted(n["text"] for n in snapshot["notes"])


def test_notes_written_alone_reach_nobody_but_their_author_until_the_reveal(
        cafe, connect_as, workshop):  # noqa: F811
    console, paul, claire = cafe["console"], cafe["paul_phone"], cafe["claire_phone"]
    screen = connect_as(screen_of(workshop))
    screen.call("sync")
    assert console.call("writing_set", {"private": True})["ok"]
    mine = paul.call("note_post", note(cafe["one"], "Mon idée à moi"))
    assert mine["ok"] and mine["note"]["visibility"] == "private"
    hers = claire.call("note_post", note(cafe["one"], "La sienne", anonymous=True))
    assert hers["note"]["visibility"] == "private"
    # Nothing of the text reaches a table-mate or the screen: live, in a snapshot, in a replay.
    for client in (claire, screen):
        client.settle(0.3)
        texts = [e["data"].get("text") for e in client.events if e["type"] == "note_posted"]
        assert "Mon idée à moi" not in texts
    assert "Mon idée à moi" not in repr(claire.call("sync"))
    assert "Mon idée à moi" not in repr(screen.call("sync", {"since": {"w": 0, "s": 0}}))
    assert _texts(screen.call("sync")["snapshot"]) == []
    # ...only how many were written.
    assert screen.wait("notes_written", where=lambda d: d["count"] == 2)
    assert screen.call("sync")["snapshot"]["written"] == {cafe["one"]["id"]: 2}
    assert _texts(paul.call("sync")["snapshot"]) == ["Mon idée à moi"]
    # The console sees both, in their public form: never an anonymous author.
    seen = console.call("sync")["snapshot"]["notes"]
    assert _texts({"notes": seen}) == ["La sienne", "Mon idée à moi"]
    assert next(n for n in seen if n["text"] == "La sienne")["author"] is None
    # The host reveals the table: both appear at once.
    reply = claire.call("notes_reveal", {"table": cafe["one"]["id"]})
    assert reply == {"ok": True, "revealed": 2}
    shown = screen.wait("note_posted", where=lambda d: d["text"] == "Mon idée à moi")["data"]
    assert shown["visibility"] == "public" and shown["author_name"] == "Paul"
    assert _texts(screen.call("sync")["snapshot"]) == ["La sienne", "Mon idée à moi"]
    anonymous = next(n for n in screen.call("sync")["snapshot"]["notes"]
                     if n["text"] == "La sienne")
    assert anonymous["author"] is None and anonymous["author_name"] == ""
    # After the reveal, new notes at that table are public at once.
    assert paul.call("note_post", note(cafe["one"], "Après"))["note"]["visibility"] == "public"


def test_only_the_host_or_the_console_reveal(cafe):  # noqa: F811
    assert cafe["console"].call("writing_set", {"private": True})["ok"]
    paul = cafe["paul_phone"]
    assert paul.call("notes_reveal", {"table": cafe["one"]["id"]})["error"]["code"] == "forbidden"
    assert cafe["claire_phone"].call("notes_reveal", {"table": None})["error"]["code"] == \
        "forbidden"
    assert cafe["console"].call("notes_reveal", {"table": None})["ok"]


def test_a_hidden_note_leaves_every_screen_and_can_come_back(cafe, connect_as, workshop):  # noqa: F811
    console = cafe["console"]
    screen = connect_as(screen_of(workshop))
    screen.call("sync")
    posted = cafe["paul_phone"].call("note_post", note(cafe["one"], "Déplacé", anonymous=True))
    ref = {"table": cafe["one"]["id"], "id": posted["note"]["id"]}
    hidden = console.call("note_moderate", {**ref, "visibility": "hidden"})
    assert hidden["ok"] and hidden["note"]["author"] is None  # the console never learns who
    assert screen.wait("note_removed", where=lambda d: d["id"] == ref["id"])
    assert _texts(screen.call("sync")["snapshot"]) == []
    assert _texts(cafe["claire_phone"].call("sync")["snapshot"]) == []
    # Still in the record, marked hidden, for the console (and the author).
    kept = [n for n in console.call("sync")["snapshot"]["notes"] if n["id"] == ref["id"]]
    assert kept[0]["visibility"] == "hidden"
    assert cafe["claire_phone"].call("vote", {**{"table": ref["table"], "note": ref["id"]},
                                              "delta": 1})["ok"] is False
    assert console.call("note_moderate", {**ref, "visibility": "public"})["ok"]
    assert screen.wait("note_posted", where=lambda d: d["id"] == ref["id"])


def test_anonymous_notes_and_listed_words_wait_for_review(cafe, connect_as, workshop):  # noqa: F811
    console = cafe["console"]
    assert console.call("settings_update", {"review_anonymous": True,
                                            "review_words": ["idiot"]})["ok"]
    screen = connect_as(screen_of(workshop))
    screen.call("sync")
    waiting = cafe["paul_phone"].call("note_post", note(cafe["one"], "Sans nom", anonymous=True))
    assert waiting["note"]["visibility"] == "pending"
    flagged = cafe["claire_phone"].call("note_post", note(cafe["one"], "Quel IDIOT, franchement"))
    assert flagged["note"]["visibility"] == "pending"
    named = cafe["claire_phone"].call("note_post", note(cafe["one"], "Une idée idiote ?"))
    assert named["note"]["visibility"] == "public"  # a whole word only
    queue = [n for n in console.call("sync")["snapshot"]["notes"] if n["visibility"] == "pending"]
    assert sorted(n["text"] for n in queue) == ["Quel IDIOT, franchement", "Sans nom"]
    assert all(n["author"] is None for n in queue if n["anonymous"])
    assert _texts(screen.call("sync")["snapshot"]) == ["Une idée idiote ?"]
    ref = {"table": cafe["one"]["id"], "id": waiting["note"]["id"]}
    assert console.call("note_moderate", {**ref, "visibility": "public"})["ok"]
    shown = screen.wait("note_posted", where=lambda d: d["id"] == ref["id"])["data"]
    assert shown["author"] is None


def test_reactions_are_one_of_each_per_person_and_come_as_tallies(cafe, connect_as, workshop):  # noqa: F811
    screen = connect_as(screen_of(workshop))
    screen.call("sync")
    posted = cafe["paul_phone"].call("note_post", note(cafe["one"], "Bonne idée"))["note"]
    ref = {"table": cafe["one"]["id"], "note": posted["id"]}
    claire = cafe["claire_phone"]
    assert claire.call("note_react", {**ref, "reaction": "+1", "op": op()})["ok"]
    assert claire.call("note_react", {**ref, "reaction": "heart"})["ok"]
    again = claire.call("note_react", {**ref, "reaction": "+1"})
    assert again["error"]["code"] == "conflict"
    assert cafe["paul_phone"].call("note_react", {**ref, "reaction": "+1"})["ok"]
    assert claire.call("note_react", {**ref, "reaction": "wow"})["error"]["code"] == "invalid"
    tally = screen.wait("reactions_tally", where=lambda d: d.get(posted["id"], {}).get("+1") == 2)
    assert tally["seq"] is None  # coalesced: absolute counts, a few times a second
    snap = claire.call("sync")["snapshot"]
    assert snap["reactions"][posted["id"]] == {"+1": 2, "heart": 1}
    assert sorted(snap["mine"]["reactions"][posted["id"]]) == ["+1", "heart"]
    assert claire.call("note_react", {**ref, "reaction": "heart", "on": False})["ok"]
    assert screen.call("sync")["snapshot"]["reactions"][posted["id"]] == {"+1": 2}


def test_done_and_raised_hands_reach_the_console_and_can_end_a_round(cafe, join):  # noqa: F811
    console = cafe["console"]
    assert console.call("rounds_configure", {"count": 2, "minutes": 10})["ok"]
    assert console.call("seating_show", {})["ok"]
    assert console.call("round_start", {})["ok"]
    for phone in (cafe["claire_phone"], cafe["paul_phone"]):
        phone.call("sync")
    hand = cafe["paul_phone"].call("status_set", {"hand": True})
    assert hand == {"ok": True, "status": {"done": False, "hand": True}}
    event = console.wait("status_changed")["data"]
    assert event == {"participant": cafe["paul"]["id"], "done": False, "hand": True}
    assert console.call("sync")["snapshot"]["statuses"][cafe["paul"]["id"]]["hand"] is True
    assert console.call("settings_update", {"end_when_done": True})["ok"]
    seated = console.call("sync")["snapshot"]["seats"]
    phones = {cafe["claire"]["id"]: cafe["claire_phone"], cafe["paul"]["id"]: cafe["paul_phone"]}
    for pid in seated:
        assert phones[pid].call("status_set", {"done": True})["ok"]
    assert console.call("sync")["snapshot"]["rounds"]["status"] == "between"
    assert console.call("round_start", {})["ok"]
    assert console.call("sync")["snapshot"]["statuses"] == {}  # a new round, a clean slate


def test_a_scribe_writes_votes_and_supports_for_someone_without_a_phone(cafe, app, workshop):  # noqa: F811
    """The 2013 workshop had a rapporteur writing for the table: a host or a rapporteur
    posts, votes and supports for a named participant without a phone, who is credited."""
    console, claire, paul = cafe["console"], cafe["claire_phone"], cafe["paul_phone"]
    refused = paul.call("participant_add", {"name": "Jeanne"})
    assert refused["error"]["code"] == "forbidden"  # Paul hosts nothing and is no rapporteur
    jeanne = claire.call("participant_add", {"name": "Jeanne", "organisation": "Latitude"})
    assert jeanne["ok"] and jeanne["participant"]["phone"] is False
    jeanne = jeanne["participant"]
    assert console.call("seat_set", {"participant": jeanne["id"],
                                     "table": cafe["one"]["id"]})["ok"]
    listed = claire.call("people_without_phone", {})["people"]
    assert [(p["name"], p["seat"]) for p in listed] == [("Jeanne", cafe["one"]["id"])]
    assert claire.call("sync")["me"]["may"]["scribe"] == [cafe["one"]["id"]]
    posted = claire.call("note_post", {**note(cafe["one"], "L'idée de Jeanne"),
                                       "for": jeanne["id"]})
    assert posted["ok"] and posted["note"]["author_name"] == "Jeanne"
    public = paul.wait("note_posted", where=lambda d: d["text"] == "L'idée de Jeanne")["data"]
    assert public["author_name"] == "Jeanne" and "scribe" not in public
    # Not for someone with a phone, nor at a table the scribe does not host.
    assert claire.call("note_post", {**note(cafe["one"], "x"), "for": cafe["paul"]["id"]}
                       )["error"]["code"] == "forbidden"
    assert paul.call("note_post", {**note(cafe["one"], "x"), "for": jeanne["id"]}
                     )["error"]["code"] == "forbidden"
    assert console.call("voting_open", {"budget": 2})["ok"]
    claire.call("sync")
    dot = claire.call("vote", {"table": cafe["one"]["id"], "note": posted["note"]["id"],
                               "delta": 1, "for": jeanne["id"], "op": op()})
    assert dot["ok"]
    store = app.extensions["cafe"].store
    assert store.votes.mine(workshop["code"], jeanne["id"]) == {posted["note"]["id"]: 1}
    assert store.votes.mine(workshop["code"], cafe["claire"]["id"]) == {}
    markdown = console.call("sync")["snapshot"]["notes"]
    assert any(n["author_name"] == "Jeanne" for n in markdown)


def test_who_is_at_the_table_right_now(cafe, join, connect_as, workshop):  # noqa: F811
    """Seated and connected: the console sees who, the screen how many, the host names."""
    console = cafe["console"]
    screen = connect_as(screen_of(workshop))
    table = cafe["one"]["id"]
    # Each process writes who is connected to it every quarter second.
    here = _settled(lambda: console.call("presence", {})["present"],
                    lambda h: len(h.get(table, [])) == 2)
    assert sorted(here[table]) == sorted([cafe["claire"]["id"], cafe["paul"]["id"]])
    assert screen.call("presence", {})["counts"] == {table: 2}
    host = cafe["claire_phone"].call("presence", {})
    assert sorted(p["name"] for p in host["here"]) == ["Claire", "Paul"]
    assert "here" not in cafe["paul_phone"].call("presence", {})
    cafe["paul_phone"].tc.disconnect()
    here = _settled(lambda: console.call("presence", {})["present"],
                    lambda h: len(h.get(table, [])) == 1)
    assert here[table] == [cafe["claire"]["id"]]
    assert screen.call("presence", {})["counts"] == {table: 1}


def test_the_console_lowers_a_raised_hand_and_nothing_else(cafe):  # noqa: F811
    console, paul = cafe["console"], cafe["paul_phone"]
    pid = cafe["paul"]["id"]
    assert paul.call("status_set", {"done": True, "hand": True})["ok"]
    lowered = console.call("status_set", {"participant": pid, "hand": False})
    assert lowered == {"ok": True, "participant": pid, "status": {"done": True, "hand": False}}
    assert paul.wait("status_changed", where=lambda d: d["hand"] is False)["data"]["done"]
    assert console.call("sync")["snapshot"]["statuses"][pid] == {"done": True, "hand": False}
    # Saying someone is done, or raising their hand, is theirs alone.
    for payload in ({"participant": pid, "hand": True}, {"participant": pid, "done": False},
                    {"participant": pid, "hand": False, "done": True}):
        assert console.call("status_set", payload)["error"]["code"] == "forbidden", payload
    assert console.call("status_set", {"hand": False})["error"]["code"] == "bad_request"
    assert console.call("status_set", {"participant": "nobody1234", "hand": False}
                        )["error"]["code"] == "not_found"
    assert cafe["claire_phone"].call("status_set", {"participant": pid, "hand": False}
                                     )["status"]["hand"] is False  # a phone sets its own


def test_a_host_adds_someone_without_a_phone_seated_at_their_table_at_once(cafe):  # noqa: F811
    console, claire = cafe["console"], cafe["claire_phone"]
    one, two = cafe["one"]["id"], cafe["two"]["id"]
    refused = claire.call("participant_add", {"name": "Jeanne", "table": two})
    assert refused["error"]["code"] == "forbidden"  # she hosts table one, not two
    assert console.call("sync")["snapshot"]["participants"][-1]["name"] != "Jeanne"
    added = claire.call("participant_add", {"name": "Jeanne", "table": one})
    assert added["ok"] and added["seat"] == one
    jeanne = added["participant"]["id"]
    assert console.call("sync")["snapshot"]["seats"][jeanne] == one
    # ...and she is there for the head counts: no device will ever say she is.
    here = _settled(lambda: claire.call("presence", {}), lambda h: h["counts"] == {one: 3})
    assert {"id": jeanne, "name": "Jeanne", "phone": False, "done": False,
            "hand": False} in here["here"]
    assert here["counts"] == {one: 3}
    # The console seats people without a phone at any table; a full one refuses at once.
    assert console.call("table_update", {"table": two, "capacity": 1})["ok"]
    assert console.call("participant_add", {"name": "Luc", "table": two})["seat"] == two
    full = console.call("participant_add", {"name": "Marc", "table": two})
    assert full["error"]["code"] == "table_full"
    names = [p["name"] for p in console.call("sync")["snapshot"]["participants"]]
    assert "Marc" not in names  # nobody added by a refused write
    listed = claire.call("people_without_phone", {})["people"]
    assert [(p["name"], p["seat"], p["dots"], p["supports"]) for p in listed] == [
        ("Jeanne", one, {}, []), ("Luc", two, {}, [])]


def test_a_person_added_during_a_round_is_seated_through_the_plan(cafe):  # noqa: F811
    console = cafe["console"]
    one = cafe["one"]["id"]
    assert console.call("rounds_configure", {"count": 2, "minutes": 10})["ok"]
    assert console.call("seating_show", {})["ok"]
    assert console.call("round_start", {})["ok"]
    added = console.call("participant_add", {"name": "Jeanne", "table": one})
    jeanne = added["participant"]["id"]
    snapshot = console.call("sync")["snapshot"]
    assert snapshot["seats"][jeanne] == one and snapshot["plan"]["1"][jeanne] == one
    assert jeanne in snapshot["plan"]["2"]  # planned for the next round like anyone


def test_people_without_a_phone_do_not_hold_a_round_that_ends_when_everyone_is_done(cafe):  # noqa: F811
    console = cafe["console"]
    assert console.call("participant_add", {"name": "Jeanne", "table": cafe["one"]["id"]})["ok"]
    assert console.call("rounds_configure", {"count": 2, "minutes": 10})["ok"]
    assert console.call("seating_show", {})["ok"]
    assert console.call("round_start", {})["ok"]
    assert console.call("settings_update", {"end_when_done": True})["ok"]
    for phone in (cafe["claire_phone"], cafe["paul_phone"]):
        phone.call("sync")
        assert phone.call("status_set", {"done": True})["ok"]
    assert console.call("sync")["snapshot"]["rounds"]["status"] == "between"


def _preview(connect_as, workshop, table):
    return connect_as({"code": workshop["code"], "role": "preview", "key": workshop["key"],
                       "table": table["id"]})


def test_a_preview_sees_a_table_as_a_participant_there_and_writes_nothing(
        cafe, connect_as, workshop):  # noqa: F811
    """The console's "view as a participant at table N": what a phone seated there
    receives (never a note written alone, waiting or hidden, never an author of an
    anonymous note), and every write refused, whatever the event."""
    console, paul, claire = cafe["console"], cafe["paul_phone"], cafe["claire_phone"]
    assert console.call("settings_update", {"review_anonymous": True})["ok"]
    shown = paul.call("note_post", note(cafe["one"], "Au vu de tous"))["note"]
    claire.call("note_post", note(cafe["one"], "Sans nom, en attente", anonymous=True))
    assert console.call("writing_set", {"private": True})["ok"]
    paul.call("note_post", note(cafe["one"], "Écrit seul"))
    preview = _preview(connect_as, workshop, cafe["one"])
    assert preview.tc.is_connected()
    reply = preview.call("sync")
    assert reply["me"]["role"] == "preview" and reply["me"]["tables"] == [cafe["one"]["id"]]
    assert reply["me"]["may"]["tend"] == [] and reply["me"]["may"]["scribe"] == []
    assert sorted(reply["scopes"]) == sorted(["w", f"t:{cafe['one']['id']}"])
    snapshot = reply["snapshot"]
    assert _texts(snapshot) == ["Au vu de tous"] and snapshot["participants"] == []
    assert snapshot["written"] == {cafe["one"]["id"]: 1} and "mine" not in snapshot
    assert "Écrit seul" not in repr(preview.call("sync", {"since": {"w": 0}}))
    # Live, like a table-mate: the count, then the notes once revealed.
    paul.call("note_post", note(cafe["one"], "Encore seul"))
    assert preview.wait("notes_written", where=lambda d: d["count"] == 2)
    assert console.call("notes_reveal", {"table": None})["ok"]
    assert preview.wait("note_posted", where=lambda d: d["text"] == "Écrit seul")
    preview.settle(0.2)
    assert all("Sans nom" not in (e["data"].get("text") or "") for e in preview.events)
    assert _settled(lambda: preview.call("presence", {})["counts"],
                    lambda c: c == {cafe["one"]["id"]: 2}) == {cafe["one"]["id"]: 2}
    # Nothing it sends is written (tests/test_authorization.py tries every event).
    for event in ("note_post", "note_react", "vote", "status_set", "notes_reveal",
                  "note_moderate", "writing_set", "participant_add", "note_edit"):
        answer = preview.call(event, {"table": cafe["one"]["id"], "id": shown["id"],
                                      "note": shown["id"], "text": "x", "reaction": "+1",
                                      "done": True, "visibility": "hidden", "name": "X"})
        assert answer["error"]["code"] == "forbidden", (event, answer)
    assert _texts(console.call("sync")["snapshot"]) == sorted(
        ["Au vu de tous", "Écrit seul", "Encore seul", "Sans nom, en attente"])
    # It needs the console's key and a table of the workshop.
    for auth in ({"key": "x" * 43, "table": cafe["one"]["id"]}, {"key": workshop["key"]},
                 {"key": workshop["key"], "table": "nosuchtable"}):
        refused = connect_as({"code": workshop["code"], "role": "preview", **auth})
        assert not refused.tc.is_connected(), auth
