"""The report as a PDF, made on the server with no browser: fpdf2 and an embedded
Unicode font (DejaVu), so that "cœur", « guillemets » and long texts come out right."""

import datetime as dt
from importlib import resources

from fpdf import FPDF
from fpdf.fonts import FontFace

from ..domain.report import Report
from . import figure
from .report import Wording, wording

FONT = "DejaVu"
ACCENT = (154, 63, 28)
INK = (29, 27, 22)
MUTED = (91, 85, 74)
LINE = (224, 214, 195)
GREY = (138, 130, 117)  # a carried note not built on: dashed, in grey
PT = 72 / 25.4  # points in a millimetre: the figure's sizes are in mm


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


    def centred(self, x: float, y: float, text: str) -> None:
        """Text centred on x, its baseline at y."""
        self.text(x - self.get_string_width(text) / 2, y, text)

    def figure(self, panel: figure.Panel) -> None:
        """Draw a panel of the traces' figure (export/figure.py) at the current line."""
        if self.will_page_break(panel.height + 2):
            self.add_page()
        left, top = self.l_margin, self.get_y()
        for column in panel.columns:
            self.set_draw_color(*LINE)
            self.set_line_width(0.3)
            self.line(left + column.x, top + panel.head - 1, left + column.x, top + panel.height)
            for index, line in enumerate(column.lines):
                self.set_font(FONT, "" if index else "B",
                              (figure.SMALL if index else figure.FONT) * PT)
                self.set_text_color(*(MUTED if index else INK))
                self.centred(left + column.x, top + figure.HEAD_LINE + index * figure.TITLE_LINE,
                             line)
        self.set_font(FONT, "", figure.SMALL * PT)
        self.set_text_color(*MUTED)
        for index, band in enumerate(panel.bands):
            if index:
                self.set_line_width(0.2)
                self.line(left, top + band.top, left + figure.WIDTH, top + band.top)
            self.text(left, top + band.top + figure.ROW / 2 + 0.9, band.label)
        for arrow in panel.arrows:
            colour = ACCENT if arrow.built_on else GREY
            self.set_draw_color(*colour)
            self.set_fill_color(*colour)
            self.set_line_width(0.55 if arrow.built_on else 0.35)
            if not arrow.built_on:
                self.set_dash_pattern(dash=1.2, gap=0.8)
            self.line(left + arrow.x1, top + arrow.y, left + arrow.head[1][0], top + arrow.y)
            self.set_dash_pattern()
            self.polygon([(left + x, top + y) for x, y in arrow.head], style="F")
            self.set_line_width(0.3)
            self.set_fill_color(255, 255, 255)
            self.circle(left + arrow.middle, top + arrow.y, 2.3, style="FD")
            self.set_font(FONT, "B", figure.SMALL * PT)
            self.set_text_color(*colour)
            self.centred(left + arrow.middle, top + arrow.y + 0.9, str(arrow.number))
        self.set_y(top + panel.height + 1)

    def between(self, report: Report, w: Wording) -> None:
        """What travelled between the tables (figure and table), and who met whom."""
        words = w.labels
        if not (report.traces or report.meetings):
            return
        panels = figure.layout(report, words)
        if panels and self.will_page_break(40 + panels[0].height):
            self.add_page()  # the section's heads stay with the figure's first panel
        self.heading(words["between"], 2)
        if report.traces:
            self.heading(words["travelled"], 3)
            self.paragraph(w.carried(report.traces))
            for panel in panels:
                self.figure(panel)
            self.paragraph(words["figure"], size=8.5, colour=MUTED, align="L", after=2)
            self.set_font(FONT, "", 9)
            self.set_text_color(*INK)
            self.set_draw_color(*LINE)
            self.set_line_width(0.2)
            with self.table(col_widths=(9, 60, 22, 17, 26, 40), text_align="LEFT",
                            line_height=4.4, padding=(1, 1), borders_layout="HORIZONTAL_LINES",
                            headings_style=FontFace(emphasis="BOLD")) as table:
                for cells in [words["trace_header"], *(w.trace_row(n, trace) for n, trace
                                                       in enumerate(report.traces, start=1))]:
                    row = table.row()
                    for cell in cells:
                        row.cell(cell)
            self.ln(3)
        if report.meetings:
            self.heading(words["met"], 3)
            self.paragraph(w.share(report.meetings.share))
            self.items([w.organisation(line) for line in report.meetings.organisations],
                       numbered=False)


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
            pdf.items([" ".join(filter(None, (idea.text, w.idea(idea))))
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
        if w.withheld(topic):
            pdf.paragraph(w.withheld(topic), style="I", colour=MUTED)
    pdf.between(report, w)
    if report.steps:
        pdf.heading(words["steps"], 2)
        pdf.items([w.step(s) for s in report.steps], numbered=False)
    return bytes(pdf.output())
