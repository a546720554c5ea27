"""The report in Markdown, shaped like the hand-written reference."""

import re

from ..domain.report import Report
from .report import wording

_LIST = re.compile(r"^\s*(\d+[.)]|[-*+])\s")


def _inline(text: str) -> str:
    """People's text on one line: no HTML, no heading or quote made by accident."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return re.sub(r"^(\s*)#", r"\1\\#", text)


def _block(text: str) -> str:
    """People's text over several lines: each line stays a line (lists stay lists)."""
    lines = [_inline(line) for line in text.split("\n") if line.strip()]
    out: list[str] = []
    for index, line in enumerate(lines):
        if index:
            both_list = _LIST.match(line) and _LIST.match(lines[index - 1])
            out.append("\n" if both_list else "\n\n")
        out.append(line)
    return "".join(out)


def render(report: Report) -> str:
    """Return the report as Markdown."""
    w = wording(report)
    words = w.labels
    colon = words["colon"]
    header = " ".join(f"**{label}**{colon} {_inline(value)}" for label, value in w.header)
    lines = [header, "", "---", "", _block(w.description), ""]
    if report.topics:
        lines += [w.chosen, ""]
        lines += [f"{t.number}. {_inline(t.title)}" for t in report.topics] + [""]
    for topic in report.topics:
        lines += [f"### {topic.number}. {_inline(topic.title)}", ""]
        if topic.retained:
            lines += [f"#### {words['retained']}", ""]
            lines += [f"{i}. {_inline(idea.text)}"
                      + (f" ({w.votes(idea.votes)})" if idea.votes else "")
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
    if report.steps:
        lines += [f"**{words['steps']}{colon}**", ""]
        lines += [f"- {_inline(w.step(s))}" for s in report.steps] + [""]
    return "\n".join(lines).rstrip() + "\n"
