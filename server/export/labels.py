"""The words of the report, in the workshop's language (French first, like the reference)."""

NUMBERS = {
    "fr": ["zéro", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix",
           "onze", "douze"],
    "en": ["no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
           "eleven", "twelve"],
}

LABELS = {
    "fr": {
        "title": "Compte rendu",
        "date": "Date", "date_value": "le {date}", "theme": "Thème", "place": "Lieu",
        "organisations": "Avec les entreprises", "animators": "Animation",
        "members": "Membres", "rapporteurs": "Rédaction",
        "format": ("Il a été organisé un format participatif hybride entre le forum ouvert et "
                   "le World Café afin de dégager des idées sur le thème « {theme} »."),
        "people": "{people} personnes y ont pris part",
        "forum": "les participants ont proposé {topics} sujets",
        "rounds": "les tables ont travaillé en {rounds} tours de {minutes}",
        "dots": "{dots} gommettes ont désigné les idées retenues",
        "chosen": "Les participants ont choisi {n} sujets :",
        "chosen_one": "Les participants ont choisi un sujet :",
        "retained": "Idées retenues", "summary": "Pour résumer",
        "undeveloped": "Idées non développées", "steps": "Projets pour la suite",
        "votes_one": "1 voix", "votes": "{n} voix", "owner": "par {owner}", "due": "pour le {due}",
        "notes_header": ["table", "sujet", "tour", "question", "auteur", "couleur", "voix",
                         "heure", "texte"],
        "anonymous": "anonyme",
        "colours": {"yellow": "jaune", "pink": "rose", "blue": "bleu", "green": "vert",
                    "orange": "orange"},
    },
    "en": {
        "title": "Report",
        "date": "Date", "date_value": "{date}", "theme": "Theme", "place": "Place",
        "organisations": "With", "animators": "Facilitation",
        "members": "Members", "rapporteurs": "Report written by",
        "format": ("A participative format mixing the open forum and the World Café was "
                   "held to bring out ideas on the theme “{theme}”."),
        "people": "{people} people took part",
        "forum": "the participants proposed {topics} topics",
        "rounds": "the tables worked in {rounds} rounds of {minutes}",
        "dots": "{dots} dots picked the retained ideas",
        "chosen": "The participants chose {n} topics:",
        "chosen_one": "The participants chose one topic:",
        "retained": "Retained ideas", "summary": "To sum up",
        "undeveloped": "Ideas not developed", "steps": "Next steps",
        "votes_one": "1 vote", "votes": "{n} votes", "owner": "by {owner}", "due": "by {due}",
        "notes_header": ["table", "topic", "round", "question", "author", "colour", "votes",
                         "time", "text"],
        "anonymous": "anonymous",
        "colours": {},
    },
}


def labels(language: str) -> dict:
    """Return the labels of a language (French if unknown)."""
    return LABELS.get(language, LABELS["fr"])


def number(n: int, language: str) -> str:
    """Spell small numbers out, as a written report does ("trois sujets")."""
    words = NUMBERS.get(language, NUMBERS["fr"])
    return words[n] if 0 <= n < len(words) else str(n)
