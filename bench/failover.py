"""A master dies under a stream of notes: what a Redis Cluster failover keeps.

One `cafe serve` on a local cluster of three masters with a replica each
(tests/rediscluster.py). A phone posts notes one after the other, sending each again
until it is acknowledged, as the page's outbox does; a second device of the same person
follows the table and calls `sync` when told to `resync`. First the cost: the
acknowledgement time of notes in steady state. Then the failure: optionally the
workshop's replica stalls (SIGSTOP: a slow or cut-off replica), the workshop's master is
killed (SIGKILL), the replica resumes and the cluster promotes it. While the replica is
stopped, `--lag-mb` of bulk data written on the master backs its replication stream up
beyond the socket buffers, as behind a slow link: what was acknowledged after it never
reached the replica. Then the dead master starts again and rejoins as a replica of the
new one (`--no-rejoin`: it stays dead). At the end: which
acknowledged notes the new master holds, and whether the second device holds the same.

    .venv/bin/python bench/failover.py --wait 0 --stall 1
    .venv/bin/python bench/failover.py --wait 1 --stall 1
"""

import argparse
import contextlib
import json
import os
import signal
import statistics
import tempfile
import threading
import time

import redis
import socketio
from common import ROOT  # noqa: F401 - puts the project on sys.path

from server.cli.embedded import free_port
from server.domain.secrets import new_id
from server.store import keys
from tests.helpers import ServerProcess
from tests.rediscluster import LocalCluster
from tests.test_processes import setup_cafe


def _client(url: str, auth: dict) -> socketio.Client:
    sio = socketio.Client(reconnection=False)
    sio.connect(url, auth=auth, transports=["websocket"], wait_timeout=5)
    return sio


class Follower:
    """A second device: applies the table's notes live, and `sync` on `resync`."""

    def __init__(self, url: str, auth: dict):
        self.url, self.auth = url, auth
        self.notes: set[str] = set()
        self.resyncs = 0
        self._head = 0
        self._live: list[tuple[int, str]] = []  # (seq, note id) received live
        self._lock = threading.Lock()
        self.sio = None
        self.connect()

    def connect(self) -> None:
        self.sio = socketio.Client(reconnection=True, reconnection_delay=0.2)
        self.sio.on("event", self._event)
        self.sio.on("resync", lambda *_: threading.Thread(target=self.sync).start())
        self.sio.on("connect", lambda *_: threading.Thread(target=self.sync).start())
        self.sio.connect(self.url, auth=self.auth, transports=["websocket"], wait_timeout=5)

    def _event(self, event) -> None:
        if event["type"] == "note_posted":
            with self._lock:
                self.notes.add(event["data"]["id"])
                self._live.append((event["seq"], event["data"]["id"]))

    def sync(self) -> None:
        """Take the whole state again, as the page does on `resync`."""
        for _ in range(50):
            try:
                reply = self.sio.call("sync", {}, timeout=5)
            except Exception:
                return
            if reply.get("ok"):
                head = reply["snapshot"]["head"]
                with self._lock:  # as the page: live events newer than the snapshot stay
                    if head < self._head:
                        return
                    self.resyncs += 1
                    self._head = head
                    self.notes = {n["id"] for n in reply["snapshot"]["notes"]}
                    self.notes |= {note for seq, note in self._live if seq > head}
                return
            time.sleep(0.2)


class Phone:
    """Posts notes one at a time; each is sent again until acknowledged (the outbox)."""

    def __init__(self, url: str, auth: dict, table: str):
        self.url, self.auth, self.table = url, auth, table
        self.sio = _client(url, auth)
        self.acked: list[tuple[str, float]] = []  # note id, when acknowledged
        self.refusals: dict[str, int] = {}
        self.latencies: list[float] = []  # first attempts answered ok, in ms

    def post(self, text: str, deadline: float) -> None:
        note = {"id": new_id(16), "table": self.table, "text": text}
        first = True
        while time.monotonic() < deadline:
            started = time.perf_counter()
            try:
                if not self.sio.connected:
                    self.sio = _client(self.url, self.auth)
                reply = self.sio.call("note_post", note, timeout=3)
            except Exception:
                self.refusals["no answer"] = self.refusals.get("no answer", 0) + 1
                self._drop()
                time.sleep(0.2)
                first = False
                continue
            if reply.get("ok"):
                if first:
                    self.latencies.append((time.perf_counter() - started) * 1000)
                self.acked.append((note["id"], time.monotonic()))
                return
            code = reply["error"]["code"]
            self.refusals[code] = self.refusals.get(code, 0) + 1
            first = False
            time.sleep(0.1)

    def _drop(self) -> None:
        with contextlib.suppress(Exception):
            self.sio.disconnect()


