"""In Chromium, the console's "At the tables" (issue 15): writing alone and revealing, the
review queue (never naming an anonymous author), hiding and restoring, raised hands and
the done count, people without a phone, and a read-only look at a table as a participant
there sees it."""

import re

import pytest
from playwright.sync_api import expect

from .helpers import ROOT
from .test_browser_phone_round import SMALL, participant, serious
from .test_browser_table_tools import post, seated

pytestmark = pytest.mark.browser
CONSOLE = {"viewport": {"width": 1280, "height": 720}}


@pytest.fixture
def room(driven_cafe, pages):
    """The console's page (in the workshop's French), Anna hosting the table (390 px,
    English), Paul there (360 px, French)."""
    cafe = driven_cafe
    cafe["anna"] = seated(pages, cafe, "Anna", locale="en-GB")
    cafe["paul"] = seated(pages, cafe, "Paul", kind=SMALL)
    hosted = {"table": cafe["table"]["id"], "host": participant(cafe, "Anna")["id"]}
    assert cafe["console"].call("table_update", hosted)["ok"]
    cafe["page"] = pages.open(cafe["body"]["links"]["console"], CONSOLE, locale="en-GB")
    expect(cafe["page"].locator("#status")).to_have_attribute("data-status", "online")
    return cafe


def test_the_console_turns_on_writing_alone_and_reveals_a_table(room, pages):
    page, anna, paul = room["page"], room["anna"], room["paul"]
    page.check("#write-alone")
    expect(paul.locator("#writing-alone")).to_be_visible()
    post(paul, "Une idée en solo")
    row = page.locator("#life tbody tr").first
    expect(row.locator(".written-n")).to_have_text("1")
    expect(anna.locator("#written-count")).to_have_text("1 note written at this table")
    # The console looks at the table as a participant there: the count, never the text.
    with page.expect_popup() as opened:
        row.locator(".view-as").click()
    look = opened.value
    expect(look.locator("#preview-banner")).to_contain_text("Read-only")
    expect(look.locator("#table")).to_be_visible()
    expect(look.locator("#written-count")).to_contain_text("1")
    expect(look.locator("#compose")).to_be_hidden()
    expect(look.locator("#status-done")).to_be_hidden()
    assert "Une idée en solo" not in look.locator("main").inner_text()
    page.screenshot(path=str(ROOT / "test-artifacts" / "console-at-the-tables.png"), full_page=True)
    assert serious(page) == []
    row.locator(".reveal").click()
    expect(anna.locator(".note", has_text="Une idée en solo")).to_be_visible()
    expect(look.locator(".note", has_text="Une idée en solo")).to_be_visible()
    expect(look.locator(".reaction").first).to_be_disabled()  # it gives nothing
    expect(row.locator(".reveal")).to_be_hidden()
    page.uncheck("#write-alone")
    expect(paul.locator("#writing-alone")).to_be_hidden()


def test_review_queue_approves_hides_and_restores_without_naming_the_author(room):
    page, anna, paul = room["page"], room["anna"], room["paul"]
    page.check("#review-anonymous")
    expect(page.locator("#review-empty")).to_be_visible()
    paul.fill("#f-note", "Une critique anonyme")
    paul.check("#f-anonymous")
    paul.click("#compose .send")
    item = page.locator("#review-queue li", has_text="Une critique anonyme")
    expect(item).to_be_visible()
    expect(item.locator(".review-meta")).to_have_text("Table 1 · Anonyme · en attente de relecture")
    assert "Paul" not in page.locator("#life-panel").inner_text()
    expect(page.locator("#review-count")).to_have_text("1")
    assert serious(page) == []
    item.locator(".approve").click()
    expect(anna.locator(".note", has_text="Une critique anonyme")).to_be_visible()
    expect(page.locator("#review-queue li")).to_have_count(0)
    page.click("#wall-notes summary")
    on_wall = page.locator("#wall-list li", has_text="Une critique anonyme")
    on_wall.locator(".hide").click()
    expect(anna.locator(".note", has_text="Une critique anonyme")).to_have_count(0)
    expect(on_wall.locator(".review-meta")).to_contain_text("masquée")
    expect(page.locator("#wall-notes-title")).to_contain_text("1 masquée")
    on_wall.locator(".approve").click()  # restored
    expect(anna.locator(".note", has_text="Une critique anonyme")).to_be_visible()
    # A word of the facilitator's list sends a note to review.
    page.fill("#review-words", "idiot, menteur")
    page.click("#review-settings button[type=submit]")
    expect(page.locator("#review-saved")).to_have_text("Enregistré")
    post(anna, "What an idiot idea")
    expect(page.locator("#review-queue li", has_text="idiot idea")).to_contain_text("Anna")
    expect(anna.locator(".note", has_text="idiot idea").locator(".in-review")).to_be_visible()


def test_hands_done_count_and_people_without_a_phone(room):
    page, paul = room["page"], room["paul"]
    paul.click("#status-hand")
    paul.click("#status-done")
    row = page.locator("#life tbody tr").first
    expect(row.locator(".hands li")).to_have_text(re.compile("Paul"))
    expect(row.locator(".done-count")).to_have_text("1 sur 2")
    expect(row.locator(".here-now")).to_have_text("2")
    assert serious(page) == []
    row.locator(".lower").click()
    expect(paul.locator("#status-hand")).to_have_attribute("aria-pressed", "false")
    expect(row.locator(".hands li")).to_have_count(0)
    page.fill("#f-nophone-name", "Jeanne")
    page.select_option("#f-nophone-table", label="1. Coopération")
    page.click("#nophone-form button[type=submit]")
    expect(page.locator("#nophone-list li")).to_have_text("Jeanne · Table 1")
    expect(row.locator(".done-count")).to_have_text("1 sur 3")  # seated like anyone
    expect(row.locator(".here-now")).to_have_text("3")  # there as long as she is seated
    page.check("#end-when-done")
    settings = room["console"].call("sync", {})["snapshot"]["workshop"]["settings"]
    assert settings["end_when_done"] is True


def test_a_look_at_a_table_before_the_cafe_welcomes_nobody(live_server, pages):
    """The console may look at a table as soon as it exists: before the café the look
    waits with the room, says what it is, and welcomes nobody by an empty name."""
    import requests
    import socketio

    from .conftest import REFERENCE

    body = requests.post(live_server.url + "/api/workshops", json=REFERENCE, timeout=5).json()
    code, key = body["workshop"]["code"], body["console_key"]
    console = socketio.Client()
    console.connect(live_server.url, auth={"code": code, "role": "console", "key": key},
                    transports=["websocket"])
    try:
        table = console.call("table_add", {"title": "Coopération"})["table"]
        look = pages.open(f"{live_server.url}/j/{code}?preview={table['id']}#key={key}",
                          SMALL, locale="en-GB")
        expect(look.locator("#waiting")).to_be_visible()
        expect(look.locator("#preview-banner")).to_contain_text("Read-only")
        expect(look.locator("#welcome")).to_be_hidden()
        expect(look.locator(".me-card")).to_be_hidden()
        assert serious(look) == []
    finally:
        console.disconnect()
