"""The world-café board: `create_app` builds the Flask application."""

from dataclasses import dataclass
from pathlib import Path

from .paths import bundled


@dataclass
class Services:
    """What the app holds for its lifetime: the store, Socket.IO, its background tasks
    (the relay, the housekeeper, the timekeeper that ends rounds on time)."""

    store: object
    socketio: object
    relay: object
    keeper: object
    timekeeper: object

    def close(self) -> None:
        """Stop the background tasks and close the connections."""
        self.relay.stop()
        self.keeper.stop()
        self.timekeeper.stop()
        self.store.close()


def create_app(test_config: dict | None = None):
    """Build the app on the configured Redis: config, store, web, realtime."""
    # Imported here, not at module level, so that `cafe serve` can monkey-patch with
    # eventlet before Flask, redis-py or logging are first imported.
    import contextlib

    from flask import Flask

    from .config import configure
    from .i18n import init_i18n
    from .realtime import init_realtime
    from .store import StoreUnavailable, connect
    from .web import init_web

    app = Flask(
        __name__,
        template_folder=str(bundled("templates")),
        static_folder=str(bundled("static")),
    )
    configure(app, test_config)
    # Flask's instance folder is the data folder: not beside the code, which an installed
    # wheel keeps in a read-only site-packages.
    app.instance_path = str(Path(app.config["DATA_DIR"]).resolve())
    if not app.config["REDIS_URL"]:
        # Starting a Redis is the boot path's work (server/cli/embedded.py), not the app's.
        raise ValueError("no Redis configured: set CAFE_REDIS_URL, or start with `cafe serve`")
    store = connect(
        app.config["REDIS_URL"],
        retention=app.config["EVENT_RETENTION"],
        max_connections=app.config["REDIS_MAX_CONNECTIONS"],
        wait_replicas=int(app.config["REDIS_WAIT_REPLICAS"]),
        wait_timeout=int(app.config["REDIS_WAIT_TIMEOUT"]),
    )
    with contextlib.suppress(StoreUnavailable):  # `cafe serve` then says Redis is down
        store.upgrade()
    init_i18n(app)
    socketio, relay, keeper, timekeeper = init_realtime(app, store)
    if app.config["PROXY_HOPS"]:
        # Behind nginx: the client's address and scheme come from X-Forwarded-*, set by
        # that many trusted proxies (wrapped outside Socket.IO, so connections see them too).
        from werkzeug.middleware.proxy_fix import ProxyFix

        hops = int(app.config["PROXY_HOPS"])
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)
    app.extensions["cafe"] = Services(store, socketio, relay, keeper, timekeeper)
    init_web(app)
    return app
