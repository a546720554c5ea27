"""The report of a workshop, built from its dump: the parts of the hand-written reference.

Header (date, theme, place, organisations, animators, members, rapporteurs); a short
description of the format used; the chosen topics; for each topic its sub-questions with
their points, the retained ideas with their votes, the summary and the ideas not
developed; then the next steps. Every renderer draws this same Report.
"""

import datetime as dt
from dataclasses import dataclass, field

from babel.dates import format_date

from .labels import labels, number


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
    points: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Topic:
    """A topic's part of the report."""

    number: int
    title: str
    questions: list[Question]
    retained: list[Idea]
    summary: str
    undeveloped: list[Idea]


@dataclass(frozen=True)
class Step:
    """A next step, with its owner and date when known."""

    text: str
    owner: str = ""
    due: str = ""


@dataclass(frozen=True)
class Report:
    """Everything a report shows, already in the workshop's language."""

    language: str
    labels: dict
    theme: str
    date: str
    place: str
    organisations: list[str]
    animators: list[str]
    members: list[str]
    rapporteurs: list[str]
    description: str
    chosen: str
    topics: list[Topic]
    steps: list[Step]


def _date(iso: str, language: str) -> str:
    try:
        return format_date(dt.date.fromisoformat(iso), "long", locale=language)
    except ValueError:
        return iso


def _description(document: dict, words: dict, language: str) -> str:
    details = document["workshop"]["details"]
    parts = []
    if document["participants"]:
        parts.append(words["people"].format(people=len(document["participants"])))
    if document["topics"]:
        parts.append(words["forum"].format(topics=len(document["topics"])))
    rounds = document.get("rounds") or {}
    if rounds.get("current"):
        minutes = rounds.get("minutes", 20)  # "minute(s)" is the same word in both languages
        parts.append(words["rounds"].format(rounds=number(rounds["current"], language),
                                            minutes=f"{minutes} minute{'s' * (minutes > 1)}"))
    dots = sum(document["votes"].values())
    if dots:
        parts.append(words["dots"].format(dots=dots))
    sentence = words["format"].format(theme=details["theme"])
    if parts:
        detail = (" ; " if language == "fr" else "; ").join(parts)  # French puts a space before
        sentence += " " + detail[0].upper() + detail[1:] + "."
    return sentence


def _topic(document: dict, table: dict, items: list[dict]) -> Topic:
    mine = [i for i in items if i.get("table") == table["id"]]
    ideas = sorted((i for i in mine if i["kind"] == "idea"), key=lambda i: (i["order"], i["key"]))
    answers = {i["question"]: i["text"] for i in mine if i["kind"] == "answer"}
    summary = next((i["text"] for i in mine if i["kind"] == "summary"), "")
    notes = [n for n in document["notes"] if n["table"] == table["id"]]
    questions = []
    for q in sorted((q for q in document["questions"] if q["table"] == table["id"]),
                    key=lambda q: (q["created_at"], q["id"])):
        points = [] if answers.get(q["id"]) else [n["text"] for n in notes
                                                  if n.get("question") == q["id"]]
        if answers.get(q["id"]) or points:
            questions.append(Question(q["text"], answers.get(q["id"], ""), points))
    return Topic(
        number=table["number"], title=table["title"], questions=questions,
        retained=[Idea(i["text"], i["votes"]) for i in ideas if i["section"] == "retained"],
        summary=summary,
        undeveloped=[Idea(i["text"]) for i in ideas if i["section"] == "undeveloped"],
    )


def build_report(document: dict) -> Report:
    """Return the report of a dumped workshop."""
    details = document["workshop"]["details"]
    language = details.get("language", "fr")
    words = labels(language)
    items = document["synthesis"]
    tables = sorted(document["tables"], key=lambda t: t["number"])
    steps = sorted((i for i in items if i["kind"] == "step"), key=lambda i: (i["order"], i["key"]))
    kept = [s for s in steps if s["status"] == "kept"] or [
        s for s in steps if s["status"] == "proposed"]
    count = len(tables)
    chosen = (words["chosen_one"] if count == 1
              else words["chosen"].format(n=number(count, language)))
    return Report(
        language=language, labels=words, theme=details["theme"],
        date=words["date_value"].format(date=_date(details["date"], language)),
        place=details.get("place", ""), organisations=details.get("organisations", []),
        animators=details.get("animators", []), members=details.get("members", []),
        rapporteurs=details.get("rapporteurs", []),
        description=_description(document, words, language), chosen=chosen,
        topics=[_topic(document, t, items) for t in tables],
        steps=[Step(s["text"], s.get("owner", ""),
                    _date(s["due"], language) if s.get("due") else "") for s in kept],
    )


def votes_label(report: Report, votes: int) -> str:
    """How a count of votes reads: "1 voix", "3 voix"."""
    if votes == 1:
        return report.labels["votes_one"]
    return report.labels["votes"].format(n=votes)


def header_fields(report: Report) -> list[tuple[str, str]]:
    """The report's header, as (label, value) pairs, empty ones left out."""
    words = report.labels
    fields = [(words["date"], report.date), (words["theme"], report.theme),
              (words["place"], report.place),
              (words["organisations"], ", ".join(report.organisations)),
              (words["animators"], ", ".join(report.animators)),
              (words["members"], ", ".join(report.members)),
              (words["rapporteurs"], ", ".join(report.rapporteurs))]
    return [(label, value) for label, value in fields if value]


def step_line(report: Report, step: Step) -> str:
    """A next step as one line: its text, its owner, its date."""
    extra = []
    if step.owner:
        extra.append(report.labels["owner"].format(owner=step.owner))
    if step.due:
        extra.append(report.labels["due"].format(due=step.due))
    return step.text + (f" ({', '.join(extra)})" if extra else "")
