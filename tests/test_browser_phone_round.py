"""In Chromium, the phone during a round: "time to move" at 0:00, the big "→ Table N" card
for whoever is seated mid-round until they are there, and a composer that leaves the
table's notes in view."""

import re

import pytest
import requests
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from .browser import PHONE
from .helpers import ROOT

pytestmark = pytest.mark.browser
SMALL = {**PHONE, "viewport": {"width": 360, "height": 640}}
LANDSCAPE = {**PHONE, "viewport": {"width": 844, "height": 390}}
# The phone's clock, made to run ahead on demand (window.__ahead, in ms): what the phone
# computes from the round's end time and its measured offset, without the server moving.
CLOCK = """{
  const now = Date.now;
  window.__ahead = 0;
  Date.now = () => now() + window.__ahead;
  window.__buzzes = [];
  navigator.vibrate = (pattern) => { window.__buzzes.push(pattern); return true; };
}"""


def serious(page) -> list[str]:
    """The serious or critical accessibility violations axe-core finds on the page."""
    page.wait_for_timeout(600)  # what just appeared has finished its entrance
    found = Axe().run(page).response["violations"]
    return [f"{v['id']} {[n['target'] for n in v['nodes'][:3]]}" for v in found
            if v["impact"] in ("serious", "critical")]


def join(pages, link, name, kind=PHONE, locale="fr-FR", clock=False):
    """A phone joined under `name`, following the workshop live."""
    phone = pages.open("about:blank", kind, locale=locale)
    if clock:
        phone.add_init_script(CLOCK)
    phone.goto(link)
    phone.fill("#f-name", name)
    phone.click("#join-button")
    expect(phone.locator("#status")).to_have_attribute("data-status", "online")
    return phone


def participant(cafe, name):
    """The participant record the console sees for `name`."""
    snapshot = cafe["console"].call("sync", {})["snapshot"]
    return next(p for p in snapshot["participants"] if p["name"] == name)


@pytest.fixture
def rounds(driven_cafe, pages):
    """Two tables, two rounds of a minute planned, Claire's phone (its clock adjustable)
    showing where to go for round 1."""
    cafe = driven_cafe
    cafe["second"] = cafe["console"].call("table_add", {"title": "Mutualisation"})["table"]
    cafe["claire"] = join(pages, cafe["body"]["links"]["join"], "Claire", clock=True)
    base = cafe["body"]["links"]["join"].rsplit("/j/", 1)[0]
    for name in ["Paul", "Marie"]:  # two more people, joined through the API
        requests.post(f"{base}/api/workshops/{cafe['code']}/participants", json={"name": name},
                      timeout=5)
    assert cafe["console"].call("rounds_configure", {"count": 2, "minutes": 1})["ok"]
    assert cafe["console"].call("seating_show", {})["ok"]  # everyone is shown where to go
    expect(cafe["claire"].locator("#goto-table")).to_have_text(re.compile(r"→ Table \d"))
    return cafe


def test_every_phone_says_time_to_move_at_0_00(rounds):
    phone = rounds["claire"]
    plan = participant(rounds, "Claire")
    assert rounds["console"].call("round_start", {})["ok"]
    expect(phone.locator("#table")).to_be_visible()
    expect(phone.locator("#time-up")).to_be_hidden()
    phone.click("#table-title")  # someone has touched the page: it may vibrate
    phone.evaluate("window.__ahead = 61_000")  # a minute later, on the phone's clock only
    banner = phone.locator("#time-up")
    expect(banner).to_be_visible()
    expect(banner).to_contain_text("On change de table")
    expect(phone.locator("#round-chip [data-clock]")).to_have_text("0:00")
    sync = rounds["console"].call("sync", {})["snapshot"]
    second = sync["plan"]["2"][plan["id"]]
    number = next(t["number"] for t in sync["tables"] if t["id"] == second)
    expect(phone.locator("#time-up-next")).to_contain_text(f"Tour suivant\u202f: → Table {number}")
    assert phone.evaluate("window.__buzzes.length") == 1  # once, not at every tick
    phone.wait_for_timeout(1200)
    assert phone.evaluate("window.__buzzes.length") == 1
    box = banner.bounding_box()
    bar = phone.locator("#topbar").bounding_box()
    assert abs(box["y"] - bar["height"]) <= 1, (box, bar)  # right under the top bar
    assert box["height"] < PHONE["viewport"]["height"] / 2, box
    phone.screenshot(path=str(ROOT / "test-artifacts" / "phone-time-up.png"))
    assert serious(phone) == []
    # It also shows over the open composer, and can be put away.
    phone.click("#f-note")
    expect(phone.locator("#compose")).to_have_class(re.compile("open"))
    on_top = f"document.elementFromPoint({box['x'] + 10}, {box['y'] + box['height'] / 2})"
    assert phone.evaluate(f"{on_top}.closest('#time-up') !== null")
    assert serious(phone) == []  # the composer open, the banner over it
    phone.click("#time-up-ok")
    expect(banner).to_be_hidden()


