"""The words around a report: its fixed labels, its dates and the sentences made from its
counts, in the workshop's language. The renderers draw the report model
(server.domain.report) with these words: the header (date, theme, place, organisations,
animators, members, rapporteurs); a short description of the format used; the chosen
topics; for each topic its sub-questions with their points, the retained ideas with their
votes, the summary and the ideas not developed; then the next steps.
"""

import datetime as dt
from dataclasses import dataclass

from babel.dates import format_date

from ..domain.report import Report, Step
from .words import labels, number, plurals


@dataclass(frozen=True)
class Wording:
    """A report's words, already in the workshop's language."""

    language: str
    labels: dict
    date: str
    description: str
    chosen: str
    header: list[tuple[str, str]]

    def votes(self, n: int) -> str:
        """How a count of dots reads, in the app's words: "1 dot", "3 gommettes"."""
        return plurals(self.language, n)["votes"] % {"n": n}

    def step(self, step: Step) -> str:
        """A next step as one line: its text, its owner, its date."""
        extra = []
        if step.owner:
            extra.append(self.labels["owner"] % {"owner": step.owner})
        if step.due:
            extra.append(self.labels["due"] % {"due": _date(step.due, self.language)})
        return step.text + (f" ({', '.join(extra)})" if extra else "")


def _date(iso: str, language: str) -> str:
    try:
        return format_date(dt.date.fromisoformat(iso), "long", locale=language)
    except ValueError:
        return iso


def _description(report: Report, words: dict, language: str) -> str:
    counts = report.counts
    parts = []
    if counts.people:
        parts.append(plurals(language, counts.people)["people"] % {"n": counts.people})
    if counts.topics:
        parts.append(plurals(language, counts.topics)["topics"] % {"n": counts.topics})
    if counts.rounds:
        minutes = plurals(language, counts.minutes)["minutes"] % {"n": counts.minutes}
        parts.append(plurals(language, counts.rounds)["rounds"] % {
            "n": number(counts.rounds, language), "minutes": minutes})
    if counts.dots:
        parts.append(plurals(language, counts.dots)["dots"] % {"n": counts.dots})
    sentence = words["format"] % {"theme": report.details.theme}
    if parts:
        detail = words["separator"].join(parts)
        sentence += " " + detail[0].upper() + detail[1:] + "."
    return sentence


def wording(report: Report) -> Wording:
    """Return the words of a report, in its workshop's language."""
    details = report.details
    language = details.language
    words = labels(language)
    date = words["date_value"] % {"date": _date(details.date, language)}
    count = len(report.topics)
    fields = [(words["date"], date), (words["theme"], details.theme),
              (words["place"], details.place),
              (words["organisations"], ", ".join(details.organisations)),
              (words["animators"], ", ".join(details.animators)),
              (words["members"], ", ".join(details.members)),
              (words["rapporteurs"], ", ".join(details.rapporteurs))]
    return Wording(
        language=language, labels=words, date=date,
        description=_description(report, words, language),
        chosen=plurals(language, count)["chosen"] % {"n": number(count, language)},
        header=[(label, value) for label, value in fields if value],
    )
