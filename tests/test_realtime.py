"""Socket.IO, through the Flask-SocketIO test client, on a real Redis."""

import time

import pytest
from werkzeug.test import EnvironBuilder

from server.domain.errors import DomainError
from server.domain.workshop import unknown_workshop
from server.realtime.connection import authenticate
from server.realtime.namespace import _refused
from server.store import keys

from .conftest import screen_of


def test_console_connects_with_its_key_only(workshop, connect_as):
    code = workshop["code"]
    assert connect_as({"code": code, "role": "console", "key": workshop["key"]}).tc.is_connected()
    for auth in [
        {"code": code, "role": "console", "key": "forged"},
        {"code": code, "role": "console"},
        {"code": code, "role": "console", "key": workshop["key"] + "x"},
        {"code": "ZZZZZZ", "role": "console", "key": workshop["key"]},
        {"code": code, "role": "admin"},
        {"code": code},
        None,
        "nonsense",
    ]:
        assert not connect_as(auth).tc.is_connected(), auth


def test_refusals_say_why(app, workshop, join):
    store = app.extensions["cafe"].store
    code = workshop["code"]
    _, token, _ = join("Claire")
    cases = {
        "unauthorized": {"code": code, "role": "console", "key": token},
        "not_joined": {"code": code, "role": "participant", "token": "forged"},
        "not_found": {"code": "ZZZZZZ", "role": "screen"},
        "invalid_code": {"code": "<script>", "role": "screen"},
        "bad_request": {"code": code, "role": "root"},
    }
    for expected, auth in cases.items():
        with pytest.raises(DomainError) as err:
            authenticate(store, auth)
        assert err.value.code == expected
    screen = {"code": code.lower(), "role": "screen", "key": workshop["screen_key"]}
    assert authenticate(store, screen).role == "screen"


def test_a_refused_connection_says_why_in_the_phone_s_language(app, connect_as):
    """Connections are admitted outside Flask's request context: a refusal still speaks
    the language the client named, or else its browser's."""
    environ = EnvironBuilder(headers={"Accept-Language": "fr-FR,fr;q=0.9"}).get_environ()
    environ["flask.app"] = app
    french = _refused(unknown_workshop("ZZZZZZ"), None, environ).error_args["data"]
    english = _refused(unknown_workshop("ZZZZZZ"), "en", environ).error_args["data"]
    assert french["message"] == "Aucun atelier n’a le code ZZZZZZ."
    assert english["message"] == "No workshop has the code ZZZZZZ."
    refused = connect_as({"code": "ZZZZZZ", "role": "screen"},
                         headers={"Accept-Language": "fr"})
    assert not refused.tc.is_connected()


def test_a_join_reaches_the_screen_and_the_console_live(workshop, connect_as, console, join):
    screen = connect_as(screen_of(workshop))
    join("Claire", "Latitude")
    for surface in (screen, console):
        event = surface.wait("participant_joined")
        assert event["data"]["name"] == "Claire"
        assert event["data"]["organisation"] == "Latitude"
        assert event["scope"] == "s" and event["seq"] == 1  # the staff's, not every phone's
        assert "token" not in event["data"]


def test_sync_sends_a_snapshot_then_only_what_was_missed(workshop, connect_as, join):
    join("Claire")
    screen = connect_as(screen_of(workshop))
    first = screen.call("sync")
    assert first["ok"] and first["snapshot"]["head"] == 1
    assert [p["name"] for p in first["snapshot"]["participants"]] == ["Claire"]
    assert first["me"]["role"] == "screen" and first["scopes"] == ["w", "s"]
    assert first["me"]["may"] == {"tend": [], "write_synthesis": [], "edit_steps": "none",
                                  "choose_table": False, "vote_on": [], "scribe": []}
    assert isinstance(first["now"], int)
    join("Alexia")
    again = screen.call("sync", {"since": {"w": 1, "s": 1}})
    assert again["ok"] and again["head"] == 2
    assert [e["data"]["name"] for e in again["events"]] == ["Alexia"]
    # A malformed "since" is not an error: the client simply gets a snapshot.
    for since in ["1", {"w": "1"}, {"w": -1}, {"other": 1}, {"w": True}]:
        reply = screen.call("sync", {"since": since})
        assert reply["ok"] and "snapshot" in reply


