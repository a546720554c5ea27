"""In Chromium, the projector at 1280×720, 1366×768, 1920×1080 and 1024×768 (4:3): every
view, from the welcome to the closing, keeps all its text inside the frame, uncut, at 18 px
or more, in French and in English, with 12 people and 3 tables, with 60 people and 8
tables of long titles, and with 300 people, where what cannot fit says so ("+ 42 more")
or turns its pages by itself.

A workshop is played through the console's Socket.IO events (the server's own rules:
the planner, the rounds, the vote); people, notes, dots and the synthesis are written
straight into the running server's Redis through the store, as the phones would write
them, and the server relays each change to the screen live.
"""

import re
from pathlib import Path

import pytest
import requests
import socketio
from playwright.sync_api import expect

from server.cli.embedded import EmbeddedRedis
from server.domain import secrets
from server.domain.notes import Note
from server.domain.synthesis import Item, answer_key, idea_key, step_key, summary_key
from server.store import connect

from .helpers import ROOT

pytestmark = pytest.mark.browser
SIZES = {"1280x720": (1280, 720), "1366x768": (1366, 768), "1920x1080": (1920, 1080),
         "1024x768": (1024, 768)}
SHOTS = ROOT / "test-artifacts" / "screenshots" / "fit"
NOW = 1_700_000_000.0
COLOURS = ("yellow", "pink", "blue", "green", "orange")

TEXT = {
    "fr": {
        "theme": "Atelier Coopération Inter-entreprise : faire ensemble ce qu'aucune entreprise "
                 "ne peut faire seule",
        "titles": [
            "La coopération inter-entreprise pour les entreprises de services : comment la "
            "faire vivre au quotidien ?",
            "Complémentarités des compétences entre deux entreprises (synergie) et partage "
            "des savoir-faire",
            "Mutualisation des compétences avec une culture partagée entre partenaires de "
            "tailles différentes",
            "Le numérique au service de la coopération : outils, données partagées et confiance",
            "Répondre ensemble aux appels d'offres publics et privés sans perdre son "
            "indépendance",
            "Mutualiser les fonctions support : comptabilité, ressources humaines, achats "
            "groupés",
            "Former les jeunes au métier et transmettre les savoir-faire avant les départs",
            "Trouver des financements pour innover ensemble : subventions, prêts, fonds "
            "régionaux",
        ],
        "questions": ["Comment se fait cette coopération au quotidien ?",
                      "Quels freins, et comment les lever ?", "Qui fait le premier pas ?"],
        "words": ["confiance", "leader", "charte commune", "réunion mensuelle", "outil partagé",
                  "client", "projet pilote", "compétences rares", "réseau", "temps",
                  "financement", "formation", "équipe mixte", "partenaire", "gouvernance"],
        "summary": "Pour résumer, la coopération peut se faire si : il y a un leader efficace, "
                   "une charte commune, des réunions régulières et la confiance entre les "
                   "dirigeants, construite pas à pas sur de petits projets.",
        "step": "Préparer une charte commune de coopération",
        "writing": "Les hôtes écrivent…",
        "no_note": "Pas encore de note",
        "thanks": "Merci",
        "move": "On change de table",
    },
    "en": {
        "theme": "Inter-company cooperation workshop: doing together what no company can do "
                 "alone",
        "titles": [
            "Inter-company cooperation for service businesses: how to make it work day to "
            "day?",
            "Complementary skills between two companies (synergy) and sharing know-how",
            "Pooling skills with a shared culture between partners of different sizes",
            "Digital tools in the service of cooperation: shared data and trust",
            "Answering public and private tenders together without losing independence",
            "Pooling support functions: accounting, human resources, group purchasing",
            "Training young people in the trade and passing on know-how before retirements",
            "Finding money to innovate together: grants, loans, regional funds",
        ],
        "questions": ["How does this cooperation happen day to day?",
                      "What holds it back, and how to overcome it?", "Who takes the first step?"],
        "words": ["trust", "leader", "shared charter", "monthly meeting", "shared tool",
                  "customer", "pilot project", "rare skills", "network", "time", "funding",
                  "training", "mixed team", "partner", "governance"],
        "summary": "To sum up, cooperation can work when there is an effective leader, a shared "
                   "charter, regular meetings and trust between the managers, built step by "
                   "step on small projects.",
        "step": "Draft a shared cooperation charter",
        "writing": "Hosts are writing…",
        "no_note": "No note yet",
        "thanks": "Thank you",
        "move": "Time to move",
    },
}
FIRST = ["Claire", "Alexia", "Philippe", "Sophie", "Julie", "Marc", "Pierre", "Thomas",
         "Nadia", "Laurent", "Émilie", "Hugo", "Jean-Baptiste", "Marie-Christine", "Amandine",
         "Kévin", "Ségolène", "Maximilien", "Anne", "Luc"]
