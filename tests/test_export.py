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


# --- Between the tables: what travelled, who met whom, what the organisations agree on --

def flat(text: str) -> str:
    """Text as a reader finds it: one space for any run of spaces, no-break ones too."""
    return " ".join(text.replace("\u202f", " ").replace("\xa0", " ").split())


def between_parts(document: dict) -> list[str]:
    """What every report of a document must say about the café as a whole: each carried
    note with its route and carrier, the meetings, and the retained ideas' flags."""
    report = build_report(document)
    w = wording(report)
    parts = [w.labels["between"], w.labels["travelled"], w.labels["met"],
             w.carried(report.traces), w.share(report.meetings.share)]
    parts += [w.organisation(line) for line in report.meetings.organisations]
    for trace in report.traces:
        parts += [trace.text, w.route(trace), trace.carrier]
    parts += [w.flag(idea) for topic in report.topics for idea in topic.retained if idea.flag]
    return [flat(part) for part in parts]


def test_the_demo_has_traces_meetings_and_both_flags():
    report = build_report(DEMO)
    assert len(report.traces) == 7 and {t.round for t in report.traces} == {1, 2}
    assert any(len(t.path) == 3 for t in report.traces)  # a note carried on, twice
    assert {t.built_on for t in report.traces} == {True, False}
    assert all(t.carrier for t in report.traces)
    flags = [i.flag for t in report.topics for i in t.retained]
    assert "agreed" in flags and "one" in flags
    leader = next(i for i in report.topics[0].retained if i.flag == "one")
    assert (leader.votes, leader.organisations) == (6, 1)
    assert report.topics[0].retained[-1] == leader  # ranked by organisations, kept last
    assert 0 < report.meetings.share < 1 and len(report.meetings.organisations) == 6
    assert report.ranking == "organisations"


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_text_reports_show_what_travelled_who_met_whom_and_the_flags(fmt):
    text = flat(FORMATS[fmt].render(DEMO).decode().replace("&#39;", "'"))
    for part in between_parts(DEMO):
        assert part in text, part
    # After the topics, before the next steps.
    words = wording(build_report(DEMO)).labels
    last_topic = build_report(DEMO).topics[-1].undeveloped[-1].text
    assert text.index(flat(last_topic)) < text.index(words["between"]) < text.rindex(
        flat(words["steps"]))


def test_the_markdown_tells_the_traces_as_a_table():
    text = FORMATS["md"].render(DEMO).decode()
    rows = [line for line in text.splitlines() if line.startswith("| ")]
    assert len(rows) == 2 + 7  # the header and its | --- | line, a row a carried note
    assert rows[-1].startswith("| 7 | ") and " → " in rows[-1]


def test_the_html_draws_the_traces_as_a_figure():
    html = FORMATS["html"].render(DEMO).decode()
    report = build_report(DEMO)
    figure = html[html.index('<figure class="traces">'):html.index("</figure>")]
    assert figure.count("<svg ") == 1 and "<script" not in html
    assert figure.count('<g class="on">') == sum(t.built_on for t in report.traces)
    assert figure.count('<g class="off">') == sum(not t.built_on for t in report.traces)
    assert figure.count("<polygon ") == len(report.traces)
    for topic in report.topics:
        assert f">{wording(report).labels['column'] % {'n': topic.number}}</text>" in figure


def test_the_pdf_shows_what_travelled_who_met_whom_and_the_flags():
    reader = PdfReader(io.BytesIO(FORMATS["pdf"].render(DEMO)))
    text = flat(" ".join(page.extract_text() for page in reader.pages))
    for part in between_parts(DEMO):
        assert part in text, part
    words = wording(build_report(DEMO)).labels
    assert flat(words["band"] % {"n": 2}) in text and flat(words["figure"]) in text


def test_the_docx_shows_what_travelled_who_met_whom_and_the_flags():
    document = docx.Document(io.BytesIO(FORMATS["docx"].render(DEMO)))
    traces = document.tables[1]
    report = build_report(DEMO)
    w = wording(report)
    assert [c.text for c in traces.rows[0].cells] == w.labels["trace_header"]
    assert [[c.text for c in row.cells] for row in traces.rows[1:]] == [
        w.trace_row(n, trace) for n, trace in enumerate(report.traces, start=1)]
    text = flat("\n".join([p.text for p in document.paragraphs] + [
        c.text for row in traces.rows for c in row.cells]))
    for part in between_parts(DEMO):
        assert part in text, part


def test_nothing_between_the_tables_when_nothing_travelled_and_no_round_was_played():
    quiet = json.loads(json.dumps(DEMO))
    quiet["notes"] = [n for n in quiet["notes"] if not n["carried"]]
    quiet["rounds"]["current"] = 0
    words = wording(build_report(quiet)).labels
    for fmt in ("md", "html"):
        text = FORMATS[fmt].render(quiet).decode()
        assert words["between"] not in text and "<svg" not in text, fmt
    assert len(docx.Document(io.BytesIO(FORMATS["docx"].render(quiet))).tables) == 1
    pdf = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(
        FORMATS["pdf"].render(quiet))).pages)
    assert words["between"] not in pdf
    moved = json.loads(json.dumps(quiet))
    moved["rounds"]["current"] = 3  # the meetings, without traces
    text = FORMATS["md"].render(moved).decode()
    assert words["met"] in text and words["travelled"] not in text


