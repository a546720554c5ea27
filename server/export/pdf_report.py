"""The report as a PDF, made on the server with no browser: fpdf2 and an embedded
Unicode font (DejaVu), so that "cœur", « guillemets » and long texts come out right."""

import datetime as dt
from importlib import resources

from fpdf import FPDF

from ..domain.report import Report
from .report import wording

FONT = "DejaVu"
ACCENT = (154, 63, 28)
INK = (29, 27, 22)
MUTED = (91, 85, 74)


class _Document(FPDF):
    """An A4 page with a footer: the theme and the page number."""

    def __init__(self, report: Report):
        super().__init__(format="A4", unit="mm")
        self.theme = report.details.theme
        fonts = resources.files(__package__).joinpath("fonts")
        for style, name in [("", "DejaVuSans.ttf"), ("B", "DejaVuSans-Bold.ttf"),
                            ("I", "DejaVuSans-Oblique.ttf")]:
            with resources.as_file(fonts.joinpath(name)) as path:
                self.add_font(FONT, style, str(path))
        self.set_margins(18, 18, 18)
        self.set_auto_page_break(True, margin=20)
        self.set_title(self.theme)
        self.set_creator("Café board")
        self.set_lang(report.details.language)
        self.set_creation_date(dt.datetime(2000, 1, 1, tzinfo=dt.UTC))  # reproducible files

    def footer(self) -> None:
        self.set_y(-14)
        self.set_font(FONT, "", 8)
        self.set_text_color(*MUTED)
        self.cell(0, 6, f"{self.theme} · {self.page_no()}/{{nb}}", align="C")

    def paragraph(self, text: str, size: float = 10.5, style: str = "", colour=INK,
                  indent: float = 0, after: float = 2.5, align: str = "J") -> None:
        self.set_font(FONT, style, size)
        self.set_text_color(*colour)
        self.set_x(self.l_margin + indent)
        self.multi_cell(self.epw - indent, size * 0.52, text, new_x="LMARGIN", new_y="NEXT",
                        align=align)
        self.ln(after)

    def heading(self, text: str, level: int) -> None:
        size = {1: 18, 2: 14, 3: 11.5}[level]
        if self.will_page_break(size * 2):
            self.add_page()
        self.ln(3 if level > 1 else 0)
        self.paragraph(text, size, "B", ACCENT if level != 3 else INK, after=1.5, align="L")
        if level == 2:
            self.set_draw_color(224, 214, 195)
            y = self.get_y() - 0.5
            self.line(self.l_margin, y, self.l_margin + self.epw, y)
            self.ln(1.5)

    def items(self, lines: list[str], numbered: bool) -> None:
        for index, line in enumerate(lines, start=1):
            self.set_font(FONT, "", 10.5)
            self.set_text_color(*INK)
            if self.will_page_break(5.5):
                self.add_page()  # the number and its text start on the same page
            y = self.get_y()
            self.set_x(self.l_margin + 2)
            self.cell(7, 5.5, f"{index}." if numbered else "•")
            self.set_xy(self.l_margin + 9, y)
            self.multi_cell(self.epw - 9, 5.5, line, new_x="LMARGIN", new_y="NEXT")
            self.ln(0.8)
        self.ln(1.5)


def render(report: Report) -> bytes:
    """Return the report as PDF bytes."""
    pdf = _Document(report)
    w = wording(report)
    words = w.labels
    pdf.add_page()
    pdf.heading(report.details.theme, 1)
    fields = w.header
    pdf.set_font(FONT, "B", 9.5)
    width = min(70, 4 + max((pdf.get_string_width(label) for label, _ in fields), default=0))
    for label, value in fields:
        pdf.set_font(FONT, "B", 9.5)
        pdf.set_text_color(*INK)
        pdf.cell(width, 5.5, label)
        pdf.set_font(FONT, "", 9.5)
        pdf.multi_cell(pdf.epw - width, 5.5, value, new_x="LMARGIN", new_y="NEXT", align="L")
    pdf.ln(4)
    pdf.paragraph(w.description)
    if report.topics:
        pdf.paragraph(w.chosen, after=1)
        pdf.items([t.title for t in report.topics], numbered=True)
    for topic in report.topics:
        pdf.heading(f"{topic.number}. {topic.title}", 2)
        if topic.retained:
            pdf.heading(words["retained"], 3)
            pdf.items([idea.text + (f" ({w.votes(idea.votes)})" if idea.votes else "")
                       for idea in topic.retained], numbered=True)
        for question in topic.questions:
            pdf.heading(question.text, 3)
            if question.answer:
                pdf.paragraph(question.answer)
            if question.points:
                pdf.items(question.points, numbered=False)
        if topic.summary:
            pdf.heading(words["summary"], 3)
            pdf.paragraph(topic.summary)
        if topic.undeveloped:
            pdf.heading(words["undeveloped"], 3)
            pdf.items([idea.text for idea in topic.undeveloped], numbered=False)
    if report.steps:
        pdf.heading(words["steps"], 2)
        pdf.items([w.step(s) for s in report.steps], numbered=False)
    return bytes(pdf.output())
