"""Dots across sessions (optional): every session's recommendations become the notes of
one more table, the ballot, so that the café's own vote (a budget, hidden until the
reveal) chooses what to carry forward, with nothing of its rules written twice."""

from ..errors import N_, DomainError, bad_request
from ..needs import Final, InPhase, Need
from ..notes import Note
from ..tables import TITLE_MAX
from ..text import clean_line
from .reports import Report
from .sessions import Session


def clean_ballot_title(payload) -> str:
    """Return the ballot table's title (the console sends it in the workshop's words)."""
    if not isinstance(payload, dict):
        raise bad_request()
    return clean_line(payload.get("title"), field="title", max_len=TITLE_MAX)


def making_ballot() -> list[Need]:
    """What making the ballot needs: the closing circle, and the proceedings final (no
    recommendation changes under the dots)."""
    return [InPhase(("harvest",), DomainError(
                "wrong_phase", N_("The recommendations are voted on at the closing circle."))),
            Final(DomainError("wrong_phase",
                              N_("Make the proceedings final before voting on them.")))]


def ballot_notes(table: str, sessions: list[Session], reports: dict[str, Report],
                 ids, now: float) -> list[Note]:
    """One note per recommendation, sessions in the order they were convened; each note
    names its session where a note names its author."""
    notes = []
    for session in sessions:
        report = reports.get(session.id)
        for text in report.recommendations if report else []:
            notes.append(Note(id=next(ids), table=table, text=text, colour="green",
                              author="", author_name=session.title, created_at=now,
                              updated_at=now))
    if not notes:
        raise DomainError("empty", N_("No report holds a recommendation yet."))
    return notes
