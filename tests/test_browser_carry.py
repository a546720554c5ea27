"""In Chromium: ideas that travel and who met whom, on the phones. Between two rounds a
traveller carries a note to their next table, where it arrives marked "carried from
Table N by …" (no name for an anonymous note); the host of that table reads a brief for
the newcomers; at the end, each phone says how many people it met, from how many other
organisations, as the seating that was played says. In French and in English, at 360 and
390 px wide."""

import re
from itertools import combinations

import pytest
import requests
import socketio
from playwright.sync_api import expect

from .browser import PHONE, axe_serious
from .conftest import REFERENCE
from .helpers import ROOT

pytestmark = pytest.mark.browser
PEOPLE = [("Claire", "Latitude"), ("Alexia", "C-L'Org"), ("Marc", "Via Storia"),
          ("Julie", "ATE Conseil"), ("Paul", "Latitude")]
WORDS = {
    "fr": {"carry": "Apporter une idée à la table {n}",
           "by": "Apportée de la table {n} par {name}", "from": "Apportée de la table {n}",
           "done": "Vous apportez «\u202f{text}\u202f» à la table {n}",
           "brief": "Pour les nouveaux venus",
           "met_with": "Vous avez rencontré {people} de {orgs}.",
           "people": ("1 personne", "{n} personnes"),
           "orgs": ("1 autre organisation", "{n} autres organisations")},
    "en": {"carry": "Carry an idea to Table {n}", "by": "Carried from Table {n} by {name}",
           "from": "Carried from Table {n}", "done": "You carry “{text}” to Table {n}",
           "brief": "For the newcomers", "met_with": "You met {people} from {orgs}.",
           "people": ("1 person", "{n} people"),
           "orgs": ("1 other organisation", "{n} other organisations")},
}


def shots(language: str):
    folder = ROOT / "test-artifacts" / "screenshots" / "harvest" / language
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def counted(pair: tuple[str, str], n: int) -> str:
    return (pair[0] if n == 1 else pair[1]).format(n=n)


def expected_meetings(plan: dict, me: str, orgs: dict[str, str]) -> tuple[int, int]:
    """People one sat with in the rounds played, and their organisations (not one's own),
    computed from the seating alone."""
    met = set()
    for seating in plan.values():
        tables = {}
        for pid, table in seating.items():
            tables.setdefault(table, []).append(pid)
        for group in tables.values():
            for a, b in combinations(group, 2):
                if me in (a, b):
                    met.add(b if a == me else a)
    own = orgs[me].casefold()
    return len(met), len({orgs[p].casefold() for p in met} - {own, ""})


