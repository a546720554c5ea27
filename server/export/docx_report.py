"""The report as a Word document, which organisations edit afterwards."""

import datetime as dt
import io

from docx import Document
from docx.shared import Cm, Mm, Pt, RGBColor

from ..domain.report import Report
from .report import Wording, wording

ACCENT = RGBColor(0x9A, 0x3F, 0x1C)


def render(report: Report) -> bytes:
    """Return the report as DOCX bytes (headings, lists and paragraphs in Word's styles)."""
    w = wording(report)
    doc = Document()
    # python-docx's blank document is US Letter: the report is printed on A4.
    for section in doc.sections:
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.left_margin = section.right_margin = Cm(2)
        section.top_margin = section.bottom_margin = Cm(2)
    doc.core_properties.title = report.details.theme
    doc.core_properties.language = report.details.language
    doc.core_properties.created = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)  # reproducible
    doc.styles["Normal"].font.name = "Calibri"
    doc.styles["Normal"].font.size = Pt(11)
    words = w.labels
    doc.add_heading(report.details.theme, level=0)
    table = doc.add_table(rows=0, cols=2)
    for label, value in w.header:
        cells = table.add_row().cells
        cells[0].paragraphs[0].add_run(label).bold = True
        cells[1].text = value
    doc.add_paragraph()
    _text(doc, w.description)
    if report.topics:
        doc.add_paragraph(w.chosen)
        for topic in report.topics:
            _numbered(doc, topic.number, topic.title)
    for topic in report.topics:
        heading = doc.add_heading(f"{topic.number}. {topic.title}", level=1)
        for run in heading.runs:
            run.font.color.rgb = ACCENT
        if topic.retained:
            doc.add_heading(words["retained"], level=2)
            for index, idea in enumerate(topic.retained, start=1):
                paragraph = _numbered(doc, index, idea.text)
                if w.backing(idea):
                    votes = paragraph.add_run(f" ({w.backing(idea)})")
                    votes.bold = True
                    votes.font.color.rgb = ACCENT
                if idea.flag:
                    paragraph.add_run(f" — {w.flag(idea)}").italic = True
        for question in topic.questions:
            doc.add_heading(question.text, level=2)
            if question.answer:
                _text(doc, question.answer)
            for point in question.points:
                doc.add_paragraph(point, style="List Bullet")
        if topic.summary:
            doc.add_heading(words["summary"], level=2)
            _text(doc, topic.summary)
        if topic.undeveloped:
            doc.add_heading(words["undeveloped"], level=2)
            for idea in topic.undeveloped:
                doc.add_paragraph(idea.text, style="List Bullet")
        if w.withheld(topic):
            doc.add_paragraph().add_run(w.withheld(topic)).italic = True
    _between(doc, report, w)
    if report.steps:
        doc.add_heading(words["steps"], level=1)
        for step in report.steps:
            doc.add_paragraph(w.step(step), style="List Bullet")
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _between(doc, report: Report, w: Wording) -> None:
    """What travelled between the tables (a table of the carried notes), who met whom."""
    words = w.labels
    if not (report.traces or report.meetings):
        return
    heading = doc.add_heading(words["between"], level=1)
    for run in heading.runs:
        run.font.color.rgb = ACCENT
    if report.traces:
        doc.add_heading(words["travelled"], level=2)
        doc.add_paragraph(w.carried(report.traces))
        table = doc.add_table(rows=1, cols=len(words["trace_header"]))
        table.style = "Table Grid"
        for cell, label in zip(table.rows[0].cells, words["trace_header"], strict=True):
            cell.paragraphs[0].add_run(label).bold = True
        for number, trace in enumerate(report.traces, start=1):
            for cell, text in zip(table.add_row().cells, w.trace_row(number, trace),
                                  strict=True):
                cell.text = text
        for row in table.rows:
            for cell, width in zip(row.cells, (1.0, 6.2, 2.0, 1.6, 2.4, 3.8), strict=True):
                cell.width = Cm(width)
    if report.meetings:
        doc.add_heading(words["met"], level=2)
        doc.add_paragraph(w.share(report.meetings.share))
        for line in report.meetings.organisations:
            doc.add_paragraph(w.organisation(line), style="List Bullet")


def _numbered(doc, number: int, text: str):
    """A numbered line. Word's "List Number" style would run on from one list to the
    next (6, 7, 8 for the second topic); written numbers always restart."""
    paragraph = doc.add_paragraph(f"{number}.\t{text}")
    paragraph.paragraph_format.left_indent = Cm(0.9)
    paragraph.paragraph_format.first_line_indent = Cm(-0.6)
    paragraph.paragraph_format.tab_stops.add_tab_stop(Cm(0.9))
    return paragraph


def _text(doc, text: str) -> None:
    """Add people's text, one paragraph per line."""
    for line in text.split("\n"):
        if line.strip():
            doc.add_paragraph(line)
