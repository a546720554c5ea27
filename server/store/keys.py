"""Every Redis key and channel the application uses, in one place.

A workshop's keys share the hash tag ``{CODE}`` so that, on a Redis Cluster, they live
on one slot and a Lua script may touch all of them.
"""

PREFIX = "cafe"
BUS = f"{PREFIX}:bus"  # pub/sub channel carrying every event to every server process
INDEX = f"{PREFIX}:workshops"  # sorted set: code -> creation time


def _w(code: str, thing: str) -> str:
    return f"{PREFIX}:{{{code}}}:{thing}"


def workshop(code: str) -> str:
    """Hash of a workshop: its details (JSON), phase, console key digest."""
    return _w(code, "workshop")


def participants(code: str) -> str:
    """Hash: participant id -> participant JSON."""
    return _w(code, "participants")


def devices(code: str) -> str:
    """Hash: device token digest -> participant id."""
    return _w(code, "devices")


def seq(code: str) -> str:
    """Counter: the workshop's last event sequence number."""
    return _w(code, "seq")


def events(code: str) -> str:
    """Stream of the workshop's recent events, entry id ``<seq>-0``."""
    return _w(code, "events")


def pattern(code: str) -> str:
    """Glob matching every key of one workshop."""
    return _w(code, "*")
