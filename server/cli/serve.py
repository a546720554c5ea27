"""`cafe serve`: the app under eventlet, behind its connection guards."""

import atexit
import contextlib
import gc
import logging
import signal
import socket
import sys
import time

from .. import create_app
from .embedded import redis_url

log = logging.getLogger("cafe")


def _lan_address() -> str | None:
    """Return this machine's address on the local network, if it has one."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        try:
            s.connect(("192.0.2.1", 9))  # TEST-NET: no packet is sent for a UDP connect
            address = s.getsockname()[0]
        except OSError:
            return None
    return None if address.startswith("127.") else address


def _urls(host: str, port: int, public: str | None) -> list[str]:
    if public:
        return [public]
    if host in ("0.0.0.0", "::", ""):  # noqa: S104 - printing, not binding
        lan = _lan_address()
        return [f"http://{lan}:{port}"] if lan else [f"http://127.0.0.1:{port}"]
    return [f"http://{host}:{port}"]


def _gc_watch(threshold: float = 0.02):
    """Return a gc callback noting the collections that paused the server noticeably.

    It only notes them: logging from inside a collection can run in a greenlet being torn
    down. `_report_pauses` logs them from a green thread of its own.
    """
    started = [0.0]

    def watch(phase: str, info: dict) -> None:
        if phase == "start":
            started[0] = time.perf_counter()
            return
        paused = time.perf_counter() - started[0]
        if paused >= threshold:
            _PAUSES.append((info["generation"], paused * 1000))

    return watch


_PAUSES: list[tuple[int, float]] = []


def _report_pauses(sleep) -> None:
    while True:
        sleep(5)
        while _PAUSES:
            generation, ms = _PAUSES.pop(0)
            log.warning("garbage collection (generation %d) paused the server %.0f ms",
                        generation, ms)


def _banner(app, embedded, host: str, port: int) -> None:
    if embedded:
        where = f"embedded Redis in {embedded.directory}"
    else:
        where = f"Redis at {app.config['REDIS_URL']}"
    print(f"Café board is running ({where}).")
    for url in _urls(host, port, app.config["PUBLIC_URL"]):
        print(f"  Open {url}/ to create a workshop.")
    if host == "127.0.0.1":
        print("  Phones on the same network cannot reach 127.0.0.1: "
              "run `cafe serve --host 0.0.0.0` (or `make run HOST=0.0.0.0`).")
    print("Press Ctrl-C to stop.", flush=True)


def _unmask(data: bytes, mask, length: int | None = None, offset: int = 0) -> bytes:
    """Unmask a WebSocket frame with one big-integer XOR (what eventlet does byte by byte)."""
    if length is None:
        length = len(data)
    key = bytes(mask[(offset + i) % 4] for i in range(4)) * (length // 4 + 1)
    return (int.from_bytes(data[:length], "little")
            ^ int.from_bytes(key[:length], "little")).to_bytes(length, "little")


def fast_websocket_frames() -> None:
    """Make eventlet unmask WebSocket frames in C speed rather than a Python loop.

    Every frame a browser sends is masked; eventlet undoes the mask one byte at a time,
    18 ms for a 64 KB message: a phone sending large messages at the allowed rate would
    keep the server busy. The replacement gives the same bytes in 0.2 ms.
    """
    import eventlet.websocket

    eventlet.websocket.RFC6455WebSocket._apply_mask = staticmethod(_unmask)


_REFUSAL = (b"HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\n"
            b"Content-Type: text/plain\r\nContent-Length: 38\r\n\r\n"
            b"Too many connections from this address")


class Doorman:
    """The listening socket, refusing an address that holds `per_address` connections.

    Refused at accept, before eventlet spends a green thread and buffers on them: three
    thousand connections from one laptop then cost the server a few milliseconds.
    """

    def __init__(self, listener, per_address: int):
        self._listener = listener
        self.per_address = per_address
        self.open_by: dict[str, int] = {}

    def accept(self):
        """Return the next connection whose address is under its cap."""
        while True:
            conn, address = self._listener.accept()
            host = address[0] if isinstance(address, tuple) else ""
            if self.per_address and self.open_by.get(host, 0) >= self.per_address:
                with contextlib.suppress(OSError):
                    conn.send(_REFUSAL)
                conn.close()
                continue
            self.open_by[host] = self.open_by.get(host, 0) + 1
            return conn, address

    def closed(self, address) -> None:
        """Count a connection of `address` as gone."""
        host = address[0] if isinstance(address, tuple) else ""
        left = self.open_by.get(host, 1) - 1
        if left > 0:
            self.open_by[host] = left
        else:
            self.open_by.pop(host, None)

    def __getattr__(self, name):
        return getattr(self._listener, name)


def guarded_protocol(doorman: Doorman, header_timeout: float):
    """Return eventlet's HTTP protocol with a deadline on each request's head.

    A connection must send its request line and headers within `header_timeout` seconds
    (the whole of them, not per read: one byte every few seconds does not keep it open).
    Without it, connections that never finish their headers stay open for good.
    """
    import eventlet
    import eventlet.wsgi

    class GuardedProtocol(eventlet.wsgi.HttpProtocol):
        _deadline = None

        def _read_request_line(self):
            # Raised inside the read under way; eventlet's loop then closes the socket.
            self._deadline = eventlet.Timeout(header_timeout, TimeoutError("headers"))
            return super()._read_request_line()

        def parse_request(self):
            try:
                return super().parse_request()
            finally:
                self._stop_deadline()

        def _stop_deadline(self):
            if self._deadline is not None:
                self._deadline.cancel()
                self._deadline = None

        def finish(self):
            self._stop_deadline()
            doorman.closed(self.client_address)
            super().finish()

    return GuardedProtocol


def _stop(services, embedded) -> None:
    """Close the app's services, then save and stop the embedded Redis, if either runs."""
    if services is not None:
        services.close()
    if embedded is not None:
        embedded.stop()


