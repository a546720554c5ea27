"""How fast one client may send: a token bucket, with the rates the app uses."""

from dataclasses import dataclass

from .errors import N_, DomainError, rate_limited

SOCKET_RATE = "20/60"
"""Events per second one connection may send / how many at once (an outbox flush)."""
PERSON_RATE = "10/60"
"""The same for one participant over all their connections to one process."""
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


def too_fast() -> DomainError:
    """Build the error for a connection or a participant going faster than their rate."""
    return rate_limited()

