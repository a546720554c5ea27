"""What the room learns from itself: a table's brief for newcomers, who met whom, how the
organisations mixed, what they agree on, and notes that say the same thing. Pages ask
(these are read when wanted, never pushed to every phone)."""

from ..domain import mixing, similar
from ..domain.participant import WRITERS
from ..domain.table_life import brief
from ..domain.voting import Voting
from .handlers import ROLES, Ctx, Handlers

handlers = Handlers("insight")


def _played(ctx: Ctx) -> mixing.Played:
    rounds, _ = ctx.store.rounds.read(ctx.code)
    return ctx.store.rounds.plan(ctx.code, rounds.current)


def _organisations(ctx: Ctx) -> dict[str, str]:
    return {p.id: p.organisation for p in ctx.store.participants.all(ctx.code)}


def _shown_dots(ctx: Ctx, voting: Voting) -> dict[str, int]:
    """Dots per note, as the caller may see them (hidden counts: the console alone)."""
    counts = ctx.store.votes.counts(ctx.code)
    return counts if ctx.caller.role == "console" or voting.counts_shown else {}


@handlers.on("table_brief", roles=ROLES)
def table_brief(ctx: Ctx, data: dict) -> dict:
    """A table's brief for the newcomers of a rotation: its questions, its three notes with
    most reactions and dots, what travellers carried in."""
    table = ctx.store.tables.require(ctx.code, data.get("table"))
    notes = [n.public() for n in ctx.store.board.notes(ctx.code, table.id)
             if n.visibility == "public"]
    voting, _ = ctx.store.votes.read(ctx.code)
    told = brief(notes, ctx.store.table_life.reactions_at(ctx.code, table.id),
                 _shown_dots(ctx, voting))
    questions = [q.to_dict() for q in ctx.store.board.questions(ctx.code, table.id)]
    return {"table": table.id, "questions": questions, **told}


@handlers.on("meetings", roles=("participant",))
def meetings(ctx: Ctx, data: dict) -> dict:
    """How many people one met in the rounds played, from how many other organisations."""
    met = mixing.meetings_of(_played(ctx), ctx.caller.pid, _organisations(ctx))
    return {"met": met.to_dict()}


@handlers.on("mixing", roles=("console",))
def mixing_view(ctx: Ctx, data: dict) -> dict:
    """How the organisations mixed: table-rounds shared by each pair of organisations, the
    share of possible meetings that happened, one line per organisation."""
    return {"mixing": mixing.mixing(_played(ctx), _organisations(ctx)).to_dict()}


@handlers.on("backing", roles=ROLES)
def backing(ctx: Ctx, data: dict) -> dict:
    """For each note with dots: its dots, how many organisations gave them, and its flag
    ("agreed" across three or more, "one" organisation only). Hidden votes: the console
    alone, until the reveal."""
    voting, _ = ctx.store.votes.read(ctx.code)
    if not (ctx.caller.role == "console" or voting.counts_shown):
        return {"backing": {}}
    given, organisations = ctx.store.votes.given(ctx.code), _organisations(ctx)
    backed = mixing.backing(given, organisations)
    # An idea drawn from notes (one, or a group accepted as one) is backed by their dots.
    groups = {i.key: i.group or [i.note] for i in ctx.store.synthesis.all(ctx.code)
              if i.kind == "idea" and (i.note or i.group)}
    ideas = mixing.backing(given, organisations, groups)
    return {"backing": {note: {**entry, "flag": mixing.agreement(entry)}
                        for note, entry in backed.items()},
            "ideas": {key: {**entry, "flag": mixing.agreement(entry)}
                      for key, entry in ideas.items() if key in groups}}


@handlers.on("similar_notes", roles=("participant", "console"))
def similar_notes(ctx: Ctx, data: dict) -> dict:
    """Near-identical notes across the café, grouped as suggestions (the console, the
    rapporteurs, the animators): nothing is merged until someone accepts a group."""
    if ctx.caller.role == "participant":
        similar.check_writer(ctx.actor()[1], WRITERS)
    voting, _ = ctx.store.votes.read(ctx.code)
    dots = _shown_dots(ctx, voting)
    notes = [n for t in ctx.store.tables.ids(ctx.code) for n in ctx.store.board.notes(ctx.code, t)
             if n.visibility == "public"]
    notes.sort(key=lambda n: (-dots.get(n.id, 0), -n.created_at))
    found = similar.groups([(n.id, n.text) for n in notes], tick=lambda: ctx.sleep(0))
    by_id = {n.id: n for n in notes}
    # A carried copy says the same as its original by design: not a suggestion to merge.
    root = {n.id: (n.carried or {}).get("from_note") or n.id for n in notes}
    found = [group for group in found if len({root[note] for note in group}) > 1]
    return {"groups": [[{"note": note, "table": by_id[note].table, "text": by_id[note].text,
                         "colour": by_id[note].colour} for note in group] for group in found]}
