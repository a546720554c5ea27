"""`cafe serve` as real processes: two on one Redis act as one; data survives a restart."""

import contextlib
import json
import signal
import subprocess
import sys
import threading
import time

import pytest
import requests
import socketio

from server.cli.embedded import free_port

from .conftest import REFERENCE
from .helpers import ROOT, ServerProcess

pytestmark = pytest.mark.slow


@pytest.fixture
def servers(tmp_path):
    started: list[ServerProcess] = []

    def start(**env) -> ServerProcess:
        env = {"CAFE_DATA_DIR": str(tmp_path / "data"), **env}
        server = ServerProcess(free_port(), env).start()
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()


class Listener:
    """A python-socketio client that records bus events."""

    def __init__(self, url: str, auth: dict):
        self.events: list[dict] = []
        self.got = threading.Condition()
        self.sio = socketio.Client(reconnection=False)
        self.sio.on("event", self._on_event)
        self.sio.connect(url, auth=auth, transports=["websocket"], wait_timeout=5)

    def _on_event(self, event):
        with self.got:
            self.events.append(event)
            self.got.notify_all()

    def wait(self, kind: str, timeout: float = 5.0, where=lambda data: True) -> dict:
        with self.got:
            found = self.got.wait_for(lambda: next(
                (e for e in self.events if e["type"] == kind and where(e["data"])), None),
                timeout)
        assert found, f"no {kind}; got {[e['type'] for e in self.events]}"
        return found


def test_two_processes_on_one_redis_serve_one_workshop(servers, redis_url):
    a = servers(CAFE_REDIS_URL=redis_url)
    b = servers(CAFE_REDIS_URL=redis_url)
    body = requests.post(a.url + "/api/workshops", json=REFERENCE, timeout=5).json()
    code = body["workshop"]["code"]
    on_a = Listener(a.url, {"code": code, "role": "screen", "key": body["screen_key"]})
    on_b = Listener(b.url, {"code": code, "role": "console", "key": body["console_key"]})
    try:
        joined = requests.post(f"{a.url}/api/workshops/{code}/participants",
                               json={"name": "Claire", "organisation": "Latitude"}, timeout=5)
        assert joined.status_code == 201
        assert on_b.wait("participant_joined")["data"]["name"] == "Claire"
        assert on_a.wait("participant_joined")["data"]["name"] == "Claire"
        # And the other way round: an action on B reaches A.
        reply = on_b.sio.call("phase_set", {"phase": "forum"}, timeout=5)
        assert reply["ok"]
        assert on_a.wait("workshop_updated")["data"]["phase"] == "forum"
    finally:
        on_a.sio.disconnect()
        on_b.sio.disconnect()


