"""The door of a workshop: who comes in at once, who waits for the facilitator, who is
turned away. No accounts: the facilitator holds the door from the console.

- **open**: anyone with the code joins, up to the expected headcount if one is set
  (beyond it, newcomers wait in the lobby for approval);
- **approval**: every newcomer waits in the lobby (let in, merged with someone already
  there, or refused);
- **locked**: nobody new joins; devices already in come back as usual.

A burst of joins from one address far above a room's pace (a script with the code read
off the projector) is held in the lobby rather than refused: a venue's Wi-Fi puts a whole
room behind one address, and a held person is let in with one click.
"""

import hashlib
import hmac
from dataclasses import asdict, dataclass

from .errors import N_, DomainError, bad_request, not_found
from .needs import DoorNot, ExpectedIs, Fewer, Need
from .participant import joining

MODES = ("open", "approval", "locked")
EXPECTED_MAX = 5000
JOIN_RATE = "2.5/150"
"""Joins one address may make: a bucket of 150 that refills at 2.5 a second. bench/door.py
runs it against rooms of 300 behind one NAT: over two minutes with half of them in the
first 12 s (18 a second at the peak), nobody waits; crammed into one minute, a few do.
A script's hundreds a second are held after the first 150 (the pace the issue suggested,
30 a minute, would hold 211 of a real room of 300)."""
LOBBY_MAX = 500  # newcomers who may wait at once; beyond, the door refuses
BATCH_MAX = LOBBY_MAX  # entries let in or refused by one click
REASONS = ("approval", "expected", "burst")


@dataclass(frozen=True)
class Door:
    """How the door stands: its mode, and the headcount expected (None: no limit)."""

    mode: str = "open"
    expected: int | None = None

    def to_dict(self) -> dict:
        """Return the JSON-ready form."""
        return asdict(self)


