"""Who may do what: every facilitator, host and rapporteur action tried by those who may not.

The matrix is read from the handlers themselves, so a new event is covered the day it
is added: each is tried by every surface its roles leave out, and must be refused.
"""

import time

import pytest

from server.domain.secrets import new_id

from .conftest import REFERENCE, screen_of

SURFACES = ("participant", "screen", "console", "preview")


@pytest.fixture
def cafe(console, join, connect_as, workshop):
    """A café: one table hosted by Claire, Paul seated there with a note, a screen."""
    table = console.call("table_add", {"title": "Mutualisation"})["table"]
    claire, _, host = join("Claire")
    paul_p, _, paul = join("Paul")
    console.call("table_update", {"table": table["id"], "host": claire["id"]})
    for phase in ("forum", "cafe"):
        assert console.call("phase_set", {"phase": phase})["ok"]
    assert paul.call("seat_take", {"table": table["id"]})["ok"]
    note = host.call("note_post", {"id": new_id(16), "table": table["id"], "text": "Idée"})
    question = host.call("question_add", {"table": table["id"], "text": "Comment ?"})
    screen = connect_as(screen_of(workshop))
    # The console's "view as a participant" at that table: it reads, it never writes.
    preview = connect_as({"code": workshop["code"], "role": "preview", "key": workshop["key"],
                          "table": table["id"]})
    return {"table": table, "note": note["note"], "question": question["question"],
            "host": host, "paul": paul, "paul_p": paul_p, "console": console,
            "screen": screen, "preview": preview}


def handlers(app) -> dict:
    return app.extensions["cafe"].socketio.server.namespace_handlers["/"].handlers


def test_every_event_is_refused_to_the_surfaces_it_is_not_for(app, cafe):
    surfaces = {"participant": cafe["paul"], "screen": cafe["screen"],
                "console": cafe["console"], "preview": cafe["preview"]}
    tried = 0
    for event, handler in sorted(handlers(app).items()):
        for surface in SURFACES:
            if surface in handler.roles:
                continue
            if tried % 50 == 49:
                time.sleep(3.1)  # within the connection's rate (20 a second, 60 at once)
            reply = surfaces[surface].call(event, {"table": cafe["table"]["id"]})
            assert reply["ok"] is False, (event, surface)
            assert reply["error"]["code"] == "forbidden", (event, surface, reply)
            tried += 1
    assert tried >= 120  # every event but sync and presence, tried by a preview too


def test_a_participant_cannot_tend_a_table_they_do_not_host(cafe):
    paul, table, note = cafe["paul"], cafe["table"]["id"], cafe["note"]
    question = cafe["question"]["id"]
    attempts = {
        "question_add": {"table": table, "text": "Pourquoi ?"},
        "question_edit": {"table": table, "id": question, "text": "Pourquoi ?"},
        "question_remove": {"table": table, "id": question},
        "note_edit": {"table": table, "id": note["id"], "text": "Changé", "version": 1},
        "note_move": {"table": table, "id": note["id"], "question": question},
        "note_delete": {"table": table, "id": note["id"]},
    }
    for event, payload in attempts.items():
        reply = paul.call(event, payload)
        assert reply["error"]["code"] == "forbidden", (event, reply)
    assert cafe["host"].call("note_edit", {"table": table, "id": note["id"],
                                           "text": "Changé par l'hôte"})["ok"]


def test_a_participant_cannot_write_the_synthesis_of_a_table(cafe):
    console, paul, table = cafe["console"], cafe["paul"], cafe["table"]["id"]
    assert console.call("phase_set", {"phase": "harvest"})["ok"]
    attempts = {
        "passage_save": {"table": table, "kind": "summary", "text": "Résumé"},
        "idea_add": {"table": table, "text": "Une idée", "op": new_id(16)},
    }
    for event, payload in attempts.items():
        reply = paul.call(event, payload)
        assert reply["error"]["code"] == "forbidden", (event, reply)
    # Anyone may propose a next step in the harvest; only the facilitator decides.
    step = paul.call("step_propose", {"text": "Une suite", "op": new_id(16)})
    assert step["ok"], step
    decided = paul.call("step_decide", {"key": step["item"]["key"], "decision": "kept"})
    assert decided["error"]["code"] == "forbidden"


def test_another_workshop_s_facilitator_reaches_nothing_here(client, connect_as, cafe,
                                                             workshop):
    body = client.post("/api/workshops", json=REFERENCE).get_json()
    other = connect_as({"code": body["workshop"]["code"], "role": "console",
                        "key": body["console_key"]})
    here = {"table": cafe["table"]["id"], "participant": cafe["paul_p"]["id"],
            "id": cafe["note"]["id"], "title": "Piraté", "host": None}
    for event in ("table_update", "participant_remove", "participant_role", "seat_set",
                  "question_add", "note_delete"):
        reply = other.call(event, {**here, "role": "animator", "text": "x"})
        assert reply["ok"] is False, (event, reply)
        assert reply["error"]["code"] in ("not_found", "invalid", "bad_request"), (event, reply)
    # Their key does not open this workshop's console, nor its downloads.
    refused = connect_as({"code": workshop["code"], "role": "console",
                          "key": body["console_key"]})
    assert not refused.tc.is_connected()
    download = client.get(f"/api/workshops/{workshop['code']}/export/json",
                          headers={"Authorization": f"Bearer {body['console_key']}"})
    assert download.status_code in (401, 403)
    snapshot = cafe["console"].call("sync")["snapshot"]
    assert [t["title"] for t in snapshot["tables"]] == ["Mutualisation"]
    assert [n["id"] for n in snapshot["notes"]] == [cafe["note"]["id"]]


def test_no_token_no_entry(client, connect_as, workshop):
    code = workshop["code"]
    for auth in (None, {}, {"code": code}, {"code": code, "role": "participant"},
                 {"code": code, "role": "participant", "token": "not-a-token"},
                 {"code": code, "role": "console"}, {"code": code, "role": "console",
                                                     "key": "x" * 43}):
        sock = connect_as(auth)
        assert not sock.tc.is_connected(), auth
    for headers in ({}, {"Authorization": "Bearer "}, {"Authorization": "Bearer nope"}):
        reply = client.get(f"/api/workshops/{code}/export/md", headers=headers)
        assert reply.status_code in (401, 403) and reply.get_json()["ok"] is False
