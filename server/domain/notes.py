"""Sticky notes: text, colour, author or anonymous, under a question or loose."""

from dataclasses import asdict, dataclass, replace

from .errors import N_, DomainError, bad_request, conflict, forbidden, not_found
from .needs import (
    InPhase,
    Need,
    NoteExists,
    NoteIsNew,
    QuestionExists,
    SeatedAt,
    TableExists,
    Unlocked,
)
from .participant import Participant
from .rounds import Rounds
from .secrets import check_id
from .settings import Settings
from .tables import unknown_question, unknown_table
from .text import clean_text
from .visibility import Writing, first_visibility

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
    visibility: str = "public"  # public | private | pending | hidden (domain/visibility.py)
    shown_at: float | None = None  # when a note written alone was revealed (shuffled)
    scribe: str | None = None  # who wrote it for its author (a participant without a phone)
    carried: dict | None = None  # a copy carried from another table (domain/carrying.py)

    def to_dict(self) -> dict:
        """Return the stored form (with the author)."""
        return asdict(self)

    def public(self) -> dict:
        """Return what everyone at the table sees: no author for an anonymous note, no
        scribe, and for a note written alone the moment it was revealed, in a shuffled
        order, so that nobody can tell who wrote first."""
        data = asdict(self)
        if self.anonymous:
            data["author"] = None
            data["author_name"] = ""
        if self.shown_at is not None:
            data["created_at"] = self.shown_at
            data["updated_at"] = max(self.shown_at, self.updated_at if self.version > 1
                                     else self.shown_at)
        del data["scribe"], data["shown_at"]
        return data

    @property
    def writers(self) -> list[str]:
        """The participants whose devices see this note whole: its author and its scribe."""
        return [p for p in (self.author, self.scribe) if p]

    def seen_by(self, viewer: str | None) -> dict:
        """Return the note as `viewer` may see it: whole to its author, public to others."""
        return self.to_dict() if viewer is not None and viewer in self.writers else self.public()

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
        raise note_changed()


def may_change(note: Note, pid: str | None, may_tend_table: bool) -> bool:
    """Tell whether someone may edit, move or delete a note: its author or who tends the table."""
    return may_tend_table or (pid is not None and note.author == pid)


def check_may_change(note: Note, pid: str | None, may_tend_table: bool) -> None:
    """Refuse a change to a note by anyone but its author or who tends its table."""
    if not may_change(note, pid, may_tend_table):
        raise forbidden(N_("Only its author, the table's host or an animator can change a note."))


@dataclass(frozen=True)
class Authoring:
    """What a note needs besides its text: the settings, its author, the round, and how
    notes are written now."""

    settings: Settings
    author: Participant | None
    rounds: Rounds
    writing: Writing


def new_note(payload, context: Authoring, now: float, *, scribe: str | None = None) -> Note:
    """Return the note a participant posts (or a scribe for them), checked, with its first
    visibility."""
    settings, author = context.settings, context.author
    fields = clean_new_note(payload, allow_anonymous=settings.allow_anonymous)
    if author is None:  # they left meanwhile
        raise forbidden()
    table, question = payload.get("table"), payload.get("question")
    if not isinstance(table, str):
        raise bad_request(N_("Say which %(name)s."), name="table")
    if question is not None and not isinstance(question, str):
        raise bad_request(N_("Say which %(name)s."), name="question")
    visibility = first_visibility(
        table=table, text=fields["text"], anonymous=fields["anonymous"],
        writing=context.writing, review_anonymous=settings.review_anonymous,
        words=list(settings.review_words))
    return Note(**fields, table=table, question=question, round=context.rounds.note_round,
                author=author.id, author_name=author.name, created_at=now, updated_at=now,
                visibility=visibility, scribe=scribe)


def moved(note: Note, question, now: float) -> Note:
    """Return the note under another sub-question (None: loose), one version later."""
    if question is not None and not isinstance(question, str):
        raise bad_request(N_("Say which %(name)s."), name="question")
    return replace(note, question=question, updated_at=now, version=note.version + 1)


def wrong_phase() -> DomainError:
    """Build the error for a note outside the café."""
    return DomainError("wrong_phase", N_("Notes are written during the café."))


def locked() -> DomainError:
    """Build the error for a note or a dot while the board is locked."""
    return DomainError("locked", N_("The board is locked: no more notes or votes."))


def unknown_note() -> DomainError:
    """Build the error for a note that does not exist (any more)."""
    return not_found(N_("This note no longer exists."))


def note_changed() -> DomainError:
    """Build the error for an edit based on a version someone else replaced."""
    return conflict(N_("This note was changed meanwhile; here is the current text."))


def posting(note: Note) -> list[Need]:
    """What posting a note needs: the café, an open board, its author seated at its table,
    its question at that table, and an id no note of the table has."""
    needs: list[Need] = [
        InPhase(("cafe",), wrong_phase()), Unlocked(locked()),
        TableExists(note.table, unknown_table()),
        SeatedAt(note.author, note.table, DomainError(
            "not_seated", N_("You can only write at the table where you sit."))),
    ]
    if note.question:
        needs.append(QuestionExists(note.table, note.question, unknown_question()))
    needs.append(NoteIsNew(note.table, note.id,
                           conflict(N_("A note with this id already exists."))))
    return needs


def changing(note: Note, *, question_moved: bool = False) -> list[Need]:
    """What editing, moving or deleting a note needs: the café, an open board, and the
    question it moves under at its table."""
    needs: list[Need] = [InPhase(("cafe",), wrong_phase()), Unlocked(locked())]
    if question_moved and note.question:
        needs.append(QuestionExists(note.table, note.question, unknown_question()))
    return needs


def voted_on(table: str, note: str) -> Need:
    """A dot needs its note still there."""
    return NoteExists(table, note, unknown_note())
