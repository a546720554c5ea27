"""Rounds: the clock and its states, pure."""

import pytest

from server.domain.errors import DomainError
from server.domain.rounds import Rounds, configure, end, ended_by, extend, pause, resume, start


def test_a_café_of_two_rounds_from_start_to_finish():
    r = configure(Rounds(shown=True), {"count": 2, "minutes": 20})
    assert r.planning_from == 1 and r.note_round == 1
    r = start(r, now=1000)
    assert (r.current, r.status, r.ends_at) == (1, "running", 1000 + 1200)
    r = pause(r, now=1100)
    assert r.status == "paused" and r.remaining == 1100 and r.ends_at is None
    r = extend(r, 5, now=1200)
    assert r.remaining == 1400
    r = resume(r, now=2000)
    assert r.status == "running" and r.ends_at == 3400
    r = end(r)
    assert (r.status, r.planning_from) == ("between", 2)
    r = start(r, now=4000)
    assert r.current == 2 and r.note_round == 2
    r = end(r)
    assert r.status == "done"
    with pytest.raises(DomainError):
        start(r, now=5000)
    r = configure(r, {"count": 3})
    assert r.status == "between"
    assert start(r, now=6000).current == 3


@pytest.mark.parametrize("action", [
    lambda r: start(start(r, 0), 1),  # a round started twice
    lambda r: pause(r, 0),
    lambda r: resume(start(r, 0), 1),
    lambda r: end(r),
    lambda r: extend(r, 5, 0),
])
def test_impossible_moves_are_refused(action):
    with pytest.raises(DomainError) as err:
        action(Rounds(shown=True))
    assert err.value.code == "wrong_state"


@pytest.mark.parametrize("payload", [{"count": 0}, {"count": 13}, {"minutes": 0},
                                     {"minutes": "20"}, {"count": True}, "x"])
def test_bad_settings_are_refused(payload):
    with pytest.raises(DomainError):
        configure(Rounds(shown=True), payload)


def test_rounds_already_played_cannot_be_configured_away():
    r = end(start(configure(Rounds(shown=True), {"count": 3}), 0))
    r = end(start(r, 1))
    with pytest.raises(DomainError):
        configure(r, {"count": 1})
    assert configure(r, {"count": 2}).status == "done"


def test_a_round_cannot_be_shortened_below_zero():
    r = start(Rounds(minutes=10, shown=True), now=0)
    assert extend(r, -60, now=100).ends_at == 100


def test_the_harvest_ends_a_round_under_way_and_nothing_else():
    running = start(configure(Rounds(shown=True), {"count": 2, "minutes": 20}), 1000.0)
    assert ended_by(running, "harvest").status == "between"
    assert ended_by(running, "forum") is None  # back to add a topic: the round goes on
    assert ended_by(end(running), "closed") is None


def test_no_round_starts_before_everyone_was_shown_where_to_go():
    from server.domain.rounds import plan_audience, published, show

    draft = configure(Rounds(), {"count": 2, "minutes": 20})
    with pytest.raises(DomainError) as err:
        start(draft, now=0)
    assert err.value.code == "seating_not_shown"
    assert published(draft, {"1": "t1"}) == {} and plan_audience(draft) == "c"
    shown = show(draft)
    assert shown.status == "idle" and shown.shown
    assert published(shown, {"1": "t1"}) == {"1": "t1"} and plan_audience(shown) == "s"
    running = start(shown, now=0)
    with pytest.raises(DomainError) as err:
        show(running)  # a round under way: there is nothing to show before it
    assert err.value.code == "wrong_state"
    # Once shown, the plan stays public: the end of a round shows the next seating.
    between = end(running)
    assert between.shown and start(between, now=1).current == 2
    with pytest.raises(DomainError) as err:
        show(end(start(between, now=1)))
    assert err.value.code == "wrong_state"  # all the rounds were played
