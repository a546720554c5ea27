"""The door in Chromium: a public instance's key, the facilitator letting a phone in,
a scripted burst held and turned away, a prank swept, and the screen's waiting count."""

import re

import pytest
import requests
import socketio
from playwright.sync_api import expect

from server.cli.embedded import free_port

from .browser import PHONE, SCREEN, axe_serious
from .helpers import ServerProcess

LAPTOP = {"viewport": {"width": 1280, "height": 720}}
SMALL = {**PHONE, "viewport": {"width": 360, "height": 640}}
KEY = "door-key-for-tests"


@pytest.fixture(scope="module")
def door_server(tmp_path_factory):
    """A public instance: a key to create, and the door's pace, small enough to see (20
    joins from one address at once, then 2 a second)."""
    env = {"CAFE_DATA_DIR": str(tmp_path_factory.mktemp("door")), "CAFE_CREATE_KEY": KEY,
           "CAFE_JOIN_RATE": "2/20"}
    server = ServerProcess(free_port(), env).start()
    yield server
    server.stop()


def create_from_home(pages, server) -> tuple:
    home = pages.open(server.url + "/", LAPTOP, locale="en-GB")
    home.fill("#f-theme", "Cooperation between companies")
    home.click("#create button[type=submit]")
    expect(home.locator("[data-field=create_key] .field-error")).to_contain_text("key")
    home.fill("#f-create_key", KEY)
    home.click("#create button[type=submit]")
    home.wait_for_url(re.compile(r"/console/[A-Z2-9]{6}#key="))
    return home, home.url


def test_the_facilitator_lets_a_phone_in_and_holds_a_script_back(door_server, pages):
    console, url = create_from_home(pages, door_server)
    code = re.search(r"/console/([A-Z2-9]{6})", url).group(1)
    key = url.split("#key=")[1]
    console.get_by_label("Each newcomer, once I let them in").check()
    expect(console.locator("#lobby-empty")).to_have_text("Nobody waits at the door.")
    screen_link = console.locator("#open-screen").get_attribute("href")
    screen = pages.open(screen_link, {"viewport": {"width": 1280, "height": 720}},
                        locale="en-GB")

    phone = pages.open(f"{door_server.url}/j/{code}", SMALL, locale="fr-FR")
    phone.fill("#f-name", "Claire")
    phone.fill("#f-organisation", "Latitude")
    phone.click("#join-button")
    expect(phone.locator("#door")).to_be_visible()
    expect(phone.locator("#door-title")).to_have_text("Vous êtes à la porte")
    expect(screen.locator("#door-waiting")).to_have_text("· 1 waiting at the door")
    entry = console.locator("#lobby li", has_text="Claire")
    expect(entry.locator(".reason")).to_have_text("waits for your approval")
    assert axe_serious(console) == [] and axe_serious(phone) == []
    console.get_by_role("button", name="Let Claire in").click()
    expect(phone.locator("#status")).to_have_attribute("data-status", "online")
    expect(phone.locator("#door")).to_be_hidden()
    expect(screen.locator("#door-waiting")).to_be_hidden()
    expect(screen.locator("#people-count")).to_contain_text("1")

    # A script with the projected code, the door open: 20 come in, the rest are held
    # and shown as one burst, then turned away in one click.
    console.get_by_label("Anyone with the code").check()
    expect(console.locator("input[value=open]")).to_be_checked()
    answers = [requests.post(f"{door_server.url}/api/workshops/{code}/participants",
                             json={"name": f"Bot {i}"}, timeout=5).status_code
               for i in range(40)]
    assert 0 < answers.count(201) < 40 and answers.count(202) >= 5
    burst = console.locator("#door-bursts li")
    expect(burst).to_have_count(1)
    expect(burst).to_contain_text(f"{answers.count(202)} joins from one address in")
    expect(burst).to_contain_text(": held")
    burst.get_by_role("button", name="Turn them all away").click()
    expect(burst).to_have_count(0)

    # Claire does something; the bots that came in never did: one sweep removes them.
    room = socketio.Client()
    room.connect(door_server.url, auth={"code": code, "role": "console", "key": key},
                 transports=["websocket"])
    assert room.call("phase_set", {"phase": "forum"}, timeout=5)["ok"]
    phone.fill("#f-title", "Mutualiser les achats")
    phone.press("#f-title", "Enter")
    expect(phone.locator(".topic-card", has_text="Mutualiser les achats")).to_be_visible()
    console.locator(".door-tools summary").click()
    console.once("dialog", lambda dialog: dialog.accept())
    console.locator("#sweep-form button[type=submit]").click()
    expect(console.locator("#sweep-done")).to_have_text(f"{answers.count(201)} people removed.")
    expect(console.locator("#people-count")).to_have_text("1")
    expect(phone.locator("#status")).to_have_attribute("data-status", "online")
    room.disconnect()


@pytest.mark.parametrize("size", [LAPTOP, SCREEN])
def test_the_door_panel_reads_in_french_at_each_size(door_server, pages, size):
    body = requests.post(door_server.url + "/api/workshops",
                         json={"theme": "Atelier", "date": "2013-04-04", "language": "fr",
                               "create_key": KEY}, timeout=5).json()
    code = body["workshop"]["code"]
    room = socketio.Client()
    room.connect(door_server.url, auth={"code": code, "role": "console",
                                        "key": body["console_key"]}, transports=["websocket"])
    assert room.call("door_set", {"expected": 2}, timeout=5)["ok"]
    for name in ["Paul", "Marie", "Hugo", "Julie"]:
        requests.post(f"{door_server.url}/api/workshops/{code}/participants",
                      json={"name": name, "organisation": "Via Storia"},
                      timeout=5)
    console = pages.open(body["links"]["console"], size, locale="fr-FR")
    expect(console.locator("#f-expected")).to_have_value("2")
    expect(console.locator("#lobby li")).to_have_count(2)
    expect(console.locator("#lobby li").first.locator(".reason")).to_have_text(
        "au-delà des personnes attendues")
    expect(console.locator("#lobby-admit-all")).to_have_text("Faire entrer tout le monde (2)")
    # Hugo is Paul's new phone: merged, nobody new.
    hugo = console.locator("#lobby li", has_text="Hugo")
    hugo.get_by_label("Hugo est déjà là sous le nom de").select_option(label="Paul · Via Storia")
    expect(console.locator("#lobby li")).to_have_count(1)
    console.get_by_role("button", name="Faire entrer Julie").click()
    expect(console.locator("#lobby li")).to_have_count(0)
    expect(console.locator("#people-count")).to_have_text("3")
    panel = console.locator("#door-panel")
    box = panel.bounding_box()
    assert box["width"] <= size["viewport"]["width"]
    assert console.evaluate("document.documentElement.scrollWidth <= innerWidth")
    assert axe_serious(console) == []
    room.disconnect()
