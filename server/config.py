"""Configuration: defaults, then CAFE_* environment variables, then the test config."""

import os
import secrets

from .domain.ratelimit import PERSON_RATE, SOCKET_RATE

DEFAULTS = {
    "REDIS_URL": None,  # None: start the embedded Redis under DATA_DIR
    "DATA_DIR": "instance",
    "PUBLIC_URL": None,  # base of join links and QR codes; None: the request's own host
    "PROXY_HOPS": 0,  # trusted proxies in front (nginx: 1) whose X-Forwarded-* are believed
    "ALLOWED_ORIGINS": [],  # origins allowed besides the page's own, never "*"
    "ASYNC_MODE": "threading",  # `cafe serve` runs eventlet
    "RETENTION_DAYS": 90,  # a closed workshop is deleted after this, unless kept; 0: never
    "EVENT_RETENTION": 10_000,  # events kept per workshop for replay after a reconnect
    "APPENDFSYNC": "everysec",  # the embedded Redis's fsync policy
    "MAX_HTTP_BUFFER_SIZE": 64 * 1024,  # largest Socket.IO message accepted, in bytes
    "MAX_CONTENT_LENGTH": 64 * 1024,  # largest HTTP request body accepted, in bytes
    "SOCKET_RATE": SOCKET_RATE,  # events per second / burst, per connection
    "PERSON_RATE": PERSON_RATE,  # the same per participant, over their connections
    "REDIS_MAX_CONNECTIONS": 200,  # per process; handlers wait for a free one (10 s at most)
    # Server tuning; each one is on by default and can be turned off only to measure its
    # effect (docs/performance.md).
    "MAX_CONNECTIONS": 10_000,  # open sockets eventlet accepts (its own default: 1,024)
    "MAX_CONNECTIONS_PER_ADDRESS": None,  # None: 1,000, or no cap behind a proxy (PROXY_HOPS)
    "HEADER_TIMEOUT": 10,  # seconds a connection has to send its request line and headers
    "SOCKET_TIMEOUT": 60,  # seconds a connection may stall mid-request before it is closed
    "TCP_NODELAY": True,  # acks are not held back ~40 ms behind a broadcast
    "GC_FREEZE": True,  # start-up objects stay out of the full collections
    # Young collections every 10,000 allocations rather than 700: messages in flight die
    # young instead of being promoted, so full collections (200 ms at 2,000 sockets) are
    # rare. "" keeps Python's own thresholds.
    "GC_THRESHOLD": "10000,20,100",
}


def _as_list(value) -> list[str]:
    if isinstance(value, str):
        return [v.strip() for v in value.split(",") if v.strip()]
    return list(value or [])


def configure(app, test_config: dict | None) -> None:
    """Fill app.config from defaults, the environment (prefix CAFE_) and `test_config`."""
    app.config.from_mapping(DEFAULTS)
    app.config.from_prefixed_env("CAFE")
    if not app.config["REDIS_URL"] and os.environ.get("REDIS_URL"):
        app.config["REDIS_URL"] = os.environ["REDIS_URL"]
    if test_config:
        app.config.from_mapping(test_config)
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = secrets.token_hex(32)
    app.config["ALLOWED_ORIGINS"] = _as_list(app.config["ALLOWED_ORIGINS"])
    if "*" in app.config["ALLOWED_ORIGINS"]:
        raise ValueError("CAFE_ALLOWED_ORIGINS may not contain '*': list the origins")
    if app.config["PUBLIC_URL"]:
        app.config["PUBLIC_URL"] = str(app.config["PUBLIC_URL"]).rstrip("/")
