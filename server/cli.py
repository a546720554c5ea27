"""What the `cafe` subcommands do, once eventlet is in place."""

import gc
import logging
import signal
import socket
import sys
import time

from . import create_app

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


def _banner(app, services, host: str, port: int) -> None:
    if services.embedded:
        where = f"embedded Redis in {services.embedded.directory}"
    else:
        where = f"Redis at {app.config['REDIS_URL']}"
    print(f"Café board is running ({where}).")
    for url in _urls(host, port, app.config["PUBLIC_URL"]):
        print(f"  Open {url}/ to create a workshop.")
    if host == "127.0.0.1":
        print("  Phones on the same network cannot reach 127.0.0.1: run `make run HOST=0.0.0.0`.")
    print("Press Ctrl-C to stop.", flush=True)


def serve(host: str, port: int, *, quiet: bool = False) -> int:
    """Serve the app under eventlet until Ctrl-C or SIGTERM, then save and stop cleanly."""
    import eventlet
    import eventlet.event
    import eventlet.wsgi

    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    try:
        app = create_app({"ASYNC_MODE": "eventlet"})
    except Exception as exc:  # a clear sentence, not a traceback, for the usual causes
        print(f"cafe: cannot start: {exc}", file=sys.stderr)
        return 1
    services = app.extensions["cafe"]
    if not services.store.healthy():
        print(f"cafe: cannot reach Redis at {app.config['REDIS_URL']}", file=sys.stderr)
        services.close()
        return 1
    try:
        listener = eventlet.listen((host, port), backlog=2048)
    except OSError as exc:
        print(f"cafe: cannot listen on {host}:{port}: {exc}", file=sys.stderr)
        services.close()
        return 1
    # Accepted sockets inherit TCP_NODELAY: an ack written right after a broadcast must not
    # wait ~40 ms for the client's delayed ACK.
    listener.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, int(app.config["TCP_NODELAY"]))
    if not quiet:
        _banner(app, services, host, port)
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
    server = eventlet.spawn(eventlet.wsgi.server, listener, app, log_output=False,
                            max_size=int(app.config["MAX_CONNECTIONS"]), socket_timeout=None)
    stopping.wait()
    if not quiet:
        print("Stopping: saving data…", flush=True)
    server.kill()
    services.close()
    return 0
