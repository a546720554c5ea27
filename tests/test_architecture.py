"""Where things live, checked: rules and their messages in server/domain, Redis calls in
server/store, thin handlers. import-linter checks the arrows between the layers; this
checks what the arrows cannot see."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent / "server"


def _sources(package: str):
    for path in sorted((ROOT / package).rglob("*.py")):
        yield path.relative_to(ROOT.parent), path.read_text(encoding="utf-8")


def test_no_rule_message_outside_the_domain():
    """A message said to people is written next to its rule, in server/domain."""
    found = [str(path) for package in ("store", "realtime") for path, source in
             _sources(package) if re.search(r"\bN_\(|DomainError\(", source)]
    assert not found, f"rule messages outside server/domain: {found}"


def test_handlers_raise_no_error_of_their_own():
    """Socket.IO handlers authenticate, call and acknowledge: a refusal comes from a rule
    of the domain (or from the store's guards), never from a handler."""
    found = [f"{path}:{n}" for path, source in _sources("realtime")
             for n, line in enumerate(source.splitlines(), 1)
             if re.match(r"\s*raise (?!_refused)", line)]
    assert not found, f"raise in server/realtime: {found}"


def test_only_the_store_speaks_to_redis():
    found = [str(path) for package in ("domain", "realtime", "web", "export")
             for path, source in _sources(package) if re.search(r"^\s*import redis|from redis",
                                                                   source, re.M)]
    assert not found, f"Redis used outside server/store: {found}"


def test_repositories_do_not_import_each_other():
    """Shared pieces (guards, seats, records) have modules of their own."""
    repositories = {"board", "tables", "workshops", "participants", "forum", "voting",
                    "rounds", "synthesis"}
    found = [f"{path}: {name}" for path, source in _sources("store")
             if path.stem in repositories
             for name in re.findall(r"^from \.(\w+) import", source, re.M)
             if name in repositories]
    assert not found, found
