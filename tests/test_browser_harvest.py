"""In Chromium: from notes to votes to a complete synthesis, shown live on the screen."""

from pathlib import Path

import pytest
import requests
from playwright.sync_api import expect

from .browser import PHONE, SCREEN
from .conftest import REFERENCE

pytestmark = pytest.mark.browser
CONSOLE = {"viewport": {"width": 1440, "height": 1000}}


def test_notes_votes_and_the_synthesis(live_server, pages):
    body = requests.post(live_server.url + "/api/workshops", json=REFERENCE, timeout=5).json()
    links = body["links"]
    console = pages.open(links["console"], CONSOLE)
    screen = pages.open(links["screen"], SCREEN)
    phones = {}
    for name, org in [("Claire", "Latitude"), ("Alexia", "C-L'Org"), ("Paul", "Via Storia")]:
        phone = pages.open(links["join"], PHONE)
        phone.fill("#f-name", name)
        phone.fill("#f-organisation", org)
        phone.click("#join-button")
        expect(phone.locator("#welcome")).to_contain_text(name)
        phones[name] = phone
    console.fill("#f-table-title", "Coopération dans les services")
    console.click("#table-add button")
    console.locator("#tables tbody tr").first.locator("select.host").select_option(label="Claire")
    expect(phones["Claire"].locator("#me-name")).to_have_text("Claire")
    console.locator("#people tbody tr", has_text="Alexia").locator("select.role").select_option(
        "rapporteur")
    expect(phones["Alexia"].locator("#me-role")).to_have_text("Rapporteur·rice")
    for _ in range(2):
        console.once("dialog", lambda dialog: dialog.accept())
        console.click("#phase-next")
    for name in ("Alexia", "Paul"):
        phones[name].locator(".table-choice button").first.click()
        expect(phones[name].locator("#table")).to_be_visible()
    for name, text in [("Paul", "Un leader efficace"), ("Alexia", "Des participants divers"),
                       ("Claire", "Un axe thématique"), ("Paul", "La confiance")]:
        phones[name].fill("#f-note", text)
        phones[name].click("#compose .send")
    expect(screen.locator(".screen-note")).to_have_count(4)

    # A hidden vote: the screen counts dots, nobody sees the counts until the reveal.
    console.fill("#voting-form input[name=budget]", "3")
    console.check("#voting-form input[name=hidden]")
    console.click("#voting-open")
    for name, picks in [("Claire", ["Un leader efficace", "La confiance"]),
                        ("Alexia", ["Un leader efficace"]), ("Paul", ["Des participants divers"])]:
        expect(phones[name].locator("#vote")).to_be_visible()
        for text in picks:
            phones[name].locator(".vote-note", has_text=text).locator(".give").click()
    expect(phones["Claire"].locator("#dots-left")).to_have_text("Gommettes restantes : ●○○")
    expect(screen.locator("#dots-cast")).to_have_text("4 gommettes données")
    expect(screen.locator("#results")).to_be_hidden()
    expect(phones["Paul"].locator(".vote-note", has_text="Un leader").locator(".all-dots")
           ).to_have_text("")
    console.click("#voting-reveal")
    leader = screen.locator(".bar-row", has_text="Un leader efficace")
    expect(leader.locator(".bar-count")).to_have_text("2")
    expect(phones["Paul"].locator(".vote-note", has_text="Un leader").locator(".all-dots")
           ).to_have_text("2 au total")
    console.click("#voting-close")
    console.once("dialog", lambda dialog: dialog.accept())
    console.click("#phase-next")

    # The harvest: the host retains the voted notes, the rapporteur sums up, all live.
    host = phones["Claire"]
    expect(host.locator("#synthesis")).to_be_visible()
    host.locator(".syn-retained .syn-tools button", has_text="Retenir").click()
    retained = screen.locator(".syn-retained .syn-idea")
    expect(retained).to_have_count(3)
    expect(retained.first).to_contain_text("Un leader efficace")
    expect(retained.first).to_contain_text("2 gommettes")
    # A note goes to the ideas not developed; two retained ideas become one.
    picker = host.locator(".syn-undeveloped .syn-pick")
    picker.focus()
    picker.select_option(label="Un axe thématique")
    expect(screen.locator(".syn-undeveloped .syn-idea")).to_have_text(["Un axe thématique"])
    second = host.locator(".syn-retained .syn-idea").nth(1)
    second.locator(".syn-more-toggle").click()
    second.locator("[data-action=merge]").click()
    second.locator(".syn-inline textarea").fill("Un leader efficace et de la confiance")
    second.locator(".syn-inline button[type=submit]").click()
    expect(retained).to_have_count(2)
    expect(retained.first).to_contain_text("Un leader efficace et de la confiance")
    rapporteur = phones["Alexia"]
    rapporteur.locator(".syn-summary textarea").fill(
        "Pour résumer, la coopération peut se faire si :\n1. Il y a un leader efficace")
    rapporteur.locator(".syn-summary button.primary").click()
    expect(screen.locator(".syn-summary .syn-paragraph")).to_contain_text(
        "1. Il y a un leader efficace")
    expect(phones["Paul"].locator(".syn-summary textarea")).to_have_count(0)  # read only
    phones["Paul"].locator(".syn-propose input[name=text]").fill("Préparer une charte commune")
    phones["Paul"].locator(".syn-propose button").click()
    step = console.locator(".syn-step", has_text="Préparer une charte commune")
    step.locator("button[data-status=kept]").click()
    expect(screen.locator(".syn-step", has_text="Préparer une charte")).to_contain_text("Retenu")

    # Two people editing the same text: the later one is told, keeps their draft, and
    # sees the current text beside it; saving again, after reading it, is their choice.
    host.locator(".syn-summary textarea").fill("Une autre version")
    rapporteur.locator(".syn-summary textarea").fill("La version de la rapporteuse")
    rapporteur.locator(".syn-summary button.primary").click()
    expect(screen.locator(".syn-summary .syn-paragraph")).to_have_text(
        "La version de la rapporteuse")
    host.locator(".syn-summary button.primary").click()
    expect(host.locator(".syn-summary .form-error")).to_contain_text("modifié entre-temps")
    expect(host.locator(".syn-summary textarea")).to_have_value("Une autre version")
    expect(host.locator(".syn-summary .syn-current-text")).to_have_text(
        "La version de la rapporteuse")
    host.locator(".syn-summary .syn-current button").click()  # take theirs, then add to it
    host.locator(".syn-summary textarea").fill("La version de la rapporteuse, complétée")
    host.locator(".syn-summary button.primary").click()
    expect(screen.locator(".syn-summary .syn-paragraph")).to_have_text(
        "La version de la rapporteuse, complétée")
    expect(host.locator(".syn-summary .syn-current")).to_have_count(0)

    # Once the workshop is closed, a page left open no longer offers to propose a step.
    expect(phones["Paul"].locator(".syn-propose")).to_be_visible()
    console.once("dialog", lambda dialog: dialog.accept())
    console.click("#phase-next")  # harvest -> closed
    expect(phones["Paul"].locator(".syn-propose")).to_be_hidden()


