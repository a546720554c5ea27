"""Rounds that end on time by themselves, on the server, with no console open (real
Redis, the app's own background timekeeper)."""

import time

import pytest

from server.realtime.timekeeping import Timekeeper
from server.store import keys

from .conftest import screen_of


@pytest.fixture
def due_cafe(app, console, join, connect_as, workshop):
    """A café whose round 1 runs with no time left: the console took its minute away."""
    for title in ("Services", "Synergie"):
        console.call("table_add", {"title": title})
    phones = [join(f"P{i}", f"Org {i % 2}")[2] for i in range(4)]
    for phase in ("forum", "cafe"):
        assert console.call("phase_set", {"phase": phase})["ok"]
    assert console.call("rounds_configure", {"count": 2, "minutes": 1})["ok"]
    assert console.call("seating_show")["ok"] and console.call("round_start")["ok"]
    screen = connect_as(screen_of(workshop))
    screen.call("sync")
    return {"code": workshop["code"], "console": console, "phones": phones, "screen": screen}


def state(app, code: str):
    return app.extensions["cafe"].store.rounds.read(code)[0]


def test_a_round_ends_by_itself_with_no_console_connected(app, due_cafe):
    code, console, screen = due_cafe["code"], due_cafe["console"], due_cafe["screen"]
    assert console.call("settings_update", {"auto_end_rounds": True})["workshop"][
        "settings"]["auto_end_rounds"] is True
    assert console.call("round_extend", {"minutes": -1})["rounds"]["status"] == "running"
    console.tc.disconnect()  # the laptop is closed
    # The app's own timekeeper ends it; the screen and the phones hear it.
    ended = screen.wait("rounds_updated", timeout=15,
                        where=lambda d: d["status"] == "between")["data"]
    assert ended["current"] == 1 and ended["shown"]
    assert state(app, code).status == "between"
    phone = due_cafe["phones"][0]
    assert phone.wait("rounds_updated", where=lambda d: d["status"] == "between")
    assert phone.wait("my_plan")["data"]["2"]  # the next table, planned again on the way
    assert app.extensions["cafe"].store.redis.zscore(keys.ROUNDS_DUE, code) is None


def test_without_the_setting_the_round_waits_for_the_console(app, due_cafe):
    code, console = due_cafe["code"], due_cafe["console"]
    console.call("round_extend", {"minutes": -1})
    keeper = Timekeeper(app.extensions["cafe"].socketio, app.extensions["cafe"].store)
    assert keeper.tick(time.time() + 1) == []
    assert state(app, code).status == "running"  # the facilitator ends it, as before
    assert console.call("settings_update", {"auto_end_rounds": True})["ok"]
    assert keeper.tick(time.time() + 1) in ([code], [])  # the app's own may be first
    assert state(app, code).status == "between"


def test_ending_on_time_is_idempotent_and_spares_a_round_given_more_time(app, due_cafe):
    code, console = due_cafe["code"], due_cafe["console"]
    services = app.extensions["cafe"]
    services.timekeeper.stop()  # two keepers of our own, as two processes would run
    store = services.store
    first, second = Timekeeper(services.socketio, store), Timekeeper(services.socketio, store)
    assert console.call("settings_update", {"auto_end_rounds": True})["ok"]
    ends_at = state(app, code).ends_at
    assert first.tick(ends_at - 5) == []  # not yet
    console.call("round_extend", {"minutes": 5})  # the console gives it five more minutes
    assert first.tick(ends_at + 1) == [] and state(app, code).status == "running"
    later = state(app, code).ends_at + 1
    seq = store.redis.get(keys.seq(code))
    assert first.tick(later) == [code] and second.tick(later) == []
    assert state(app, code).status == "between" and state(app, code).current == 1
    # Exactly one end: the rounds' state and the plan, nothing written twice.
    assert int(store.redis.get(keys.seq(code))) - int(seq) == 2
    # A stale entry (the index lost its way) is dropped, not acted upon.
    store.redis.zadd(keys.ROUNDS_DUE, {code: 1})
    assert first.tick(later) == [] and store.redis.zscore(keys.ROUNDS_DUE, code) is None


def test_the_index_is_rebuilt_from_the_workshops(app, due_cafe):
    store = app.extensions["cafe"].store
    store.redis.delete(keys.ROUNDS_DUE)
    assert store.rounds.reindex() == 1
    assert store.redis.zscore(keys.ROUNDS_DUE, due_cafe["code"]) == pytest.approx(
        state(app, due_cafe["code"]).ends_at)
