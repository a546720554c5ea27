"""The words of the harvest's surfaces (carried notes, briefs, who met whom, the
organisations behind an idea, similar notes), kept apart from strings.py's long lists."""

from flask_babel import lazy_gettext as _l

COMMON = {
    "carried.by": _l("Carried from Table %(n)s by %(name)s"),
    "carried.from": _l("Carried from Table %(n)s"),
    "flag.agreed": _l("agreed across %(n)s organisations"),
    "flag.one": _l("carried by one organisation"),
    "brief.title": _l("For the newcomers"),
    "brief.questions": _l("The questions"),
    "brief.top": _l("What stood out so far"),
    "brief.arrived": _l("Carried in by travellers"),
    "brief.empty": _l("Nothing written at this table yet."),
    "similar.title": _l("Similar notes across the tables"),
    "similar.help": _l(
        "Notes that say nearly the same thing at different tables. Accept a group to make "
        "one idea of it (its dots add up), or leave the notes apart: nothing is merged "
        "without your click."
    ),
    "similar.none": _l("No near-identical notes across the tables."),
    "similar.look": _l("Look again"),
    "similar.accept": _l("Make one idea of them"),
    "similar.apart": _l("Keep them apart"),
    "similar.made": _l("One idea made of them, under %(topic)s: it is in the synthesis."),
    "similar.under": _l("Under the topic"),
    "similar.note": _l("Table %(n)s: %(text)s"),
    "similar.group.one": _l("1 note"),
    "similar.group.other": _l("%(n)s similar notes"),
    "syn.split": _l("Split into its notes"),
    "syn.grouped.other": _l("made of %(n)s similar notes"),
    "syn.grouped.one": _l("made of 1 note"),
}

SURFACES = {
    "phone": {
        "carry.title": _l("Carry an idea to Table %(n)s"),
        "carry.help": _l(
            "Take one note of this table with you: it will wait for you at your next "
            "table, marked as carried by you. One note per round."
        ),
        "carry.pick": _l("The note to carry"),
        "carry.send": _l("Carry this note"),
        "carry.none": _l("No note at this table to carry."),
        "carry.done": _l("You carry “%(text)s” to Table %(n)s: it is waiting there."),
        "brief.help": _l("Tell them in a minute what this table has found so far."),
        "met.people.one": _l("1 person"),
        "met.people.other": _l("%(n)s people"),
        "met.organisations.one": _l("1 other organisation"),
        "met.organisations.other": _l("%(n)s other organisations"),
        "met.with": _l("You met %(people)s from %(organisations)s."),
        "met.only": _l("You met %(people)s."),
    },
    "screen": {
        "briefs_heading": _l("What each table has found so far"),
        "briefs_meta": _l("Hosts, tell your newcomers."),
        "traces_heading": _l("How the ideas travelled"),
        "traces.one": _l("1 note was carried from one table to another"),
        "traces.other": _l("%(n)s notes were carried from one table to another"),
        "traces.none": _l("No note was carried from one table to another."),
        "traces.band": _l("After round %(n)s"),
        "traces.built_on": _l("built on there"),
        "traces.more.one": _l("+ 1 more carried note"),
        "traces.more.other": _l("+ %(n)s more carried notes"),
    },
    "console": {
        "mixing.share": _l("%(share)s of the possible meetings between people happened."),
        "mixing.none": _l("Who met whom shows once a round has been played."),
        "mixing.corner": _l("Organisation"),
        "mixing.cell": _l("%(a)s and %(b)s: %(n)s table-rounds together"),
        "mixing.met": _l("Met"),
        "mixing.rounds": _l("Table-rounds"),
        "mixing.met_of": _l("%(n)s of %(total)s"),
    },
}


def harvest_strings(surface: str) -> dict:
    """The harvest's strings a surface's script needs (lazy, translated when read)."""
    return {**COMMON, **SURFACES.get(surface, {})}
