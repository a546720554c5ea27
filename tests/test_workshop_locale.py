"""A new workshop speaks its facilitator's language and tells its times in their time
zone, unless told otherwise."""

import re

import pytest

from server.domain.errors import DomainError
from server.domain.workshop import clean_details, new_workshop

from .conftest import REFERENCE


def selected_language(html: str) -> str:
    """The language option the creation form has selected."""
    options = re.findall(r'<option value="(fr|en)" (selected)?', html)
    return next(value for value, selected in options if selected)


def test_the_home_page_offers_its_own_language_for_the_workshop(client):
    assert selected_language(client.get("/?lang=en").get_data(as_text=True)) == "en"
    assert selected_language(client.get("/?lang=fr").get_data(as_text=True)) == "fr"
    client.delete_cookie("lang")
    english_browser = client.get("/", headers={"Accept-Language": "en-GB,en;q=0.9"})
    assert selected_language(english_browser.get_data(as_text=True)) == "en"


def test_a_workshop_without_a_language_speaks_its_facilitators(client):
    theme_only = {"theme": "Coopération", "date": "2013-04-04"}
    english = client.post("/api/workshops", json=theme_only,
                          headers={"Accept-Language": "en-GB,en;q=0.9"}).get_json()
    assert english["workshop"]["language"] == "en"
    assert client.post("/api/workshops?lang=en", json=theme_only).get_json()[
        "workshop"]["language"] == "en"
    client.delete_cookie("lang")
    assert client.post("/api/workshops", json=theme_only).get_json()[
        "workshop"]["language"] == "fr"
    # A language given wins over the facilitator's.
    assert client.post("/api/workshops", json={**REFERENCE, "language": "fr"},
                       headers={"Accept-Language": "en"}).get_json()[
        "workshop"]["language"] == "fr"


def test_the_console_names_the_workshops_language(client):
    body = client.post("/api/workshops", json={**REFERENCE, "language": "en"}).get_json()
    page = client.get(f"/console/{body['workshop']['code']}?lang=fr").get_data(as_text=True)
    assert 'id="workshop-language">Atelier en anglais<' in page


def test_a_workshop_has_a_time_zone_checked_against_the_servers_list():
    assert clean_details({"timezone": "America/Montreal"}, partial=True) == {
        "timezone": "America/Montreal"}
    for wrong in ["Mars/Olympus", "../etc/passwd", "", 3, "europe/paris"]:
        with pytest.raises(DomainError) as err:
            clean_details({"timezone": wrong}, partial=True)
        assert err.value.code == "invalid_timezone" and err.value.field == "timezone"
    base = {"theme": "Coopération", "date": "2013-04-04"}
    assert new_workshop("ABC234", base, 0).timezone == "Europe/Paris"
    assert new_workshop("ABC234", base, 0, "en").timezone == "UTC"
    assert new_workshop("ABC234", {**base, "timezone": "Asia/Tokyo"}, 0, "en").timezone == (
        "Asia/Tokyo")


def test_the_time_zone_is_given_at_creation_and_changed_from_the_console(client, connect_as):
    body = client.post("/api/workshops", json={**REFERENCE, "timezone": "America/Montreal"})
    workshop = body.get_json()["workshop"]
    assert workshop["timezone"] == "America/Montreal"
    bad = client.post("/api/workshops", json={**REFERENCE, "timezone": "Paris"})
    assert bad.status_code == 400 and bad.get_json()["error"]["code"] == "invalid_timezone"
    console = connect_as({"code": workshop["code"], "role": "console",
                          "key": body.get_json()["console_key"]})
    changed = console.call("workshop_update", {"timezone": "Europe/Brussels"})
    assert changed["ok"] and changed["workshop"]["timezone"] == "Europe/Brussels"
    assert console.call("workshop_update", {"timezone": "Nowhere"})["error"]["field"] == (
        "timezone")
