"""Group commit: script calls that arrive together go to Redis in one pipeline."""

import threading
import time

import redis


class _Call:
    """One caller's script call, waiting for its own reply."""

    __slots__ = ("args", "done", "error", "keys", "reply")

    def __init__(self, keys: list[str], args: list):
        self.keys, self.args = keys, args
        self.done = threading.Event()
        self.reply = None
        self.error: BaseException | None = None


class Grouped:
    """Runs a Lua script for many callers at once: in a burst (every phone's dot in the
    same second) the calls queued while one is being sent share one round trip.

    Each call is still its own script run, atomic by itself, and each caller gets its own
    reply or error: grouping changes how they travel, not what they do. The first caller
    of a group leads it: it lets the green threads that are ready queue theirs (one yield
    of the event loop), then sends them all in one pipeline and hands out the replies.
    """

    def __init__(self, client: redis.Redis, script):
        self._client = client
        self._script = script
        self._lock = threading.Lock()
        self._queue: list[_Call] = []

    def __call__(self, keys: list[str], args: list):
        """Run the script with `keys` and `args`, in a group; return its reply."""
        call = _Call(keys, args)
        with self._lock:
            self._queue.append(call)
            leads = len(self._queue) == 1
        if leads:
            time.sleep(0)  # eventlet: the dots already received queue behind this one
            with self._lock:
                group, self._queue = self._queue, []
            self._send(group)
        else:
            call.done.wait()
        if call.error is not None:
            raise call.error
        return call.reply

    def _send(self, group: list[_Call]) -> None:
        try:
            # EVALSHA itself: a pipeline running a Script asks SCRIPT EXISTS first, a
            # round trip more. A script Redis lost (a restart) is loaded and run again.
            with self._client.pipeline(transaction=False) as pipe:
                for call in group:
                    pipe.evalsha(self._script.sha, len(call.keys), *call.keys, *call.args)
                replies = pipe.execute(raise_on_error=False)
            replies = [self._script(keys=call.keys, args=call.args)
                       if isinstance(reply, redis.exceptions.NoScriptError) else reply
                       for call, reply in zip(group, replies, strict=True)]
        except BaseException as exc:  # every caller gets it, the leader raises it too
            replies = [exc] * len(group)
        for call, reply in zip(group, replies, strict=True):
            if isinstance(reply, BaseException):
                call.error = reply
            else:
                call.reply = reply
            call.done.set()
