"""In Chromium: the format is chosen on the home page's creation form; a World Café's
console has no topic forum among its steps, a forum ouvert's console names its own
phases and shows its spaces and slots, in French and in English."""

import re

import pytest
from playwright.sync_api import expect

from .browser import SCREEN

pytestmark = pytest.mark.browser
NAMES = {"fr": {"market": "La place du marché", "forum": "Forum ouvert"},
         "en": {"market": "The marketplace", "forum": "Open forum"}}


def _create(pages, url: str, fmt: str, locale: str):
    home = pages.open(url + "/", SCREEN, locale=locale)
    home.fill("#f-theme", "Coopérer")
    home.select_option("#f-format", fmt)
    home.click("#create button[type=submit]")
    home.wait_for_url(re.compile(r"/console/[A-Z2-9]{6}#key="))
    return home


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_format_is_chosen_when_the_workshop_is_created(live_server, pages, language):
    locale = {"fr": "fr-FR", "en": "en-GB"}[language]
    cafe = _create(pages, live_server.url, "world-cafe", locale)
    expect(cafe.locator('#stepper li[data-phase="forum"]')).to_be_hidden()
    expect(cafe.locator('#stepper li[data-phase="cafe"]')).to_be_visible()
    expect(cafe.locator("#openspace-panel")).to_be_hidden()
    cafe.once("dialog", lambda dialog: dialog.accept())
    cafe.click("#phase-next")  # straight to the café: a table is needed first
    expect(cafe.locator("#phase-error")).to_have_text(re.compile(r"\S"))
    forum = _create(pages, live_server.url, "forum-ouvert", locale)
    expect(forum.locator("#openspace-panel")).to_be_visible()
    expect(forum.locator("#forum-panel")).to_be_hidden()
    expect(forum.locator('#stepper li[data-phase="forum"]')).to_contain_text(
        NAMES[language]["market"])
    forum.fill("#os-space-form input[name=name]", "Salle Rhône")
    forum.click("#os-space-form button[type=submit]")
    expect(forum.locator("#os-spaces")).to_contain_text("Salle Rhône")
    forum.fill("#os-slot-form input[name=label]", "Matin")
    forum.click("#os-slot-form button[type=submit]")
    expect(forum.locator("#os-slot-now option")).to_have_count(2)
    hybrid = _create(pages, live_server.url, "hybrid", locale)
    expect(hybrid.locator('#stepper li[data-phase="forum"]')).to_contain_text(
        NAMES[language]["forum"])
    expect(hybrid.locator("#forum-panel")).to_be_visible()
