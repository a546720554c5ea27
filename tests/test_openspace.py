"""The forum ouvert over Socket.IO on a real Redis: the grid, the marketplace filling
live, the law of two feet, reports as breaking news, the amendment window."""

import threading

import pytest

from server.domain.secrets import new_id

from .conftest import REFERENCE, screen_of


def op() -> str:
    return "op-" + new_id(12)


@pytest.fixture
def forum_ouvert(client):
    response = client.post("/api/workshops", json={**REFERENCE, "format": "forum-ouvert"})
    assert response.status_code == 201, response.get_json()
    body = response.get_json()
    assert body["workshop"]["format"] == "forum-ouvert"
    return {"code": body["workshop"]["code"], "key": body["console_key"], **body}


@pytest.fixture
def console(forum_ouvert, connect_as):
    return connect_as({"code": forum_ouvert["code"], "role": "console",
                       "key": forum_ouvert["key"]})


@pytest.fixture
def join(client, forum_ouvert, connect_as):
    def join_(name: str):
        client.delete_cookie("cafe_device")  # each person's phone is a device of its own
        r = client.post(f"/api/workshops/{forum_ouvert['code']}/participants",
                        json={"name": name})
        body = r.get_json()
        phone = connect_as({"code": forum_ouvert["code"], "role": "participant",
                            "token": body["token"]})
        return body["participant"], phone

    return join_


@pytest.fixture
def grid(console):
    """Two spaces and two slots; returns (spaces, slots) ids."""
    for name in ("Rhône", "Saône"):
        assert console.call("space_save", {"name": name, "capacity": 20})["ok"]
    for label in ("Matin", "Après-midi"):
        layout = console.call("slot_save", {"label": label})["layout"]
    return [s["id"] for s in layout["spaces"]], [s["id"] for s in layout["slots"]]


def convene(phone, title, space, slot, **extra):
    return phone.call("session_convene", {"title": title, "space": space, "slot": slot,
                                          "op": op(), **extra})


def test_a_hybrid_workshop_is_made_by_default_and_a_world_cafe_skips_the_forum(
        client, connect_as):
    made = client.post("/api/workshops", json=REFERENCE).get_json()
    assert made["workshop"]["format"] == "hybrid"
    made = client.post("/api/workshops", json={**REFERENCE, "format": "world-cafe"}).get_json()
    console = connect_as({"code": made["workshop"]["code"], "role": "console",
                          "key": made["console_key"]})
    assert console.call("phase_set", {"phase": "forum"})["error"]["code"] == "invalid_phase"
    assert console.call("phase_set", {"phase": "cafe"})["error"]["code"] == "wrong_phase"
    assert console.call("table_add", {"title": "Coopérer"})["ok"]
    assert console.call("phase_set", {"phase": "cafe"})["ok"]
    refused = console.call("workshop_update", {"format": "hybrid"})
    assert refused["error"]["field"] == "format"


