"""Rounds over Socket.IO on a real Redis: plan, clock, moves, latecomers, departures."""

from collections import Counter

import pytest

from server.domain.secrets import new_id

from .conftest import screen_of


@pytest.fixture
def cafe(console, join, connect_as, workshop):
    """Three tables with hosts and nine travellers from four organisations, in the café."""
    tables = [console.call("table_add", {"title": t})["table"]
              for t in ["Services", "Synergie", "Mutualisation"]]
    people = [join(f"P{i}", f"Org {i % 4}") for i in range(12)]
    for table, (host, _, _) in zip(tables, people[:3], strict=False):
        assert console.call("table_update", {"table": table["id"], "host": host["id"]})["ok"]
    for phase in ("forum", "cafe"):
        assert console.call("phase_set", {"phase": phase})["ok"]
    console.call("sync")
    screen = connect_as(screen_of(workshop))
    screen.call("sync")
    return {"console": console, "tables": tables, "people": people, "screen": screen}


def current_seats(console):
    return console.call("sync")["snapshot"]["seats"]


def test_rounds_are_planned_for_everyone_and_each_phone_hears_its_own(cafe):
    console, people = cafe["console"], cafe["people"]
    reply = console.call("rounds_configure", {"count": 3, "minutes": 20})
    assert reply["ok"] and reply["rounds"]["count"] == 3 and reply["rounds"]["status"] == "idle"
    draft = console.wait("plan_updated")
    assert draft["scope"] == "c"  # the console's draft, until it is shown
    shown = console.call("seating_show")
    assert shown["ok"] and shown["rounds"]["shown"] and shown["rounds"]["status"] == "idle"
    event = console.wait("plan_updated", where=lambda d: d is not draft["data"])
    assert event["seq"] > draft["seq"]
    event = event["data"]
    assert sorted(event["rounds"]) == ["1", "2", "3"]
    assert all(len(seating) == 12 for seating in event["rounds"].values())
    assert event["score"]["repeats"] == event["score"]["repeats_bound"] == 6
    hosts = {t["host"]: t["id"] for t in console.call("sync")["snapshot"]["tables"]}
    for number, seating in event["rounds"].items():
        for host, table in hosts.items():
            assert seating[host] == table, number
        assert sorted(Counter(seating.values()).values()) == [4, 4, 4]
    traveller = people[5]
    phone = traveller[2]
    mine = phone.wait("my_plan")
    assert mine["seq"] is None and mine["scope"] == f"p:{traveller[0]['id']}"
    assert mine["data"] == {str(n): s[traveller[0]["id"]] for n, s in event["rounds"].items()}
    assert len(set(mine["data"].values())) == 3  # a traveller sees every table once
    assert phone.call("sync")["me"]["plan"] == mine["data"]
    # Phones do not receive the whole plan.
    phone.settle(0.2)
    assert not [e for e in phone.events if e["type"] == "plan_updated"]


def test_a_round_runs_on_the_servers_clock(cafe):
    console, screen = cafe["console"], cafe["screen"]
    console.call("rounds_configure", {"count": 2, "minutes": 20})
    console.call("seating_show")
    started = console.call("round_start")
    assert started["ok"] and started["rounds"]["status"] == "running"
    assert started["rounds"]["current"] == 1
    ends = started["rounds"]["ends_at"]
    assert screen.wait("rounds_updated", where=lambda d: d["status"] == "running")["data"][
        "ends_at"] == ends
    assert console.call("round_start")["error"]["code"] == "wrong_state"  # started twice
    paused = console.call("round_pause")["rounds"]
    assert paused["status"] == "paused" and 1190 < paused["remaining"] <= 1200
    longer = console.call("round_extend", {"minutes": 5})["rounds"]
    assert longer["remaining"] == pytest.approx(paused["remaining"] + 300)
    assert console.call("round_resume")["rounds"]["status"] == "running"
    ended = console.call("round_end")["rounds"]
    assert ended["status"] == "between" and ended["current"] == 1
    assert console.call("round_pause")["error"]["code"] == "wrong_state"
    assert console.call("round_start")["rounds"]["status"] == "running"
    assert console.call("phase_set", {"phase": "harvest"})["ok"]  # the harvest ends it
    assert console.call("sync")["snapshot"]["rounds"]["status"] == "done"


