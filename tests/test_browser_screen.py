"""In Chromium at 1920x1080: the projector with a crowded workshop (8 tables of 30 notes,
8 topics in the harvest) keeps everything inside the screen, readable, and moves gently.

The workshop is written straight into the running server's Redis through the store, as
the phones would write it: the server relays each change to the screen live.
"""

import itertools
from pathlib import Path

import pytest
from playwright.sync_api import expect

from server.cli.embedded import EmbeddedRedis
from server.domain import secrets
from server.domain.notes import Note
from server.domain.synthesis import Item, idea_key, summary_key
from server.domain.voting import Voting
from server.domain.workshop import clean_details
from server.store import connect

from .browser import SCREEN
from .helpers import ROOT

pytestmark = pytest.mark.browser
TITLES = ["Coopérer entre entreprises de services", "Partager les compétences rares",
          "Une culture commune entre partenaires", "Le numérique au service du collectif",
          "Répondre ensemble aux appels d'offres", "Mutualiser les fonctions support",
          "Former les jeunes au métier", "Trouver des financements pour innover"]
WORDS = ["confiance", "leader", "charte", "réunion", "outil", "partage", "client", "projet",
         "compétence", "réseau", "temps", "argent", "formation", "équipe", "partenaire"]
COLOURS = ("yellow", "pink", "blue", "green", "orange")
SCREEN_KEY = secrets.new_secret()
NOW = 1_700_000_000.0
SHOTS = ROOT / "test-artifacts" / "screenshots" / "crowded"
SHOTS.mkdir(parents=True, exist_ok=True)

MEASURE = """() => {
  const cols = [...document.querySelectorAll("#columns .column")].map((col) => {
    const body = col.querySelector(".column-body").getBoundingClientRect();
    const shown = [...col.querySelectorAll(".screen-note:not([hidden])")];
    const boxes = shown.map((n) => n.getBoundingClientRect());
    return {
      total: col.querySelectorAll(".screen-note").length,
      shown: shown.length,
      folded: Number(col.dataset.folded),
      inside: boxes.every((r) => r.top >= body.top - 1 && r.bottom <= body.bottom + 1
                                 && r.right <= innerWidth && r.bottom <= innerHeight),
      texts: shown.map((n) => n.querySelector(".note-text").textContent),
      footer: col.querySelector(".column-earlier").textContent,
      px: parseFloat(getComputedStyle(shown[0].querySelector(".note-text")).fontSize),
    };
  });
  const page = document.scrollingElement;
  return { cols, wide: page.scrollWidth, tall: page.scrollHeight };
}"""

INSIDE = """(selector) => {
  const boxes = [...document.querySelectorAll(selector)];
  const out = boxes.filter((el) => el.scrollHeight > el.clientHeight + 1
                                   || el.scrollWidth > el.clientWidth + 1);
  const page = document.scrollingElement;
  return { count: boxes.length, overflowing: out.length, wide: page.scrollWidth,
           tall: page.scrollHeight };
}"""


def text_of(table: int, index: int) -> str:
    """A note's text, from a few words to three lines, unique per table and index."""
    words = [WORDS[(table * 7 + index * (k + 3)) % len(WORDS)] for k in range(2 + index % 9 * 2)]
    return f"T{table + 1} n{index + 1} · " + " ".join(words)


