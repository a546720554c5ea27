"""The open forum: proposing, supporting, merging and keeping topics."""

from ..domain.forum import clean_topic, kept_topics, topic_id
from ..domain.settings import Settings
from .behalf import for_whom
from .handlers import Ctx, Handlers

handlers = Handlers("forum")
CONSOLE = ("console",)


@handlers.on("topic_propose", roles=("participant", "console"), idempotent=True)
def topic_propose(ctx: Ctx, data: dict) -> dict:
    """Propose a topic: participants during the forum, the console at any time."""
    fields = clean_topic(data)
    console = ctx.caller.role == "console"
    return ctx.store.forum.propose(ctx.code, fields, ctx.caller.pid, ctx.now, op=ctx.op,
                                   any_phase=console)


@handlers.on("topic_support", roles=("participant",), idempotent=True)
def topic_support(ctx: Ctx, data: dict) -> dict:
    """Support a topic (or take the support back with "supported": false)."""
    topic = topic_id(data)
    backer = for_whom(ctx, data, None)  # a rapporteur supports for someone without a phone
    if data.get("supported", True) is False:
        return ctx.store.forum.withdraw(ctx.code, backer, topic, op=ctx.op)
    budget = Settings.from_dict(ctx.store.workshops.require(ctx.code).settings).support_budget
    return ctx.store.forum.support(ctx.code, backer, topic, budget, op=ctx.op)


@handlers.on("topic_edit", roles=CONSOLE)
def topic_edit(ctx: Ctx, data: dict) -> dict:
    """Reword a topic."""
    topic = ctx.store.forum.edit(ctx.code, topic_id(data), clean_topic(data, partial=True))
    return {"topic": topic.to_dict()}


@handlers.on("topic_merge", roles=CONSOLE)
def topic_merge(ctx: Ctx, data: dict) -> dict:
    """Fold a duplicate topic into another: its supporters move over."""
    into = topic_id(data, "into")
    supporters = ctx.store.forum.merge(ctx.code, topic_id(data), into)
    return {"topic": into, "supporters": supporters}


@handlers.on("topic_remove", roles=CONSOLE)
def topic_remove(ctx: Ctx, data: dict) -> dict:
    """Withdraw a topic; its supporters get their support back."""
    ctx.store.forum.remove(ctx.code, topic_id(data))
    return {}


@handlers.on("topics_keep", roles=CONSOLE)
def topics_keep(ctx: Ctx, data: dict) -> dict:
    """Make tables of the chosen topics (by default the most supported)."""
    topics = ctx.store.forum.topics(ctx.code)
    keep = Settings.from_dict(ctx.store.workshops.require(ctx.code).settings).keep_count
    chosen = kept_topics(data, topics, ctx.store.forum.supporters(ctx.code), keep)
    titles = {t.id: t.title for t in topics}
    tables = ctx.store.forum.keep(ctx.code, chosen, titles)
    return {"tables": [t.to_dict() for t in tables]}
