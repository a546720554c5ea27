"""The report as a printable HTML page: one self-contained file, A4 print styles."""

from importlib import resources

from jinja2 import Environment, select_autoescape

from .report import Report, header_fields, step_line, votes_label

_ENV = Environment(autoescape=select_autoescape(default=True), trim_blocks=True,
                   lstrip_blocks=True)
_TEMPLATE = _ENV.from_string(
    resources.files(__package__).joinpath("templates", "report.html").read_text())


def render(report: Report) -> str:
    """Return the report as HTML (every text escaped)."""
    return _TEMPLATE.render(
        r=report, words=report.labels, header=header_fields(report),
        votes=lambda n: votes_label(report, n), step=lambda s: step_line(report, s),
    )
