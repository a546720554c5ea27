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
from .labels import labels, number


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
        """How a count of votes reads: "1 voix", "3 voix"."""
        if n == 1:
            return self.labels["votes_one"]
        return self.labels["votes"].format(n=n)

    def step(self, step: Step) -> str:
        """A next step as one line: its text, its owner, its date."""
        extra = []
        if step.owner:
            extra.append(self.labels["owner"].format(owner=step.owner))
        if step.due:
            extra.append(self.labels["due"].format(due=_date(step.due, self.language)))
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
        parts.append(words["people"].format(people=counts.people))
    if counts.topics:
        parts.append(words["forum"].format(topics=counts.topics))
    if counts.rounds:
        minutes = counts.minutes  # "minute(s)" is the same word in both languages
        parts.append(words["rounds"].format(rounds=number(counts.rounds, language),
                                            minutes=f"{minutes} minute{'s' * (minutes > 1)}"))
    if counts.dots:
        parts.append(words["dots"].format(dots=counts.dots))
    sentence = words["format"].format(theme=report.details.theme)
    if parts:
        detail = (" ; " if language == "fr" else "; ").join(parts)  # French puts a space before
        sentence += " " + detail[0].upper() + detail[1:] + "."
    return sentence


def wording(report: Report) -> Wording:
    """Return the words of a report, in its workshop's language."""
    details = report.details
    language = details.language
    words = labels(language)
    date = words["date_value"].format(date=_date(details.date, language))
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
        chosen=(words["chosen_one"] if count == 1
                else words["chosen"].format(n=number(count, language))),
        header=[(label, value) for label, value in fields if value],
    )
