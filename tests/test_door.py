"""The door: a script with the projected code, a public instance's spam, and a real room
behind one venue NAT, on the real Redis."""

import time

import pytest
import requests

from server import create_app
from server.domain.door import LOBBY_MAX

from .conftest import REFERENCE
from .helpers import ServerProcess, SocketClient


@pytest.fixture
def door_app(redis_url):
    """The app with the door's default pace (the other tests lift it)."""
    app = create_app({"TESTING": True, "REDIS_URL": redis_url, "ASYNC_MODE": "threading",
                      "JOIN_RATE": "2/100", "CREATE_LIMIT": 10})
    yield app
    app.extensions["cafe"].close()


def make_workshop(client, address="10.0.0.1") -> dict:
    r = client.post("/api/workshops", json=REFERENCE, environ_base={"REMOTE_ADDR": address})
    assert r.status_code == 201, r.get_json()
    return r.get_json()


def connect(app, auth: dict):
    return app.extensions["cafe"].socketio.test_client(app, auth=auth)


def console_of(app, body) -> SocketClient:
    tc = connect(app, {"code": body["workshop"]["code"], "role": "console",
                       "key": body["console_key"]})
    assert tc.is_connected()
    return SocketClient(tc)


def knock(client, code: str, name: str, address: str = "10.0.0.2"):
    """One join from a fresh browser (no device cookie) at `address`."""
    client.delete_cookie("cafe_device")
    return client.post(f"/api/workshops/{code}/participants", json={"name": name},
                       environ_base={"REMOTE_ADDR": address})


def test_a_script_joining_a_thousand_from_one_address_is_held_at_the_door(door_app, store):
    client = door_app.test_client()
    body = make_workshop(client)
    code = body["workshop"]["code"]
    console = console_of(door_app, body)
    assert console.call("door_set", {"expected": 300})["ok"]  # the room the facilitator expects
    started = time.monotonic()
    answers = [knock(client, code, f"Bot {i}") for i in range(1000)]
    elapsed = time.monotonic() - started
    statuses = [a.status_code for a in answers]
    came_in, held = statuses.count(201), statuses.count(202)
    # 100 at once, then 2 a second: the script gets no further than a room would.
    assert 100 <= came_in <= min(300, 100 + 2 * elapsed + 2)
    assert held == LOBBY_MAX  # held, not refused, up to the lobby's size
    assert statuses.count(503) == 1000 - came_in - held
    refusal = next(a for a in answers if a.status_code == 503).get_json()
    assert refusal["error"]["code"] == "lobby_full"
    waiting = next(a for a in answers if a.status_code == 202).get_json()
    assert waiting["waiting"]["reason"] == "burst" and waiting["token"]
    assert len(store.participants.all(code)) == came_in  # nobody acknowledged and lost
    snapshot = console.call("sync", {})["snapshot"]
    assert snapshot["door"]["waiting"] == LOBBY_MAX and len(snapshot["lobby"]) == LOBBY_MAX
    tags = {w["source"] for w in snapshot["lobby"]}
    assert len(tags) == 1 and "10.0.0.2" not in tags  # one address, never shown as such
    # Another address (the room's) is not slowed by the script's.
    assert knock(client, code, "Claire", address="10.0.0.3").status_code == 201


def test_a_room_of_300_behind_one_nat_joins_at_its_pace(redis_url, store):
    # The default pace scaled ten times (20 a second, 100 at once) against the room's own
    # arrival curve scaled likewise: 300 people scanning the code over 12 s, not 120 s.
    app = create_app({"TESTING": True, "REDIS_URL": redis_url, "ASYNC_MODE": "threading",
                      "JOIN_RATE": "20/100"})
    client = app.test_client()
    code = make_workshop(client)["workshop"]["code"]
    started = time.monotonic()
    statuses = []
    for i in range(300):
        # A quarter in the first seconds (the code goes up), then a steady stream.
        due = started + (i / 75 * 1.5 if i < 75 else 1.5 + (i - 75) / 225 * 10.5)
        time.sleep(max(0.0, due - time.monotonic()))
        statuses.append(knock(client, code, f"Person {i}").status_code)
    assert statuses.count(201) == 300
    app.extensions["cafe"].close()


