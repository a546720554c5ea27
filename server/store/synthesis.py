"""The synthesis in Redis: one hash field per item, each write guarded by what was read."""

import json

import redis

from ..domain import caps
from ..domain.ops import Op
from ..domain.protocol import WORKSHOP, Event
from ..domain.synthesis import Item, already_in, changed_meanwhile, unknown_item
from ..domain.workshop import workshop_gone
from . import keys
from .commit import Change, Committer, Race, dumps, retrying
from .errors import shielded
from .guards import count_made, require_all


@shielded
class Synthesis:
    """Repository of the synthesis."""

    def __init__(self, client: redis.Redis, committer: Committer):
        self._r = client
        self._c = committer

    def all(self, code: str) -> list[Item]:
        """Return every item, in order."""
        items = [Item.from_dict(json.loads(r)) for r in self._r.hvals(keys.synthesis(code))]
        return sorted(items, key=lambda i: (i.order, i.key))

    def get(self, code: str, key) -> tuple[Item, str] | tuple[None, None]:
        """Return an item and its stored JSON, or (None, None)."""
        raw = self._r.hget(keys.synthesis(code), key) if isinstance(key, str) else None
        return (Item.from_dict(json.loads(raw)), raw) if raw else (None, None)

    def add(self, code: str, item: Item, *, op: Op | None = None) -> dict:
        """Store a new item (refused if its key exists); return {item}."""
        change = Change(code, op=op, result={"item": item.to_dict()})
        change.require("hexists", keys.workshop(code), "phase", error=workshop_gone())
        if item.kind == "step":
            require_all(change, caps.making("steps", item.author))
            count_made(change, caps.counted("steps", item.author))
        change.require("hmissing", keys.synthesis(code), item.key, error=already_in())
        change.write("HSET", keys.synthesis(code), item.key, dumps(item.to_dict()))
        change.announce(WORKSHOP, Event.SYNTHESIS_SAVED, item.to_dict())
        return self._c.commit(change).result

    def update(self, code: str, key, change_item, *, create=None) -> Item:
        """Apply `change_item(item) -> item` to the stored item, or to `create()` if it
        does not exist yet; retried if someone wrote in between (the version check in
        `change_item` then refuses a stale edit)."""

        def attempt() -> Item:
            item, raw = self.get(code, key)
            if item is None and create is None:
                raise unknown_item()
            updated = change_item(item if item is not None else create())
            change = Change(code)
            if raw is None:
                change.require("hmissing", keys.synthesis(code), key, error=Race())
            else:
                change.require("hequals", keys.synthesis(code), key, raw, error=Race())
            change.write("HSET", keys.synthesis(code), key, dumps(updated.to_dict()))
            change.announce(WORKSHOP, Event.SYNTHESIS_SAVED, updated.to_dict())
            self._c.commit(change)
            return updated

        return retrying(attempt)

    def remove(self, code: str, key, check) -> None:
        """Delete an item once `check(item)` accepts it (a version check)."""

        def attempt() -> None:
            item, raw = self.get(code, key)
            if item is None:
                raise unknown_item()
            check(item)
            change = Change(code)
            change.require("hequals", keys.synthesis(code), key, raw, error=Race())
            change.write("HDEL", keys.synthesis(code), key)
            change.announce(WORKSHOP, Event.SYNTHESIS_REMOVED, {"key": key})
            self._c.commit(change)

        retrying(attempt)

    def merge(self, code: str, into: Item, into_raw: str, gone: list[tuple[Item, str]]) -> None:
        """Replace `into` by its merged form and delete the items merged into it, at once."""
        change = Change(code)
        change.require("hequals", keys.synthesis(code), into.key, into_raw,
                       error=changed_meanwhile())
        for item, raw in gone:
            change.require("hequals", keys.synthesis(code), item.key, raw,
                           error=changed_meanwhile())
            change.write("HDEL", keys.synthesis(code), item.key)
            change.announce(WORKSHOP, Event.SYNTHESIS_REMOVED, {"key": item.key})
        change.write("HSET", keys.synthesis(code), into.key, dumps(into.to_dict()))
        change.announce(WORKSHOP, Event.SYNTHESIS_SAVED, into.to_dict())
        self._c.commit(change)

    def split(self, code: str, whole: Item, whole_raw: str, parts: list[Item]) -> None:
        """Replace an idea made of several notes by one idea per note, at once."""
        change = Change(code)
        change.require("hequals", keys.synthesis(code), whole.key, whole_raw,
                       error=changed_meanwhile())
        change.write("HDEL", keys.synthesis(code), whole.key)
        change.announce(WORKSHOP, Event.SYNTHESIS_REMOVED, {"key": whole.key})
        for item in parts:
            change.require("hmissing", keys.synthesis(code), item.key, error=already_in())
            change.write("HSET", keys.synthesis(code), item.key, dumps(item.to_dict()))
            change.announce(WORKSHOP, Event.SYNTHESIS_SAVED, item.to_dict())
        self._c.commit(change)

    def add_many(self, code: str, items: list[Item]) -> int:
        """Add the items whose keys are not taken yet; return how many were added."""

        def attempt() -> int:
            taken = set(self._r.hkeys(keys.synthesis(code)))
            fresh = [i for i in items if i.key not in taken]
            if not fresh:
                return 0
            change = Change(code)
            for item in fresh:
                change.require("hmissing", keys.synthesis(code), item.key, error=Race())
                change.write("HSET", keys.synthesis(code), item.key, dumps(item.to_dict()))
                change.announce(WORKSHOP, Event.SYNTHESIS_SAVED, item.to_dict())
            self._c.commit(change)
            return len(fresh)

        return retrying(attempt)
