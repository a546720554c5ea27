"""Cleaning and checking the text people type: names, titles, notes."""

import re
import unicodedata
from functools import cache

from .errors import N_, DomainError

RAW_SLACK = 4
"""How many times its limit a text may measure before it is cleaned: accents typed as
separate marks shrink under normalisation, but nothing longer is worth the work."""
MAX_MARKS = 30
"""Combining marks in a row, the most Unicode's stream-safe format allows (UAX #15):
normalising a longer run costs time that grows with the square of its length."""

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


_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


@cache
def _mark_runs(astral: bool) -> re.Pattern:
    """A pattern finding more than MAX_MARKS combining marks in a row (built once).

    Two of them: with marks beyond the first plane the pattern is ten times slower, and
    such marks are rare, so it is used only on texts that hold such characters.
    """
    marks = [c for c in range(0x300, 0x110000 if astral else 0x10000)
             if unicodedata.combining(chr(c))]
    spans: list[list[int]] = []
    for c in marks:
        if spans and spans[-1][1] == c - 1:
            spans[-1][1] = c
        else:
            spans.append([c, c])
    members = "".join(re.escape(chr(a)) + (f"-{re.escape(chr(b))}" if b > a else "")
                      for a, b in spans)
    return re.compile(f"[{members}]{{{MAX_MARKS + 1},}}")


def _check_raw(value: str, field: str, max_len: int) -> None:
    """Refuse, before any costly cleaning, a text far over its limit or piled with marks."""
    if len(value) > max_len * RAW_SLACK + 16:
        raise DomainError(
            "too_long", N_("At most %(max)d characters, please."), field=field, max=max_len
        )
    if not value.isascii() and _mark_runs(bool(_ASTRAL.search(value))).search(value):
        raise DomainError(
            "invalid_characters", N_("This field contains invisible or control characters."),
            field=field,
        )


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
    _check_raw(value, field, max_len)
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
    _check_raw(value, field, max_len)
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
        _check_raw(value, field, max_items * (max_len + 2))
        value = re.split(r"[\n,;]", value)
    if not isinstance(value, list):
        raise DomainError("invalid", N_("This field must be a list."), field=field)
    given = [raw for raw in value if not (isinstance(raw, str) and not raw.strip())]
    # Counted before cleaning: each item costs a normalisation.
    if len(given) > max_items:
        raise DomainError(
            "too_many", N_("At most %(max)d items, please."), field=field, max=max_items
        )
    items: list[str] = []
    seen: set[str] = set()
    for raw in given:
        item = clean_line(raw, field=field, max_len=max_len)
        if item.casefold() not in seen:
            seen.add(item.casefold())
            items.append(item)
    return items


NNBSP = "\u202f"  # the narrow no-break space French puts before : ; ? ! and inside « »
_BEFORE = re.compile(r"(?<=[^\s:;?!])[ \u00a0\u202f]?([:;?!]+)(?=\s|$)")
_OPENING = re.compile(r"«[ \u00a0\u202f]?(?=\S)")
_CLOSING = re.compile(r"(?<=\S)[ \u00a0\u202f]?»")


def french_spacing(text: str) -> str:
    """Return French text with narrow no-break spaces before : ; ? ! and inside « »:
    a line never starts with a lone ";", and "Pourquoi ?" reads as typeset. Applied
    where text is shown or exported in a French workshop; idempotent."""
    text = _BEFORE.sub(lambda m: NNBSP + m.group(1), text)
    text = _OPENING.sub("«" + NNBSP, text)
    return _CLOSING.sub(NNBSP + "»", text)