def test_the_expected_headcount_holds_the_rest_for_approval(door_app, store):
    client = door_app.test_client()
    body = make_workshop(client)
    code = body["workshop"]["code"]
    console = console_of(door_app, body)
    assert console.call("door_set", {"expected": 5})["door"] == {"mode": "open", "expected": 5}
    answers = [knock(client, code, f"P{i}", address=f"10.1.0.{i}") for i in range(8)]
    assert [a.status_code for a in answers] == [201] * 5 + [202] * 3
    held = [a.get_json() for a in answers[5:]]
    assert {h["waiting"]["reason"] for h in held} == {"expected"}
    # A held device is told so when it connects, and asks again.
    phone = connect(door_app, {"code": code, "role": "participant", "token": held[0]["token"]})
    assert not phone.is_connected()
    # Let one in, refuse another.
    let_in = console.call("lobby_admit", {"ids": [held[0]["waiting"]["id"]]})
    assert let_in["ok"] and let_in["participants"][0]["name"] == "P5"
    assert console.call("lobby_refuse", {"ids": [held[1]["waiting"]["id"]]})["refused"] == 1
    phone = connect(door_app, {"code": code, "role": "participant", "token": held[0]["token"]})
    assert phone.is_connected()
    refused = connect(door_app, {"code": code, "role": "participant", "token": held[1]["token"]})
    assert not refused.is_connected()
    assert console.call("sync", {})["snapshot"]["door"]["waiting"] == 1
    again = console.call("lobby_admit", {"ids": [held[1]["waiting"]["id"]]})
    assert again["error"]["code"] == "not_found"  # no longer waits


def test_approval_and_merge_with_someone_already_in(door_app, store):
    client = door_app.test_client()
    body = make_workshop(client)
    code = body["workshop"]["code"]
    console = console_of(door_app, body)
    claire = knock(client, code, "Claire").get_json()["participant"]
    assert console.call("door_set", {"mode": "approval"})["ok"]
    second = knock(client, code, "Claire (new phone)")
    assert second.status_code == 202 and second.get_json()["waiting"]["reason"] == "approval"
    entry = second.get_json()["waiting"]["id"]
    merged = console.call("lobby_admit", {"ids": [entry], "into": claire["id"]})
    assert merged["participants"][0]["id"] == claire["id"]
    phone = SocketClient(connect(door_app, {"code": code, "role": "participant",
                                            "token": second.get_json()["token"]}))
    assert phone.call("sync", {})["me"]["participant"]["id"] == claire["id"]
    assert len(store.participants.all(code)) == 1  # nobody new
    assert console.call("lobby_admit", {"ids": ["a", "b"], "into": claire["id"]})[
        "error"]["code"] == "bad_request"


def test_a_locked_door_lets_only_those_already_in(door_app):
    client = door_app.test_client()
    body = make_workshop(client)
    code = body["workshop"]["code"]
    console = console_of(door_app, body)
    joined = knock(client, code, "Claire").get_json()
    assert console.call("door_set", {"mode": "locked"})["ok"]
    late = knock(client, code, "Paul")
    assert late.status_code == 403 and late.get_json()["error"]["code"] == "locked_out"
    phone = connect(door_app, {"code": code, "role": "participant", "token": joined["token"]})
    assert phone.is_connected()
    assert console.call("door_set", {"mode": "ajar"})["error"]["code"] == "invalid"
    assert console.call("door_set", {"expected": 0})["error"]["field"] == "expected"


def test_one_browser_joins_as_one_person(door_app, store):
    client = door_app.test_client()
    code = make_workshop(client)["workshop"]["code"]
    client.delete_cookie("cafe_device")
    first = client.post(f"/api/workshops/{code}/participants", json={"name": "Claire"})
    assert first.status_code == 201
    cookie = client.get_cookie("cafe_device")
    assert cookie is not None and cookie.http_only and cookie.value not in first.get_data(
        as_text=True)
    again = client.post(f"/api/workshops/{code}/participants", json={"name": "Claire 2"})
    assert again.status_code == 200 and again.get_json()["continued"] is True
    assert again.get_json()["participant"]["id"] == first.get_json()["participant"]["id"]
    assert again.get_json()["token"] != first.get_json()["token"]
    assert len(store.participants.all(code)) == 1


def test_a_public_instance_refuses_workshop_spam(door_app, redis_url):
    client = door_app.test_client()
    statuses = [client.post("/api/workshops", json=REFERENCE,
                            environ_base={"REMOTE_ADDR": "10.9.9.9"}).status_code
                for _ in range(300)]
    assert statuses == [201] * 10 + [429] * 290
    refusal = client.post("/api/workshops", json=REFERENCE,
                          environ_base={"REMOTE_ADDR": "10.9.9.9"}).get_json()["error"]
    assert refusal["code"] == "rate_limited" and "10 ateliers" in refusal["message"]
    assert make_workshop(client, address="10.9.9.10")  # another address still creates
    keyed = create_app({"TESTING": True, "REDIS_URL": redis_url, "ASYNC_MODE": "threading",
                        "CREATE_KEY": "s3cret-key", "MAX_WORKSHOPS": 12})
    other = keyed.test_client()
    refused = other.post("/api/workshops", json=REFERENCE)
    assert refused.status_code == 403
    assert refused.get_json()["error"]["field"] == "create_key"
    made = other.post("/api/workshops", json={**REFERENCE, "create_key": "s3cret-key"})
    assert made.status_code == 201  # the 12th
    full = other.post("/api/workshops", json={**REFERENCE, "create_key": "s3cret-key"})
    assert full.status_code == 503 and full.get_json()["error"]["code"] == "server_full"
    keyed.extensions["cafe"].close()