def test_facilitator_actions_are_refused_to_participants_and_screens(workshop, connect_as, join):
    person, _, phone = join("Claire")
    screen = connect_as(screen_of(workshop))
    attempts = [
        ("phase_set", {"phase": "forum"}),
        ("workshop_update", {"theme": "Hacked"}),
        ("participant_role", {"participant": person["id"], "role": "animator"}),
        ("participant_remove", {"participant": person["id"]}),
        ("workshop_delete", {"confirm": workshop["code"]}),
    ]
    for event, payload in attempts:
        for surface in (phone, screen):
            reply = surface.call(event, payload)
            assert reply["ok"] is False and reply["error"]["code"] == "forbidden", event
            assert reply["error"]["message"]
    snap = screen.call("sync")["snapshot"]
    assert snap["workshop"]["phase"] == "setup"
    assert snap["workshop"]["theme"] == workshop["workshop"]["theme"]
    assert snap["participants"][0]["role"] == "participant"


def test_console_moves_the_phase_and_every_page_hears_it(workshop, console, join):
    _, _, phone = join("Claire")
    reply = console.call("phase_set", {"phase": "forum"})
    assert reply["ok"] and reply["workshop"]["phase"] == "forum"
    assert phone.wait("workshop_updated")["data"]["phase"] == "forum"
    refused = console.call("phase_set", {"phase": "closed"})
    assert refused["error"]["code"] == "invalid_phase"
    assert console.call("phase_set", {"phase": "setup"})["workshop"]["phase"] == "setup"


def test_console_edits_details_with_clear_errors(workshop, console):
    reply = console.call("workshop_update", {"place": "Lyon", "members": "Christine, Paul"})
    assert reply["ok"] and reply["workshop"]["place"] == "Lyon"
    assert reply["workshop"]["members"] == ["Christine", "Paul"]
    assert reply["workshop"]["theme"] == workshop["workshop"]["theme"]
    for payload, code in [
        ({"theme": ""}, "empty"),
        ({"theme": "x" * 201}, "too_long"),
        ({"language": "de"}, "invalid_language"),
        ({"date": "tomorrow"}, "invalid_date"),
        ({"code": "AAAAAA"}, "bad_request"),
    ]:
        reply = console.call("workshop_update", payload)
        assert reply["ok"] is False and reply["error"]["code"] == code, payload
    assert console.call("sync")["snapshot"]["workshop"]["place"] == "Lyon"


def test_errors_are_in_the_callers_language(workshop, connect_as):
    french = connect_as({"code": workshop["code"], "role": "console", "key": workshop["key"],
                         "lang": "fr"})
    english = connect_as({"code": workshop["code"], "role": "console", "key": workshop["key"],
                          "lang": "en"})
    fr = french.call("workshop_update", {"theme": ""})["error"]["message"]
    en = english.call("workshop_update", {"theme": ""})["error"]["message"]
    assert en == "This field cannot be empty."
    assert fr != en and fr


def test_roles_are_given_and_seen_by_the_participant(workshop, console, join):
    person, _, phone = join("Claire")
    reply = console.call("participant_role", {"participant": person["id"], "role": "rapporteur"})
    assert reply["ok"] and reply["participant"]["role"] == "rapporteur"
    event = phone.wait("participant_updated")
    assert event["data"] == {**person, "role": "rapporteur"}
    assert phone.call("sync")["me"]["participant"]["role"] == "rapporteur"
    for payload in [{"participant": person["id"], "role": "king"},
                    {"participant": "nobody", "role": "host"},
                    {"participant": ["x"], "role": "host"}]:
        assert console.call("participant_role", payload)["ok"] is False


def test_a_removed_participant_is_disconnected_and_cannot_come_back(workshop, console, join,
                                                                    connect_as):
    person, token, phone = join("Claire")
    assert console.call("participant_remove", {"participant": person["id"]})["ok"]
    console.wait("participant_removed")
    phone.wait("participant_removed", where=lambda d: d["id"] == person["id"])
    assert not phone.tc.is_connected()
    again = connect_as({"code": workshop["code"], "role": "participant", "token": token})
    assert not again.tc.is_connected()


