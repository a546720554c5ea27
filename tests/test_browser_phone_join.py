"""In Chromium, the phone's forms: joining before the script has arrived, an interface in
the phone's own language with the other one a tap away, and counters near every limit
instead of texts cut short."""

import re

import pytest
from playwright.sync_api import expect

from .browser import PHONE

pytestmark = pytest.mark.browser
SMALL = {**PHONE, "viewport": {"width": 360, "height": 640}}


def test_the_join_button_works_before_the_script_has_arrived(driven_cafe, pages):
    link = driven_cafe["body"]["links"]["join"]
    phone = pages.open("about:blank", PHONE)
    held, released = [], []

    def script(route):  # a slow phone: the page's script has not come yet
        if released:
            route.continue_()
        else:
            held.append(route)

    phone.route("**/static/js/phone.js", script)
    phone.goto(link, wait_until="commit")
    expect(phone.locator("#join-button")).to_be_enabled()
    assert phone.evaluate("document.body.dataset.ready") is None
    # A refusal comes back by its field, with what was typed kept.
    phone.fill("#f-organisation", "Latitude")
    with phone.expect_navigation(wait_until="commit"):
        phone.click("#join-button")
    expect(phone.locator("#f-name-error")).to_have_text(re.compile(r"\S"))
    expect(phone.locator("#f-name")).to_have_attribute("aria-invalid", "true")
    expect(phone.locator("#f-organisation")).to_have_value("Latitude")
    phone.fill("#f-name", "Claire")
    released.append(True)
    with phone.expect_navigation(wait_until="commit"):
        phone.click("#join-button")
    for route in held:
        route.abort()  # those pages are gone
    # The answer hands the token to the script, which keeps it; the address holds none.
    expect(phone.locator("#choose")).to_be_visible()
    token = phone.evaluate(f"localStorage.getItem('cafe.token.{driven_cafe['code']}')")
    assert token and len(token) >= 43
    assert phone.url == link and token not in phone.url
    phone.reload()  # a reload sends no form again: the phone is simply back
    expect(phone.locator("#choose")).to_be_visible()
    snapshot = driven_cafe["console"].call("sync", {})["snapshot"]
    assert [p["name"] for p in snapshot["participants"]] == ["Claire"]


def test_the_phone_speaks_its_owners_language_with_the_other_a_tap_away(driven_cafe, pages):
    # A French workshop; an English phone.
    phone = pages.open(driven_cafe["body"]["links"]["join"], SMALL, locale="en-GB")
    expect(phone.locator("#join-button")).to_have_text("Join")
    expect(phone.locator("#join-title")).to_have_text("Atelier Coopération Inter-entreprise")
    phone.fill("#f-name", "Claire")
    phone.click("#join-button")
    expect(phone.locator("#choose-title")).to_have_text("Choose your table")
    expect(phone.locator(".table-choice .title")).to_have_text("Coopération")  # as written
    phone.locator(".table-choice button").click()
    expect(phone.locator("#table")).to_be_visible()
    switch = phone.get_by_role("link", name="FR Français")
    expect(switch).to_have_attribute("hreflang", "fr")
    box = switch.bounding_box()  # in view at the top, not below the note composer
    assert box["y"] + box["height"] <= 120 and box["height"] >= 44, box
    switch.click()
    expect(phone.locator("html")).to_have_attribute("lang", "fr")
    expect(phone.locator("#compose .send")).to_have_text("Publier")
    expect(phone.locator("#table-title")).to_have_text("Coopération")
    expect(phone.get_by_role("link", name="EN English")).to_be_visible()


def test_counters_show_near_each_limit_and_nothing_is_cut(driven_cafe, pages):
    console = driven_cafe["console"]
    assert console.call("phase_set", {"phase": "forum"})["ok"]  # back to the forum
    phone = pages.open(driven_cafe["body"]["links"]["join"], SMALL, locale="en-GB")
    phone.fill("#f-name", "N" * 61)  # one too many
    counter = phone.locator("#f-name-count")
    expect(counter).to_have_text("61/60 · 1 too many")
    expect(counter).to_have_class(re.compile("over"))
    phone.click("#join-button")
    expect(phone.locator("#f-name-error")).to_contain_text("60")
    expect(phone.locator("#f-name")).to_have_value("N" * 61)  # nothing cut
    phone.fill("#f-name", "Claire")
    expect(counter).to_be_hidden()
    phone.click("#join-button")
    expect(phone.locator("#forum")).to_be_visible()

    title = phone.locator("#f-title")
    title.fill("t" * 50)
    expect(phone.locator("#f-title-count")).to_be_hidden()  # far from the limit
    title.fill("t" * 100)
    expect(phone.locator("#f-title-count")).to_have_text("100/120")  # from 80 %
    long = "Comment impliquer tout le monde, y compris les plus précaires, dans la " \
           "coopération entre entreprises de services du territoire"
    assert len(long) > 120
    title.fill(long)  # as if pasted: all of it stays
    expect(title).to_have_value(long)
    over = len(long) - 120
    expect(phone.locator("#f-title-count")).to_have_text(f"{len(long)}/120 · {over} too many")
    expect(title).to_have_attribute("aria-invalid", "true")
    phone.click("#propose-form button[type=submit]")
    expect(phone.locator("#propose-error")).to_have_text(
        f"At most 120 characters, please: {over} too many.")
    expect(phone.locator(".topic-card")).to_have_count(0)
    title.fill(long[:120])
    expect(title).not_to_have_attribute("aria-invalid", "true")
    phone.click("#propose-form button[type=submit]")
    expect(phone.locator(".topic-card h3")).to_have_text(long[:120].strip())

    # The note composer, the same way.
    assert console.call("topics_keep", {})["ok"]
    assert console.call("phase_set", {"phase": "cafe"})["ok"]
    phone.locator(".table-choice button").first.click()
    note = phone.locator("#f-note")
    note.fill("n" * 510)
    expect(phone.locator("#f-note-count")).to_have_text("510/500 · 10 too many")
    phone.click("#compose .send")
    expect(phone.locator("#compose-error")).to_contain_text("10 too many")
    expect(note).to_have_value("n" * 510)
    expect(phone.locator(".note")).to_have_count(0)


def test_a_first_visit_loads_what_joining_needs_and_the_rest_once_joined(driven_cafe, pages):
    phone = pages.open("about:blank", PHONE)
    loaded = []
    phone.on("request", lambda request: loaded.append(request.url.rsplit("/static/", 1)[-1]))
    phone.goto(driven_cafe["body"]["links"]["join"])
    phone.wait_for_load_state("networkidle")
    assert "js/phone.js" in loaded and "js/lib/counter.js" in loaded
    assert not [url for url in loaded if "live" in url or "vendor/" in url or "app.js" in url]
    phone.fill("#f-name", "Claire")
    phone.click("#join-button")
    expect(phone.locator("#choose")).to_be_visible()
    assert "js/phone/app.js" in loaded and "vendor/socket.io.esm.min.js" in loaded
    # The views that come later arrive in the background, so that a phone that loses the
    # network as a vote opens still has them.
    phone.wait_for_timeout(3000)
    phone.wait_for_load_state("networkidle")
    assert "js/phone/vote.js" in loaded and "js/lib/synthesis.js" in loaded
