"""The servers under load: one Redis and N `cafe serve` processes, or the bare relay.

Redis belongs to the benchmark (not to a server), so that several processes share it
and the benchmark can restart it in the middle of a run.
"""

import contextlib
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

import redis
from common import ROOT, UNPACED, http

from server.cli.embedded import EmbeddedRedis, free_port

CLK = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid: int) -> float:
    """Return the CPU time (user + system) a process has used."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLK


def memory_mb(pid: int, field: str = "VmRSS") -> float:
    """Return a process's resident memory (VmRSS) or its peak (VmHWM), in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return float("nan")


def pin(pid: int, cores: set[int]) -> None:
    """Keep a process on some cores (ignored where the machine has fewer)."""
    usable = cores & set(range(os.cpu_count() or 1))
    if usable:
        os.sched_setaffinity(pid, usable)


class Cluster:
    """Start Redis and the servers; measure them; stop everything."""

    def __init__(self, *, processes: int = 1, bare: bool = False, env: dict | None = None):
        self.processes = processes
        self.bare = bare
        self.env = env or {}
        self.data = Path(tempfile.mkdtemp(prefix="cafe-load-"))
        # TCP rather than a unix socket: MONITOR then tells the connections apart.
        self.redis = EmbeddedRedis(self.data / "redis", port=free_port())
        self.procs: list[subprocess.Popen] = []
        self._stopping = threading.Event()
        self.urls: list[str] = []

    def __enter__(self) -> "Cluster":
        if not self.bare:
            self.redis_url = self.redis.start()
        for _ in range(self.processes):
            port = free_port()
            if self.bare:
                relay = str(ROOT / "bench" / "bare_relay.py")
                command = [sys.executable, relay, "--port", str(port)]
            else:
                command = [sys.executable, "-m", "server", "serve", "--port", str(port)]
            # Every simulated phone comes from 127.0.0.1: no cap per address, no door.
            env = {**os.environ, **UNPACED, "CAFE_DATA_DIR": str(self.data),
                   "CAFE_MAX_CONNECTIONS_PER_ADDRESS": "1000000",
                   "CAFE_REDIS_URL": getattr(self, "redis_url", ""), **self.env}
            self.procs.append(subprocess.Popen(command, cwd=ROOT, env=env,
                                               stdout=subprocess.DEVNULL,
                                               stderr=open(self.data / f"{port}.log", "wb")))
            self.urls.append(f"http://127.0.0.1:{port}")
        for url in self.urls:
            self._wait(url)
        return self

    def _wait(self, url: str) -> None:
        for _ in range(300):
            try:
                if self.bare:
                    import urllib.request
                    urllib.request.urlopen(url + "/socket.io/?EIO=4&transport=polling", timeout=2)
                    return
                if http("GET", url + "/healthz")["ok"]:
                    return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError(f"{url} did not start; see {self.data}")

    def errors(self) -> int:
        """How many tracebacks the servers have logged so far (a load must cause none)."""
        return sum(log.read_bytes().count(b"Traceback (most recent call last)")
                   for log in self.data.glob("*.log"))

    def pids(self) -> list[int]:
        """The processes whose CPU counts as the server's: the apps, and Redis."""
        pids = [p.pid for p in self.procs]
        if not self.bare and self.redis.process is not None:
            pids.append(self.redis.process.pid)
        return pids

    def pin(self, cores: set[int]) -> None:
        """Keep the servers and Redis on `cores`."""
        for pid in self.pids():
            pin(pid, cores)

    def cpu(self) -> dict[str, float]:
        """CPU seconds used so far by the apps and by Redis."""
        apps = sum(cpu_seconds(p.pid) for p in self.procs)
        rds = cpu_seconds(self.redis.process.pid) if not self.bare else 0.0
        return {"app": apps, "redis": rds}

    def memory(self) -> dict[str, float]:
        """Resident and peak memory of the app processes, in MB."""
        return {"rss": sum(memory_mb(p.pid) for p in self.procs),
                "peak": sum(memory_mb(p.pid, "VmHWM") for p in self.procs)}

    def client(self) -> redis.Redis:
        return redis.Redis.from_url(self.redis_url)

    def redis_commands(self) -> dict[str, int]:
        """Commands Redis has run so far, by name (those inside scripts included)."""
        stats = self.client().info("commandstats")
        return {name.removeprefix("cmdstat_"): value["calls"] for name, value in stats.items()}

    def round_trips(self, seconds: float) -> dict[str, int]:
        """Watch Redis for `seconds` (MONITOR); count the commands clients sent, and trips.

        Commands run inside a script are left out. Redis runs all the commands a client's
        pipeline brought back to back, before it serves anyone else: commands from one
        connection less than 50 µs apart are one round trip (a client needs far longer
        to read a reply and send its next command)."""
        sent = Counter()
        previous, last = None, 0.0
        deadline = time.monotonic() + seconds
        with contextlib.suppress(redis.ConnectionError), self.client().monitor() as monitor:
            for command in monitor.listen():
                if command.get("client_type") != "lua":
                    sent[command["command"].split(" ", 1)[0].strip('"').lower()] += 1
                    who = (command.get("client_address"), command.get("client_port"))
                    sent["(round trips)"] += who != previous or command["time"] - last > 50e-6
                    previous, last = who, command["time"]
                if time.monotonic() > deadline:
                    break
        return dict(sent)

    def restart_redis(self, down: float) -> None:
        """Kill Redis as a crash would, leave it down `down` seconds, start it again."""
        self.redis.process.send_signal(signal.SIGKILL)
        self.redis.process.wait()
        time.sleep(down)
        self.redis.start()
        # The new redis-server dies with the thread that started it (PR_SET_PDEATHSIG is
        # per thread): this one lives until the cluster stops.
        self._stopping.wait()

    def __exit__(self, *exc) -> None:
        self._stopping.set()
        for proc in self.procs:
            proc.send_signal(signal.SIGINT)
        for proc in self.procs:
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
        if not self.bare:
            self.redis.stop()
