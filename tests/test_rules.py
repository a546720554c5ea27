"""Rules that held on one path and not on the next, tried as a hostile client would:
over Socket.IO, on a real Redis, with nothing but the protocol."""

import pytest

from server.domain.secrets import new_code

from .conftest import screen_of
from .test_forum_and_board import cafe, forum, note, op, propose  # noqa: F401 - fixtures
from .test_processes import servers  # noqa: F401 - the fixture


@pytest.fixture
def anonymous(cafe):  # noqa: F811
    """Paul's anonymous note at table one, and Claire (the host) who saw its id."""
    posted = cafe["paul_phone"].call("note_post", note(cafe["one"], "Secret", anonymous=True))
    assert posted["ok"]
    seen = cafe["claire_phone"].wait("note_posted")["data"]
    assert seen["author"] is None
    return posted["note"]


def _says_who(reply: dict, cafe: dict) -> bool:  # noqa: F811
    text = repr(reply)
    return cafe["paul"]["id"] in text or "Paul" in text


def test_an_anonymous_notes_id_does_not_buy_its_author(cafe, anonymous):  # noqa: F811
    """Finding 1: posting one's own note under an anonymous note's id gave back the
    first acknowledgement, author and all."""
    claire = cafe["claire_phone"]
    for event, payload in [
        ("note_post", {**note(cafe["one"], "my own idea"), "id": anonymous["id"]}),
        ("note_edit", {"table": cafe["one"]["id"], "id": anonymous["id"], "text": "x",
                       "op": anonymous["id"]}),
        ("topic_support", {"topic": "whatever", "op": anonymous["id"]}),
        ("vote", {"table": cafe["one"]["id"], "note": anonymous["id"], "delta": 1,
                  "op": anonymous["id"]}),
    ]:
        reply = claire.call(event, payload)
        assert reply["ok"] is False, (event, reply)
        assert reply["error"]["code"] == "conflict", (event, reply)
        assert not _says_who(reply, cafe), (event, reply)


def test_nothing_is_acknowledged_that_was_not_written(cafe, anonymous, app, workshop):  # noqa: F811
    """Finding 2: a note whose id collided with another's was acknowledged and stored
    nowhere, even from a table where its author does not sit."""
    store = app.extensions["cafe"].store
    code = workshop["code"]
    for table in (cafe["one"], cafe["two"]):
        reply = cafe["claire_phone"].call(
            "note_post", {**note(table, "lost?"), "id": anonymous["id"]})
        assert reply["ok"] is False
    texts = [n.text for t in (cafe["one"], cafe["two"]) for n in store.board.notes(code, t["id"])]
    assert texts == ["Secret"]
    # The same op sent again by its author is still its first acknowledgement.
    again = cafe["paul_phone"].call("note_post", note(cafe["one"], "Secret", anonymous=True)
                                    | {"id": anonymous["id"]})
    assert again["ok"] and again["duplicate"] is True
    assert again["note"]["author_name"] == "Paul"  # the author sees their own name


def test_a_retried_op_of_another_kind_is_refused(cafe):  # noqa: F811
    """An op id belongs to its author and its kind of write (a note's id is its op)."""
    posted = cafe["claire_phone"].call("note_post", note(cafe["one"]))
    assert posted["ok"]
    reply = cafe["claire_phone"].call("question_add", {"table": cafe["one"]["id"], "text": "Q",
                                                       "op": posted["note"]["id"]})
    assert reply["ok"] is False and reply["error"]["code"] == "conflict"


def test_acknowledgements_of_edits_and_moves_keep_an_anonymous_author_hidden(cafe, anonymous):  # noqa: F811
    """Security finding 4: the host moving or editing an anonymous note got the author in
    the acknowledgement."""
    claire = cafe["claire_phone"]
    ref = {"table": cafe["one"]["id"], "id": anonymous["id"]}
    moved = claire.call("note_move", {**ref, "question": None, "op": op()})
    edited = claire.call("note_edit", {**ref, "colour": "blue", "op": op()})
    for reply in (moved, edited):
        assert reply["ok"], reply
        assert reply["note"]["author"] is None and reply["note"]["author_name"] == ""
        assert not _says_who(reply, cafe)
    mine = cafe["paul_phone"].call("note_edit", {**ref, "text": "Secret, revu", "op": op()})
    assert mine["note"]["author_name"] == "Paul"


