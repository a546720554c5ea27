"""French and English: the locale of a request, and translation of messages by language."""

from functools import cache

from babel.support import NullTranslations, Translations
from flask import g, request
from flask_babel import Babel, gettext

from .domain.workshop import LANGUAGES
from .paths import bundled

TRANSLATIONS = bundled("translations")


def chosen_language() -> str | None:
    """Return the language a person chose (?lang= or their cookie), if any."""
    chosen = request.args.get("lang") or request.cookies.get("lang")
    return chosen if chosen in LANGUAGES else None


def select_locale() -> str:
    """Pick the language: the person's choice, the workshop's, then the browser's; on a
    page that follows its device (the phone), the browser's before the workshop's."""
    workshop = g.get("workshop_language")
    workshop = workshop if workshop in LANGUAGES else None
    device = request.accept_languages.best_match(LANGUAGES)
    # A phone is one person's: its interface speaks their language, whatever the
    # workshop's (what people write stays as written). The projector and the console
    # speak to the room, in the workshop's language.
    later = (device, workshop) if g.get("device_first") else (workshop, device)
    return chosen_language() or later[0] or later[1] or "fr"


def init_i18n(app) -> None:
    """Install Flask-Babel with our catalogues."""
    app.config.setdefault("BABEL_TRANSLATION_DIRECTORIES", str(TRANSLATIONS))
    Babel(app, locale_selector=select_locale)


@cache
def _catalogue(language: str) -> NullTranslations:
    return Translations.load(str(TRANSLATIONS), [language])


def translate(message: str, language: str | None) -> str:
    """Translate a message id into `language` (or the current request's locale).

    With a language, no Flask context is needed: Socket.IO events are answered outside
    one (server/realtime/namespace.py).
    """
    if language in LANGUAGES:
        return _catalogue(language).gettext(message)
    return gettext(message)
