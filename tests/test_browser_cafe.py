"""In Chromium: from the open forum to sticky notes, with one screen and three phones."""

import re

import pytest
import requests
from playwright.sync_api import expect

from .browser import PHONE, SCREEN
from .conftest import REFERENCE
from .helpers import ROOT

pytestmark = pytest.mark.browser
CONSOLE = {"viewport": {"width": 1440, "height": 1000}}


def accept_next_dialog(page):
    page.once("dialog", lambda dialog: dialog.accept())


def join(pages, link, name, organisation):
    phone = pages.open(link, PHONE)
    phone.fill("#f-name", name)
    phone.fill("#f-organisation", organisation)
    phone.click("#join-button")
    expect(phone.locator("#welcome")).to_contain_text(name)
    return phone


def post(phone, text):
    phone.fill("#f-note", text)
    phone.click("#compose .send")


@pytest.fixture
def cafe(live_server, pages):
    """A workshop in the café phase: three tables, Claire hosting table 1."""
    body = requests.post(live_server.url + "/api/workshops", json=REFERENCE, timeout=5).json()
    links = body["links"]
    console = pages.open(links["console"], CONSOLE)
    screen = pages.open(links["screen"], SCREEN)
    phones = [join(pages, links["join"], name, org) for name, org in
              [("Claire", "Latitude"), ("Alexia", "C-L'Org"), ("Philippe", "ATE Conseil")]]
    accept_next_dialog(console)
    console.click("#phase-next")
    topics = ["Coopération dans les services", "Synergie des compétences",
              "Mutualisation avec une culture partagée"]
    for phone, title in zip(phones, topics, strict=True):
        expect(phone.locator("#forum")).to_be_visible()
        phone.fill("#f-title", title)
        phone.click("#propose-form button[type=submit]")
    expect(screen.locator(".wall-card")).to_have_count(3)
    for phone in phones:
        expect(phone.locator(".topic-card")).to_have_count(3)
    # Everyone supports the topic they did not propose last: supports change the wall.
    phones[0].locator(".topic-card", has_text="Mutualisation").locator("button").click()
    expect(screen.locator(".wall-card", has_text="Mutualisation")).to_contain_text("1 soutien")
    expect(phones[0].locator("#budget")).to_have_text("Vos soutiens : ●○○")
    console.click("#keep")
    expect(console.locator("#tables tbody tr")).to_have_count(3)
    first = console.locator("#tables tbody tr").first
    first.locator("select.host").select_option(label="Claire")
    expect(phones[0].locator("#kept-list li.mine")).to_have_count(1)
    accept_next_dialog(console)
    console.click("#phase-next")
    expect(phones[0].locator("#table")).to_be_visible()  # the host sits at their table
    for phone, index in [(phones[1], 0), (phones[2], 1)]:
        expect(phone.locator("#choose")).to_be_visible()
        phone.locator(".table-choice button").nth(index).click()
        expect(phone.locator("#table")).to_be_visible()
    return {"console": console, "screen": screen, "phones": phones, "links": links}


def test_from_the_forum_to_notes_under_questions(cafe):
    claire, alexia, philippe = cafe["phones"]
    screen = cafe["screen"]
    title = claire.locator("#table-title").inner_text()
    expect(alexia.locator("#table-title")).to_have_text(title)
    claire.fill("#f-question-text", "Comment se fait cette coopération ?")
    claire.click("#question-form button")
    expect(alexia.locator("#f-note-question option")).to_have_count(2)
    alexia.fill("#f-note", "Par le partage des bonnes pratiques")  # opens the composer
    alexia.select_option("#f-note-question", label="Comment se fait cette coopération ?")
    alexia.click("#compose .send")
    post(claire, "Il faut un leader efficace")
    post(philippe, "Recouvrement des métiers")
    column = screen.locator(".column", has_text=title)
    expect(column.locator(".column-group", has_text="Comment se fait")).to_contain_text(
        "Par le partage des bonnes pratiques")
    expect(column.locator(".screen-note")).to_have_count(2)
    expect(screen.locator(".screen-note", has_text="Recouvrement des métiers")).to_have_count(1)
    # A phone sees its own table's board only.
    expect(claire.locator(".note")).to_have_count(2)
    expect(philippe.locator(".note")).to_have_count(1)
    expect(claire.locator(".note", has_text="Par le partage")).to_contain_text("Alexia")
    # The host tidies: edits someone else's note; the screen follows.
    claire.locator(".note", has_text="Par le partage").get_by_role(
        "button", name=re.compile("^Modifier")).click()
    claire.locator(".note-editor textarea").fill("Par le partage des bonnes pratiques précises")
    claire.locator(".note-editor button.primary").click()
    expect(column).to_contain_text("bonnes pratiques précises")
    first_row = cafe["console"].locator("#tables tbody tr").first
    expect(first_row.locator(".notes-cell")).to_have_text("2")


