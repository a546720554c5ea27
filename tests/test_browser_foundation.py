"""In Chromium: a facilitator creates a workshop and watches phones join it live."""

import re

import pytest
import requests
from playwright.sync_api import expect

from .browser import PHONE, SCREEN
from .conftest import REFERENCE

pytestmark = pytest.mark.browser


def create(live_server) -> dict:
    return requests.post(live_server.url + "/api/workshops", json=REFERENCE, timeout=5).json()


def join(phone, name: str, organisation: str):
    phone.fill("#f-name", name)
    phone.fill("#f-organisation", organisation)
    phone.click("#join-button")
    expect(phone.locator("#welcome")).to_contain_text(name)


def test_the_facilitator_creates_a_workshop_from_the_home_page(live_server, pages):
    home = pages.open(live_server.url + "/", {"viewport": {"width": 1280, "height": 900}})
    home.fill("#f-theme", "Atelier Coopération Inter-entreprise")
    home.fill("#f-place", "ES Energie")
    home.fill("#f-organisations", "ATE Conseil, C-L'Org, Latitude")
    home.fill("#f-animators", "Claire, Alexia")
    home.click("#create button[type=submit]")
    home.wait_for_url(re.compile(r"/console/[A-Z2-9]{6}#key="))
    expect(home.locator("#secret-banner")).to_be_visible()
    expect(home.locator("#f-place")).to_have_value("ES Energie")
    expect(home.locator("#stepper li.current")).to_contain_text("Préparation")
    # The home page remembers the console on this device.
    home.goto(live_server.url + "/")
    expect(home.locator("#mine-list li")).to_contain_text("Atelier Coopération")


def test_the_form_says_what_to_fix_next_to_the_field(live_server, pages):
    home = pages.open(live_server.url + "/", {"viewport": {"width": 1280, "height": 900}})
    home.click("#create button[type=submit]")
    expect(home.locator('[data-field="theme"] .field-error')).to_have_text(
        "Ce champ ne peut pas être vide.")
    expect(home.locator("#f-theme")).to_have_attribute("aria-invalid", "true")


def test_a_phone_joins_and_the_screen_shows_it_live(live_server, pages):
    body = create(live_server)
    screen = pages.open(body["links"]["screen"], SCREEN)
    expect(screen.locator("#status")).to_have_attribute("data-status", "online")
    expect(screen.locator(".join-code-big")).to_have_text(body["workshop"]["code"])
    expect(screen.locator(".qr img")).to_have_js_property("complete", True)
    assert screen.locator(".qr img").evaluate("img => img.naturalWidth") > 100

    phone = pages.open(body["links"]["join"], PHONE)
    expect(phone.locator("#join")).to_be_visible()
    join(phone, "Claire", "Latitude")
    expect(screen.locator(".chip.person")).to_have_text(["Claire"], timeout=1000)
    expect(screen.locator(".org-group h3")).to_have_text(["Latitude"])
    expect(screen.locator("#people-count")).to_have_text("1 personne présente")

    # Closing and reopening the browser: the same participant, not a second one.
    context = phone.context
    phone.close()
    again = context.new_page()
    again.goto(body["links"]["join"])
    expect(again.locator("#welcome")).to_have_text("Bienvenue, Claire.")
    expect(again.locator("#join")).to_be_hidden()
    screen.wait_for_timeout(300)
    expect(screen.locator(".chip.person")).to_have_count(1)


def test_the_console_drives_every_page_live(live_server, pages):
    body = create(live_server)
    console = pages.open(body["links"]["console"], {"viewport": {"width": 1440, "height": 900}})
    screen = pages.open(body["links"]["screen"], SCREEN)
    phone = pages.open(body["links"]["join"], PHONE)
    join(phone, "<img src=x onerror=alert(1)>", "Via Storia")
    # Typed text is shown as text, never as HTML.
    row = console.locator("#people tbody tr")
    expect(row.locator(".name")).to_have_text("<img src=x onerror=alert(1)>")
    expect(screen.locator(".chip.person")).to_have_text(["<img src=x onerror=alert(1)>"])
    assert screen.locator(".org-groups img").count() == 0

    row.locator("select.role").select_option("rapporteur")
    expect(phone.locator("#me-role")).to_have_text("Rapporteur·rice")

    console.once("dialog", lambda d: d.accept())
    console.click("#phase-next")
    expect(console.locator("#stepper li.current")).to_contain_text("Forum ouvert")
    for page in (screen, phone):
        expect(page.locator("#phase")).to_have_text("Forum ouvert")
    expect(phone.locator("#forum")).to_be_visible()

    console.fill("#f-theme", "Coopérer entre entreprises")
    console.click("#details button[type=submit]")
    expect(console.locator("#details-saved")).to_have_text("Enregistré")
    expect(screen.locator("#bar-theme")).to_have_text("Coopérer entre entreprises")

    console.once("dialog", lambda d: d.accept())
    row.locator("button").click()
    expect(phone.locator("#gone-text")).to_have_text("L’animation vous a retiré·e de cet atelier.")
    expect(console.locator("#people tbody tr")).to_have_count(0)
    expect(screen.locator("#forum-meta")).to_contain_text("Personne")


