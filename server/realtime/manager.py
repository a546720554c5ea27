"""python-socketio's in-process manager, with each connection's rooms indexed.

The library finds a connection's rooms by walking every room of the server (its own,
each phone's private room, each table's), so every sync and every disconnect cost time
in proportion to everyone connected: 2,000 phones made joining and a reconnection storm
quadratic. This manager keeps the rooms of each connection beside the library's rooms.
"""

import socketio


class IndexedManager(socketio.Manager):
    """The library's manager, answering "which rooms is this connection in" from an index."""

    def __init__(self):
        super().__init__()
        self._joined: dict[tuple[str, str], set] = {}  # (namespace, sid) -> its rooms

    def basic_enter_room(self, sid, namespace, room, eio_sid=None):
        """Add a connection to a room, and to the index."""
        super().basic_enter_room(sid, namespace, room, eio_sid=eio_sid)
        self._joined.setdefault((namespace, sid), set()).add(room)

    def basic_leave_room(self, sid, namespace, room):
        """Take a connection out of a room, and out of the index."""
        super().basic_leave_room(sid, namespace, room)
        rooms = self._joined.get((namespace, sid))
        if rooms is not None:
            rooms.discard(room)
            if not rooms:
                del self._joined[(namespace, sid)]

    def get_rooms(self, sid, namespace):
        """Return the rooms a connection is in (its own room included, as the library does)."""
        return [r for r in self._joined.get((namespace, sid), ()) if r is not None]

    def basic_disconnect(self, sid, namespace, **kwargs):
        """Forget a connection: its rooms from the index, then what the library keeps."""
        if namespace not in self.rooms:
            return
        for room in list(self._joined.get((namespace, sid), ())):
            self.basic_leave_room(sid, namespace, room)
        # The rest of the library's own disconnect (python-socketio 5.x), without its walk
        # of every room: tests/test_manager.py holds the two to the same behaviour.
        self.callbacks.pop(sid, None)
        for pending in (self.pending_connect, self.pending_disconnect):
            if sid in pending.get(namespace, ()):
                pending[namespace].remove(sid)
                if not pending[namespace]:
                    del pending[namespace]
