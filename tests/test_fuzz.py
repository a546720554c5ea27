"""Hostile input: random and malformed payloads on every Socket.IO event and HTTP route.

Whatever arrives, the answer is an acknowledgement with a code and a message (or an
HTTP 4xx), never a server error, and what is stored stays valid. CI runs a few hundred
cases; `FUZZ_EXAMPLES=10000 pytest tests/test_fuzz.py` is the long run of
docs/reliability.md.
"""

import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from server import create_app
from server.domain.notes import TEXT_MAX

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "150"))
FIELDS = ["table", "note", "question", "text", "title", "description", "id", "op", "topic",
          "participant", "role", "phase", "host", "capacity", "budget", "cap", "hidden",
          "delta", "version", "colour", "anonymous", "since", "key", "kind", "section",
          "into", "target", "source", "count", "minutes", "seconds", "round", "locked",
          "screen_view", "present", "at_seat", "reset", "name", "organisation", "language",
          "theme", "date", "place", "decision", "keep", "order", "direction"]
SETTINGS = settings(max_examples=EXAMPLES, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.function_scoped_fixture,
                                           HealthCheck.too_slow])

scalars = (st.none() | st.booleans() | st.integers(-2**63, 2**63) | st.floats(allow_nan=True)
           | st.text(max_size=600) | st.sampled_from(["", "x" * 501, "\u0000", "<script>",
                                                     "../../", "🙂" * 10]))
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4)
                      | st.dictionaries(st.text(max_size=8), inner, max_size=4), max_leaves=8)
payloads = (st.dictionaries(st.sampled_from(FIELDS), values, max_size=6) | values)


@pytest.fixture
def app(redis_url):
    """The app with rate limits out of the way: each case must reach its handler."""
    app = create_app({"TESTING": True, "REDIS_URL": redis_url, "ASYNC_MODE": "threading",
                      "SOCKET_RATE": "1000000/1000000", "PERSON_RATE": "1000000/1000000"})
    yield app
    app.extensions["cafe"].close()


def handler_names(app) -> list[str]:
    return sorted(app.extensions["cafe"].socketio.server.namespace_handlers["/"].handlers)


def check_reply(reply, event):
    assert isinstance(reply, dict) and isinstance(reply.get("ok"), bool), (event, reply)
    if not reply["ok"]:
        error = reply["error"]
        assert error["code"] not in ("server_error",), (event, error)
        assert isinstance(error["message"], str) and error["message"], (event, error)


def check_state(console):
    """What is stored still reads back and follows the rules."""
    snapshot = console.call("sync")["snapshot"]
    for note in snapshot["notes"]:
        assert isinstance(note["text"], str) and 1 <= len(note["text"]) <= TEXT_MAX
    for table in snapshot["tables"]:
        assert isinstance(table["title"], str) and table["title"]
    for person in snapshot["participants"]:
        assert isinstance(person["name"], str) and person["name"]


def test_random_payloads_on_every_event(app, console, join, workshop):
    _, _, phone = join("Claire")
    table = console.call("table_add", {"title": "Mutualisation"})["table"]
    for phase in ("forum", "cafe"):
        console.call("phase_set", {"phase": phase})
    phone.call("seat_take", {"table": table["id"]})
    events = [e for e in handler_names(app) if e not in ("workshop_delete",)]

    @SETTINGS
    @given(event=st.sampled_from(events), payload=payloads, as_console=st.booleans())
    def one(event, payload, as_console):
        sender = console if as_console else phone
        check_reply(sender.call(event, payload), event)
        sender.events.clear()

    one()
    check_state(console)


def test_random_bodies_and_codes_on_every_http_route(client, workshop):
    code = workshop["code"]

    @SETTINGS
    @given(body=values, path_code=st.text(max_size=12), fmt=st.text(max_size=8))
    def one(body, path_code, fmt):
        quoted = path_code.replace("/", "%2F").replace("?", "%3F").replace("#", "%23")
        for method, url, kwargs in [
            ("post", "/api/workshops", {"json": body}),
            ("post", f"/api/workshops/{code}/participants", {"json": body}),
            ("post", f"/api/workshops/{quoted}/participants", {"json": body}),
            ("get", f"/api/workshops/{quoted}", {}),
            ("get", f"/api/workshops/{code}/export/{fmt.replace('/', '')}", {}),
            ("get", f"/j/{quoted}", {}),
            ("get", f"/screen/{quoted}", {}),
            ("get", f"/w/{quoted}/qr.svg", {}),
            ("post", "/api/workshops", {"data": str(body), "content_type": "text/plain"}),
        ]:
            reply = getattr(client, method)(url, environ_base={"REMOTE_ADDR": "198.51.100.9"},
                                            **kwargs)
            assert reply.status_code < 500, (method, url, reply.status_code)

    one()


def test_what_the_long_run_found_stays_fixed(console, workshop):
    """The 10,000-case run found a list as the vote's table crashing its handler."""
    table = console.call("table_add", {"title": "Mutualisation"})["table"]
    for phase in ("forum", "cafe"):
        console.call("phase_set", {"phase": phase})
    for bad in ([table["id"]], {"id": table["id"]}, 7):
        reply = console.call("voting_open", {"table": bad})
        assert reply["error"]["code"] == "not_found", reply