def serve(settings: dict, *, quiet: bool = False) -> int:
    """Serve the app under eventlet until Ctrl-C or SIGTERM, then save and stop cleanly."""
    import eventlet
    import eventlet.event
    import eventlet.wsgi

    host, port = settings["HOST"], settings["PORT"]
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    embedded = None
    try:
        url, embedded = redis_url(settings)
        if embedded is not None:
            atexit.register(embedded.stop)  # saved even if the process ends unexpectedly
        app = create_app({**settings, "ASYNC_MODE": "eventlet", "REDIS_URL": url})
    except Exception as exc:  # a clear sentence, not a traceback, for the usual causes
        print(f"cafe: cannot start: {exc}", file=sys.stderr)
        _stop(None, embedded)
        return 1
    services = app.extensions["cafe"]
    if not services.store.healthy():
        print(f"cafe: cannot reach Redis at {app.config['REDIS_URL']}", file=sys.stderr)
        _stop(services, embedded)
        return 1
    try:
        listener = eventlet.listen((host, port), backlog=2048)
    except OSError as exc:
        print(f"cafe: cannot listen on {host}:{port}: {exc}", file=sys.stderr)
        _stop(services, embedded)
        return 1
    # Accepted sockets inherit TCP_NODELAY: an ack written right after a broadcast must not
    # wait ~40 ms for the client's delayed ACK.
    listener.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, int(app.config["TCP_NODELAY"]))
    if not quiet:
        _banner(app, embedded, host, port)
    # Objects made at start-up live for good: keep them out of the full collections that
    # otherwise pause the process once thousands of sockets are open.
    gc.collect()
    if app.config["GC_FREEZE"]:
        gc.freeze()
    if app.config["GC_THRESHOLD"]:
        gc.set_threshold(*(int(n) for n in str(app.config["GC_THRESHOLD"]).split(",")))
    gc.callbacks.append(_gc_watch())
    eventlet.spawn(_report_pauses, eventlet.sleep)
    # Ctrl-C and SIGTERM only wake the main greenlet: raising KeyboardInterrupt from a
    # signal handler would land in whichever green thread runs (the relay, say) and kill
    # it instead of the server.
    stopping = eventlet.event.Event()

    def on_signal(signum, frame):
        if not stopping.ready():
            stopping.send(signum)

    signal.signal(signal.SIGINT, on_signal)
    signal.signal(signal.SIGTERM, on_signal)
    fast_websocket_frames()
    per_address = app.config["MAX_CONNECTIONS_PER_ADDRESS"]
    if per_address is None:  # behind a proxy every connection comes from its address
        per_address = 0 if app.config["PROXY_HOPS"] else 1000
    doorman = Doorman(listener, int(per_address))
    protocol = guarded_protocol(doorman, float(app.config["HEADER_TIMEOUT"]))
    # socket_timeout: a connection that stops reading or writing mid-request for a minute
    # is closed (Socket.IO pings every 10 s, so a live one never waits that long).
    server = eventlet.spawn(eventlet.wsgi.server, doorman, app, log_output=False,
                            max_size=int(app.config["MAX_CONNECTIONS"]), protocol=protocol,
                            socket_timeout=float(app.config["SOCKET_TIMEOUT"]))
    stopping.wait()
    if not quiet:
        print("Stopping: saving data…", flush=True)
    server.kill()
    _stop(services, embedded)
    return 0
