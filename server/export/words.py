"""The report's fixed words in the workshop's language, from the message catalogues.

The English text is the message id and the French is in translations/fr (inside the
package once installed: server/paths.py), like every other message of the app (`make
extract` finds these). The report is made without a Flask app (`cafe export`), so the
catalogue is read with Babel directly. Every message has the context "report": the
report keeps the reference's wording even if the same English words are translated
otherwise on screen.
"""

import io
from functools import cache

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations

from ..paths import bundled

TRANSLATIONS = bundled("translations")  # the app's catalogues, as in server/i18n.py


@cache
def catalogue(language: str) -> NullTranslations:
    """Return the translations of a language (English, the message ids, if unknown)."""
    found = Translations.load(str(TRANSLATIONS), [language])
    if isinstance(found, Translations) or language == "en":
        return found
    po = TRANSLATIONS / language / "LC_MESSAGES" / "messages.po"
    if not po.is_file():
        return found
    # Not compiled yet (no `make setup`): a French report must not come out in English.
    with po.open("rb") as source:
        compiled = io.BytesIO()
        write_mo(compiled, read_po(source, locale=language), use_fuzzy=True)
    compiled.seek(0)
    return Translations(compiled)


@cache
def labels(language: str) -> dict:
    """Return the report's words in a language; placeholders are %(name)s."""
    t = catalogue(language)
    return {
        "date": t.pgettext("report", "Date"),
        "date_value": t.pgettext("report", "%(date)s"),
        "theme": t.pgettext("report", "Theme"),
        "place": t.pgettext("report", "Place"),
        "organisations": t.pgettext("report", "With"),
        "animators": t.pgettext("report", "Facilitation"),
        "members": t.pgettext("report", "Members"),
        "rapporteurs": t.pgettext("report", "Report written by"),
        "format": t.pgettext("report", "A participative format mixing the open forum and the "
                             "World Café was held to bring out ideas on the theme “%(theme)s”."),
        "separator": t.pgettext("report", "; "),
        "colon": t.pgettext("report", ":"),
        "retained": t.pgettext("report", "Retained ideas"),
        "summary": t.pgettext("report", "To sum up"),
        "undeveloped": t.pgettext("report", "Ideas not developed"),
        "steps": t.pgettext("report", "Next steps"),
        "owner": t.pgettext("report", "by %(owner)s"),
        # Between the tables: the notes that travelled, and who met whom.
        "between": t.pgettext("report", "Between the tables"),
        "travelled": t.pgettext("report", "Ideas that travelled"),
        "met": t.pgettext("report", "Who met whom"),
        "ranked": t.pgettext("report", "The retained ideas are ranked by the number of "
                             "organisations whose participants gave them dots."),
        "one_organisation": t.pgettext("report", "carried by one organisation"),
        "none_built_on": t.pgettext("report", "none was built on at its new table"),
        "retained_there": t.pgettext("report", "retained in the synthesis"),
        "trace_header": [
            t.pgettext("report", "No."), t.pgettext("report", "Note"),
            t.pgettext("report", "Tables"), t.pgettext("report", "After round"),
            t.pgettext("report", "Brought by"), t.pgettext("report", "At its new table"),
        ],
        "figure": t.pgettext("report", "Each arrow is a note carried from one table to "
                             "another after a round, numbered as in the table below; in "
                             "colour, those built on at their new table."),
        "column": t.pgettext("report", "Table %(n)s"),
        "band": t.pgettext("report", "after round %(n)s"),
        "share": t.pgettext("report", "Over the rounds, %(share)s of the possible meetings "
                            "between participants happened."),
        "met_none": t.pgettext("report", "%(name)s met no other organisation"),
        "due": t.pgettext("report", "by %(due)s"),
        "notes_header": [
            t.pgettext("report", "table"), t.pgettext("report", "topic"),
            t.pgettext("report", "round"), t.pgettext("report", "question"),
            t.pgettext("report", "author"), t.pgettext("report", "colour"),
            t.pgettext("report", "dots"), t.pgettext("report", "time (%(zone)s)"),
            t.pgettext("report", "text"),
        ],
        # The files' names: "workshop-2013-04-04-ABC234.md", "atelier-…" in French.
        "file": t.pgettext("report", "workshop"),
        "anonymous": t.pgettext("report", "anonymous"),
        "colours": {
            "yellow": t.pgettext("report", "yellow"), "pink": t.pgettext("report", "pink"),
            "blue": t.pgettext("report", "blue"), "green": t.pgettext("report", "green"),
            "orange": t.pgettext("report", "orange"),
        },
        # A written report spells small numbers out ("trois sujets").
        "numbers": [
            t.pgettext("report", "one"), t.pgettext("report", "two"),
            t.pgettext("report", "three"), t.pgettext("report", "four"),
            t.pgettext("report", "five"), t.pgettext("report", "six"),
            t.pgettext("report", "seven"), t.pgettext("report", "eight"),
            t.pgettext("report", "nine"), t.pgettext("report", "ten"),
            t.pgettext("report", "eleven"), t.pgettext("report", "twelve"),
        ],
    }


@cache
def plurals(language: str, n: int) -> dict[str, str]:
    """Return the sentences whose words follow a count n; placeholders are %(name)s."""
    t = catalogue(language)
    return {
        "people": t.npgettext("report", "%(n)s person took part", "%(n)s people took part", n),
        "topics": t.npgettext("report", "the participants proposed %(n)s topic",
                              "the participants proposed %(n)s topics", n),
        "rounds": t.npgettext("report", "the tables worked in %(n)s round of %(minutes)s",
                              "the tables worked in %(n)s rounds of %(minutes)s", n),
        "minutes": t.npgettext("report", "%(n)s minute", "%(n)s minutes", n),
        "dots": t.npgettext("report", "%(n)s dot picked the retained ideas",
                            "%(n)s dots picked the retained ideas", n),
        "chosen": t.npgettext("report", "The participants chose one topic:",
                              "The participants chose %(n)s topics:", n),
        "votes": t.npgettext("report", "%(n)s dot", "%(n)s dots", n),
        "organisations": t.npgettext("report", "%(n)s organisation", "%(n)s organisations", n),
        "agreed": t.npgettext("report", "agreed across %(n)s organisation",
                              "agreed across %(n)s organisations", n),
        "carried": t.npgettext("report",
                               "%(n)s note was carried from one table to another after a round",
                               "%(n)s notes were carried from one table to another after a round",
                               n),
        "built_on": t.npgettext("report",
                                "%(n)s was built on at its new table (dots, or retained as an "
                                "idea)",
                                "%(n)s were built on at their new table (dots, or retained as "
                                "ideas)", n),
        "met": t.npgettext("report", "%(name)s met %(n)s other organisation",
                           "%(name)s met %(n)s other organisations", n),
        "table_rounds": t.npgettext("report", "at %(n)s table over the rounds",
                                    "at %(n)s tables over the rounds", n),
        "hidden": t.npgettext("report", "%(n)s note hidden by moderation is not shown.",
                              "%(n)s notes hidden by moderation are not shown.", n),
        "unshown": t.npgettext("report",
                               "%(n)s note the table never saw (waiting for review, or "
                               "written alone and not revealed) is not shown.",
                               "%(n)s notes the table never saw (waiting for review, or "
                               "written alone and not revealed) are not shown.", n),
    }


def number(n: int, language: str) -> str:
    """Spell a small number out, as a written report does; digits from thirteen on."""
    words = labels(language)["numbers"]
    return words[n - 1] if 1 <= n <= len(words) else str(n)
