"""The exports: pure renderers checked against golden files, and opened by real readers."""

import csv
import io
import json
import os
from pathlib import Path

import docx
import pytest
from pypdf import PdfReader

from server.domain.report import build_report
from server.domain.text import french_spacing
from server.export import FORMATS, filename
from server.export.report import wording

GOLDEN = Path(__file__).parent / "golden"
DEMO = json.loads((GOLDEN / "demo.json").read_text(encoding="utf-8"))
UPDATE = os.environ.get("CAFE_UPDATE_GOLDEN") == "1"  # regenerate after a deliberate change

# What the hand-written reference report holds, and so must every export of the demo (with
# French typography: narrow no-break spaces before ? ! : ; and inside « »).
REFERENCE_PARTS = [french_spacing(part) for part in [
    "4 avril 2013", "Atelier Coopération Inter-entreprise", "ES Energie", "ATE Conseil",
    "Pierre Garnier Toiture", "Via Storia", "Claire", "Alexia", "Christine",
    "forum ouvert", "World Café", "Les participants ont choisi trois sujets",
    "La coopération inter-entreprise pour les entreprises de services",
    "Mutualisation des compétences avec une culture partagée",
    "Comment se fait cette coopération ?",
    "Comment passer de la relation forcée (sous-traitants) à une relation de coopération ?",
    "Que peut-on mutualiser ? Peut-on mutualiser sur le cœur de métier ?",
    "Est-ce que la collaboration peut être une alternative à la concurrence ?",
    "Idées retenues", "6 gommettes", "Pour résumer", "Il y a un leader efficace",
    "Idées non développées", "Coopération par l'échange", "Projets pour la suite",
    "Préparer les bases d'une charte commune",
]]


@pytest.mark.parametrize("fmt", ["md", "html", "csv", "json"])
def test_text_exports_match_their_golden_files(fmt):
    rendered = FORMATS[fmt].render(DEMO)
    golden = GOLDEN / f"demo.{fmt}"
    if UPDATE:
        golden.write_bytes(rendered)
    assert rendered == golden.read_bytes()


def test_the_json_export_is_the_dump_itself():
    assert json.loads(FORMATS["json"].render(DEMO)) == DEMO
    assert DEMO["format"] == "cafe-board/2"
    assert "devices" not in DEMO and "console" not in DEMO["workshop"]


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_text_reports_hold_every_part_of_the_reference(fmt):
    text = FORMATS[fmt].render(DEMO).decode()
    for part in REFERENCE_PARTS:
        assert part in text.replace("&#39;", "'"), part


def test_the_pdf_opens_and_holds_every_part_with_its_accents():
    data = FORMATS["pdf"].render(DEMO)
    reader = PdfReader(io.BytesIO(data))
    text = "\n".join(page.extract_text() for page in reader.pages)
    flat = " ".join(text.split())
    for part in REFERENCE_PARTS:
        assert " ".join(part.split()) in flat, part
    assert "cœur" in flat and "« Atelier Coopération Inter-entreprise »" in flat
    assert reader.metadata.title == "Atelier Coopération Inter-entreprise"
    assert len(reader.pages) >= 2


def test_the_docx_opens_with_headings_lists_and_every_part():
    document = docx.Document(io.BytesIO(FORMATS["docx"].render(DEMO)))
    paragraphs = [p.text for p in document.paragraphs]
    header = {row.cells[0].text: row.cells[1].text for row in document.tables[0].rows}
    text = "\n".join(paragraphs + list(header.values()) + list(header))
    for part in REFERENCE_PARTS:
        assert part in text, part
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert "1. La coopération inter-entreprise pour les entreprises de services" in headings
    assert headings.count("Idées retenues") == 3
    numbered = [t for t in paragraphs if t.startswith("1.\t")]
    assert len(numbered) == 4  # the topics' list and each topic's retained ideas restart at 1


def test_the_csv_has_every_note_with_its_table_round_and_votes():
    rows = list(csv.reader(io.StringIO(FORMATS["csv"].render(DEMO).decode("utf-8-sig"))))
    assert rows[0] == ["table", "sujet", "tour", "question", "auteur", "couleur", "gommettes",
                       "heure (Europe/Paris)", "texte"]
    assert len(rows) - 1 == len(DEMO["notes"])
    leader = next(r for r in rows if r[-1] == "Un leader est nécessaire pour organiser la "
                                               "coopération")
    assert leader[0] == "1" and leader[6] == "6" and leader[2] in {"1", "2", "3"}
    assert all(r[5] in {"jaune", "rose", "bleu", "vert", "orange"} for r in rows[1:])


def hostile(document: dict) -> dict:
    """The demo with a note and an idea full of markup, and an anonymous note."""
    changed = json.loads(json.dumps(document))
    attack = "<script>alert('x')</script><img src=x onerror=alert(1)> =1+1 # titre"
    changed["notes"][0]["text"] = attack
    changed["notes"][1]["anonymous"] = True
    changed["notes"][1]["author_name"] = ""
    changed["synthesis"][0]["text"] = attack
    changed["workshop"]["details"]["theme"] = "<b>Thème</b> & co"
    return changed


