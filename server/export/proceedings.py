"""The book of proceedings of a forum ouvert, in the workshop's language: laid out once
as blocks (headings, paragraphs, lists, tables) that each format then writes.

The words are the report's ("report" context of the catalogue), so the French comes from
translations/fr like every other message.
"""

import datetime as dt
from functools import cache

from babel.dates import format_date

from ..domain.openspace.proceedings import Proceedings
from .words import catalogue

Block = tuple  # ("h", level, text) | ("p", text) | ("ul", [text]) | ("table", head, rows)


@cache
def words(language: str) -> dict:
    """Return the proceedings' words in a language; placeholders are %(name)s."""
    t = catalogue(language)
    return {
        "title": t.pgettext("report", "Book of proceedings"),
        "date": t.pgettext("report", "Date"), "theme": t.pgettext("report", "Theme"),
        "place": t.pgettext("report", "Place"),
        "organisations": t.pgettext("report", "With"),
        "animators": t.pgettext("report", "Facilitation"),
        "intro": t.pgettext("report", "An open forum (Open Space) was held on the theme "
                            "“%(theme)s”: the participants convened %(sessions)s sessions in "
                            "%(spaces)s spaces over %(slots)s time slots, and went where they "
                            "wanted."),
        "attendance": t.pgettext("report", "%(people)s people checked into at least one "
                                 "session; %(bees)s went through several sessions of one "
                                 "slot."),
        "draft": t.pgettext("report", "Draft: the proceedings are not final yet."),
        "grid": t.pgettext("report", "The marketplace"),
        "slot": t.pgettext("report", "Time slot"),
        "sessions": t.pgettext("report", "The sessions"),
        "where": t.pgettext("report", "%(space)s, %(slot)s"),
        "conveners": t.pgettext("report", "Convened by"),
        "key_points": t.pgettext("report", "Key points"),
        "recommendations": t.pgettext("report", "Recommendations"),
        "steps": t.pgettext("report", "Next steps"),
        "owner": t.pgettext("report", "by %(owner)s"),
        "participants": t.pgettext("report", "Who took part"),
        "written_by": t.pgettext("report", "Report written by"),
        "comments": t.pgettext("report", "Comments"),
        "no_report": t.pgettext("report", "No report was written for this session."),
        "all_steps": t.pgettext("report", "Next steps across the sessions"),
        "session": t.pgettext("report", "Session"),
        "chosen": t.pgettext("report", "Recommendations carried forward"),
        "dots": t.pgettext("report", "Dots"),
        "colon": t.pgettext("report", ":"),
        "file": t.pgettext("report", "workshop"),
    }


def _date(iso: str, language: str) -> str:
    try:
        return format_date(dt.date.fromisoformat(iso), "long", locale=language)
    except ValueError:
        return iso


def _step(step, w: dict) -> str:
    return step.what + (" — " + w["owner"] % {"owner": step.owner} if step.owner else "")


def blocks(book: Proceedings) -> tuple[str, list[tuple[str, str]], list[Block]]:
    """Return the title, the header fields and the blocks of the proceedings."""
    d, w = book.details, words(book.details.language)
    header = [(w["date"], _date(d.date, d.language)), (w["theme"], d.theme),
              (w["place"], d.place), (w["organisations"], ", ".join(d.organisations)),
              (w["animators"], ", ".join(d.animators))]
    out: list[Block] = []
    if not book.final:
        out.append(("p", w["draft"]))
    out.append(("p", w["intro"] % {"theme": d.theme, "sessions": len(book.sessions),
                                   "spaces": len(book.spaces), "slots": len(book.grid)}))
    out.append(("p", w["attendance"] % {"people": book.people, "bees": book.bumblebees}))
    out.append(("h", 2, w["grid"]))
    rows = [[" – ".join(x for x in (row.label, "–".join(t for t in (row.start, row.end) if t))
                        if x)]
            + [f"{c.number}. {c.title}" if c.number else "" for c in row.cells]
            for row in book.grid]
    out.append(("table", [w["slot"], *book.spaces], rows))
    out.append(("h", 2, w["sessions"]))
    for s in book.sessions:
        out.append(("h", 3, f"{s.number}. {s.title}"))
        lines = [w["where"] % {"space": s.space, "slot": s.slot}]
        if s.conveners:
            lines.append(f"{w['conveners']}{w['colon']} {', '.join(s.conveners)}")
        out.append(("p", " · ".join(lines)))
        if s.description:
            out.append(("p", s.description))
        if not s.reported:
            out.append(("p", w["no_report"]))
        for name, items in (("key_points", s.key_points),
                            ("recommendations", s.recommendations)):
            if items:
                out += [("h", 4, w[name]), ("ul", list(items))]
        if s.steps:
            out += [("h", 4, w["steps"]), ("ul", [_step(x, w) for x in s.steps])]
        if s.participants:
            out += [("h", 4, w["participants"]), ("p", ", ".join(s.participants))]
        if s.written_by:
            out.append(("p", f"{w['written_by']}{w['colon']} {s.written_by}"))
        if s.comments:
            out += [("h", 4, w["comments"]),
                    ("ul", [f"{name}{w['colon']} {text}" for name, text in s.comments])]
    if book.steps:
        out.append(("h", 2, w["all_steps"]))
        out.append(("table", [w["steps"], w["session"]],
                    [[_step(x, w), f"{x.session}. {x.title}"] for x in book.steps]))
    if book.chosen:
        out.append(("h", 2, w["chosen"]))
        out.append(("table", [w["recommendations"], w["session"], w["dots"]],
                    [[text, title, str(n)] for text, title, n in book.chosen]))
    return w["title"], [(k, v) for k, v in header if v], out
