"""Near-identical notes, found by text similarity: grouped as suggestions for a person to
accept or not (nothing is merged without someone's click).

rapidfuzz compares the words of two notes in any order (token sort ratio), in C, with no
network service: "Créer une charte commune" and "Une charte commune à créer" match,
"Une charte" and a long note that contains those words do not.
"""

from collections.abc import Callable

from rapidfuzz import fuzz, process, utils

from .errors import N_, forbidden

THRESHOLD = 88  # out of 100: below it, two notes say different things
MOST = 200  # notes compared at most (the most backed first): the comparison grows as n²


def groups(notes: list[tuple[str, str]],
           tick: Callable[[], None] = lambda: None) -> list[list[str]]:
    """Group notes whose texts are near-identical; `notes` are (id, text), most backed
    first (only the first MOST are compared). Returns groups of two or more ids."""
    notes = notes[:MOST]
    texts = [text for _, text in notes]
    parent = list(range(len(notes)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, text in enumerate(texts):
        if i % 20 == 0:
            tick()  # a long comparison lets the other requests through
        for _, _, j in process.extract(text, texts[i + 1:], scorer=fuzz.token_sort_ratio,
                                       score_cutoff=THRESHOLD, limit=None,
                                       processor=utils.default_process):
            parent[root(i + 1 + j)] = root(i)
    grouped: dict[int, list[str]] = {}
    for i, (note, _) in enumerate(notes):
        grouped.setdefault(root(i), []).append(note)
    return [members for members in grouped.values() if len(members) > 1]


def check_writer(role: str, writers) -> None:
    """Refuse the suggestions to anyone who does not write the synthesis everywhere."""
    if role not in writers:
        raise forbidden(N_("Only rapporteurs and animators group notes."))
