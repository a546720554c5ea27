"""The event protocol's vocabulary, named once: the scopes that say who receives an event
and the types of the events the server sends.

The store announces with these names, the relay routes by them, sync follows them; tests
check that docs/protocol.md documents each one and that the page's reducers
(static/js/lib/state.js) apply each one.
"""

from enum import StrEnum

WORKSHOP = "w"
"""Everyone connected to the workshop."""
STAFF = "s"
"""The screen and the console: whole seating plans and rosters, too big for every phone."""
CONSOLE = "c"
"""The console alone: what nobody else may see yet (the counts of a hidden vote)."""
_TABLE = "t:"
_PERSON = "p:"


def table_scope(table: str) -> str:
    """The scope of one table: the phones seated there (or voting on it) and the staff."""
    return _TABLE + table


def person_scope(pid: str) -> str:
    """The private scope of one participant: all their devices."""
    return _PERSON + pid


def table_of(scope: str) -> str | None:
    """The table a scope follows, or None for any other scope."""
    return scope[len(_TABLE):] if scope.startswith(_TABLE) else None


class Event(StrEnum):
    """Every type of event the server sends in its `event` message."""

    WORKSHOP_UPDATED = "workshop_updated"
    WORKSHOP_DELETED = "workshop_deleted"
    PARTICIPANT_JOINED = "participant_joined"
    PARTICIPANT_UPDATED = "participant_updated"
    PARTICIPANT_REMOVED = "participant_removed"
    CROWD = "crowd"
    DOOR_UPDATED = "door_updated"
    LOBBY_ENTERED = "lobby_entered"
    LOBBY_LEFT = "lobby_left"
    LOBBY_COUNT = "lobby_count"
    TOPIC_ADDED = "topic_added"
    TOPIC_UPDATED = "topic_updated"
    TOPIC_SUPPORTERS = "topic_supporters"
    TOPIC_REMOVED = "topic_removed"
    SUPPORT_CHANGED = "support_changed"
    TABLES_SET = "tables_set"
    TABLE_UPDATED = "table_updated"
    SEAT_CHANGED = "seat_changed"
    SEATS_SET = "seats_set"
    QUESTION_SAVED = "question_saved"
    QUESTION_REMOVED = "question_removed"
    NOTE_POSTED = "note_posted"
    NOTE_UPDATED = "note_updated"
    NOTE_REMOVED = "note_removed"
    NOTE_OWNED = "note_owned"
    NOTES_WRITTEN = "notes_written"
    WRITING_UPDATED = "writing_updated"
    ROUNDS_UPDATED = "rounds_updated"
    PLAN_UPDATED = "plan_updated"
    PLAN_SEAT = "plan_seat"
    MY_PLAN = "my_plan"
    MY_SEAT = "my_seat"
    VOTING_UPDATED = "voting_updated"
    VOTES_CHANGED = "votes_changed"
    VOTES_TALLY = "votes_tally"
    VOTES_REVEALED = "votes_revealed"
    VOTES_RESET = "votes_reset"
    DOTS_CAST = "dots_cast"
    VOTE_MINE = "vote_mine"
    REACTIONS_CHANGED = "reactions_changed"
    REACTIONS_TALLY = "reactions_tally"
    REACTION_MINE = "reaction_mine"
    STATUS_CHANGED = "status_changed"
    STATUSES_RESET = "statuses_reset"
    SYNTHESIS_SAVED = "synthesis_saved"
    SYNTHESIS_REMOVED = "synthesis_removed"
    OPENSPACE_UPDATED = "openspace_updated"
    SESSION_SAVED = "session_saved"
    SESSION_REMOVED = "session_removed"
    CLASHES = "clashes"
    SESSION_PRESENCE = "session_presence"
    REPORT_SAVED = "report_saved"
    REPORT_COMMENTED = "report_commented"


COALESCED = frozenset({Event.VOTES_CHANGED, Event.DOTS_CAST, Event.REACTIONS_CHANGED})
"""Kept in the stream, but held back live and sent as absolute values a few times a
second (`votes_tally`, `dots_cast`): each would otherwise reach every phone."""
CROWDING = frozenset({Event.PARTICIPANT_JOINED, Event.PARTICIPANT_REMOVED})
"""After these, phones get a fresh head count (`crowd`) rather than the event."""
