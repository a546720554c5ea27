"""Every note of the workshop as CSV, for a spreadsheet."""

import csv
import datetime as dt
import io

from ..domain.report import Report
from .words import labels


def render(report: Report) -> bytes:
    """Return one row per note: table, topic, round, question, author (unless anonymous),
    colour, votes, time, text. UTF-8 with a BOM, so that spreadsheets read the accents."""
    words = labels(report.details.language)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(words["notes_header"])
    for topic in report.topics:
        for note in topic.notes:
            when = dt.datetime.fromtimestamp(note.created_at, tz=dt.UTC).isoformat(
                timespec="seconds")
            writer.writerow([
                topic.number, topic.title, note.round, note.question,
                words["anonymous"] if note.anonymous else note.author_name,
                words["colours"].get(note.colour, note.colour), note.dots, when,
                _safe(note.text),
            ])
    return ("\ufeff" + out.getvalue()).encode()


def _safe(text: str) -> str:
    """A cell a spreadsheet will not run as a formula (=, +, -, @ at the start)."""
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text