def test_the_marketplace_fills_live_with_clashes_and_closes(console, grid, join, connect_as,
                                                           forum_ouvert):
    spaces, slots = grid
    screen = connect_as(screen_of(forum_ouvert))
    assert console.call("phase_set", {"phase": "forum"})["ok"]
    claire_p, claire = join("Claire")
    _, alexia = join("Alexia")
    first = convene(claire, "Créer une charte commune", spaces[0], slots[0])
    assert first["ok"], first
    session = first["session"]
    assert session["conveners"] == [claire_p["id"]] and session["convener_names"] == ["Claire"]
    assert screen.wait("session_saved")["data"]["title"] == "Créer une charte commune"
    assert screen.wait("table_updated")["data"]["id"] == session["id"]
    taken = convene(alexia, "Autre chose", spaces[0], slots[0])
    assert taken["error"]["code"] == "conflict"
    second = convene(alexia, "Une charte commune à créer", spaces[1], slots[0])["session"]
    clash = screen.wait("clashes", where=lambda d: d["clashes"])["data"]["clashes"]
    assert {"kind": "similar", "slot": slots[0],
            "sessions": [session["id"], second["id"]]} in clash
    booked = convene(claire, "Le vélo", spaces[1], slots[1])["session"]
    moved = claire.call("session_move", {"session": booked["id"], "space": spaces[1],
                                         "slot": slots[0]})
    assert moved["error"]["code"] == "conflict"  # Alexia's session is there
    assert alexia.call("session_move", {"session": booked["id"], "space": spaces[0],
                                        "slot": slots[1]})["error"]["code"] == "forbidden"
    assert claire.call("session_move", {"session": booked["id"], "space": spaces[0],
                                        "slot": slots[1]})["ok"]
    merged = alexia.call("session_merge", {"session": second["id"], "into": session["id"]})
    assert merged["ok"] and merged["session"]["convener_names"] == ["Claire", "Alexia"]
    assert screen.wait("session_removed")["data"] == {"id": second["id"],
                                                      "merged_into": session["id"]}
    snapshot = console.call("sync")["snapshot"]
    assert {s["id"] for s in snapshot["openspace"]["sessions"]} == {session["id"], booked["id"]}
    assert {t["id"] for t in snapshot["tables"]} == {session["id"], booked["id"]}
    assert snapshot["openspace"]["clashes"] == []
    assert console.call("phase_set", {"phase": "cafe"})["ok"]  # the marketplace closes
    late = convene(alexia, "Trop tard", spaces[1], slots[1])
    assert late["error"]["code"] == "wrong_phase"


def test_the_law_of_two_feet(console, grid, join, connect_as, forum_ouvert):
    spaces, slots = grid
    screen = connect_as(screen_of(forum_ouvert))
    assert console.call("phase_set", {"phase": "forum"})["ok"]
    _, claire = join("Claire")
    a = convene(claire, "Charte", spaces[0], slots[0])["session"]
    b = convene(console, "Vélo", spaces[1], slots[0])["session"]
    bob_p, bob = join("Bob")
    early = bob.call("session_check_in", {"session": a["id"], "op": op()})
    assert early["error"]["code"] == "wrong_phase"
    assert console.call("phase_set", {"phase": "cafe"})["ok"]
    by_door = bob.call("session_check_in", {"space": spaces[0], "op": op()})
    assert by_door["error"]["code"] == "not_found"  # no slot under way yet
    assert console.call("slot_now", {"slot": slots[0]})["ok"]
    assert claire.call("session_check_in", {"session": a["id"], "op": op()})["ok"]
    checked = bob.call("session_check_in", {"space": spaces[0], "op": op()})
    assert checked == {"ok": True, "session": a["id"], "from": None}
    arrived = claire.wait("session_presence", where=lambda d: d["participant"] == bob_p["id"])
    assert arrived["data"]["here"] == 2 and arrived["data"]["arrived"] is True
    people = claire.call("session_people", {"session": a["id"]})["people"]
    assert [p["name"] for p in people] == ["Bob", "Claire"]
    assert bob.call("session_people", {"session": a["id"]})["people"] is None
    # Bob writes a note at his session, as at a café table.
    note = bob.call("note_post", {"id": "n-" + new_id(10), "table": a["id"], "text": "Idée"})
    assert note["ok"], note
    # He moves: checked out of the first session, into the second.
    moved = bob.call("session_check_in", {"session": b["id"], "op": op()})
    assert moved == {"ok": True, "session": b["id"], "from": a["id"]}
    left = claire.wait("session_presence", where=lambda d: d["arrived"] is False)
    assert left["data"]["here"] == 1
    came = screen.wait("session_presence", where=lambda d: d["session"] == b["id"])
    assert came["data"]["bumblebee"] == slots[0]  # a second session of that slot
    snapshot = screen.call("sync")["snapshot"]["openspace"]
    assert snapshot["here"] == {a["id"]: 1, b["id"]: 1}
    assert snapshot["visitors"] == {a["id"]: 2, b["id"]: 1}
    assert snapshot["bumblebees"] == {slots[0]: 1}
    mine = bob.call("sync")
    assert mine["snapshot"]["openspace"]["visited"] == sorted([a["id"], b["id"]])
    assert mine["me"]["seat"] == b["id"]