def test_a_reveal_and_a_hidden_note_reach_the_screens_of_the_other_process(servers,
                                                                           redis_url):
    """Written alone on process A: on process B, a table-mate and the screen get only the
    count, live and in a replay, until the console on A reveals the table; a note the
    console on A hides leaves B's screens at once, and an anonymous note waiting for review
    reaches them only once approved, never with its author."""
    a = servers(CAFE_REDIS_URL=redis_url)
    b = servers(CAFE_REDIS_URL=redis_url)
    body = requests.post(a.url + "/api/workshops", json=REFERENCE, timeout=5).json()
    code = body["workshop"]["code"]
    tokens = {}
    for name in ("Paul", "Claire"):
        tokens[name] = requests.post(f"{a.url}/api/workshops/{code}/participants",
                                     json={"name": name}, timeout=5).json()["token"]
    console = Listener(a.url, {"code": code, "role": "console", "key": body["console_key"]})
    paul = Listener(a.url, {"code": code, "role": "participant", "token": tokens["Paul"]})
    claire = Listener(b.url, {"code": code, "role": "participant", "token": tokens["Claire"]})
    screen = Listener(b.url, {"code": code, "role": "screen", "key": body["screen_key"]})
    listeners = (console, paul, claire, screen)

    def call(who: Listener, event: str, data: dict) -> dict:
        return who.sio.call(event, data, timeout=5)

    try:
        table = call(console, "table_add", {"title": "Mutualisation"})["table"]["id"]
        for phase in ("forum", "cafe"):
            assert call(console, "phase_set", {"phase": phase})["ok"]
        for phone in (paul, claire):
            assert call(phone, "seat_take", {"table": table})["ok"]
        for who in listeners:
            call(who, "sync", {})
        assert call(console, "writing_set", {"private": True})["ok"]
        alone = {"id": "alone-note-1", "table": table, "text": "Écrit seul sur A"}
        assert call(paul, "note_post", alone)["note"]["visibility"] == "private"
        assert screen.wait("notes_written", where=lambda d: d["count"] == 1)
        assert claire.wait("notes_written", where=lambda d: d["count"] == 1)
        for listener in (claire, screen):
            assert "Écrit seul sur A" not in repr(listener.events)
            assert "Écrit seul sur A" not in repr(call(listener, "sync", {"since": {"w": 0}}))
        assert call(console, "notes_reveal", {"table": table})["revealed"] == 1
        for listener in (claire, screen):
            assert listener.wait("note_posted", where=lambda d: d["id"] == "alone-note-1")
        # Hidden on A: it leaves the screens of B.
        ref = {"table": table, "id": "alone-note-1"}
        assert call(console, "note_moderate", {**ref, "visibility": "hidden"})["ok"]
        for listener in (claire, screen):
            assert listener.wait("note_removed", where=lambda d: d["id"] == "alone-note-1")
            assert "Écrit seul sur A" not in repr(call(listener, "sync", {}))
        # Review before display: B's screens see the anonymous note only once approved.
        assert call(console, "settings_update", {"review_anonymous": True})["ok"]
        waiting = {"id": "waiting-note", "table": table, "text": "Sans nom", "anonymous": True}
        assert call(paul, "note_post", waiting)["note"]["visibility"] == "pending"
        assert console.wait("note_posted", where=lambda d: d["id"] == "waiting-note")
        assert call(console, "note_moderate", {"table": table, "id": "waiting-note",
                                               "visibility": "public"})["ok"]
        shown = screen.wait("note_posted", where=lambda d: d["id"] == "waiting-note")["data"]
        assert shown["author"] is None and shown["author_name"] == ""
        assert claire.wait("note_posted", where=lambda d: d["id"] == "waiting-note")
        assert "Paul" not in repr([e for e in screen.events if e["type"] == "note_posted"
                                   and e["data"]["id"] == "waiting-note"])
    finally:
        for listener in listeners:
            listener.sio.disconnect()


def test_ctrl_c_saves_and_a_restart_finds_the_workshop(servers):
    first = servers()
    body = requests.post(first.url + "/api/workshops", json=REFERENCE, timeout=5).json()
    code = body["workshop"]["code"]
    requests.post(f"{first.url}/api/workshops/{code}/participants",
                  json={"name": "Claire"}, timeout=5)
    assert "Open http://127.0.0.1:" in first.output()
    assert first.stop(signal.SIGINT) == 0
    second = servers()
    info = requests.get(f"{second.url}/api/workshops/{code}", timeout=5)
    assert info.status_code == 200 and info.json()["workshop"]["theme"] == REFERENCE["theme"]
    assert second.stop(signal.SIGTERM) == 0


def test_an_unreachable_redis_at_start_is_a_clear_error():
    port = free_port()
    result = subprocess.run(
        [sys.executable, "-m", "server", "serve", "--port", str(free_port())],
        cwd=ROOT, capture_output=True, text=True, timeout=60,
        env={"PATH": "/usr/bin:/bin", "CAFE_REDIS_URL": f"redis://127.0.0.1:{port}/0"},
    )
    assert result.returncode == 1
    assert "cannot reach Redis" in result.stderr
    assert "Traceback" not in result.stderr




