"""The synthesis, edited live: ideas, answers, summaries, next steps."""

from ..domain import synthesis as rules
from ..domain.secrets import new_id
from ..domain.synthesis import Item, answer_key, idea_key, step_key, summary_key
from ..domain.voting import top_notes
from .handlers import Ctx, Handlers

handlers = Handlers("synthesis")
WRITERS = ("participant", "console")


def _editable_table(ctx: Ctx, table_id):
    """Return a table whose synthesis the caller may write now."""
    phase = ctx.store.workshops.require(ctx.code).phase
    table = ctx.store.tables.require(ctx.code, table_id)
    pid, role = ctx.actor()
    rules.check_writer(phase, role, pid, table.host)
    return table


def _idea(ctx: Ctx, key) -> tuple[Item, str]:
    item, raw = ctx.store.synthesis.get(ctx.code, key)
    rules.check_kind(item, "idea")
    _editable_table(ctx, item.table)
    return item, raw


def _step(ctx: Ctx, key) -> Item:
    rules.check_open(ctx.store.workshops.require(ctx.code).phase, ctx.caller.role)
    item, _ = ctx.store.synthesis.get(ctx.code, key)
    rules.check_step_writer(rules.check_kind(item, "step"), *ctx.actor())
    return item


def _next_order(ctx: Ctx, **match) -> float:
    orders = [i.order for i in ctx.store.synthesis.all(ctx.code)
              if all(getattr(i, k) == v for k, v in match.items())]
    return max(orders, default=0.0) + 1


@handlers.on("idea_add", roles=WRITERS, idempotent=True)
def idea_add(ctx: Ctx, data: dict) -> dict:
    """Add an idea to a topic: a note of its table, or a text written directly."""
    table = _editable_table(ctx, data.get("table"))
    section = rules.check_section(data.get("section", "retained"))
    note_id = data.get("note")
    if note_id is not None:
        note, _ = ctx.store.board.note(ctx.code, table.id, note_id)
        key = idea_key(f"n-{note.id}")
        text, votes = note.text, ctx.store.votes.shown_counts(ctx.code).get(note.id, 0)
    else:
        key, text, votes = idea_key(new_id()), rules.clean_idea(data.get("text")), 0
    item = Item(key=key, table=table.id, kind="idea", section=section, text=text, votes=votes,
                note=note_id, order=_next_order(ctx, table=table.id, section=section),
                updated_at=ctx.now)
    return ctx.store.synthesis.add(ctx.code, item, op=ctx.op)


@handlers.on("idea_edit", roles=WRITERS)
def idea_edit(ctx: Ctx, data: dict) -> dict:
    """Reword an idea, move it to the other section, or reorder it."""
    _idea(ctx, data.get("key"))
    changes = rules.idea_changes(data)
    item = ctx.store.synthesis.update(ctx.code, data["key"],
                                      lambda i: rules.edit(i, data, changes, ctx.now))
    return {"item": item.to_dict()}


@handlers.on("idea_remove", roles=WRITERS)
def idea_remove(ctx: Ctx, data: dict) -> dict:
    """Take an idea out of the synthesis."""
    _idea(ctx, data.get("key"))
    ctx.store.synthesis.remove(ctx.code, data["key"], lambda i: rules.edit(i, data, {}, ctx.now))
    return {}


@handlers.on("ideas_merge", roles=WRITERS)
def ideas_merge(ctx: Ctx, data: dict) -> dict:
    """Fold several ideas of one topic into one, with a text for the whole; dots add up."""
    into, into_raw = _idea(ctx, data.get("into"))
    gone = [_idea(ctx, key) for key in rules.merge_keys(data, into.key)]
    merged = rules.merged(into, [item for item, _ in gone], data, ctx.now)
    ctx.store.synthesis.merge(ctx.code, merged, into_raw, gone)
    return {"item": merged.to_dict()}


@handlers.on("ideas_fill", roles=WRITERS)
def ideas_fill(ctx: Ctx, data: dict) -> dict:
    """Retain a topic's most voted notes as its ideas (those not retained already)."""
    table = _editable_table(ctx, data.get("table"))
    top = rules.fill_count(data)
    counts = ctx.store.votes.shown_counts(ctx.code)
    notes = [n.public() for n in ctx.store.board.notes(ctx.code, table.id)]
    start = _next_order(ctx, table=table.id, section="retained")
    items = [Item(key=idea_key(f"n-{n['id']}"), table=table.id, kind="idea", text=n["text"],
                  votes=counts.get(n["id"], 0), note=n["id"], order=start + rank,
                  updated_at=ctx.now)
             for rank, n in enumerate(top_notes(notes, counts, top))]
    return {"added": ctx.store.synthesis.add_many(ctx.code, items)}


@handlers.on("passage_save", roles=WRITERS)
def passage_save(ctx: Ctx, data: dict) -> dict:
    """Write a topic's summary (question null) or the answer to one of its sub-questions."""
    table = _editable_table(ctx, data.get("table"))
    question = data.get("question")
    if question is None:
        key, kind = summary_key(table.id), "summary"
    else:
        rules.check_question(question, {q.id for q in ctx.store.board.questions(ctx.code,
                                                                                table.id)})
        key, kind = answer_key(table.id, question), "answer"
    body = rules.clean_body(data.get("text", ""))
    item = ctx.store.synthesis.update(
        ctx.code, key, lambda i: rules.edit(i, data, {"text": body}, ctx.now),
        create=lambda: Item(key=key, table=table.id, kind=kind, question=question, version=0))
    return {"item": item.to_dict()}


@handlers.on("step_propose", roles=WRITERS, idempotent=True)
def step_propose(ctx: Ctx, data: dict) -> dict:
    """Propose a next step for after the workshop (anyone)."""
    rules.check_open(ctx.store.workshops.require(ctx.code).phase, ctx.caller.role)
    fields = rules.clean_step(data)
    item = Item(key=step_key(new_id()), kind="step", author=ctx.caller.pid,
                order=_next_order(ctx, kind="step"), updated_at=ctx.now,
                status="kept" if ctx.caller.role == "console" else "proposed", **fields)
    return ctx.store.synthesis.add(ctx.code, item, op=ctx.op)


@handlers.on("step_edit", roles=WRITERS)
def step_edit(ctx: Ctx, data: dict) -> dict:
    """Change a next step's text, owner or date (its author, a rapporteur, the console)."""
    _step(ctx, data.get("key"))
    changes = rules.clean_step(data, partial=True)
    item = ctx.store.synthesis.update(ctx.code, data["key"],
                                      lambda i: rules.edit(i, data, changes, ctx.now))
    return {"item": item.to_dict()}


@handlers.on("step_decide", roles=("console",))
def step_decide(ctx: Ctx, data: dict) -> dict:
    """Keep or drop a proposed next step (the facilitator)."""
    _step(ctx, data.get("key"))
    status = rules.check_status(data.get("status"))
    item = ctx.store.synthesis.update(ctx.code, data["key"],
                                      lambda i: rules.edit(i, {}, {"status": status}, ctx.now))
    return {"item": item.to_dict()}


@handlers.on("step_remove", roles=WRITERS)
def step_remove(ctx: Ctx, data: dict) -> dict:
    """Delete a next step (its author or the console)."""
    _step(ctx, data.get("key"))
    ctx.store.synthesis.remove(ctx.code, data["key"], lambda i: rules.edit(i, data, {}, ctx.now))
    return {}
