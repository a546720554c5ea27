"""In Chromium: one screen and six phones through two timed rounds of the café."""

import re

import pytest
import requests
from playwright.sync_api import expect

from .browser import PHONE, SCREEN
from .conftest import REFERENCE

pytestmark = pytest.mark.browser
CONSOLE = {"viewport": {"width": 1440, "height": 1000}}
PEOPLE = [("Claire", "Latitude"), ("Alexia", "C-L'Org"), ("Philippe", "ATE Conseil"),
          ("Christine", "Via Storia"), ("Paul", "Latitude"), ("Marie", "ATE Conseil")]


def clock_seconds(text: str) -> int:
    minutes, seconds = text.split(":")
    return int(minutes) * 60 + int(seconds)


def test_two_timed_rounds_with_a_plan_a_countdown_and_the_digest(live_server, pages):
    body = requests.post(live_server.url + "/api/workshops", json=REFERENCE, timeout=5).json()
    links = body["links"]
    console = pages.open(links["console"], CONSOLE)
    screen = pages.open(links["screen"], SCREEN)
    phones = {}
    for name, org in PEOPLE:
        phone = pages.open(links["join"], PHONE)
        phone.fill("#f-name", name)
        phone.fill("#f-organisation", org)
        phone.click("#join-button")
        expect(phone.locator("#welcome")).to_contain_text(name)
        phones[name] = phone
    for title in ["Coopération dans les services", "Mutualisation des compétences"]:
        console.fill("#f-table-title", title)
        console.click("#table-add button")
    rows = console.locator("#tables tbody tr")
    expect(rows).to_have_count(2)
    for index, host in enumerate(["Claire", "Alexia"]):
        rows.nth(index).locator("select.host").select_option(label=host)
        expect(phones[host].locator("#me-name")).to_have_text(host)
    for _ in range(2):
        console.once("dialog", lambda dialog: dialog.accept())
        console.click("#phase-next")
    expect(console.locator("#stepper li.current")).to_contain_text("World Café")
    console.fill("#rounds-form input[name=count]", "2")
    console.fill("#rounds-form input[name=minutes]", "1")
    console.click("#rounds-form button[type=submit]")
    expect(console.locator("#plan tbody tr")).to_have_count(6)
    expect(console.locator("#plan-score")).to_contain_text("Rencontres répétées")

    def planned_table(name: str, number: int) -> str:
        row = console.locator("#plan tbody tr", has_text=name)
        return row.locator(f"select[data-round='{number}'] option:checked").inner_text()

    # The plan is the console's draft: the primary button shows it to everyone first.
    expect(console.locator("#round-start")).to_have_text("Montrer à chacun sa table pour le tour 1")
    console.click("#round-start")
    expect(console.locator("#round-start")).to_have_text("Lancer le tour 1")
    # Before round 1, every phone says where to go; the screen shows the seating.
    first = {name: planned_table(name, 1) for name, _ in PEOPLE}
    for name, phone in phones.items():
        expect(phone.locator("#goto-round")).to_have_text("Tour 1")
        expect(phone.locator("#goto-table")).to_have_text(f"→ Table {first[name]}")
    expect(screen.locator("#seating-heading")).to_have_text("Tour 1 : trouvez votre table")
    expect(screen.locator(".seat-names li")).to_have_count(6)
    expect(screen.locator(".seat-names li.host")).to_have_count(2)

    console.click("#round-start")
    for name, phone in phones.items():
        expect(phone.locator("#table")).to_be_visible()
        expect(phone.locator("#table-number")).to_contain_text(f"Table {first[name]}")
    clock = phones["Paul"].locator("#round-chip [data-clock]")
    expect(clock).to_have_text(re.compile(r"^[01]:\d\d$"))
    expect(screen.locator(".screen-clock")).to_have_text(re.compile(r"^[01]:\d\d$"))
    before = clock_seconds(clock.inner_text())
    phones["Paul"].wait_for_timeout(2200)
    assert 1 <= before - clock_seconds(clock.inner_text()) <= 4  # it counts down
    for name in ["Christine", "Paul", "Marie", "Philippe"]:
        phones[name].fill("#f-note", f"Idée de {name} au premier tour")
        phones[name].click("#compose .send")
    expect(screen.locator(".screen-note")).to_have_count(4)

    console.once("dialog", lambda dialog: dialog.accept())
    console.click("#round-end")
    second = {name: planned_table(name, 2) for name, _ in PEOPLE}
    for name, phone in phones.items():
        expect(phone.locator("#goto-round")).to_have_text("Tour 2")
        expect(phone.locator("#goto-table")).to_have_text(f"→ Table {second[name]}")
        expect(phone.locator("#goto-done")).to_have_text("Le tour 1 est terminé. Merci !")
        if name in ("Claire", "Alexia"):
            assert second[name] == first[name]  # hosts stay
        else:
            assert second[name] != first[name]  # travellers see a new table
    expect(screen.locator("#seating-heading")).to_have_text("Tour 2 : trouvez votre table")

    expect(console.locator("#round-start")).to_have_text("Lancer le tour 2")
    console.click("#round-start")
    host = phones["Claire"]
    expect(host.locator("#digest")).to_be_visible()
    expect(host.locator("#digest")).to_have_attribute("open", "")
    written_there = [n for n in ["Christine", "Paul", "Marie", "Philippe"]
                     if first[n] == first["Claire"]]
    expect(host.locator("#digest-title")).to_have_text(
        f"Déjà écrit à cette table ({len(written_there)})")
    expect(host.locator("#digest .note")).to_have_count(len(written_there))
    expect(host.locator("#board .note")).to_have_count(0)
    expect(screen.locator(".column-earlier").first).to_contain_text("tours précédents")
