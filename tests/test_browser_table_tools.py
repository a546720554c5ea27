"""In Chromium, the phone at the table (issue 15): writing alone until the host reveals
the table, a note waiting for review or hidden, reactions, "I'm done", a raised hand,
and who is at the table now on the host's phone."""

import re

import pytest
from playwright.sync_api import expect

from .browser import PHONE
from .helpers import ROOT
from .test_browser_phone_round import SMALL, join, participant, serious

pytestmark = pytest.mark.browser


def seated(pages, cafe, name, kind=PHONE, locale="fr-FR"):
    """A phone joined under `name` and seated at the café's table."""
    phone = join(pages, cafe["body"]["links"]["join"], name, kind=kind, locale=locale)
    phone.locator(".table-choice button").first.click()
    expect(phone.locator("#table")).to_be_visible()
    return phone


@pytest.fixture
def table(driven_cafe, pages):
    """Anna hosts the table (a 390 px phone, in English), Paul sits there (360 px, French)."""
    cafe = driven_cafe
    cafe["anna"] = seated(pages, cafe, "Anna", locale="en-GB")
    cafe["paul"] = seated(pages, cafe, "Paul", kind=SMALL)
    anna = participant(cafe, "Anna")
    hosted = {"table": cafe["table"]["id"], "host": anna["id"]}
    assert cafe["console"].call("table_update", hosted)["ok"]
    expect(cafe["anna"].locator("#host-tools")).to_be_visible()
    return cafe


def post(phone, text):
    phone.fill("#f-note", text)
    phone.click("#compose .send")


def test_written_alone_until_the_host_reveals_the_table(table):
    anna, paul = table["anna"], table["paul"]
    assert table["console"].call("writing_set", {"private": True})["ok"]
    expect(anna.locator("#writing-alone")).to_contain_text("only you see your notes")
    expect(anna.locator("#reveal-table")).to_be_visible()  # she hosts the table
    expect(paul.locator("#writing-alone")).to_be_visible()
    expect(paul.locator("#reveal-table")).to_be_hidden()
    post(paul, "Un texte que personne ne doit lire")
    mine = paul.locator(".note", has_text="Un texte que personne")
    expect(mine.locator(".only-you")).to_be_visible()
    expect(mine.locator(".reactions")).to_have_count(0)  # nothing to react to yet
    expect(anna.locator("#written-count")).to_have_text("1 note written at this table")
    expect(paul.locator("#written-count")).to_have_text("1 note écrite à cette table")
    expect(mine.locator(".only-you")).to_have_text("vous seul")
    post(anna, "Anna's own idea")
    expect(anna.locator("#written-count")).to_have_text("2 notes written at this table")
    assert "personne" not in anna.locator("#board").inner_text()
    anna.screenshot(path=str(ROOT / "test-artifacts" / "phone-written-alone.png"))
    assert serious(anna) == []
    assert serious(paul) == []
    anna.click("#reveal-table")
    expect(anna.locator("#writing-alone")).to_be_hidden()
    expect(anna.locator(".note", has_text="Un texte que personne")).to_be_visible()
    expect(paul.locator(".note", has_text="Anna's own idea")).to_be_visible()
    expect(paul.locator(".only-you")).to_have_count(0)


def test_reactions_one_tap_gives_another_takes_back(table):
    anna, paul = table["anna"], table["paul"]
    post(anna, "Share the tools")
    note = paul.locator(".note", has_text="Share the tools")
    plus = note.locator(".reaction[data-reaction='+1']")
    expect(plus).to_have_attribute("aria-pressed", "false")
    plus.click()
    expect(plus).to_have_attribute("aria-pressed", "true")
    expect(plus).to_have_attribute("aria-label", "D’accord\u202f: 1")  # his phone is French
    expect(plus).to_be_focused()  # the button tapped stays, with the focus
    theirs = anna.locator(".note", has_text="Share the tools")
    expect(theirs.locator(".reaction[data-reaction='+1'] .reaction-count")).to_have_text("1")
    theirs.locator(".reaction[data-reaction='heart']").click()
    expect(note.locator(".reaction[data-reaction='heart'] .reaction-count")).to_have_text("1")
    heart = theirs.locator(".reaction[data-reaction='heart']")
    expect(heart).to_have_attribute("aria-label", "Love it: 1")
    plus.click()  # taken back
    expect(plus).to_have_attribute("aria-pressed", "false")
    expect(theirs.locator(".reaction[data-reaction='+1'] .reaction-count")).to_have_text("")
    box = plus.bounding_box()
    assert box["height"] >= 44 and box["width"] >= 44, box
    paul.screenshot(path=str(ROOT / "test-artifacts" / "phone-reactions.png"))
    assert serious(paul) == []


