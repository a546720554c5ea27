"""How long a closed workshop is kept: what was said belongs to its people, not to us."""

DAY = 86_400.0


def expired(phase: str | None, closed_at: float | None, keep: bool, now: float,
            days: float) -> bool:
    """Tell whether a workshop is due for deletion: closed for `days`, and not kept."""
    if days <= 0 or keep or phase != "closed" or closed_at is None:
        return False
    return now - closed_at >= days * DAY
