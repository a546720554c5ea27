"""A round never starts before everyone was shown where to go: the console's plan is a
draft until `seating_show` sends it to every phone and the screen (real Redis)."""

import json

import pytest

from server.domain.secrets import hash_secret, new_secret
from server.store import keys
from server.store.archive import dump, load

from .conftest import screen_of


@pytest.fixture
def cafe(console, join, connect_as, workshop):
    """Two tables with hosts and four travellers, in the café; the screen connected."""
    tables = [console.call("table_add", {"title": t})["table"] for t in ["Services", "Synergie"]]
    people = [join(f"P{i}", f"Org {i % 3}") for i in range(6)]
    for table, (host, _, _) in zip(tables, people[:2], strict=False):
        assert console.call("table_update", {"table": table["id"], "host": host["id"]})["ok"]
    for phase in ("forum", "cafe"):
        assert console.call("phase_set", {"phase": phase})["ok"]
    screen = connect_as(screen_of(workshop))
    screen.call("sync")
    for _, _, phone in people:
        phone.call("sync")
    return {"console": console, "tables": tables, "people": people, "screen": screen}


def types(client) -> list[str]:
    client.settle(0.2)
    return [e["type"] for e in client.events]


def test_the_plan_is_the_consoles_draft_until_shown_and_no_round_starts_before(cafe):
    console, screen, tables = cafe["console"], cafe["screen"], cafe["tables"]
    traveller, _, phone = cafe["people"][4]
    assert console.call("rounds_configure", {"count": 2, "minutes": 20})["ok"]
    assert console.wait("plan_updated")["scope"] == "c"
    refused = console.call("round_start")
    assert refused["error"]["code"] == "seating_not_shown"
    assert refused["error"]["message"] == "Montrez à chacun où aller avant que le tour 1 commence."
    # Nobody but the console knows the draft: no plan on the screen nor on the phones.
    assert "plan_updated" not in types(screen) and "my_plan" not in types(phone)
    assert screen.call("sync", {})["snapshot"]["plan"] == {}
    me = phone.call("sync", {})["me"]
    assert me["plan"] == {} and me["may"]["choose_table"] is True
    # Meanwhile people may still choose a table: the draft moves nobody.
    assert phone.call("seat_take", {"table": tables[0]["id"]})["ok"]

    shown = console.call("seating_show")
    assert shown["ok"] and shown["rounds"]["shown"] and shown["rounds"]["status"] == "idle"
    plan = screen.wait("plan_updated")
    assert plan["scope"] == "s" and sorted(plan["data"]["rounds"]) == ["1", "2"]
    assert screen.wait("rounds_updated", where=lambda d: d["shown"])["data"]["current"] == 0
    mine = phone.wait("my_plan")["data"]
    assert mine == {n: s[traveller["id"]] for n, s in plan["data"]["rounds"].items()}
    assert any(o["name"] == "resync" for o in phone.other)  # what it may do changed
    me = phone.call("sync", {})["me"]
    assert me["plan"] == mine and me["may"]["choose_table"] is False
    assert screen.call("sync", {})["snapshot"]["plan"] == plan["data"]["rounds"]
    assert phone.call("seat_take", {"table": tables[1]["id"]})["error"]["code"] == "planned"

    started = console.call("round_start")
    assert started["ok"] and started["rounds"]["current"] == 1
    assert phone.wait("my_seat")["data"] == {"table": mine["1"]}
    # Once shown, the plan stays public: after the round, the next seating is on show and
    # round 2 starts without another step.
    assert console.call("seating_show")["error"]["code"] == "wrong_state"  # under way
    assert console.call("round_end")["rounds"]["status"] == "between"
    assert console.call("round_start")["rounds"]["current"] == 2


def test_only_the_console_shows_the_seating_and_only_in_the_cafe(console, join, cafe):
    _, _, phone = cafe["people"][3]
    assert phone.call("seating_show")["error"]["code"] == "forbidden"
    assert cafe["screen"].call("seating_show")["error"]["code"] == "forbidden"
    assert console.call("phase_set", {"phase": "harvest"})["ok"]
    assert console.call("seating_show")["error"]["code"] == "wrong_phase"


def test_an_archive_keeps_the_plan_shown(cafe, store, workshop):
    console, code = cafe["console"], workshop["code"]
    console.call("rounds_configure", {"count": 2, "minutes": 20})
    console.call("seating_show")
    document = json.loads(json.dumps(dump(store.redis, code)))
    assert document["rounds"]["shown"] is True
    store.workshops.delete(code)
    load(store.redis, document, console_digest=hash_secret(new_secret()))
    assert store.redis.hget(keys.rounds(code), "shown") == "1"  # seat_take's guard reads it
