"""The forum ouvert demo played through, and its book of proceedings in every format,
in the workshop's language, checked against golden files and read back."""

import io
import json
import os
from pathlib import Path

import docx
import pytest
from pypdf import PdfReader

from server.cli.demo_openspace import create_openspace_demo
from server.domain.openspace.proceedings import build_proceedings
from server.export import FORMATS
from server.store.archive import dump, load

from .test_archive import cafe

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("CAFE_UPDATE_GOLDEN") == "1"


def _document() -> dict:
    return json.loads((GOLDEN / "forum-ouvert.json").read_text(encoding="utf-8"))


def test_the_forum_ouvert_demo_is_played_through(store):
    code, key, _ = create_openspace_demo(store)
    document = dump(store.redis, code)
    part = document["openspace"]
    assert document["workshop"]["details"]["format"] == "forum-ouvert"
    assert len(document["participants"]) == 40
    assert len(part["layout"]["spaces"]) == 4 and len(part["layout"]["slots"]) == 3
    assert len(part["sessions"]) == 10 and len(part["reports"]) == 10
    assert part["amendment"] == "final" and len(part["comments"]) == 4
    book = build_proceedings(document)
    assert book.people == 40 and book.bumblebees > 0 and book.final
    assert len(document["notes"]) == 30
    if UPDATE:
        (GOLDEN / "forum-ouvert.json").write_text(
            json.dumps(document, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    # The archive goes back into Redis and comes out the same.
    document_again = dump(store.redis, load(store.redis, {**document, "code": "ZZZZZZ"}, "x"))
    assert document_again["openspace"] == part
    assert len(key) >= 43


def _in(document: dict, language: str) -> dict:
    return {**document, "workshop": {**document["workshop"], "details": {
        **document["workshop"]["details"], "language": language}}}


def test_the_proceedings_match_their_golden_files():
    # In English: the French words come with the catalogue, merged separately.
    document = _in(_document(), "en")
    for fmt in ("md", "html"):
        rendered = FORMATS[fmt].render(document)
        golden = GOLDEN / f"forum-ouvert.{fmt}"
        if UPDATE:
            golden.write_bytes(rendered)
        assert rendered == golden.read_bytes(), fmt


def test_the_proceedings_hold_the_grid_every_report_and_the_cross_session_steps():
    document = _document()
    text = FORMATS["md"].render(document).decode()
    for part in ["Salle Rhône", "Coin jardin", "Matin 1", "Après-midi",
                 "Mutualiser un poste de commercial", "Tester sur six mois",
                 "on se revoit dans un mois"]:
        assert part in text, part
    assert text.count("Réunir le groupe") == 20  # in each session, and in the cross list
    pdf = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(
        FORMATS["pdf"].render(document))).pages)
    assert "Salle Rhône" in pdf and "Tester sur six mois" in pdf
    word = docx.Document(io.BytesIO(FORMATS["docx"].render(document)))
    paragraphs = " ".join(p.text for p in word.paragraphs)
    assert "Répondre ensemble aux appels d'offres" in paragraphs
    assert len(word.tables) == 2  # the grid, the cross-session next steps
    assert word.tables[0].rows[0].cells[1].text == "Salle Rhône"


def test_the_proceedings_speak_the_workshops_language():
    document = _document()
    english = _in(document, "en")
    text = FORMATS["md"].render(english).decode()
    assert "# Book of proceedings" in text and "Next steps across the sessions" in text
    page = FORMATS["html"].render(english).decode()
    assert '<html lang="en">' in page
    assert '<html lang="fr">' in FORMATS["html"].render(document).decode()


@pytest.mark.slow
def test_cafe_demo_makes_a_forum_ouvert_and_exports_its_proceedings(tmp_path, redis_url):
    base = {"PATH": os.environ["PATH"], "CAFE_REDIS_URL": redis_url}
    made = cafe("demo", "--format", "forum-ouvert", env=base)
    assert made.returncode == 0, made.stderr.decode()
    out = made.stdout.decode()
    code = out.split("Demo forum ouvert ")[1].split()[0]
    assert f"/console/{code}#key=" in out
    for fmt in ["md", "html", "pdf", "docx", "json"]:
        done = cafe("export", code, "--format", fmt, "-o", str(tmp_path), env=base)
        assert done.returncode == 0, done.stderr.decode()
    text = (tmp_path / f"atelier-2026-03-12-{code}.md").read_text(encoding="utf-8")
    assert "Salle Rhône" in text and "Réunir le groupe" in text