LAST = ["Martin", "Bernard", "Dubois", "Lefèvre-Mercier", "Moreau", "Laurent", "Garnier",
        "Fontaine-Beaulieu", "Rousseau", "Vincent", "Chevalier", "Roux"]
ORGS = ["ATE Conseil", "C-L'Org", "Latitude", "Pierre Garnier Toiture", "Via Storia",
        "Greenfield Energy", "Coopérative des Artisans du Bâtiment de la Vallée", ""]

# Every text inside the frame, uncut, at 18 px or more (see the script).
FIT = "\n".join(line for line in (Path(__file__).parent / "screen_fit.js").read_text().splitlines()
                if not line.startswith("//"))


def shown(page, selector: str) -> list[str]:
    """The texts of the elements matching `selector` that show now."""
    return page.eval_on_selector_all(
        selector, "els => els.filter((e) => e.checkVisibility()).map((e) => e.textContent.trim())")


class Room:
    """A workshop, its console as a Socket.IO client, its screen in Chromium, its store."""

    def __init__(self, server, store, browser, language: str, people: int, tables: int, *,
                 init_script: str | None = None):
        self.words = TEXT[language]
        self.language = language
        self.store = store
        body = requests.post(server.url + "/api/workshops", json={
            "theme": self.words["theme"], "date": "2026-11-26", "place": "ES Energie, Lyon",
            "language": language}, timeout=5).json()
        self.code = body["workshop"]["code"]
        self.console_url = body["links"]["console"]
        self.console = socketio.Client()
        self.console.connect(server.url, auth={"code": self.code, "role": "console",
                                               "key": body["console_key"]},
                             transports=["websocket"])
        self.people = [store.participants.join(self.code, {
            "name": f"{FIRST[i % len(FIRST)]} {LAST[(i // len(FIRST) + i) % len(LAST)]}",
            # Case and spaces differ: one organisation still, as for the planner.
            "organisation": (ORGS[i % len(ORGS)] if i != 13 else " greenfield energy"),
            "language": language}, secrets.new_secret(), NOW + i) for i in range(people)]
        self.tables = tables
        self.context = browser.new_context(viewport={"width": 1920, "height": 1080},
                                           reduced_motion="reduce",
                                           locale="fr-FR" if language == "fr" else "en-GB")
        if init_script:
            self.context.add_init_script(init_script)
        self.errors: list[str] = []
        self.screen = self.context.new_page()
        self.screen.on("pageerror", lambda exc: self.errors.append(str(exc)))
        self.screen.goto(body["links"]["screen"])
        self.problems: list[str] = []
        self.folder = SHOTS / f"{language}-{people}"
        self.folder.mkdir(parents=True, exist_ok=True)

    def call(self, event: str, data=None) -> dict:
        reply = self.console.call(event, data or {})
        assert reply["ok"], (event, reply)
        return reply

    def check(self, view: str, sizes=SIZES) -> None:
        """Look at the screen at every size: every text inside, uncut, 18 px or more."""
        for label, (width, height) in sizes.items():
            self.screen.set_viewport_size({"width": width, "height": height})
            seen = self.screen.evaluate(FIT)
            self.screen.screenshot(path=str(self.folder / f"{view}-{label}.png"))
            assert seen["texts"] > 3, (view, label, seen)
            if seen["count"]:
                self.problems.append(f"{view} at {label}: {seen['count']} {seen['problems']}")

    def close(self) -> None:
        self.console.disconnect()
        self.context.close()


@pytest.fixture(scope="module")
def store(live_server):
    redis = EmbeddedRedis(Path(live_server.env["CAFE_DATA_DIR"]) / "redis")
    assert redis.running()
    s = connect(redis.url)
    yield s
    s.close()


def note_text(words: list[str], table: int, index: int) -> str:
    """A note of two to ten words, unique per table and index."""
    picked = [words[(table * 7 + index * (k + 3)) % len(words)] for k in range(2 + index % 5 * 2)]
    return f"{table + 1}.{index + 1} " + ", ".join(picked)


