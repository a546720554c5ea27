"""A whole workshop in Chromium, as its people live it: one facilitator, one projector and
twelve phones, from the forum to the report, in French and in English.

Each step asserts what each person sees; every surface is checked for accessibility
(axe-core: no serious or critical violation) and photographed at each phase into
test-artifacts/screenshots/<language>/. The projector is looked at in 1920x1080 and again
in 1280x720: every text inside the frame, uncut, at 18 px or more.
"""

import csv
import io
import re
from pathlib import Path

import pytest
import requests
import segno
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect
from pypdf import PdfReader

from .browser import PHONE, SCREEN
from .helpers import ROOT
from .test_browser_screen_fit import FIT

pytestmark = pytest.mark.browser
CONSOLE = {"viewport": {"width": 1440, "height": 1000}}
SHOTS = ROOT / "test-artifacts" / "screenshots"
PEOPLE = [("Claire", "IA"), ("Alexia", "IA"), ("Philippe", "ATE Conseil"),
          ("Sophie", "Latitude"), ("Julie", "Via Storia"), ("Marc", "C-L'Org"),
          ("Pierre", "Pierre Garnier Toiture"), ("Thomas", "ATE Conseil"),
          ("Nadia", "C-L'Org"), ("Laurent", "Latitude"), ("Émilie", "Via Storia"),
          ("Hugo", "Pierre Garnier Toiture")]
TOPICS = ["La coopération inter-entreprise pour les entreprises de services",
          "Complémentarités des compétences entre deux entreprises (synergie)",
          "Mutualisation des compétences avec une culture partagée",
          "Le numérique au service de la coopération"]
HOSTS = {0: "Philippe", 1: "Sophie", 2: "Julie"}  # topic -> who volunteers to host it
WORDS = {
    "fr": {"people": "12 personnes présentes", "forum": "Forum ouvert", "cafe": "World Café",
           "harvest": "Récolte", "closed": "Clôturé", "round": "Tour {n}",
           "table": "→ Table {n}", "volunteer": "Je l’anime", "retain": "Retenir",
           "dots": "{n} gommettes données", "kept": "Retenu", "done": "Le tour {n} est terminé.",
           "thanks": "L’atelier est terminé", "merci": "Merci, {name}\u202f!",
           "digest": "Déjà écrit à cette table",
           "steps": "Projets pour la suite", "summary": "Pour résumer",
           "screen_thanks": "Merci\u202f!"},
    "en": {"people": "12 people here", "forum": "Open forum", "cafe": "World Café",
           "harvest": "Harvest", "closed": "Closed", "round": "Round {n}",
           "table": "→ Table {n}", "volunteer": "I will host it", "retain": "Retain",
           "dots": "{n} dots given", "kept": "Kept", "done": "Round {n} is over.",
           "thanks": "The workshop is over", "merci": "Thank you, {name}!",
           "digest": "Earlier at this table",
           "steps": "Next steps", "summary": "To sum up",
           "screen_thanks": "Thank you!"},
}


# Cross-pollination (issue 16): travellers carry notes into rounds 2 and 3 from their
# phones; at the end each phone's "you met" line is checked against the seating it showed.
CARRIERS = ("Marc", "Nadia")  # Marc carries his own note, Nadia one of her table's
CARRY_WORDS = {
    "fr": {"by": "Apportée de la table {n} par {name}",
           "met_with": "Vous avez rencontré {people} de {orgs}.",
           "met_only": "Vous avez rencontré {people}.",
           "people": ("1 personne", "{n} personnes"),
           "orgs": ("1 autre organisation", "{n} autres organisations")},
    "en": {"by": "Carried from Table {n} by {name}", "met_with": "You met {people} from {orgs}.",
           "met_only": "You met {people}.", "people": ("1 person", "{n} people"),
           "orgs": ("1 other organisation", "{n} other organisations")},
}


def table_number(shown: str) -> int:
    """The number in the phone's "→ Table 2"."""
    return int(re.search(r"\d+", shown).group())


def carry_ideas(phones, number: int) -> dict[str, str]:
    """Between two rounds, each carrier picks a note on their phone and carries it to the
    table they go to next: {name: the note's text}."""
    carried = {}
    for name in CARRIERS:
        carry = phones[name].locator("#carry")
        expect(carry).to_be_visible()
        expect(carry.locator("#carry-send")).to_be_disabled()
        own = f"Idée de {name}, tour {number - 1}"
        labels = carry.locator("#carry-list label")
        choice = (labels.filter(has_text=own) if name == "Marc"  # never the same as Marc's
                  else labels.filter(has_not_text=own).filter(has_not_text="Idée de Marc").first)
        carried[name] = choice.locator(".note-text").inner_text().strip()
        choice.click()
        carry.locator("#carry-send").click()
        expect(carry.locator("#carry-done")).to_contain_text(carried[name][:20])
    return carried


