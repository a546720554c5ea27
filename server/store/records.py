"""How records are kept in Redis: the workshop's hash, read back into domain objects."""

import json

from ..domain.settings import Settings
from ..domain.workshop import Workshop


def decode_workshop(code: str, raw: dict) -> Workshop | None:
    """Rebuild a workshop from its hash, or None when the hash is empty."""
    if not raw or "details" not in raw:
        return None
    settings = Settings.from_dict(json.loads(raw.get("settings") or "{}")).to_dict()
    return Workshop.from_dict({
        **json.loads(raw["details"]), "code": code, "phase": raw["phase"],
        "settings": settings, "locked": raw.get("locked") == "1",
    })


def encode_details(workshop: Workshop) -> str:
    """Return the JSON of a workshop's details, as kept in its hash's "details" field."""
    stored = {
        k: v for k, v in workshop.to_dict().items()
        if k not in ("code", "phase", "settings", "locked")
    }
    return json.dumps(stored, ensure_ascii=False)