def test_a_sweep_removes_idle_joiners_of_a_window_only(door_app, store):
    client = door_app.test_client()
    body = make_workshop(client)
    code = body["workshop"]["code"]
    console = console_of(door_app, body)
    early = knock(client, code, "Claire", address="10.2.0.1").get_json()
    time.sleep(0.05)
    start = time.time()
    bots = [knock(client, code, f"Bot {i}").get_json() for i in range(5)]
    writer = bots[0]
    assert console.call("phase_set", {"phase": "forum"})["ok"]
    phone = SocketClient(connect(door_app, {"code": code, "role": "participant",
                                            "token": writer["token"]}))
    assert phone.call("topic_propose", {"title": "Un vrai sujet"})["ok"]
    end = time.time()
    swept = console.call("participants_sweep", {"from": start, "to": end})
    assert sorted(swept["removed"]) == sorted(b["participant"]["id"] for b in bots[1:])
    left = {p.id for p in store.participants.all(code)}
    assert left == {early["participant"]["id"], writer["participant"]["id"]}
    assert console.call("participants_sweep", {"from": end, "to": start})["error"][
        "code"] == "invalid"


def test_the_vote_review_shows_one_address_behind_one_note(door_app):
    client = door_app.test_client()
    body = make_workshop(client)
    code = body["workshop"]["code"]
    console = console_of(door_app, body)
    table = console.call("table_add", {"title": "Coopération"})["table"]["id"]
    for phase in ("forum", "cafe"):
        assert console.call("phase_set", {"phase": phase})["ok"]
    people = []
    for i, address in enumerate(["10.3.0.1", "10.3.0.2", "10.4.0.9", "10.4.0.9", "10.4.0.9"]):
        joined = knock(client, code, f"P{i}", address=address).get_json()
        phone = SocketClient(connect(door_app, {"code": code, "role": "participant",
                                                "token": joined["token"]}))
        assert phone.call("seat_take", {"table": table})["ok"]
        people.append(phone)
    note, other = "note-from-p0", "note-from-p1"
    for phone, id_, text in [(people[0], note, "Une idée"), (people[1], other, "Une autre")]:
        assert phone.call("note_post", {"id": id_, "table": table, "text": text,
                                        "colour": "yellow", "question": None,
                                        "anonymous": False})["ok"]
    assert console.call("voting_open", {"table": None, "budget": 3, "cap": 3})["ok"]
    for phone in people[2:]:
        for _ in range(3):
            assert phone.call("vote", {"table": table, "note": note, "delta": 1})["ok"]
    assert people[0].call("vote", {"table": table, "note": other, "delta": 1})["ok"]
    review = console.call("vote_review", {})["review"]
    assert review["notes"][note] == {"": 9}
    kinds = sorted(f["kind"] for f in review["flags"])
    assert kinds == ["address", "person", "person", "person"]  # p0's one dot is no flag
    address = next(f for f in review["flags"] if f["kind"] == "address")
    assert address["people"] == 3 and address["note"] == note and address["dots"] == 9


@pytest.mark.slow
def test_the_door_holds_across_two_processes(tmp_path, redis_url):
    import socketio

    from server.cli.embedded import free_port

    env = {"CAFE_DATA_DIR": str(tmp_path), "CAFE_REDIS_URL": redis_url}
    a, b = ServerProcess(free_port(), env).start(), ServerProcess(free_port(), env).start()
    try:
        body = requests.post(a.url + "/api/workshops", json=REFERENCE, timeout=5).json()
        code = body["workshop"]["code"]
        console = socketio.Client(reconnection=False)
        console.connect(a.url, auth={"code": code, "role": "console",
                                     "key": body["console_key"]}, transports=["websocket"])
        assert console.call("door_set", {"mode": "locked"}, timeout=5)["ok"]
        late = requests.post(f"{b.url}/api/workshops/{code}/participants",
                             json={"name": "Paul"}, timeout=5)
        assert late.status_code == 403 and late.json()["error"]["code"] == "locked_out"
        assert console.call("door_set", {"mode": "approval"}, timeout=5)["ok"]
        held = requests.post(f"{b.url}/api/workshops/{code}/participants",
                             json={"name": "Paul"}, timeout=5)
        assert held.status_code == 202
        phone = socketio.Client(reconnection=False)
        auth = {"code": code, "role": "participant", "token": held.json()["token"]}
        refusals = []
        phone.on("connect_error", refusals.append)
        with pytest.raises(socketio.exceptions.ConnectionError):
            phone.connect(b.url, auth=auth, transports=["websocket"])
        assert refusals and refusals[0]["message"] == "waiting", refusals
        admitted = console.call("lobby_admit", {"ids": [held.json()["waiting"]["id"]]},
                                timeout=5)
        assert admitted["ok"]
        phone = socketio.Client(reconnection=False)
        phone.connect(b.url, auth=auth, transports=["websocket"])
        me = phone.call("sync", {}, timeout=5)["me"]["participant"]
        assert me["id"] == admitted["participants"][0]["id"]
        phone.disconnect()
        console.disconnect()
    finally:
        a.stop()
        b.stop()