def test_starting_a_round_seats_everyone_and_notes_remember_their_round(cafe, connect_as,
                                                                      workshop):
    console, people = cafe["console"], cafe["people"]
    plan = None
    console.call("rounds_configure", {"count": 2, "minutes": 20})
    console.call("seating_show")
    plan = console.call("sync")["snapshot"]["plan"]
    console.call("round_start")
    seats = console.wait("seats_set")["data"]
    assert seats["round"] == 1 and seats["seats"] == plan["1"]
    assert current_seats(console) == plan["1"]
    traveller, _, phone = people[7]
    assert phone.wait("my_seat")["data"] == {"table": plan["1"][traveller["id"]]}
    table = plan["1"][traveller["id"]]
    note = {"id": new_id(16), "table": table, "text": "Idée du premier tour"}
    assert phone.call("sync")["scopes"][-1] == f"t:{table}"
    posted = phone.call("note_post", note)
    assert posted["ok"] and posted["note"]["round"] == 1
    console.call("round_end")
    second = console.call("round_start")
    assert second["rounds"]["current"] == 2
    moved = phone.call("sync")
    assert moved["me"]["seat"] == plan["2"][traveller["id"]] != table
    later = {"id": new_id(16), "table": moved["me"]["seat"], "text": "Idée du deuxième tour"}
    assert phone.call("note_post", later)["note"]["round"] == 2
    # The host of the first table still has what was written there in round 1: the digest
    # their phone shows the newcomers.
    host_id = next(t["host"] for t in console.call("sync")["snapshot"]["tables"]
                   if t["id"] == table)
    host_phone = next(phone for p, _, phone in people if p["id"] == host_id)
    board = host_phone.call("sync")["snapshot"]["notes"]
    assert [(n["text"], n["round"]) for n in board] == [("Idée du premier tour", 1)]


def test_a_latecomer_is_seated_and_the_next_round_includes_them(cafe, join):
    console = cafe["console"]
    console.call("rounds_configure", {"count": 2, "minutes": 20})
    console.call("seating_show")
    console.call("round_start")
    late, _, phone = join("Retardataire", "Org 1")
    me = phone.call("sync")["me"]
    assert me["seat"] is not None
    assert current_seats(console)[late["id"]] == me["seat"]
    # The console's plan grid hears of it at once, not only at the next plan.
    grid = console.wait("plan_seat", where=lambda d: d["participant"] == late["id"])["data"]
    assert grid == {"round": 1, "participant": late["id"], "table": me["seat"]}
    console.call("round_end")
    plan = console.wait("plan_updated", where=lambda d: d["first"] == 2)["data"]["rounds"]
    assert plan["2"][late["id"]] != me["seat"]  # they move on like everyone else


def test_someone_who_leaves_is_unseated_and_planned_without(cafe):
    console, people = cafe["console"], cafe["people"]
    console.call("rounds_configure", {"count": 3, "minutes": 20})
    console.call("seating_show")
    console.call("round_start")
    gone = people[9][0]["id"]
    reply = console.call("presence_set", {"participant": gone, "present": False})
    assert reply["ok"] and reply["participant"]["present"] is False
    assert gone not in current_seats(console)
    plan = console.wait("plan_updated", where=lambda d: d["first"] == 2)["data"]["rounds"]
    assert gone not in plan["2"] and gone not in plan["3"]
    assert console.call("presence_set", {"participant": gone, "present": "no"})["ok"] is False


