"""The café's settings, resolved in one place: defaults, then the environment, then the caller's.

The environment is every `CAFE_*` variable (values read as JSON when they parse, as text
otherwise, the way Flask's `from_prefixed_env` reads them), and the older names `REDIS_URL`,
`HOST` and `PORT`, read only when their `CAFE_` variable leaves the setting unset. The
caller's values come last: the command line's flags, or a test's config.

This module sits beside the app factory rather than in `server/cli/`: `create_app` (through
`config.configure`) and every `cafe` command read it, and it imports only the domain's
defaults, so imports keep pointing downwards (cli -> app factory -> settings -> domain).
"""

import copy
import json
import os
from collections.abc import Mapping
from urllib.parse import urlsplit

from .domain.door import JOIN_RATE
from .domain.ratelimit import CREATE_LIMIT, MAX_WORKSHOPS, PERSON_RATE, SOCKET_RATE

PREFIX = "CAFE_"

DEFAULTS = {
    "REDIS_URL": None,  # None: start the embedded Redis under DATA_DIR
    "DATA_DIR": "instance",
    "APPENDFSYNC": "everysec",  # the embedded Redis's fsync policy
    "HOST": "127.0.0.1",  # where `cafe serve` listens
    "PORT": 5000,
    "PROCESSES": 1,  # `cafe serve` processes on consecutive ports, sharing one Redis
    "PUBLIC_URL": None,  # base of join links and QR codes; None: the request's own host
    "PROXY_HOPS": 0,  # trusted proxies in front (nginx: 1) whose X-Forwarded-* are believed
    "ALLOWED_ORIGINS": [],  # origins allowed besides the page's own, never "*"
    # Names the server answers to besides addresses and localhost (and PUBLIC_URL's name):
    # a Host header naming anything else is refused (DNS rebinding).
    "ALLOWED_HOSTS": [],
    "ASYNC_MODE": "threading",  # `cafe serve` runs eventlet
    "RETENTION_DAYS": 90,  # a closed workshop is deleted after this, unless kept; 0: never
    "EVENT_RETENTION": 10_000,  # events kept per workshop for replay after a reconnect
    "MAX_HTTP_BUFFER_SIZE": 64 * 1024,  # largest Socket.IO message accepted, in bytes
    "MAX_CONTENT_LENGTH": 64 * 1024,  # largest HTTP request body accepted, in bytes
    "SOCKET_RATE": SOCKET_RATE,  # events per second / burst, per connection
    "PERSON_RATE": PERSON_RATE,  # the same per participant, over their connections
    "JOIN_RATE": JOIN_RATE,  # joins per second / at once, per address, before they wait
    "CREATE_LIMIT": CREATE_LIMIT,  # workshops one address may create per hour
    "CREATE_KEY": None,  # a public instance's key, asked for on the home page to create one
    "MAX_WORKSHOPS": MAX_WORKSHOPS,  # workshops this server keeps at most (until deleted)
    "REDIS_MAX_CONNECTIONS": 200,  # per process; handlers wait for a free one (10 s at most)
    # A write is acknowledged once this many replicas of its master have it (WAIT): a
    # failover then loses no acknowledged write. 0: once the master has it.
    "REDIS_WAIT_REPLICAS": 0,
    "REDIS_WAIT_TIMEOUT": 1000,  # ms WAIT gives the replicas before the write is `unconfirmed`
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


def _parsed(text: str):
    try:
        return json.loads(text)  # CAFE_TCP_NODELAY=false is False, CAFE_PORT=5001 a number
    except (ValueError, RecursionError):
        return text


def _from_environment(settings: dict, environ: Mapping[str, str]) -> None:
    """Lay the `CAFE_*` variables, then the older names, over `settings`."""
    for name in sorted(environ):
        if not name.startswith(PREFIX):
            continue
        value = _parsed(environ[name])
        *parents, key = name.removeprefix(PREFIX).split("__")  # CAFE_A__B sets settings[A][B]
        place = settings
        for parent in parents:
            place = place.setdefault(parent, {})
        place[key] = value
    for key in ("HOST", "PORT"):
        if PREFIX + key not in environ and key in environ:
            settings[key] = environ[key]
    # An empty CAFE_REDIS_URL has always meant "none", so REDIS_URL may fill it too.
    if not settings["REDIS_URL"] and environ.get("REDIS_URL"):
        settings["REDIS_URL"] = environ["REDIS_URL"]


def resolve(given: Mapping | None = None, environ: Mapping[str, str] | None = None) -> dict:
    """Return the settings: defaults, then the environment, then `given` (upper-case keys)."""
    settings = copy.deepcopy(DEFAULTS)
    _from_environment(settings, os.environ if environ is None else environ)
    settings.update({k: v for k, v in (given or {}).items() if k.isupper()})
    settings["HOST"] = str(settings["HOST"])
    settings["PORT"] = int(settings["PORT"])
    settings["PROCESSES"] = int(settings["PROCESSES"])
    settings["ALLOWED_ORIGINS"] = _as_list(settings["ALLOWED_ORIGINS"])
    settings["ALLOWED_HOSTS"] = _as_list(settings["ALLOWED_HOSTS"])
    if settings["PUBLIC_URL"]:
        settings["PUBLIC_URL"] = str(settings["PUBLIC_URL"]).rstrip("/")
        public = urlsplit(settings["PUBLIC_URL"]).hostname
        if public and public not in settings["ALLOWED_HOSTS"]:
            settings["ALLOWED_HOSTS"].append(public)
    return settings
