"""The book of proceedings of a forum ouvert: the model every renderer draws, built from
the archive. The marketplace grid, each session's report with who took part and the
comments made in the amendment window, and every session's next steps in one list.

Like the café's report, it keeps no participant id: names only, as people gave them.
"""

import unicodedata
from dataclasses import dataclass, fields, is_dataclass, replace

from ..report import Details, _details
from ..text import french_spacing


@dataclass(frozen=True)
class Cell:
    """One cell of the grid: a session's number and title, or nothing."""

    number: int = 0
    title: str = ""


@dataclass(frozen=True)
class Row:
    """One slot of the grid: its label and times, and a cell per space."""

    label: str
    start: str
    end: str
    cells: tuple[Cell, ...]


@dataclass(frozen=True)
class Step:
    """A next step, with its owner and the session it comes from."""

    what: str
    owner: str
    session: int
    title: str


@dataclass(frozen=True)
class SessionReport:
    """One session in the proceedings."""

    number: int
    title: str
    description: str
    space: str
    slot: str
    conveners: tuple[str, ...]
    key_points: tuple[str, ...]
    recommendations: tuple[str, ...]
    steps: tuple[Step, ...]
    participants: tuple[str, ...]
    comments: tuple[tuple[str, str], ...]  # (name, text)
    written_by: str = ""
    reported: bool = False


@dataclass(frozen=True)
class Proceedings:
    """The whole book: header, grid, sessions in grid order, the cross-session steps."""

    details: Details
    spaces: tuple[str, ...]
    grid: tuple[Row, ...]
    sessions: tuple[SessionReport, ...]
    steps: tuple[Step, ...]
    people: int
    bumblebees: int
    final: bool
    chosen: tuple[tuple[str, str, int], ...] = ()  # (recommendation, session, dots)


def _order(part: dict) -> list[dict]:
    slots = [s["id"] for s in part["layout"]["slots"]]
    spaces = [s["id"] for s in part["layout"]["spaces"]]
    return sorted(part["sessions"], key=lambda s: (
        slots.index(s["slot"]) if s["slot"] in slots else len(slots),
        spaces.index(s["space"]) if s["space"] in spaces else len(spaces), s["number"]))


def build_proceedings(document: dict) -> Proceedings:
    """Return the proceedings of an archived forum ouvert."""
    part = document.get("openspace") or {"layout": {"spaces": [], "slots": []},
                                         "sessions": [], "visits": [], "reports": [],
                                         "comments": [], "amendment": ""}
    layout = part["layout"]
    space_names = {s["id"]: s["name"] for s in layout["spaces"]}
    labels = {s["id"]: s["label"] for s in layout["slots"]}
    ordered = _order(part)
    at = {(s["space"], s["slot"]): s for s in ordered}
    grid = tuple(Row(slot["label"], slot.get("start", ""), slot.get("end", ""), tuple(
        Cell(at[(space["id"], slot["id"])]["number"], at[(space["id"], slot["id"])]["title"])
        if (space["id"], slot["id"]) in at else Cell() for space in layout["spaces"]))
        for slot in layout["slots"])
    reports = {r["session"]: r for r in part["reports"]}
    # Who took part, from the check-ins as they ended (a report saved early names only
    # those there by then).
    names = {p["id"]: p["name"] for p in document.get("participants", [])}
    came: dict[str, set[str]] = {}
    for visit in part["visits"]:
        pid, sid = visit.split("|", 1)
        if pid in names:
            came.setdefault(sid, set()).add(names[pid])
    sessions, steps = [], []
    for s in ordered:
        report = reports.get(s["id"], {})
        own = tuple(Step(x["what"], x.get("owner", ""), s["number"], s["title"])
                    for x in report.get("next_steps", []))
        steps.extend(own)
        sessions.append(SessionReport(
            number=s["number"], title=s["title"], description=s.get("description", ""),
            space=space_names.get(s["space"], ""), slot=labels.get(s["slot"], ""),
            conveners=tuple(s.get("convener_names", [])),
            key_points=tuple(report.get("key_points", [])),
            recommendations=tuple(report.get("recommendations", [])), steps=own,
            participants=tuple(sorted(came.get(s["id"], set()) | set(report.get(
                "participants", [])), key=_by_name)),
            comments=tuple((c["name"], c["text"]) for c in part["comments"]
                           if c["session"] == s["id"]),
            written_by=report.get("writer_name", ""), reported=bool(report)))
    slot_of = {s["id"]: s["slot"] for s in part["sessions"]}
    seen: dict[tuple[str, str], set[str]] = {}
    for visit in part["visits"]:
        pid, sid = visit.split("|", 1)
        if sid in slot_of:
            seen.setdefault((pid, slot_of[sid]), set()).add(sid)
    session_ids = {s["id"] for s in part["sessions"]}
    dots: dict[str, int] = {}
    for pair, n in document.get("votes", {}).items():
        note = pair.split("|", 1)[1]
        dots[note] = dots.get(note, 0) + n
    ballot = [n for n in document.get("notes", []) if n["table"] not in session_ids]
    chosen = tuple(sorted(((n["text"], n.get("author_name", ""), dots.get(n["id"], 0))
                           for n in ballot if dots.get(n["id"])), key=lambda c: -c[2]))
    book = Proceedings(
        details=_details(document["workshop"]["details"]),
        spaces=tuple(s["name"] for s in layout["spaces"]), grid=grid, sessions=tuple(sessions),
        steps=tuple(steps), people=len({v.split("|", 1)[0] for v in part["visits"]}),
        bumblebees=len({pid for (pid, _), ids in seen.items() if len(ids) > 1}),
        final=part.get("amendment") == "final", chosen=chosen)
    return _typeset(book) if book.details.language == "fr" else book


def _by_name(name: str) -> str:
    return unicodedata.normalize("NFD", name).casefold()


_AS_IS = {"date", "language", "timezone", "start", "end"}


def _typeset(value):
    """French typography on every text of the proceedings."""
    if isinstance(value, str):
        return french_spacing(value)
    if isinstance(value, tuple):
        return tuple(_typeset(v) for v in value)
    if is_dataclass(value):
        return replace(value, **{f.name: _typeset(getattr(value, f.name))
                                 for f in fields(value) if f.name not in _AS_IS})
    return value