def test_an_oversized_socketio_message_closes_the_connection(servers):
    import websocket

    server = servers()
    body = requests.post(server.url + "/api/workshops", json=REFERENCE, timeout=5).json()
    auth = {"code": body["workshop"]["code"], "role": "console", "key": body["console_key"]}
    ws = websocket.create_connection(
        f"ws://127.0.0.1:{server.port}/socket.io/?EIO=4&transport=websocket", timeout=5)
    try:
        handshake = json.loads(ws.recv()[1:])
        assert handshake["maxPayload"] == 64 * 1024
        ws.send("40" + json.dumps(auth))
        assert ws.recv().startswith("40")
        ws.send('421["workshop_update",{"place":"' + "x" * 100_000 + '"}]')
        with pytest.raises((websocket.WebSocketConnectionClosedException, ConnectionError)):
            while True:  # the server hangs up instead of answering
                assert not ws.recv().startswith("431"), "an oversized message was accepted"
    finally:
        ws.close()
        ws.shutdown()  # close() leaves the socket open when the server hung up first
    info = requests.get(f"{server.url}/api/workshops/{auth['code']}", timeout=5).json()
    assert info["workshop"]["theme"] == REFERENCE["theme"]


def setup_cafe(url: str) -> dict:
    """Drive a workshop to the café over the protocol alone: one table, one phone seated."""
    body = requests.post(url + "/api/workshops", json=REFERENCE, timeout=5).json()
    code = body["workshop"]["code"]
    console = socketio.Client(reconnection=False)
    console.connect(url, auth={"code": code, "role": "console", "key": body["console_key"]},
                    transports=["websocket"], wait_timeout=5)
    table = console.call("table_add", {"title": "Mutualisation"}, timeout=5)["table"]
    joined = requests.post(f"{url}/api/workshops/{code}/participants",
                           json={"name": "Paul"}, timeout=5).json()
    for phase in ("forum", "cafe"):
        assert console.call("phase_set", {"phase": phase}, timeout=5)["ok"]
    console.disconnect()
    phone = socketio.Client(reconnection=False)
    phone.connect(url, auth={"code": code, "role": "participant", "token": joined["token"]},
                  transports=["websocket"], wait_timeout=5)
    assert phone.call("seat_take", {"table": table["id"]}, timeout=5)["ok"]
    phone.disconnect()
    return {"code": code, "table": table["id"], "token": joined["token"]}


def test_a_server_restart_loses_no_acknowledged_note(servers, redis_url):
    from server.domain.secrets import new_id

    first = servers(CAFE_REDIS_URL=redis_url)
    cafe = setup_cafe(first.url)
    auth = {"code": cafe["code"], "role": "participant", "token": cafe["token"]}
    phone = socketio.Client(reconnection=False)
    phone.connect(first.url, auth=auth, transports=["websocket"], wait_timeout=5)
    acked, unsure = [], None
    for i in range(40):
        payload = {"id": new_id(16), "table": cafe["table"], "text": f"Idée {i}"}
        if i == 25:  # the server dies right after this one is sent
            unsure = payload
            phone.emit("note_post", payload)
            first.proc.kill()  # kill -9: no goodbye
            break
        reply = phone.call("note_post", payload, timeout=5)
        assert reply["ok"]
        acked.append(payload["id"])
    first.proc.wait()
    with contextlib.suppress(Exception):
        phone.disconnect()
    if phone.eio.ws is not None:
        phone.eio.ws.shutdown()  # its server is gone: close the socket ourselves
    second = servers(CAFE_REDIS_URL=redis_url)
    phone = socketio.Client(reconnection=False)
    phone.connect(second.url, auth=auth, transports=["websocket"], wait_timeout=5)
    try:
        # The phone did not get an answer for the last note: it sends it again.
        again = phone.call("note_post", unsure, timeout=5)
        assert again["ok"]
        snapshot = phone.call("sync", {}, timeout=5)["snapshot"]
    finally:
        phone.disconnect()
    ids = [n["id"] for n in snapshot["notes"]]
    assert len(ids) == len(set(ids)) == len(acked) + 1
    assert set(acked) <= set(ids) and unsure["id"] in ids


