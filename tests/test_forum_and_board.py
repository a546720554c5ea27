"""The forum and the tables' boards, over Socket.IO on a real Redis."""

import threading

import pytest

from server.domain.secrets import new_id

from .conftest import screen_of


def op() -> str:
    return "op-" + new_id(12)


@pytest.fixture
def forum(console):
    assert console.call("phase_set", {"phase": "forum"})["ok"]
    return console


def propose(phone, title, description=""):
    reply = phone.call("topic_propose", {"title": title, "description": description, "op": op()})
    assert reply["ok"], reply
    return reply["topic"]


def test_topics_are_proposed_supported_and_seen_live(forum, join, connect_as, workshop):
    screen = connect_as(screen_of(workshop))
    _, _, claire = join("Claire")
    alexia_p, _, alexia = join("Alexia")
    topic = propose(claire, "Mutualisation des compétences", "avec une culture partagée")
    assert topic["supporters"] == 0 and topic["author"]
    assert screen.wait("topic_added")["data"]["title"] == "Mutualisation des compétences"
    reply = alexia.call("topic_support", {"topic": topic["id"], "op": op()})
    assert reply == {"ok": True, "topic": topic["id"], "supported": True}
    assert screen.wait("topic_supporters")["data"] == {"id": topic["id"], "supporters": 1}
    private = alexia.wait("support_changed")
    assert private["scope"] == f"p:{alexia_p['id']}" and private["data"]["used"] == 1
    # Supporters are counted, not named, on the public channel.
    screen.settle(0.2)
    assert not [e for e in screen.events if e["scope"].startswith("p:")]
    again = alexia.call("topic_support", {"topic": topic["id"], "op": op()})
    assert again["error"]["code"] == "conflict"
    taken_back = alexia.call("topic_support", {"topic": topic["id"], "supported": False})
    assert taken_back["ok"] and taken_back["supported"] is False


