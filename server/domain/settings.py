"""The facilitator's settings of a workshop, with the defaults a first workshop needs."""

from dataclasses import asdict, dataclass, fields

from .errors import N_, DomainError, bad_request
from .text import clean_list


@dataclass(frozen=True)
class Settings:
    """How the forum and the tables behave."""

    support_budget: int = 3  # topics each participant may support in the forum
    keep_count: int = 3  # topics kept as tables, by default the most supported
    allow_anonymous: bool = True  # notes may be posted without the author's name
    screen_view: str = "auto"  # what the projector shows: it follows the phase, or is pinned
    keep: bool = False  # kept after the retention period that deletes closed workshops
    review_anonymous: bool = False  # anonymous notes wait for the console's review
    review_words: tuple[str, ...] = ()  # a note holding one of these waits for review
    end_when_done: bool = False  # a round ends as soon as everyone seated said "I'm done"
    rank_ideas_by: str = "dots"  # the retained ideas' order: "dots" or "organisations"
    # A round whose clock reaches 0 is ended by the server, even with no console open: a
    # closed laptop does not stall the room.
    auto_end_rounds: bool = False

    def to_dict(self) -> dict:
        """Return the JSON-ready form."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict | None) -> "Settings":
        """Read settings, ignoring unknown fields and keeping defaults for missing ones."""
        names = {f.name for f in fields(cls)}
        known = {k: v for k, v in (data or {}).items() if k in names}
        if "review_words" in known:
            known["review_words"] = tuple(known["review_words"] or ())
        return cls(**known)


_LIMITS = {"support_budget": (1, 20), "keep_count": (1, 50)}
# "briefs": each table's brief for its newcomers; "traces": how the ideas travelled.
SCREEN_VIEWS = ("auto", "welcome", "forum", "cafe", "briefs", "votes", "synthesis", "traces")


def clean_settings(payload) -> dict:
    """Return the settings a console payload changes, checked."""
    if not isinstance(payload, dict) or not payload:
        raise bad_request()
    out: dict = {}
    for name, value in payload.items():
        if name in _LIMITS:
            low, high = _LIMITS[name]
            if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
                raise DomainError("invalid", N_("A whole number from %(low)d to %(high)d."),
                                  field=name, low=low, high=high)
            out[name] = value
        elif name == "screen_view":
            if value not in SCREEN_VIEWS:
                raise DomainError("invalid", N_("Unknown view."), field=name)
            out[name] = value
        elif name == "rank_ideas_by":
            if value not in ("dots", "organisations"):
                raise DomainError("invalid", N_("By dots or by organisations."), field=name)
            out[name] = value
        elif name == "review_words":
            out[name] = clean_list(value, field=name, max_items=100, max_len=60)
        elif name in ("allow_anonymous", "keep", "review_anonymous", "end_when_done",
                      "auto_end_rounds"):
            if not isinstance(value, bool):
                raise DomainError("invalid", N_("Yes or no."), field=name)
            out[name] = value
        else:
            raise bad_request(N_("Unknown field: %(name)s."), name=name)
    return out
