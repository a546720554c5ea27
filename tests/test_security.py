"""What one request, one phone or one projected code could read or poison: each finding
of the red-team pass, tried as a hostile client (docs/reliability.md, "Threat model")."""

import json

import pytest
import requests

from server.domain.errors import DomainError
from server.domain.secrets import check_id, new_code
from server.realtime.wire import MALFORMED, WireJson

from .conftest import REFERENCE, screen_of
from .test_processes import servers  # noqa: F401 - the fixture


def test_the_join_code_alone_opens_no_screen(workshop, connect_as, console):
    """Finding 6: the code on the wall opened a screen that read the whole roster, every
    seat and the plan. The screen has its own link; the console can renew it, which cuts
    the screens opened with the old one."""
    code = workshop["code"]
    for auth in [{"code": code, "role": "screen"},
                 {"code": code, "role": "screen", "key": workshop["console_key"]},
                 {"code": code, "role": "screen", "key": "\ud800" * 43}]:
        assert not connect_as(auth).tc.is_connected(), auth
    screen = connect_as(screen_of(workshop))
    assert screen.tc.is_connected()
    renewed = console.call("screen_key_renew")
    assert renewed["ok"] and renewed["key"] != workshop["screen_key"]
    deadline = 50
    while screen.tc.is_connected() and deadline:
        screen.settle(0.05)
        deadline -= 1
    assert not screen.tc.is_connected()
    assert not connect_as(screen_of(workshop)).tc.is_connected()
    assert connect_as({"code": code, "role": "screen", "key": renewed["key"]}).tc.is_connected()


@pytest.mark.parametrize("route", ["/w/{code}/qr.svg", "/screen/{code}", "/j/{code}",
                                   "/console/{code}", "/api/workshops/{code}/export/md",
                                   "/api/workshops/{code}"])
def test_every_code_lookup_counts_against_the_guessing_limit(client, workshop, route):
    """Finding 7: pages, the QR code and the export answered unknown codes without limit,
    300 in 0.7 s: every route that looks a code up counts the wrong ones."""
    statuses = [client.get(route.format(code=new_code())).status_code for _ in range(25)]
    assert statuses.count(429) >= 5 and set(statuses) <= {404, 401, 429}, statuses
    assert client.get(route.format(code=workshop["code"])).status_code in (200, 401)


def test_names_the_server_does_not_answer_to_are_refused(client, workshop, app):
    """Finding 10, DNS rebinding: a page on rebind.example resolving to this server sent
    its own name as Host and Origin, and was taken for the server's own page."""
    rebound = client.get("/", headers={"Host": "rebind.example:5301"})
    assert rebound.status_code == 400
    assert "rebind.example" in rebound.get_data(as_text=True)
    api = client.get(f"/api/workshops/{workshop['code']}",
                     headers={"Host": "rebind.example:5301"})
    assert api.status_code == 400 and api.get_json()["error"]["code"] == "unknown_host"
    handshake = "/socket.io/?EIO=4&transport=polling"
    refused = client.get(handshake, headers={"Host": "rebind.example:5301",
                                             "Origin": "http://rebind.example:5301"})
    assert refused.status_code >= 400
    assert client.get("/", headers={"Host": "127.0.0.1:5000"}).status_code == 200
    assert client.get("/", headers={"Host": "[::1]:5000"}).status_code == 200
    # An https:// origin is not the page's own on plain http.
    crossed = client.get(handshake, headers={"Origin": "https://localhost"})
    assert crossed.status_code >= 400
    assert client.get(handshake, headers={"Origin": "http://localhost"}).status_code == 200
    qr = client.get(f"/w/{workshop['code']}/qr.svg")
    assert qr.headers["Cache-Control"].startswith("private")


def test_a_public_url_names_the_host_it_answers_to(redis_url):
    from server import create_app

    app = create_app({"TESTING": True, "REDIS_URL": redis_url, "ASYNC_MODE": "threading",
                      "PUBLIC_URL": "https://cafe.example.org"})
    try:
        client = app.test_client()
        assert client.get("/", headers={"Host": "cafe.example.org"}).status_code == 200
        assert client.get("/", headers={"Host": "other.example.org"}).status_code == 400
    finally:
        app.extensions["cafe"].close()


def test_malformed_secrets_and_ids_are_refused_not_crashed_on(workshop, connect_as, client):
    """Finding 12: a lone surrogate as token or key raised an unhandled error (the client
    hung); an id with a trailing newline was taken."""
    code = workshop["code"]
    for auth in [{"code": code, "role": "participant", "token": "\ud800"},
                 {"code": code, "role": "console", "key": "\ud800"},
                 {"code": code, "role": "participant", "token": "x" * 10_000}]:
        assert not connect_as(auth).tc.is_connected()
    with pytest.raises(DomainError):
        check_id("abcdefgh\n")
    deep = "[" * 1000 + "]" * 1000
    r = client.post("/api/workshops", data=deep, content_type="application/json")
    assert r.status_code == 400 and r.get_json()["error"]["code"] == "bad_request"
    assert WireJson.loads(deep) == [MALFORMED]


@pytest.mark.slow
def test_a_deeply_nested_message_gets_an_answer(servers):  # noqa: F811
    """Nested a thousand deep, a Socket.IO message could not be read, and no answer came:
    the client waited for good. It gets bad_request now."""
    import websocket

    server = servers()
    body = requests.post(server.url + "/api/workshops", json=REFERENCE, timeout=5).json()
    auth = {"code": body["workshop"]["code"], "role": "console", "key": body["console_key"]}
    ws = websocket.create_connection(
        f"ws://127.0.0.1:{server.port}/socket.io/?EIO=4&transport=websocket", timeout=5)
    try:
        ws.recv()
        ws.send("40" + json.dumps(auth))
        assert ws.recv().startswith("40")
        ws.send('427["workshop_update",' + "[" * 1000 + "]" * 1000 + "]")
        answer = ws.recv()
        while not answer.startswith("437"):
            answer = ws.recv()
        ack = json.loads(answer[3:])[0]
        assert ack["ok"] is False and ack["error"]["code"] == "bad_request"
        ws.send('428["sync",{}]')  # and the connection still works
        answer = ws.recv()
        while not answer.startswith("438"):
            answer = ws.recv()
        assert json.loads(answer[3:])[0]["ok"] is True
    finally:
        ws.close()


def test_one_participant_cannot_fill_the_workshop(console, join, workshop, app):
    """Finding 11: 30 tokens made 900 topics in 6 s, and every phone's sync weighed
    400 KB. Each participant, and the workshop, have caps; what is past them is refused
    with a clear error, and nothing is written."""
    from server.domain.caps import CAPS

    assert console.call("phase_set", {"phase": "forum"})["ok"]
    _, _, phone = join("Mallory")
    mine = CAPS["topics"][0]
    for i in range(mine):
        assert phone.call("topic_propose", {"title": f"Sujet {i}"})["ok"]
    refused = phone.call("topic_propose", {"title": "Encore un"})
    assert refused["error"]["code"] == "too_many" and str(mine) in refused["error"]["message"]
    assert len(console.call("sync")["snapshot"]["topics"]) == mine
    assert console.call("topic_propose", {"title": "De l'animation"})["ok"]  # no cap of its own
    _, _, other = join("Alice")
    assert other.call("topic_propose", {"title": "Le mien"})["ok"]
    for i in range(CAPS["steps"][0]):
        assert phone.call("step_propose", {"text": f"Suite {i}"})["ok"]
    assert phone.call("step_propose", {"text": "Une de trop"})["error"]["code"] == "too_many"
