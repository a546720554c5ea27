"""A vote burst over two processes on one Redis: budgets and caps stay exact, no dot is
lost or counted twice, and each process follows the vote's changes made by the other."""

import threading

import pytest
import requests
import socketio

from server.store import connect, keys

from .conftest import REFERENCE
from .test_processes import servers  # noqa: F401 - the fixture

pytestmark = pytest.mark.slow

PHONES, BUDGET, CAP = 16, 3, 2


def client(url: str, auth: dict) -> socketio.Client:
    sio = socketio.Client(reconnection=False)
    sio.connect(url, auth=auth, transports=["websocket"], wait_timeout=5)
    return sio


def cafe(urls: list[str]) -> dict:
    """A café of two tables, two notes each, PHONES phones seated, spread over `urls`."""
    body = requests.post(urls[0] + "/api/workshops", json=REFERENCE, timeout=5).json()
    code = body["workshop"]["code"]
    console = client(urls[0], {"code": code, "role": "console", "key": body["console_key"]})
    tables = [console.call("table_add", {"title": f"T{i}"}, timeout=5)["table"]["id"]
              for i in range(2)]
    for phase in ("forum", "cafe"):
        assert console.call("phase_set", {"phase": phase}, timeout=5)["ok"]
    phones = []
    for i in range(PHONES):
        token = requests.post(f"{urls[0]}/api/workshops/{code}/participants",
                              json={"name": f"P{i}"}, timeout=5).json()["token"]
        sio = client(urls[i % 2], {"code": code, "role": "participant", "token": token})
        assert sio.call("seat_take", {"table": tables[i % 2]}, timeout=5)["ok"]
        phones.append((sio, tables[i % 2]))
    notes = {t: [] for t in tables}
    for n in range(4):
        sio, table = phones[n]
        reply = sio.call("note_post", {"id": f"note{n:012d}", "table": table, "text": f"N{n}"},
                         timeout=5)
        notes[table].append(reply["note"]["id"])
    return {"code": code, "console": console, "phones": phones, "notes": notes}


def test_a_burst_over_two_processes_keeps_budgets_and_caps_exact(servers, redis_url):  # noqa: F811
    """Every phone sends all its dots at once, each twice (a retry of the same op), over
    two processes: each phone ends with exactly its budget, no note beyond the cap, and
    the stored counts are the acknowledged dots, each once."""
    urls = [servers(CAFE_REDIS_URL=redis_url).url for _ in range(2)]
    c = cafe(urls)
    assert c["console"].call("voting_open", {"budget": BUDGET, "cap": CAP, "at_seat": True},
                             timeout=5)["ok"]
    replies: list[tuple[int, str, dict]] = []
    lock = threading.Lock()

    def burst(i: int, sio, table: str) -> None:
        tries = [(f"dot{i:04d}x{k:02d}xxxx", c["notes"][table][k % 2]) for k in range(6)]
        waiting = [(op, sio.call("vote", {"table": table, "note": note, "delta": 1, "op": op},
                                 timeout=60)) for op, note in tries for _ in range(2)]
        with lock:
            replies.extend((i, op, reply) for op, reply in waiting)

    threads = [threading.Thread(target=burst, args=(i, sio, t))
               for i, (sio, t) in enumerate(c["phones"])]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert len(replies) == PHONES * 12

    given = {(i, op) for i, op, r in replies if r["ok"] and not r.get("duplicate")}
    refused = {r["error"]["code"] for _, _, r in replies if not r["ok"]}
    assert refused <= {"budget_exhausted", "cap_reached"}, refused
    assert len(given) == PHONES * BUDGET  # everyone's budget, each dot counted once
    for i, op, r in replies:  # the retry of a given dot is answered as given, not again
        if (i, op) in given:
            assert r["ok"], r

    store = connect(redis_url)
    try:
        code = c["code"]
        used = {k: int(v) for k, v in store.redis.hgetall(keys.votes_used(code)).items()}
        pairs = {k: int(v) for k, v in store.redis.hgetall(keys.votes(code)).items()}
        counts = store.votes.counts(code)
        assert len(used) == PHONES and set(used.values()) == {BUDGET}
        assert max(pairs.values()) <= CAP
        assert sum(counts.values()) == store.votes.total(code) == PHONES * BUDGET
    finally:
        store.close()
    # Each phone's own count, as a sync tells it, is what Redis holds.
    for sio, _ in c["phones"]:
        mine = sio.call("sync", {}, timeout=5)["snapshot"]["mine"]["votes"]
        assert sum(mine.values()) == BUDGET and max(mine.values()) <= CAP


def test_a_process_follows_the_vote_changed_on_the_other(servers, redis_url):  # noqa: F811
    """The vote's state is known from a dot earlier: closed, reopened or reset on the
    other process, the next dot is judged on the vote as it is now."""
    urls = [servers(CAFE_REDIS_URL=redis_url).url for _ in range(2)]
    c = cafe(urls)
    console = c["console"]  # on the first process
    sio, table = c["phones"][1]  # on the second
    note = c["notes"][table][0]

    def dot(op: str) -> dict:
        return sio.call("vote", {"table": table, "note": note, "delta": 1, "op": op}, timeout=5)

    assert console.call("voting_open", {"budget": 1, "cap": 1}, timeout=5)["ok"]
    assert dot("first0000000000x")["ok"]
    assert dot("second000000000x")["error"]["code"] == "budget_exhausted"
    assert console.call("voting_close", {}, timeout=5)["ok"]
    assert dot("third0000000000x")["error"]["code"] == "wrong_phase"
    # A retry of the dot given while it was open is still answered as given.
    again = dot("first0000000000x")
    assert again["ok"] and again["duplicate"] is True
    assert console.call("voting_open", {"budget": 2, "cap": 2, "reset": True}, timeout=5)["ok"]
    assert dot("fourth000000000x")["ok"]
    assert dot("fifth0000000000x")["ok"]
    assert dot("sixth0000000000x")["error"]["code"] == "budget_exhausted"


def test_grouped_commits_each_get_their_own_answer(store):
    """Commits sent together from many threads, the script first unknown to Redis (as
    after a restart): each is applied once and answered for itself, refusals included."""
    from server.domain.errors import DomainError
    from server.store.commit import Change

    store.redis.script_flush()
    code, answers = "GROUPED", {}

    def commit(i: int) -> None:
        change = Change(code, result={"i": i})
        change.require("hbelow", "grouped:used", "n", 15, error=DomainError("full", "full"))
        change.write("HINCRBY", "grouped:used", "n", 1)
        try:
            answers[i] = store._committer.commit(change, grouped=True).result
        except DomainError as err:
            answers[i] = err.code

    threads = [threading.Thread(target=commit, args=(i,)) for i in range(40)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    assert len(answers) == 40
    assert all(a["i"] == i for i, a in answers.items() if isinstance(a, dict))  # its own
    assert sum(isinstance(a, dict) for a in answers.values()) == 15
    assert list(answers.values()).count("full") == 25
    assert store.redis.hget("grouped:used", "n") == "15"