def test_the_console_downloads_the_report(live_server, pages):
    import subprocess
    import sys

    from .helpers import ROOT

    made = subprocess.run([sys.executable, "-m", "server", "demo"], cwd=ROOT, capture_output=True,
                          timeout=120, env={"PATH": "/usr/bin:/bin",
                                            "CAFE_DATA_DIR": live_server.env["CAFE_DATA_DIR"],
                                            "CAFE_PORT": str(live_server.port)})
    assert made.returncode == 0, made.stderr.decode()
    console_link = next(line.split(": ", 1)[1].strip() for line in made.stdout.decode().splitlines()
                        if "Console" in line)
    console = pages.open(console_link, CONSOLE)
    expect(console.locator("#stepper li.current")).to_contain_text("Récolte")
    for fmt, start in [("pdf", b"%PDF"), ("docx", b"PK"), ("md", b"**Date**")]:
        with console.expect_download() as download:
            console.click(f".export-buttons button[data-format={fmt}]")
        data = Path(download.value.path()).read_bytes()
        assert data.startswith(start), fmt
        assert download.value.suggested_filename.endswith(f".{fmt}")
    screen_link = next(line.split(": ", 1)[1].strip() for line in made.stdout.decode().splitlines()
                       if "Screen" in line)
    screen = pages.open(screen_link, SCREEN)
    expect(screen.locator(".syn-topic")).to_have_count(3)
    expect(screen.locator(".syn-step")).to_contain_text(["Préparer les bases d'une charte"])


def test_a_dot_refused_by_the_server_goes_and_the_phone_says_why(driven_cafe, pages):
    """One person, two phones: the second gives a dot offline, the first spends the last
    one meanwhile; back online, the second's dot is refused, vanishes, and it says why."""
    code, join = driven_cafe["code"], driven_cafe["body"]["links"]["join"]
    first = pages.open(join, PHONE)
    first.fill("#f-name", "Claire")
    first.click("#join-button")
    first.locator(".table-choice button").first.click()
    first.fill("#f-note", "Un leader efficace")
    first.click("#compose .send")
    expect(first.locator(".note:not(.waiting)")).to_have_count(1)
    token = first.evaluate(f"localStorage.getItem('cafe.token.{code}')")
    second = pages.open(join, PHONE)
    second.evaluate(f"localStorage.setItem('cafe.token.{code}', {token!r})")
    second.reload()
    expect(second.locator("#table")).to_be_visible()
    vote = {"budget": 1, "table": driven_cafe["table"]["id"]}
    assert driven_cafe["console"].call("voting_open", vote)["ok"]
    for phone in (first, second):  # each has synced what it may vote on (me.may.vote_on)
        expect(phone.locator("#vote .vote-note")).to_have_count(1)  # the vote drawn
        expect(phone.locator(".vote-note .give")).to_be_visible()
    second.context.set_offline(True)
    second.locator(".vote-note .give").click()  # waits, offline
    expect(second.locator(".vote-note .my-dots")).to_have_text("●")
    first.locator(".vote-note .give").click()
    expect(first.locator(".vote-note .my-dots")).to_have_text("●")
    second.context.set_offline(False)
    expect(second.locator("#refusal")).to_contain_text("toutes vos gommettes")
    expect(second.locator(".vote-note .my-dots")).to_have_text("●")  # the server's one
    expect(second.locator("#failed")).to_be_hidden()
    assert second.evaluate(f"localStorage.getItem('cafe.outbox.{code}')") == "[]"