def test_what_people_typed_is_text_in_every_export():
    document = hostile(DEMO)
    html = FORMATS["html"].render(document).decode()
    assert "<script>" not in html and "<img" not in html and "<b>Thème" not in html
    assert "&lt;script&gt;" in html and "&lt;b&gt;Thème&lt;/b&gt; &amp; co" in html
    markdown = FORMATS["md"].render(document).decode()
    assert "<script>" not in markdown and "&lt;script&gt;" in markdown
    rows = list(csv.reader(io.StringIO(FORMATS["csv"].render(document).decode("utf-8-sig"))))
    assert any(r[-1].startswith("'=") or r[-1].startswith("<script>") for r in rows)
    assert "anonyme" in [r[4] for r in rows]
    pdf = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(
        FORMATS["pdf"].render(document))).pages)
    assert "<script>alert('x')</script>" in " ".join(pdf.split())
    paragraphs = [p.text for p in docx.Document(io.BytesIO(
        FORMATS["docx"].render(document))).paragraphs]
    assert any("<script>alert('x')</script>" in p for p in paragraphs)


def test_a_cell_that_would_run_as_a_formula_is_defused():
    document = json.loads(json.dumps(DEMO))
    document["notes"][0]["text"] = "=HYPERLINK(\"http://evil\")"
    rows = list(csv.reader(io.StringIO(FORMATS["csv"].render(document).decode("utf-8-sig"))))
    assert "'=HYPERLINK(\"http://evil\")" in [r[-1] for r in rows]


def test_the_report_follows_the_workshops_language():
    english = json.loads(json.dumps(DEMO))
    english["workshop"]["details"]["language"] = "en"
    assert wording(build_report(english)).date == "April 4, 2013"
    text = FORMATS["md"].render(english).decode()
    for part in ["Retained ideas", "To sum up", "Ideas not developed", "Next steps",
                 "The participants chose three topics:"]:
        assert part in text


def test_file_names_carry_the_date_and_the_code():
    assert filename(DEMO, "pdf") == f"atelier-2013-04-04-{DEMO['code']}.pdf"


def test_counts_of_one_read_in_the_singular():
    small = json.loads(json.dumps(DEMO))
    small["participants"] = small["participants"][:1]
    small["topics"] = small["topics"][:1]
    small["tables"] = small["tables"][:1]
    small["rounds"]["current"] = 1
    small["votes"] = dict(list(small["votes"].items())[:1])
    small["workshop"]["settings"]["rank_ideas_by"] = "dots"  # no sentence on the ranking
    assert list(small["votes"].values()) == [1]
    french = wording(build_report(small))
    assert french.description.endswith(
        "1 personne y a pris part ; les participants ont proposé 1 sujet ; les tables ont "
        "travaillé en un tour de 20 minutes ; 1 gommette a désigné les idées retenues.")
    assert french.chosen == "Les participants ont choisi un sujet :"
    small["workshop"]["details"]["language"] = "en"
    english = wording(build_report(small))
    assert english.description.endswith(
        "1 person took part; the participants proposed 1 topic; the tables worked in one "
        "round of 20 minutes; 1 dot picked the retained ideas.")
    assert english.chosen == "The participants chose one topic:" and english.votes(1) == "1 dot"


def english(document: dict, **details) -> dict:
    """The demo as an English workshop (with other details if given)."""
    changed = json.loads(json.dumps(document))
    changed["workshop"]["details"].update(language="en", **details)
    return changed


def test_english_files_are_named_workshop_and_speak_of_dots():
    assert filename(english(DEMO), "md") == f"workshop-2013-04-04-{DEMO['code']}.md"
    text = FORMATS["md"].render(english(DEMO)).decode()
    assert "(6 dots)" in text and "votes" not in text
    assert "dots" in next(csv.reader(io.StringIO(
        FORMATS["csv"].render(english(DEMO)).decode("utf-8-sig"))))


def test_the_markdown_header_has_one_field_a_line():
    from markdown_it import MarkdownIt

    text = FORMATS["md"].render(DEMO).decode()
    head = text.split("\n---\n")[0].strip().split("\n")
    assert [line.split("**")[1] for line in head] == [
        "Date", "Thème", "Lieu", "Avec les entreprises", "Animation", "Membres", "Rédaction"]
    html = MarkdownIt().render(text.split("\n---\n")[0])
    assert html.count("<br />") == 6 and html.count("<p>") == 1


def test_csv_times_are_the_workshops_own_and_say_their_zone():
    rows = list(csv.reader(io.StringIO(FORMATS["csv"].render(DEMO).decode("utf-8-sig"))))
    assert rows[0][7] == "heure (Europe/Paris)"  # a French workshop without a zone: Paris
    assert rows[1][7] == "2013-04-04T14:01:00+02:00"  # 12:01 UTC, in April in Paris
    montreal = english(DEMO, timezone="America/Montreal")
    rows = list(csv.reader(io.StringIO(FORMATS["csv"].render(montreal).decode("utf-8-sig"))))
    assert rows[0][7] == "time (America/Montreal)" and rows[1][7] == "2013-04-04T08:01:00-04:00"


def test_the_docx_is_a4():
    document = docx.Document(io.BytesIO(FORMATS["docx"].render(DEMO)))
    for section in document.sections:  # Word keeps sizes in twentieths of a point
        assert round(section.page_width.mm) == 210 and round(section.page_height.mm) == 297