@pytest.fixture(scope="module")
def crowded(live_server):
    """A workshop in the café with 8 tables, 2 questions and 30 notes at each."""
    redis = EmbeddedRedis(Path(live_server.env["CAFE_DATA_DIR"]) / "redis")
    assert redis.running()
    store = connect(redis.url)
    workshop = store.workshops.create(
        clean_details({"theme": "Un atelier très fréquenté", "date": "2026-11-26",
                       "language": "fr"}), secrets.hash_secret(secrets.new_secret()), NOW,
        screen_digest=secrets.hash_secret(SCREEN_KEY))
    code = workshop.code
    people = [store.participants.join(code, {"name": f"Personne {i + 1}", "organisation":
                                             f"Orga {i % 6}", "language": "fr"},
                                      secrets.new_secret(), NOW + i) for i in range(24)]
    store.workshops.set_phase(code, "forum")
    tables = [store.tables.add(code, title) for title in TITLES]
    store.workshops.set_phase(code, "cafe")
    for i, person in enumerate(people):
        store.tables.seat(code, person.id, tables[i % 8].id)
    for t, table in enumerate(tables):
        questions = [store.board.add_question(code, table.id, text, NOW + k)["question"]["id"]
                     for k, text in enumerate(["Comment se fait cette coopération ?",
                                               "Quels freins ?"])]
        for i in range(30):
            author = people[t + 8 * (i % 3)]
            when = NOW + 100 + t + i * 10
            store.board.post(code, Note(
                id=secrets.new_id(16), table=table.id, text=text_of(t, i),
                colour=COLOURS[i % 5], question=[questions[0], questions[1], None][i % 3],
                author=author.id, author_name=author.name, created_at=when, updated_at=when))
    yield {"store": store, "code": code, "tables": tables, "people": people,
           "url": f"{live_server.url}/screen/{code}#key={SCREEN_KEY}"}
    store.close()


def test_eight_full_tables_fit_the_projector(crowded, pages):
    screen = pages.open(crowded["url"], SCREEN)
    expect(screen.locator("#columns .column")).to_have_count(8)
    expect(screen.locator(".screen-note")).to_have_count(240)
    screen.wait_for_timeout(600)
    screen.screenshot(path=str(SHOTS / "cafe-8-tables.png"))
    seen = screen.evaluate(MEASURE)
    assert seen["wide"] <= 1920 and seen["tall"] <= 1080, seen
    for t, column in enumerate(seen["cols"]):
        assert column["inside"], (t, column)
        assert column["total"] == 30 and column["shown"] + column["folded"] == 30, column
        assert 0 < column["folded"] < 30, column  # full, yet something to read
        assert column["footer"] == f"+ {column['folded']} notes plus anciennes"
        assert text_of(t, 29) in column["texts"]  # the newest note always shows
        assert text_of(t, 0) not in column["texts"]  # the oldest folds first
        assert column["px"] >= 18, column  # readable from the back of the room


def test_a_new_note_slides_the_others_down_gently(crowded, pages):
    screen = pages.open(crowded["url"], SCREEN)
    expect(screen.locator(".screen-note")).to_have_count(240)
    screen.wait_for_timeout(700)  # the first arrivals' animation ends
    table = crowded["tables"][0]
    # Under the first question, the newest note sits on top: a new one pushes it down.
    below = text_of(0, 27)
    screen.evaluate("""(text) => {
      const el = [...document.querySelectorAll(".screen-note")].find(
        (n) => n.querySelector(".note-text").textContent === text);
      const samples = [];
      const start = performance.now();
      const tick = () => {
        samples.push(el.getBoundingClientRect().top);
        if (performance.now() - start < 1500) requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
      window.samples = samples;
    }""", below)
    question = crowded["store"].board.questions(crowded["code"], table.id)[0].id
    crowded["store"].board.post(crowded["code"], Note(
        id=secrets.new_id(16), table=table.id, text="Une idée qui arrive en direct",
        colour="green", question=question, author=crowded["people"][0].id,
        author_name="Personne 1", created_at=NOW + 10_000, updated_at=NOW + 10_000))
    arrived = screen.locator(".screen-note", has_text="Une idée qui arrive en direct")
    expect(arrived).to_be_visible()
    screen.wait_for_timeout(1600)
    samples = screen.evaluate("window.samples")
    moved = samples[-1] - samples[0]
    steps = [b - a for a, b in itertools.pairwise(samples)]
    assert moved > 20, samples  # it made room for the new note
    assert max(steps) < 0.6 * moved, samples  # over several frames, not one jump
    assert sum(1 for step in steps if step > 0.5) >= 4, samples
    seen = screen.evaluate(MEASURE)
    first = seen["cols"][0]
    assert first["total"] == 31 and first["shown"] + first["folded"] == 31
    assert first["inside"] and "Une idée qui arrive en direct" in first["texts"]


