"""In Chromium: the facilitator's console on a laptop, in French and in English."""

import re

import pytest
import requests
import socketio
from playwright.sync_api import expect

from .browser import PHONE, SCREEN
from .conftest import REFERENCE

pytestmark = pytest.mark.browser
LAPTOPS = [{"viewport": {"width": 1366, "height": 768}},
           {"viewport": {"width": 1280, "height": 720}}]


def test_an_english_facilitator_gets_an_english_workshop_in_their_time_zone(live_server,
                                                                            pages):
    home = pages.open(live_server.url + "/", {**LAPTOPS[0], "timezone_id": "Asia/Tokyo"},
                      locale="en-GB")
    expect(home.locator("#f-language")).to_have_value("en")
    expect(home.locator("#f-timezone")).to_have_value("Asia/Tokyo")
    home.fill("#f-theme", "Cooperation between companies")
    home.click("#create button[type=submit]")
    home.wait_for_url(re.compile(r"/console/[A-Z2-9]{6}#key="))
    expect(home.locator("#workshop-language")).to_have_text("Workshop in English")
    expect(home.locator("#f-timezone")).to_have_value("Asia/Tokyo")
    join = home.locator("#copy-join").get_attribute("data-copy")
    phone = pages.open(join, PHONE, locale="fr-FR")
    # A French phone speaks French around the workshop's English content.
    expect(phone.locator("html")).to_have_attribute("data-content-lang", "en")
    expect(phone.locator("html")).to_have_attribute("lang", "fr")
    # Switching the workshop to French in the details says so at once.
    home.select_option("#f-language", "fr")
    home.click("#details button[type=submit]")
    expect(home.locator("#workshop-language")).to_have_text("Workshop in French")


def drive(live_server, language: str = "fr", people: int = 4, titles=("Coopération", "Synergie")):
    """A workshop made over the API with people and tables, and its console as a Socket.IO
    client: (creation answer, console client, participants)."""
    body = requests.post(live_server.url + "/api/workshops",
                         json={**REFERENCE, "language": language}, timeout=5).json()
    code = body["workshop"]["code"]
    client = socketio.Client()
    client.connect(live_server.url, auth={"code": code, "role": "console",
                                         "key": body["console_key"]}, transports=["websocket"])
    joined = [requests.post(f"{live_server.url}/api/workshops/{code}/participants",
                            json={"name": name, "organisation": f"Org {i % 3}"},
                            timeout=5).json()
              for i, name in enumerate(["Claire", "Alexia", "Philippe", "Christine",
                                        "Paul", "Marie", "Hugo", "Nadia", "Marc", "Julie",
                                        "Thomas", "Émilie"][:people])]
    for title in titles:
        assert client.call("table_add", {"title": title})["ok"]
    return body, client, joined


def phone_of(pages, body, joined):
    """A phone page already joined, from its token."""
    phone = pages.open(body["links"]["join"], PHONE)
    phone.evaluate("([code, token]) => localStorage.setItem(`cafe.token.${code}`, token)",
                   [body["workshop"]["code"], joined["token"]])
    phone.reload()
    return phone


