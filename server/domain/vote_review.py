"""The console's review of a vote: dots follow people, not devices.

Per note, the dots each organisation gave; and flags where one person, or one address
(the short tag of where people joined from), put every dot on a single note: one phone
scripted into many participants shows up as one address backing one note.
"""

from collections import defaultdict

PERSON_FLAG = 3  # dots one person put all on one note, to be shown
ADDRESS_PEOPLE = 3  # people behind one address who all backed one note, to be shown


def review(votes: dict[str, int], people: dict[str, dict], sources: dict[str, str]) -> dict:
    """Return {notes: {note: {organisation: dots}}, flags: [...]} from every dot given
    ("<participant>|<note>" -> dots), the participants ({id: {name, organisation}}) and
    where they joined from ({id: tag})."""
    notes: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    given: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for pair, n in votes.items():
        if n <= 0:
            continue
        pid, note = pair.split("|", 1)
        organisation = (people.get(pid) or {}).get("organisation", "").strip()
        notes[note][organisation] += n
        given[pid][note] += n
    flags = [
        {"kind": "person", "participant": pid, "name": (people.get(pid) or {}).get("name", ""),
         "note": next(iter(dots)), "dots": sum(dots.values())}
        for pid, dots in sorted(given.items())
        if len(dots) == 1 and sum(dots.values()) >= PERSON_FLAG
    ]
    flags += _addresses(given, sources)
    return {"notes": {note: dict(orgs) for note, orgs in notes.items()}, "flags": flags}


def _addresses(given: dict[str, dict[str, int]], sources: dict[str, str]) -> list[dict]:
    """Addresses whose voters, three or more, all put every dot on the same one note."""
    behind: dict[str, list[str]] = defaultdict(list)
    for pid in given:
        if sources.get(pid):
            behind[sources[pid]].append(pid)
    flags = []
    for tag, pids in sorted(behind.items()):
        notes = {note for pid in pids for note in given[pid]}
        if len(pids) >= ADDRESS_PEOPLE and len(notes) == 1:
            flags.append({"kind": "address", "source": tag, "people": len(pids),
                          "note": notes.pop(),
                          "dots": sum(sum(given[pid].values()) for pid in pids)})
    return flags