def test_notes_written_offline_arrive_once_when_the_phone_is_back(cafe):
    alexia = cafe["phones"][1]
    screen = cafe["screen"]
    alexia.context.set_offline(True)
    expect(alexia.locator("#status")).to_have_attribute("data-status", "reconnecting")
    post(alexia, "Écrit dans l'ascenseur")
    post(alexia, "Écrit sans réseau")
    expect(alexia.locator(".note.waiting")).to_have_count(2)
    expect(alexia.locator("#pending")).to_have_text("2 en attente")
    alexia.context.set_offline(False)
    expect(screen.locator(".screen-note", has_text="Écrit dans l'ascenseur")).to_have_count(
        1, timeout=15_000)
    expect(screen.locator(".screen-note", has_text="Écrit sans réseau")).to_have_count(1)
    expect(alexia.locator(".note.waiting")).to_have_count(0)
    expect(alexia.locator("#pending")).to_be_hidden()
    alexia.wait_for_timeout(1000)
    expect(screen.locator(".screen-note", has_text="Écrit")).to_have_count(2)


def test_notes_kept_on_a_closed_page_go_out_when_it_reopens(cafe):
    philippe = cafe["phones"][2]
    context = philippe.context
    context.set_offline(True)
    expect(philippe.locator("#status")).to_have_attribute("data-status", "reconnecting")
    post(philippe, "Gardé dans le téléphone")
    expect(philippe.locator(".note.waiting")).to_have_count(1)
    philippe.close()  # the battery dies, the browser is closed...
    context.set_offline(False)
    again = context.new_page()
    again.goto(cafe["links"]["join"])
    kept = cafe["screen"].locator(".screen-note", has_text="Gardé dans le téléphone")
    expect(kept).to_have_count(1, timeout=15_000)
    expect(again.locator(".note", has_text="Gardé dans le téléphone")).not_to_have_class("waiting")


def test_the_post_button_says_when_a_note_goes_out_anonymously(driven_cafe, pages):
    phone = pages.open(driven_cafe["body"]["links"]["join"], PHONE)
    phone.fill("#f-name", "Dmitri")
    phone.click("#join-button")
    phone.locator(".table-choice button").first.click()
    send = phone.locator("#compose .send")
    expect(send).to_have_text("Publier")
    phone.click("#f-note")  # the composer opens with its choices
    phone.check("#f-anonymous")
    expect(send).to_have_text("Publier anonymement")
    phone.fill("#f-note", "Une idée sans nom")
    send.click()
    expect(phone.locator(".note", has_text="Une idée sans nom")).to_contain_text("Anonyme")
    expect(send).to_have_text("Publier anonymement")  # the choice holds for the next
    phone.set_viewport_size({"width": 360, "height": 740})  # the longer label still fits
    phone.screenshot(path=str(ROOT / "test-artifacts" / "phone-anonymous-360.png"))
    assert phone.evaluate("document.scrollingElement.scrollWidth") <= 360
    box = send.bounding_box()
    assert box["x"] + box["width"] <= 360 and box["height"] >= 44, box
    phone.click("#f-note")
    phone.uncheck("#f-anonymous")
    expect(send).to_have_text("Publier")