@pytest.mark.parametrize(("language", "width"), [("fr", 360), ("en", 390)])
def test_carry_a_note_brief_the_newcomers_and_count_who_one_met(live_server, pages, language,
                                                                 width):
    words = WORDS[language]
    body = requests.post(live_server.url + "/api/workshops",
                         json={**REFERENCE, "language": language}, timeout=5).json()
    code = body["workshop"]["code"]
    console = socketio.Client()
    console.connect(live_server.url, auth={"code": code, "role": "console",
                                           "key": body["console_key"]},
                    transports=["websocket"])
    kind = {**PHONE, "viewport": {"width": width, "height": 780}}
    locale = "fr-FR" if language == "fr" else "en-GB"
    phones = {}
    for name, org in PEOPLE:
        phone = pages.open(body["links"]["join"], kind, locale=locale)
        phone.fill("#f-name", name)
        phone.fill("#f-organisation", org)
        phone.click("#join-button")
        expect(phone.locator("#welcome")).to_contain_text(name)
        phones[name] = phone
    ids = {p["name"]: p["id"] for p in console.call("sync", {})["snapshot"]["participants"]}
    orgs = {ids[name]: org for name, org in PEOPLE}
    tables = [console.call("table_add", {"title": title})["table"]
              for title in ["Coopération dans les services", "Mutualisation des compétences",
                            "Le numérique"]]
    hosts = ["Claire", "Alexia", "Paul"]
    for table, host in zip(tables, hosts, strict=True):
        assert console.call("table_update", {"table": table["id"], "host": ids[host]})["ok"]
    number = {t["id"]: t["number"] for t in tables}
    host_of = {t["id"]: h for t, h in zip(tables, hosts, strict=True)}
    for phase in ("forum", "cafe"):
        assert console.call("phase_set", {"phase": phase})["ok"]
    assert console.call("rounds_configure", {"count": 3, "minutes": 5})["ok"]
    assert console.call("seating_show", {})["ok"]
    for phone in phones.values():  # everyone sees where to go before the round starts
        expect(phone.locator("#goto-table")).to_have_text(re.compile(r"→ Table \d"))
    assert console.call("round_start", {})["ok"]
    for phone in phones.values():
        expect(phone.locator("#table")).to_be_visible()
    marc, julie = phones["Marc"], phones["Julie"]
    marc.fill("#f-note", "Partager les clients")
    marc.click("#compose .send")
    julie.fill("#f-note", "Un fonds commun")
    julie.check("#f-anonymous")
    julie.click("#compose .send")
    expect(julie.locator("#board .note", has_text="Un fonds commun")).not_to_have_class(
        re.compile("waiting"))
    expect(marc.locator("#board .note", has_text="Partager les clients")).not_to_have_class(
        re.compile("waiting"))
    # Nothing to carry while the round runs.
    expect(marc.locator("#carry")).to_be_hidden()

    assert console.call("round_end", {})["ok"]
    plan = console.call("sync", {})["snapshot"]["plan"]
    to = {name: plan["2"][ids[name]] for name in ("Marc", "Julie")}
    # The hosts stay: their phones offer nothing to carry.
    expect(phones["Claire"].locator("#goto-table")).to_be_visible()
    expect(phones["Claire"].locator("#carry")).to_be_hidden()
    carry = marc.locator("#carry")
    expect(carry).to_be_visible()
    expect(carry.locator("#carry-title")).to_have_text(words["carry"].format(n=number[to["Marc"]]))
    # One's own note comes first; nothing goes before a note is picked.
    expect(carry.locator("#carry-list li").first).to_contain_text("Partager les clients")
    expect(carry.locator("#carry-send")).to_be_disabled()
    assert marc.evaluate("document.scrollingElement.scrollWidth") <= width
    problems = axe_serious(marc)
    assert problems == [], problems
    carry.locator("#carry-list label", has_text="Partager les clients").click()
    carry.locator("#carry-send").click()
    expect(carry.locator("#carry-done")).to_contain_text(
        words["done"].format(text="Partager les clients", n=number[to["Marc"]]))
    expect(carry.locator("#carry-send")).to_be_hidden()
    marc.screenshot(path=str(shots(language) / f"phone-carry-{width}.png"), full_page=True)
    # Julie carries her anonymous note: it travels without her name.
    julie.locator("#carry-list label", has_text="Un fonds commun").click()
    julie.locator("#carry-send").click()
    expect(julie.locator("#carry-done")).to_be_visible()

    # The host of Marc's next table reads what arrived, in the brief for the newcomers.
    host = phones[host_of[to["Marc"]]]
    brief = host.locator("#goto-brief")
    expect(brief).to_be_visible()
    expect(brief.locator(".brief-title")).to_have_text(words["brief"])
    arrived = brief.locator(".brief-arrived li", has_text="Partager les clients")
    expect(arrived).to_contain_text(
        words["by"].format(n=number[plan["1"][ids["Marc"]]], name="Marc"))
    problems = axe_serious(host)
    assert problems == [], problems
    host.screenshot(path=str(shots(language) / f"phone-host-brief-{width}.png"), full_page=True)

    # The next round: the carried notes are at their new tables, marked so.
    assert console.call("round_start", {})["ok"]
    expect(marc.locator("#table")).to_be_visible()
    mark = marc.locator("#board .note", has_text="Partager les clients").locator(".carried")
    expect(mark).to_have_text(words["by"].format(n=number[plan["1"][ids["Marc"]]], name="Marc"))
    anonymous = julie.locator("#board .note", has_text="Un fonds commun").locator(".carried")
    expect(anonymous).to_have_text(words["from"].format(n=number[plan["1"][ids["Julie"]]]))
    # At the rotation, the brief heads the host's "earlier at this table".
    expect(host.locator("#digest")).to_have_attribute("open", "")
    expect(host.locator("#digest-brief .brief-arrived")).to_contain_text("Partager les clients")

    # One note a round: a second carry after round 2 is taken, then refused after that.
    assert console.call("round_end", {})["ok"]
    expect(carry).to_be_visible()
    expect(carry.locator("#carry-done")).to_be_hidden()
    assert console.call("round_start", {})["ok"]
    assert console.call("round_end", {})["ok"]

    # The end: each phone says whom it met, as the seating played says.
    plan = console.call("sync", {})["snapshot"]["plan"]
    for name, phone in phones.items():
        people, others = expected_meetings(plan, ids[name], orgs)
        line = words["met_with"].format(people=counted(words["people"], people),
                                        orgs=counted(words["orgs"], others))
        expect(phone.locator("#after-met")).to_have_text(line)
    problems = axe_serious(phones["Paul"])
    assert problems == [], problems
    phones["Paul"].screenshot(path=str(shots(language) / f"phone-you-met-{width}.png"))
    console.disconnect()