def test_a_participant_edits_their_own_profile(workshop, connect_as, join):
    _, _, phone = join("Claire", "Latitude")
    screen = connect_as(screen_of(workshop))
    reply = phone.call("profile_update", {"name": "Claire M.", "organisation": "Via Storia"})
    assert reply["ok"] and reply["participant"]["name"] == "Claire M."
    assert screen.wait("participant_updated")["data"]["organisation"] == "Via Storia"
    bad = phone.call("profile_update", {"name": "x" * 200})
    assert bad["error"]["code"] == "too_long" and bad["error"]["field"] == "name"
    assert screen.call("profile_update", {"name": "Screen"})["error"]["code"] == "forbidden"


def test_malformed_payloads_and_unknown_events_get_error_acks(workshop, console):
    for payload in ["text", 42, ["list"], True]:
        reply = console.call("phase_set", payload)
        assert reply["ok"] is False and reply["error"]["code"] == "bad_request", payload
    reply = console.call("no_such_event", {})
    assert reply["ok"] is False and reply["error"]["code"] == "unknown_event"
    reply = console.call("phase_set")
    assert reply["ok"] is False and reply["error"]["code"] == "invalid_phase"


def test_deleting_the_workshop_needs_its_code_and_removes_every_key(app, workshop, console,
                                                                    join, connect_as):
    store = app.extensions["cafe"].store
    _, _, phone = join("Claire")
    screen = connect_as(screen_of(workshop))
    refused = console.call("workshop_delete", {"confirm": "nope"})
    assert refused["error"]["code"] == "confirmation_needed"
    assert store.workshops.get(workshop["code"]) is not None
    reply = console.call("workshop_delete", {"confirm": workshop["code"]})
    assert reply["ok"] and reply["deleted_keys"] >= 4
    for surface in (phone, screen):
        surface.wait("workshop_deleted")
    assert store.redis.keys(keys.pattern(workshop["code"])) == []
    deadline = time.monotonic() + 3  # the relay cuts them just after the event
    while (phone.tc.is_connected() or screen.tc.is_connected()) and time.monotonic() < deadline:
        time.sleep(0.02)
    assert not phone.tc.is_connected() and not screen.tc.is_connected()


def test_phones_get_a_head_count_not_every_arrival(workshop, join, console):
    """At 2,000 phones, each arrival sent to every phone would be 4 million messages."""
    _, _, first = join("Claire")
    for name in ("Paul", "Alexia"):
        join(name)
    crowd = first.wait("crowd", where=lambda d: d["people"] == 3)
    assert crowd["seq"] is None and crowd["scope"] == "w"
    assert not [e for e in first.events if e["type"] == "participant_joined"]
    console.wait("participant_joined", where=lambda d: d["name"] == "Alexia")
    snapshot = first.call("sync")["snapshot"]
    assert snapshot["crowd"] == {"people": 3, "seated": {}}  # no seat yet: how full tables are
    assert [p["name"] for p in snapshot["participants"]] == ["Claire"]  # only oneself
    table = console.call("table_add", {"title": "Mutualisation"})["table"]
    assert first.call("seat_take", {"table": table["id"]})["ok"]
    assert first.call("tables_seated")["seated"] == {table["id"]: 1}
    assert "seated" not in first.call("sync")["snapshot"]["crowd"]


def test_a_host_s_name_travels_with_the_table(workshop, join, console):
    """Phones know no list of participants: the table carries its host's name."""
    person, _, phone = join("Claire")
    table = console.call("table_add", {"title": "Mutualisation"})["table"]
    reply = console.call("table_update", {"table": table["id"], "host": person["id"]})
    assert reply["table"]["host_name"] == "Claire"
    assert phone.call("profile_update", {"name": "Claire M."})["ok"]
    renamed = phone.wait("table_updated", where=lambda d: d["host_name"] == "Claire M.")
    assert renamed["data"]["host"] == person["id"]
    assert console.call("participant_remove", {"participant": person["id"]})["ok"]
    gone = console.wait("table_updated", where=lambda d: d["host"] is None)
    assert gone["data"]["host_name"] == ""