def test_hand_moves_pin_a_person_and_keep_the_rules(cafe):
    console, people, tables = cafe["console"], cafe["people"], cafe["tables"]
    console.call("rounds_configure", {"count": 3, "minutes": 20})
    traveller = people[4][0]["id"]
    target = tables[2]["id"]
    assert console.call("plan_move", {"participant": traveller, "round": 2, "table": target})["ok"]
    plan = console.wait("plan_updated", where=lambda d: d["rounds"]["2"][traveller] == target)
    assert sorted(Counter(plan["data"]["rounds"]["2"].values()).values()) == [4, 4, 4]
    host = people[0][0]["id"]  # hosts the first table
    refused = console.call("plan_move", {"participant": host, "round": 2,
                                         "table": tables[1]["id"]})
    assert refused["error"]["code"] == "host_stays"
    console.call("table_update", {"table": target, "capacity": 4})
    assert console.call("seating_show")["ok"] and console.call("round_start")["ok"]
    seats = current_seats(console)
    assert Counter(seats.values())[target] == 4  # full
    hosts = {t["host"] for t in console.call("sync")["snapshot"]["tables"]}
    elsewhere = next(pid for pid, tid in seats.items() if tid != target and pid not in hosts)
    crowded = console.call("plan_move", {"participant": elsewhere, "round": 1, "table": target})
    assert crowded["error"]["code"] == "table_full"
    assert current_seats(console) == seats  # nothing moved
    for bad in [{"participant": traveller, "round": "2", "table": target},
                {"participant": traveller, "round": 9, "table": target},
                {"participant": traveller, "round": 2, "table": "nope"}]:
        assert console.call("plan_move", bad)["ok"] is False


def test_rounds_need_the_cafe_and_room_for_everyone(console, join):
    refused = console.call("rounds_configure", {"count": 2, "minutes": 10})
    assert refused["error"]["code"] == "no_tables"
    console.call("table_add", {"title": "Seule table"})
    for i in range(3):
        join(f"P{i}")
    assert console.call("round_start")["error"]["code"] == "wrong_phase"
    tables = console.call("sync")["snapshot"]["tables"]
    console.call("table_update", {"table": tables[0]["id"], "capacity": 2})
    refused = console.call("rounds_configure", {"count": 2, "minutes": 10})
    assert refused["error"]["code"] == "capacity"
    for bad in [{"count": 0}, {"count": 13}, {"minutes": 0}, {"minutes": "vingt"}]:
        assert console.call("rounds_configure", bad)["ok"] is False
    # One person cannot host two tables.
    other = console.call("table_add", {"title": "Deuxième table"})["table"]
    person = join("Hôte")[0]
    console.call("table_update", {"table": tables[0]["id"], "capacity": 12})
    assert console.call("table_update", {"table": tables[0]["id"], "host": person["id"]})["ok"]
    twice = console.call("table_update", {"table": other["id"], "host": person["id"]})
    assert twice["error"]["code"] == "host_elsewhere"


def test_a_re_plan_carries_a_better_fresh_plans_figures_for_the_console(cafe):
    console, people = cafe["console"], cafe["people"]
    console.call("rounds_configure", {"count": 3, "minutes": 20})
    console.call("seating_show")
    console.call("round_start")
    console.call("presence_set", {"participant": people[7][0]["id"], "present": False})
    kept = console.wait("plan_updated", where=lambda d: d["first"] == 2)["data"]
    fresh = kept["fresh"]  # null when keeping people's tables is as good as anything
    if fresh is not None:
        assert set(fresh) == {"repeats", "colleagues", "returns", "moved"}
        assert (fresh["returns"], fresh["repeats"], fresh["colleagues"]) < (
            kept["score"]["returns"], kept["score"]["repeats"], kept["score"]["colleagues"])
    assert console.call("plan_refresh")["ok"]
    again = console.wait("plan_updated", where=lambda d: d is not kept and d["first"] == 2)
    assert again["data"]["fresh"] is None  # planned from scratch: nothing to compare
    assert set(again["data"]["score"]) == {"repeats", "repeats_bound", "colleagues", "returns"}
