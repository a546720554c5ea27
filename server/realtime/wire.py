"""How Socket.IO messages are read: JSON that cannot be read still gets an answer.

python-socketio decodes a message's data before anything of ours runs; a payload nested a
thousand deep (or malformed) raised there, and the client waited for an acknowledgement
that never came. Such data reads as one event of our own, MALFORMED, which the namespace
answers with `bad_request`.
"""

import json

MALFORMED = "\x00malformed"


class WireJson:
    """The json module Socket.IO uses: json itself, except for data it cannot read."""

    dumps = staticmethod(json.dumps)

    @staticmethod
    def loads(text, *args, **kwargs):
        """Decode a message's data; data that cannot be read becomes [MALFORMED]."""
        try:
            return json.loads(text, *args, **kwargs)
        except (RecursionError, ValueError):
            return [MALFORMED]