def test_two_processes_under_load_lose_nothing_across_a_redis_crash(tmp_path):
    """The load bench at a small size: phones spread over two processes on one Redis,
    which is killed (SIGKILL) mid-run and started again. Every acknowledged note must
    reach every phone of its table, by the live path or by the replay after `resync`."""
    out = tmp_path / "figures.json"
    result = subprocess.run(
        [sys.executable, "bench/load.py", "--phones", "40", "--tables", "4", "--screens", "2",
         "--every", "1", "--seconds", "8", "--processes", "2", "--workers", "1",
         "--redis-restart", "--redis-down", "1", "--json", str(out)],
        cwd=ROOT, capture_output=True, text=True, timeout=240,
    )
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    [figures] = json.loads(out.read_text())
    assert figures["connect_errors"] == 0
    assert figures["posted"] > 200  # notes kept flowing around the outage
    assert figures["lost"] == 0 and figures["duplicates"] == 0, result.stdout[-2000:]
    assert figures["converged"] == [40, 40]  # every phone holds exactly what Redis holds


def patiently(phone, event: str, payload: dict) -> dict:
    """Call, waiting out `rate_limited` as the page does: this test is faster than hands."""
    reply = phone.call(event, payload, timeout=5)
    while reply.get("error", {}).get("code") == "rate_limited":
        time.sleep(0.2)
        reply = phone.call(event, payload, timeout=5)
    assert reply["ok"], reply
    return reply


def test_a_hundred_cut_connections_while_posting_lose_and_double_nothing(servers, redis_url):
    """A phone whose connection drops right after it sends, a hundred times: it sends
    again on the next connection, as its outbox does, and each note is stored once."""
    from server.domain.secrets import new_id

    server = servers(CAFE_REDIS_URL=redis_url)
    cafe = setup_cafe(server.url)
    auth = {"code": cafe["code"], "role": "participant", "token": cafe["token"]}
    typed = [{"id": new_id(16), "table": cafe["table"], "text": f"Idée {i}"} for i in range(100)]
    cuts = 0
    for i, note in enumerate(typed):
        phone = socketio.Client(reconnection=False)
        phone.connect(server.url, auth=auth, transports=["websocket"], wait_timeout=5)
        phone.emit("note_post", note)  # no wait: the connection drops before the answer
        if i % 2:
            time.sleep(0.01)  # sometimes the server has it, sometimes not yet
        phone.disconnect()
        cuts += 1
        phone = socketio.Client(reconnection=False)
        phone.connect(server.url, auth=auth, transports=["websocket"], wait_timeout=5)
        try:
            assert patiently(phone, "note_post", note)["ok"]
        finally:
            phone.disconnect()
    phone = socketio.Client(reconnection=False)
    phone.connect(server.url, auth=auth, transports=["websocket"], wait_timeout=5)
    try:
        notes = patiently(phone, "sync", {})["snapshot"]["notes"]
    finally:
        phone.disconnect()
    assert cuts == 100
    assert sorted(n["id"] for n in notes) == sorted(n["id"] for n in typed)


def test_a_reconnection_storm_loses_nothing_and_replays(tmp_path):
    """The load bench at a small size with --reconnect-storm: the sockets of nine phones
    in ten are cut at once mid-run and reconnect by themselves. Every cut phone is in
    sync again by a replay (not a snapshot), and every acknowledged note reaches every
    phone of its table once."""
    out = tmp_path / "figures.json"
    result = subprocess.run(
        [sys.executable, "bench/load.py", "--phones", "40", "--tables", "4", "--screens", "1",
         "--every", "1", "--seconds", "8", "--workers", "1", "--reconnect-storm",
         "--drain", "15", "--json", str(out)],  # a loaded machine reconnects slowly
        cwd=ROOT, capture_output=True, text=True, timeout=240,
    )
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    [figures] = json.loads(out.read_text())
    storm = figures["storm"]
    assert storm["cut"] == 36 and storm["back"] == 36 and storm["never"] == 0, storm
    assert storm["replays"] == 36 and storm["snapshots"] == 0, storm
    assert figures["lost"] == 0 and figures["duplicates"] == 0, result.stdout[-2000:]
    assert figures["server_errors"] == 0, result.stdout[-2000:]