@dataclass(frozen=True)
class Waiting:
    """Someone in the lobby: what they typed, when, why they wait, and from where (a short
    tag of their address, so the console can see a burst: never the address itself)."""

    id: str
    name: str
    organisation: str = ""
    language: str = "fr"
    at: float = 0.0
    reason: str = "approval"
    source: str = ""

    def to_dict(self) -> dict:
        """Return the JSON-ready form."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> "Waiting":
        """Rebuild from the stored form, ignoring unknown fields."""
        return cls(**{k: v for k, v in data.items() if k in cls.__dataclass_fields__})

    def profile(self) -> dict:
        """Return the profile the person joins with once let in."""
        return {"name": self.name, "organisation": self.organisation,
                "language": self.language}


def read_door(mode: str | None, expected: str | None) -> Door:
    """Rebuild the door from its stored fields (none stored: open, no limit)."""
    return Door(mode if mode in MODES else "open", int(expected) if expected else None)


def door_change(door: Door, payload) -> Door:
    """Return the door a console payload sets ({"mode"?, "expected"?}), checked."""
    if not isinstance(payload, dict) or not {"mode", "expected"} & set(payload):
        raise bad_request(N_("Say how the door stands: its mode or the headcount expected."))
    mode, expected = payload.get("mode", door.mode), payload.get("expected", door.expected)
    if mode not in MODES:
        raise DomainError("invalid", N_("Open, on approval, or locked."), field="mode")
    if expected is not None and (not isinstance(expected, int) or isinstance(expected, bool)
                                 or not 1 <= expected <= EXPECTED_MAX):
        raise DomainError("invalid", N_("A whole number from %(low)d to %(high)d."),
                          field="expected", low=1, high=EXPECTED_MAX)
    return Door(mode, expected)


def admission(door: Door, head_count: int, burst: bool) -> str | None:
    """How a newcomer comes in: None (at once), or why they wait ("approval", "expected",
    "burst"); refuse one at a locked door."""
    if door.mode == "locked":
        raise locked_out()
    if door.mode == "approval":
        return "approval"
    if door.expected is not None and head_count >= door.expected:
        return "expected"
    return "burst" if burst else None


def entering(code: str, door: Door, *, moved: DomainError) -> list[Need]:
    """What coming straight in needs: the workshop open to newcomers, the door as it was
    read, and a place left under the expected headcount; `moved` is said when the door
    changed meanwhile (the store then reads it again and decides anew)."""
    needs = [*joining(code), DoorNot(("locked", "approval"), moved),
             ExpectedIs(door.expected, moved)]
    if door.expected is not None:
        needs.append(Fewer("participants", door.expected, moved))
    return needs


def waiting_in(code: str) -> list[Need]:
    """What waiting in the lobby needs: the workshop open to newcomers, the door not
    locked, and room in the lobby."""
    return [*joining(code), DoorNot(("locked",), locked_out()),
            Fewer("lobby", LOBBY_MAX, lobby_full())]


def locked_out() -> DomainError:
    """Build the error for a newcomer at a locked door."""
    return DomainError("locked_out", N_(
        "This workshop takes no new participants now: ask the facilitator."))


def lobby_full() -> DomainError:
    """Build the error for a newcomer when too many already wait."""
    return DomainError("lobby_full", N_(
        "Too many people are waiting to come in: ask the facilitator."))


def waiting() -> DomainError:
    """Build the error a device waiting in the lobby gets when it connects."""
    return DomainError("waiting", N_("The facilitator will let you in in a moment."))


def turned_away() -> DomainError:
    """Build the error a device the facilitator refused gets when it connects."""
    return DomainError("refused", N_("The facilitator did not let this device in: ask them."))


def check_standing(standing: str | None) -> None:
    """Refuse a device that waits at the door (it asks again) or was turned away."""
    if standing == "waiting":
        raise waiting()
    if standing == "refused":
        raise turned_away()


def not_waiting() -> DomainError:
    """Build the error for letting in or refusing someone who no longer waits."""
    return not_found(N_("This person no longer waits at the door."))


def check_entries(payload) -> list[str]:
    """Return the lobby entries a console payload names ({"ids": [...]}), checked."""
    ids = payload.get("ids") if isinstance(payload, dict) else None
    if not isinstance(ids, list) or not ids or len(ids) > BATCH_MAX:
        raise bad_request(N_("Name from 1 to %(max)d people waiting."), max=BATCH_MAX)
    if not all(isinstance(i, str) and 0 < len(i) <= 64 for i in ids):
        raise bad_request(N_("Name from 1 to %(max)d people waiting."), max=BATCH_MAX)
    return list(dict.fromkeys(ids))


def check_merge(payload: dict, ids: list[str]) -> str | None:
    """Return the participant one person waiting is merged into, if the payload says so."""
    into = payload.get("into")
    if into is None:
        return None
    if not isinstance(into, str) or not into or len(ids) != 1:
        raise bad_request(N_("Merge one person waiting into one participant."))
    return into


def check_window(payload) -> tuple[float, float]:
    """Return the (from, to) times of a console's sweep of idle participants, checked."""
    start = payload.get("from") if isinstance(payload, dict) else None
    end = payload.get("to") if isinstance(payload, dict) else None
    if not all(isinstance(v, int | float) and not isinstance(v, bool) for v in (start, end)):
        raise bad_request(N_("Say from when to when (seconds since 1970)."))
    if end < start:
        raise DomainError("invalid", N_("The end comes before the start."), field="to")
    return float(start), float(end)


def idle(joined_at: float, window: tuple[float, float], *, sat: bool, made: bool,
         phone: bool) -> bool:
    """Whether someone joined with a phone within a window and never sat nor did anything
    (wrote, supported, voted): a sweep removes them."""
    return phone and window[0] <= joined_at <= window[1] and not sat and not made


def source_tag(code: str, address: str | None, salt: str) -> str:
    """A short tag of the address someone joined from, for this workshop only: it tells
    one address from another on the console, and cannot be turned back into the address
    (keyed with the server's secret salt, so nobody can hash every IPv4 address to find
    it; 24 bits, so about 256 addresses would share each tag anyway)."""
    if not address:
        return ""
    return hmac.new(salt.encode(), f"{code}|{address}".encode(), hashlib.sha256).hexdigest()[:6]
