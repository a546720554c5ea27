"""Socket.IO room names: one room per event scope of a workshop."""


def room(code: str, scope: str) -> str:
    """Return the room whose members receive the events of `scope` in workshop `code`."""
    return f"{code}/{scope}"


SCREENS = "screens"
"""The room of a workshop's screens (not an event scope): cut when their link is renewed."""
