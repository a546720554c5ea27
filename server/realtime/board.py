"""A table's board: sub-questions, and sticky notes posted, edited, moved, deleted."""

from dataclasses import replace

from ..domain.errors import N_, bad_request, forbidden
from ..domain.notes import Note, check_version, clean_new_note, edit_note, may_change
from ..domain.settings import Settings
from ..domain.tables import clean_question, may_tend
from .handlers import Ctx, Handlers

handlers = Handlers("board")
TENDERS = ("participant", "console")


def _str(data: dict, name: str, *, optional: bool = False) -> str | None:
    value = data.get(name)
    if value is None and optional:
        return None
    if not isinstance(value, str):
        raise bad_request(N_("Say which %(name)s."), name=name)
    return value


def _tended_table(ctx: Ctx, data: dict):
    """Return the table a payload names, if the caller may tidy it."""
    table = ctx.store.tables.require(ctx.code, _str(data, "table"))
    pid, role = ctx.actor()
    if not may_tend(table, pid, role):
        raise forbidden(N_("Only the table's host or an animator can do this."))
    return table


def _changeable_note(ctx: Ctx, data: dict) -> tuple[Note, str]:
    """Return a note and its stored form, if the caller may change it."""
    note, raw = ctx.store.board.note(ctx.code, data.get("table"), data.get("id"))
    pid, role = ctx.actor()
    table = ctx.store.tables.require(ctx.code, note.table)
    if not may_change(note, pid, may_tend(table, pid, role)):
        raise forbidden(N_("Only its author, the table's host or an animator can change a note."))
    check_version(note, data)
    return note, raw


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
    question = ctx.store.board.edit_question(ctx.code, table.id, _str(data, "id"),
                                             clean_question(data))
    return {"question": question.to_dict()}


@handlers.on("question_remove", roles=TENDERS)
def question_remove(ctx: Ctx, data: dict) -> dict:
    """Delete a sub-question; its notes stay, loose."""
    table = _tended_table(ctx, data)
    ctx.store.board.remove_question(ctx.code, table.id, _str(data, "id"), ctx.now)
    return {}


@handlers.on("note_post", roles=("participant",), idempotent=True)
def note_post(ctx: Ctx, data: dict) -> dict:
    """Post a note at the table where one sits."""
    workshop, me, rounds = ctx.store.board.author_context(ctx.code, ctx.caller.pid)
    settings = Settings.from_dict(workshop.settings)
    fields = clean_new_note(data, allow_anonymous=settings.allow_anonymous)
    if me is None:
        raise forbidden()
    note = Note(**fields, table=_str(data, "table"), question=_str(data, "question", optional=True),
                round=rounds.note_round, author=me.id, author_name=me.name,
                created_at=ctx.now, updated_at=ctx.now)
    return ctx.store.board.post(ctx.code, note, op=ctx.op)


@handlers.on("note_edit", roles=TENDERS, idempotent=True)
def note_edit(ctx: Ctx, data: dict) -> dict:
    """Change a note's text or colour."""
    note, raw = _changeable_note(ctx, data)
    edits = {k: v for k, v in data.items() if k in ("text", "colour")}
    return ctx.store.board.replace_note(ctx.code, raw, edit_note(note, edits, ctx.now), op=ctx.op)


@handlers.on("note_move", roles=TENDERS, idempotent=True)
def note_move(ctx: Ctx, data: dict) -> dict:
    """Place a note under another sub-question, or leave it loose (question null)."""
    note, raw = _changeable_note(ctx, data)
    moved = replace(note, question=_str(data, "question", optional=True), updated_at=ctx.now,
                    version=note.version + 1)
    return ctx.store.board.replace_note(ctx.code, raw, moved, op=ctx.op, check_question=True)


@handlers.on("note_delete", roles=TENDERS, idempotent=True)
def note_delete(ctx: Ctx, data: dict) -> dict:
    """Delete a note."""
    note, raw = _changeable_note(ctx, data)
    return ctx.store.board.delete(ctx.code, note, raw, op=ctx.op)
