"""Cleaning and checking the text people type: names, titles, notes."""

import re
import unicodedata

from .errors import N_, DomainError

# Bidirectional overrides and isolates can disguise text ("Trojan Source"); zero-width
# characters can make two names look identical. Neither belongs in a name or a note.
_INVISIBLE = {
    *map(chr, range(0x202A, 0x202F)),
    *map(chr, range(0x2066, 0x206A)),
    "\u200b", "\u200c", "\u200e", "\u200f", "\ufeff",
}
_SPACES = re.compile(r"\s+")
_BLANK_LINES = re.compile(r"\n{3,}")


def _is_control(ch: str) -> bool:
    return unicodedata.category(ch) == "Cc" or ch in _INVISIBLE


def _check_length(text: str, field: str, min_len: int, max_len: int) -> str:
    if len(text) < min_len:
        if min_len == 1:
            raise DomainError("empty", N_("This field cannot be empty."), field=field)
        raise DomainError(
            "too_short", N_("At least %(min)d characters, please."), field=field, min=min_len
        )
    if len(text) > max_len:
        raise DomainError(
            "too_long", N_("At most %(max)d characters, please."), field=field, max=max_len
        )
    return text


def clean_line(value, *, field: str, max_len: int, min_len: int = 1) -> str:
    """Return a one-line text trimmed and normalised; refuse control characters."""
    if value is None and min_len == 0:
        return ""
    if not isinstance(value, str):
        raise DomainError("invalid", N_("This field must be text."), field=field)
    text = unicodedata.normalize("NFC", value)
    if any(_is_control(ch) for ch in text.replace("\t", " ")):
        raise DomainError(
            "invalid_characters", N_("This field contains invisible or control characters."),
            field=field,
        )
    return _check_length(_SPACES.sub(" ", text).strip(), field, min_len, max_len)


def clean_text(value, *, field: str, max_len: int, min_len: int = 1) -> str:
    """Return a multi-line text trimmed, with control characters removed (newlines kept)."""
    if not isinstance(value, str):
        raise DomainError("invalid", N_("This field must be text."), field=field)
    text = unicodedata.normalize("NFC", value).replace("\r\n", "\n").replace("\r", "\n")
    text = "".join(ch for ch in text.replace("\t", " ") if ch == "\n" or not _is_control(ch))
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    text = _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()
    return _check_length(text, field, min_len, max_len)


def clean_list(value, *, field: str, max_items: int, max_len: int) -> list[str]:
    """Return a list of distinct one-line items from a list or a comma/line separated text."""
    if value is None:
        return []
    if isinstance(value, str):
        value = re.split(r"[\n,;]", value)
    if not isinstance(value, list):
        raise DomainError("invalid", N_("This field must be a list."), field=field)
    items: list[str] = []
    for raw in value:
        if isinstance(raw, str) and not raw.strip():
            continue
        item = clean_line(raw, field=field, max_len=max_len)
        if item.casefold() not in {i.casefold() for i in items}:
            items.append(item)
    if len(items) > max_items:
        raise DomainError(
            "too_many", N_("At most %(max)d items, please."), field=field, max=max_items
        )
    return items
