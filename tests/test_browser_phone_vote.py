"""In Chromium, the phone when choosing (supports in the forum, dots in the vote) and after
the café: what is left stays in view, a greyed button says why, one's own tables come
first with near-identical notes side by side, and the end gives something to do."""

import re

import pytest
import requests
import socketio
from playwright.sync_api import expect

from .browser import PHONE

pytestmark = pytest.mark.browser
SMALL = {**PHONE, "viewport": {"width": 360, "height": 640}}


class Person:
    """A participant on a Socket.IO connection: someone else at the tables."""

    def __init__(self, cafe, name):
        base = cafe["body"]["links"]["join"].rsplit("/j/", 1)[0]
        body = requests.post(f"{base}/api/workshops/{cafe['code']}/participants",
                             json={"name": name}, timeout=5).json()
        self.id = body["participant"]["id"]
        self.client = socketio.Client()
        self.client.connect(base, auth={"code": cafe["code"], "role": "participant",
                                        "token": body["token"]}, transports=["websocket"])
        self.count = 0

    def post(self, text):
        seat = self.client.call("sync", {})["me"]["seat"]
        self.count += 1
        note = {"id": f"{self.id}-note-{self.count}", "table": seat, "text": text}
        assert self.client.call("note_post", note)["ok"]
        return seat


def join(pages, link, name, kind=PHONE, locale="fr-FR"):
    phone = pages.open(link, kind, locale=locale)
    phone.fill("#f-name", name)
    phone.click("#join-button")
    expect(phone.locator("#status")).to_have_attribute("data-status", "online")
    return phone


def scroll_down(phone):
    phone.evaluate("window.scrollTo(0, document.scrollingElement.scrollHeight)")
    phone.wait_for_timeout(200)


def in_view_at_top(phone, selector):
    box = phone.locator(selector).bounding_box()
    assert 0 <= box["y"] <= 120 and box["height"] <= 70, (selector, box)


def test_votes_by_table_own_first_alike_together_dots_left_in_view(driven_cafe, pages):
    console = driven_cafe["console"]
    for title in ["Mutualisation", "Numérique"]:
        console.call("table_add", {"title": title})
    claire = join(pages, driven_cafe["body"]["links"]["join"], "Claire", kind=SMALL)
    people = [Person(driven_cafe, name) for name in ["Paul", "Marie", "Hugo", "Julie", "Marc"]]
    assert console.call("rounds_configure", {"count": 2, "minutes": 5})["ok"]
    assert console.call("seating_show", {})["ok"]  # everyone is shown where to go
    alike = None
    for number in (1, 2):
        assert console.call("round_start", {})["ok"]
        for index, person in enumerate(people):
            person.post(f"Idée {index} du tour {number} sur le sujet {index * 7 + number}")
        if number == 1:
            writer = people[0]
            alike = writer.post("Il faut un leader efficace")
            writer.post("Partager les bonnes pratiques entre entreprises")
            writer.post("Un leader efficace !")
        assert console.call("round_end", {})["ok"]
    snapshot = console.call("sync", {})["snapshot"]
    me = next(p["id"] for p in snapshot["participants"] if p["name"] == "Claire")
    number = {t["id"]: t["number"] for t in snapshot["tables"]}
    sat = [snapshot["plan"][r][me] for r in ("2", "1")]
    assert console.call("voting_open", {"budget": 3, "cap": 2})["ok"]
    expect(claire.locator("#vote")).to_be_visible()

    # The table where one sits, then where one sat, then the others.
    sections = claire.locator(".vote-table")
    expect(sections).to_have_count(3)
    expect(sections.nth(0).locator("h2")).to_contain_text(f"Table {number[sat[0]]}")
    expect(sections.nth(0).locator(".tag")).to_have_text("votre table")
    if sat[1] != sat[0]:
        expect(sections.nth(1).locator("h2")).to_contain_text(f"Table {number[sat[1]]}")
        expect(sections.nth(1).locator(".tag")).to_have_text("vous y étiez")
    # Near-identical notes side by side, the later one marked as close to it.
    table = claire.locator(".vote-table", has_text=f"Table {number[alike]} ·")
    # French typesetting puts a narrow no-break space before "!".
    texts = [t.replace("\u202f", " ") for t in
             table.locator(".vote-note .note-text").all_inner_texts()]
    first = texts.index("Un leader efficace !")
    assert texts[first + 1] == "Il faut un leader efficace", texts
    similar = table.locator(".vote-note", has_text="Il faut un leader efficace")
    expect(similar).to_have_class(re.compile("similar"))
    expect(similar.locator(".similar-label")).to_have_text("Proche de la note au-dessus")

    # Two dots on one note: its + says why it is greyed.
    note = table.locator(".vote-note", has_text="Un leader efficace !")
    for _ in range(2):
        note.locator(".give").click()
    expect(note.locator(".my-dots")).to_have_text("●●")
    expect(note.locator(".give")).to_be_disabled()
    expect(note.locator(".why")).to_have_text("Déjà 2 gommettes ici\u202f: le maximum par note")
    assert note.locator(".give").get_attribute("aria-describedby") == note.locator(
        ".why").get_attribute("id")
    # The last dot: every + is greyed, and the line on top says why.
    other = table.locator(".vote-note", has_text="Partager les bonnes pratiques")
    other.locator(".give").click()
    expect(claire.locator("#dots-left")).to_have_text(
        "Plus de gommette\u202f: retirez-en une pour la déplacer.")
    expect(other.locator(".give")).to_be_disabled()
    expect(other.locator(".give")).to_have_attribute("aria-describedby", "dots-left")
    # However far one scrolls, the line stays in view under the top bar.
    scroll_down(claire)
    in_view_at_top(claire, "#dots-left")
    for person in people:
        person.client.disconnect()


