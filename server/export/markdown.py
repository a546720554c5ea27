"""The report in Markdown, shaped like the hand-written reference.

What people typed is text, never Markdown: a viewer must not turn it into a link, an
image (a remote one tells its server who reads the report), HTML, code or emphasis.
Every character with a meaning there is escaped; apostrophes, « », accents, parentheses,
"!" and "?" stay as typed, so that the file still reads as plain French.
"""

import re

from ..domain.report import Report
from .report import Wording, wording

# Links and images need "[", code needs "`", emphasis "*" or "_", strikethrough "~",
# tables "|"; "#" closes a heading; "\" would undo the escapes that follow it.
_SPECIAL = re.compile(r"([\\`*_\[\]|~#])")
# At the start of a line, these make a list, a quote or a rule (">" is already an entity).
_LEADING = re.compile(r"^([-+]|\d+(?=[.)]))")
# A list marker a rapporteur typed at the start of a line of a summary or an answer.
_LIST = re.compile(r"^(\d{1,9}[.)]|[-*+])\s+")


def _escape(line: str) -> str:
    """One line of people's text, as literal Markdown text."""
    line = line.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    line = _SPECIAL.sub(r"\\\1", line)
    return _LEADING.sub(lambda m: m.group(1) + "\\" if m.group(1)[0].isdigit()
                        else "\\" + m.group(1), line)


def _inline(text: str) -> str:
    """People's text within one line of the report (a list item, a heading, a field)."""
    return _escape(" ".join(line.strip() for line in text.split("\n") if line.strip()))


def _block(text: str) -> str:
    """People's text over several lines: each line stays a line, and lines typed as a
    list stay a list (the only Markdown a rapporteur's summary keeps)."""
    lines = []
    for line in (line.strip() for line in text.split("\n")):
        if not line:
            continue
        marker = _LIST.match(line)
        lines.append((marker.group(1) + " " + _escape(line[marker.end():]), True) if marker
                     else (_escape(line), False))
    out: list[str] = []
    for index, (line, listed) in enumerate(lines):
        if index:
            out.append("\n" if listed and lines[index - 1][1] else "\n\n")
        out.append(line)
    return "".join(out)


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(_inline(cell) for cell in cells) + " |"


def _between(report: Report, w: Wording) -> list[str]:
    """What travelled between the tables (a table of the carried notes) and who met whom
    (one line per organisation); nothing when there is neither."""
    words = w.labels
    lines: list[str] = []
    if report.traces:
        lines += [f"#### {words['travelled']}", "", _inline(w.carried(report.traces)), ""]
        lines += [_row(words["trace_header"]), "| " + " | ".join(
            ["---"] * len(words["trace_header"])) + " |"]
        lines += [_row(w.trace_row(n, trace)) for n, trace in
                  enumerate(report.traces, start=1)] + [""]
    if report.meetings:
        lines += [f"#### {words['met']}", "", _inline(w.share(report.meetings.share)), ""]
        lines += [f"- {_inline(w.organisation(line))}"
                  for line in report.meetings.organisations]
        lines += [""] if report.meetings.organisations else []
    return [f"### {words['between']}", "", *lines] if lines else []


def render(report: Report) -> str:
    """Return the report as Markdown."""
    w = wording(report)
    words = w.labels
    colon = words["colon"]
    # One field a line, as in the reference: two trailing spaces are Markdown's line break
    # (every reader knows them), so the fields do not run into one paragraph.
    header = "  \n".join(f"**{label}**{colon} {_inline(value)}" for label, value in w.header)
    lines = [header, "", "---", "", _block(w.description), ""]
    if report.topics:
        lines += [w.chosen, ""]
        lines += [f"{t.number}. {_inline(t.title)}" for t in report.topics] + [""]
    for topic in report.topics:
        lines += [f"### {topic.number}. {_inline(topic.title)}", ""]
        if topic.retained:
            lines += [f"#### {words['retained']}", ""]
            lines += [f"{i}. {_inline(idea.text)}"
                      + (f" {_inline(w.idea(idea))}" if w.idea(idea) else "")
                      for i, idea in enumerate(topic.retained, start=1)] + [""]
        for question in topic.questions:
            lines += [f"#### {_inline(question.text)}", ""]
            if question.answer:
                lines += [_block(question.answer), ""]
            if question.points:
                lines += [f"- {_inline(point)}" for point in question.points] + [""]
        if topic.summary:
            lines += [f"#### {words['summary']}", "", _block(topic.summary), ""]
        if topic.undeveloped:
            lines += [f"#### {words['undeveloped']}", ""]
            lines += [f"- {_inline(idea.text)}" for idea in topic.undeveloped] + [""]
        if w.withheld(topic):
            lines += [f"*{_inline(w.withheld(topic))}*", ""]
    lines += _between(report, w)
    if report.steps:
        lines += [f"**{words['steps']}{colon}**", ""]
        lines += [f"- {_inline(w.step(s))}" for s in report.steps] + [""]
    return "\n".join(lines).rstrip() + "\n"
