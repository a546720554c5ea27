"""Who sits where, written the same way by every path that seats someone: choosing a
table, the console's hand, a new host, a latecomer, a removal."""

from ..domain.protocol import STAFF, Event, person_scope
from . import keys
from .commit import Change, Race


def announce_seat(change: Change, pid: str, table: str | None) -> None:
    """Tell the staff and the participant's own devices where someone now sits."""
    data = {"participant": pid, "table": table}
    change.announce(STAFF, Event.SEAT_CHANGED, data)
    change.announce(person_scope(pid), Event.SEAT_CHANGED, data)
    change.resync_each([pid])  # their table is what they follow


def move_seat(change: Change, pid: str, old: str | None, new: str | None) -> bool:
    """Write someone's move from table `old` to `new` (None: no table), guarded on `old`
    being still where they sit; return whether anything moves."""
    seats, counts = keys.seats(change.code), keys.seat_count(change.code)
    if old is None:
        change.require("hmissing", seats, pid, error=Race())
    else:
        change.require("hequals", seats, pid, old, error=Race())
    if old == new:
        return False
    if old is not None:
        change.write("HINCRBY", counts, old, -1)
    if new is None:
        change.write("HDEL", seats, pid)
    else:
        change.write("HSET", seats, pid, new)
        change.write("HINCRBY", counts, new, 1)
    announce_seat(change, pid, new)
    return True
