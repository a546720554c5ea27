"""The book of proceedings written out: Markdown, HTML, PDF and DOCX, from the blocks of
server/export/proceedings.py. People's text is escaped in every format."""

import datetime as dt
import html
import io
from importlib import resources

from docx import Document
from docx.shared import Cm, Mm
from fpdf import FPDF

from ..domain.openspace.proceedings import Proceedings
from .markdown import _inline
from .proceedings import blocks, words

FONT = "DejaVu"


def markdown(book: Proceedings) -> str:
    """Return the proceedings as Markdown."""
    title, header, body = blocks(book)
    colon = words(book.details.language)["colon"]
    lines = [f"# {_inline(title)}", "",
             "  \n".join(f"**{k}**{colon} {_inline(v)}" for k, v in header), ""]
    for block in body:
        if block[0] == "h":
            lines += ["#" * block[1] + " " + _inline(block[2]), ""]
        elif block[0] == "p":
            lines += [_inline(block[1]), ""]
        elif block[0] == "ul":
            lines += [f"- {_inline(item)}" for item in block[1]] + [""]
        else:
            _, head, rows = block
            lines += ["| " + " | ".join(_inline(c) for c in head) + " |",
                      "| " + " | ".join("---" for _ in head) + " |"]
            lines += ["| " + " | ".join(_inline(c) for c in row) + " |" for row in rows]
            lines += [""]
    return "\n".join(lines).rstrip() + "\n"


_STYLE = """body{font-family:system-ui,sans-serif;max-width:48rem;margin:2rem auto;
color:#1d1b16;line-height:1.45}h1,h2{color:#9a3f1c}table{border-collapse:collapse;width:100%}
td,th{border:1px solid #e0d6c3;padding:.3rem .5rem;text-align:left;vertical-align:top}
@page{size:A4;margin:18mm}"""


def page(book: Proceedings) -> str:
    """Return the proceedings as one self-contained HTML page (every text escaped)."""
    e = html.escape
    title, header, body = blocks(book)
    out = [f'<!doctype html><html lang="{e(book.details.language)}"><head><meta charset="utf-8">'
           f"<title>{e(title)} — {e(book.details.theme)}</title><style>{_STYLE}</style>"
           f"</head><body><h1>{e(title)}</h1><dl>"]
    out += [f"<dt>{e(k)}</dt><dd>{e(v)}</dd>" for k, v in header] + ["</dl>"]
    for block in body:
        if block[0] == "h":
            out.append(f"<h{block[1]}>{e(block[2])}</h{block[1]}>")
        elif block[0] == "p":
            out.append(f"<p>{e(block[1])}</p>")
        elif block[0] == "ul":
            out.append("<ul>" + "".join(f"<li>{e(i)}</li>" for i in block[1]) + "</ul>")
        else:
            _, head, rows = block
            out.append("<table><thead><tr>" + "".join(f"<th>{e(c)}</th>" for c in head)
                       + "</tr></thead><tbody>" + "".join(
                           "<tr>" + "".join(f"<td>{e(c)}</td>" for c in row) + "</tr>"
                           for row in rows) + "</tbody></table>")
    return "\n".join([*out, "</body></html>"]) + "\n"


def pdf(book: Proceedings) -> bytes:
    """Return the proceedings as an A4 PDF (DejaVu, so every accent comes out)."""
    title, header, body = blocks(book)
    doc = FPDF(format="A4", unit="mm")
    fonts = resources.files(__package__).joinpath("fonts")
    for style, name in [("", "DejaVuSans.ttf"), ("B", "DejaVuSans-Bold.ttf")]:
        with resources.as_file(fonts.joinpath(name)) as path:
            doc.add_font(FONT, style, str(path))
    doc.set_margins(18, 18, 18)
    doc.set_auto_page_break(True, margin=18)
    doc.set_title(f"{title} — {book.details.theme}")
    doc.set_lang(book.details.language)
    doc.set_creation_date(dt.datetime(2000, 1, 1, tzinfo=dt.UTC))  # reproducible files
    doc.add_page()

    def text(value: str, size: float = 10.5, style: str = "") -> None:
        doc.set_font(FONT, style, size)
        doc.multi_cell(doc.epw, size * 0.5, value, new_x="LMARGIN", new_y="NEXT")
        doc.ln(1.5)

    text(title, 18, "B")
    for k, v in header:
        text(f"{k}{words(book.details.language)['colon']} {v}", 10)
    for block in body:
        if block[0] == "h":
            text(block[2], {2: 14, 3: 12, 4: 10.5}[block[1]], "B")
        elif block[0] == "p":
            text(block[1])
        elif block[0] == "ul":
            for item in block[1]:
                text(f"• {item}")
        else:
            _, head, rows = block
            doc.set_font(FONT, "", 8.5)
            with doc.table(text_align="LEFT") as table:
                for row in [head, *rows]:
                    cells = table.row()
                    for cell in row:
                        cells.cell(cell)
            doc.ln(2)
    return bytes(doc.output())


def word(book: Proceedings) -> bytes:
    """Return the proceedings as a Word document, on A4."""
    title, header, body = blocks(book)
    doc = Document()
    for section in doc.sections:
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.left_margin = section.right_margin = Cm(2)
    doc.core_properties.title = f"{title} — {book.details.theme}"
    doc.core_properties.language = book.details.language
    doc.core_properties.created = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
    doc.add_heading(title, level=0)
    for k, v in header:
        doc.add_paragraph().add_run(f"{k}{words(book.details.language)['colon']} {v}")
    for block in body:
        if block[0] == "h":
            doc.add_heading(block[2], level=block[1])
        elif block[0] == "p":
            doc.add_paragraph(block[1])
        elif block[0] == "ul":
            for item in block[1]:
                doc.add_paragraph(item, style="List Bullet")
        else:
            _, head, rows = block
            table = doc.add_table(rows=0, cols=len(head))
            table.style = "Table Grid"
            for row in [head, *rows]:
                for cell, value in zip(table.add_row().cells, row, strict=True):
                    cell.text = value
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
