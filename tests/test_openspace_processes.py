"""A forum ouvert served by two `cafe serve` processes on one Redis: the marketplace fills
on a screen of the other process, a convener on one sees who checks in on the other,
and one person's two phones on two processes are in one session at a time."""

import threading

import pytest
import requests

from .conftest import REFERENCE
from .test_processes import Listener, servers  # noqa: F401 - the fixture

pytestmark = pytest.mark.slow


def _join(server, code: str, name: str) -> str:
    return requests.post(f"{server.url}/api/workshops/{code}/participants",
                         json={"name": name}, timeout=5).json()["token"]


def test_a_forum_ouvert_across_two_processes(servers, redis_url):  # noqa: F811
    a = servers(CAFE_REDIS_URL=redis_url)
    b = servers(CAFE_REDIS_URL=redis_url)
    body = requests.post(a.url + "/api/workshops", json={**REFERENCE, "format": "forum-ouvert"},
                         timeout=5).json()
    code = body["workshop"]["code"]
    console = Listener(a.url, {"code": code, "role": "console", "key": body["console_key"]})
    screen = Listener(b.url, {"code": code, "role": "screen", "key": body["screen_key"]})
    claire = Listener(a.url, {"code": code, "role": "participant",
                              "token": _join(a, code, "Claire")})
    token = _join(b, code, "Bob")
    bob_b = Listener(b.url, {"code": code, "role": "participant", "token": token})
    bob_a = Listener(a.url, {"code": code, "role": "participant", "token": token})
    opened = [console, screen, claire, bob_a, bob_b]
    try:
        for name in ("Rhône", "Saône"):
            layout = console.sio.call("space_save", {"name": name}, timeout=5)["layout"]
        slot = console.sio.call("slot_save", {"label": "Matin"}, timeout=5)["layout"]["slots"][0]
        assert console.sio.call("phase_set", {"phase": "forum"}, timeout=5)["ok"]
        ids = []
        for space, title in zip(layout["spaces"], ("Charte", "Vélo"), strict=True):
            reply = claire.sio.call("session_convene", {"title": title, "space": space["id"],
                                                        "slot": slot["id"]}, timeout=5)
            ids.append(reply["session"]["id"])
        assert screen.wait("session_saved")["data"]["title"] == "Charte"
        assert console.sio.call("phase_set", {"phase": "cafe"}, timeout=5)["ok"]
        assert claire.sio.call("session_check_in", {"session": ids[0]}, timeout=5)["ok"]
        assert bob_b.sio.call("session_check_in", {"session": ids[0]}, timeout=5)["ok"]
        seen = claire.wait("session_presence")
        assert seen["data"]["name"] in ("Claire", "Bob")
        results = []
        calls = [threading.Thread(target=lambda p=p, s=s: results.append(
            p.sio.call("session_check_in", {"session": s}, timeout=10)))
            for p, s in [(bob_a, ids[1]), (bob_b, ids[0]), (bob_a, ids[0]), (bob_b, ids[1])]]
        for call in calls:
            call.start()
        for call in calls:
            call.join()
        assert all(r["ok"] for r in results), results
        here = console.sio.call("sync", {}, timeout=5)["snapshot"]["openspace"]["here"]
        assert here[ids[0]] + here[ids[1]] == 2  # Claire, and Bob once
    finally:
        for listener in opened:
            listener.sio.disconnect()
