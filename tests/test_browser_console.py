"""In Chromium: the facilitator's console on a laptop, in French and in English."""

import re

import pytest
from playwright.sync_api import expect

from .browser import PHONE

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
    expect(phone.locator("html")).to_have_attribute("lang", "en")
    # Switching the workshop to French in the details says so at once.
    home.select_option("#f-language", "fr")
    home.click("#details button[type=submit]")
    expect(home.locator("#workshop-language")).to_have_text("Workshop in French")