def test_the_vote_and_the_harvest_of_eight_tables_fit(crowded, pages):
    store, code, tables = crowded["store"], crowded["code"], crowded["tables"]
    voting = Voting(open=True, budget=30, cap=3)
    _, raw = store.votes.read(code)
    store.votes.save(code, raw, voting)
    _, raw = store.votes.read(code)
    for t, table in enumerate(tables):
        for i, note in enumerate(store.board.notes(code, table.id)[:8]):
            voter = crowded["people"][(t + i) % len(crowded["people"])]
            store.votes.vote(code, raw, voting, voter.id, table.id, note.id, 1 + i % 3)
    screen = pages.open(crowded["url"], SCREEN)
    expect(screen.locator("#results .column")).to_have_count(8)
    expect(screen.locator("#results .bar-row")).to_have_count(48)  # six per table
    screen.wait_for_timeout(700)
    screen.screenshot(path=str(SHOTS / "votes-8-tables.png"))
    seen = screen.evaluate(INSIDE, "#results .column")
    assert seen == {"count": 8, "overflowing": 0, "wide": 1920, "tall": 1080}, seen

    store.votes.save(code, raw, Voting(open=False, budget=30, cap=3))
    store.workshops.set_phase(code, "harvest")
    for t, table in enumerate(tables):
        for rank, note in enumerate(store.board.notes(code, table.id)[:5]):
            store.synthesis.add(code, Item(key=idea_key(f"n-{note.id}"), table=table.id,
                                           kind="idea", text=note.text, votes=3,
                                           note=note.id, order=rank + 1.0))
        store.synthesis.add(code, Item(key=summary_key(table.id), table=table.id,
                                       kind="summary", text=f"Pour résumer la table {t + 1} :"
                                       " la coopération se fait si la confiance est là."))
    expect(screen.locator(".syn-topic")).to_have_count(8)
    expect(screen.locator(".syn-retained .syn-idea")).to_have_count(40)
    screen.wait_for_timeout(300)
    screen.screenshot(path=str(SHOTS / "harvest-8-tables.png"))
    seen = screen.evaluate(INSIDE, "#synthesis-view")
    assert seen == {"count": 1, "overflowing": 0, "wide": 1920, "tall": 1080}, seen
    px = screen.evaluate("parseFloat(getComputedStyle(document.querySelector("
                         "'#synthesis-view .syn-idea')).fontSize)")
    assert px >= 14, px


def test_a_word_longer_than_a_column_breaks_instead_of_spilling(crowded, pages):
    store, code, table = crowded["store"], crowded["code"], crowded["tables"][1]
    if store.workshops.require(code).phase != "cafe":  # back from the harvest
        store.workshops.set_phase(code, "cafe")
    author = crowded["people"][1]
    store.board.post(code, Note(
        id=secrets.new_id(16), table=table.id, text="x" * 500, colour="blue", question=None,
        author=author.id, author_name=author.name, created_at=NOW + 20_000,
        updated_at=NOW + 20_000))
    screen = pages.open(crowded["url"], SCREEN)
    expect(screen.locator("#columns .column")).to_have_count(8)
    expect(screen.locator(".screen-note", has_text="xxxxxxxxxx")).to_be_visible()
    screen.wait_for_timeout(600)
    screen.screenshot(path=str(SHOTS / "cafe-long-word.png"))
    seen = screen.evaluate(MEASURE)
    assert seen["wide"] <= 1920 and seen["tall"] <= 1080, seen
    assert all(column["inside"] for column in seen["cols"]), seen["cols"][1]
    assert "x" * 500 in seen["cols"][1]["texts"]
