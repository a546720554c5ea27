"""The protocol has one owner: every event the server can send has a reducer in the page,
and every event, handler and error code is written down in docs/protocol.md."""

import re
from pathlib import Path

from server.domain.protocol import Event
from server.realtime import (
    board,
    console,
    forum,
    insight,
    openspace,
    participant,
    rounds,
    seating,
    sync,
    synthesis,
    table_life,
    voting,
)

ROOT = Path(__file__).resolve().parent.parent
DOC = (ROOT / "docs" / "protocol.md").read_text(encoding="utf-8")
GROUPS = [sync, console, participant, forum, seating, board, rounds, voting, synthesis,
          table_life, insight, openspace]


def _reducers() -> set[str]:
    source = (ROOT / "static" / "js" / "lib" / "state.js").read_text(encoding="utf-8")
    block = source[source.index("const reducers = {"):]
    block = block[:block.index("\n};")]
    return set(re.findall(r"^  (\w+)\(state", block, re.M))


def _documented(name: str) -> bool:
    return f"`{name}`" in DOC


def test_every_event_the_server_sends_has_a_reducer_in_the_page():
    missing = sorted(e.value for e in Event if e.value not in _reducers())
    assert not missing, f"no reducer in static/js/lib/state.js for {missing}"


def test_every_event_the_server_sends_is_documented():
    missing = sorted(e.value for e in Event if not _documented(e.value))
    assert not missing, f"docs/protocol.md does not mention {missing}"


def test_every_event_a_client_may_send_is_documented():
    names = [name for group in GROUPS for name in group.handlers.table]
    missing = sorted(n for n in names if not _documented(n))
    assert not missing, f"docs/protocol.md does not mention {missing}"


def _error_codes() -> set[str]:
    codes = {"bad_request", "not_found", "forbidden"}  # the helpers of server/domain/errors.py
    for path in (ROOT / "server").rglob("*.py"):
        source = path.read_text(encoding="utf-8")
        codes |= set(re.findall(r'DomainError\(\s*"(\w+)"', source))
        codes |= set(re.findall(r'"code": "(\w+)"', source))
    return codes


def test_every_error_code_is_in_the_error_table():
    table = DOC[DOC.index("## Error codes"):]
    table = table[:table.index("\n## ", 5)]
    missing = sorted(c for c in _error_codes() if f"`{c}`" not in table)
    assert not missing, f"the error table of docs/protocol.md lacks {missing}"
