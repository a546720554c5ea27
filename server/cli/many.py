"""`cafe serve --processes N`: N servers on consecutive ports sharing one Redis.

Each process relays every event it reads from Redis to its own sockets, so the N
processes serve one workshop as one. In front of them, a load balancer with sticky
sessions (docker-compose.yml's nginx) gives phones a single address.
"""

import os
import signal
import subprocess
import sys
import time

from .embedded import redis_url


def serve_many(settings: dict) -> int:
    """Start PROCESSES servers and, unless the settings name a Redis, the embedded Redis."""
    host, port, processes = settings["HOST"], settings["PORT"], settings["PROCESSES"]
    url, embedded = redis_url(settings)
    # The children resolve their settings from this same environment, plus this Redis.
    env = {**os.environ, "CAFE_REDIS_URL": url}
    children = [
        # --processes 1: a child must not read CAFE_PROCESSES and start processes of its own.
        subprocess.Popen([sys.executable, "-m", "server", "serve", "--quiet", "--processes", "1",
                          "--host", host, "--port", str(port + i)], env=env)
        for i in range(processes)
    ]
    print(f"Café board: {processes} processes on one Redis ({url}).")
    for i in range(processes):
        print(f"  http://{host}:{port + i}/")
    print("Put them behind a load balancer with sticky sessions (docs/scaling.md).")
    print("Press Ctrl-C to stop.", flush=True)
    stopping = []
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda signum, frame: stopping.append(signum))
    status = 0
    while not stopping:
        if any(c.poll() is not None for c in children):
            print("cafe: a server process stopped; stopping the others", file=sys.stderr)
            status = 1
            break
        time.sleep(0.2)
    for child in children:
        if child.poll() is None:
            child.send_signal(signal.SIGTERM)
    for child in children:
        child.wait()
    if embedded is not None:
        embedded.stop()
    return status
