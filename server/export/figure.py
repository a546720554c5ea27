"""The figure of the notes that travelled: the tables as columns, each carried note as an
arrow from the column of the table it left to the column of the table it reached, one row
a note, the rounds one under the other.

It is laid out once, in millimetres for the width of an A4 page's text; the HTML report
draws it as inline SVG and the PDF with fpdf2. Arrows are numbered as the table of traces
beside it, which holds their texts: a figure with a long text on every arrow would not be
read. A café with many traces gets several panels, each short enough for one page.
"""

import textwrap
from dataclasses import dataclass

from ..domain.report import Report

WIDTH = 174.0  # the text's width on A4 with 18 mm margins, as in the PDF
LEFT = 25.0  # the rounds' labels
HEAD_LINE, TITLE_LINE = 4.6, 3.3  # a column's "Table 1", then its topic's title
TITLE_LINES = 2
ROW = 7.0  # one carried note
PANEL_ROWS = 24  # carried notes a panel holds: it fits an A4 page with its head
MAX_COLUMNS = 12  # beyond, only the tables a note left or reached get a column
FONT, SMALL = 3.0, 2.5  # sizes in mm: about 8.5 pt and 7 pt
HEAD_SIZE = 2.6  # an arrowhead's length


@dataclass(frozen=True)
class Column:
    """A table's column: its centre and its heading's lines (the first is "Table n")."""

    number: int
    x: float
    lines: tuple[str, ...]


@dataclass(frozen=True)
class Band:
    """The rows of the notes carried after one round."""

    label: str
    top: float
    bottom: float


@dataclass(frozen=True)
class Arrow:
    """A carried note: from (x1, y) to (x2, y), its number, whether it was built on."""

    number: int
    x1: float
    x2: float
    y: float
    built_on: bool

    @property
    def head(self) -> tuple[tuple[float, float], ...]:
        """The arrowhead's triangle, its tip on the column it reached."""
        back = HEAD_SIZE if self.x2 > self.x1 else -HEAD_SIZE
        return ((self.x2, self.y), (self.x2 - back, self.y - HEAD_SIZE / 2.4),
                (self.x2 - back, self.y + HEAD_SIZE / 2.4))

    @property
    def middle(self) -> float:
        """Where its number sits."""
        return (self.x1 + self.x2) / 2


@dataclass(frozen=True)
class Panel:
    """One drawing: the columns' heads, then bands of arrows."""

    height: float
    head: float  # where the columns' heads end and the rows begin
    columns: tuple[Column, ...]
    bands: tuple[Band, ...]
    arrows: tuple[Arrow, ...]


def _fit(text: str, width: float, size: float, lines: int) -> tuple[str, ...]:
    """Text wrapped to a width in mm (an average glyph is about 0.55 em), cut with "…"."""
    chars = max(4, int(width / (size * 0.55)))
    wrapped = textwrap.wrap(" ".join(text.split()), chars) or [""]
    if len(wrapped) > lines:
        wrapped = wrapped[:lines]
        wrapped[-1] = wrapped[-1][:chars - 1].rstrip() + "…"
    return tuple(wrapped)


def _columns(report: Report, words: dict) -> tuple[Column, ...]:
    titles = {t.number: t.title for t in report.topics}
    numbers = sorted(set(titles) | {n for trace in report.traces for n in trace.path})
    if len(numbers) > MAX_COLUMNS:
        numbers = sorted({n for trace in report.traces for n in trace.path})
    width = (WIDTH - LEFT) / max(1, len(numbers))
    named = width >= 16  # room for "Table 12" and a title
    return tuple(Column(
        number=n, x=LEFT + width * (i + 0.5),
        lines=(words["column"] % {"n": n},
               *_fit(titles.get(n, ""), width - 2, SMALL, TITLE_LINES)) if named else (str(n),))
        for i, n in enumerate(numbers))


def layout(report: Report, words: dict) -> tuple[Panel, ...]:
    """The figure of a report's traces, in panels (none when nothing travelled)."""
    if not report.traces:
        return ()
    columns = _columns(report, words)
    x = {c.number: c.x for c in columns}
    head = HEAD_LINE + TITLE_LINE * max(len(c.lines) - 1 for c in columns) + 3
    numbered = list(enumerate(report.traces, start=1))
    panels = []
    for start in range(0, len(numbered), PANEL_ROWS):
        y, bands, arrows, band_top, current = head, [], [], head, None
        for number, trace in numbered[start:start + PANEL_ROWS]:
            if trace.round != current:
                if current is not None:
                    bands.append(Band(words["band"] % {"n": current}, band_top, y))
                current, band_top = trace.round, y
            arrows.append(Arrow(number, x[trace.from_table], x[trace.to_table], y + ROW / 2,
                                trace.built_on))
            y += ROW
        bands.append(Band(words["band"] % {"n": current}, band_top, y))
        panels.append(Panel(height=y + 2, head=head, columns=columns, bands=tuple(bands),
                            arrows=tuple(arrows)))
    return tuple(panels)