def test_the_forum_keeps_the_support_left_in_view_and_says_why(driven_cafe, pages):
    console = driven_cafe["console"]
    assert console.call("phase_set", {"phase": "forum"})["ok"]
    assert console.call("settings_update", {"support_budget": 2})["ok"]
    for index in range(10):
        console.call("topic_propose", {"title": f"Sujet numéro {index + 1} pour le forum",
                                       "description": "Une ligne pour le décrire"})
    phone = join(pages, driven_cafe["body"]["links"]["join"], "Claire", locale="en-GB")
    cards = phone.locator(".topic-card")
    expect(cards).to_have_count(10)
    for index in (0, 1):
        cards.nth(index).locator("button.support").click()
        expect(cards.nth(index)).to_have_class(re.compile("supported"))
    budget = phone.locator("#budget")
    expect(budget).to_contain_text("none left: take one back to support another topic")
    greyed = cards.nth(5).locator("button.support")
    expect(greyed).to_be_disabled()
    expect(greyed).to_have_attribute("aria-describedby", "budget")
    expect(cards.nth(0).locator("button.support")).to_be_enabled()  # one may take it back
    scroll_down(phone)
    in_view_at_top(phone, "#budget")


def test_after_the_cafe_something_to_do_and_thanks_at_the_end(driven_cafe, pages):
    console = driven_cafe["console"]
    phone = join(pages, driven_cafe["body"]["links"]["join"], "Claire", locale="en-GB")
    assert console.call("rounds_configure", {"count": 1, "minutes": 5})["ok"]
    assert console.call("seating_show", {})["ok"]  # everyone is shown where to go
    expect(phone.locator("#goto-table")).to_have_text("→ Table 1")  # where to go, then go
    assert console.call("round_start", {})["ok"]
    expect(phone.locator("#table")).to_be_visible()
    assert console.call("round_end", {})["ok"]
    expect(phone.locator("#after-title")).to_have_text("The café is over")
    expect(phone.locator("#after-next")).to_contain_text("Propose a next step")
    expect(phone.locator("#after-list")).to_contain_text("Round 1 · Table 1 · Coopération")
    phone.get_by_role("button", name="Propose a next step").click()
    step = phone.locator(".syn-propose input[name=text]")
    expect(step).to_be_focused()
    step.fill("Une charte commune")
    phone.locator(".syn-propose button").click()
    expect(phone.locator(".syn-step")).to_contain_text("Une charte commune")

    assert console.call("phase_set", {"phase": "harvest"})["ok"]
    expect(phone.locator("#after-title")).to_have_text("The harvest")
    expect(phone.locator("#after-step")).to_be_visible()
    assert console.call("phase_set", {"phase": "closed"})["ok"]
    expect(phone.locator("#after-title")).to_have_text("Thank you, Claire!")
    expect(phone.locator("#after-next")).to_contain_text("The workshop is over")
    expect(phone.locator("#after-list li")).to_have_text([
        "Round 1 · Table 1 · Coopération", "1 next step proposed"])
    expect(phone.locator("#after-step")).to_be_hidden()
    expect(phone.locator(".syn-step")).to_contain_text("Une charte commune")
