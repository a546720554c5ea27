"""Identifiers, join codes and secrets: random enough to be unguessable, hashed at rest."""

import hashlib
import hmac
import re
import secrets as _random

from .errors import N_, DomainError

# No 0/O, 1/I/L: a code read off a projector or dictated across a room must not be misread.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 6
_ID_ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789"
_CLIENT_ID = re.compile(r"[A-Za-z0-9_-]{8,40}")
_SECRET = re.compile(r"[A-Za-z0-9_-]{20,100}")


def new_code() -> str:
    """Return a fresh 6-character join code."""
    return "".join(_random.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def new_id(length: int = 10) -> str:
    """Return a short random identifier for a participant, topic, table or note."""
    return "".join(_random.choice(_ID_ALPHABET) for _ in range(length))


def new_secret() -> str:
    """Return a long random secret (256 bits) for console keys and device tokens."""
    return _random.token_urlsafe(32)


def hash_secret(secret: str) -> str:
    """Return the SHA-256 digest under which a secret is stored (never the secret itself)."""
    return hashlib.sha256(secret.encode()).hexdigest()


def well_formed_secret(value) -> bool:
    """Whether a value has the shape of our secrets (URL-safe base64): anything else, a
    lone surrogate included, is refused before it is hashed."""
    return isinstance(value, str) and _SECRET.fullmatch(value) is not None


def secret_matches(secret: str, digest: str) -> bool:
    """Tell, in constant time, whether a secret hashes to a stored digest."""
    return hmac.compare_digest(hash_secret(secret), digest or "")


def check_id(value, field: str = "id") -> str:
    """Return a client-made identifier if it has the expected shape (8-40 URL-safe chars)."""
    if not isinstance(value, str) or not _CLIENT_ID.fullmatch(value):
        raise DomainError("invalid", N_("A client-made id of 8 to 40 letters, digits, - or _."),
                          field=field)
    return value
