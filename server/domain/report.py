"""What a workshop's report shows, and nothing more: the model every renderer draws.

It is built from an archived workshop but keeps none of what a restore needs besides the
report: no participant ids, no device or console digests, and no author for an
anonymous note (the rule of `Note.public`), so that none of it can reach a file.
"""

from dataclasses import dataclass, fields, is_dataclass, replace

from .errors import N_, DomainError
from .notes import Note
from .text import french_spacing
from .workshop import LANGUAGES, timezone_of

DEFAULT_MINUTES = 20


@dataclass(frozen=True)
class Details:
    """The workshop's public details: what the report's header shows."""

    theme: str
    date: str  # ISO, as typed; the renderers write it out in the workshop's language
    language: str = "fr"
    timezone: str = "Europe/Paris"  # the IANA zone every time of the report is told in
    place: str = ""
    organisations: tuple[str, ...] = ()
    animators: tuple[str, ...] = ()
    members: tuple[str, ...] = ()
    rapporteurs: tuple[str, ...] = ()


@dataclass(frozen=True)
class Counts:
    """What the description of the format counts (0: not told)."""

    people: int = 0
    topics: int = 0
    rounds: int = 0
    minutes: int = DEFAULT_MINUTES
    dots: int = 0


@dataclass(frozen=True)
class PublicNote:
    """A note as the report may show it: an anonymous one has no author name."""

    text: str
    colour: str
    round: int
    question: str  # the sub-question's text, or "" for a loose note
    author_name: str
    anonymous: bool
    created_at: float
    dots: int


@dataclass(frozen=True)
class Idea:
    """An idea of the synthesis, with its votes."""

    text: str
    votes: int = 0


@dataclass(frozen=True)
class Question:
    """A sub-question and its points: the answer written, or the notes placed under it."""

    text: str
    answer: str = ""
    points: tuple[str, ...] = ()


@dataclass(frozen=True)
class Topic:
    """A table's topic: its sub-questions, its synthesis and its notes."""

    number: int
    title: str
    questions: tuple[Question, ...]
    retained: tuple[Idea, ...]
    summary: str
    undeveloped: tuple[Idea, ...]
    notes: tuple[PublicNote, ...]


@dataclass(frozen=True)
class Step:
    """A next step, with its owner and its date (ISO) when known."""

    text: str
    owner: str = ""
    due: str = ""


@dataclass(frozen=True)
class Report:
    """Everything a report shows: details, counts, topics in table order, next steps."""

    details: Details
    counts: Counts
    topics: tuple[Topic, ...]
    steps: tuple[Step, ...]


def _details(details: dict) -> Details:
    language = details.get("language")
    language = language if language in LANGUAGES else "fr"
    return Details(
        theme=details["theme"], date=details["date"], language=language,
        timezone=timezone_of(details.get("timezone", ""), language),
        place=details.get("place", ""),
        **{name: tuple(details.get(name, ())) for name in
           ("organisations", "animators", "members", "rapporteurs")},
    )


def _counts(document: dict) -> Counts:
    rounds = document.get("rounds") or {}
    return Counts(
        people=len(document["participants"]), topics=len(document["topics"]),
        rounds=rounds.get("current") or 0, minutes=rounds.get("minutes", DEFAULT_MINUTES),
        dots=sum(document["votes"].values()),
    )


def _dots(votes: dict[str, int]) -> dict[str, int]:
    """Dots per note; who gave them stays out of the report."""
    per_note: dict[str, int] = {}
    for pair, n in votes.items():
        note = pair.split("|", 1)[1]
        per_note[note] = per_note.get(note, 0) + n
    return per_note


def _topic(document: dict, table: dict, items: list[dict], dots: dict[str, int]) -> Topic:
    mine = [i for i in items if i.get("table") == table["id"]]
    ideas = sorted((i for i in mine if i["kind"] == "idea"), key=lambda i: (i["order"], i["key"]))
    answers = {i["question"]: i["text"] for i in mine if i["kind"] == "answer"}
    summary = next((i["text"] for i in mine if i["kind"] == "summary"), "")
    asked = sorted((q for q in document["questions"] if q["table"] == table["id"]),
                   key=lambda q: (q["created_at"], q["id"]))
    texts = {q["id"]: q["text"] for q in asked}
    # Only the public form of a note goes further: an anonymous one loses its author here.
    notes = sorted((Note.from_dict(n).public() for n in document["notes"]
                    if n["table"] == table["id"]), key=lambda n: (n["created_at"], n["id"]))
    questions = []
    for q in asked:
        points = () if answers.get(q["id"]) else tuple(
            n["text"] for n in notes if n["question"] == q["id"])
        if answers.get(q["id"]) or points:
            questions.append(Question(q["text"], answers.get(q["id"], ""), points))
    return Topic(
        number=table["number"], title=table["title"], questions=tuple(questions),
        retained=tuple(Idea(i["text"], i["votes"]) for i in ideas if i["section"] == "retained"),
        summary=summary,
        undeveloped=tuple(Idea(i["text"]) for i in ideas if i["section"] == "undeveloped"),
        notes=tuple(PublicNote(
            text=n["text"], colour=n["colour"], round=n["round"],
            question=texts.get(n["question"], ""), author_name=n["author_name"],
            anonymous=n["anonymous"], created_at=n["created_at"], dots=dots.get(n["id"], 0),
        ) for n in notes),
    )


def build_report(document: dict) -> Report:
    """Return the report model of an archived workshop (the dict `archive.dump` returns)."""
    items = document["synthesis"]
    dots = _dots(document["votes"])
    steps = sorted((i for i in items if i["kind"] == "step"), key=lambda i: (i["order"], i["key"]))
    kept = [s for s in steps if s["status"] == "kept"] or [
        s for s in steps if s["status"] == "proposed"]
    report = Report(
        details=_details(document["workshop"]["details"]),
        counts=_counts(document),
        topics=tuple(_topic(document, t, items, dots)
                     for t in sorted(document["tables"], key=lambda t: t["number"])),
        steps=tuple(Step(s["text"], s.get("owner", ""), s.get("due", "")) for s in kept),
    )
    return _typeset(report) if report.details.language == "fr" else report


_AS_IS = {"date", "due", "language", "colour"}  # codes and ISO dates, not prose


def _typeset(value):
    """French typography on every text of the report: what people typed included."""
    if isinstance(value, str):
        return french_spacing(value)
    if isinstance(value, tuple):
        return tuple(_typeset(v) for v in value)
    if is_dataclass(value):
        return replace(value, **{f.name: _typeset(getattr(value, f.name))
                                 for f in fields(value) if f.name not in _AS_IS})
    return value


def check_format(fmt: str, formats) -> None:
    """Refuse an export format the server does not make."""
    if fmt not in formats:
        raise DomainError("invalid", N_("Unknown format: %(name)s."), name=fmt[:20])