def check_carried(phones, carried: dict[str, str], tables_seen: dict, number: int,
                  language: str) -> None:
    """In the round, each carried note waits at its carrier's new table, marked so."""
    words = CARRY_WORDS[language]
    for name, text in carried.items():
        left = table_number(tables_seen[name][number - 2])
        note = phones[name].locator("#board .note", has_text=text).filter(
            has=phones[name].locator(".carried"))
        expect(note.locator(".carried")).to_have_text(words["by"].format(n=left, name=name))


def expected_meetings(tables_seen: dict, me: str) -> tuple[int, int]:
    """Whom `me` sat with in the rounds played, from the tables the phones showed (not
    from the server's count): (people, their organisations other than one's own)."""
    met = {other for other, seen in tables_seen.items() if other != me and any(
        table_number(a) == table_number(b) for a, b in zip(seen, tables_seen[me], strict=True))}
    orgs = dict(PEOPLE)  # someone without a phone has no organisation here
    own = orgs[me].casefold()
    return len(met), len({orgs.get(p, "").casefold() for p in met} - {own, ""})


def no_phone_table(screen) -> str:
    """Where the screen's seating sends the person without a phone, who has no phone to
    show it: "Table 2", read off the projector like anyone in the room would."""
    column = screen.locator("#seating-columns .column").filter(
        has=screen.locator(".name", has_text=NO_PHONE))
    expect(column).to_have_count(1)
    return column.locator(".column-number").inner_text()


def check_met(phones, tables_seen: dict, language: str) -> None:
    """Each phone, at the end: "You met 7 people from 4 other organisations"."""
    words = CARRY_WORDS[language]

    def counted(pair, n):
        return (pair[0] if n == 1 else pair[1]).format(n=n)

    for name, phone in phones.items():
        people, orgs = expected_meetings(tables_seen, name)
        assert people > 0, name
        line = (words["met_with"].format(people=counted(words["people"], people),
                                         orgs=counted(words["orgs"], orgs)) if orgs
                else words["met_only"].format(people=counted(words["people"], people)))
        expect(phone.locator("#after-met")).to_have_text(line)


def show_traces(console, screen, witness, carried: int) -> None:
    """At the harvest the console puts how the ideas travelled on the screen: an arrow for
    every note carried in rounds 2 and 3; then the screen follows the phase again."""
    console.select_option("#screen-view", "traces")
    expect(screen.locator("#traces-view")).to_be_visible()
    expect(screen.locator("#traces .trace")).to_have_count(carried)
    expect(screen.locator("#traces .trace-band")).to_have_count(2)
    witness.look_screen("5-harvest-screen-traces", screen)
    console.select_option("#screen-view", "auto")
    expect(screen.locator("#synthesis-view")).to_be_visible()


class Witness:
    """Photographs and checks the accessibility of every surface, phase after phase."""

    def __init__(self, language: str):
        self.folder = SHOTS / language
        self.folder.mkdir(parents=True, exist_ok=True)
        self.axe = Axe()
        self.problems: list[str] = []

    def look(self, name: str, page, *, full: bool = False) -> None:
        page.wait_for_timeout(600)  # let the arrivals' animation end
        page.screenshot(path=str(self.folder / f"{name}.png"), full_page=full)
        results = self.axe.run(page)
        for violation in results.response["violations"]:
            if violation["impact"] in ("serious", "critical"):
                targets = [n["target"] for n in violation["nodes"][:3]]
                self.problems.append(f"{name}: {violation['id']} {targets}")


    def look_screen(self, name: str, screen) -> None:
        """Look at the projector in 1920x1080, then in 1280x720 where it must fit too."""
        self.look(name, screen)
        screen.set_viewport_size({"width": 1280, "height": 720})
        screen.wait_for_timeout(600)
        seen = screen.evaluate(FIT)
        screen.screenshot(path=str(self.folder / f"{name}-1280x720.png"))
        if seen["count"]:
            self.problems.append(f"{name} at 1280x720: {seen['problems']}")
        screen.set_viewport_size(SCREEN["viewport"])


