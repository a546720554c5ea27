"""A new workshop speaks its facilitator's language unless told otherwise."""

import re

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
