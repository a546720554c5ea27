"""Every note of the workshop as CSV, for a spreadsheet."""

import csv
import datetime as dt
import io
from zoneinfo import ZoneInfo

from ..domain.report import Report
from .words import labels

# A spreadsheet may run a cell starting with one of these as a formula (or, for a tab or
# a carriage return, start a cell that does), the full-width forms included.
FORMULA_STARTS = frozenset("=+-@\t\r|＝＋－＠")


def render(report: Report) -> bytes:
    """Return one row per note: table, topic, round, question, author (unless anonymous),
    colour, dots, time, text. UTF-8 with a BOM, so that spreadsheets read the accents.
    Times are the workshop's local times, its zone named in the header, each with its
    offset (a spreadsheet, or a reader abroad, knows what they mean)."""
    words = labels(report.details.language)
    zone = ZoneInfo(report.details.timezone)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([label.replace("%(zone)s", report.details.timezone)
                     for label in words["notes_header"]])
    for topic in report.topics:
        for note in topic.notes:
            when = dt.datetime.fromtimestamp(note.created_at, tz=zone).isoformat(
                timespec="seconds")
            author = words["anonymous"] if note.anonymous else note.author_name
            writer.writerow([
                topic.number, safe(topic.title), note.round, safe(note.question), safe(author),
                safe(words["colours"].get(note.colour, note.colour)), note.dots, when,
                safe(note.text),
            ])
    return ("\ufeff" + out.getvalue()).encode()


def safe(text: str) -> str:
    """A cell a spreadsheet shows as typed and never runs as a formula: a quote first if it
    starts (spaces aside) like one."""
    if text[:1] in FORMULA_STARTS or text.lstrip()[:1] in FORMULA_STARTS:
        return "'" + text
    return text