def check_cross_pollination(room: Room, tables: list[dict]) -> None:
    """Between rounds: travellers carry notes to the next tables; the screen, switched by
    the console, shows each table's brief, then how the ideas travelled."""
    store, code, screen = room.store, room.code, room.screen
    carried = 0
    for t, table in enumerate(tables):
        to = tables[(t + 1 + t % 2) % len(tables)]
        for i, note in enumerate(store.board.notes(code, table["id"])[:2]):
            carrier = room.people[(t * 2 + i) % len(room.people)]
            when = NOW + 5000 + carried
            store.board.carry(code, carrier.id, 1, note, Note(
                id=secrets.new_id(16), table=to["id"], text=note.text, colour=note.colour,
                round=2, author=note.author, author_name=note.author_name, created_at=when,
                updated_at=when, carried={"from_table": table["id"], "from_number": t + 1,
                                          "from_note": note.id, "round": 1,
                                          "by": carrier.id, "by_name": carrier.name}))
            carried += 1
    room.call("settings_update", {"screen_view": "briefs"})
    expect(screen.locator("#briefs-columns .column")).not_to_have_count(0)
    expect(screen.locator("#briefs-columns .brief-arrived li").first).to_be_attached()
    room.check("5b-briefs")
    room.call("settings_update", {"screen_view": "traces"})
    expect(screen.locator("#traces .trace")).to_have_count(carried)
    room.check("5c-traces")
    room.call("settings_update", {"screen_view": "auto"})


def check_written_alone(room: Room) -> None:
    """While notes are written alone, each column says how many, and still fits."""
    room.call("writing_set", {"private": True})
    expect(room.screen.locator(".column-written:not([hidden])")).to_have_count(room.tables)
    room.check("4-cafe-written-alone")
    room.call("writing_set", {"private": False})
    expect(room.screen.locator(".column-written:not([hidden])")).to_have_count(0)


