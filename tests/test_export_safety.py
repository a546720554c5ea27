"""What the exports must never carry: secrets, anonymous authors, formulas, Markdown."""

import csv
import dataclasses
import io
import json
import re
import zipfile
from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from pypdf import PdfReader

from server.cli.demo import create_demo
from server.domain import report as model
from server.domain.carrying import Trip, carried_copy
from server.domain.notes import Note
from server.domain.participant import Participant
from server.domain.report import build_report
from server.domain.text import french_spacing
from server.export import FORMATS
from server.store import keys
from server.store.archive import dump

DEMO = json.loads((Path(__file__).parent / "golden" / "demo.json").read_text(encoding="utf-8"))
GHOST_ID, GHOST_NAME = "ghost7q2zx", "Zéphyrine Fantôme"
HEX64 = re.compile(r"(?<![0-9a-f])[0-9a-f]{64}(?![0-9a-f])")


def every_format(document: dict) -> dict[str, str]:
    """Each export of a document as the text a reader (or a search) finds in it."""
    out = {fmt: FORMATS[fmt].render(document).decode("utf-8-sig")
           for fmt in ("md", "html", "csv", "json")}
    data = FORMATS["pdf"].render(document)
    reader = PdfReader(io.BytesIO(data))
    out["pdf"] = "\n".join(p.extract_text() for p in reader.pages) + data.decode("latin-1")
    with zipfile.ZipFile(io.BytesIO(FORMATS["docx"].render(document))) as docx:
        out["docx"] = "\n".join(docx.read(name).decode("utf-8", "replace")
                                for name in docx.namelist())
    return out


def copy(document: dict) -> dict:
    return json.loads(json.dumps(document))


# --- Secrets and anonymous authors ---------------------------------------------------

def test_no_digest_and_no_anonymous_author_leaves_the_store(store):
    code, _, _ = create_demo(store)
    note = dump(store.redis, code)["notes"][0]
    # An anonymous note by someone no longer on the roster: nothing else names them.
    stored = json.loads(store.redis.hget(keys.notes(code, note["table"]), note["id"]))
    stored.update(anonymous=True, author=GHOST_ID, author_name=GHOST_NAME)
    store.redis.hset(keys.notes(code, note["table"]), note["id"], json.dumps(stored))
    digests = {*store.redis.hkeys(keys.devices(code)), store.workshops.console_digest(code)}
    assert len(digests) == 14
    document = dump(store.redis, code)
    for fmt, text in every_format(document).items():
        assert not digests & set(HEX64.findall(text)), fmt
        assert GHOST_ID not in text and GHOST_NAME not in text, fmt
    archived = next(n for n in document["notes"] if n["id"] == note["id"])
    assert archived["anonymous"] and archived["author"] is None and archived["author_name"] == ""


def test_the_report_formats_never_see_what_an_old_archive_held():
    """Even a document still holding digests and anonymous authors (the first archive
    format) gives reports without them: the renderers draw the report model only."""
    legacy = copy(DEMO)
    legacy["format"] = "cafe-board/1"
    legacy["devices"] = {"a" * 64: legacy["participants"][0]["id"]}
    legacy["workshop"]["console"] = "b" * 64
    legacy["notes"][0].update(anonymous=True, author=GHOST_ID, author_name=GHOST_NAME)
    texts = every_format(legacy)
    for fmt in ("md", "html", "pdf", "docx", "csv"):
        assert not HEX64.search(texts[fmt]), fmt
        assert GHOST_ID not in texts[fmt] and GHOST_NAME not in texts[fmt], fmt
    report = build_report(legacy)
    note = next(n for t in report.topics for n in t.notes if n.text == legacy["notes"][0]["text"])
    assert note.anonymous and note.author_name == ""


CARRIER_ID, CARRIER_NAME = "porteur7qz", "Anatole Porteur"


