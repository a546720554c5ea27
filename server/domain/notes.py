"""Sticky notes: text, colour, author or anonymous, under a question or loose."""

from dataclasses import asdict, dataclass, replace

from .errors import N_, DomainError, bad_request
from .secrets import check_id
from .text import clean_text

COLOURS = ("yellow", "pink", "blue", "green", "orange")
TEXT_MAX = 500


@dataclass(frozen=True)
class Note:
    """A note as stored: the author is always kept, even for an anonymous note."""

    id: str
    table: str
    text: str
    colour: str = "yellow"
    question: str | None = None
    round: int = 1
    author: str = ""
    author_name: str = ""
    anonymous: bool = False
    created_at: float = 0.0
    updated_at: float = 0.0
    version: int = 1

    def to_dict(self) -> dict:
        """Return the stored form (with the author)."""
        return asdict(self)

    def public(self) -> dict:
        """Return what everyone at the table sees: no author for an anonymous note."""
        data = asdict(self)
        if self.anonymous:
            data["author"] = None
            data["author_name"] = ""
        return data

    @classmethod
    def from_dict(cls, data: dict) -> "Note":
        """Rebuild a note from its stored form."""
        return cls(**{k: v for k, v in data.items() if k in cls.__dataclass_fields__})


def clean_new_note(payload, *, allow_anonymous: bool) -> dict:
    """Return the fields of a note to post, checked."""
    if not isinstance(payload, dict):
        raise bad_request()
    anonymous = payload.get("anonymous", False)
    if not isinstance(anonymous, bool):
        raise DomainError("invalid", N_("Yes or no."), field="anonymous")
    if anonymous and not allow_anonymous:
        raise DomainError("forbidden", N_("Anonymous notes are not allowed in this workshop."),
                          field="anonymous")
    return {
        "id": check_id(payload.get("id")),
        "text": clean_text(payload.get("text"), field="text", max_len=TEXT_MAX),
        "colour": check_colour(payload.get("colour", "yellow")),
        "anonymous": anonymous,
    }


def check_colour(value) -> str:
    """Return a colour of the palette or raise."""
    if value not in COLOURS:
        raise DomainError("invalid", N_("Unknown colour."), field="colour")
    return value


def edit_note(note: Note, payload, now: float) -> Note:
    """Return the note with the text or colour a payload changes, one version later."""
    if not isinstance(payload, dict):
        raise bad_request()
    changes: dict = {}
    if "text" in payload:
        changes["text"] = clean_text(payload["text"], field="text", max_len=TEXT_MAX)
    if "colour" in payload:
        changes["colour"] = check_colour(payload["colour"])
    if not changes:
        raise bad_request()
    return replace(note, **changes, updated_at=now, version=note.version + 1)


def check_version(note: Note, payload) -> None:
    """Refuse an edit based on an older version of the note than the stored one."""
    base = payload.get("version") if isinstance(payload, dict) else None
    if base is not None and base != note.version:
        raise DomainError(
            "conflict", N_("This note was changed meanwhile; here is the current text."),
        )


def may_change(note: Note, pid: str | None, may_tend_table: bool) -> bool:
    """Tell whether someone may edit, move or delete a note: its author or who tends the table."""
    return may_tend_table or (pid is not None and note.author == pid)
