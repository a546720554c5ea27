"""The open forum: topics proposed and supported, and the ones kept as tables."""

from dataclasses import asdict, dataclass

from .errors import N_, DomainError, bad_request, conflict, not_found
from .needs import Below, InPhase, Need, NoNotesAt, Supports, TopicExists, WorkshopExists
from .text import clean_line
from .workshop import workshop_gone

TITLE_MAX = 120
DESCRIPTION_MAX = 200


@dataclass(frozen=True)
class Topic:
    """A subject proposed for a table."""

    id: str
    title: str
    description: str = ""
    author: str | None = None  # participant id, None when proposed from the console
    created_at: float = 0.0

    def to_dict(self) -> dict:
        """Return the JSON-ready form."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> "Topic":
        """Rebuild a topic from its stored form."""
        return cls(**{k: v for k, v in data.items() if k in cls.__dataclass_fields__})


def clean_topic(payload, *, partial: bool = False) -> dict:
    """Return the title and description of a topic payload, checked."""
    if not isinstance(payload, dict):
        raise bad_request()
    out = {}
    if not partial or "title" in payload:
        out["title"] = clean_line(payload.get("title"), field="title", max_len=TITLE_MAX)
    if not partial or "description" in payload:
        out["description"] = clean_line(
            payload.get("description") or None, field="description",
            max_len=DESCRIPTION_MAX, min_len=0,
        )
    if not out:
        raise bad_request()
    return out


@dataclass(frozen=True)
class Ranking:
    """Topics in order of support, where the cut-off falls, and who ties across it."""

    order: list[str]
    kept: list[str]
    tied: list[str]  # topics with as much support as the last one kept, left out


def rank_topics(topics: list[Topic], supporters: dict[str, int], keep: int) -> Ranking:
    """Rank topics by support (then by age) and keep the first `keep`; report ties."""
    order = sorted(topics, key=lambda t: (-supporters.get(t.id, 0), t.created_at, t.id))
    ids = [t.id for t in order]
    kept = ids[:keep]
    if not kept or len(ids) <= keep:
        return Ranking(ids, kept, [])
    last = supporters.get(kept[-1], 0)
    tied = [t for t in ids[keep:] if supporters.get(t, 0) == last]
    return Ranking(ids, kept, tied)


def check_kept(topic_ids, known: set[str]) -> list[str]:
    """Return the chosen topic ids, in order, if they are known and distinct."""
    if not isinstance(topic_ids, list) or not topic_ids:
        raise DomainError("empty", N_("Choose at least one topic."), field="topics")
    if len(topic_ids) > 50:
        raise DomainError("too_many", N_("At most %(max)d items, please."), field="topics", max=50)
    if len(set(topic_ids)) != len(topic_ids) or not all(isinstance(t, str) for t in topic_ids):
        raise bad_request()
    unknown = [t for t in topic_ids if t not in known]
    if unknown:
        raise DomainError("not_found", N_("This topic no longer exists."), field="topics")
    return topic_ids


def unknown_topic() -> DomainError:
    """Build the error for a topic that does not exist (any more)."""
    return not_found(N_("This topic no longer exists."))


def _in_forum() -> Need:
    return InPhase(("forum",), DomainError(
        "wrong_phase", N_("Topics are proposed during the open forum.")))


def proposing(*, by_console: bool) -> list[Need]:
    """What proposing a topic needs: the forum, or any phase from the console."""
    return [WorkshopExists(workshop_gone())] if by_console else [_in_forum()]


def supporting(pid: str, topic: str, budget: int) -> list[Need]:
    """What supporting a topic needs: the forum, the topic, not supporting it yet, and a
    support left in the budget (counted in the same step: two phones of one person
    cannot exceed it)."""
    return [_in_forum(), TopicExists(topic, unknown_topic()),
            Supports(pid, topic, False, conflict(N_("You already support this topic."))),
            Below("supports_used", pid, budget, DomainError(
                "budget_exhausted", N_("You have given all your support (%(n)d topics)."),
                n=budget))]


def withdrawing(pid: str, topic: str) -> list[Need]:
    """What taking one's support back needs: the forum, and supporting that topic."""
    return [_in_forum(), Supports(pid, topic, True, conflict(N_("You do not support this topic.")))]


def keeping(old_tables: list[str]) -> list[Need]:
    """What making tables of the chosen topics needs: before the café, and no note yet at
    the tables they replace."""
    return [InPhase(("setup", "forum"), DomainError(
                "wrong_phase", N_("Tables are chosen before the café starts."))),
            NoNotesAt(tuple(old_tables), conflict(
                N_("The tables already hold notes; they can no longer be replaced.")))]


def topic_id(payload, field: str = "topic") -> str:
    """Return the topic a payload names, checked for shape."""
    value = payload.get(field) if isinstance(payload, dict) else None
    if not isinstance(value, str):
        raise bad_request(N_("Say which topic."))
    return value


def check_merge(source: str, target: str | None) -> None:
    """Refuse merging a topic into itself."""
    if source == target:
        raise DomainError("invalid", N_("A topic cannot be merged into itself."))


def kept_topics(payload, topics: list[Topic], supporters: dict[str, int],
                keep: int) -> list[str]:
    """Return the topics to keep as tables: those chosen, or the `keep` most supported."""
    if isinstance(payload, dict) and "topics" in payload:
        return check_kept(payload["topics"], {t.id for t in topics})
    chosen = rank_topics(topics, supporters, keep).kept
    if not chosen:
        raise DomainError("empty", N_("Choose at least one topic."), field="topics")
    return chosen
