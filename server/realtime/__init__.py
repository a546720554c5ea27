"""Socket.IO: one namespace, rooms per workshop scope, and the relay from Redis."""

import secrets

from flask_socketio import SocketIO

from ..domain.origins import origin_allowed
from ..store import Store
from . import (
    board,
    console,
    door,
    forum,
    insight,
    openspace,
    participant,
    rounds,
    seating,
    sync,
    synthesis,
    table_life,
    voting,
)
from .housekeeping import Housekeeper
from .manager import IndexedManager
from .namespace import CafeNamespace
from .recent import KEEP, RecentEvents
from .relay import Relay
from .timekeeping import Timekeeper
from .wire import WireJson


def origin_checker(hosts: list[str], extra: list[str]):
    """Return the engine.io origin check: the page's own origin (on a name the server
    answers to, with the scheme it was reached by), plus the origins configured."""

    def check(origin, environ) -> bool:
        if origin is None:
            return True  # not a browser: nothing to protect with CORS
        return origin_allowed(origin, environ.get("HTTP_HOST", ""),
                              environ.get("wsgi.url_scheme", "http"), hosts, extra)

    return check


def init_realtime(app, store: Store) -> tuple[SocketIO, Relay, Housekeeper, Timekeeper]:
    """Create the Socket.IO server for `app`, register the handlers, start the background
    tasks: the relay, the housekeeper and the timekeeper."""
    socketio = SocketIO(
        app,
        async_mode=app.config["ASYNC_MODE"],
        cors_allowed_origins=origin_checker(app.config["ALLOWED_HOSTS"],
                                            app.config["ALLOWED_ORIGINS"]),
        max_http_buffer_size=app.config["MAX_HTTP_BUFFER_SIZE"],
        ping_interval=10,
        ping_timeout=10,
        json=WireJson,
        client_manager=IndexedManager(),
    )
    process = secrets.token_hex(6)  # this process, in the presence counts
    relay = Relay(socketio, store, process,
                  recent=RecentEvents(min(KEEP, int(app.config["EVENT_RETENTION"]))))
    socketio.on_namespace(
        CafeNamespace(store, [
            sync.handlers, console.handlers, participant.handlers, forum.handlers,
            seating.handlers, board.handlers, rounds.handlers, voting.handlers,
            synthesis.handlers, table_life.handlers, insight.handlers, door.handlers,
            openspace.handlers,
        ], socket_rate=app.config["SOCKET_RATE"], person_rate=app.config["PERSON_RATE"],
            channels=relay)
    )
    relay.start()
    keeper = Housekeeper(socketio, store, float(app.config["RETENTION_DAYS"]))
    keeper.start()
    timekeeper = Timekeeper(socketio, store)
    timekeeper.start()
    return socketio, relay, keeper, timekeeper
