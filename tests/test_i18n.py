"""French and English: every message has its French, and both languages show up."""

from pathlib import Path

from babel.messages.pofile import read_po

from server.web.strings import COMMON, SURFACES

ROOT = Path(__file__).resolve().parent.parent


def test_every_message_is_translated_into_french():
    with (ROOT / "translations/fr/LC_MESSAGES/messages.po").open("rb") as f:
        catalog = read_po(f, locale="fr")
    missing = [m.id for m in catalog if m.id and not m.string]
    fuzzy = [m.id for m in catalog if m.id and m.fuzzy]
    assert missing == [] and fuzzy == []
    # Placeholders survive translation.
    for message in catalog:
        if message.id and "%(" in message.id:
            for name in message.id.split("%(")[1:]:
                assert f"%({name.split(')')[0]})" in message.string, message.id


def test_the_script_strings_come_in_both_languages(app):
    from flask_babel import force_locale

    from server.web.strings import strings_for

    with app.test_request_context("/"):
        for surface in ["home", *SURFACES]:
            with force_locale("fr"):
                french = strings_for(surface)
            with force_locale("en"):
                english = strings_for(surface)
            assert french.keys() == english.keys()
            same = {french[k] for k in french if french[k] == english[k]}
            # Only words spelt alike in both languages may be left equal.
            assert same <= {"World Café", "Console", "Table", "Table %(n)s", "Orange", "Pause",
                            "Notes", "Date"}, same
    assert COMMON["phase.forum"]


def test_error_pages_speak_the_visitors_language(client):
    french = client.get("/nowhere", headers={"Accept-Language": "fr"})
    assert french.status_code == 404 and "Cette page n’existe pas." in french.get_data(True)
    english = client.get("/nowhere?lang=en")
    assert "This page does not exist." in english.get_data(True)
    api = client.get("/api/nowhere?lang=fr")
    assert api.get_json()["error"] == {"code": "not_found", "message": "Cette page n’existe pas."}


def test_the_report_reads_the_apps_catalogues_without_flask(tmp_path, monkeypatch):
    from server import i18n
    from server.export import words

    assert words.TRANSLATIONS == i18n.TRANSLATIONS
    assert words.labels("fr")["steps"] == "Projets pour la suite"
    assert words.labels("en")["steps"] == "Next steps"
    # A French catalogue not compiled yet (no `make setup`) is read from its .po.
    po = tmp_path / "fr" / "LC_MESSAGES" / "messages.po"
    po.parent.mkdir(parents=True)
    po.write_bytes((ROOT / "translations/fr/LC_MESSAGES/messages.po").read_bytes())
    monkeypatch.setattr(words, "TRANSLATIONS", tmp_path)
    fresh = words.catalogue.__wrapped__("fr")
    assert fresh.pgettext("report", "To sum up") == "Pour résumer"
    assert fresh.npgettext("report", "%(n)s dot", "%(n)s dots", 3) == "%(n)s gommettes"


def test_the_apps_files_are_found_in_a_checkout_and_in_an_installed_package(tmp_path):
    from server.paths import PACKAGE, bundled

    # A checkout: the folders at the repository's top level.
    for name in ("templates", "static", "translations"):
        assert bundled(name) == ROOT / name
    assert PACKAGE == ROOT / "server"
    # An installed wheel: the package's own copy, even with a folder of that name beside it.
    package = tmp_path / "site-packages" / "server"
    (package / "static").mkdir(parents=True)
    (package.parent / "static").mkdir()
    assert bundled("static", package) == package / "static"