def test_an_anonymous_carried_note_names_neither_its_author_nor_its_carrier(store):
    """Carried from a table where it was written anonymously, by someone nothing else
    names: no format tells who wrote it or who carried it, yet its trace is told."""
    code, _, _ = create_demo(store)
    document = dump(store.redis, code)
    copy = next(n for n in document["notes"] if n["carried"])
    came = copy["carried"]
    original = Note.from_dict(json.loads(store.redis.hget(
        keys.notes(code, came["from_table"]), came["from_note"])))
    secret = dataclasses.replace(original, anonymous=True, author=GHOST_ID,
                                 author_name=GHOST_NAME)
    store.redis.hset(keys.notes(code, secret.table), secret.id, json.dumps(secret.to_dict()))
    carried = carried_copy(secret, Trip(came["round"], secret.table, copy["table"]),
                           Participant(CARRIER_ID, CARRIER_NAME), number=came["from_number"],
                           new_id=copy["id"], now=copy["created_at"])
    store.redis.hset(keys.notes(code, copy["table"]), copy["id"], json.dumps(carried.to_dict()))
    document = dump(store.redis, code)
    for fmt, text in every_format(document).items():
        for secret_word in (GHOST_ID, GHOST_NAME, CARRIER_ID, CARRIER_NAME):
            assert secret_word not in text, (fmt, secret_word)
    trace = next(t for t in build_report(document).traces
                 if t.round == came["round"] and t.text == french_spacing(copy["text"])
                 and not t.carrier)
    assert trace.from_table == came["from_number"]


def test_an_old_archive_naming_an_anonymous_notes_carrier_gives_reports_without_it():
    legacy = copy(DEMO)
    note = next(n for n in legacy["notes"] if n["carried"])
    note.update(anonymous=True, author=GHOST_ID, author_name=GHOST_NAME)
    note["carried"].update(by=CARRIER_ID, by_name=CARRIER_NAME)
    texts = every_format(legacy)
    for fmt in ("md", "html", "pdf", "docx", "csv"):
        for secret_word in (GHOST_ID, GHOST_NAME, CARRIER_ID, CARRIER_NAME):
            assert secret_word not in texts[fmt], (fmt, secret_word)


def test_what_people_typed_is_text_in_the_figure_and_the_traces():
    document = copy(DEMO)
    attack = "<script>alert(1)</script><svg onload=alert(2)>"
    for table in document["tables"]:
        table["title"] = attack
    for note in document["notes"]:
        if note["carried"]:
            note["text"] = attack
            note["carried"]["by_name"] = attack
    for person in document["participants"]:
        person["organisation"] = attack + person["organisation"]
    html = FORMATS["html"].render(document).decode()
    assert "<script" not in html and "<svg onload" not in html
    assert html.count("&lt;script&gt;") > 10


def test_the_report_model_holds_no_identifier():
    def fields(cls) -> set[str]:
        return {f.name for f in dataclasses.fields(cls)}

    every = set().union(*(fields(c) for c in (
        model.Report, model.Details, model.Counts, model.Topic, model.Question,
        model.PublicNote, model.Idea, model.Step, model.Trace, model.Meetings,
        model.OrganisationMeetings)))
    assert not every & {"id", "author", "code", "devices", "console", "participants", "seats",
                        "by", "from_note", "plan", "votes_by", "pid"}


# --- CSV: no cell runs as a formula --------------------------------------------------

STARTS = ["=", "+", "-", "@", "\t", "\r", "|", "＝", "＋", "－", "＠", " ="]


@pytest.mark.parametrize("start", STARTS)
def test_every_typed_cell_of_the_csv_is_defused(start):
    document = copy(DEMO)
    note = next(n for n in document["notes"] if n["question"])
    table = next(t for t in document["tables"] if t["id"] == note["table"])
    question = next(q for q in document["questions"] if q["id"] == note["question"])
    table["title"] = start + "HYPERLINK(\"http://evil/\",\"titre\")"
    question["text"] = start + "cmd|' /C calc'!A0"
    note.update(text=start + "1+1", author_name=start + "Nom", colour=start + "couleur")
    rows = list(csv.reader(io.StringIO(
        FORMATS["csv"].render(document).decode("utf-8-sig"), newline="")))
    row = next(r for r in rows if r[-1].endswith("1+1"))
    assert row[1] == "'" + table["title"]
    assert row[3] == "'" + question["text"]
    assert row[4] == "'" + start + "Nom"
    assert row[5] == "'" + start + "couleur"
    assert row[8] == "'" + start + "1+1"
    other = next(r for r in rows[1:] if r[1] == "'" + table["title"] and r is not row)
    assert other[1].startswith("'")  # every row of that table, not only the changed note


def test_ordinary_cells_stay_as_typed():
    rows = list(csv.reader(io.StringIO(FORMATS["csv"].render(DEMO).decode("utf-8-sig"))))
    assert not any(cell.startswith("'") for row in rows for cell in row)


def test_the_csv_download_names_its_charset_once(client, app):
    code, key, _ = create_demo(app.extensions["cafe"].store)
    for fmt, expected in [("csv", "text/csv; charset=utf-8"),
                          ("md", "text/markdown; charset=utf-8"),
                          ("html", "text/html; charset=utf-8"),
                          ("json", "application/json"), ("pdf", "application/pdf")]:
        answer = client.get(f"/api/workshops/{code}/export/{fmt}",
                            headers={"Authorization": f"Bearer {key}"})
        assert answer.headers["Content-Type"] == expected, fmt