def test_two_phones_of_one_person_are_in_one_session_at_a_time(console, grid, client,
                                                                forum_ouvert, connect_as):
    spaces, slots = grid
    assert console.call("phase_set", {"phase": "forum"})["ok"]
    ids = [convene(console, f"Session {i}", spaces[i], slots[0])["session"]["id"]
           for i in range(2)]
    assert console.call("phase_set", {"phase": "cafe"})["ok"]
    client.delete_cookie("cafe_device")
    body = client.post(f"/api/workshops/{forum_ouvert['code']}/participants",
                       json={"name": "Dana"}).get_json()
    auth = {"code": forum_ouvert["code"], "role": "participant", "token": body["token"]}
    phones = [connect_as(auth), connect_as(auth)]
    results = []
    threads = [threading.Thread(target=lambda p=p, s=s: results.append(
        p.call("session_check_in", {"session": s, "op": op()})))
        for p, s in zip(phones * 3, ids * 3, strict=True)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert all(r["ok"] for r in results)
    here = console.call("sync")["snapshot"]["openspace"]["here"]
    assert sum(here.values()) == 1


def test_reports_make_breaking_news_and_are_amended_by_who_attended(console, grid, join,
                                                                     connect_as, forum_ouvert,
                                                                     client):
    spaces, slots = grid
    screen = connect_as(screen_of(forum_ouvert))
    assert console.call("phase_set", {"phase": "forum"})["ok"]
    _, claire = join("Claire")
    session = convene(claire, "Charte", spaces[0], slots[0])["session"]
    _, bob = join("Bob")
    _, eve = join("Eve")
    assert console.call("phase_set", {"phase": "cafe"})["ok"]
    assert bob.call("session_check_in", {"session": session["id"], "op": op()})["ok"]
    report = {"session": session["id"], "key_points": ["Une charte courte"],
              "recommendations": ["L'écrire ensemble"],
              "next_steps": [{"what": "Premier jet", "owner": "Claire"}]}
    refused = eve.call("report_save", {**report, "op": op()})
    assert refused["error"]["code"] == "forbidden"
    saved = claire.call("report_save", {**report, "op": op()})
    assert saved["ok"], saved
    assert saved["report"]["participants"] == ["Bob"]
    news = screen.wait("report_saved")["data"]
    assert news["writer_name"] == "Claire" and news["key_points"] == ["Une charte courte"]
    again = bob.call("report_save", {**report, "key_points": ["Courte, claire"], "op": op()})
    assert again["report"]["version"] == 2
    _, zoe = join("Zoé")  # comes after the report was saved: the proceedings name her too
    assert zoe.call("session_check_in", {"session": session["id"], "op": op()})["ok"]
    comment = {"session": session["id"], "text": "Ajouter : signée par tous"}
    assert bob.call("report_comment", {**comment, "op": op()})["error"]["code"] == "wrong_phase"
    assert console.call("phase_set", {"phase": "harvest"})["ok"]
    assert bob.call("report_comment", {**comment, "op": op()})["error"]["code"] == "wrong_phase"
    assert console.call("amendment_set", {"state": "open"})["ok"]
    assert screen.wait("openspace_updated", where=lambda d: d["amendment"] == "open")
    commented = bob.call("report_comment", {**comment, "op": op()})
    assert commented["ok"] and commented["comment"]["name"] == "Bob"
    assert screen.wait("report_commented")["data"]["text"] == "Ajouter : signée par tous"
    assert eve.call("report_comment", {**comment, "op": op()})["error"]["code"] == "forbidden"
    assert console.call("amendment_set", {"state": "final"})["ok"]
    late = claire.call("report_save", {**report, "op": op()})
    assert late["error"]["code"] == "wrong_phase"
    snapshot = console.call("sync")["snapshot"]["openspace"]
    assert snapshot["amendment"] == "final" and len(snapshot["comments"]) == 1
    assert snapshot["reports"][0]["key_points"] == ["Courte, claire"]
    export = client.get(f"/api/workshops/{forum_ouvert['code']}/export/md",
                        headers={"Authorization": f"Bearer {forum_ouvert['key']}"})
    assert "Bob, Zoé" in export.get_data(as_text=True)


def test_a_space_or_slot_in_use_stays(console, grid):
    spaces, slots = grid
    assert console.call("phase_set", {"phase": "forum"})["ok"]
    assert convene(console, "Charte", spaces[0], slots[0])["ok"]
    assert console.call("space_remove", {"space": spaces[0]})["error"]["code"] == "conflict"
    assert console.call("slot_remove", {"slot": slots[0]})["error"]["code"] == "conflict"
    layout = console.call("space_remove", {"space": spaces[1]})["layout"]
    assert [s["id"] for s in layout["spaces"]] == [spaces[0]]


def test_dots_across_sessions_choose_the_recommendations_to_carry_forward(console, grid, join,
                                                                          client, forum_ouvert):
    spaces, slots = grid
    assert console.call("phase_set", {"phase": "forum"})["ok"]
    _, claire = join("Claire")
    first = convene(claire, "Charte", spaces[0], slots[0])["session"]
    second = convene(claire, "Vélo", spaces[1], slots[1])["session"]
    _, bob = join("Bob")
    assert console.call("phase_set", {"phase": "cafe"})["ok"]
    for session, recommendations in [(first, ["Écrire la charte", "La signer"]),
                                     (second, ["Un parking à vélos"])]:
        assert claire.call("report_save", {"session": session["id"], "op": op(),
                                           "recommendations": recommendations})["ok"]
    assert console.call("phase_set", {"phase": "harvest"})["ok"]
    early = console.call("ballot_make", {"title": "Recommandations"})
    assert early["error"]["code"] == "wrong_phase"  # the proceedings are not final yet
    assert console.call("amendment_set", {"state": "final"})["ok"]
    made = console.call("ballot_make", {"title": "Recommandations"})
    assert made["ok"] and made["notes"] == 3
    ballot = made["table"]["id"]
    opened = console.call("voting_open", {"table": ballot, "budget": 2, "cap": 1,
                                          "hidden": True})
    assert opened["ok"], opened
    snapshot = bob.call("sync")["snapshot"]
    notes = [n for n in snapshot["notes"] if n["table"] == ballot]
    assert sorted(n["text"] for n in notes) == ["La signer", "Un parking à vélos",
                                                "Écrire la charte"]
    assert {n["author_name"] for n in notes} == {"Charte", "Vélo"}
    chosen = next(n for n in notes if n["text"] == "Un parking à vélos")
    assert bob.call("vote", {"table": ballot, "note": chosen["id"], "op": op()})["ok"]
    again = bob.call("vote", {"table": ballot, "note": chosen["id"], "op": op()})
    assert again["ok"] is False  # one dot per recommendation: the vote's own cap
    assert console.call("voting_reveal")["ok"]
    assert console.call("sync")["snapshot"]["votes"][chosen["id"]] == 1
    # The proceedings say what was carried forward, with its dots.
    export = client.get(f"/api/workshops/{forum_ouvert['code']}/export/md",
                        headers={"Authorization": f"Bearer {forum_ouvert['key']}"})
    text = export.get_data(as_text=True)
    assert "| Un parking à vélos | Vélo | 1 |" in text