def test_one_person_hosts_one_table_whichever_path_they_take(cafe, join):  # noqa: F811
    """Finding 3: host_volunteer let one person host two tables (table_update refused it),
    and the rounds could then not be planned."""
    console = cafe["console"]
    three = console.call("table_add", {"title": "Troisième"})["table"]
    alexia, _, phone = join("Alexia")
    assert phone.call("host_volunteer", {"table": cafe["two"]["id"]})["ok"]
    twice = phone.call("host_volunteer", {"table": three["id"]})
    assert twice["ok"] is False and twice["error"]["code"] == "host_elsewhere"
    taken = phone.call("host_volunteer", {"table": cafe["one"]["id"]})
    assert taken["error"]["code"] in ("host_taken", "host_elsewhere")
    by_console = console.call("table_update", {"table": three["id"], "host": alexia["id"]})
    assert by_console["error"]["code"] == "host_elsewhere"
    assert console.call("rounds_configure", {"count": 2, "minutes": 10})["ok"]
    # The host the console replaces is free to host elsewhere.
    assert console.call("table_update", {"table": cafe["two"]["id"], "host": None})["ok"]
    assert phone.call("host_volunteer", {"table": three["id"]})["ok"]


def test_wrong_codes_from_an_address_never_refuse_valid_credentials(client, workshop, join,
                                                                    connect_as):
    """Finding 5: after 20 unknown codes, one address (a venue's NAT) was refused valid
    codes, valid tokens and the valid console key for a minute."""
    code = workshop["code"]
    _, token, _ = join("Claire")
    for _ in range(40):
        assert client.get("/api/workshops/ZZZZZZ").status_code in (404, 429)
    assert client.get("/api/workshops/ZZZZZZ").status_code == 429
    assert client.get(f"/api/workshops/{code}").status_code == 200
    assert client.get(f"/j/{code}").status_code == 200
    client.delete_cookie("cafe_device")  # Paul's phone, not Claire's
    joined = client.post(f"/api/workshops/{code}/participants", json={"name": "Paul"})
    assert joined.status_code == 201
    assert connect_as({"code": code, "role": "participant", "token": token}).tc.is_connected()
    assert connect_as({"code": code, "role": "console", "key": workshop["key"]}).tc.is_connected()
    assert connect_as({"code": code, "role": "screen",
                       "key": workshop["screen_key"]}).tc.is_connected()
    assert not connect_as({"code": "ZZZZZZ", "role": "screen"}).tc.is_connected()


def test_a_room_behind_one_address_joins_while_someone_hammers_wrong_codes(client, workshop):
    """300 phones behind one NAT join while one of them tries a thousand wrong codes."""
    code = workshop["code"]
    refused = 0
    for i in range(300):
        for _ in range(3):
            refused += client.get(f"/api/workshops/{new_code()}").status_code == 429
        assert client.get(f"/api/workshops/{code}").status_code == 200
        client.delete_cookie("cafe_device")  # each phone is a device of its own
        assert client.post(f"/api/workshops/{code}/participants",
                           json={"name": f"Phone {i}"}).status_code == 201
    assert refused > 800


@pytest.mark.slow
def test_the_console_always_hears_that_its_workshop_was_deleted(servers):  # noqa: F811
    """Finding 4: with 20 phones connected, the deletion cut the console's connection
    before its acknowledgement went out (2 tries in 6). 20 phones, 20 times."""
    import requests
    import socketio

    from .conftest import REFERENCE

    server = servers()
    for attempt in range(20):
        body = requests.post(server.url + "/api/workshops", json=REFERENCE, timeout=5).json()
        code = body["workshop"]["code"]
        phones = []
        for i in range(20):
            token = requests.post(f"{server.url}/api/workshops/{code}/participants",
                                  json={"name": f"P{i}"}, timeout=5).json()["token"]
            phone = socketio.Client(reconnection=False)
            phone.connect(server.url, auth={"code": code, "role": "participant",
                                            "token": token}, transports=["websocket"])
            phones.append(phone)
        console = socketio.Client(reconnection=False)
        console.connect(server.url, auth={"code": code, "role": "console",
                                          "key": body["console_key"]}, transports=["websocket"])
        reply = console.call("workshop_delete", {"confirm": code}, timeout=5)
        assert reply["ok"] and reply["deleted_keys"] > 0, (attempt, reply)
        for client in (*phones, console):
            client.disconnect()