def test_a_flood_from_one_socket_gets_error_acks_and_others_go_on(workshop, join):
    """A phone sending far faster than anyone types is told so, early and cheaply."""
    _, _, flooder = join("Claire")
    _, _, calm = join("Paul")
    replies = [flooder.call("tables_seated") for _ in range(150)]
    refused = [r for r in replies if not r["ok"]]
    assert refused and all(r["error"]["code"] == "rate_limited" for r in refused)
    assert sum(r["ok"] for r in replies) >= 60  # the burst an offline outbox may need
    assert calm.call("tables_seated")["ok"]
    time.sleep(1.0)  # the bucket refills
    assert flooder.call("tables_seated")["ok"]


def test_a_socket_that_keeps_flooding_is_cut_and_kept_out_a_while(workshop, join, connect_as):
    _, token, flooder = join("Claire")
    for _ in range(200):
        if not flooder.tc.is_connected():
            break
        flooder.tc.emit("tables_seated", {}, callback=True)
    assert not flooder.tc.is_connected()
    again = connect_as({"code": workshop["code"], "role": "participant", "token": token})
    assert not again.tc.is_connected()  # 30 s before this participant may come back
    _, _, other = join("Paul")
    assert other.call("tables_seated")["ok"]


def test_a_seated_phone_s_snapshot_describes_its_own_tables_only(workshop, console, join):
    """A phone choosing its table gets every table; once seated, its snapshot describes
    only its own: what a joining phone costs does not grow with the workshop's tables."""
    tables = [console.call("table_add", {"title": f"Table {i}"})["table"]["id"]
              for i in range(5)]
    for phase in ("forum", "cafe"):
        assert console.call("phase_set", {"phase": phase})["ok"]
    _, _, paul = join("Paul")
    assert paul.call("seat_take", {"table": tables[1]})["ok"]
    assert console.call("writing_set", {"private": True})["ok"]
    assert paul.call("note_post", {"id": "n" * 16, "table": tables[1], "text": "Seul",
                                   "colour": "yellow"})["ok"]
    _, _, phone = join("Claire")
    choosing = phone.call("sync")["snapshot"]
    assert sorted(t["id"] for t in choosing["tables"]) == sorted(tables)
    assert choosing["crowd"]["seated"] == {tables[1]: 1}  # how full each table is
    assert phone.call("seat_take", {"table": tables[3]})["ok"]
    seated = phone.call("sync")["snapshot"]
    assert [t["id"] for t in seated["tables"]] == [tables[3]]
    assert seated["tables"][0]["title"] == "Table 3"
    # Other tables' head counts and notes written alone are not a seated phone's concern.
    assert seated["crowd"] == {"people": 2} and seated["written"] == {}
    assert paul.call("sync")["snapshot"]["written"] == {tables[1]: 1}
    assert console.call("sync")["snapshot"]["written"] == {tables[1]: 1}
    assert phone.call("seat_take", {"table": None})["ok"]  # up again: every table to choose
    assert len(phone.call("sync")["snapshot"]["tables"]) == 5


def test_a_process_follows_a_workshop_channel_while_it_serves_it(app, workshop, connect_as):
    relay, bus = app.extensions["cafe"].relay, app.extensions["cafe"].store.bus
    relay.linger = 0  # unfollow as soon as the last socket leaves
    code = workshop["code"]
    assert code not in bus.followed()
    screen = connect_as(screen_of(workshop))
    console = connect_as({"code": code, "role": "console", "key": workshop["key"]})
    assert bus.followed() == {code}  # followed, and confirmed, before the connection is
    screen.tc.disconnect()
    assert bus.followed() == {code}  # the console is still here
    console.tc.disconnect()
    assert bus.followed() == set()


def test_a_channel_lingers_after_the_last_socket_for_a_reload(app, workshop, connect_as):
    relay, bus = app.extensions["cafe"].relay, app.extensions["cafe"].store.bus
    relay.linger = 30
    screen = connect_as(screen_of(workshop))
    screen.tc.disconnect()
    relay.forget_idle()
    assert bus.followed() == {workshop["code"]}  # a page reloading finds it followed
    relay.linger = 0
    relay.forget_idle()
    assert bus.followed() == set()
