"""In Chromium, without a mouse: a facilitator and a participant run a workshop with the
keyboard alone. Every action is reached with Tab, shows where the focus is, and works with
Enter or Space."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from .browser import PHONE

pytestmark = pytest.mark.browser
CONSOLE = {"viewport": {"width": 1280, "height": 900}}

FOCUSED = """(selector) => {
  const el = document.activeElement;
  if (!el || !el.matches(selector)) return null;
  // A radio drawn as a colour dot shows its ring on the dot around it.
  const ringed = el.closest(".colour-dot") ?? el;
  const style = getComputedStyle(ringed);
  return style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2;
}"""


def tab_to(page, selector: str, *, limit: int = 120) -> None:
    """Press Tab until `selector` has the focus; it must show a visible focus ring."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        ringed = page.evaluate(FOCUSED, selector)
        if ringed is not None:
            assert ringed, f"{selector} has the focus but shows no ring"
            return
    raise AssertionError(f"{selector} cannot be reached with Tab")


def confirm_next(console) -> None:
    console.once("dialog", lambda dialog: dialog.accept())
    tab_to(console, "#phase-next")
    console.keyboard.press("Enter")


def test_a_workshop_run_from_the_keyboard(live_server, pages):
    # The facilitator creates the workshop: Tab between fields, Enter to send.
    home = pages.open(live_server.url + "/?lang=en", CONSOLE, locale="en-GB")
    tab_to(home, "#f-theme")
    home.keyboard.type("Keyboard workshop")
    tab_to(home, "#f-date")
    home.keyboard.type("04042013")
    tab_to(home, "#create button[type=submit]")
    home.keyboard.press("Enter")
    home.wait_for_url(re.compile(r"/console/"))
    console = home
    code = console.url.split("/console/")[1][:6]

    # A participant joins: name, organisation, Enter.
    phone = pages.open(f"{live_server.url}/j/{code}?lang=en", PHONE, locale="en-GB")
    tab_to(phone, "#f-name")
    phone.keyboard.type("Claire")
    tab_to(phone, "#f-organisation")
    phone.keyboard.type("Latitude")
    phone.keyboard.press("Enter")
    expect(phone.locator("#welcome")).to_contain_text("Claire")

    # The forum: a topic proposed with Enter, supported with Space, kept from the console.
    confirm_next(console)
    expect(phone.locator("#phase")).to_have_text("Open forum")
    tab_to(phone, "#f-title")
    phone.keyboard.type("Cooperation between firms")
    phone.keyboard.press("Enter")
    tab_to(phone, ".topic-card button.support")
    phone.keyboard.press("Space")
    expect(phone.locator(".topic-card")).to_have_class(re.compile("supported"))
    expect(console.locator("#keep")).to_be_enabled()
    tab_to(console, "#keep")
    console.keyboard.press("Enter")
    expect(console.locator("#tables tbody tr")).to_have_count(1)

    # The café: a seat taken, a note written in another colour, sent with Ctrl+Enter.
    confirm_next(console)
    tab_to(phone, ".table-choice button")
    phone.keyboard.press("Enter")
    expect(phone.locator("#table")).to_be_visible()
    tab_to(phone, "#f-note")
    phone.keyboard.type("Trust comes first")
    tab_to(phone, "#compose input[name=colour]:checked")
    phone.keyboard.press("ArrowRight")
    tab_to(phone, "#f-note")
    phone.keyboard.press("Control+Enter")
    note = phone.locator("#board .note", has_text="Trust comes first")
    expect(note).to_have_class(re.compile("note-pink"))
    expect(note).not_to_have_class(re.compile("waiting"))

    # The vote: opened from the console, a dot given with Enter.
    tab_to(console, "#voting-open")
    console.keyboard.press("Enter")
    expect(phone.locator("#vote")).to_be_visible()
    tab_to(phone, ".vote-note .give")
    phone.keyboard.press("Enter")
    expect(phone.locator(".vote-note .my-dots")).to_have_text("●")

    # The harvest: the retained idea edited and the report downloaded, still by keyboard.
    tab_to(console, "#voting-close")
    console.keyboard.press("Enter")
    confirm_next(console)
    tab_to(console, ".syn-retained .fill-ideas")
    console.keyboard.press("Enter")
    expect(console.locator(".syn-retained .syn-idea")).to_contain_text("Trust comes first")
    with console.expect_download() as download:
        tab_to(console, ".export-buttons button[data-format=md]")
        console.keyboard.press("Enter")
    assert "Trust comes first" in Path(download.value.path()).read_text(encoding="utf-8")
