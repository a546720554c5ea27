"""In Chromium: Redis goes away in the middle of the café and comes back.

The phone says so, keeps what is typed meanwhile as waiting, and sends it when Redis is
back: the note is stored once, and the page returns to "live" by itself.
"""

import signal
import time

import pytest
from playwright.sync_api import expect

from server.cli.embedded import EmbeddedRedis, free_port
from server.domain import secrets
from server.domain.workshop import clean_details
from server.store import connect

from .browser import PHONE
from .helpers import ServerProcess

pytestmark = pytest.mark.browser


@pytest.fixture
def outage(tmp_path):
    redis = EmbeddedRedis(tmp_path / "redis", port=free_port())
    redis.start()
    server = ServerProcess(free_port(), {"CAFE_DATA_DIR": str(tmp_path),
                                         "CAFE_REDIS_URL": redis.url}).start()
    store = connect(redis.url)
    workshop = store.workshops.create(clean_details({"theme": "Panne", "date": "2026-11-26",
                                                     "language": "fr"}),
                                      secrets.hash_secret("key"), 0.0)
    code = workshop.code
    token = secrets.new_secret()
    person = store.participants.join(code, {"name": "Claire", "language": "fr"}, token, 0.0)
    store.workshops.set_phase(code, "forum")
    table = store.tables.add(code, "Mutualisation")
    store.workshops.set_phase(code, "cafe")
    store.tables.seat(code, person.id, table.id)
    yield {"redis": redis, "store": store, "code": code, "token": token, "table": table,
           "url": server.url}
    store.close()
    server.stop()
    redis.stop()


def test_the_phone_waits_out_a_redis_outage_and_loses_nothing(outage, pages):
    code = outage["code"]
    phone = pages.open(f"{outage['url']}/healthz", PHONE)
    phone.evaluate("([k, v]) => localStorage.setItem(k, v)", [f"cafe.token.{code}",
                                                              outage["token"]])
    phone.goto(f"{outage['url']}/j/{code}")
    expect(phone.locator("#status")).to_have_attribute("data-status", "online")
    redis = outage["redis"]
    redis.process.send_signal(signal.SIGKILL)
    redis.process.wait()
    expect(phone.locator("#status")).to_have_attribute("data-status", "unavailable")
    expect(phone.locator("#status")).to_contain_text("Souci serveur")
    phone.fill("#f-note", "Écrite pendant la panne")
    phone.click("#compose .send")
    expect(phone.locator(".note.waiting")).to_have_count(1)
    redis.start()
    expect(phone.locator("#status")).to_have_attribute("data-status", "online", timeout=15000)
    expect(phone.locator(".note.waiting")).to_have_count(0, timeout=15000)
    notes = outage["store"].board.notes(code, outage["table"].id)
    assert [n.text for n in notes] == ["Écrite pendant la panne"]


@pytest.fixture
def lagging(tmp_path):
    """A server that acknowledges a write once its Redis's replica has it (WAIT)."""
    import redis as redis_py

    primary = EmbeddedRedis(tmp_path / "primary", port=free_port())
    replica = EmbeddedRedis(tmp_path / "replica", port=free_port())
    primary.start()
    replica.start()
    redis_py.Redis.from_url(replica.url).replicaof("127.0.0.1", primary.port)
    info = redis_py.Redis.from_url(primary.url)
    for _ in range(100):  # the replica's first sync
        if info.info("replication").get("connected_slaves", 0) >= 1:
            break
        time.sleep(0.1)
    server = ServerProcess(free_port(), {
        "CAFE_DATA_DIR": str(tmp_path), "CAFE_REDIS_URL": primary.url,
        "CAFE_REDIS_WAIT_REPLICAS": "1", "CAFE_REDIS_WAIT_TIMEOUT": "200"}).start()
    store = connect(primary.url)
    workshop = store.workshops.create(clean_details({"theme": "Réplique", "date": "2026-12-01",
                                                     "language": "fr"}),
                                      secrets.hash_secret("key"), 0.0)
    code = workshop.code
    token = secrets.new_secret()
    person = store.participants.join(code, {"name": "Claire", "language": "fr"}, token, 0.0)
    store.workshops.set_phase(code, "forum")
    table = store.tables.add(code, "Mutualisation")
    store.workshops.set_phase(code, "cafe")
    store.tables.seat(code, person.id, table.id)
    yield {"replica": replica, "store": store, "code": code, "token": token, "table": table,
           "url": server.url}
    replica.process.send_signal(signal.SIGCONT)
    store.close()
    server.stop()
    replica.stop()
    primary.stop()


def test_a_note_its_replica_did_not_confirm_waits_and_is_sent_again(lagging, pages):
    """Everyone sees the note at once (published with its commit), but the phone keeps
    it in its outbox until a replica has it: answered `unconfirmed`, it is not refused
    for good but sent again, and stored once."""
    code = lagging["code"]
    phone = pages.open(f"{lagging['url']}/healthz", PHONE)
    phone.evaluate("([k, v]) => localStorage.setItem(k, v)", [f"cafe.token.{code}",
                                                              lagging["token"]])
    phone.goto(f"{lagging['url']}/j/{code}")
    expect(phone.locator("#status")).to_have_attribute("data-status", "online")
    outbox = f"() => JSON.parse(localStorage.getItem('cafe.outbox.{code}') || '[]')"
    replica = lagging["replica"].process
    replica.send_signal(signal.SIGSTOP)  # the replica stalls: nothing can be confirmed
    phone.fill("#f-note", "Écrite sans réplique")
    phone.click("#compose .send")
    phone.wait_for_timeout(1500)  # answered `unconfirmed`, at least once
    [kept] = phone.evaluate(outbox)
    assert kept["payload"]["text"] == "Écrite sans réplique"
    assert kept["error"] is None  # waiting to be sent again, not refused for good
    replica.send_signal(signal.SIGCONT)
    deadline = time.monotonic() + 15
    while phone.evaluate(outbox) and time.monotonic() < deadline:  # sent again, confirmed
        phone.wait_for_timeout(200)
    assert phone.evaluate(outbox) == []
    notes = lagging["store"].board.notes(code, lagging["table"].id)
    assert [n.text for n in notes] == ["Écrite sans réplique"]  # stored once
