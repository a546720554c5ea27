"""The store's own failure: Redis cannot be reached. Nothing above the store sees a
redis-py exception; it sees StoreUnavailable, and knows nothing was written."""

import functools

import redis

_REDIS_DOWN = (redis.ConnectionError, redis.TimeoutError)


class StoreUnavailable(Exception):
    """Redis cannot be reached right now: the read or write did not happen."""


def shielding(fn):
    """Wrap a function so that Redis being unreachable raises StoreUnavailable."""

    @functools.wraps(fn)
    def call(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except _REDIS_DOWN as exc:
            raise StoreUnavailable(str(exc)) from exc

    return call


def shielded(cls):
    """Class decorator: every public method of a repository is shielded."""
    for name, member in list(vars(cls).items()):
        if callable(member) and not name.startswith("_"):
            setattr(cls, name, shielding(member))
    return cls
