"""In Chromium, a whole forum ouvert: the marketplace filled from phones and shown live
on the projector, people moving between sessions by opening the spaces' door links (what
their QR codes hold), a report written on a phone and shown as breaking news, a comment
in the amendment window, and the proceedings exported and read back. In French and in
English.

Eight phones play in the browser; the rest of the forty take part as Socket.IO clients
(two cores shared with other jobs: forty Chromium pages would not fit)."""

import pytest
import requests
import socketio
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from .browser import PHONE, SCREEN
from .conftest import REFERENCE
from .helpers import ROOT

pytestmark = pytest.mark.browser
BROWSER_PHONES = 7  # and an eighth, who scans a door's code before joining
SOCKET_PHONES = 32
SHOTS = ROOT / "test-artifacts" / "screenshots" / "openspace"
SPACES = ["Rhône", "Saône", "Jardin", "Atelier"]
SLOTS = ["Matin 1", "Matin 2", "Après-midi"]
WORDS = {
    "fr": {"convene": "Convoquer ici", "save": "Enregistrer le compte rendu",
           "write": "Écrire le compte rendu", "here": "Présents :"},
    "en": {"convene": "Convene here", "save": "Save the report",
           "write": "Write the report", "here": "Here now:"},
}


def _socket(url: str, auth: dict) -> socketio.Client:
    client = socketio.Client()
    client.connect(url, auth=auth, transports=["websocket"])
    return client


def _join(url: str, code: str, name: str) -> tuple[dict, socketio.Client]:
    body = requests.post(f"{url}/api/workshops/{code}/participants", json={"name": name},
                         timeout=5).json()
    return body["participant"], _socket(url, {"code": code, "role": "participant",
                                              "token": body["token"]})


class Looks:
    """axe-core on each surface as the forum goes: no serious or critical violation."""

    def __init__(self, language: str):
        self.axe = Axe()
        self.problems: list[str] = []
        self.folder = SHOTS / language
        self.folder.mkdir(parents=True, exist_ok=True)

    def look(self, name: str, page) -> None:
        page.wait_for_timeout(400)  # let the arrivals' animation end
        page.screenshot(path=str(self.folder / f"{name}.png"))
        for violation in self.axe.run(page).response["violations"]:
            if violation["impact"] in ("serious", "critical"):
                targets = [n["target"] for n in violation["nodes"][:3]]
                self.problems.append(f"{name}: {violation['id']} {targets}")


def _phone_join(pages, link: str, name: str, locale: str):
    phone = pages.open(link, PHONE, locale=locale)
    phone.fill("#f-name", name)
    phone.click("#join-button")
    return phone


