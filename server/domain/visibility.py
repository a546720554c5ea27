"""Who sees a note: everyone at its table, or only its author (and the console) while it is
written alone, waits for review, or was hidden by moderation.

- **public**: the table's phones, the screen and the console see it.
- **private**: written alone; until the table is revealed, only its author sees it, and
  the others see how many notes were written (people anchor on the first notes they see).
- **pending**: waits for the console's review (an anonymous note when the facilitator asks
  for review, or a note with a word of their list); its author sees it as waiting.
- **hidden**: hidden by the console; it stays in the workshop's record and can be restored.

The console sees every note, always in its public form: whoever moderates never learns who
wrote an anonymous note.
"""

import re
import secrets
import unicodedata
from dataclasses import dataclass

from .errors import N_, DomainError, bad_request, forbidden
from .needs import Need, NoteIsPublic

VISIBILITIES = ("public", "private", "pending", "hidden")


@dataclass(frozen=True)
class Writing:
    """How notes are written: in the open, or alone until each table is revealed."""

    private: bool = False
    revealed: tuple[str, ...] = ()  # tables revealed since writing alone began (this round)

    def to_dict(self) -> dict:
        """Return the JSON-ready form."""
        return {"private": self.private, "revealed": list(self.revealed)}

    @classmethod
    def from_dict(cls, data: dict | None) -> "Writing":
        """Rebuild from the stored form."""
        data = data or {}
        return cls(bool(data.get("private")), tuple(data.get("revealed") or ()))

    def hides(self, table: str) -> bool:
        """Whether a note written now at `table` stays with its author until the reveal."""
        return self.private and table not in self.revealed


def _folded(text: str) -> str:
    """Lower case, without accents: "Écœurant" and "ecœurant" match one word."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def flagged(text: str, words: list[str]) -> bool:
    """Whether a note's text holds one of the facilitator's words (whole words, any case,
    with or without accents)."""
    folded = _folded(text)
    return any(re.search(rf"(?<!\w){re.escape(_folded(w))}(?!\w)", folded) for w in words)


def first_visibility(*, table: str, text: str, anonymous: bool, writing: Writing,
                     review_anonymous: bool, words: list[str]) -> str:
    """The visibility of a note as it is posted."""
    if (anonymous and review_anonymous) or flagged(text, words):
        return "pending"
    return "private" if writing.hides(table) else "public"


def revealed(writing: Writing, table: str | None, tables: list[str]) -> Writing:
    """The writing once a table (None: every table) is revealed."""
    shown = tables if table is None else [table]
    return Writing(writing.private, tuple(sorted({*writing.revealed, *shown})))


def check_writing(payload) -> bool:
    """Return whether notes are to be written alone (the console's switch), checked."""
    private = payload.get("private") if isinstance(payload, dict) else None
    if not isinstance(private, bool):
        raise DomainError("invalid", N_("Yes or no."), field="private")
    return private


def check_reveal_all(role: str) -> None:
    """Refuse revealing every table at once to anyone but the console."""
    if role != "console":
        raise forbidden(N_("Only the facilitator reveals every table at once."))


def moderated(payload) -> str:
    """Return the visibility the console gives a note: "public" (approve or restore) or
    "hidden"."""
    value = payload.get("visibility") if isinstance(payload, dict) else None
    if value not in ("public", "hidden"):
        raise bad_request(N_("Say public or hidden."))
    return value


def shown(note_id: str, error: DomainError) -> Need:
    """A dot or a reaction needs its note public."""
    return NoteIsPublic(note_id, error)


def shuffled(items: list) -> list:
    """The notes of a reveal in an order nobody can guess: not the order they were
    written in (anchoring on the first notes is what writing alone avoids)."""
    return secrets.SystemRandom().sample(items, len(items))
