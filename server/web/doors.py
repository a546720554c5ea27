"""The forum ouvert's doors: each space's own link (/j/<code>/space/<id>: join if need be,
then check into the session held there now), its QR code, and a sheet to print with one
space per A4 page, to stick on the doors."""

import io

import segno
from flask import Blueprint, Response, g, render_template, request

from ..domain.workshop import normalize_code
from .context import get_store
from .links import base_url
from .pages import _phone

bp = Blueprint("doors", __name__)


def door_link(code: str, space: str) -> str:
    """The address a space's QR code holds."""
    return f"{base_url()}/j/{code}/space/{space}"


def _workshop_and_space(code: str, space: str):
    workshop = get_store().workshop_for(normalize_code(code), request.remote_addr)
    found = get_store().openspace.layout(workshop.code).space(space)  # not_found otherwise
    return workshop, found


@bp.get("/j/<code>/space/<space>")
def door(code: str, space: str):
    """A space's door: the phone page, which checks into the session held there once its
    owner has joined."""
    g.device_first = True
    workshop, found = _workshop_and_space(code, space)
    g.workshop_language = workshop.language
    returning = request.cookies.get(f"cafe_member_{workshop.code}") == "1"
    return _phone(workshop, returning=returning, data={"space": found.id})


@bp.get("/w/<code>/space/<space>/qr.svg")
def door_qr(code: str, space: str):
    """The QR code of a space's door, as SVG."""
    workshop, found = _workshop_and_space(code, space)
    out = io.BytesIO()
    segno.make(door_link(workshop.code, found.id), error="m").save(
        out, kind="svg", scale=10, border=2, dark="#1d1b16", light="#ffffff",
        xmldecl=False, svgclass="qr", title="QR")
    return Response(out.getvalue(), mimetype="image/svg+xml",
                    headers={"Cache-Control": "private, max-age=300"})


@bp.get("/w/<code>/doors")
def doors(code: str):
    """Every space's sign, one per A4 page: its name, its QR code, its link."""
    workshop = get_store().workshop_for(normalize_code(code), request.remote_addr)
    g.workshop_language = workshop.language
    layout = get_store().openspace.layout(workshop.code)
    signs = [{"space": s, "link": door_link(workshop.code, s.id)} for s in layout.spaces]
    return render_template("doors.html", workshop=workshop, signs=signs)
