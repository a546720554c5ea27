"""Who is connected: counted by each process, written to Redis in batches, on a real Redis."""

from server.realtime.presence import PresenceCounts
from server.store import keys

from .test_store import code  # noqa: F401 - a fixture


def test_a_phone_that_drops_and_comes_back_between_two_writes_costs_redis_nothing(store, code):  # noqa: F811
    counts = PresenceCounts()
    counts.arrive(code, "p1")
    counts.arrive(code, "p2")
    counts.arrive(code, "p2")  # two devices
    store.presence.settle("proc", counts.due())
    store.presence.beat("proc")
    assert store.presence.present(code) == {"p1", "p2"}
    assert store.redis.hget(keys.online(code), "proc|p2") == "2"
    counts.leave(code, "p1")  # Wi-Fi drops...
    counts.arrive(code, "p1")  # ...and comes back before the next write
    assert counts.due() == {}
    counts.leave(code, "p2")
    counts.leave(code, "p1")
    assert counts.due() == {code: {"p1": 0, "p2": 1}}
    store.presence.settle("proc", {code: {"p1": 0, "p2": 1}})
    assert store.presence.present(code) == {"p2"}
    assert not store.redis.hexists(keys.online(code), "proc|p1")


def test_counts_not_written_are_written_next_time(store, code):  # noqa: F811
    counts = PresenceCounts()
    counts.arrive(code, "p1")
    lost = counts.due()
    counts.undo(lost)  # Redis was unreachable
    assert counts.due() == {code: {"p1": 1}}


def test_a_deleted_workshop_does_not_get_its_presence_back(store, code):  # noqa: F811
    store.redis.delete(keys.workshop(code))
    store.presence.settle("proc", {code: {"p1": 1}})
    assert not store.redis.exists(keys.online(code))
