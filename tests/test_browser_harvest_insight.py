"""In Chromium: what the room learns from itself, on the console and the screen. The
console shows the organisation × organisation mixing matrix (eleven people of ten
organisations) and the share of possible meetings, groups near-identical notes to accept
as one idea (dots merged) or keep apart, splits an accepted group again, and chooses how
the retained ideas are ranked; the screen shows each table's brief, how the ideas
travelled, and the organisations behind the dots at the reveal and in the synthesis.
French and English, on a laptop and on projectors."""

import re

import pytest
from playwright.sync_api import expect

from .browser import PHONE, SCREEN, axe_serious
from .harvest_room import CHARTER, PEOPLE, TABLES, play
from .helpers import ROOT
from .test_browser_screen_fit import FIT

pytestmark = pytest.mark.browser
TABLE_ONE = TABLES[0]
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
    expect(console.locator("#similar-panel .similar-made")).to_contain_text(TABLE_ONE)
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
    # The console puts how the ideas travelled on the screen, then lets it follow the phase.
    console.select_option("#screen-view", "traces")
    for _ in range(50):
        settings = room.console.call("sync", {})["snapshot"]["workshop"]["settings"]
        if settings["screen_view"] == "traces":
            break
        console.wait_for_timeout(100)
    assert settings["screen_view"] == "traces"
    console.select_option("#screen-view", "auto")
    # The ranking of the retained ideas is the facilitator's choice.
    console.select_option("#rank-ideas-by", "organisations")
    expect(console.locator("#rank-saved")).not_to_be_empty()
    settings = room.console.call("sync", {})["snapshot"]["workshop"]["settings"]
    assert settings["rank_ideas_by"] == "organisations"


SCREEN_WORDS = {
    "fr": {"briefs": "Ce que chaque table a trouvé jusqu’ici",
           "arrived": "Apporté par les voyageurs",
           "by": "Apportée de la table {n} par {name}", "traces": "Comment les idées ont voyagé",
           "band": "Après le tour 1", "built_on": "reprise à l’arrivée"},
    "en": {"briefs": "What each table has found so far", "arrived": "Carried in by travellers",
           "by": "Carried from Table {n} by {name}", "traces": "How the ideas travelled",
           "band": "After round 1", "built_on": "built on there"},
}
PROJECTORS = {"1280x720": (1280, 720), "1920x1080": (1920, 1080), "1024x768": (1024, 768),
              "1366x768": (1366, 768)}


def fits(screen, view: str, language: str) -> list[str]:
    """Every text inside the frame, uncut, at 18 px or more, at every projector's size."""
    problems = []
    for label, (width, height) in PROJECTORS.items():
        screen.set_viewport_size({"width": width, "height": height})
        seen = screen.evaluate(FIT)
        screen.screenshot(path=str(shots(language) / f"screen-{view}-{label}.png"))
        if seen["count"]:
            problems.append(f"{view} at {label}: {seen['problems']}")
    screen.set_viewport_size({"width": 1920, "height": 1080})
    return problems


