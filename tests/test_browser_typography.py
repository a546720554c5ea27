"""French typography on the projector: a narrow no-break space before : ; ? ! and inside
« », in what people type as in the interface's own words; English is left as typed."""

import pytest
import requests
import socketio
from playwright.sync_api import expect

from server.domain.secrets import new_id
from server.domain.text import french_spacing

from .browser import SCREEN
from .conftest import REFERENCE

pytestmark = pytest.mark.browser
TYPED = "Pourquoi ? Parce que ; « oui » : voilà !"


def _cafe_with_a_note(url: str, language: str) -> dict:
    body = requests.post(url + "/api/workshops", json={**REFERENCE, "language": language},
                         timeout=5).json()
    code = body["workshop"]["code"]
    console = socketio.Client()
    console.connect(url, auth={"code": code, "role": "console", "key": body["console_key"]},
                    transports=["websocket"])
    table = console.call("table_add", {"title": "Coopération"})["table"]
    for phase in ("forum", "cafe"):
        assert console.call("phase_set", {"phase": phase})["ok"]
    token = requests.post(f"{url}/api/workshops/{code}/participants", json={"name": "Paul"},
                          timeout=5).json()["token"]
    phone = socketio.Client()
    phone.connect(url, auth={"code": code, "role": "participant", "token": token},
                  transports=["websocket"])
    assert phone.call("seat_take", {"table": table["id"]})["ok"]
    note = {"id": new_id(16), "table": table["id"], "text": TYPED, "colour": "yellow"}
    assert phone.call("note_post", note)["ok"]
    for client in (phone, console):
        client.disconnect()
    return body


@pytest.mark.parametrize(("language", "locale", "shown"), [
    ("fr", "fr-FR", french_spacing(TYPED)), ("en", "en-GB", TYPED)])
def test_what_people_type_is_typeset_in_french_only(live_server, pages, language, locale,
                                                    shown):
    body = _cafe_with_a_note(live_server.url, language)
    screen = pages.open(body["links"]["screen"], SCREEN, locale=locale)
    expect(screen.get_by_text("Parce que")).to_be_visible()
    # Exactly: Playwright's own text matching takes a narrow no-break space for a space.
    texts = screen.evaluate("""() => [...document.querySelectorAll("p, li, span")]
        .map((el) => el.textContent).filter((t) => t.includes("Parce que"))""")
    assert shown in texts, texts
    if language == "fr":
        assert "\u202f?" in shown and "«\u202foui\u202f»" in shown
