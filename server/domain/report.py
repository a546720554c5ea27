"""What a workshop's report shows, and nothing more: the model every renderer draws.

It is built from an archived workshop but keeps none of what a restore needs besides the
report: no participant ids, no device or console digests, and no author for an
anonymous note (the rule of `Note.public`), so that none of it can reach a file.
"""

from dataclasses import dataclass, fields, is_dataclass, replace

from . import mixing
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
    """An idea of the synthesis, with its dots and the organisations that gave them."""

    text: str
    votes: int = 0
    organisations: int = 0  # organisations whose participants gave it dots
    flag: str = ""  # "agreed" (across AGREED organisations or more), "one" (several dots,
    #                 all from one organisation) or "": mixing.agreement


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
    hidden: int = 0  # notes hidden by moderation: counted, never shown
    unshown: int = 0  # notes the table never saw: waiting for review, or written alone
    #                   and never revealed; counted, never shown


@dataclass(frozen=True)
class Step:
    """A next step, with its owner and its date (ISO) when known."""

    text: str
    owner: str = ""
    due: str = ""


@dataclass(frozen=True)
class Trace:
    """A note carried to another table after a round, and what became of it there."""

    text: str
    path: tuple[int, ...]  # table numbers, from the note's first table to where it arrived
    round: int  # the round after which it was carried
    carrier: str  # who carried it; "" for an anonymous note (often carried by its author)
    dots: int  # the dots it got at its new table
    retained: bool  # its new table's synthesis retained it as an idea

    @property
    def built_on(self) -> bool:
        """Whether its new table took it further: dots there, or retained there. (The
        archive keeps dots but not reactions, and no note is placed under another.)"""
        return self.dots > 0 or self.retained

    @property
    def from_table(self) -> int:
        """The table it was carried from."""
        return self.path[-2]

    @property
    def to_table(self) -> int:
        """The table it was carried to."""
        return self.path[-1]


@dataclass(frozen=True)
class OrganisationMeetings:
    """One organisation's line: how many others it met, at how many tables over the rounds
    (a table in one round counts once, however many of its people sat there)."""

    name: str
    met: int
    table_rounds: int


@dataclass(frozen=True)
class Meetings:
    """Who met whom over the rounds played."""

    share: float  # the share (0 to 1) of the possible meetings between people that happened
    organisations: tuple[OrganisationMeetings, ...]  # by name


@dataclass(frozen=True)
class Report:
    """Everything a report shows: details, counts, topics in table order, what travelled
    between the tables and who met whom, next steps."""

    details: Details
    counts: Counts
    topics: tuple[Topic, ...]
    steps: tuple[Step, ...]
    traces: tuple[Trace, ...] = ()
    meetings: Meetings | None = None
    ranking: str = "dots"  # what ordered the retained ideas: "dots" or "organisations"


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


def _organisations(document: dict) -> dict[str, str]:
    return {p["id"]: p.get("organisation", "") for p in document["participants"]}


def _idea(item: dict, votes: dict[str, int], organisations: dict[str, str]) -> Idea:
    """A retained idea with its dots and the organisations behind them. An idea drawn from
    a note (or from near-identical notes) is counted again from the archive's votes: as the
    vote ended, even if it was retained while the counts were hidden. An idea written
    directly, or merged from others (a merge keeps no link to the notes), keeps what the
    synthesis stored."""
    if item.get("note"):
        group = item.get("group") or []
        key = item["key"] if group else item["note"]
        entry = mixing.backing(votes, organisations, {key: group} if group else None).get(
            key, {"dots": 0, "organisations": 0})
    else:
        entry = {"dots": item.get("votes", 0), "organisations": item.get("organisations", 0)}
    return Idea(item["text"], entry["dots"], entry["organisations"],
                mixing.agreement(entry) or "")