def next_phase(console) -> None:
    console.once("dialog", lambda dialog: dialog.accept())
    console.click("#phase-next")


# --- At the table (issue 15): writing alone, a scribe, review, "done" -----------------
# Kept apart from the rest of the walk so that other additions to the scenario merge well.

NO_PHONE = "Jeanne"  # someone without a phone, for whom a table's host writes


def write_alone_first(console) -> None:
    """The console has the coming round's notes written alone, until the tables' reveal."""
    console.check("#write-alone")


def reveal_what_was_written_alone(console, screen, phones, witness) -> None:
    """While notes are written alone, the screen and the phones show how many, never the
    text, and the author sees their own as "only you"; the console reveals every table.
    Writing alone takes time: the facilitator gives the round five more minutes."""
    console.click("#round-plus")
    expect(screen.locator(".column-written:not([hidden])")).to_have_count(3)
    expect(screen.locator(".screen-note")).to_have_count(0)
    marc = phones["Marc"]
    expect(marc.locator(".note .only-you")).to_have_count(1)
    expect(marc.locator("#written-count")).to_be_visible()
    witness.look("3-cafe-phone-written-alone", marc)
    witness.look_screen("3-cafe-screen-written-alone", screen)
    console.click("#reveal-all")
    expect(screen.locator(".screen-note")).to_have_count(9)
    expect(marc.locator(".note .only-you")).to_have_count(0)
    console.uncheck("#write-alone")


def scribe_for_someone_without_a_phone(host, screen, witness) -> None:
    """A table's host adds someone without a phone and writes a note in their name."""
    host.click("#scribe summary")
    host.fill("#f-scribe-name", NO_PHONE)
    host.click("#scribe-add button[type=submit]")
    expect(host.locator("#writing-for")).to_contain_text(NO_PHONE)
    host.fill("#f-note", f"Idée de {NO_PHONE}, écrite pour elle")
    witness.look("3-cafe-phone-scribe", host)
    host.click("#compose .send")
    note = screen.locator(".screen-note", has_text=f"Idée de {NO_PHONE}")
    expect(note.locator(".note-author")).to_have_text(NO_PHONE)  # she wrote it, not the host
    host.select_option("#f-scribe-for", "")
    host.click("#scribe summary")


def moderated_anonymous_note(console, screen, author, witness) -> None:
    """With review on, an anonymous note waits in the console's queue, its author's phone
    says so, the console never learns who wrote it, and hides it: it never shows."""
    console.check("#review-anonymous")
    author.fill("#f-note", "Une remarque déplacée")
    author.check("#f-anonymous")
    author.click("#compose .send")
    author.click("#f-note")  # the box stays ticked from one note to the next: untick it
    author.uncheck("#f-anonymous")
    author.click("#compose-close")
    expect(author.locator(".note", has_text="Une remarque déplacée").locator(".in-review")
           ).to_be_visible()
    item = console.locator("#review-queue li", has_text="Une remarque déplacée")
    expect(item).to_be_visible()
    assert "Nadia" not in item.inner_text()
    witness.look("3-cafe-console-review", console, full=True)
    item.locator(".hide").click()
    expect(console.locator("#review-queue li")).to_have_count(0)
    expect(author.locator(".note", has_text="Une remarque déplacée")).to_have_count(0)
    assert screen.locator(".screen-note", has_text="Une remarque déplacée").count() == 0
    console.uncheck("#review-anonymous")


def end_when_everyone_is_done(console, phones, witness) -> None:
    """The round ends early, without the console's button, once every phone said "done"
    (the person without a phone does not hold it)."""
    console.check("#end-when-done")
    *first, last = phones.values()
    for phone in first:
        phone.click("#status-done")
        expect(phone.locator("#status-done")).to_have_attribute("aria-pressed", "true")
    expect(console.locator("#life .done-count").first).to_contain_text(re.compile(r"^[1-4] "))
    witness.look("3-cafe-console-done", console, full=True)
    last.click("#status-done")  # the last one: the round ends by itself
    expect(last.locator("#after-title")).to_be_visible()


