"""The synthesis, edited live: ideas, answers, summaries, next steps."""

from ..domain import mixing
from ..domain import synthesis as rules
from ..domain.secrets import new_id
from ..domain.settings import Settings
from ..domain.synthesis import Item, answer_key, idea_key, step_key, summary_key
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


def _backed(ctx: Ctx, groups: dict[str, list[str]] | None = None) -> dict[str, dict]:
    """Dots and organisations behind notes, as everyone may see them: nothing derived from
    a hidden vote's counts goes into the synthesis before the reveal."""
    voting, _ = ctx.store.votes.read(ctx.code)
    if not voting.counts_shown:
        return {}
    organisations = {p.id: p.organisation for p in ctx.store.participants.all(ctx.code)}
    return mixing.backing(ctx.store.votes.given(ctx.code), organisations, groups)


@handlers.on("idea_add", roles=WRITERS, idempotent=True)
def idea_add(ctx: Ctx, data: dict) -> dict:
    """Add an idea to a topic: a note of its table, near-identical notes of the café
    accepted as one ("notes": their dots add up), or a text written directly."""
    table = _editable_table(ctx, data.get("table"))
    section = rules.check_section(data.get("section", "retained"))
    note_id, group = data.get("note"), []
    if "notes" in data:
        notes = [ctx.store.board.note(ctx.code, t, n)[0] for t, n in rules.group_of(data)]
        group = [n.id for n in notes]
        note_id, text, key = group[0], notes[0].text, idea_key(f"g-{group[0]}")
    elif note_id is not None:
        note, _ = ctx.store.board.note(ctx.code, table.id, note_id)
        key, text = idea_key(f"n-{note.id}"), note.text
    else:
        key, text = idea_key(new_id()), rules.clean_idea(data.get("text"))
    backed = _backed(ctx, {key: group} if group else None).get(key if group else note_id, {})
    item = Item(key=key, table=table.id, kind="idea", section=section, text=text,
                votes=backed.get("dots", 0), organisations=backed.get("organisations", 0),
                note=note_id, group=group,
                order=_next_order(ctx, table=table.id, section=section), updated_at=ctx.now)
    return ctx.store.synthesis.add(ctx.code, item, op=ctx.op)


@handlers.on("idea_split", roles=WRITERS)
def idea_split(ctx: Ctx, data: dict) -> dict:
    """Split an idea made of near-identical notes back into one idea per note, each under
    its own table's topic."""
    item, raw = _idea(ctx, data.get("key"))
    rules.check_group(item)
    notes = [n for t in ctx.store.tables.ids(ctx.code) for n in ctx.store.board.notes(ctx.code, t)
             if n.id in set(item.group)]
    backed = _backed(ctx)
    parts = [Item(key=idea_key(f"n-{n.id}"), table=n.table, kind="idea", section=item.section,
                  text=n.text, votes=backed.get(n.id, {}).get("dots", 0),
                  organisations=backed.get(n.id, {}).get("organisations", 0), note=n.id,
                  order=item.order + rank / 100, updated_at=ctx.now)
             for rank, n in enumerate(notes)]
    ctx.store.synthesis.split(ctx.code, item, raw, parts)
    return {"items": [p.to_dict() for p in parts]}


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
    backed = _backed(ctx)
    by = Settings.from_dict(ctx.store.workshops.require(ctx.code).settings).rank_ideas_by
    notes = {n.id: n for n in ctx.store.board.notes(ctx.code, table.id)
             if n.visibility == "public" and backed.get(n.id, {}).get("dots")}
    start = _next_order(ctx, table=table.id, section="retained")
    items = [Item(key=idea_key(f"n-{note}"), table=table.id, kind="idea", text=notes[note].text,
                  votes=backed[note]["dots"], organisations=backed[note]["organisations"],
                  note=note, order=start + rank, updated_at=ctx.now)
             for rank, note in enumerate(mixing.ranked(list(notes), backed, by)[:top])]
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
