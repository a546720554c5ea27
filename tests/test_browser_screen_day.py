"""In Chromium, the projector on the day: "time to move" when a round's clock reaches 0:00
with no console to end it, the chime a facilitator may switch on, the join banner on every
view, the big QR code the console summons in one click, full screen and the wake lock."""

import re
import time

import pytest
from playwright.sync_api import expect

from server.domain.rounds import Rounds

from .test_browser_screen_fit import Room, store  # noqa: F401 - a fixture

pytestmark = pytest.mark.browser
CONSOLE = {"viewport": {"width": 1440, "height": 1000}}

# Counts the screen's requests for a wake lock, and lets a test see them.
WAKE_SPY = """
  window.wakeRequests = 0;
  if (navigator.wakeLock) {
    const ask = navigator.wakeLock.request.bind(navigator.wakeLock);
    navigator.wakeLock.request = (type) => { window.wakeRequests += 1; return ask(type); };
  }
  document.addEventListener("cafe:chime", (e) => { (window.chimes ??= []).push(e.detail.rang); });
"""


@pytest.fixture
def room(live_server, store, browser):  # noqa: F811 - the fixture imported above
    """A café of 12 people and 3 tables, rounds planned, the screen open."""
    room = Room(live_server, store, browser, "en", 12, 3, init_script=WAKE_SPY)
    room.call("phase_set", {"phase": "forum"})
    for title in ["Trust", "Tenders", "Training"]:
        room.call("table_add", {"title": title})
    room.call("phase_set", {"phase": "cafe"})
    room.call("rounds_configure", {"count": 3, "minutes": 20})
    room.call("seating_show")  # everyone is shown where to go
    expect(room.screen.locator("#seating-view")).to_be_visible()
    yield room
    room.close()


def test_the_round_ends_on_the_screen_without_the_console(room):
    screen = room.screen
    room.call("round_start")
    expect(screen.locator("#cafe-view")).to_be_visible()
    # The facilitator switches the sound on from the screen itself (a click: browsers let
    # a page play sound only after one).
    screen.click("#sound-toggle")
    expect(screen.locator("#sound-toggle")).to_have_attribute("aria-pressed", "true")
    # The round has three seconds left, and the console closes: no event will come.
    rounds, raw = room.store.rounds.read(room.code)
    room.store.rounds.save(room.code, raw, Rounds(**{**rounds.to_dict(),
                                                     "ends_at": time.time() + 3}))
    expect(screen.locator(".screen-clock")).to_have_text(re.compile(r"^0:0[1-3]$"))
    room.console.disconnect()
    expect(screen.locator("#seating-time-up")).to_have_text("Time to move!", timeout=8000)
    expect(screen.locator("#seating-heading")).to_have_text("Round 2: find your table")
    expect(screen.locator("#seating-meta")).to_have_text("Round 1 is over.")
    expect(screen.locator(".screen-clock")).to_have_text("0:00")
    assert screen.evaluate("window.chimes") == [True]  # rung once, and heard
    screen.wait_for_timeout(1000)
    assert screen.evaluate("window.chimes") == [True]  # only once


def test_the_last_round_and_a_free_cafe_say_times_up(live_server, store, browser):  # noqa: F811
    room = Room(live_server, store, browser, "fr", 4, 2, init_script=WAKE_SPY)
    try:
        room.call("phase_set", {"phase": "forum"})
        for title in ["Confiance", "Appels d'offres"]:
            room.call("table_add", {"title": title})
        room.call("phase_set", {"phase": "cafe"})
        room.call("rounds_configure", {"count": 1, "minutes": 20})
        room.call("seating_show")  # everyone is shown where to go
        room.call("round_start")
        room.call("round_extend", {"minutes": -60})
        card = room.screen.locator("#time-up-view")
        expect(card).to_be_visible()
        expect(card.locator(".time-up-title")).to_have_text("Le temps est écoulé\u202f!")
        expect(card.locator(".time-up-text")).to_have_text("C’était le dernier tour. Merci\u202f!")
        # Without sound asked for, the end of a round is silent: and a page opened after
        # 0:00 does not ring at all.
        assert room.screen.evaluate("window.chimes ?? []") == []
        room.check("time-up-last")
        assert room.problems == []
    finally:
        room.close()


def test_sound_is_remembered_and_asks_for_a_click_after_a_reload(room):
    screen = room.screen
    expect(screen.locator("#sound-toggle")).to_have_attribute("aria-pressed", "false")
    screen.click("#sound-toggle")
    expect(screen.locator("#sound-toggle")).to_have_attribute("aria-pressed", "true")
    expect(screen.locator("#sound-blocked")).to_be_hidden()
    screen.reload()
    expect(screen.locator("#sound-toggle")).to_have_attribute("aria-pressed", "true")
    expect(screen.locator("#sound-blocked")).to_have_text("Click to allow sound")
    screen.mouse.click(600, 400)  # any click on the page lets it play
    expect(screen.locator("#sound-blocked")).to_be_hidden()
    screen.click("#sound-toggle")
    expect(screen.locator("#sound-toggle")).to_have_attribute("aria-pressed", "false")


def test_every_view_shows_the_join_banner_and_the_console_summons_the_qr_code(room, pages):
    screen, code = room.screen, room.code
    banner = screen.locator("#join-banner")
    expect(banner).to_be_visible()
    expect(banner).to_contain_text(code)
    assert screen.evaluate("document.querySelector('.join-banner-qr').naturalWidth") > 0
    room.call("round_start")
    expect(screen.locator("#cafe-view")).to_be_visible()
    expect(banner).to_be_visible()

    console = pages.open(room.console_url, CONSOLE, locale="en-GB")
    toggle = console.get_by_role("button", name="Show the QR code on the screen")
    expect(toggle).to_have_attribute("aria-pressed", "false")
    toggle.click()
    expect(toggle).to_have_attribute("aria-pressed", "true")
    expect(screen.locator("#welcome-view .qr img")).to_be_visible()
    expect(screen.locator("#join-url")).to_have_text(re.compile(rf"^http://[^ ]+/j/{code}$"))
    expect(screen.locator(".join-code-big")).to_have_text(code)
    expect(banner).to_be_hidden()  # the big one is there
    toggle.click()
    expect(toggle).to_have_attribute("aria-pressed", "false")
    expect(screen.locator("#cafe-view")).to_be_visible()


def test_full_screen_and_the_wake_lock(room):
    screen = room.screen
    assert screen.evaluate("window.wakeRequests") >= 1
    button = screen.get_by_role("button", name="Full screen")
    expect(button).to_be_visible()
    button.click()
    expect(screen.locator("#fullscreen")).to_have_attribute("aria-pressed", "true")
    assert screen.evaluate("Boolean(document.fullscreenElement)")


def test_a_question_without_a_note_says_so_quietly(room):
    room.call("round_start")
    tables = room.store.tables.all(room.code)
    for table in tables:
        room.store.board.add_question(room.code, table.id, "Who takes the first step?", 1.0)
    screen = room.screen
    expect(screen.locator("#columns .column-group h3")).to_have_count(3)
    expect(screen.locator("#columns .no-note:visible")).to_have_count(3)
    expect(screen.locator("#columns .no-note").first).to_have_text("No note yet")
