"""Shared by the benchmarks: a server process, a workshop driven to the café, percentiles."""

import json
import os
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from server.cli.embedded import free_port  # noqa: E402

REFERENCE = {
    "theme": "Atelier Coopération Inter-entreprise", "date": "2013-04-04", "place": "ES Energie",
    "organisations": ["ATE Conseil", "C-L'Org", "Latitude", "Pierre Garnier Toiture", "Via Storia"],
}


def http(method: str, url: str, body: dict | None = None) -> dict:
    """Send a JSON request and return the JSON answer."""
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(url, data=data, method=method,
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.load(response)


UNPACED = {"CAFE_JOIN_RATE": "100000/100000", "CAFE_CREATE_LIMIT": "100000"}
"""Every benched phone joins from one address, far faster than a room: the door's pace
per address (issue 21) is lifted; bench/door.py measures the door itself."""


class Server:
    """`cafe serve` with its own embedded Redis in a temporary folder."""

    def __init__(self, env: dict | None = None):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.data = tempfile.mkdtemp(prefix="cafe-bench-")
        self.env = {**os.environ, "CAFE_DATA_DIR": self.data, **UNPACED, **(env or {})}
        self.proc = None

    def __enter__(self) -> "Server":
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "server", "serve", "--port", str(self.port)],
            cwd=ROOT, env=self.env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for _ in range(200):
            try:
                if http("GET", self.url + "/healthz")["ok"]:
                    return self
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("the server did not start")

    def cpu_seconds(self) -> float:
        """Return the CPU time the server process has used."""
        fields = Path(f"/proc/{self.proc.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def __exit__(self, *exc) -> None:
        self.proc.send_signal(signal.SIGINT)
        self.proc.wait(timeout=30)


def percentile(values: list[float], p: float) -> float:
    """Return the p-th percentile (0-100) of values, nearest rank."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    rank = max(0, min(len(ordered) - 1, round(p / 100 * len(ordered) + 0.5) - 1))
    return ordered[rank]


def summary(label: str, ms: list[float]) -> str:
    """Format p50/p95/p99/max of latencies in milliseconds."""
    return (f"{label:<28} n={len(ms):>6}  p50={percentile(ms, 50):6.1f} ms  "
            f"p95={percentile(ms, 95):6.1f} ms  p99={percentile(ms, 99):6.1f} ms  "
            f"max={max(ms, default=float('nan')):6.1f} ms")


async def client(url: str, auth: dict):
    """A python-socketio AsyncClient connected over a websocket with `auth`."""
    import socketio

    sio = socketio.AsyncClient(reconnection=False)
    await sio.connect(url, auth=auth, transports=["websocket"], wait_timeout=10)
    return sio


async def cafe_with_tables(url: str, titles: list[str]):
    """Create a workshop, connect its console, add tables, and move to the café.

    Returns the creation's answer, the console client and the tables' ids.
    """
    body = http("POST", url + "/api/workshops", REFERENCE)
    console = await client(url, {"code": body["workshop"]["code"], "role": "console",
                                 "key": body["console_key"]})
    tables = [(await console.call("table_add", {"title": title}))["table"]["id"]
              for title in titles]
    for phase in ("forum", "cafe"):
        assert (await console.call("phase_set", {"phase": phase}))["ok"]
    return body, console, tables


def workshop_with_tables(url: str, redis_url: str, tables: int,
                         capacity: int | None = None) -> tuple[dict, list[str]]:
    """Create a workshop over HTTP and give it `tables` tables, in the café phase.

    The tables are written through the store, which is far faster than the console's
    `table_add` (rate-limited) for a thousand tables. A workshop holds 100 tables at most
    (server/domain/caps.py): the benchmarks measure beyond, so the count of tables made is
    set back before each one.
    `capacity`: seats per table (its default otherwise).
    Returns the creation's answer and the tables' ids in order.
    """
    from server.store import connect, keys

    body = http("POST", url + "/api/workshops", REFERENCE)
    code = body["workshop"]["code"]
    store = connect(redis_url)
    try:
        store.workshops.set_phase(code, "forum")
        ids = []
        for i in range(tables):
            store.redis.hset(keys.made(code), "*|tables", 0)
            ids.append(store.tables.add(code, f"Table {i + 1}").id)
            if capacity:
                store.tables.update(code, ids[-1], {"capacity": capacity})
        store.workshops.set_phase(code, "cafe")
    finally:
        store.close()
    return body, ids
