"""Pure renderers: an archived workshop in, the bytes of a file out.

The report formats draw the report model (server.domain.report), built here from the
archive and holding only what a report shows; the JSON format is the archive itself.
"""

from collections.abc import Callable
from dataclasses import dataclass

from ..domain.openspace.proceedings import build_proceedings
from ..domain.report import build_report
from ..domain.workshop import LANGUAGES
from . import docx_report, html_report, markdown, notes_csv, pdf_report, proceedings_files
from .archive_json import render_json
from .words import labels


@dataclass(frozen=True)
class Format:
    """A file format of the export."""

    extension: str
    mimetype: str  # the whole Content-Type, charset included where there is one
    render: Callable[[dict], bytes]


def _book(report: Callable[[dict], bytes], proceedings: Callable[[dict], bytes]):
    """A report format: a forum ouvert's is its book of proceedings."""
    def render(document: dict) -> bytes:
        if document["workshop"]["details"].get("format") == "forum-ouvert":
            return proceedings(build_proceedings(document))
        return report(build_report(document))
    return render


FORMATS = {
    "md": Format("md", "text/markdown; charset=utf-8", _book(
        lambda r: markdown.render(r).encode(),
        lambda b: proceedings_files.markdown(b).encode())),
    "html": Format("html", "text/html; charset=utf-8", _book(
        lambda r: html_report.render(r).encode(), lambda b: proceedings_files.page(b).encode())),
    "pdf": Format("pdf", "application/pdf", _book(pdf_report.render, proceedings_files.pdf)),
    "docx": Format("docx",
                   "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                   _book(docx_report.render, proceedings_files.word)),
    "csv": Format("csv", "text/csv; charset=utf-8", lambda d: notes_csv.render(build_report(d))),
    "json": Format("json", "application/json", render_json),
}


def filename(document: dict, fmt: str) -> str:
    """The file name of an export, in the workshop's language: "workshop-<date>-<code>",
    "atelier-<date>-<code>" in French."""
    details = document["workshop"]["details"]
    language = details.get("language") if details.get("language") in LANGUAGES else "fr"
    return f"{labels(language)['file']}-{details['date']}-{document['code']}.{fmt}"