def test_a_latecomer_gets_the_big_card_until_they_are_there(rounds, pages):
    console = rounds["console"]
    assert console.call("round_start", {})["ok"]
    expect(rounds["claire"].locator("#table")).to_be_visible()  # she saw her card before
    late = join(pages, rounds["body"]["links"]["join"], "Hugo", kind=SMALL, locale="en-GB")
    expect(late.locator("#goto")).to_be_visible()
    expect(late.locator("#goto-round")).to_have_text("Round 1")
    expect(late.locator("#goto-table")).to_have_text(re.compile(r"^→ Table \d$"))
    card = late.locator("#goto-table").inner_text()
    expect(late.locator("#goto-done")).to_have_text("The round is under way.")
    assert serious(late) == []
    late.click("#arrived")
    expect(late.locator("#table")).to_be_visible()
    expect(late.locator("#table-number")).to_contain_text(card.removeprefix("→ "))
    late.reload()  # the phone remembers it got there
    expect(late.locator("#table")).to_be_visible()

    # Moved by the facilitator during the round: the card again, for the new table.
    hugo = participant(rounds, "Hugo")
    tables = {t["id"]: t["number"] for t in console.call("sync", {})["snapshot"]["tables"]}
    seat = console.call("sync", {})["snapshot"]["seats"][hugo["id"]]
    other = next(t for t in tables if t != seat)
    assert console.call("plan_move", {"participant": hugo["id"], "round": 1,
                                      "table": other})["ok"]
    expect(late.locator("#goto-table")).to_have_text(f"→ Table {tables[other]}")
    late.get_by_role("button", name="I'm there").click()
    expect(late.locator("#table-number")).to_contain_text(f"Table {tables[other]}")


@pytest.mark.parametrize(("kind", "share"), [(PHONE, 0.12), (SMALL, 0.15), (LANDSCAPE, 0.3)])
def test_the_composer_is_one_line_until_one_writes(rounds, kind, share):
    phone = rounds["claire"]
    phone.set_viewport_size(kind["viewport"])
    height = kind["viewport"]["height"]
    assert rounds["console"].call("round_start", {})["ok"]
    expect(phone.locator("#table")).to_be_visible()
    compose = phone.locator("#compose")
    box = compose.bounding_box()
    assert box["height"] <= height * share, (box, height)  # the board stays in view

    phone.click("#f-note")  # writing opens it over the whole phone
    expect(compose).to_have_class(re.compile("open"))
    box = compose.bounding_box()
    assert box["y"] <= 1 and box["height"] >= height - 2, box
    phone.keyboard.type("Un leader efficace")
    for control in ["#compose .colour-dot >> nth=1", "#compose .send", "#compose-close"]:
        target = phone.locator(control).bounding_box()
        assert target["y"] + target["height"] <= height, control  # nothing out of reach
    phone.locator("#compose .colour-dot").nth(1).click()
    phone.click("#compose .send")
    expect(compose).not_to_have_class(re.compile("open"))  # back to the board, note on it
    note = phone.locator("#board .note", has_text="Un leader efficace")
    expect(note).to_be_visible()
    expect(note).to_have_class(re.compile("note-pink"))
    assert phone.evaluate("document.scrollingElement.scrollWidth") <= kind["viewport"]["width"]

    # "Back" and Escape return to the board too, and keep the text not yet sent.
    phone.click("#f-note")
    phone.keyboard.type("Pas fini")
    phone.keyboard.press("Escape")
    expect(compose).not_to_have_class(re.compile("open"))
    expect(phone.locator("#f-note")).to_have_value("Pas fini")