def run(wait: int, stall: float, steady: int, after: int, lag_mb: int = 32,
        rejoin: bool = True, every: float = 0.05) -> dict:
    """One run; return its figures."""
    with LocalCluster(replicas=1) as cluster:
        data = tempfile.mkdtemp(prefix="cafe-failover-")
        env = {"CAFE_DATA_DIR": data, "CAFE_REDIS_URL": cluster.url,
               "CAFE_REDIS_WAIT_REPLICAS": str(wait), "CAFE_REDIS_WAIT_TIMEOUT": "500",
               "CAFE_SOCKET_RATE": "1000/1000", "CAFE_PERSON_RATE": "1000/1000"}
        server = ServerProcess(free_port(), env).start()
        try:
            cafe = setup_cafe(server.url)
            auth = {"code": cafe["code"], "role": "participant", "token": cafe["token"]}
            master = cluster.master_of(keys.workshop(cafe["code"]))
            replica = cluster.replica_of(master)
            phone = Phone(server.url, auth, cafe["table"])
            follower = Follower(server.url, auth)
            deadline = time.monotonic() + 120
            for i in range(steady):  # the cost of an acknowledgement, nothing failing
                phone.post(f"Idée {i}", deadline)
            latencies = list(phone.latencies)
            stream = threading.Event()

            def keep_posting():
                i = steady
                while not stream.is_set() and time.monotonic() < deadline:
                    phone.post(f"Idée {i}", deadline)
                    i += 1
                    time.sleep(every)  # a busy table, under the cap of notes per person

            poster = threading.Thread(target=keep_posting)
            poster.start()
            time.sleep(0.5)
            if stall:
                os.kill(cluster.procs[replica].pid, signal.SIGSTOP)
                _lag(master, cafe["code"], lag_mb)
                time.sleep(stall)
            killed_at = time.monotonic()
            cluster.kill(master)
            if stall:
                os.kill(cluster.procs[replica].pid, signal.SIGCONT)
            cluster.wait_promoted(replica)
            promoted_at = time.monotonic()
            if rejoin:  # the dead master comes back, as a replica of the new one
                cluster.start_node(master)
                cluster.wait_ready()
            count = len(phone.acked)
            while len(phone.acked) < count + after and time.monotonic() < deadline:
                time.sleep(0.05)
            stream.set()
            poster.join()
            acked = {note for note, _ in phone.acked}
            stored = _stored(server.url, auth)
            converge_by = time.monotonic() + 15
            while follower.notes != stored and time.monotonic() < converge_by:
                time.sleep(0.1)
            lost = acked - stored
            lost_window = [t for note, t in phone.acked if note in lost]
            return {
                "wait_replicas": wait, "stall_s": stall, "lag_mb": lag_mb, "acked": len(acked),
                "stored": len(stored), "lost": len(lost),
                # how long before the master died the lost notes had been acknowledged
                "lost_acked_ms_before_kill": [round((killed_at - max(lost_window)) * 1000),
                                              round((killed_at - min(lost_window)) * 1000)]
                if lost_window else [],
                "extra_stored": len(stored - acked),  # stored, never acknowledged
                "refusals": phone.refusals,
                "failover_s": round(promoted_at - killed_at, 2),
                "rejoined": rejoin,
                "follower_converged": follower.notes == stored,
                "follower_resyncs": follower.resyncs,
                "ack_ms_p50": round(statistics.median(latencies), 2),
                "ack_ms_p95": round(statistics.quantiles(latencies, n=20)[18], 2),
            }
        finally:
            with contextlib.suppress(Exception):
                follower.sio.disconnect()
            server.stop()


def _lag(master: int, code: str, megabytes: int) -> None:
    """Write bulk data on the master, so that its replication stream backs up beyond what
    the stopped replica's socket can buffer, as behind a slow or congested link."""
    client = redis.Redis(port=master)
    for i in range(megabytes):
        client.set(f"cafe:{{{code}}}:lag{i}", b"x" * 1_000_000, ex=600)
    client.close()


def _stored(url: str, auth: dict) -> set[str]:
    """The notes the workshop holds now, read by a new connection."""
    for _ in range(50):
        with contextlib.suppress(Exception):  # the cluster is still settling
            sio = _client(url, auth)
            try:
                reply = sio.call("sync", {}, timeout=5)
            finally:
                sio.disconnect()
            if reply.get("ok"):
                return {n["id"] for n in reply["snapshot"]["notes"]}
        time.sleep(0.3)
    raise RuntimeError("the workshop could not be read after the failover")


def main() -> None:
    """Run the benchmark and print its figures as JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--wait", type=int, default=1, help="CAFE_REDIS_WAIT_REPLICAS")
    parser.add_argument("--stall", type=float, default=1.0,
                        help="seconds the replica is stopped before the master dies (0: none)")
    parser.add_argument("--lag-mb", type=int, default=32,
                        help="MB written on the master while the replica is stopped")
    parser.add_argument("--steady", type=int, default=100, help="notes timed before")
    parser.add_argument("--after", type=int, default=10, help="notes acknowledged after")
    parser.add_argument("--every", type=float, default=0.05,
                        help="seconds between two notes of the stream")
    parser.add_argument("--no-rejoin", action="store_true",
                        help="leave the dead master dead (the new master has no replica)")
    parser.add_argument("--json", help="also write the figures to this file")
    args = parser.parse_args()
    figures = run(args.wait, args.stall, args.steady, args.after, args.lag_mb,
                  rejoin=not args.no_rejoin, every=args.every)
    print(json.dumps(figures, indent=2))
    if args.json:
        with open(args.json, "w") as out:
            json.dump(figures, out)


if __name__ == "__main__":
    main()
