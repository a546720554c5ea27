"""What a page needs to show fast on a slow phone: its style sheet inline (one round trip
less before the first paint; the CSP allows it by its hash), and every module it imports
announced at once with modulepreload (no chain of round trips before it works)."""

import base64
import hashlib
import re
from functools import cache
from pathlib import Path

_IMPORT = re.compile(r"""^\s*import\s[^;]*?from\s+["'](\.{1,2}/[^"']+)["']""", re.M)


@cache
def inline_css(static: str) -> tuple[str, str]:
    """Return the style sheet's text and its CSP source ('sha256-…')."""
    text = (Path(static) / "css" / "app.css").read_text(encoding="utf-8")
    digest = base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()
    return text, f"'sha256-{digest}'"


@cache
def module_graph(static: str, entry: str) -> tuple[str, ...]:
    """Return every module a page's script imports, directly or not (paths under static/)."""
    root = Path(static)
    seen: list[str] = []
    pending = [f"js/{entry}.js"]
    while pending:
        relative = pending.pop()
        if relative in seen:
            continue
        seen.append(relative)
        source = (root / relative).read_text(encoding="utf-8")
        base = (root / relative).parent
        for target in _IMPORT.findall(source):
            pending.append((base / target).resolve().relative_to(root.resolve()).as_posix())
    return tuple(seen[1:])


def preloads(static: str, entry: str, also: str | None = None) -> tuple[str, ...]:
    """Return the modules a page announces: its script's graph, and, when it will load
    another entry at once (`also`, e.g. a returning phone's live part), that one's too."""
    found = list(module_graph(static, entry))
    if also:
        found += [f"js/{also}.js", *module_graph(static, also)]
    return tuple(dict.fromkeys(found))
