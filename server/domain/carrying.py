"""Ideas that travel: at the end of a round, a traveller carries one note of their table
to the next table they go to. Carrying copies the note, with a link to the original, so
both tables keep their history; the copy says where it came from and who carried it (not
who, for an anonymous note: the carrier is often its author).
"""

from dataclasses import dataclass

from .errors import N_, DomainError
from .needs import Need, NotCarried, NoteIsPublic, TableExists
from .notes import Note, unknown_note
from .participant import Participant
from .rounds import Rounds
from .tables import unknown_table


@dataclass(frozen=True)
class Trip:
    """Where a traveller goes next: the round that ended, the table they leave, the next."""

    round: int
    left: str
    to: str


def trip(rounds: Rounds, plan: dict[str, str]) -> Trip:
    """Return a traveller's trip once a round has ended and the next one is planned, or
    refuse: a note is carried between two rounds, to the next table one goes to."""
    if rounds.status != "between" or not rounds.shown:
        raise DomainError("wrong_state", N_("Notes are carried between two rounds."))
    left, to = plan.get(str(rounds.current)), plan.get(str(rounds.current + 1))
    if not left or not to:
        raise DomainError("wrong_state", N_("You have no table to carry a note to."))
    if left == to:
        raise DomainError("wrong_state", N_("You stay at your table: nothing to carry."))
    return Trip(rounds.current, left, to)


def carried_copy(original: Note, way: Trip, carrier: Participant, *, number: int, new_id: str,
                 now: float) -> Note:
    """Return the copy of a note carried to the traveller's next table."""
    if original.table != way.left:
        raise DomainError("wrong_table", N_("One carries a note of the table one leaves."))
    if original.visibility != "public":
        raise unknown_note()
    named = not original.anonymous
    return Note(
        id=new_id, table=way.to, text=original.text, colour=original.colour,
        round=way.round + 1, author=original.author, author_name=original.author_name,
        anonymous=original.anonymous, created_at=now, updated_at=now,
        carried={"from_table": original.table, "from_number": number,
                 "from_note": original.id, "round": way.round,
                 "by": carrier.id if named else None, "by_name": carrier.name if named else ""},
    )


def carrying(carrier: str, round_: int, copy: Note, original: str) -> list[Need]:
    """What carrying needs: one note per traveller per round, the original still public,
    the next table still there."""
    return [NotCarried(carrier, round_, DomainError(
                "conflict", N_("You have carried a note already this round."))),
            NoteIsPublic(original, unknown_note()),
            TableExists(copy.table, unknown_table())]
