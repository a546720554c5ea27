"""The floor to compare with: a bare Flask-SocketIO relay under the same server settings.

A phone joins the room of its table (auth {"room": table}), a screen the room "*";
`note_post` is re-emitted to the table's room and to the screens, then acknowledged.
No storage, no rules: what is left is the cost of Socket.IO itself.

    .venv/bin/python bench/bare_relay.py --port 5050
"""

import eventlet

eventlet.monkey_patch()

import argparse  # noqa: E402
import gc  # noqa: E402
import socket  # noqa: E402

import eventlet.wsgi  # noqa: E402
from flask import Flask, request  # noqa: E402
from flask_socketio import SocketIO, join_room  # noqa: E402

app = Flask(__name__)
sio = SocketIO(app, async_mode="eventlet", ping_interval=10, ping_timeout=10,
               max_http_buffer_size=64 * 1024)
rooms: dict[str, str] = {}


@sio.on("connect")
def connect(auth):
    room = (auth or {}).get("room", "*")
    rooms[request.sid] = room
    join_room(room)


@sio.on("disconnect")
def disconnect(reason=None):
    rooms.pop(request.sid, None)


@sio.on("note_post")
def note_post(data):
    room = rooms[request.sid]
    event = {"seq": None, "scope": f"t:{room}", "type": "note_posted",
             "data": {"id": data["id"], "table": room, "text": data["text"],
                      "author": request.sid}}
    sio.emit("event", event, to=room)
    sio.emit("event", event, to="*")
    return {"ok": True}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=5050)
    port = parser.parse_args().port
    listener = eventlet.listen(("127.0.0.1", port), backlog=2048)
    listener.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    gc.collect()
    gc.freeze()
    eventlet.wsgi.server(listener, app, log_output=False, max_size=10_000, socket_timeout=None)


if __name__ == "__main__":
    main()
