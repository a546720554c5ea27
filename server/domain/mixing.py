"""Who met whom, and what the organisations agree on: the harvest's view of the room.

A World Café exists to mix people: the rounds played (who sat at which table, round by
round) say who met whom and how much the organisations mixed; the dots say which ideas
several organisations back, rather than many dots from one of them.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass
from itertools import combinations

Played = dict[int, dict[str, str]]  # round -> participant -> table, the rounds played


def _org(name: str) -> str:
    return name.strip().casefold()


def _together(played: Played) -> list[list[str]]:
    """The groups that shared a table, one per table and round."""
    groups = []
    for seating in played.values():
        by_table: dict[str, list[str]] = defaultdict(list)
        for pid, table in seating.items():
            by_table[table].append(pid)
        groups += [sorted(members) for members in by_table.values()]
    return groups


def met(played: Played, pid: str) -> set[str]:
    """The people someone shared a table with, in any round played."""
    return {other for group in _together(played) if pid in group for other in group
            if other != pid}


@dataclass(frozen=True)
class Meetings:
    """One participant's meetings: people met, and their organisations (not their own)."""

    people: int
    organisations: int

    def to_dict(self) -> dict:
        """Return the JSON-ready form."""
        return {"people": self.people, "organisations": self.organisations}


def meetings_of(played: Played, pid: str, organisations: dict[str, str]) -> Meetings:
    """How many people someone met, from how many other organisations than their own."""
    people = met(played, pid)
    own = _org(organisations.get(pid, ""))
    orgs = {_org(organisations.get(p, "")) for p in people} - {own, ""}
    return Meetings(len(people), len(orgs))


@dataclass(frozen=True)
class Mixing:
    """How the organisations mixed: table-rounds shared by each pair, and the share of
    the possible meetings between people that happened."""

    pairs: dict[tuple[str, str], int]  # (organisation, organisation) -> table-rounds shared
    met_share: float  # people pairs who met / people pairs who could have
    per_organisation: dict[str, tuple[int, int]]  # organisation -> (others met, table-rounds)

    def to_dict(self) -> dict:
        """Return the JSON-ready form (pairs as [a, b, n])."""
        return {"pairs": [[a, b, n] for (a, b), n in sorted(self.pairs.items())],
                "met_share": round(self.met_share, 3),
                "organisations": {o: {"met": m, "table_rounds": t}
                                  for o, (m, t) in sorted(self.per_organisation.items())}}


def mixing(played: Played, organisations: dict[str, str]) -> Mixing:
    """Measure how the organisations of those who played mixed, table by table."""
    names: dict[str, str] = {}  # folded -> the spelling first seen
    for pid in sorted(organisations):
        name = organisations[pid].strip()
        if name:
            names.setdefault(_org(name), name)
    org = {pid: names.get(_org(o), "") for pid, o in organisations.items()}
    pairs: Counter = Counter()
    rounds_at: Counter = Counter()
    met_pairs: set[frozenset] = set()
    seen: set[str] = set()
    for group in _together(played):
        seen.update(group)
        met_pairs.update(frozenset(p) for p in combinations(group, 2))
        present = sorted({org.get(p, "") for p in group} - {""})
        rounds_at.update(present)
        pairs.update(combinations(present, 2))
    possible = len(seen) * (len(seen) - 1) // 2
    others: dict[str, set[str]] = defaultdict(set)
    for a, b in pairs:
        others[a].add(b)
        others[b].add(a)
    return Mixing(
        pairs=dict(pairs), met_share=len(met_pairs) / possible if possible else 0.0,
        per_organisation={o: (len(others[o]), rounds_at[o]) for o in rounds_at},
    )


def backing(votes: dict[str, int], organisations: dict[str, str],
            groups: dict[str, list[str]] | None = None) -> dict[str, dict]:
    """For each note with dots (or each group of notes, `groups` naming their members):
    its dots, and how many organisations they came from.

    `votes` maps "<participant>|<note>" to dots; an idea backed by five organisations
    says more about the room than nine dots from one.
    """
    member_of = {note: name for name, notes in (groups or {}).items() for note in notes}
    out: dict[str, dict] = {}
    for pair, n in votes.items():
        if n <= 0:
            continue
        pid, note = pair.split("|", 1)
        entry = out.setdefault(member_of.get(note, note), {"dots": 0, "organisations": set()})
        entry["dots"] += n
        name = organisations.get(pid, "").strip()
        if name:
            entry["organisations"].add(_org(name))
    return {note: {"dots": e["dots"], "organisations": len(e["organisations"])}
            for note, e in out.items()}


AGREED = 3  # organisations behind an idea for it to read "agreed across N organisations"


def agreement(entry: dict) -> str | None:
    """The flag of an idea: "agreed" across AGREED organisations or more, "one" when all
    its dots come from a single organisation (and there are several dots), else None."""
    if entry["organisations"] >= AGREED:
        return "agreed"
    if entry["organisations"] == 1 and entry["dots"] > 1:
        return "one"
    return None


RANKINGS = ("dots", "organisations")


def ranked(notes: list[str], backed: dict[str, dict], by: str) -> list[str]:
    """Notes most backed first: by dots, or by organisations behind them (then dots)."""
    def key(note: str) -> tuple:
        entry = backed.get(note, {"dots": 0, "organisations": 0})
        if by == "organisations":
            return (-entry["organisations"], -entry["dots"])
        return (-entry["dots"], -entry["organisations"])
    return sorted(notes, key=key)
