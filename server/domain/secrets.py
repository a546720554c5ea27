"""Identifiers, join codes and secrets: random enough to be unguessable, hashed at rest."""

import hashlib
import hmac
import secrets as _random

# No 0/O, 1/I/L: a code read off a projector or dictated across a room must not be misread.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 6
_ID_ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789"


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


def secret_matches(secret: str, digest: str) -> bool:
    """Tell, in constant time, whether a secret hashes to a stored digest."""
    return hmac.compare_digest(hash_secret(secret), digest or "")
