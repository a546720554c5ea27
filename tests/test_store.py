"""The store against a real Redis: writes, guards, events, replay, deletion."""

import json
import threading
import time

import pytest

from server.domain import secrets
from server.domain.errors import DomainError
from server.domain.workshop import clean_details
from server.store import keys

from .conftest import REFERENCE


@pytest.fixture
def code(store):
    return store.workshops.create(clean_details(REFERENCE), secrets.hash_secret("key"), 1.0).code


def join(store, code, name="Claire", organisation="Latitude"):
    token = secrets.new_secret()
    person = store.participants.join(
        code, {"name": name, "organisation": organisation, "language": "fr"}, token, time.time())
    return person, token


def test_a_workshop_is_stored_with_its_details_and_index(store, code):
    workshop = store.workshops.get(code)
    assert workshop.theme == REFERENCE["theme"]
    assert workshop.organisations == REFERENCE["organisations"]
    assert workshop.phase == "setup"
    assert store.redis.zscore(keys.index(code), code) == 1.0
    assert secrets.secret_matches("key", store.workshops.console_digest(code))
    assert store.workshops.get("ZZZZZZ") is None


def test_joining_stores_the_participant_and_a_digest_of_the_token(store, code):
    person, token = join(store, code)
    assert store.participants.by_token(code, token) == person
    assert store.participants.by_token(code, "forged") is None
    assert store.participants.by_token(code, None) is None
    # Only a digest of the device token is kept.
    assert token not in json.dumps(store.redis.hgetall(keys.devices(code)))


def test_every_change_gets_the_next_sequence_number(store, code):
    person, _ = join(store, code)
    store.workshops.set_phase(code, "forum")
    store.participants.update(code, person.id, role="host")
    head, events = store.events.since(code, 0)
    assert head == 4
    assert [(e["seq"], e["scope"], e["type"]) for e in events] == [
        (1, "s", "participant_joined"), (2, "w", "workshop_updated"),
        (3, "s", "participant_updated"), (4, f"p:{person.id}", "participant_updated"),
    ]
    assert events[2]["data"]["role"] == "host"
    assert store.events.since(code, 2) == (4, events[2:])
    assert store.events.since(code, 4) == (4, [])


def test_replay_says_too_old_once_the_stream_was_trimmed(store, code):
    from server.store import Store

    small = Store(store.redis, retention=5)
    for i in range(200):
        small.participants.join(code, {"name": f"P{i}", "organisation": "", "language": "fr"},
                                secrets.new_secret(), 3.0)
    head, events = small.events.since(code, 1)
    assert head == 200 and events is None
    head, events = small.events.since(code, 198)
    assert [e["seq"] for e in events] == [199, 200]


def test_a_closed_workshop_takes_no_one_and_an_unknown_one_neither(store, code):
    store.tables.add(code, "Mutualisation")
    for phase in ("forum", "cafe", "harvest", "closed"):
        store.workshops.set_phase(code, phase)
    with pytest.raises(DomainError) as err:
        join(store, code)
    assert err.value.code == "wrong_phase"
    with pytest.raises(DomainError) as err:
        join(store, "ZZZZZZ")
    assert err.value.code == "not_found"
    assert not store.redis.exists(keys.participants("ZZZZZZ"))


def test_phase_moves_are_checked_and_a_refused_one_changes_nothing(store, code):
    with pytest.raises(DomainError):
        store.workshops.set_phase(code, "harvest")
    store.workshops.set_phase(code, "forum")
    with pytest.raises(DomainError) as err:
        store.workshops.set_phase(code, "cafe")  # no table yet
    assert err.value.code == "wrong_phase"
    assert store.workshops.get(code).phase == "forum"
    assert store.events.head(code) == 1


def test_concurrent_edits_of_one_participant_are_all_kept(store, code):
    person, _ = join(store, code)
    roles = ["host", "rapporteur", "animator", "participant"] * 5

    def edit(role):
        store.participants.update(code, person.id, role=role)

    threads = [threading.Thread(target=edit, args=(r,)) for r in roles]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    _, events = store.events.since(code, 1)
    staff = [e for e in events if e["scope"] == "s"]
    assert len(staff) == len(roles)  # every edit committed once, none lost
    assert store.participants.get(code, person.id).role == events[-1]["data"]["role"]


def test_removing_a_participant_revokes_their_token(store, code):
    person, token = join(store, code)
    store.participants.remove(code, person.id)
    assert store.participants.get(code, person.id) is None
    assert store.participants.by_token(code, token) is None
    assert store.redis.hlen(keys.devices(code)) == 0
    with pytest.raises(DomainError) as err:
        store.participants.remove(code, person.id)
    assert err.value.code == "not_found"


def test_deleting_a_workshop_removes_every_key(store, code):
    other = store.workshops.create(clean_details(REFERENCE), "digest", 1.0).code
    join(store, code)
    join(store, other)
    store.workshops.set_phase(code, "forum")
    assert store.redis.keys(keys.pattern(code))
    deleted = store.workshops.delete(code)
    assert deleted >= 4
    assert store.redis.keys(keys.pattern(code)) == []
    assert store.redis.zscore(keys.index(code), code) is None
    assert store.workshops.get(other) is not None  # the other workshop is untouched