def test_the_screen_shows_briefs_traces_and_the_organisations_behind_the_dots(room, pages):
    words, screen_words = WORDS[room.language], SCREEN_WORDS[room.language]
    locale = "fr-FR" if room.language == "fr" else "en-GB"
    screen = pages.open(room.body["links"]["screen"], SCREEN, locale=locale)
    carried = room.notes["carried"]
    origin = next(t for t in room.tables if t["id"] == carried["carried"]["from_table"])
    problems = []
    # The vote, open and shown: beside the bars, the organisations behind the dots.
    expect(screen.locator("#votes-view")).to_be_visible()
    charter = screen.locator("#results .bar-row", has_text=CHARTER[0])
    expect(charter.locator(".bar-flag")).to_have_text(words["agreed"].format(n=4))
    directory = screen.locator("#results .bar-row", has_text="Un annuaire des compétences")
    expect(directory.locator(".bar-flag")).to_have_text(words["one"])
    problems += fits(screen, "votes-flags", room.language)
    # The tables' columns: the carried note says where it came from, and who brought it.
    room.console.call("settings_update", {"screen_view": "cafe"})
    note = screen.locator("#columns .screen-note", has_text="Partager les clients").filter(
        has_text=screen_words["by"].format(n=origin["number"], name=room.traveller))
    expect(note).to_have_count(1)
    # Between rounds the console shows each table's brief: what arrived, carried by whom.
    room.console.call("settings_update", {"screen_view": "briefs"})
    expect(screen.locator("#briefs-heading")).to_have_text(screen_words["briefs"])
    expect(screen.locator("#briefs-columns .column")).to_have_count(3)
    column = screen.locator("#briefs-columns .column").filter(
        has=screen.locator(".brief-arrived li", has_text="Partager les clients"))
    expect(column.locator(".brief-arrived h3")).to_have_text(screen_words["arrived"])
    expect(column.locator(".brief-arrived .brief-meta")).to_have_text(
        screen_words["by"].format(n=origin["number"], name=room.traveller))
    expect(screen.locator("#briefs-columns .brief-top li", has_text=CHARTER[0])).to_be_visible()
    problems_axe = axe_serious(screen)
    assert problems_axe == [], problems_axe
    problems += fits(screen, "briefs", room.language)
    # How the ideas travelled: the carried note, an arrow from the table it left.
    room.console.call("settings_update", {"screen_view": "traces"})
    expect(screen.locator("#traces-heading")).to_have_text(screen_words["traces"])
    expect(screen.locator("#traces .trace-head")).to_have_count(3)
    trace = screen.locator("#traces .trace", has_text="Partager les clients")
    expect(trace).to_be_visible()
    # It got a dot at its new table: built on there, a solid arrow.
    expect(trace).to_have_class(re.compile("built-on"))
    expect(trace.locator(".trace-text")).to_contain_text(screen_words["built_on"])
    problems_axe = axe_serious(screen)
    assert problems_axe == [], problems_axe
    expect(screen.locator("#traces .trace-band")).to_have_text([screen_words["band"]])
    problems += fits(screen, "traces", room.language)
    # The synthesis at the harvest: an idea drawn from the charter shows its backing.
    room.console.call("settings_update", {"screen_view": "auto"})
    assert room.console.call("voting_close", {})["ok"]
    assert room.console.call("phase_set", {"phase": "harvest"})["ok"]
    assert room.console.call("ideas_fill", {"table": room.notes[CHARTER[0]]["table"],
                                            "top": 3})["ok"]
    idea = screen.locator("#synthesis-root .syn-idea", has_text=CHARTER[0])
    expect(idea.locator(".syn-flag")).to_have_text(words["agreed"].format(n=4))
    problems += fits(screen, "synthesis-flags", room.language)
    assert problems == [], "\n".join(problems)
    assert pages.errors == []


def test_a_rapporteur_groups_similar_notes_on_the_phone(room, pages):
    """The rapporteur's phone offers the same groups at the harvest; a participant's not."""
    words = WORDS[room.language]
    width = 360 if room.language == "fr" else 390
    locale = "fr-FR" if room.language == "fr" else "en-GB"
    assert room.console.call("participant_role", {"participant": room.ids["Nadia"],
                                                  "role": "rapporteur"})["ok"]
    assert room.console.call("voting_close", {})["ok"]
    assert room.console.call("phase_set", {"phase": "harvest"})["ok"]
    phones = {}
    for name in ("Nadia", "Marc"):
        phone = pages.open(room.body["links"]["join"],
                           {**PHONE, "viewport": {"width": width, "height": 800}}, locale=locale)
        phone.evaluate("([code, token]) => localStorage.setItem(`cafe.token.${code}`, token)",
                       [room.code, room.tokens[name]])
        phone.reload()
        expect(phone.locator("#synthesis")).to_be_visible()
        phones[name] = phone
    rapporteur = phones["Nadia"]
    similar = rapporteur.locator("#phone-similar")
    expect(similar).to_be_visible()
    expect(similar.locator(".similar-title")).to_have_text(words["similar"])
    group = similar.locator(".similar-group")
    expect(group).to_have_count(1)
    expect(group.locator(".similar-notes li")).to_have_count(2)
    expect(phones["Marc"].locator("#phone-similar")).to_be_hidden()
    assert rapporteur.evaluate("document.scrollingElement.scrollWidth") <= width
    # The group and its menu stay inside the phone's width (the label above the menu).
    for part in (group, group.locator("select")):
        box = part.bounding_box()
        assert box["x"] + box["width"] <= width, box
    label = group.locator(".similar-under").bounding_box()
    assert label["height"] < 200, label
    problems = axe_serious(rapporteur)
    assert problems == [], problems
    similar.screenshot(path=str(shots(room.language) / f"phone-similar-{width}.png"))
    group.locator(".similar-accept").click()
    expect(group).to_have_count(0)
    idea = rapporteur.locator("#synthesis-root .syn-idea", has_text=CHARTER[0])
    expect(idea.locator(".syn-flag")).to_have_text(words["agreed"].format(n=4))
    assert pages.errors == []
