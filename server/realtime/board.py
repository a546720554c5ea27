"""A table's board: sub-questions, and sticky notes posted, edited, moved, deleted."""

from ..domain import carrying, visibility
from ..domain import notes as rules
from ..domain.secrets import new_id
from ..domain.tables import check_tend, clean_question, may_tend
from .behalf import for_whom
from .handlers import Ctx, Handlers

handlers = Handlers("board")
TENDERS = ("participant", "console")


def _tended_table(ctx: Ctx, data: dict):
    """Return the table a payload names, if the caller may tidy it."""
    table = ctx.store.tables.require(ctx.code, data.get("table"))
    check_tend(table, *ctx.actor())
    return table


def _changeable_note(ctx: Ctx, data: dict):
    """Return a note, its stored form and who changes it, if the caller may change it."""
    note, raw = ctx.store.board.note(ctx.code, data.get("table"), data.get("id"))
    pid, role = ctx.actor()
    table = ctx.store.tables.require(ctx.code, note.table)
    rules.check_may_change(note, pid, may_tend(table, pid, role))
    rules.check_version(note, data)
    return note, raw, pid


@handlers.on("question_add", roles=TENDERS, idempotent=True)
def question_add(ctx: Ctx, data: dict) -> dict:
    """Add a sub-question to a table (its host, an animator, the console)."""
    table = _tended_table(ctx, data)
    return ctx.store.board.add_question(ctx.code, table.id, clean_question(data), ctx.now,
                                        op=ctx.op)


@handlers.on("question_edit", roles=TENDERS)
def question_edit(ctx: Ctx, data: dict) -> dict:
    """Reword a sub-question."""
    table = _tended_table(ctx, data)
    question = ctx.store.board.edit_question(ctx.code, table.id, data.get("id"),
                                             clean_question(data))
    return {"question": question.to_dict()}


@handlers.on("question_remove", roles=TENDERS)
def question_remove(ctx: Ctx, data: dict) -> dict:
    """Delete a sub-question; its notes stay, loose."""
    table = _tended_table(ctx, data)
    ctx.store.board.remove_question(ctx.code, table.id, data.get("id"), ctx.now)
    return {}


@handlers.on("note_post", roles=("participant",), idempotent="id")
def note_post(ctx: Ctx, data: dict) -> dict:
    """Post a note at the table where one sits, or for someone without a phone sitting
    there ("for"), as its host or a rapporteur (its id is its op)."""
    author = for_whom(ctx, data, data.get("table"))
    scribe = ctx.caller.pid if author != ctx.caller.pid else None
    return ctx.store.board.write_note(
        ctx.code, author, lambda context: rules.new_note(data, context, ctx.now, scribe=scribe),
        op=ctx.op)


@handlers.on("note_edit", roles=TENDERS, idempotent=True)
def note_edit(ctx: Ctx, data: dict) -> dict:
    """Change a note's text or colour."""
    note, raw, pid = _changeable_note(ctx, data)
    edits = {k: v for k, v in data.items() if k in ("text", "colour")}
    return ctx.store.board.replace_note(ctx.code, raw, rules.edit_note(note, edits, ctx.now),
                                        viewer=pid, op=ctx.op)


@handlers.on("note_move", roles=TENDERS, idempotent=True)
def note_move(ctx: Ctx, data: dict) -> dict:
    """Place a note under another sub-question, or leave it loose (question null)."""
    note, raw, pid = _changeable_note(ctx, data)
    moved = rules.moved(note, data.get("question"), ctx.now)
    return ctx.store.board.replace_note(ctx.code, raw, moved, viewer=pid, op=ctx.op,
                                        question_moved=True)


@handlers.on("note_delete", roles=TENDERS, idempotent=True)
def note_delete(ctx: Ctx, data: dict) -> dict:
    """Delete a note."""
    note, raw, _ = _changeable_note(ctx, data)
    return ctx.store.board.delete(ctx.code, note, raw, op=ctx.op)


@handlers.on("notes_reveal", roles=TENDERS)
def notes_reveal(ctx: Ctx, data: dict) -> dict:
    """Show the notes written alone at a table (its host, the console), or at every table
    ("table": null, the console): all at once, in a shuffled order."""
    table = data.get("table")
    if table is None:
        visibility.check_reveal_all(ctx.caller.role)
    else:
        _tended_table(ctx, data)
    every = ctx.store.tables.ids(ctx.code)
    return {"revealed": ctx.store.board.reveal(ctx.code, table, every, ctx.now)}


@handlers.on("writing_set", roles=("console",))
def writing_set(ctx: Ctx, data: dict) -> dict:
    """Have notes written alone until each table is revealed, or in the open again (what
    was written alone is then revealed)."""
    private = visibility.check_writing(data)
    if not private:
        ctx.store.board.reveal(ctx.code, None, ctx.store.tables.ids(ctx.code), ctx.now)
    return {"writing": ctx.store.board.set_writing(ctx.code, private).to_dict()}


@handlers.on("note_moderate", roles=("console",))
def note_moderate(ctx: Ctx, data: dict) -> dict:
    """Approve a note waiting for review, hide a note, or restore a hidden one. The note
    comes back in its public form: whoever moderates never learns an anonymous author."""
    note, raw = ctx.store.board.note(ctx.code, data.get("table"), data.get("id"))
    changed = ctx.store.board.set_visibility(ctx.code, note, raw, visibility.moderated(data),
                                             ctx.now)
    return {"note": changed.public()}


@handlers.on("note_carry", roles=("participant",), idempotent=True)
def note_carry(ctx: Ctx, data: dict) -> dict:
    """Carry a note of the table one leaves to the next table one goes to (between two
    rounds, one note per traveller): a copy, linked to the original."""
    viewer = ctx.store.participants.viewer(ctx.code, ctx.caller.pid)
    way = carrying.trip(viewer.rounds, viewer.plan)
    original, _ = ctx.store.board.note(ctx.code, data.get("table"), data.get("note"))
    number = ctx.store.tables.require(ctx.code, original.table).number
    copy = carrying.carried_copy(original, way, viewer.participant, number=number,
                                 new_id=new_id(), now=ctx.now)
    return ctx.store.board.carry(ctx.code, ctx.caller.pid, way.round, original, copy,
                                 op=ctx.op)