def test_a_hidden_carried_note_is_no_trace_and_a_chain_keeps_its_whole_route():
    document = json.loads(json.dumps(DEMO))
    chained = next(n for n in document["notes"] if n["carried"] and any(
        m["id"] == n["carried"]["from_note"] and m["carried"] for m in document["notes"]))
    first = next(m for m in document["notes"] if m["id"] == chained["carried"]["from_note"])
    route = build_report(document).traces
    assert [t.path for t in route if t.round == 2 and len(t.path) == 3]
    first["visibility"] = "hidden"
    after = build_report(document).traces
    assert len(after) == len(route) - 1  # the hidden copy is gone, the chain still told
    assert any(len(t.path) == 3 for t in after)


def test_an_idea_is_counted_again_from_the_votes_as_the_vote_ended():
    document = json.loads(json.dumps(DEMO))
    idea = next(i for i in document["synthesis"] if i["kind"] == "idea" and i.get("note"))
    stored = (idea["votes"], idea["organisations"])
    idea.update(votes=0, organisations=0)  # retained while the counts were hidden
    told = next(i for t in build_report(document).topics for i in t.retained
                if i.text == french_spacing(idea["text"]))
    assert (told.votes, told.organisations) == stored
    written = {**idea, "key": "idea:written", "note": None, "votes": 4, "organisations": 1,
               "text": "Écrite à la main", "order": 99.0}
    document["synthesis"].append(written)
    told = next(i for t in build_report(document).topics for i in t.retained
                if i.text == "Écrite à la main")
    assert (told.votes, told.organisations, told.flag) == (4, 1, "one")


def test_between_the_tables_in_english():
    text = flat(FORMATS["md"].render(english(DEMO)).decode())
    for part in ["Between the tables", "Ideas that travelled", "Who met whom",
                 "7 notes were carried from one table to another after a round",
                 "were built on at their new table", "of the possible meetings between "
                 "participants happened", "ATE Conseil met 5 other organisations, at 5 tables "
                 "over the rounds.", "carried by one organisation", "agreed across 4 "
                 "organisations", "| No. | Note | Tables | After round | Brought by | "
                 "At its new table |", "The retained ideas are ranked by the number of "
                 "organisations"]:
        assert part in text, part


def moderated(document: dict) -> tuple[dict, dict]:
    """The demo with, at its first table, a note hidden by moderation, one waiting for
    review, one written alone and never revealed, and a note a scribe wrote for Jeanne,
    who has no phone."""
    changed = json.loads(json.dumps(document))
    table = changed["tables"][0]["id"]
    at = [n for n in changed["notes"] if n["table"] == table and not n["carried"]]
    texts = {"hidden": "Une remarque blessante", "pending": "En attente de relecture",
             "private": "Écrit seul, jamais révélé"}
    for note, (visibility, text) in zip(at, texts.items(), strict=False):
        note.update(visibility=visibility, text=text)
    jeanne = {**changed["participants"][0], "id": "jeannepart", "name": "Jeanne",
              "phone": False}
    changed["participants"].append(jeanne)
    scribed = {**at[3], "id": "scribednote1", "author": "jeannepart", "author_name": "Jeanne",
               "text": "L'idée de Jeanne, écrite par l'hôte", "scribe": at[3]["author"]}
    changed["notes"].append(scribed)
    return changed, {"table": table, "texts": texts, "scribe": at[3]["author_name"]}


@pytest.mark.parametrize("language", ["fr", "en"])
def test_every_report_counts_the_notes_hidden_by_moderation_and_shows_none(language):
    document, seen = moderated(DEMO if language == "fr" else english(DEMO))
    report = build_report(document)
    first = report.topics[0]
    assert (first.hidden, first.unshown) == (1, 2)
    assert all((t.hidden, t.unshown) == (0, 0) for t in report.topics[1:])
    said = [flat(part) for part in wording(report).withheld(first).split(". ") if part]
    assert len(said) == 2
    texts = {
        "md": FORMATS["md"].render(document).decode(),
        "html": FORMATS["html"].render(document).decode().replace("&#39;", "'"),
        "pdf": " ".join(p.extract_text() for p in PdfReader(io.BytesIO(
            FORMATS["pdf"].render(document))).pages),
        "docx": "\n".join(p.text for p in docx.Document(io.BytesIO(
            FORMATS["docx"].render(document))).paragraphs),
        "csv": FORMATS["csv"].render(document).decode("utf-8-sig"),
    }
    for fmt, text in texts.items():
        for hidden in seen["texts"].values():
            assert hidden not in text, (fmt, hidden)
        if fmt != "csv":
            for sentence in said:
                assert sentence.rstrip(".") in flat(text), (fmt, sentence)
    # A workshop where nothing was hidden says nothing of the kind.
    quiet = build_report(DEMO if language == "fr" else english(DEMO))
    assert [wording(quiet).withheld(t) for t in quiet.topics] == [""] * len(quiet.topics)


def test_a_note_written_for_someone_without_a_phone_is_credited_to_them():
    document, seen = moderated(DEMO)
    rows = list(csv.reader(io.StringIO(FORMATS["csv"].render(document).decode("utf-8-sig"))))
    row = next(r for r in rows if r[-1].startswith("L'idée de Jeanne"))
    assert row[4] == "Jeanne"
    note = next(n for t in build_report(document).topics for n in t.notes
                if n.text.startswith(french_spacing("L'idée de Jeanne")))
    assert note.author_name == "Jeanne"
    assert seen["scribe"] != "Jeanne"
