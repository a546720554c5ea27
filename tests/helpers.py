"""Helpers for tests: a Socket.IO test connection that waits for events, server processes."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent


class SocketClient:
    """A Flask-SocketIO test client that collects bus events and can wait for them."""

    def __init__(self, tc):
        self.tc = tc
        self.events: list[dict] = []
        self.other: list[dict] = []

    def call(self, event: str, data=None) -> dict:
        """Emit an event and return its acknowledgement."""
        if data is None:
            return self.tc.emit(event, callback=True)
        return self.tc.emit(event, data, callback=True)

    def pump(self) -> None:
        """Move newly received packets into `events` (bus events) and `other`."""
        if self.tc.is_connected():
            packets = self.tc.get_received()
        else:  # what arrived before the server hung up is still queued
            packets, self.tc.queue = self.tc.queue, []
        for packet in packets:
            if packet["name"] == "event":
                self.events.append(packet["args"][0])
            else:
                self.other.append(packet)

    def wait(self, kind: str, timeout: float = 3.0, where=lambda data: True) -> dict:
        """Return the first received event of type `kind` whose data satisfies `where`."""
        deadline = time.monotonic() + timeout
        while True:
            self.pump()
            for event in self.events:
                if event["type"] == kind and where(event["data"]):
                    return event
            if time.monotonic() > deadline:
                seen = [e["type"] for e in self.events]
                raise AssertionError(f"no {kind} event within {timeout}s; got {seen}")
            time.sleep(0.01)

    def settle(self, quiet: float = 0.3) -> list[dict]:
        """Wait until no event arrives for `quiet` seconds; return everything received."""
        count = -1
        while count != len(self.events) + len(self.other):
            count = len(self.events) + len(self.other)
            time.sleep(quiet)
            self.pump()
        return self.events


class ServerProcess:
    """`cafe serve` in a subprocess, as a user runs it, on a free port."""

    def __init__(self, port: int, env: dict[str, str]):
        self.port = port
        self.url = f"http://127.0.0.1:{port}"
        self.env = {**os.environ, **env}
        self.proc: subprocess.Popen | None = None
        self.log = Path(env.get("CAFE_DATA_DIR", "/tmp")) / f"server-{port}.log"

    def start(self, timeout: float = 60.0) -> "ServerProcess":
        """Start the server and wait until /healthz answers (a loaded CI machine can take
        many seconds to import the app)."""
        self.log.parent.mkdir(parents=True, exist_ok=True)
        with self.log.open("ab") as out:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "server", "serve", "--host", "127.0.0.1",
                 "--port", str(self.port)],
                cwd=ROOT, env=self.env, stdout=out, stderr=subprocess.STDOUT,
            )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"server exited: {self.log.read_text()[-2000:]}")
            try:
                if requests.get(self.url + "/healthz", timeout=1).ok:
                    return self
            except requests.RequestException:
                pass
            time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"server did not start: {self.log.read_text()[-2000:]}")

    def stop(self, sig: int = signal.SIGINT, timeout: float = 20.0) -> int:
        """Stop the server with `sig` (Ctrl-C by default) and return its exit status."""
        if self.proc is None or self.proc.poll() is not None:
            return self.proc.returncode if self.proc else 0
        self.proc.send_signal(sig)
        try:
            return self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            return self.proc.wait()

    def output(self) -> str:
        """Return what the server printed."""
        return self.log.read_text(errors="replace")