@pytest.mark.parametrize("language", ["en", "fr"])
def test_a_whole_forum_ouvert_plays_in_real_browsers(live_server, pages, language):
    url, locale = live_server.url, {"fr": "fr-FR", "en": "en-GB"}[language]
    words = WORDS[language]
    body = requests.post(f"{url}/api/workshops", json={
        **REFERENCE, "language": language, "format": "forum-ouvert"}, timeout=5).json()
    code = body["workshop"]["code"]
    console = _socket(url, {"code": code, "role": "console", "key": body["console_key"]})
    for name in SPACES:
        layout = console.call("space_save", {"name": name, "capacity": 15})["layout"]
    for label in SLOTS:
        layout = console.call("slot_save", {"label": label})["layout"]
    spaces = [s["id"] for s in layout["spaces"]]
    assert console.call("phase_set", {"phase": "forum"})["ok"]
    looks = Looks(language)
    screen = pages.open(body["links"]["screen"], SCREEN, locale=locale)
    expect(screen.locator("#openspace-view")).to_be_visible()
    desk = pages.open(body["links"]["console"], SCREEN, locale=locale)
    expect(desk.locator("#openspace-panel")).to_be_visible()
    expect(desk.locator("#os-spaces li")).to_have_count(len(SPACES))
    looks.look("console", desk)
    # The marketplace, filled from the phones: each convenes in the first free cell.
    phones = [_phone_join(pages, body["links"]["join"], f"Phone {i}", locale)
              for i in range(BROWSER_PHONES)]
    for i, phone in enumerate(phones[:4]):
        expect(phone.locator("#openspace")).to_be_visible()
        phone.get_by_role("button", name=words["convene"]).first.click()
        phone.fill("#os-convene input[name=title]", f"Session {i}")
        phone.locator("#os-convene button[type=submit]").click()
        expect(screen.locator(".os-grid")).to_contain_text(f"Session {i}")
    looks.look("phone-marketplace", phones[0])
    looks.look("screen-marketplace", screen)
    others = [_join(url, code, f"Person {i}") for i in range(SOCKET_PHONES)]
    snapshot = console.call("sync", {})["snapshot"]["openspace"]
    sessions = {s["title"]: s for s in snapshot["sessions"]}
    assert len(sessions) == 4 and len(snapshot["layout"]["slots"]) == 3
    assert console.call("phase_set", {"phase": "cafe"})["ok"]
    first_slot = snapshot["sessions"][0]["slot"]
    assert console.call("slot_now", {"slot": first_slot})["ok"]
    # The law of two feet: phones open the doors' links; the others check in by socket.
    in_first_slot = [s for s in snapshot["sessions"] if s["slot"] == first_slot]
    for i, (_, client) in enumerate(others):
        assert client.call("session_check_in", {"session": in_first_slot[
            i % len(in_first_slot)]["id"]})["ok"]
    convener = phones[0]
    session = sessions["Session 0"]
    convener.goto(f"{url}/j/{code}/space/{session['space']}")
    expect(convener.locator("#os-here")).to_contain_text("Session 0")
    walker = phones[5]
    walker.goto(f"{url}/j/{code}/space/{session['space']}")
    expect(walker.locator("#os-here")).to_contain_text("Session 0")
    expect(convener.locator("#os-who")).to_contain_text("Phone 5")
    # Everyone there is named, not only who came after the convener's phone asked.
    expect(convener.locator("#os-who")).to_contain_text("Person 0")
    expect(convener.locator("#os-who")).to_contain_text(words["here"])
    looks.look("phone-session", convener)
    other = next(s for s in in_first_slot if s["id"] != session["id"])
    walker.goto(f"{url}/j/{code}/space/{other['space']}")  # moves: checked out, in there
    expect(walker.locator("#os-here")).to_contain_text(other["title"])
    expect(convener.locator("#os-who")).not_to_contain_text("Phone 5")
    # A newcomer scans a door's code before joining: once joined, they are in the session.
    newcomer = _phone_join(pages, f"{url}/j/{code}/space/{session['space']}", "Phone 7",
                           locale)
    expect(newcomer.locator("#os-here")).to_contain_text("Session 0")
    expect(convener.locator("#os-who")).to_contain_text("Phone 7")
    cell = screen.locator(f'td[data-session="{session["id"]}"] .count')
    expect(cell).to_be_visible()
    here = console.call("sync", {})["snapshot"]["openspace"]["here"]
    assert sum(here.values()) == SOCKET_PHONES + 3
    assert here[other["id"]] >= 1
    # The report, written on the convener's phone, is the breaking news on the projector.
    convener.get_by_role("button", name=words["write"]).click()
    convener.fill("#os-report textarea[name=key_points]", "Commencer petit\nSur un cas concret")
    convener.fill("#os-report textarea[name=recommendations]", "Tester six mois")
    convener.fill("#os-report textarea[name=next_steps]", "Écrire une convention / Phone 0")
    looks.look("phone-report", convener)
    convener.get_by_role("button", name=words["save"]).click()
    expect(screen.locator("#os-news")).to_contain_text("Commencer petit")
    looks.look("screen-sessions", screen)
    # The closing circle: the amendment window, a comment by someone who was there.
    assert console.call("phase_set", {"phase": "harvest"})["ok"]
    assert console.call("amendment_set", {"state": "open"})["ok"]
    walker.locator(".os-comment input").first.fill("Ajouter : un point dans un mois")
    walker.locator(".os-comment button").first.click()
    expect(convener.locator(".os-comments")).to_contain_text("un point dans un mois")
    looks.look("phone-closing", walker)
    assert console.call("amendment_set", {"state": "final"})["ok"]
    # Dots across sessions: the recommendations on a ballot, the café's own vote on it.
    desk.locator("#os-ballot").click()
    expect(walker.locator("#vote")).to_be_visible()
    expect(walker.locator("#vote")).to_contain_text("Tester six mois")
    looks.look("phone-ballot", walker)
    # The proceedings, exported and read back.
    export = requests.get(f"{url}/api/workshops/{code}/export/md", timeout=30,
                          headers={"Authorization": f"Bearer {body['console_key']}"})
    assert export.status_code == 200
    text = export.text
    for part in ["Rhône", "Matin 1", "Session 0", "Commencer petit", "Tester six mois",
                 "Écrire une convention", "Phone 5", "un point dans un mois"]:
        assert part in text, part
    pdf = requests.get(f"{url}/api/workshops/{code}/export/pdf", timeout=30,
                       headers={"Authorization": f"Bearer {body['console_key']}"})
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert spaces
    assert not looks.problems, looks.problems
    for _, client in others:
        client.disconnect()
    console.disconnect()