def test_the_primary_button_walks_plan_show_start_in_a_sticky_bar(live_server, pages):
    body, client, joined = drive(live_server)
    for phase in ("forum", "cafe"):
        assert client.call("phase_set", {"phase": phase})["ok"]
    console = pages.open(body["links"]["console"], LAPTOPS[0])
    screen = pages.open(body["links"]["screen"], SCREEN)
    phones = [phone_of(pages, body, j) for j in joined[:2]]
    step = console.locator("#next-action")
    expect(console.locator("#phase")).to_have_text("World Café")
    expect(step).to_have_text("Planifier les tours")
    expect(console.locator("#round-start")).to_have_text("Planifier les tours")
    step.click()
    expect(console.locator("#plan tbody tr")).to_have_count(4)
    # A draft: nobody is told anything yet, and no round can start from the console.
    expect(step).to_have_text("Montrer à chacun sa table pour le tour 1")
    expect(console.locator("#seating-status")).to_contain_text("seule cette console")
    for phone in phones:
        expect(phone.locator("#choose")).to_be_visible()
    expect(screen.locator("body")).not_to_have_attribute("data-view", "seating")
    # However far down the facilitator is, the bar and its next step stay in view.
    console.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    bar = console.locator("#console-bar").bounding_box()
    assert bar["y"] == 0 and console.evaluate("window.scrollY") > 500
    step.click()
    for phone in phones:
        expect(phone.locator("#goto")).to_be_visible()
        expect(phone.locator("#goto-round")).to_have_text("Tour 1")
    expect(screen.locator("#seating-heading")).to_have_text("Tour 1 : trouvez votre table")
    expect(step).to_have_text("Lancer le tour 1")
    step.click()
    for phone in phones:
        expect(phone.locator("#table")).to_be_visible()
    expect(console.locator("#bar-round")).to_contain_text("Tour 1/3")
    expect(console.locator("#bar-round [data-clock]")).to_have_text(re.compile(r"^\d+:\d\d$"))
    expect(step).to_have_text("Terminer le tour 1")
    console.once("dialog", lambda dialog: dialog.accept())
    step.click()
    for phone in phones:
        expect(phone.locator("#goto-round")).to_have_text("Tour 2")
    expect(step).to_have_text("Lancer le tour 2")  # shown already: the phones say where
    # With "end each round on time", the server ends a round at 0:00 by itself.
    console.check("#auto-end")
    step.click()
    expect(step).to_have_text("Terminer le tour 2")
    assert client.call("sync")["snapshot"]["workshop"]["settings"]["auto_end_rounds"] is True
    console.close()  # the laptop is closed
    assert client.call("round_extend", {"minutes": -20})["ok"]
    for phone in phones:
        expect(phone.locator("#goto-round")).to_have_text("Tour 3")
    client.disconnect()


SPLIT = """(selector) => [...document.querySelectorAll(selector)]
  .filter((el) => el.offsetParent !== null)
  .flatMap((el) => [...el.childNodes].filter((n) => n.nodeType === 3 && n.textContent.trim())
    .filter((n) => {
      const range = document.createRange();
      range.selectNodeContents(n);
      return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size > 1;
    }).map((n) => n.textContent.trim()))"""


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_console_fits_a_laptop_without_sideways_scroll(live_server, pages, language):
    long_titles = ["La coopération inter-entreprise pour les entreprises de services",
                   "Complémentarités des compétences entre deux entreprises (synergie)",
                   "Mutualisation des compétences avec une culture partagée"]
    body, client, _ = drive(live_server, language, people=12, titles=long_titles)
    consoles = [pages.open(body["links"]["console"] + "", size,
                           locale="fr-FR" if language == "fr" else "en-GB") for size in LAPTOPS]
    for phase in ("setup", "forum", "cafe", "harvest", "closed"):
        if phase != "setup":
            assert client.call("phase_set", {"phase": phase})["ok"]
        if phase == "cafe":
            assert client.call("rounds_configure", {"count": 12, "minutes": 20})["ok"]
            assert client.call("seating_show")["ok"] and client.call("round_start")["ok"]
        for console in consoles:
            expect(console.locator("#stepper li.current")).to_have_attribute("data-phase", phase)
            width = console.viewport_size["width"]
            assert console.evaluate("document.scrollingElement.scrollWidth") <= width, (
                phase, width)
            broken = console.evaluate(SPLIT, ".console th, .console .settings-row label")
            assert broken == [], (phase, width, broken)
    client.disconnect()


def test_a_rapporteur_typed_in_the_details_is_offered_the_role(live_server, pages):
    body, client, _ = drive(live_server, people=2)
    console = pages.open(body["links"]["console"], LAPTOPS[1])
    field = console.locator("#f-rapporteurs")
    field.fill("claire, Paul")
    matches = console.locator("#rapporteur-matches li")
    expect(matches).to_have_count(2)
    expect(matches.nth(1)).to_contain_text("personne de ce nom")
    expect(matches.nth(1).locator("button")).to_be_hidden()
    give = matches.nth(0).get_by_role("button", name="Donner à Claire le rôle de rapporteur·rice")
    give.click()
    expect(matches.nth(0)).to_contain_text("Claire écrit la synthèse depuis son téléphone.")
    claire = console.locator("#people tbody tr", has_text="Claire")
    expect(claire.locator("select.role")).to_have_value("rapporteur")
    client.disconnect()
