"""Every note of the workshop as CSV, for a spreadsheet."""

import csv
import datetime as dt
import io

from .labels import labels


def render(document: dict) -> bytes:
    """Return one row per note: table, topic, round, question, author (unless anonymous),
    colour, votes, time, text. UTF-8 with a BOM, so that spreadsheets read the accents."""
    details = document["workshop"]["details"]
    words = labels(details.get("language", "fr"))
    tables = {t["id"]: t for t in document["tables"]}
    questions = {q["id"]: q["text"] for q in document["questions"]}
    votes: dict[str, int] = {}
    for pair, n in document["votes"].items():
        note = pair.split("|", 1)[1]
        votes[note] = votes.get(note, 0) + n
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(words["notes_header"])
    notes = sorted(document["notes"], key=lambda n: (
        tables.get(n["table"], {}).get("number", 0), n["created_at"], n["id"]))
    for note in notes:
        table = tables.get(note["table"], {})
        when = dt.datetime.fromtimestamp(note["created_at"], tz=dt.UTC).isoformat(
            timespec="seconds")
        writer.writerow([
            table.get("number", ""), table.get("title", ""), note.get("round", ""),
            questions.get(note.get("question"), ""),
            words["anonymous"] if note.get("anonymous") else note.get("author_name", ""),
            words["colours"].get(note.get("colour", ""), note.get("colour", "")),
            votes.get(note["id"], 0), when,
            _safe(note["text"]),
        ])
    return ("\ufeff" + out.getvalue()).encode()


def _safe(text: str) -> str:
    """A cell a spreadsheet will not run as a formula (=, +, -, @ at the start)."""
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text
