"""The marketplace's grid: spaces (rooms or corners, with a capacity) and time slots."""

from dataclasses import asdict, dataclass, field

from ..errors import N_, DomainError, bad_request, not_found
from ..text import clean_line

MAX_SPACES = 60
MAX_SLOTS = 12
NAME_MAX = 60
_TIME = "%H:%M"


@dataclass(frozen=True)
class Space:
    """A room or a corner where sessions are held, one per slot."""

    id: str
    name: str
    capacity: int = 20


@dataclass(frozen=True)
class Slot:
    """A time slot of the forum ("Morning 1", 10:00–11:15)."""

    id: str
    label: str
    start: str = ""  # "HH:MM" in the workshop's time zone, "" when not said
    end: str = ""


@dataclass(frozen=True)
class Layout:
    """Every space and slot, in the order the console gave them."""

    spaces: list[Space] = field(default_factory=list)
    slots: list[Slot] = field(default_factory=list)

    def to_dict(self) -> dict:
        """Return the JSON-ready form."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict | None) -> "Layout":
        """Rebuild a layout from its stored form (None: empty)."""
        data = data or {}
        return cls([Space(**s) for s in data.get("spaces", [])],
                   [Slot(**s) for s in data.get("slots", [])])

    def space(self, space_id) -> Space:
        """Return a space by id or raise not_found."""
        for space in self.spaces:
            if space.id == space_id:
                return space
        raise unknown_space()

    def slot(self, slot_id) -> Slot:
        """Return a slot by id or raise not_found."""
        for slot in self.slots:
            if slot.id == slot_id:
                return slot
        raise unknown_slot()


def unknown_space() -> DomainError:
    """Build the error for a space that does not exist (any more)."""
    return not_found(N_("This space no longer exists."))


def unknown_slot() -> DomainError:
    """Build the error for a slot that does not exist (any more)."""
    return not_found(N_("This time slot no longer exists."))


def _time(value, field_name: str) -> str:
    if value in (None, ""):
        return ""
    if not isinstance(value, str) or len(value) != 5 or value[2] != ":" \
            or not (value[:2] + value[3:]).isdigit() or int(value[:2]) > 23 \
            or int(value[3:]) > 59:
        raise DomainError("invalid", N_("A time looks like 09:30."), field=field_name)
    return value


def clean_space(payload) -> dict:
    """Return a space's name and capacity from a console payload, checked."""
    if not isinstance(payload, dict):
        raise bad_request()
    capacity = payload.get("capacity", 20)
    if not isinstance(capacity, int) or isinstance(capacity, bool) or not 1 <= capacity <= 2000:
        raise DomainError("invalid", N_("A whole number from %(low)d to %(high)d."),
                          field="capacity", low=1, high=2000)
    return {"name": clean_line(payload.get("name"), field="name", max_len=NAME_MAX),
            "capacity": capacity}


def clean_slot(payload) -> dict:
    """Return a slot's label, start and end from a console payload, checked."""
    if not isinstance(payload, dict):
        raise bad_request()
    start, end = _time(payload.get("start"), "start"), _time(payload.get("end"), "end")
    if start and end and end <= start:
        raise DomainError("invalid", N_("A slot ends after it starts."), field="end")
    return {"label": clean_line(payload.get("label"), field="label", max_len=NAME_MAX),
            "start": start, "end": end}


def add_space(layout: Layout, space_id: str, fields: dict) -> Layout:
    """Return the layout with one more space (or that space changed, if it exists)."""
    new = Space(id=space_id, **fields)
    if any(s.id == space_id for s in layout.spaces):
        return Layout([new if s.id == space_id else s for s in layout.spaces], layout.slots)
    if len(layout.spaces) >= MAX_SPACES:
        raise DomainError("too_many", N_("At most %(max)d items, please."), max=MAX_SPACES)
    return Layout([*layout.spaces, new], layout.slots)


def add_slot(layout: Layout, slot_id: str, fields: dict) -> Layout:
    """Return the layout with one more slot (or that slot changed, if it exists)."""
    new = Slot(id=slot_id, **fields)
    if any(s.id == slot_id for s in layout.slots):
        return Layout(layout.spaces, [new if s.id == slot_id else s for s in layout.slots])
    if len(layout.slots) >= MAX_SLOTS:
        raise DomainError("too_many", N_("At most %(max)d items, please."), max=MAX_SLOTS)
    return Layout(layout.spaces, [*layout.slots, new])


def remove_cell_part(layout: Layout, *, space: str | None = None,
                     slot: str | None = None, used: set[str]) -> Layout:
    """Return the layout without a space or a slot; refuse one that holds a session."""
    gone = space or slot
    if gone in used:
        raise DomainError("conflict", N_("Sessions are held there; move them first."))
    if space is not None:
        layout.space(space)
        return Layout([s for s in layout.spaces if s.id != space], layout.slots)
    layout.slot(slot)
    return Layout(layout.spaces, [s for s in layout.slots if s.id != slot])
