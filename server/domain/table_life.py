"""What happens at a table besides notes: reactions to notes, and each participant's
"I'm done" or raised hand for the round.

Reactions are a few signs (+1, heart, question, surprise), one of each per person on a
note, counted atomically and sent as tallies (absolute counts a few times a second),
never one message per reaction per phone.
"""

from dataclasses import asdict, dataclass

from .errors import N_, DomainError, bad_request, conflict, forbidden
from .needs import Need, NoteExists, Reacted, Unlocked
from .notes import locked, unknown_note
from .visibility import shown

REACTIONS = ("+1", "heart", "question", "surprise")


def reaction_of(payload) -> tuple[str, str, str, bool]:
    """Return (table, note, reaction, on) of a reaction payload, checked."""
    if not isinstance(payload, dict):
        raise bad_request()
    table, note = payload.get("table"), payload.get("note")
    if not isinstance(table, str) or not isinstance(note, str):
        raise bad_request(N_("Say which note, at which table."))
    reaction = payload.get("reaction")
    if reaction not in REACTIONS:
        raise DomainError("invalid", N_("Unknown reaction."), field="reaction")
    on = payload.get("on", True)
    if not isinstance(on, bool):
        raise DomainError("invalid", N_("Yes or no."), field="on")
    return table, note, reaction, on


def reacting(pid: str, table: str, note: str, reaction: str, on: bool) -> list[Need]:
    """What a reaction needs: an open board, the note (public), and one of each sign per
    person (given once, taken back once)."""
    return [Unlocked(locked()), NoteExists(table, note, unknown_note()),
            shown(note, unknown_note()),
            Reacted(pid, note, reaction, not on, conflict(
                N_("You already reacted so to this note.") if on
                else N_("You had not reacted so to this note.")))]


@dataclass(frozen=True)
class Status:
    """Where a participant stands in the round: done writing, hand raised."""

    done: bool = False
    hand: bool = False

    def to_dict(self) -> dict:
        """Return the JSON-ready form."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict | None) -> "Status":
        """Rebuild from the stored form."""
        data = data or {}
        return cls(bool(data.get("done")), bool(data.get("hand")))


def status_change(status: Status, payload) -> Status:
    """Return the status a payload sets ({"done"?, "hand"?}), checked."""
    if not isinstance(payload, dict) or not {"done", "hand"} & set(payload):
        raise bad_request()
    changes = {}
    for name in ("done", "hand"):
        if name in payload:
            if not isinstance(payload[name], bool):
                raise DomainError("invalid", N_("Yes or no."), field=name)
            changes[name] = payload[name]
    return Status(**{**status.to_dict(), **changes})


def lowered(status: Status, payload) -> tuple[str, Status]:
    """Return (participant, status) of the console's change to someone's status: it lowers
    a raised hand (the facilitator has seen it), and nothing else: saying one is done, or
    raising a hand, is each participant's own."""
    if not isinstance(payload, dict) or not isinstance(payload.get("participant"), str):
        raise bad_request(N_("Say whose hand."))
    if payload.get("hand") is not False or set(payload) - {"participant", "hand", "op"}:
        raise forbidden(N_("The facilitator only lowers a raised hand."))
    return payload["participant"], Status(status.done, False)


def everyone_done(statuses: dict[str, Status], seated: list[str],
                  without_phone: frozenset[str] = frozenset()) -> bool:
    """Whether everyone seated said they are done (a round may then end early). People
    without a phone cannot say it: their table's scribe speaks for the table."""
    counted = [pid for pid in seated if pid not in without_phone]
    return bool(counted) and all(statuses.get(pid, Status()).done for pid in counted)


def present_at(seats: dict[str, str], present: set[str],
               without_phone: frozenset[str] = frozenset()) -> dict[str, list[str]]:
    """Who is at each table right now: seated there and connected. Someone without a
    phone is there as long as they are seated (no device tells otherwise)."""
    out: dict[str, list[str]] = {}
    for pid, table in sorted(seats.items()):
        if pid in present or pid in without_phone:
            out.setdefault(table, []).append(pid)
    return out


def brief(notes: list[dict], reactions: dict[str, dict[str, int]], dots: dict[str, int],
          most: int = 3) -> dict:
    """What a host tells newcomers at a rotation: the notes with the most reactions and
    dots so far, and what travellers carried in (`notes` in their public form)."""
    def weight(note: dict) -> tuple:
        return (-(sum(reactions.get(note["id"], {}).values()) + dots.get(note["id"], 0)),
                -note["created_at"])
    here = [n for n in notes if not n.get("carried")]
    return {"top": sorted(here, key=weight)[:most],
            "arrived": [n for n in notes if n.get("carried")]}