# --- Markdown: what people typed stays text -------------------------------------------

PAYLOADS = [
    "[x](javascript:alert(1))", "![](http://host/pixel.png)", "<http://x>", "<x@example.org>",
    "<img src=x onerror=alert(1)>", "<script>alert(1)</script>", "[ref]\n\n[ref]: http://evil",
    "`code` and ``more``", "```\nfence\n```", "~~~\nfence\n~~~", "**bold** __bold__ *it* _it_",
    "~~gone~~", "# titre", "> citation", "- point", "+ point", "* point", "1. point", "1) point",
    "---", "***", "___", "| a | b |\n| - | - |", "\\[x\\](javascript:alert(1))",
    "&lt;b&gt; &#60;script&#62;", "x\\\n![](http://host/p.png)", "[x]\n(javascript:alert(1))",
    "    indented code", "titre #", "a\n===", "<!-- comment -->", "[x]: <javascript:y>",
]
PARSER = MarkdownIt("commonmark").enable(["table", "strikethrough"])
FORBIDDEN = {"link_open", "image", "html_inline", "html_block", "code_inline", "code_block",
             "fence", "s_open", "em_open", "blockquote_open"}
TABLES = 1  # the report's own: the notes carried between tables


def typed_everywhere(text: str) -> dict:
    """The demo with `text` in every field people type that the report shows."""
    document = copy(DEMO)
    details = document["workshop"]["details"]
    line = " ".join(text.split("\n"))  # one-line fields cannot hold a newline
    details.update(theme=line, place=line)
    for name in ("organisations", "animators", "members", "rapporteurs"):
        details[name] = [line]
    for table in document["tables"]:
        table["title"] = line
    for question in document["questions"]:
        question["text"] = line
    for note in document["notes"]:
        note["text"] = text
        if note["carried"]:
            note["carried"]["by_name"] = line
    for person in document["participants"]:
        person["organisation"] = line + person["organisation"]  # still as many organisations
    for item in document["synthesis"]:
        item["text"] = text
        item["owner"] = line if item["kind"] == "step" else item["owner"]
    document["synthesis"] = [i for i in document["synthesis"] if i["kind"] != "answer"]
    return document


def tokens(markdown: str) -> list:
    out = []
    for token in PARSER.parse(markdown):
        out.append(token)
        out.extend(token.children or [])
    return out


def structure(markdown: str) -> list[tuple[str, str]]:
    return [(t.type, t.tag) for t in tokens(markdown) if t.type.endswith("_open")]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_markdown_makes_no_link_image_html_or_code_of_what_people_typed(payload):
    markdown = FORMATS["md"].render(typed_everywhere(payload)).decode()
    found = {t.type for t in tokens(markdown)}
    assert not found & FORBIDDEN, (found & FORBIDDEN, markdown[:400])
    assert [t.type for t in tokens(markdown)].count("table_open") == TABLES
    html = PARSER.render(markdown)
    assert "<a " not in html and "<img" not in html and "<script" not in html
    # Nothing else changes shape: the same headings, lists, paragraphs and bold labels as
    # plain words on as many lines.
    words = "\n".join("mot" for line in payload.split("\n") if line.strip())
    plain = FORMATS["md"].render(typed_everywhere(words)).decode()
    if not re.match(r"^(\d+[.)]|[-*+]) ", payload):  # a summary's typed list stays a list
        assert structure(markdown) == structure(plain)


@pytest.mark.parametrize("payload", ["[x](javascript:alert(1))", "<script>alert(1)</script>",
                                     "**gras** `code` ~~barré~~ # dièse |"])
def test_a_reader_of_the_markdown_sees_what_was_typed(payload):
    markdown = FORMATS["md"].render(typed_everywhere(payload)).decode()
    html = PARSER.render(markdown)
    assert html.count(payload.replace("<", "&lt;").replace(">", "&gt;")) > 10


def test_ordinary_french_stays_readable_in_the_markdown():
    text = "L'équipe « cœur » dit : c'est (vraiment) utile ! N'est-ce pas ? 50 % à 9 h."
    markdown = FORMATS["md"].render(typed_everywhere(text)).decode()
    # As typed, with French typography (narrow no-break spaces) and nothing escaped.
    typeset = "L'équipe « cœur » dit : c'est (vraiment) utile ! N'est-ce pas ? 50 % à 9 h."
    assert markdown.count(typeset) > 10