def test_the_support_budget_holds_even_from_two_phones_at_once(forum, join, connect_as,
                                                                workshop, app):
    topics = [propose(forum, f"Sujet {i}") for i in range(8)]
    _, token, phone = join("Claire")
    second = connect_as({"code": workshop["code"], "role": "participant", "token": token})
    results = []

    def support(client, topic):
        results.append(client.call("topic_support", {"topic": topic["id"], "op": op()}))

    threads = [threading.Thread(target=support, args=(c, t))
               for t in topics for c in (phone, second)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    accepted = [r for r in results if r["ok"]]
    assert len(accepted) == 3  # the default budget
    assert {r["error"]["code"] for r in results if not r["ok"]} <= {"budget_exhausted", "conflict"}
    store = app.extensions["cafe"].store
    assert sum(store.forum.supporters(workshop["code"]).values()) == 3


def test_a_retried_proposal_is_not_doubled(forum, join):
    _, _, phone = join("Claire")
    same = op()
    first = phone.call("topic_propose", {"title": "Réseau", "op": same})
    second = phone.call("topic_propose", {"title": "Réseau", "op": same})
    assert first["ok"] and second["ok"] and second["duplicate"] is True
    assert second["topic"]["id"] == first["topic"]["id"]
    assert len(forum.call("sync")["snapshot"]["topics"]) == 1


def test_topics_are_proposed_only_in_the_forum(console, join):
    _, _, phone = join("Claire")
    reply = phone.call("topic_propose", {"title": "Trop tôt", "op": op()})
    assert reply["error"]["code"] == "wrong_phase"
    assert console.call("topic_propose", {"title": "Sujet de l'animation"})["ok"]


def test_merging_moves_supporters_and_refunds_double_support(forum, join, app, workshop):
    a = propose(forum, "Coopération")
    b = propose(forum, "La coopération")
    _, _, both = join("Claire")
    _, _, only_b = join("Alexia")
    for phone, topic in [(both, a), (both, b), (only_b, b)]:
        assert phone.call("topic_support", {"topic": topic["id"], "op": op()})["ok"]
    reply = forum.call("topic_merge", {"topic": b["id"], "into": a["id"]})
    assert reply == {"ok": True, "topic": a["id"], "supporters": 2}
    store = app.extensions["cafe"].store
    assert store.forum.supporters(workshop["code"]) == {a["id"]: 2}
    snap = both.call("sync")["snapshot"]
    assert snap["mine"]["supports"] == [a["id"]]
    assert [t["id"] for t in snap["topics"]] == [a["id"]]
    # Claire got one support back: she can support two more topics.
    c = propose(forum, "Circuits courts")
    d = propose(forum, "Charte commune")
    assert both.call("topic_support", {"topic": c["id"], "op": op()})["ok"]
    assert both.call("topic_support", {"topic": d["id"], "op": op()})["ok"]


def test_keeping_the_top_topics_makes_tables(forum, join):
    topics = [propose(forum, t) for t in ["Services", "Synergie", "Mutualisation", "Autre"]]
    phones = [join(n)[2] for n in ["Claire", "Alexia", "Paul"]]
    for i, phone in enumerate(phones):
        for topic in topics[: 3 - (i == 2)]:
            assert phone.call("topic_support", {"topic": topic["id"], "op": op()})["ok"]
    reply = forum.call("topics_keep", {})
    assert reply["ok"]
    assert [t["title"] for t in reply["tables"]] == ["Services", "Synergie", "Mutualisation"]
    assert [t["number"] for t in reply["tables"]] == [1, 2, 3]
    chosen = forum.call("topics_keep", {"topics": [topics[3]["id"], topics[0]["id"]]})
    assert [t["title"] for t in chosen["tables"]] == ["Autre", "Services"]
    for bad in [{"topics": []}, {"topics": ["nope"]}, {"topics": "x"}]:
        assert forum.call("topics_keep", bad)["ok"] is False


@pytest.fixture
def cafe(forum, join):
    """A café with two tables, Claire hosting the first, Paul seated at it."""
    for title in ["Mutualisation", "Synergie"]:
        propose(forum, title)
    tables = forum.call("topics_keep", {"topics": [t["id"] for t in
                                                   forum.call("sync")["snapshot"]["topics"]]})
    one, two = tables["tables"]
    claire, _, claire_phone = join("Claire", "Latitude")
    paul, _, paul_phone = join("Paul", "Via Storia")
    assert forum.call("table_update", {"table": one["id"], "host": claire["id"]})["ok"]
    assert paul_phone.call("seat_take", {"table": one["id"], "op": op()})["ok"]
    assert forum.call("phase_set", {"phase": "cafe"})["ok"]
    for client in (claire_phone, paul_phone, forum):
        client.call("sync")  # as the pages do when their tables change
    return {"one": one, "two": two, "claire": claire, "claire_phone": claire_phone,
            "paul": paul, "paul_phone": paul_phone, "console": forum}


def note(table, text="Une idée", **extra):
    return {"id": new_id(16), "table": table["id"], "text": text, "colour": "yellow", **extra}


def test_a_note_reaches_the_table_and_the_screen_but_not_the_other_table(cafe, join, connect_as,
                                                                         workshop):
    screen = connect_as(screen_of(workshop))
    screen.call("sync")
    _, _, other_phone = join("Alexia")
    assert other_phone.call("seat_take", {"table": cafe["two"]["id"], "op": op()})["ok"]
    other_phone.call("sync")
    payload = note(cafe["one"], "Il faut un leader")
    reply = cafe["paul_phone"].call("note_post", payload)
    assert reply["ok"] and reply["note"]["text"] == "Il faut un leader"
    for receiver in (cafe["claire_phone"], screen, cafe["console"]):
        event = receiver.wait("note_posted")
        assert event["data"]["author_name"] == "Paul"
        assert event["scope"] == f"t:{cafe['one']['id']}"
    other_phone.settle(0.3)
    assert not [e for e in other_phone.events if e["type"] == "note_posted"]


def test_a_retried_note_is_stored_once(cafe, app, workshop):
    payload = {**note(cafe["one"]), "op": new_id(16)}
    first = cafe["paul_phone"].call("note_post", payload)
    second = cafe["paul_phone"].call("note_post", payload)
    assert first["ok"] and second["ok"] and second.get("duplicate") is True
    notes = app.extensions["cafe"].store.board.notes(workshop["code"], cafe["one"]["id"])
    assert len(notes) == 1


def test_notes_are_refused_with_clear_errors(cafe):
    paul = cafe["paul_phone"]
    cases = [
        (note(cafe["two"]), "not_seated"),
        ({**note(cafe["one"]), "table": "nope"}, "not_found"),
        (note(cafe["one"], ""), "empty"),
        (note(cafe["one"], "x" * 501), "too_long"),
        (note(cafe["one"], "\x00\x01"), "empty"),
        ({**note(cafe["one"]), "colour": "black"}, "invalid"),
        ({**note(cafe["one"]), "id": "short"}, "invalid"),
        ({**note(cafe["one"]), "question": "nope"}, "not_found"),
        ({**note(cafe["one"]), "anonymous": "yes"}, "invalid"),
        ({**note(cafe["one"]), "table": 5}, "bad_request"),
    ]
    for payload, code in cases:
        reply = paul.call("note_post", payload)
        assert reply["ok"] is False and reply["error"]["code"] == code, (payload, reply)
    assert paul.call("sync")["snapshot"]["notes"] == []


def test_text_is_trimmed_and_control_characters_removed(cafe):
    text = "  Confiance\x07 et\ntransparence  "
    reply = cafe["paul_phone"].call("note_post", note(cafe["one"], text))
    assert reply["note"]["text"] == "Confiance et\ntransparence"


def test_only_the_author_the_host_or_an_animator_change_a_note(cafe, join, workshop):
    posted = cafe["paul_phone"].call("note_post", note(cafe["one"], "Texte de Paul"))["note"]
    ref = {"table": cafe["one"]["id"], "id": posted["id"]}
    stranger_p, _, stranger = join("Alexia")
    assert stranger.call("note_edit", {**ref, "text": "Piraté"})["error"]["code"] == "forbidden"
    edited = cafe["paul_phone"].call("note_edit", {**ref, "text": "Texte revu", "version": 1})
    assert edited["ok"] and edited["note"]["version"] == 2
    stale = cafe["claire_phone"].call("note_edit", {**ref, "text": "Vieux", "version": 1})
    assert stale["error"]["code"] == "conflict"
    by_host = cafe["claire_phone"].call("note_edit", {**ref, "colour": "blue", "version": 2})
    assert by_host["ok"] and by_host["note"]["colour"] == "blue"
    cafe["console"].call("participant_role", {"participant": stranger_p["id"], "role": "animator"})
    assert stranger.call("note_delete", {**ref, "op": op()})["ok"]
    assert cafe["claire_phone"].wait("note_removed")["data"]["id"] == posted["id"]


def test_questions_gather_notes_and_their_removal_leaves_them_loose(cafe):
    host, paul = cafe["claire_phone"], cafe["paul_phone"]
    table = cafe["one"]["id"]
    refused = paul.call("question_add", {"table": table, "text": "Pourquoi ?", "op": op()})
    assert refused["error"]["code"] == "forbidden"
    question = host.call("question_add", {"table": table, "op": op(),
                                          "text": "Comment se fait cette coopération ?"})
    assert question["ok"]
    qid = question["question"]["id"]
    posted = paul.call("note_post", note(cafe["one"], "Par le partage", question=qid))["note"]
    assert posted["question"] == qid
    moved = paul.call("note_move", {"table": table, "id": posted["id"], "question": None})
    assert moved["ok"] and moved["note"]["question"] is None
    assert paul.call("note_move", {"table": table, "id": posted["id"], "question": qid})["ok"]
    assert host.call("question_remove", {"table": table, "id": qid})["ok"]
    snap = paul.call("sync")["snapshot"]
    assert snap["questions"] == [] and snap["notes"][0]["question"] is None


def test_anonymous_notes_hide_the_author_but_not_from_them(cafe):
    reply = cafe["paul_phone"].call("note_post", note(cafe["one"], "Secret", anonymous=True))
    assert reply["ok"]
    seen = cafe["claire_phone"].wait("note_posted")["data"]
    assert seen["author"] is None and seen["author_name"] == ""
    owned = cafe["paul_phone"].wait("note_owned")
    assert owned["data"]["id"] == reply["note"]["id"]
    assert cafe["paul_phone"].call("sync")["snapshot"]["mine"]["notes"] == [reply["note"]["id"]]
    cafe["console"].call("settings_update", {"allow_anonymous": False})
    refused = cafe["paul_phone"].call("note_post", note(cafe["one"], "Encore", anonymous=True))
    assert refused["error"]["code"] == "forbidden"


def test_a_phone_sees_only_its_tables_board_and_follows_a_move(cafe):
    paul = cafe["paul_phone"]
    cafe["claire_phone"].call("note_post", note(cafe["one"], "À la table 1"))
    first = paul.call("sync")
    assert first["scopes"][-1] == f"t:{cafe['one']['id']}"
    assert [n["text"] for n in first["snapshot"]["notes"]] == ["À la table 1"]
    assert paul.call("seat_take", {"table": cafe["two"]["id"], "op": op()})["ok"]
    moved = paul.call("sync", {"since": {s: first["snapshot"]["head"] for s in first["scopes"]}})
    assert moved["scopes"][-1] == f"t:{cafe['two']['id']}"
    assert "snapshot" in moved and moved["snapshot"]["notes"] == []
    # A host stays at their table.
    refused = cafe["claire_phone"].call("seat_take", {"table": cafe["two"]["id"], "op": op()})
    assert refused["error"]["code"] == "host_stays"


def test_a_client_cut_off_mid_stream_converges_by_replay(cafe, connect_as, workshop):
    screen = connect_as(screen_of(workshop))
    first = screen.call("sync")
    seqs = {s: first["snapshot"]["head"] for s in first["scopes"]}
    texts = [f"Idée {i}" for i in range(30)]
    for text in texts[:10]:
        cafe["paul_phone"].call("note_post", note(cafe["one"], text))
    screen.wait("note_posted", where=lambda d: d["text"] == "Idée 9")
    screen.pump()
    for event in screen.events:
        if event["seq"] is None:  # live news (a head count) is never replayed
            continue
        seqs[event["scope"]] = max(seqs.get(event["scope"], 0), event["seq"])
    screen.tc.disconnect()
    for text in texts[10:]:
        cafe["paul_phone"].call("note_post", note(cafe["one"], text))
    back = connect_as(screen_of(workshop))
    replay = back.call("sync", {"since": seqs})
    assert "events" in replay
    received = [e["data"]["text"] for e in screen.events if e["type"] == "note_posted"]
    received += [e["data"]["text"] for e in replay["events"] if e["type"] == "note_posted"]
    assert received == texts
