"""The JSON export: the dumped workshop itself, written the same way every time."""

import json


def render_json(document: dict) -> bytes:
    """Return the workshop as indented, key-sorted UTF-8 JSON."""
    return (json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode()