def _topic(document: dict, table: dict, items: list[dict], dots: dict[str, int]) -> Topic:
    mine = [i for i in items if i.get("table") == table["id"]]
    ideas = sorted((i for i in mine if i["kind"] == "idea"), key=lambda i: (i["order"], i["key"]))
    answers = {i["question"]: i["text"] for i in mine if i["kind"] == "answer"}
    summary = next((i["text"] for i in mine if i["kind"] == "summary"), "")
    asked = sorted((q for q in document["questions"] if q["table"] == table["id"]),
                   key=lambda q: (q["created_at"], q["id"]))
    texts = {q["id"]: q["text"] for q in asked}
    here = [n for n in document["notes"] if n["table"] == table["id"]]
    # Only the public form of a note goes further: an anonymous one loses its author here,
    # a note written for someone without a phone names them (never its scribe). A note
    # the table did not see (hidden by moderation, waiting for review, never revealed) is
    # counted, never shown.
    notes = sorted((Note.from_dict(n).public() for n in here if _is_public(n)),
                   key=lambda n: (n["created_at"], n["id"]))
    hidden = sum(1 for n in here if n.get("visibility") == "hidden")
    questions = []
    for q in asked:
        points = () if answers.get(q["id"]) else tuple(
            n["text"] for n in notes if n["question"] == q["id"])
        if answers.get(q["id"]) or points:
            questions.append(Question(q["text"], answers.get(q["id"], ""), points))
    organisations = _organisations(document)
    return Topic(
        number=table["number"], title=table["title"], questions=tuple(questions),
        retained=tuple(_idea(i, document["votes"], organisations)
                       for i in ideas if i["section"] == "retained"),
        summary=summary,
        undeveloped=tuple(Idea(i["text"]) for i in ideas if i["section"] == "undeveloped"),
        notes=tuple(PublicNote(
            text=n["text"], colour=n["colour"], round=n["round"],
            question=texts.get(n["question"], ""), author_name=n["author_name"],
            anonymous=n["anonymous"], created_at=n["created_at"], dots=dots.get(n["id"], 0),
        ) for n in notes),
        hidden=hidden, unshown=len(here) - len(notes) - hidden,
    )


MAX_HOPS = 50  # a carried note's path is followed back at most this far


def _is_public(note: dict) -> bool:
    return note.get("visibility", "public") == "public"


def _traces(document: dict, dots: dict[str, int]) -> tuple[Trace, ...]:
    """The notes carried between tables (public ones), each with its whole way so far."""
    numbers = {t["id"]: t["number"] for t in document["tables"]}
    by_id = {n["id"]: n for n in document["notes"]}
    retained = {note for i in document["synthesis"]
                if i["kind"] == "idea" and i.get("section") == "retained"
                for note in [i.get("note"), *(i.get("group") or [])] if note}
    found = []
    for note in document["notes"]:
        if not note.get("carried") or not _is_public(note) or note["table"] not in numbers:
            continue
        path, hop = [numbers[note["table"]]], note
        while hop is not None and hop.get("carried") and len(path) <= MAX_HOPS:
            came = hop["carried"]
            path.insert(0, numbers.get(came.get("from_table"), came.get("from_number", 0)))
            hop = by_id.get(came.get("from_note"))
        public = Note.from_dict(note).public()  # an anonymous note names no one, nor its carrier
        carrier = "" if public["anonymous"] else note["carried"].get("by_name") or ""
        found.append(((note["carried"].get("round", 0), path[-2], public["created_at"],
                       note["id"]), Trace(
            text=public["text"], path=tuple(path), round=note["carried"].get("round", 0),
            carrier=carrier, dots=dots.get(note["id"], 0), retained=note["id"] in retained)))
    return tuple(trace for _, trace in sorted(found, key=lambda pair: pair[0]))


def _meetings(document: dict) -> Meetings | None:
    """Who met whom in the rounds played (1 to the current one), or None before any."""
    current = (document.get("rounds") or {}).get("current") or 0
    played = {int(n): seats for n, seats in (document.get("plan") or {}).items()
              if 1 <= int(n) <= current}
    if len({pid for seats in played.values() for pid in seats}) < 2:
        return None
    mixed = mixing.mixing(played, _organisations(document))
    return Meetings(share=mixed.met_share, organisations=tuple(
        OrganisationMeetings(name, met, table_rounds) for name, (met, table_rounds)
        in sorted(mixed.per_organisation.items(), key=lambda pair: pair[0].casefold())))


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
        traces=_traces(document, dots),
        meetings=_meetings(document),
        ranking=(document["workshop"].get("settings") or {}).get("rank_ideas_by", "dots"),
    )
    return _typeset(report) if report.details.language == "fr" else report


_AS_IS = {"date", "due", "language", "colour", "flag", "ranking"}  # codes, ISO dates


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
