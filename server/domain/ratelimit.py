"""How fast one client may send: a token bucket, with the rates the app uses."""

import hmac
from dataclasses import dataclass

from .errors import N_, DomainError, rate_limited

SOCKET_RATE = "20/60"
"""Events per second one connection may send / how many at once (an outbox flush)."""
PERSON_RATE = "10/60"
"""The same for one participant over all their connections to one process."""
CREATE_LIMIT, CREATE_WINDOW = 10, 3600.0
"""Workshops one address may create per window (seconds): a facilitator makes a few, and
tries one out; a script filling Redis with workshops is refused with `rate_limited`."""
MAX_WORKSHOPS = 2000
"""Workshops a server keeps at once (closed ones count until they are deleted)."""
GUESSES, GUESS_WINDOW = 20, 60.0
"""Unknown join codes one address may try per window (seconds); beyond, its unknown codes
are refused with `rate_limited`. A valid code, token or console key is never refused: a
venue's Wi-Fi puts a whole room behind one address."""


def parse_rate(text: str) -> tuple[float, float]:
    """Read "rate/burst" (events per second / at once) as two numbers."""
    rate, _, burst = str(text).partition("/")
    return float(rate), float(burst or rate)


@dataclass
class Bucket:
    """Tokens refill at `rate` per second up to `burst`; each event takes one."""

    rate: float
    burst: float
    tokens: float = -1.0
    at: float = 0.0

    def take(self, now: float) -> bool:
        """Take a token if there is one; say whether the event may go on."""
        if self.tokens < 0:
            self.tokens, self.at = self.burst, now
        self.tokens = min(self.burst, self.tokens + (now - self.at) * self.rate)
        self.at = now
        if self.tokens < 1:
            return False
        self.tokens -= 1
        return True


def too_many_guesses() -> DomainError:
    """Build the error for an address that tried too many unknown join codes."""
    return rate_limited(N_("Too many wrong codes from this network; wait a minute and try "
                           "again."))


def too_many_creations(limit: int) -> DomainError:
    """Build the error for an address that created too many workshops lately."""
    return rate_limited(N_("%(max)d workshops were created from this network within the "
                           "hour, the most it may; try again later."), max=limit)


def server_full(limit: int) -> DomainError:
    """Build the error for a server that keeps as many workshops as it may."""
    return DomainError("server_full", N_("This server keeps %(max)d workshops, the most it "
                                      "may: ask its administrator to delete old ones."),
                       max=limit)


def check_create_key(expected: str | None, given) -> None:
    """Refuse creating a workshop without the instance's key, when it has one."""
    if expected and not (isinstance(given, str)
                         and hmac.compare_digest(given.encode(), str(expected).encode())):
        raise DomainError("forbidden", N_("Creating a workshop on this server needs its "
                                          "key: ask its administrator."), field="create_key")


def too_fast() -> DomainError:
    """Build the error for a connection or a participant going faster than their rate."""
    return rate_limited()

