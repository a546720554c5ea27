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
from babel.numbers import format_percent

from ..domain.report import Idea, OrganisationMeetings, Report, Step, Topic, Trace
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

    def backing(self, idea: Idea) -> str:
        """An idea's dots, and its organisations unless its flag tells them: "3 dots",
        "3 dots, 2 organisations"."""
        if not idea.votes:
            return ""
        told = self.votes(idea.votes)
        if not idea.flag and idea.organisations > 1:
            told += ", " + plurals(self.language, idea.organisations)["organisations"] % {
                "n": idea.organisations}
        return told

    def flag(self, idea: Idea) -> str:
        """What the organisations behind an idea say: "agreed across 5 organisations",
        "carried by one organisation", or ""."""
        if idea.flag == "agreed":
            return plurals(self.language, idea.organisations)["agreed"] % {
                "n": idea.organisations}
        if idea.flag == "one":
            return self.labels["one_organisation"]
        return ""

    def idea(self, idea: Idea) -> str:
        """What follows an idea's text, as plain text: "(6 dots) — agreed across 5
        organisations", or ""."""
        backing, flag = self.backing(idea), self.flag(idea)
        return " — ".join(part for part in (f"({backing})" if backing else "", flag) if part)

    def carried(self, traces: tuple[Trace, ...]) -> str:
        """How many notes travelled, and how many were built on where they arrived."""
        built = sum(1 for t in traces if t.built_on)
        head = plurals(self.language, len(traces))["carried"] % {"n": len(traces)}
        tail = (plurals(self.language, built)["built_on"] % {"n": built} if built
                else self.labels["none_built_on"])
        return head + self.labels["separator"] + tail + "."

    @staticmethod
    def route(trace: Trace) -> str:
        """The tables a note went through: "1 → 3 → 2"."""
        return " → ".join(str(n) for n in trace.path)

    def fate(self, trace: Trace) -> str:
        """What became of a carried note at its new table: "2 dots, retained…", or "—"."""
        parts = []
        if trace.dots:
            parts.append(self.votes(trace.dots))
        if trace.retained:
            parts.append(self.labels["retained_there"])
        return ", ".join(parts) or "—"

    def trace_row(self, number: int, trace: Trace) -> list[str]:
        """A carried note as a row of the table of traces."""
        return [str(number), trace.text, self.route(trace), str(trace.round),
                trace.carrier or "—", self.fate(trace)]

    def share(self, share: float) -> str:
        """The sentence on the share of possible meetings that happened."""
        return self.labels["share"] % {
            "share": format_percent(share, locale=self.language)}

    def organisation(self, line: OrganisationMeetings) -> str:
        """One organisation's line: whom it met, at how many tables."""
        words = plurals(self.language, line.met)
        met = (words["met"] % {"name": line.name, "n": line.met} if line.met
               else self.labels["met_none"] % {"name": line.name})
        at = plurals(self.language, line.table_rounds)["table_rounds"] % {
            "n": line.table_rounds}
        return f"{met}, {at}."

    def withheld(self, topic: Topic) -> str:
        """What a topic's report leaves out, counted: the notes hidden by moderation and
        those its table never saw; "" when nothing was left out."""
        said = [plurals(self.language, n)[kind] % {"n": n}
                for kind, n in (("hidden", topic.hidden), ("unshown", topic.unshown)) if n]
        return " ".join(said)

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
    if report.ranking == "organisations":
        sentence += " " + words["ranked"]
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