def _resyncs(client) -> int:
    client.pump()
    return sum(1 for packet in client.other if packet["name"] == "resync")


def test_the_page_is_told_what_it_may_do_and_when_that_changes(cafe, join, workshop):  # noqa: F811
    """Capabilities come from the server with sync; when they change (a host, a role, a
    seat, a vote), the server asks for a new sync instead of the page guessing."""
    console = cafe["console"]
    claire = cafe["claire_phone"]
    me = claire.call("sync")["me"]
    assert me["may"]["tend"] == [cafe["one"]["id"]]
    assert me["may"]["write_synthesis"] == [cafe["one"]["id"]]
    assert me["may"]["choose_table"] is False and me["may"]["vote_on"] == []
    alexia, _, phone = join("Alexia")
    mine = phone.call("sync")["me"]
    assert mine["may"]["tend"] == [] and mine["may"]["choose_table"] is True
    before = _resyncs(phone)
    assert console.call("participant_role", {"participant": alexia["id"], "role": "animator"})["ok"]
    phone.settle(0.2)
    assert _resyncs(phone) == before + 1
    assert phone.call("sync")["me"]["may"]["tend"] == "all"
    before = _resyncs(phone)
    assert phone.call("host_volunteer", {"table": cafe["two"]["id"]})["ok"]
    phone.settle(0.2)
    assert _resyncs(phone) > before
    after = phone.call("sync")["me"]
    assert after["seat"] == cafe["two"]["id"] and after["may"]["choose_table"] is False
    # A vote of the whole café: every phone is asked to sync, and then follows both tables.
    before = _resyncs(cafe["paul_phone"])
    assert console.call("voting_open", {"budget": 3})["ok"]
    cafe["paul_phone"].settle(0.2)
    assert _resyncs(cafe["paul_phone"]) == before + 1
    voting = cafe["paul_phone"].call("sync")["me"]
    assert sorted(voting["may"]["vote_on"]) == sorted([cafe["one"]["id"], cafe["two"]["id"]])
    assert sorted(voting["tables"]) == sorted(voting["may"]["vote_on"])


def test_hidden_counts_reach_the_console_alone_until_the_reveal(cafe, connect_as, workshop):  # noqa: F811
    """Security finding 5: the screen (code only) received hidden counts, live and in its
    snapshot, and a rapporteur's idea copied a hidden count to every phone."""
    console = cafe["console"]
    screen = connect_as(screen_of(workshop))
    screen.call("sync")
    posted = cafe["paul_phone"].call("note_post", note(cafe["one"], "Cachée"))["note"]
    assert console.call("voting_open", {"budget": 3, "hidden": True})["ok"]
    for phone in (cafe["paul_phone"], cafe["claire_phone"]):
        phone.call("sync")
        assert phone.call("vote", {"table": cafe["one"]["id"], "note": posted["id"],
                                   "delta": 1, "op": op()})["ok"]
    console.wait("votes_tally", timeout=3)
    screen.settle(0.5)
    assert not [e for e in screen.events if e["type"] in ("votes_tally", "votes_changed")]
    assert screen.call("sync")["snapshot"]["votes"] == {}
    assert console.call("sync")["snapshot"]["votes"] == {posted["id"]: 2}
    idea = cafe["claire_phone"].call("idea_add", {"table": cafe["one"]["id"],
                                                  "note": posted["id"], "op": op()})
    assert idea["ok"] and idea["item"]["votes"] == 0
    assert console.call("voting_reveal", {})["ok"]
    assert screen.wait("votes_revealed")["data"]["counts"] == {posted["id"]: 2}
