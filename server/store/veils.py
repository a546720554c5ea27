"""How a note's events reach who may see it, and how its visibility is written.

A public note's events go to its table; any other note's (written alone, waiting for
review, hidden by moderation) go to its author's devices (and its scribe's) and to the
console, in its public form there: the console never learns an anonymous author.
"""

from ..domain.notes import Note
from ..domain.protocol import CONSOLE, STAFF, Event, person_scope, table_scope
from . import keys
from .commit import Change


def announce_note(change: Change, kind: Event, note: Note) -> None:
    """Announce a note's event to whoever may see the note."""
    if note.visibility == "public":
        change.announce(table_scope(note.table), kind, note.public())
        return
    for pid in note.writers:
        change.announce(person_scope(pid), kind, note.to_dict())
    change.announce(CONSOLE, kind, note.public())


def announce_removal(change: Change, note: Note) -> None:
    """Announce that a note was deleted, to whoever could see it."""
    data = {"id": note.id, "table": note.table}
    if note.visibility == "public":
        change.announce(table_scope(note.table), Event.NOTE_REMOVED, data)
        return
    for pid in note.writers:
        change.announce(person_scope(pid), Event.NOTE_REMOVED, data)
    change.announce(CONSOLE, Event.NOTE_REMOVED, data)


def write_visibility(change: Change, before: Note | None, after: Note | None) -> None:
    """Write what a note's new visibility changes besides the note itself: the veiled
    notes' index, the count of notes written alone, and what the table is told."""
    code = change.code
    was = before.visibility if before else None
    now = after.visibility if after else None
    note = after or before
    if now not in (None, "public"):
        change.write("HSET", keys.veiled(code), note.id, now)
    elif was not in (None, "public"):
        change.write("HDEL", keys.veiled(code), note.id)
    step = (now == "private") - (was == "private")
    if step:
        count = change.write("HINCRBY", keys.written(code), note.table, step)
        data = {"table": note.table}
        change.announce(table_scope(note.table), Event.NOTES_WRITTEN, data, fill={"count": count})
        change.announce(STAFF, Event.NOTES_WRITTEN, data, fill={"count": count})
    if before and after and was != now:
        if now == "public":  # the table sees it now (revealed, approved, restored)
            change.announce(table_scope(note.table), Event.NOTE_POSTED, after.public())
        elif was == "public":  # it leaves every screen
            change.announce(table_scope(note.table), Event.NOTE_REMOVED,
                            {"id": note.id, "table": note.table})
