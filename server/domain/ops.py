"""Operation ids: the client-made id that makes a write safe to send twice.

An id belongs to its author and its kind of write. Sent again by the same author for the
same event (the first acknowledgement was lost), it gets that acknowledgement back and
changes nothing; used by anyone else, or for another event, it is refused. Otherwise an
id learnt from someone else's note would return that note's acknowledgement, author
included, and acknowledge a write that was never made.
"""

from dataclasses import dataclass

from .errors import N_, DomainError, conflict
from .secrets import check_id


@dataclass(frozen=True)
class Op:
    """One write's id, with who sent it and which event it was."""

    id: str
    author: str  # a participant id, or the surface ("console", "screen")
    kind: str  # the event

    @property
    def owner(self) -> str:
        """What an id is stored with: a retry must come from the same author and event."""
        return f"{self.author}|{self.kind}"


def new_op(value, author: str, kind: str, field: str = "op") -> Op:
    """Return the op of a write from its client-made id, checked."""
    return Op(check_id(value, field), author, kind)


def op_taken() -> DomainError:
    """Build the error for an id that belongs to another author or another kind of write."""
    return conflict(N_("This id belongs to another write; send a new one."))


def check_owner(op: Op, owner: str) -> None:
    """Refuse an op whose id was first used by someone else, or for another event."""
    if owner != op.owner:
        raise op_taken()