def test_done_and_a_raised_hand_reach_the_host_and_reset_each_round(table):
    anna, paul = table["anna"], table["paul"]
    console = table["console"]
    expect(paul.locator("#status-done")).to_have_text("J’ai fini")
    paul.click("#status-done")
    expect(paul.locator("#status-done")).to_have_attribute("aria-pressed", "true")
    expect(paul.locator("#status-done")).to_have_text("Fini ✓")
    paul.click("#status-hand")
    expect(paul.locator("#status-hand")).to_have_attribute("aria-pressed", "true")
    pid = participant(table, "Paul")["id"]
    statuses = console.call("sync", {})["snapshot"]["statuses"]
    assert statuses[pid] == {"done": True, "hand": True}
    # The host sees who is here, who is done, whose hand is up (asked every few seconds).
    here = anna.locator("#here")
    expect(here).to_be_visible()
    expect(anna.locator("#here-title")).to_have_text("At the table now: 2 (1 done)")
    paul_here = anna.locator("#here-list li", has_text="Paul")
    expect(paul_here).to_contain_text(re.compile("hand raised.*finished"))
    assert serious(anna) == []
    # The console lowers the hand: the phone follows.
    assert console.call("status_set", {"participant": pid, "hand": False})["ok"]
    expect(paul.locator("#status-hand")).to_have_attribute("aria-pressed", "false")
    expect(paul.locator("#status-done")).to_have_attribute("aria-pressed", "true")


def test_a_note_waiting_for_review_then_hidden_leaves_the_board(table):
    anna, paul = table["anna"], table["paul"]
    console = table["console"]
    assert console.call("settings_update", {"review_anonymous": True})["ok"]
    paul.fill("#f-note", "Une critique franche")
    paul.check("#f-anonymous")
    paul.click("#compose .send")
    mine = paul.locator(".note", has_text="Une critique franche")
    expect(mine.locator(".in-review")).to_have_text("en attente de relecture")
    expect(anna.locator(".note")).to_have_count(0)
    notes = console.call("sync", {})["snapshot"]["notes"]
    note = next(n for n in notes if n["text"] == "Une critique franche")
    assert note["author"] is None
    assert console.call("note_moderate", {"table": note["table"], "id": note["id"],
                                          "visibility": "public"})["ok"]
    expect(anna.locator(".note", has_text="Une critique franche")).to_be_visible()
    expect(mine.locator(".in-review")).to_have_count(0)
    assert console.call("note_moderate", {"table": note["table"], "id": note["id"],
                                          "visibility": "hidden"})["ok"]
    expect(anna.locator(".note", has_text="Une critique franche")).to_have_count(0)
    expect(paul.locator(".note", has_text="Une critique franche")).to_have_count(0)


def test_the_screen_counts_notes_written_alone_and_heads_never_the_text(table, pages):
    anna, paul, console = table["anna"], table["paul"], table["console"]
    screen = pages.open(table["body"]["links"]["screen"],
                        {"viewport": {"width": 1280, "height": 720}}, locale="en-GB")
    column = screen.locator("#columns .column").first
    expect(column.locator(".column-meta")).to_contain_text("2")  # Anna and Paul are there
    assert console.call("writing_set", {"private": True})["ok"]
    post(paul, "Secret de Paul")
    expect(column.locator(".column-written")).to_contain_text("1")
    assert "Secret de Paul" not in screen.locator("main").inner_text()
    screen.screenshot(path=str(ROOT / "test-artifacts" / "screen-written-alone.png"))
    anna.click("#reveal-table")
    expect(column.locator(".screen-note", has_text="Secret de Paul")).to_be_visible()
    expect(column.locator(".column-written")).to_be_hidden()
    notes = console.call("sync", {})["snapshot"]["notes"]
    note = next(n for n in notes if n["text"] == "Secret de Paul")
    assert console.call("note_moderate", {"table": note["table"], "id": note["id"],
                                          "visibility": "hidden"})["ok"]
    expect(column.locator(".screen-note", has_text="Secret de Paul")).to_have_count(0)


def test_the_host_writes_for_someone_without_a_phone(table):
    anna, paul, console = table["anna"], table["paul"], table["console"]
    expect(paul.locator("#scribe")).to_be_hidden()  # only who tends the table
    anna.click("#scribe summary")
    anna.fill("#f-scribe-name", "Jeanne")
    anna.click("#scribe-add button[type=submit]")
    expect(anna.locator("#f-scribe-for")).to_have_value(re.compile(".+"))
    expect(anna.locator("#writing-for")).to_have_text("Writing for Jeanne")
    assert serious(anna) == []
    post(anna, "Jeanne's idea, written by Anna")
    note = paul.locator(".note", has_text="Jeanne's idea")
    expect(note.locator(".author")).to_have_text("Jeanne")
    notes = console.call("sync", {})["snapshot"]["notes"]
    written = next(n for n in notes if n["text"].startswith("Jeanne's idea"))
    assert written["author_name"] == "Jeanne"
    anna.select_option("#f-scribe-for", "")  # back to writing as herself
    expect(anna.locator("#writing-for")).to_be_hidden()
    post(anna, "Anna again")
    expect(paul.locator(".note", has_text="Anna again").locator(".author")).to_have_text("Anna")