def play(room: Room, notes_per_table: int) -> None:
    """Play the workshop through, checking the screen at every step."""
    store, code, words, screen = room.store, room.code, room.words, room.screen
    expect(screen.locator(".chip.person")).not_to_have_count(0)
    expect(screen.locator("#people-count")).to_contain_text(str(len(room.people)))
    # Organisations are grouped ignoring case and spaces, as the planner does.
    groups = shown(screen, ".org-group h3")
    assert len([g for g in groups if g.casefold() == "greenfield energy"]) == 1, groups
    room.check("1-welcome")

    room.call("phase_set", {"phase": "forum"})
    topics = []
    for index, title in enumerate(words["titles"][: room.tables] + ["Une idée de plus"] * 2):
        author = room.people[index % len(room.people)]
        topics.append(store.forum.propose(code, {"title": title, "description": (
            "Une description qui précise le sujet proposé" if index % 2 else "")},
            author.id, NOW + index)["topic"]["id"])
    for i, person in enumerate(room.people):
        for k in range(3):
            store.forum.support(code, person.id, topics[(i + k * 2) % len(topics)], 3)
    room.call("settings_update", {"keep_count": room.tables})
    expect(screen.locator(".wall-card")).to_have_count(len(topics))
    room.check("2-forum")

    tables = room.call("topics_keep", {"topics": topics[: room.tables]})["tables"]
    for table in tables:
        room.call("table_update", {"table": table["id"], "capacity": 500,
                                   "host": room.people[table["number"]].id})
    room.call("phase_set", {"phase": "cafe"})
    room.call("rounds_configure", {"count": 3, "minutes": 20})
    room.call("seating_show")  # everyone is shown where to go
    expect(screen.locator("#seating-view")).to_be_visible()
    expect(screen.locator("#seating-columns .column")).to_have_count(room.tables)
    room.check("3-seating")
    # Every name is on the screen, at once or on one of the pages it turns by itself.
    names = {p.name for p in room.people}
    seen = set()
    for _ in range(20):
        seen |= {n.removesuffix(" (hôte)").removesuffix(" (host)")
                 for n in shown(screen, "#seating-columns .seat-names .name")}
        if seen >= names:
            break
        screen.keyboard.press("PageDown")  # as a presenter's remote: the next page
    assert seen >= names, names - seen
    if len(room.people) > 100:
        return

    room.call("round_start")
    expect(screen.locator("#cafe-view")).to_be_visible()
    check_written_alone(room)
    seats = store.tables.seats(code)
    by_id = {p.id: p for p in room.people}
    for t, table in enumerate(tables):
        seated = [by_id[pid] for pid, tid in seats.items() if tid == table["id"]]
        questions = [store.board.add_question(code, table["id"], text, NOW + k)["question"]["id"]
                     for k, text in enumerate(words["questions"])]
        for i in range(notes_per_table):
            author = seated[i % len(seated)]
            when = NOW + 100 + t + i * 10
            # The third question gets no note: its heading must not hang there empty.
            store.board.post(code, Note(
                id=secrets.new_id(16), table=table["id"], text=note_text(words["words"], t, i),
                colour=COLOURS[i % 5], question=[questions[0], questions[1], None][i % 3],
                author=author.id, author_name=author.name, created_at=when, updated_at=when))
    expect(screen.locator(".screen-note")).to_have_count(room.tables * notes_per_table)
    room.check("4-cafe")
    # No question heading hangs there empty: one without a note says so while the column
    # has room, and is the first thing a full column drops.
    screen.set_viewport_size({"width": 1920, "height": 1080})
    columns = screen.eval_on_selector_all("#columns .column", """(cols) => cols.map((c) => ({
      folded: Number(c.dataset.folded),
      quiet: [...c.querySelectorAll(".no-note")].filter((q) => q.checkVisibility())
        .map((q) => q.textContent)}))""")
    for column in columns:
        assert column["quiet"] == ([] if column["folded"] else [words["no_note"]]), column
    assert screen.evaluate("""() => [...document.querySelectorAll("#columns .column-group")]
      .filter((g) => g.checkVisibility())
      .every((g) => g.querySelector(".screen-note:not([hidden]), .no-note:not([hidden])"))""")

    room.call("round_extend", {"minutes": -60})  # 0:00, and no console to end the round
    expect(screen.locator(".move-call:visible")).to_have_count(1)
    expect(screen.locator(".move-call:visible")).to_contain_text(words["move"])
    room.check("5-time-up")
    room.call("round_end")
    expect(screen.locator("#seating-view")).to_be_visible()
    check_cross_pollination(room, tables)

    voting = room.call("voting_open", {"budget": 5, "cap": 3, "hidden": True})["voting"]
    assert voting["hidden"]
    votes, raw = store.votes.read(code)
    voted = 0
    for t, table in enumerate(tables):
        for i, note in enumerate(store.board.notes(code, table["id"])[:5]):
            voter = room.people[(t * 5 + i) % len(room.people)]
            store.votes.vote(code, raw, votes, voter.id, table["id"], note.id, 1)
            voted += 1
    expect(screen.locator("#dots-cast")).to_contain_text(str(voted))
    room.check("6-votes-hidden")
    room.call("voting_reveal")
    expect(screen.locator("#results .bar-row")).not_to_have_count(0)
    room.check("7-votes-results")
    room.call("voting_close")

    room.call("phase_set", {"phase": "harvest"})
    expect(screen.locator(".syn-topic")).to_have_count(room.tables)
    expect(screen.locator(".syn-writing").first).to_have_text(words["writing"])
    room.check("8-harvest-empty", {"1280x720": SIZES["1280x720"]})
    for table in tables[:-1]:  # the last topic: its hosts are still writing
        for rank, note in enumerate(store.board.notes(code, table["id"])[:5]):
            store.synthesis.add(code, Item(key=idea_key(f"n-{note.id}"), table=table["id"],
                                           kind="idea", text=note.text, votes=5 - rank,
                                           note=note.id, order=rank + 1.0))
        question = store.board.questions(code, table["id"])[0]
        store.synthesis.add(code, Item(key=answer_key(table["id"], question.id),
                                       table=table["id"], kind="answer",
                                       question=question.id, text=words["summary"]))
        store.synthesis.add(code, Item(key=summary_key(table["id"]), table=table["id"],
                                       kind="summary", text=words["summary"]))
    for k in range(3):
        store.synthesis.add(code, Item(key=step_key(f"s{k}"), kind="step",
                                       text=f"{words['step']} ({k + 1})", owner="Claire",
                                       status="kept", order=k + 1.0))
    expect(screen.locator(".syn-writing:not([hidden])")).to_have_count(1)
    room.check("8-harvest")

    room.call("phase_set", {"phase": "closed"})
    expect(screen.locator("#closing-view")).to_be_visible()
    expect(screen.locator("#closing-view")).to_contain_text(words["thanks"])
    expect(screen.locator("#closing-figures")).to_contain_text(str(len(room.people)))
    room.check("9-closing")

    # The console summons the big QR code at any phase.
    room.call("settings_update", {"screen_view": "welcome"})
    expect(screen.locator("#welcome-view .qr img")).to_be_visible()
    expect(screen.locator("#join-url")).to_have_text(re.compile(rf"/j/{code}$"))
    room.check("10-welcome-pinned", {"1280x720": SIZES["1280x720"]})
    room.call("settings_update", {"screen_view": "auto"})
    expect(screen.locator("#closing-view")).to_be_visible()


@pytest.mark.parametrize(("language", "people", "tables", "notes"), [
    ("fr", 12, 3, 9), ("en", 12, 3, 9), ("fr", 60, 8, 30), ("en", 60, 8, 30)])
def test_every_view_fits_every_projector(live_server, store, browser, language, people,
                                         tables, notes):
    room = Room(live_server, store, browser, language, people, tables)
    try:
        play(room, notes)
    finally:
        room.close()
    assert room.errors == []
    assert room.problems == [], "\n".join(room.problems)


def test_three_hundred_people_fold_and_turn_pages(live_server, store, browser):
    room = Room(live_server, store, browser, "fr", 300, 8)
    try:
        play(room, 0)
    finally:
        room.close()
    assert room.errors == []
    assert room.problems == [], "\n".join(room.problems)
