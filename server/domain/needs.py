"""What a change needs at the moment it is written, each need with the error said when
it does not hold.

A rule of the domain returns the needs of a change; the store turns each one into a guard
of the one script that commits the change (server/store/guards.py), so the rule is
checked atomically with the writes, on every path that makes that change.
"""

from dataclasses import dataclass

from .errors import DomainError


@dataclass(frozen=True)
class InPhase:
    """The workshop is in one of these phases."""

    phases: tuple[str, ...]
    error: DomainError


@dataclass(frozen=True)
class Unlocked:
    """The board is not locked."""

    error: DomainError


@dataclass(frozen=True)
class WorkshopExists:
    """The workshop still exists (it may be deleted at any moment)."""

    error: DomainError


@dataclass(frozen=True)
class ParticipantExists:
    """The participant is still in the workshop."""

    participant: str
    error: DomainError


@dataclass(frozen=True)
class TableExists:
    """The table exists."""

    table: str
    error: DomainError


@dataclass(frozen=True)
class QuestionExists:
    """The sub-question exists at that table."""

    table: str
    question: str
    error: DomainError


@dataclass(frozen=True)
class NoteExists:
    """The note exists at that table."""

    table: str
    note: str
    error: DomainError


@dataclass(frozen=True)
class NoteIsPublic:
    """The note is seen by everyone at its table (not private, pending or hidden)."""

    note: str
    error: DomainError


@dataclass(frozen=True)
class NoteIsNew:
    """No note of that table has this id yet."""

    table: str
    note: str
    error: DomainError


@dataclass(frozen=True)
class TopicExists:
    """The forum's topic exists."""

    topic: str
    error: DomainError


@dataclass(frozen=True)
class NoNotesAt:
    """None of these tables holds a note."""

    tables: tuple[str, ...]
    error: DomainError


@dataclass(frozen=True)
class SeatedAt:
    """The participant sits at that table now."""

    participant: str
    table: str
    error: DomainError


@dataclass(frozen=True)
class Supports:
    """The participant supports the topic (`yes`), or does not (`yes=False`)."""

    participant: str
    topic: str
    yes: bool
    error: DomainError


@dataclass(frozen=True)
class Reacted:
    """The participant reacted so to the note (`yes`), or has not (`yes=False`)."""

    participant: str
    note: str
    reaction: str
    yes: bool
    error: DomainError


@dataclass(frozen=True)
class NotCarried:
    """The traveller has not carried a note yet after this round."""

    participant: str
    round: int
    error: DomainError


@dataclass(frozen=True)
class HostsNoOtherTable:
    """The participant hosts no table, or only `table` (None: no table at all)."""

    participant: str
    table: str | None
    error: DomainError


@dataclass(frozen=True)
class HasTables:
    """The workshop has at least one table."""

    error: DomainError


@dataclass(frozen=True)
class PlanNotShown:
    """No seating plan has been shown to everyone yet (a draft on the console does not
    count: until it is shown, people may still choose their table)."""

    error: DomainError


@dataclass(frozen=True)
class DoorNot:
    """The workshop's door stands in none of these modes (open, approval, locked)."""

    modes: tuple[str, ...]
    error: DomainError


@dataclass(frozen=True)
class SessionExists:
    """The forum ouvert's session exists."""

    session: str
    error: DomainError


@dataclass(frozen=True)
class ExpectedIs:
    """The headcount the facilitator expects is still this one (None: no limit set)."""

    expected: int | None
    error: DomainError


@dataclass(frozen=True)
class CellFree:
    """No session holds that space in that slot."""

    space: str
    slot: str
    error: DomainError


@dataclass(frozen=True)
class Fewer:
    """Fewer than `limit` of these are in the workshop: "participants", or "lobby" (people
    waiting at the door)."""

    what: str
    limit: int
    error: DomainError


@dataclass(frozen=True)
class SessionAt:
    """The session holds that space in that slot (nobody moved it meanwhile)."""

    session: str
    space: str
    slot: str
    error: DomainError


@dataclass(frozen=True)
class Attended:
    """The participant checked into the session at some point."""

    participant: str
    session: str
    error: DomainError


@dataclass(frozen=True)
class OpenForAmendment:
    """The amendment window of the proceedings is open."""

    error: DomainError


@dataclass(frozen=True)
class Final:
    """The proceedings are final."""

    error: DomainError


@dataclass(frozen=True)
class NotFinal:
    """The proceedings are not final yet."""

    error: DomainError


COUNTERS = ("supports_used", "votes_used", "dots_on_note", "seated", "made")
"""What can be counted: supports one gave, dots one gave, dots one put on one note
(`key` is "<participant>|<note>"), people seated at a table, what someone (or the whole
workshop) made of a kind (`key` is "<participant or *>|<kind>", see caps.py)."""


@dataclass(frozen=True)
class Below:
    """A counter is below a limit (a budget, a cap, a capacity)."""

    counter: str
    key: str
    limit: int
    error: DomainError


@dataclass(frozen=True)
class AtLeast:
    """A counter has reached a number (one has a dot to take back)."""

    counter: str
    key: str
    number: int
    error: DomainError


Need = (InPhase | Unlocked | WorkshopExists | ParticipantExists | TableExists | QuestionExists
        | NoteExists | NoteIsPublic | NoteIsNew | TopicExists | NoNotesAt | SeatedAt | Supports
        | Reacted | NotCarried | HostsNoOtherTable | HasTables | PlanNotShown | Below | AtLeast
        | DoorNot | ExpectedIs | Fewer
        | SessionExists | CellFree | SessionAt | Attended | OpenForAmendment | NotFinal | Final)
