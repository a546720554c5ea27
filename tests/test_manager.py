"""The indexed Socket.IO manager behaves as python-socketio's own, only faster."""

import random

import socketio

from server.realtime.manager import IndexedManager


class _Server:
    """What a manager asks of its server in these calls: fresh ids."""

    class eio:  # the attribute the manager reads
        count = 0

        @classmethod
        def generate_id(cls):
            cls.count += 1
            return f"s{cls.count}"

    packet_class = socketio.packet.Packet


def _managers():
    pair = []
    for cls in (socketio.Manager, IndexedManager):
        manager = cls()
        manager.set_server(_Server())
        pair.append(manager)
    return pair


def _state(manager, sids):
    rooms = {ns: {room: dict(members) for room, members in by_room.items()}
             for ns, by_room in manager.rooms.items()}
    return (rooms, {sid: sorted(manager.get_rooms(sid, "/")) for sid in sids},
            dict(manager.pending_connect), dict(manager.pending_disconnect),
            set(manager.callbacks))


def test_the_index_answers_as_the_library_does_through_a_thousand_steps():
    chooser = random.Random(17)
    library, indexed = _managers()
    sids: list[str] = []
    for step in range(1000):
        action = chooser.choice(["connect", "connect", "enter", "enter", "enter", "leave",
                                 "callback", "disconnect", "pre_disconnect"])
        if action == "connect" or not sids:
            _Server.eio.count = step * 10  # both managers draw the same sid
            sid = library.connect(f"e{step}", "/")
            _Server.eio.count = step * 10
            assert indexed.connect(f"e{step}", "/") == sid
            sids.append(sid)
            continue
        sid = chooser.choice(sids)
        room = f"room{chooser.randrange(12)}"
        for manager in (library, indexed):
            if action == "enter":
                manager.enter_room(sid, "/", room)
            elif action == "leave":
                manager.leave_room(sid, "/", room)
            elif action == "callback":
                manager._generate_ack_id(sid, lambda *a: None)
            elif action == "pre_disconnect":
                manager.pre_disconnect(sid, "/")
            else:
                manager.disconnect(sid, "/")
        if action == "disconnect":
            sids.remove(sid)
        assert _state(indexed, sids) == _state(library, sids)
    assert not indexed._joined or all(s in sids for _, s in indexed._joined)