def report_counts_hidden_and_credits_the_scribed(downloads) -> None:
    """Every report format counts the hidden note without its text; the note a scribe
    wrote is credited to the person without a phone."""
    pdf = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(
        io.BytesIO(downloads["pdf"])).pages)
    hidden = re.compile(r"1 note (hidden by moderation|masquée par la modération)")
    for name, text in [("pdf", pdf), ("md", downloads["md"].decode()),
                       ("html", downloads["html"].decode())]:
        assert hidden.search(text), name
        assert "Une remarque déplacée" not in text, name
    assert b"Une remarque d" not in downloads["docx"]
    rows = list(csv.reader(io.StringIO(downloads["csv"].decode("utf-8-sig"))))
    author = rows[0].index("auteur" if "auteur" in rows[0] else "author")
    scribed = next(r for r in rows if r[-1].startswith(f"Idée de {NO_PHONE}"))
    assert scribed[author] == NO_PHONE, scribed  # not the host who wrote it down


@pytest.mark.parametrize("language", ["fr", "en"])
def test_a_whole_workshop(live_server, pages, language):
    words = WORDS[language]
    witness = Witness(language)
    locale = "fr-FR" if language == "fr" else "en-GB"

    # The facilitator creates the workshop from the home page.
    console = pages.open(f"{live_server.url}/?lang={language}", CONSOLE, locale=locale)
    console.fill("#f-theme", "Atelier Coopération Inter-entreprise")
    console.fill("#f-date", "2013-04-04")
    console.select_option("#f-language", language)
    console.fill("#f-place", "ES Energie")
    console.fill("#f-organisations", "ATE Conseil, C-L'Org, Latitude, Pierre Garnier Toiture, "
                                     "Via Storia")
    console.fill("#f-animators", "Claire, Alexia")
    console.fill("#f-members", "Christine")
    console.fill("#f-rapporteurs", "Alexia, Claire")
    console.click("#create button[type=submit]")
    console.wait_for_url(re.compile(r"/console/[A-Z2-9]{6}#key="))
    code = console.url.split("/console/")[1][:6]
    screen_url = console.locator("a", has_text=re.compile("écran|screen")).get_attribute("href")
    screen = pages.open(screen_url, SCREEN, locale=locale)
    expect(screen.locator(".join-code-big")).to_have_text(code)
    witness.look("1-setup-console", console, full=True)

    # Phones join through the QR code's address: the SVG served is that of the join URL.
    join_url = screen.locator("#join-url").inner_text()
    served = requests.get(f"{live_server.url}/w/{code}/qr.svg", timeout=5).text
    expected = io.BytesIO()
    segno.make(join_url, error="m").save(expected, kind="svg", scale=10, border=2,
                                         dark="#1d1b16", light="#ffffff", xmldecl=False,
                                         svgclass="qr", title="QR")
    assert served == expected.getvalue().decode()
    phones = {}
    for index, (name, organisation) in enumerate(PEOPLE):
        phone = pages.open(join_url, PHONE, locale=locale)
        if index == 0:
            witness.look("1-setup-phone-join", phone)
        phone.fill("#f-name", name)
        phone.fill("#f-organisation", organisation)
        phone.click("#join-button")
        expect(phone.locator("#welcome")).to_contain_text(name)
        phones[name] = phone
    expect(screen.locator(".chip.person")).to_have_count(12)
    expect(screen.locator("#people-count")).to_have_text(words["people"])
    witness.look_screen("1-setup-screen", screen)
    witness.look("1-setup-phone-waiting", phones["Marc"])
    console.locator("#people tbody tr", has_text="Alexia").locator("select.role").select_option(
        "rapporteur")

    # The open forum: four topics proposed, supported, three kept, hosts volunteer.
    next_phase(console)
    for phone in phones.values():
        expect(phone.locator("#phase")).to_have_text(words["forum"])
    for index, title in enumerate(TOPICS):
        phone = phones[PEOPLE[3 + index][0]]
        phone.fill("#f-title", title)
        phone.click("#propose-form button[type=submit]")
    expect(screen.locator(".wall-card")).to_have_count(4)
    for index, phone in enumerate(phones.values()):
        for topic in [TOPICS[index % 3], TOPICS[(index + 1) % 3]]:
            card = phone.locator(".topic-card", has_text=topic)
            expect(card.locator("button.support")).to_be_enabled()
            card.locator("button.support").click()
            expect(card).to_have_class(re.compile("supported"))
    expect(screen.locator(".wall-card.leading")).to_have_count(3)
    witness.look("2-forum-phone", phones["Nadia"])
    witness.look_screen("2-forum-screen", screen)
    witness.look("2-forum-console", console, full=True)
    console.click("#keep")
    expect(console.locator("#tables tbody tr")).to_have_count(3)
    for topic, host in HOSTS.items():
        kept = phones[host].locator("#kept-list li", has_text=TOPICS[topic])
        kept.get_by_role("button", name=words["volunteer"]).click()
        expect(kept).to_have_class(re.compile("mine"))

    # The café: three timed rounds; the hosts stay, the others travel.
    next_phase(console)
    console.fill("#rounds-form input[name=count]", "3")
    console.fill("#rounds-form input[name=minutes]", "1")
    console.click("#rounds-form button[type=submit]")
    expect(console.locator("#plan tbody tr")).to_have_count(12)
    # The plan is the console's draft until the primary button shows it to everyone.
    expect(console.locator("#round-start")).to_have_attribute("data-step", "show")
    console.click("#round-start")
    first = {}
    for name, phone in phones.items():
        expect(phone.locator("#goto-round")).to_have_text(words["round"].format(n=1))
        first[name] = phone.locator("#goto-table").inner_text()
    witness.look("3-cafe-phone-goto", phones["Hugo"])
    witness.look_screen("3-cafe-screen-seating", screen)
    tables_seen = {name: [] for name in phones}
    carried = {}
    write_alone_first(console)
    for number in (1, 2, 3):
        if number > 1:
            for phone in phones.values():
                expect(phone.locator("#goto-done")).to_have_text(
                    re.compile(re.escape(words["done"].format(n=number - 1))))
        for name, phone in phones.items():
            tables_seen[name].append(phone.locator("#goto-table").inner_text())
        if number > 1:  # added during round 1, at the table of the host who writes for her
            tables_seen.setdefault(NO_PHONE, [tables_seen[HOSTS[0]][0]])
            tables_seen[NO_PHONE].append(no_phone_table(screen))
        if number > 1:
            carried = carry_ideas(phones, number)
            if number == 2:
                witness.look("3-cafe-phone-carry", phones["Marc"])
        expect(console.locator("#round-start")).to_have_attribute("data-step", "start")
        console.click("#round-start")
        for phone in phones.values():
            expect(phone.locator("#table")).to_be_visible()
        expect(screen.locator(".screen-clock")).to_have_text(re.compile(r"^[01]:\d\d$"))
        if number == 1:
            for host in HOSTS.values():
                phones[host].fill("#f-question-text", "Comment se fait cette coopération ?")
                phones[host].click("#question-form button")
        for index, (name, phone) in enumerate(phones.items()):
            if name in HOSTS.values():
                continue
            phone.fill("#f-note", f"Idée de {name}, tour {number}")  # the composer opens
            if number == 1:
                expect(phone.locator("#f-note-question option")).to_have_count(2)
                phone.select_option("#f-note-question", index=1)
            phone.locator("#compose .colour-dot").nth(index % 5).click()
            phone.click("#compose .send")
        if number == 1:
            reveal_what_was_written_alone(console, screen, phones, witness)
        # This round's notes only, and those carried into it.
        expect(screen.locator(".screen-note")).to_have_count(9 + len(carried))
        if carried:
            check_carried(phones, carried, tables_seen, number, language)
        if number == 1:
            scribe_for_someone_without_a_phone(phones[HOSTS[0]], screen, witness)
            witness.look("3-cafe-phone-table", phones["Marc"])
            witness.look_screen("3-cafe-screen-round", screen)
            witness.look("3-cafe-console", console, full=True)
            # A phone in a lift: two notes typed offline arrive once when it is back.
            lift = phones["Laurent"]
            lift.context.set_offline(True)
            expect(lift.locator("#status")).to_have_attribute("data-status", "reconnecting")
            for text in ["Écrit dans l'ascenseur", "Écrit sans réseau"]:
                lift.fill("#f-note", text)
                lift.click("#compose .send")
            expect(lift.locator(".note.waiting")).to_have_count(2)
            assert lift.evaluate("document.scrollingElement.scrollWidth") <= PHONE["viewport"][
                "width"], "the offline status pushes the page sideways"
            witness.look("3-cafe-phone-offline", lift)
            lift.context.set_offline(False)
            for text in ["Écrit dans l'ascenseur", "Écrit sans réseau"]:
                expect(screen.locator(".screen-note", has_text=text)).to_have_count(
                    1, timeout=15_000)
        if number == 2:
            host = phones[HOSTS[0]]
            expect(host.locator("#digest")).to_be_visible()
            expect(host.locator("#digest-title")).to_contain_text(words["digest"])
            witness.look("3-cafe-phone-host-digest", host)
            moderated_anonymous_note(console, screen, phones["Nadia"], witness)
        if number == 3:
            end_when_everyone_is_done(console, phones, witness)
        else:
            console.once("dialog", lambda dialog: dialog.accept())
            console.click("#round-end")
    witness.look("3-cafe-phone-done", phones["Marc"], full=True)  # what comes next
    for name, seen in tables_seen.items():
        if name in HOSTS.values():
            assert len(set(seen)) == 1, (name, seen)  # a host stays
        else:
            assert len(set(seen)) == 3, (name, seen)  # a traveller sees every table

    # Dot voting, hidden until the reveal.
    console.fill("#voting-form input[name=budget]", "3")
    console.check("#voting-form input[name=hidden]")
    console.click("#voting-open")
    for index, phone in enumerate(phones.values()):
        expect(phone.locator("#vote")).to_be_visible()
        for pick in range(3):
            phone.locator(".vote-note").nth((index + pick * 4) % 20).locator(".give").click()
    expect(screen.locator("#dots-cast")).to_have_text(words["dots"].format(n=36))
    witness.look("4-vote-phone", phones["Pierre"])
    witness.look_screen("4-vote-screen-hidden", screen)
    console.click("#voting-reveal")
    expect(screen.locator(".bar-row").first).to_be_visible()
    witness.look_screen("4-vote-screen-results", screen)
    console.click("#voting-close")

    # The harvest: hosts retain the voted notes, the rapporteur sums up, all live.
    next_phase(console)
    for phone in phones.values():
        expect(phone.locator("#phase")).to_have_text(words["harvest"])
        expect(phone.locator("#synthesis")).to_be_visible()
    for host in HOSTS.values():
        phones[host].locator(".syn-topic.writable .syn-retained .syn-tools button",
                             has_text=words["retain"]).click()
    expect(screen.locator(".syn-retained .syn-idea").first).to_be_visible()
    rapporteur = phones["Alexia"]
    rapporteur.locator(".syn-topic").first.locator(".syn-summary textarea").fill(
        "Pour résumer, la coopération peut se faire si :\n1. Il y a un leader efficace")
    rapporteur.locator(".syn-topic").first.locator(".syn-summary button.primary").click()
    expect(screen.locator(".syn-summary .syn-paragraph").first).to_contain_text("leader")
    phones["Hugo"].locator(".syn-propose input[name=text]").fill("Préparer une charte commune")
    phones["Hugo"].locator(".syn-propose button").click()
    console.locator(".syn-step", has_text="charte").locator("button[data-status=kept]").click()
    expect(screen.locator(".syn-step", has_text="charte")).to_contain_text(words["kept"])
    witness.look("5-harvest-phone", rapporteur, full=True)
    witness.look_screen("5-harvest-screen", screen)
    show_traces(console, screen, witness, 2 * len(CARRIERS))
    witness.look("5-harvest-console", console, full=True)

    # The report, in every format, from the console.
    downloads = {}
    for fmt in ["pdf", "docx", "html", "md", "csv", "json"]:
        with console.expect_download() as download:
            console.click(f".export-buttons button[data-format={fmt}]")
        downloads[fmt] = Path(download.value.path()).read_bytes()
    pdf = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(
        io.BytesIO(downloads["pdf"])).pages)
    for part in ["Atelier Coopération Inter-entreprise", TOPICS[0], TOPICS[2], words["steps"],
                 words["summary"], "Préparer une charte commune"]:
        assert part in pdf, part
    assert downloads["docx"][:2] == b"PK"
    assert TOPICS[1] in downloads["md"].decode() and words["steps"] in downloads["md"].decode()
    assert "Idée de Marc, tour 1" in downloads["csv"].decode("utf-8-sig")
    assert b"\"code\"" in downloads["json"]
    report_counts_hidden_and_credits_the_scribed(downloads)

    # The end: thanks, and the synthesis to read.
    next_phase(console)
    for name, phone in phones.items():
        expect(phone.locator("#after-title")).to_have_text(words["merci"].format(name=name))
        expect(phone.locator("#after-next")).to_contain_text(words["thanks"])
        expect(phone.locator("#after-list")).to_contain_text(words["round"].format(n=3))
    check_met(phones, tables_seen, language)
    witness.look("6-closed-phone", phones["Émilie"], full=True)
    expect(screen.locator("#closing-view")).to_contain_text(words["screen_thanks"])
    witness.look_screen("6-closed-screen", screen)
    assert witness.problems == []
