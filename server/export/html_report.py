"""The report as a printable HTML page: one self-contained file, A4 print styles."""

from importlib import resources

from jinja2 import Environment, select_autoescape

from ..domain.report import Report
from . import figure
from .report import wording

_ENV = Environment(autoescape=select_autoescape(default=True), trim_blocks=True,
                   lstrip_blocks=True)
_ENV.filters["mm"] = lambda value: f"{value:.2f}".rstrip("0").rstrip(".")  # SVG lengths
_TEMPLATE = _ENV.from_string(
    resources.files(__package__).joinpath("templates", "report.html").read_text())


def render(report: Report) -> str:
    """Return the report as HTML (every text escaped)."""
    w = wording(report)
    return _TEMPLATE.render(r=report, d=report.details, w=w, words=w.labels,
                            panels=figure.layout(report, w.labels), fig=figure)
