"""In Chromium: what the room learns from itself, on the console and the screen. The
console shows the organisation × organisation mixing matrix (eleven people of ten
organisations) and the share of possible meetings, groups near-identical notes to accept
as one idea (dots merged) or keep apart, splits an accepted group again, and chooses how
the retained ideas are ranked; the screen shows each table's brief, how the ideas
travelled, and the organisations behind the dots at the reveal and in the synthesis.
French and English, on a laptop and on projectors."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from .harvest_room import CHARTER, PEOPLE, play
from .helpers import ROOT

pytestmark = pytest.mark.browser
LAPTOP = {"viewport": {"width": 1280, "height": 800}}
WORDS = {
    "fr": {"share": "des rencontres possibles entre personnes ont eu lieu",
           "similar": "Notes semblables d’une table à l’autre", "two": "2 notes semblables",
           "agreed": "partagée par {n} organisations", "one": "portée par une seule organisation",
           "split": "Séparer en ses notes"},
    "en": {"share": "of the possible meetings between people happened",
           "similar": "Similar notes across the tables", "two": "2 similar notes",
           "agreed": "agreed across {n} organisations", "one": "carried by one organisation",
           "split": "Split into its notes"},
}


def shots(language: str):
    folder = ROOT / "test-artifacts" / "screenshots" / "harvest" / language
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def axe_serious(page) -> list:
    found = Axe().run(page).response["violations"]
    return [(v["id"], [n["target"] for n in v["nodes"][:3]]) for v in found
            if v["impact"] in ("serious", "critical")]


@pytest.fixture(params=["fr", "en"])
def room(request, live_server):
    played = play(live_server, request.param)
    played.language = request.param
    yield played
    played.close()


def test_the_console_shows_the_mixing_groups_similar_notes_and_ranks_ideas(room, pages):
    words = WORDS[room.language]
    locale = "fr-FR" if room.language == "fr" else "en-GB"
    console = pages.open(room.body["links"]["console"], LAPTOP, locale=locale)
    # Who met whom: one row per organisation (ten, "Latitude" counted once), the share.
    panel = console.locator("#mixing-panel")
    expect(panel).to_be_visible()
    expect(panel.locator("#mixing-share")).to_contain_text(words["share"])
    expect(panel.locator("#mixing tbody tr")).to_have_count(len({o for _, o in PEOPLE}))
    expect(panel.locator("#mixing thead th")).to_have_count(len({o for _, o in PEOPLE}) + 3)
    row = panel.locator("#mixing tbody tr", has_text="Latitude")
    expect(row.locator("th")).to_contain_text("Latitude")
    # The matrix scrolls within its own box: the page itself never gets wider.
    assert console.evaluate("document.scrollingElement.scrollWidth") <= 1280
    # The vote is open: the two charters are offered as one group, nothing merged yet.
    similar = console.locator("#similar-panel")
    expect(similar).to_be_visible()
    expect(similar.locator(".similar-title")).to_have_text(words["similar"])
    group = similar.locator(".similar-group")
    expect(group).to_have_count(1)
    expect(group.locator(".similar-count")).to_have_text(words["two"])
    for text in CHARTER:
        expect(group.locator(".similar-notes li", has_text=text)).to_be_visible()
    assert not [i for i in room.console.call("sync", {})["snapshot"]["synthesis"]
                if i["kind"] == "idea"]
    problems = axe_serious(console)
    assert problems == [], problems
    folder = shots(room.language)
    console.locator("#mixing-panel").screenshot(path=str(folder / "console-mixing.png"))
    similar.screenshot(path=str(folder / "console-similar.png"))
    # Keeping them apart hides the group on this console, merging nothing.
    group.locator(".similar-apart").click()
    expect(group).to_have_count(0)
    expect(similar.locator(".similar-none")).to_be_visible()
    console.evaluate("localStorage.clear()")
    # The harvest: the group is offered again, above the synthesis.
    assert room.console.call("voting_close", {})["ok"]
    assert room.console.call("phase_set", {"phase": "harvest"})["ok"]
    console.reload()
    group = console.locator("#similar-panel .similar-group")
    expect(group).to_have_count(1)
    # Accepting makes one idea of the group: the dots of both notes, its organisations.
    group.locator(".similar-accept").click()
    expect(group).to_have_count(0)
    idea = console.locator("#synthesis-root .syn-idea", has_text=CHARTER[0])
    expect(idea).to_have_count(1)
    expect(idea.locator(".syn-flag")).to_have_text(words["agreed"].format(n=4))
    ideas = [i for i in room.console.call("sync", {})["snapshot"]["synthesis"]
             if i["kind"] == "idea"]
    assert len(ideas) == 1 and len(ideas[0]["group"]) == 2
    # Split: one idea per note again, under each note's own table.
    idea.locator(".syn-more-toggle").click()
    split = idea.locator("[data-action=split]")
    expect(split).to_have_text(words["split"])
    split.click()
    expect(console.locator("#synthesis-root .syn-idea", has_text="charte")).to_have_count(2)
    # The ranking of the retained ideas is the facilitator's choice.
    console.select_option("#rank-ideas-by", "organisations")
    expect(console.locator("#rank-saved")).not_to_be_empty()
    settings = room.console.call("sync", {})["snapshot"]["workshop"]["settings"]
    assert settings["rank_ideas_by"] == "organisations"
