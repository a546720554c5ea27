"""The app on a real Redis Cluster of three masters: Socket.IO and two processes.

The Socket.IO tests of test_realtime.py and the two-process tests of test_processes.py
run again here with `redis_url` naming a local cluster (Redis 7, tests/rediscluster.py):
shard channels, one slot per workshop, the index of workshops spread over the masters.
"""

import threading
import time

import pytest
import requests
import socketio

from server.cli.embedded import free_port
from server.store import keys

from . import test_processes, test_realtime
from .conftest import REFERENCE
from .helpers import ServerProcess
from .rediscluster import LocalCluster, cluster_binaries

pytestmark = pytest.mark.skipif(
    cluster_binaries() is None, reason="Redis 7 redis-server and redis-cli are not installed")

_REALTIME = [name for name in dir(test_realtime) if name.startswith("test_")]
_PROCESSES = ["test_two_processes_on_one_redis_serve_one_workshop",
              "test_a_server_restart_loses_no_acknowledged_note",
              "test_a_hundred_cut_connections_while_posting_lose_and_double_nothing"]
globals().update({f"{name}_on_a_cluster": getattr(test_realtime, name) for name in _REALTIME})
globals().update({f"{name}_on_a_cluster": pytest.mark.slow(getattr(test_processes, name))
                  for name in _PROCESSES})


@pytest.fixture
def servers(tmp_path):
    """`cafe serve` processes, as in test_processes.py, given longer to start: each
    reads the cluster's map of slots first, on a machine that may be busy."""
    started: list[ServerProcess] = []

    def start(**env) -> ServerProcess:
        env = {"CAFE_DATA_DIR": str(tmp_path / "data"), **env}
        server = ServerProcess(free_port(), env).start(timeout=60)
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()


@pytest.fixture(scope="module")
def redis_cluster():
    """Three masters, no replica, for this module."""
    with LocalCluster() as cluster:
        yield cluster


@pytest.fixture
def redis_url(redis_cluster):
    """The cluster's URL, every master empty before and after the test."""
    redis_cluster.flush()
    yield redis_cluster.url
    redis_cluster.flush()


@pytest.mark.slow
def test_two_processes_spread_workshops_over_the_masters_and_lose_nothing(
        servers, redis_url, redis_cluster):
    a = servers(CAFE_REDIS_URL=redis_url)
    b = servers(CAFE_REDIS_URL=redis_url)
    made = [requests.post(a.url + "/api/workshops", json=REFERENCE, timeout=5).json()
            for _ in range(9)]
    codes = [body["workshop"]["code"] for body in made]
    masters = {redis_cluster.master_of(keys.workshop(code)) for code in codes}
    while len(masters) < 3:  # nine codes missed a master: one more
        made.append(requests.post(a.url + "/api/workshops", json=REFERENCE, timeout=5).json())
        codes.append(made[-1]["workshop"]["code"])
        masters.add(redis_cluster.master_of(keys.workshop(codes[-1])))
    listeners = []
    try:
        for i, body in enumerate(made):  # screen on one process, arrivals on the other
            server, other = (a, b) if i % 2 else (b, a)
            listeners.append((body, other, _Screen(server.url, body)))
        for body, other, _ in listeners:
            code = body["workshop"]["code"]
            for n in range(5):
                joined = requests.post(f"{other.url}/api/workshops/{code}/participants",
                                       json={"name": f"P{n}", "organisation": "Latitude"},
                                       timeout=5)
                assert joined.status_code == 201, joined.text
        for body, _, screen in listeners:
            got = screen.names(5)
            assert got == [f"P{n}" for n in range(5)], (body["workshop"]["code"], got)
    finally:
        for _, _, screen in listeners:
            screen.sio.disconnect()
    with redis_cluster.client() as client:  # the index: buckets on every master
        index_masters = {client.get_node_from_key(bucket).port for bucket in keys.INDEXES}
        assert index_masters == set(redis_cluster.ports)
        assert sum(client.zcard(bucket) for bucket in keys.INDEXES) == len(codes)


class _Screen:
    """A screen over a real Socket.IO connection: who joined, in order."""

    def __init__(self, url: str, body: dict):
        self.joined: list[str] = []
        self.got = threading.Condition()
        self.sio = socketio.Client(reconnection=False)
        self.sio.on("event", self._on_event)
        auth = {"code": body["workshop"]["code"], "role": "screen", "key": body["screen_key"]}
        self.sio.connect(url, auth=auth, transports=["websocket"], wait_timeout=5)

    def _on_event(self, event):
        if event["type"] == "participant_joined":
            with self.got:
                self.joined.append(event["data"]["name"])
                self.got.notify_all()

    def names(self, count: int, timeout: float = 10.0) -> list[str]:
        deadline = time.monotonic() + timeout
        with self.got:
            self.got.wait_for(lambda: len(self.joined) >= count, deadline - time.monotonic())
            return list(self.joined)