def test_deleting_the_workshop_closes_every_page(live_server, pages):
    body = create(live_server)
    code = body["workshop"]["code"]
    console = pages.open(body["links"]["console"], {"viewport": {"width": 1440, "height": 900}})
    screen = pages.open(body["links"]["screen"], SCREEN)
    expect(screen.locator("#status")).to_have_attribute("data-status", "online")
    console.evaluate("""(code) => localStorage.setItem("cafe.consoles", JSON.stringify(
      [{code, theme: "Ici", console: location.href}, {code: "AAAAAA", theme: "Autre"}]))""", code)
    console.fill("#delete-confirm", code.lower())
    console.once("dialog", lambda d: d.accept())
    console.click("#delete-form button")
    expect(console.locator("#gone-text")).to_have_text("L’atelier a été supprimé.")
    expect(screen.locator("#gone-text")).to_have_text("Cet atelier a été supprimé.")
    expect(console.locator("#details")).to_be_hidden()
    # The home page's list forgets it; no "did not answer" once the acknowledgement's wait
    # is over (the deletion cut the connection the acknowledgement would have come by).
    assert console.evaluate("JSON.parse(localStorage.getItem('cafe.consoles'))") == [
        {"code": "AAAAAA", "theme": "Autre"}]
    console.wait_for_timeout(8500)
    expect(console.locator("#delete-error")).to_have_text("")
    assert requests.get(f"{live_server.url}/api/workshops/{code}", timeout=5).status_code == 404


def test_a_forged_console_link_is_refused(live_server, pages):
    body = create(live_server)
    url = body["links"]["console"].split("#")[0] + "#key=forged"
    console = pages.open(url, {"viewport": {"width": 1440, "height": 900}})
    expect(console.locator("#refused")).to_contain_text("n’est pas valide")
    expect(console.locator(".panel").first).to_be_hidden()


def test_the_interface_speaks_english_on_request(live_server, pages):
    body = create(live_server)
    phone = pages.open(body["links"]["join"] + "?lang=en", PHONE, locale="en-GB")
    expect(phone.locator("#join-button")).to_have_text("Join")
    join(phone, "Claire", "Latitude")
    expect(phone.locator("#welcome")).to_have_text("Welcome, Claire.")
    expect(phone.locator("#phase")).to_have_text("Getting ready")


def test_two_consoles_editing_different_details_keep_both(live_server, pages):
    body = create(live_server)
    size = {"viewport": {"width": 1440, "height": 900}}
    first, second = (pages.open(body["links"]["console"], size) for _ in range(2))
    for console in (first, second):
        expect(console.locator("#status")).to_have_attribute("data-status", "online")
    first.fill("#details #f-place", "Salle du conseil")  # typed, not saved yet
    second.fill("#details #f-theme", "Coopérer entre entreprises")
    second.click("#details button[type=submit]")
    expect(first.locator("#details #f-theme")).to_have_value("Coopérer entre entreprises")
    expect(first.locator("#details #f-place")).to_have_value("Salle du conseil")
    first.click("#details button[type=submit]")
    expect(first.locator("#details-saved")).to_have_text("Enregistré")
    second.reload()  # what is stored
    expect(second.locator("#details #f-theme")).to_have_value("Coopérer entre entreprises")
    expect(second.locator("#details #f-place")).to_have_value("Salle du conseil")


def test_a_title_typed_while_the_last_one_saves_is_kept(live_server, pages):
    body = create(live_server)
    console = pages.open(body["links"]["console"], {"viewport": {"width": 1440, "height": 900}})
    expect(console.locator("#status")).to_have_attribute("data-status", "online")
    console.evaluate("""() => {
      const form = document.querySelector("#table-add");
      form.elements.title.value = "Coopération dans les services";
      form.requestSubmit();  // sent; its acknowledgement comes later
      form.elements.title.value = "Mutualisation";  // the next one, typed meanwhile
    }""")
    expect(console.locator("#tables tbody tr")).to_have_count(1)
    expect(console.locator("#f-table-title")).to_have_value("Mutualisation")
