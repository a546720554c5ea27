"""A reconnecting phone's replay comes from what the relay kept, and says what Redis says."""

from server.realtime.recent import RecentEvents

from .conftest import screen_of


def _event(seq: int, scope: str = "w") -> dict:
    return {"seq": seq, "scope": scope, "type": "note_posted", "data": {"n": seq}}


def test_only_a_run_without_a_gap_is_kept_and_never_more_than_the_stream_keeps():
    recent = RecentEvents(keep=5)
    assert recent.since("C", 0) is None  # nothing kept: Redis is read
    for seq in range(10, 14):
        recent.record("C", _event(seq))
    assert recent.since("C", 9) == (13, [_event(s) for s in range(10, 14)])
    assert recent.since("C", 11) == (13, [_event(12), _event(13)])
    assert recent.since("C", 13) == (13, []) and recent.since("C", 20) == (13, [])
    assert recent.since("C", 8) is None  # the run does not reach back to 9
    recent.record("C", _event(15))  # 14 never came: a new run from 15
    assert recent.since("C", 13) is None and recent.since("C", 14) == (15, [_event(15)])
    for seq in range(16, 40):
        recent.record("C", _event(seq))
    assert recent.since("C", 33) is None  # more than `keep` back: the stream may not have it
    assert [e["seq"] for e in recent.since("C", 34)[1]] == [35, 36, 37, 38, 39]
    recent.record("C", _event(3))  # numbers going back (a workshop imported anew)
    assert recent.since("C", 2) == (3, [_event(3)])
    recent.forget("C")
    assert recent.since("C", 2) is None


def test_a_reconnecting_phone_gets_from_memory_what_redis_would_replay(
        app, workshop, connect_as, join):
    relay, store = app.extensions["cafe"].relay, app.extensions["cafe"].store
    code = workshop["code"]
    screen = connect_as(screen_of(workshop))
    head = screen.call("sync")["snapshot"]["head"]
    for name in ("Claire", "Paul", "Alexia", "Jeanne"):
        join(name)
    screen.wait("participant_joined", where=lambda d: d["name"] == "Jeanne")
    kept = relay.recent.since(code, head)
    assert kept is not None and [e["data"]["name"] for e in kept[1]] == \
        ["Claire", "Paul", "Alexia", "Jeanne"]
    # An event the relay has not received yet is still replayed: Redis gives the rest.
    relay.recent.forget()
    relay.recent.record(code, kept[1][0])
    reply = screen.call("sync", {"since": {"w": head, "s": head}})
    redis_head, from_redis = store.events.since(code, head)
    assert reply["head"] == redis_head and reply["events"] == from_redis
    assert [e["data"]["name"] for e in reply["events"]] == ["Claire", "Paul", "Alexia", "Jeanne"]
