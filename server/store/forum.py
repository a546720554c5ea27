"""The open forum in Redis: topics, their supporters, and the topics kept as tables."""

import json

import redis

from ..domain import caps, secrets
from ..domain import forum as rules
from ..domain.forum import Topic, unknown_topic
from ..domain.ops import Op
from ..domain.protocol import WORKSHOP, Event, person_scope
from ..domain.tables import Table
from . import keys, topology
from .commit import Change, Committer, Race, dumps, retrying
from .errors import shielded
from .guards import count_made, require_all


@shielded
class Forum:
    """Repository of topics and supports."""

    def __init__(self, client: redis.Redis, committer: Committer):
        self._r = client
        self._c = committer

    def topics(self, code: str) -> list[Topic]:
        """Return the topics, oldest first."""
        found = [Topic.from_dict(json.loads(r)) for r in self._r.hvals(keys.topics(code))]
        return sorted(found, key=lambda t: (t.created_at, t.id))

    def supporters(self, code: str) -> dict[str, int]:
        """Return the number of supporters of each topic."""
        return {k: int(v) for k, v in self._r.hgetall(keys.topic_support(code)).items()}

    def supported_by(self, code: str, pid: str) -> list[str]:
        """Return the topics a participant supports."""
        prefix = f"{pid}|"
        return [k[len(prefix):] for k, _ in
                self._r.hscan_iter(keys.supports(code), match=f"{prefix}*", count=1000)]

    def propose(self, code: str, fields: dict, author: str | None, now: float, *,
                op: Op | None = None, any_phase: bool = False) -> dict:
        """Add a topic (during the forum, or at any phase from the console); return {topic}."""
        topic = Topic(id=secrets.new_id(), author=author, created_at=now, **fields)
        public = {**topic.to_dict(), "supporters": 0}
        change = Change(code, op=op, result={"topic": public})
        require_all(change, rules.proposing(by_console=any_phase)
                    + caps.making("topics", author))
        count_made(change, caps.counted("topics", author))
        change.write("HSET", keys.topics(code), topic.id, dumps(topic.to_dict()))
        change.write("HSET", keys.topic_support(code), topic.id, 0)
        change.announce(WORKSHOP, Event.TOPIC_ADDED, public)
        return self._c.commit(change).result

    def edit(self, code: str, topic_id, fields: dict) -> Topic:
        """Change a topic's wording and announce it."""
        key = keys.topics(code)

        def attempt() -> Topic:
            raw = self._r.hget(key, topic_id) if isinstance(topic_id, str) else None
            if raw is None:
                raise unknown_topic()
            topic = Topic.from_dict({**json.loads(raw), **fields})
            change = Change(code)
            change.require("hequals", key, topic_id, raw, error=Race())
            change.write("HSET", key, topic_id, dumps(topic.to_dict()))
            change.announce(WORKSHOP, Event.TOPIC_UPDATED, topic.to_dict())
            self._c.commit(change)
            return topic

        return retrying(attempt)

    def support(self, code: str, pid: str, topic_id: str, budget: int, *,
                op: Op | None = None) -> dict:
        """Give a topic one's support, within the budget; return {topic, supported, used}."""
        pair = f"{pid}|{topic_id}"
        change = Change(code, op=op, result={"topic": topic_id, "supported": True})
        require_all(change, rules.supporting(pid, topic_id, budget))
        change.write("HSET", keys.supports(code), pair, 1)
        used = change.write("HINCRBY", keys.supports_used(code), pid, 1)
        count = change.write("HINCRBY", keys.topic_support(code), topic_id, 1)
        change.announce(WORKSHOP, Event.TOPIC_SUPPORTERS, {"id": topic_id},
                        fill={"supporters": count})
        change.announce(person_scope(pid), Event.SUPPORT_CHANGED,
                        {"topic": topic_id, "supported": True}, fill={"used": used})
        return self._c.commit(change).result

    def withdraw(self, code: str, pid: str, topic_id: str, *, op: Op | None = None) -> dict:
        """Take one's support back from a topic."""
        pair = f"{pid}|{topic_id}"
        change = Change(code, op=op, result={"topic": topic_id, "supported": False})
        require_all(change, rules.withdrawing(pid, topic_id))
        change.write("HDEL", keys.supports(code), pair)
        used = change.write("HINCRBY", keys.supports_used(code), pid, -1)
        count = change.write("HINCRBY", keys.topic_support(code), topic_id, -1)
        change.announce(WORKSHOP, Event.TOPIC_SUPPORTERS, {"id": topic_id},
                        fill={"supporters": count})
        change.announce(person_scope(pid), Event.SUPPORT_CHANGED,
                        {"topic": topic_id, "supported": False}, fill={"used": used})
        return self._c.commit(change).result

    def remove(self, code: str, topic_id) -> None:
        """Delete a topic and give its supporters their support back."""
        self.merge(code, topic_id, None)

    def merge(self, code: str, source, target) -> int | None:
        """Fold topic `source` into `target` (or drop it when target is None).

        Its supporters now support the target; who supported both gets one support back.
        Returns the target's new number of supporters.
        """
        rules.check_merge(source, target)

        def attempt():
            pipe = topology.transaction(self._r, code)
            pipe.hmget(keys.topics(code), [source, target or source])
            pipe.hgetall(keys.topic_support(code))
            pipe.hgetall(keys.supports(code))
            (raw_source, raw_target), counts, supports = pipe.execute()
            if raw_source is None or raw_target is None:
                raise unknown_topic()
            backers = {k.split("|")[0] for k in supports if k.endswith(f"|{source}")}
            both = {k.split("|")[0] for k in supports if target and k.endswith(f"|{target}")}
            change = Change(code)
            for name in (source, target):
                if name:
                    change.require("hequals", keys.topic_support(code), name,
                                   counts.get(name, "0"), error=Race())
            change.write("HDEL", keys.topics(code), source)
            change.write("HDEL", keys.topic_support(code), source)
            new_count = int(counts.get(target, "0")) + len(backers - both) if target else None
            if target:
                change.write("HSET", keys.topic_support(code), target, new_count)
            for pid in sorted(backers):
                change.write("HDEL", keys.supports(code), f"{pid}|{source}")
                if target and pid not in both:
                    change.write("HSET", keys.supports(code), f"{pid}|{target}", 1)
                    change.announce(person_scope(pid), Event.SUPPORT_CHANGED,
                                    {"topic": target, "supported": True})
                else:
                    used = change.write("HINCRBY", keys.supports_used(code), pid, -1)
                    change.announce(person_scope(pid), Event.SUPPORT_CHANGED,
                                    {"topic": source, "supported": False}, fill={"used": used})
            change.announce(WORKSHOP, Event.TOPIC_REMOVED, {"id": source, "merged_into": target})
            if target:
                change.announce(WORKSHOP, Event.TOPIC_SUPPORTERS,
                                {"id": target, "supporters": new_count})
            self._c.commit(change)
            return new_count

        return retrying(attempt)

    def keep(self, code: str, topic_ids: list[str], titles: dict[str, str]) -> list[Table]:
        """Make the chosen topics the café's tables, numbered in the order given."""
        tables = [Table(id=secrets.new_id(), number=i + 1, title=titles[t], topic=t)
                  for i, t in enumerate(topic_ids)]
        change = require_all(Change(code), rules.keeping(self._r.hkeys(keys.tables(code))))
        for key in (keys.tables(code), keys.hosts(code), keys.seats(code), keys.seat_count(code)):
            change.write("DEL", key)
        for table in tables:
            change.write("HSET", keys.tables(code), table.id, dumps(table.to_dict()))
        change.announce(WORKSHOP, Event.TABLES_SET, {"tables": [t.to_dict() for t in tables]})
        change.resync(WORKSHOP)  # new tables to follow, and nobody seated any more
        self._c.commit(change)
        return tables
