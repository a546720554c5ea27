"""In Chromium, the projector of a forum ouvert at 1280×720, 1366×768, 1920×1080 and
1024×768: the marketplace grid (4 spaces, 3 slots, long titles), the sessions with their
head counts and the breaking news, and the closing circle's news keep every text inside
the frame, uncut, at 18 px or more, in French and in English."""

import pytest
import requests
import socketio
from playwright.sync_api import expect

from .browser import SCREEN
from .helpers import ROOT
from .test_browser_screen_fit import FIT, SIZES

pytestmark = pytest.mark.browser
SHOTS = ROOT / "test-artifacts" / "screenshots" / "openspace"
NAMES = ["Marie-Hélène Dupont-Moretti", "Jean", "Aïcha Benali", "Thomas", "Sophie Martin",
         "Karim", "Lucie", "Hugo", "Nadia Ouelhadj", "Pierre", "Émilie", "Laurent"]
TITLES = {
    "fr": ["Mutualiser un poste de commercial entre deux ou trois entreprises voisines",
           "Répondre ensemble aux appels d'offres publics sans perdre son indépendance",
           "Une charte de coopération", "Partager un atelier et ses machines",
           "Former ensemble nos apprentis", "Les achats groupés : énergie et fournitures",
           "Se faire confiance entre concurrents", "Un annuaire des compétences",
           "Coopérer avec les collectivités locales et les chambres consulaires",
           "Et après ? Suivre nos engagements"],
    "en": ["Sharing a sales rep between two or three neighbouring companies",
           "Answering public tenders together without losing independence",
           "A cooperation charter", "Sharing a workshop and its machines",
           "Training our apprentices together", "Group purchasing: energy and supplies",
           "Trusting competitors", "A directory of skills",
           "Working with local authorities and chambers of commerce",
           "What next? Following up our commitments"],
}


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_forum_ouvert_fits_every_projector(live_server, pages, language):
    url = live_server.url
    body = requests.post(f"{url}/api/workshops", json={
        "theme": "Coopérer entre entreprises", "date": "2026-03-12", "language": language,
        "format": "forum-ouvert"}, timeout=5).json()
    code = body["workshop"]["code"]
    console = socketio.Client()
    console.connect(url, auth={"code": code, "role": "console", "key": body["console_key"]},
                    transports=["websocket"])
    for name in ["Salle Rhône", "Salle Saône", "Coin jardin", "Atelier du fond"]:
        layout = console.call("space_save", {"name": name, "capacity": 30})["layout"]
    for label, start, end in [("Matin 1", "10:00", "11:15"), ("Matin 2", "11:30", "12:45"),
                              ("Après-midi", "14:00", "15:15")]:
        layout = console.call("slot_save", {"label": label, "start": start, "end": end})["layout"]
    assert console.call("phase_set", {"phase": "forum"})["ok"]
    cells = [(sp["id"], sl["id"]) for sl in layout["slots"] for sp in layout["spaces"]]
    people = []
    for i in range(12):
        joined = requests.post(f"{url}/api/workshops/{code}/participants",
                               json={"name": NAMES[i]}, timeout=5).json()
        phone = socketio.Client()
        phone.connect(url, auth={"code": code, "role": "participant",
                                 "token": joined["token"]}, transports=["websocket"])
        people.append(phone)
    sessions = [people[i].call("session_convene", {"title": title, "space": space,
                                                   "slot": slot})["session"]
                for i, (title, (space, slot)) in enumerate(zip(TITLES[language], cells,
                                                               strict=False))]
    screen = pages.open(body["links"]["screen"], SCREEN,
                        locale="fr-FR" if language == "fr" else "en-GB")
    folder = SHOTS / language
    folder.mkdir(parents=True, exist_ok=True)
    problems = []

    def check(view: str) -> None:
        for label, (width, height) in SIZES.items():
            screen.set_viewport_size({"width": width, "height": height})
            seen = screen.evaluate(FIT)
            screen.screenshot(path=str(folder / f"{view}-{label}.png"))
            assert seen["texts"] > 3, (view, label, seen)
            if seen["count"]:
                problems.append(f"{view} at {label}: {seen['problems']}")

    expect(screen.locator(".os-grid")).to_contain_text(TITLES[language][9][:12])
    check("marketplace")
    assert console.call("phase_set", {"phase": "cafe"})["ok"]
    assert console.call("slot_now", {"slot": layout["slots"][0]["id"]})["ok"]
    for i, phone in enumerate(people):
        assert phone.call("session_check_in", {"session": sessions[i % 4]["id"]})["ok"]
    for index, session in enumerate(sessions[:4]):
        console.call("report_save", {
            "session": session["id"],
            "key_points": ["La confiance se construit en faisant ensemble, pas à pas",
                           "Commencer petit"],
            "recommendations": [f"Tester pendant six mois ({index})"]})
    expect(screen.locator("#os-news")).to_be_visible()
    check("sessions")
    assert console.call("phase_set", {"phase": "harvest"})["ok"]
    expect(screen.locator("#os-grid-box")).to_be_empty()
    check("news")
    console.disconnect()
    for phone in people:
        phone.disconnect()
    assert not problems, problems