def test_snapshot_reflects_one_sequence_number(store, code):
    join(store, code, "Claire")
    join(store, code, "Alexia")
    snap = store.snapshot(code)
    assert snap["head"] == 2
    assert [p["name"] for p in snap["participants"]] == ["Claire", "Alexia"]
    assert snap["workshop"]["code"] == code


def test_bus_delivers_committed_events_in_order(store, code):
    received = []
    stop = threading.Event()

    def listen():
        for event in store.bus.listen(stop.is_set, poll=0.05):
            received.append(event)

    listener = threading.Thread(target=listen)
    listener.start()
    try:
        assert store.bus.follow(code).wait(3)  # Redis confirmed the channel
        for i in range(20):
            join(store, code, f"P{i}")
        deadline = time.monotonic() + 3
        while len(received) < 20 and time.monotonic() < deadline:
            time.sleep(0.02)
    finally:
        stop.set()
        listener.join()
    assert [e["seq"] for e in received] == list(range(1, 21))
    assert all(e["code"] == code for e in received)


def test_bus_carries_only_the_workshops_followed(store, code):
    other = store.workshops.create(clean_details(REFERENCE), secrets.hash_secret("k"), 1.0).code
    received = []
    stop = threading.Event()

    def listen():
        for event in store.bus.listen(stop.is_set, poll=0.05):
            received.append(event)

    listener = threading.Thread(target=listen)
    listener.start()
    try:
        assert store.bus.follow(code).wait(3)
        join(store, other, "Elsewhere")  # not followed: never read here
        join(store, code, "Claire")
        _wait_for(lambda: len(received) >= 1)
        store.bus.unfollow(code)
        assert store.bus.follow(other).wait(3)
        join(store, code, "Gone")  # no longer followed
        join(store, other, "Alexia")
        _wait_for(lambda: len(received) >= 2)
        time.sleep(0.2)  # anything else would have arrived by now
    finally:
        stop.set()
        listener.join()
    assert [(e["code"], e["data"]["name"]) for e in received] == [
        (code, "Claire"), (other, "Alexia")]
    assert store.bus.followed() == {other}
    assert store.bus.received == 2  # read from Redis: only what was followed


def test_a_crowd_connecting_at_once_wakes_the_listener_once_per_channel(store, code):
    """Two thousand phones reconnecting follow one channel: the listener is woken when a
    channel is new, and a wake-up never blocks (a full wake socket already wakes it; under
    eventlet a second writer blocked there was an error, and a refused connection)."""
    stop = threading.Event()
    listener = threading.Thread(target=lambda: [None for _ in store.bus.listen(stop.is_set,
                                                                               poll=0.05)])
    listener.start()
    try:
        _wait_for(lambda: store.bus._wake is not None)
        assert store.bus._wake.getblocking() is False
        woken = []
        real = store.bus._nudge
        store.bus._nudge = lambda: (woken.append(1), real())
        first = store.bus.follow(code)
        assert all(store.bus.follow(code) is first for _ in range(2000))
        assert first.wait(3) and len(woken) == 1
        store.bus.unfollow(code)
        store.bus.unfollow(code)
        assert len(woken) == 2
    finally:
        stop.set()
        listener.join()


def _wait_for(done, timeout: float = 3.0) -> None:
    deadline = time.monotonic() + timeout
    while not done() and time.monotonic() < deadline:
        time.sleep(0.02)


def test_closed_workshops_go_after_the_retention_unless_kept(store):
    from server.domain.retention import DAY

    codes = {}
    for name in ("open", "closed", "kept", "recent"):
        codes[name] = store.workshops.create({"theme": name, "date": "2013-04-04"}, "0" * 64,
                                             0.0).code
    for name in ("closed", "kept", "recent"):
        for phase in ("forum", "cafe", "harvest", "closed"):
            if phase == "cafe":
                store.tables.add(codes[name], "Table")
            store.workshops.set_phase(codes[name], phase, now=0.0 if name != "recent"
                                      else 80 * DAY)
    store.workshops.update_settings(codes["kept"], {"keep": True})
    assert store.workshops.sweep(now=100 * DAY, days=90) == [codes["closed"]]
    assert store.workshops.get(codes["closed"]) is None
    assert not list(store.redis.scan_iter(match=keys.pattern(codes["closed"])))
    for name in ("open", "kept", "recent"):
        assert store.workshops.get(codes[name]) is not None, name
    store.workshops.set_phase(codes["recent"], "harvest", now=100 * DAY)  # opened again
    assert store.workshops.sweep(now=500 * DAY, days=90) == []


def test_the_one_index_of_earlier_versions_moves_to_its_buckets(store, code):
    store.redis.zrem(keys.index(code), code)
    store.redis.zadd(keys.LEGACY_INDEX, {code: 5.0, "OLDONE": 2.0})
    store.upgrade()
    assert not store.redis.exists(keys.LEGACY_INDEX)
    assert store.redis.zscore(keys.index(code), code) == 5.0
    assert store.redis.zscore(keys.index("OLDONE"), "OLDONE") == 2.0
    assert code in store.workshops.codes()
    assert len({keys.index(f"C{n:05d}") for n in range(200)}) == keys.BUCKETS  # all used
