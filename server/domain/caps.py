"""How much one participant, and one workshop, may make: no prankster can fill a
workshop with topics, notes or next steps, and every phone's sync stays small.

Each cap is checked and counted in the same atomic step as the write (a `Below` need on
the "made" counter); what was made counts even if it is deleted later.
"""

from .errors import N_, DomainError
from .needs import Below, Need

CAPS = {
    # kind: (per participant, per workshop); None: no cap per participant
    "topics": (10, 200),
    "notes": (300, 10_000),
    "steps": (20, 300),
    "tables": (None, 100),
    "people_without_phone": (None, 200),
    "sessions": (6, 100),
    "comments": (30, 2000),
}
QUESTIONS_PER_TABLE = 30


def _reached(kind: str, limit: int, whose: str) -> DomainError:
    messages = {
        ("topics", "person"): N_("You have proposed %(max)d topics, the most one person may."),
        ("topics", "workshop"): N_("This workshop has %(max)d topics, the most it may hold."),
        ("notes", "person"): N_("You have written %(max)d notes, the most one person may."),
        ("notes", "workshop"): N_("This workshop has %(max)d notes, the most it may hold."),
        ("steps", "person"): N_("You have proposed %(max)d next steps, the most one person "
                                "may."),
        ("steps", "workshop"): N_("This workshop has %(max)d next steps, the most it may "
                                  "hold."),
        ("tables", "workshop"): N_("This workshop has %(max)d tables, the most it may hold."),
        ("people_without_phone", "workshop"): N_(
            "This workshop has %(max)d people without a phone, the most it may hold."),
        ("sessions", "person"): N_("You have convened %(max)d sessions, the most one person "
                                   "may."),
        ("sessions", "workshop"): N_("This workshop has %(max)d sessions, the most it may "
                                     "hold."),
        ("comments", "person"): N_("You have written %(max)d comments, the most one person "
                                   "may."),
        ("comments", "workshop"): N_("This workshop has %(max)d comments, the most it may "
                                     "hold."),
        ("questions", "table"): N_("This table has %(max)d questions, the most it may hold."),
    }
    return DomainError("too_many", messages[(kind, whose)], max=limit)


def making(kind: str, author: str | None) -> list[Need]:
    """What making one more `kind` (topics, notes, steps, tables) needs: its author and the
    workshop below their caps (the console, author None, has no cap of its own)."""
    per_person, per_workshop = CAPS[kind]
    needs: list[Need] = []
    if author is not None and per_person is not None:
        needs.append(Below("made", made_key(kind, author), per_person,
                           _reached(kind, per_person, "person")))
    needs.append(Below("made", made_key(kind, None), per_workshop,
                       _reached(kind, per_workshop, "workshop")))
    return needs


def asking(table: str) -> list[Need]:
    """What one more sub-question at a table needs: the table below its cap."""
    return [Below("made", f"{table}|questions", QUESTIONS_PER_TABLE,
                  _reached("questions", QUESTIONS_PER_TABLE, "table"))]


def made_key(kind: str, author: str | None) -> str:
    """The field counting what one author (None: the whole workshop) made of a kind."""
    return f"{author or '*'}|{kind}"


def counted(kind: str, author: str | None) -> list[str]:
    """The fields to add one to when `author` makes one more `kind`."""
    fields = [made_key(kind, None)]
    if author is not None and CAPS[kind][0] is not None:
        fields.append(made_key(kind, author))
    return fields