def test_the_host_gives_dots_for_someone_without_a_phone(table):
    anna, console = table["anna"], table["console"]
    added = console.call("participant_add", {"name": "Jeanne", "table": table["table"]["id"]})
    assert added["ok"] and added["seat"] == table["table"]["id"]
    post(anna, "An idea worth a dot")
    expect(table["paul"].locator(".note", has_text="An idea worth a dot")).to_be_visible()
    assert console.call("voting_open", {"budget": 5, "cap": 3})["ok"]
    expect(anna.locator("#vote")).to_be_visible()
    expect(anna.locator("#vote-for")).to_be_visible()
    expect(table["paul"].locator("#vote-for")).to_be_hidden()  # he writes for nobody
    anna.select_option("#f-vote-for", label="Jeanne")
    row = anna.locator("#vote-for-notes li", has_text="An idea worth a dot")
    row.locator(".give").click()
    expect(anna.locator("#vote-for-left")).to_have_text("Jeanne: 4 of 5 dots left")
    expect(row.locator(".my-dots")).to_have_text("●")
    expect(anna.locator("#dots-left")).to_contain_text("●●●●●")  # her own dots are untouched
    assert serious(anna) == []
    people = console.call("people_without_phone", {})["people"]
    assert sum(next(p for p in people if p["name"] == "Jeanne")["dots"].values()) == 1


def test_a_rapporteur_supports_topics_for_someone_without_a_phone(live_server, pages):
    import requests
    import socketio

    from .conftest import REFERENCE

    body = requests.post(live_server.url + "/api/workshops", json=REFERENCE, timeout=5).json()
    console = socketio.Client()
    console.connect(live_server.url, auth={"code": body["workshop"]["code"], "role": "console",
                                           "key": body["console_key"]},
                    transports=["websocket"])
    try:
        alexia = join(pages, body["links"]["join"], "Alexia", kind=SMALL)
        cafe = {"console": console}
        role = {"participant": participant(cafe, "Alexia")["id"], "role": "rapporteur"}
        assert console.call("participant_role", role)["ok"]
        assert console.call("participant_add", {"name": "Jeanne"})["ok"]
        assert console.call("phase_set", {"phase": "forum"})["ok"]
        assert console.call("topic_propose", {"title": "Mutualiser les achats"})["ok"]
        expect(alexia.locator("#support-for")).to_be_visible()
        alexia.select_option("#f-support-for", label="Jeanne")
        row = alexia.locator("#support-for-list li", has_text="Mutualiser les achats")
        row.locator("button").click()
        expect(row.locator("button")).to_have_attribute("aria-pressed", "true")
        expect(alexia.locator("#support-for-left")).to_contain_text("Jeanne")
        expect(alexia.locator("#support-for-left")).to_contain_text("2")
        assert serious(alexia) == []
        topics = console.call("sync", {})["snapshot"]["topics"]
        assert topics[0]["supporters"] == 1
        # Her own support is untouched.
        card = alexia.locator(".topic-card", has_text="Mutualiser les achats")
        expect(card).not_to_have_class(re.compile("supported"))
    finally:
        console.disconnect()


def test_an_authors_own_unseen_notes_take_no_dot(table):
    """A note only its author sees (waiting for review, hidden) is not offered to the
    vote on their phone: the server would refuse the dot."""
    paul, console = table["paul"], table["console"]
    assert console.call("settings_update", {"review_anonymous": True})["ok"]
    for text in ["Une note en attente", "Une note qui sera masquée"]:
        paul.fill("#f-note", text)
        paul.check("#f-anonymous")
        paul.click("#compose .send")
        expect(paul.locator(".note", has_text=text).locator(".in-review")).to_be_visible()
    notes = console.call("sync", {})["snapshot"]["notes"]
    hidden = next(n for n in notes if n["text"] == "Une note qui sera masquée")
    assert console.call("note_moderate", {"table": hidden["table"], "id": hidden["id"],
                                          "visibility": "hidden"})["ok"]
    post(table["anna"], "A note on the wall")
    assert console.call("voting_open", {"budget": 5, "cap": 3})["ok"]
    expect(paul.locator("#vote")).to_be_visible()
    expect(paul.locator(".vote-note", has_text="A note on the wall")).to_have_count(1)
    expect(paul.locator(".vote-note")).to_have_count(1)
