"""Cleaning what people type: pure functions, no I/O."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from server.domain.errors import DomainError
from server.domain.text import clean_line, clean_list, clean_text


def test_clean_line_trims_and_collapses_spaces():
    assert clean_line("  Claire   M. ", field="name", max_len=60) == "Claire M."


@pytest.mark.parametrize("bad", ["", "   ", "\t"])
def test_clean_line_refuses_empty(bad):
    with pytest.raises(DomainError) as err:
        clean_line(bad, field="name", max_len=60)
    assert err.value.code == "empty" and err.value.field == "name"


def test_clean_line_refuses_too_long():
    with pytest.raises(DomainError) as err:
        clean_line("x" * 200, field="name", max_len=60)
    assert err.value.code == "too_long"
    assert "60" in err.value.as_dict()["message"]


@pytest.mark.parametrize(
    "bad", ["Cla\x00ire", "Cla\x1bire", "line\nbreak", "evil\u202eeman", "zero\u200bwidth"]
)
def test_clean_line_refuses_control_and_invisible_characters(bad):
    with pytest.raises(DomainError) as err:
        clean_line(bad, field="name", max_len=60)
    assert err.value.code == "invalid_characters"


@pytest.mark.parametrize("bad", [None, 42, ["a"], {"a": 1}])
def test_clean_line_refuses_non_text(bad):
    with pytest.raises(DomainError) as err:
        clean_line(bad, field="name", max_len=60)
    assert err.value.code in {"invalid", "empty"}


def test_clean_line_keeps_accents_and_emoji_and_normalises():
    assert clean_line("Cœur de me\u0301tier 🤝", field="t", max_len=60) == "Cœur de métier 🤝"


def test_clean_text_removes_control_characters_but_keeps_lines():
    text = clean_text(" Idée\x07 1\r\n\r\n\r\n\r\nIdée 2\x00 ", field="text", max_len=500)
    assert text == "Idée 1\n\nIdée 2"


def test_clean_text_length_counts_after_trimming():
    assert clean_text("  " + "a" * 500 + "  ", field="text", max_len=500) == "a" * 500
    with pytest.raises(DomainError):
        clean_text("a" * 501, field="text", max_len=500)
    with pytest.raises(DomainError):
        clean_text("\x00\x01 ", field="text", max_len=500)


def test_clean_list_accepts_text_or_list_and_drops_duplicates():
    assert clean_list("ATE Conseil, Latitude;latitude\n", field="o", max_items=5, max_len=50) == [
        "ATE Conseil", "Latitude",
    ]
    assert clean_list(["A", " ", "B"], field="o", max_items=5, max_len=50) == ["A", "B"]
    with pytest.raises(DomainError):
        clean_list([1, 2], field="o", max_items=5, max_len=50)
    with pytest.raises(DomainError):
        clean_list(["a", "b", "c"], field="o", max_items=2, max_len=50)


@given(st.text())
def test_clean_text_never_returns_control_characters(raw):
    try:
        text = clean_text(raw, field="text", max_len=500)
    except DomainError:
        return
    assert 1 <= len(text) <= 500
    assert all(ch == "\n" or ch >= " " for ch in text)
    assert text == text.strip()


def test_a_text_far_over_its_limit_is_refused_before_it_is_cleaned():
    """A name of 65,000 characters was normalised before its length was checked (1 s of
    CPU for combining marks); it is now refused on its raw length, at once."""
    with pytest.raises(DomainError) as err:
        clean_line("a" + "\u0301\u0316" * 16300, field="name", max_len=60)
    assert err.value.code == "too_long"


@pytest.mark.parametrize("marks", ["\u0301" * 31, "\u0301\u0316" * 16, "\U0001d165" * 31,
                                   "\u0301" * 15 + "\U0001d165" * 16])
def test_a_pile_of_combining_marks_is_refused(marks):
    """More marks in a row than Unicode's stream-safe format allows (30): their reordering
    costs time that grows with the square of the run."""
    with pytest.raises(DomainError) as err:
        clean_text("a" + marks, field="text", max_len=500)
    assert err.value.code == "invalid_characters"


def test_accents_typed_as_separate_marks_are_still_welcome():
    assert clean_line("Cafe\u0301 cre\u0300me", field="name", max_len=60) == "Café crème"
    assert clean_line("e" + "\u0301" * 3, field="name", max_len=60)


def test_a_list_counts_its_items_before_cleaning_them():
    """16,676 comma-separated organisations took 13 s to clean: they are counted first."""
    with pytest.raises(DomainError) as err:
        clean_list(",".join(f"org{i}" for i in range(16676)), field="organisations",
                   max_items=50, max_len=100)
    assert err.value.code in ("too_many", "too_long")
    with pytest.raises(DomainError) as err:
        clean_list([f"org{i}" for i in range(51)], field="organisations", max_items=50,
                   max_len=100)
    assert err.value.code == "too_many"
    assert clean_list(["A", "a", "B"], field="organisations", max_items=50,
                      max_len=100) == ["A", "B"]


def test_caps_count_per_person_and_per_workshop():
    from server.domain.caps import CAPS, counted, making
    from server.domain.needs import Below

    needs = making("notes", "p1")
    assert [(n.key, n.limit) for n in needs] == [("p1|notes", CAPS["notes"][0]),
                                                 ("*|notes", CAPS["notes"][1])]
    assert all(isinstance(n, Below) and n.error.code == "too_many" for n in needs)
    assert [n.key for n in making("topics", None)] == ["*|topics"]  # the console
    assert [n.key for n in making("tables", None)] == ["*|tables"]
    assert counted("steps", "p1") == ["*|steps", "p1|steps"]
