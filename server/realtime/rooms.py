"""Socket.IO room names: one room per event scope of a workshop."""

WORKSHOP = "w"  # the scope every member of a workshop follows
STAFF = "s"  # the screen and the console: whole seating plans, too big for every phone


def room(code: str, scope: str) -> str:
    """Return the room whose members receive the events of `scope` in workshop `code`."""
    return f"{code}/{scope}"


def person(pid: str) -> str:
    """Return the private scope of one participant (all their devices)."""
    return f"p:{pid}"
