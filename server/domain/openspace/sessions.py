"""Sessions of the marketplace: convened in a free cell of the grid, moved or merged by
their conveners until the marketplace closes, and the clashes shown meanwhile."""

from dataclasses import asdict, dataclass, field, replace

from ..errors import N_, DomainError, bad_request, forbidden, not_found
from ..needs import (
    CellFree,
    InPhase,
    Need,
    NoNotesAt,
    SessionAt,
    SessionExists,
)
from ..similar import groups
from ..text import clean_line
from .layout import Layout

TITLE_MAX = 120
DESCRIPTION_MAX = 200


@dataclass(frozen=True)
class Session:
    """A session someone convenes: a title, a line of description, a cell of the grid."""

    id: str
    title: str
    space: str
    slot: str
    description: str = ""
    conveners: list[str] = field(default_factory=list)  # participant ids; [] from the console
    convener_names: list[str] = field(default_factory=list)
    number: int = 0  # its table's number
    created_at: float = 0.0

    def to_dict(self) -> dict:
        """Return the JSON-ready form."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> "Session":
        """Rebuild a session from its stored form."""
        return cls(**{k: v for k, v in data.items() if k in cls.__dataclass_fields__})

    @property
    def cell(self) -> str:
        """The field naming its cell of the grid."""
        return cell(self.space, self.slot)


def cell(space: str, slot: str) -> str:
    """The name of one cell of the grid: a space in a slot."""
    return f"{space}|{slot}"


def clean_session(payload) -> dict:
    """Return the title and description of a session payload, checked."""
    if not isinstance(payload, dict):
        raise bad_request()
    return {
        "title": clean_line(payload.get("title"), field="title", max_len=TITLE_MAX),
        "description": clean_line(payload.get("description") or None, field="description",
                                  max_len=DESCRIPTION_MAX, min_len=0),
    }


def clean_cell(payload, layout: Layout) -> tuple[str, str]:
    """Return the (space, slot) a payload names, both known."""
    if not isinstance(payload, dict):
        raise bad_request()
    return layout.space(payload.get("space")).id, layout.slot(payload.get("slot")).id


def session_id(payload, name: str = "session") -> str:
    """Return the session a payload names, checked for shape."""
    value = payload.get(name) if isinstance(payload, dict) else None
    if not isinstance(value, str):
        raise bad_request(N_("Say which session."))
    return value


def unknown_session() -> DomainError:
    """Build the error for a session that does not exist (any more)."""
    return not_found(N_("This session no longer exists."))


def cell_taken() -> DomainError:
    """Build the error for a cell of the grid that holds a session already."""
    return DomainError("conflict", N_("Another session has just taken this place and time."))


def market_closed() -> DomainError:
    """Build the error for a change of the marketplace once it is closed."""
    return DomainError("wrong_phase", N_("The marketplace is closed."))


def _in_market() -> Need:
    return InPhase(("forum",), market_closed())


def convening(space: str, slot: str, *, by_console: bool) -> list[Need]:
    """What convening a session needs: the marketplace open (any time before the closing
    circle from the console) and its cell free."""
    phase = InPhase(("setup", "forum", "cafe"), market_closed()) if by_console else _in_market()
    return [phase, CellFree(space, slot, cell_taken())]


def check_convener(session: Session, pid: str | None) -> None:
    """Refuse a change of a session to anyone but its conveners and the console."""
    if pid is not None and pid not in session.conveners:
        raise forbidden(N_("Only the session's conveners may change it."))


def moving(session: Session, space: str, slot: str) -> list[Need]:
    """What moving a session to another cell needs: the marketplace open, the session
    still where it was, the new cell free."""
    return [_in_market(), SessionAt(session.id, session.space, session.slot, unknown_session()),
            CellFree(space, slot, cell_taken())]


def merging(source: Session, target: Session) -> list[Need]:
    """What merging one session into another needs: the marketplace open, both still in
    their cells, and no note yet in the one that goes."""
    if source.id == target.id:
        raise DomainError("invalid", N_("A session cannot be merged into itself."))
    return [_in_market(),
            SessionAt(source.id, source.space, source.slot, unknown_session()),
            SessionAt(target.id, target.space, target.slot, unknown_session()),
            NoNotesAt((source.id,), DomainError(
                "conflict", N_("This session already holds notes.")))]


def merged(source: Session, target: Session) -> Session:
    """Return the target with the source's conveners among its own."""
    conveners, names = list(target.conveners), list(target.convener_names)
    for pid, name in zip(source.conveners, source.convener_names, strict=False):
        if pid not in conveners:
            conveners.append(pid)
            names.append(name)
    return replace(target, conveners=conveners, convener_names=names)


def existing(session: str) -> Need:
    """The session still exists."""
    return SessionExists(session, unknown_session())


def clashes(sessions: list[Session]) -> list[dict]:
    """The marketplace's clashes: a convener booked twice in one slot, and sessions of one
    slot with near-identical titles (suggested to merge). Nothing is refused for them."""
    found: list[dict] = []
    by_slot: dict[str, list[Session]] = {}
    for s in sorted(sessions, key=lambda s: (s.created_at, s.id)):
        by_slot.setdefault(s.slot, []).append(s)
    for slot, here in by_slot.items():
        booked: dict[str, list[str]] = {}
        for s in here:
            for pid in s.conveners:
                booked.setdefault(pid, []).append(s.id)
        for pid, ids in booked.items():
            if len(ids) > 1:
                found.append({"kind": "convener", "slot": slot, "participant": pid,
                              "sessions": ids})
        for ids in groups([(s.id, s.title) for s in here]):
            found.append({"kind": "similar", "slot": slot, "sessions": ids})
    return found
