"""In Chromium: markup typed by participants shows as text on every surface, never runs.

A corpus of payloads goes into every field people type (names, organisations, the
workshop's details, topics, table titles, questions, notes, synthesis texts); the phone,
the screen and the console are then opened at each phase. No payload may run (the
pages set `window.__xss` if one did), none may become an element, and each must be
readable as the text that was typed.
"""

from pathlib import Path

import pytest

from server.cli.embedded import EmbeddedRedis
from server.domain import secrets
from server.domain.notes import Note
from server.domain.synthesis import Item, summary_key
from server.domain.workshop import clean_details
from server.store import connect

from .browser import PHONE, SCREEN

pytestmark = pytest.mark.browser
NOW = 1_700_000_000.0
CORPUS = [
    "<script>window.__xss=1</script>",
    '<img src=x onerror="window.__xss=2">',
    '"><svg onload=window.__xss=3>',
    "<a href=\"javascript:window.__xss=4\">lien</a>",
    "{{7*7}} ${window.__xss=5} <b>gras</b>",
    "<iframe srcdoc='<script>parent.__xss=6</script>'></iframe>",
]
INJECTED = "img[src='x'], svg[onload], iframe, a[href^='javascript'], b, main script"
SHOWN = """() => [document.body.innerText,
  ...[...document.querySelectorAll("input, textarea")].map((el) => el.value)].join(" ")"""
CHECK = """(needle) => ({
  ran: window.__xss ?? null,
  injected: document.querySelectorAll(arguments_selector).length,
  shown: (SHOWN)().includes(needle),
})""".replace("arguments_selector", repr(INJECTED)).replace("SHOWN", SHOWN)
HAS = f"(needle) => ({SHOWN})().includes(needle)"


def payload(i: int) -> str:
    return CORPUS[i % len(CORPUS)]


@pytest.fixture(scope="module")
def hostile(live_server):
    """A workshop in which every typed field holds a payload."""
    redis = EmbeddedRedis(Path(live_server.env["CAFE_DATA_DIR"]) / "redis")
    store = connect(redis.url)
    details = clean_details({"theme": "Atelier " + CORPUS[0], "date": "2026-11-26",
                             "place": CORPUS[1], "organisations": [CORPUS[2]],
                             "animators": [CORPUS[3]], "language": "fr"})
    key, screen_key = secrets.new_secret(), secrets.new_secret()
    workshop = store.workshops.create(details, secrets.hash_secret(key), NOW,
                                      screen_digest=secrets.hash_secret(screen_key))
    code = workshop.code
    tokens = [secrets.new_secret() for _ in range(3)]
    people = [store.participants.join(code, {"name": f"P{i} {payload(i)}"[:60],
                                             "organisation": payload(i + 1)[:60],
                                             "language": "fr"}, tokens[i], NOW + i)
              for i in range(3)]
    store.workshops.set_phase(code, "forum")
    store.forum.propose(code, {"title": "Sujet " + CORPUS[4], "description": CORPUS[5]},
                        people[0].id, NOW)
    table = store.tables.add(code, "Table " + CORPUS[1])
    store.tables.update(code, table.id, {"host": people[0].id})
    store.workshops.set_phase(code, "cafe")
    for person in people[1:]:
        store.tables.seat(code, person.id, table.id)
    question = store.board.add_question(code, table.id, "Question " + CORPUS[2], NOW)
    for i, text in enumerate(CORPUS):
        store.board.post(code, Note(id=secrets.new_id(16), table=table.id, text=text,
                                    question=question["question"]["id"] if i % 2 else None,
                                    author=people[i % 3].id, author_name=people[i % 3].name,
                                    created_at=NOW + i, updated_at=NOW + i))
    yield {"store": store, "code": code, "table": table, "tokens": tokens, "key": key,
           "screen_key": screen_key,
           "base": live_server.url}
    store.close()


def check(page, needles):
    for needle in needles:
        found = page.evaluate(CHECK, needle)
        assert found["ran"] is None, f"a payload ran: {found}"
        assert found["injected"] == 0, f"markup became elements on {page.url}"
        assert found["shown"], f"not shown as text on {page.url}: {needle}"


def open_phone(pages, hostile, token):
    page = pages.open(f"{hostile['base']}/healthz", PHONE)
    page.evaluate("([k, v]) => localStorage.setItem(k, v)",
                  [f"cafe.token.{hostile['code']}", token])
    page.goto(f"{hostile['base']}/j/{hostile['code']}")
    return page


def test_payloads_show_as_text_in_the_cafe(hostile, pages):
    base, code = hostile["base"], hostile["code"]
    screen = pages.open(f"{base}/screen/{code}#key={hostile['screen_key']}", SCREEN)
    screen.wait_for_selector(".screen-note")
    check(screen, ["Table " + CORPUS[1], *CORPUS[:3]])
    console = pages.open(f"{base}/console/{code}#key={hostile['key']}", SCREEN)
    console.wait_for_selector("#people tbody tr")
    check(console, ["Atelier " + CORPUS[0], "Table " + CORPUS[1]])
    phone = open_phone(pages, hostile, hostile["tokens"][1])
    phone.wait_for_selector(".note")
    check(phone, ["Table " + CORPUS[1], "Question " + CORPUS[2], CORPUS[4]])


def test_payloads_show_as_text_in_the_harvest(hostile, pages):
    store, code, table = hostile["store"], hostile["code"], hostile["table"]
    store.workshops.set_phase(code, "harvest")
    store.synthesis.add(code, Item(key=summary_key(table.id), table=table.id, kind="summary",
                                   text="Résumé " + CORPUS[5]))
    base = hostile["base"]
    screen = pages.open(f"{base}/screen/{code}#key={hostile['screen_key']}", SCREEN)
    screen.wait_for_function(HAS, arg="Résumé")
    check(screen, ["Résumé " + CORPUS[5]])
    console = pages.open(f"{base}/console/{code}#key={hostile['key']}", SCREEN)
    console.wait_for_function(HAS, arg="Résumé")
    check(console, ["Résumé " + CORPUS[5]])
    phone = open_phone(pages, hostile, hostile["tokens"][0])
    phone.wait_for_function(HAS, arg="Résumé")
    check(phone, ["Résumé " + CORPUS[5]])


def test_payloads_stay_text_in_the_html_report(hostile, pages):
    """The report opened in a browser, as a facilitator would before printing it."""
    bearer = {"Authorization": f"Bearer {hostile['key']}"}
    context = pages.browser.new_context(extra_http_headers=bearer)
    pages.contexts.append(context)
    page = context.new_page()
    page.on("pageerror", lambda exc: pages.errors.append(str(exc)))
    url = f"{hostile['base']}/api/workshops/{hostile['code']}/export/html"
    response = page.request.get(url)
    assert response.ok
    page.set_content(response.text())
    check(page, ["Atelier " + CORPUS[0], "Table " + CORPUS[1], "Question " + CORPUS[2]])
