"""Workshop and participant rules: pure functions, no I/O."""

import pytest

from server.domain import secrets
from server.domain.errors import DomainError
from server.domain.participant import check_role, clean_profile
from server.domain.workshop import (
    CODE_ALPHABET,
    check_phase_move,
    clean_details,
    new_workshop,
    normalize_code,
)


def test_codes_are_six_unambiguous_characters():
    codes = {secrets.new_code() for _ in range(500)}
    assert len(codes) > 490
    for code in codes:
        assert len(code) == 6
        assert not set(code) & set("01OIL")
        assert set(code) <= set(CODE_ALPHABET)


@pytest.mark.parametrize("typed", ["abc234", " ABC-234 ", "abc 234"])
def test_codes_are_forgiving_about_case_spaces_and_dashes(typed):
    assert normalize_code(typed) == "ABC234"


@pytest.mark.parametrize("bad", ["", "ABC", "ABC2345", "ABCO12", None, 123])
def test_bad_codes_are_refused(bad):
    with pytest.raises(DomainError) as err:
        normalize_code(bad)
    assert err.value.code == "invalid_code"


def test_details_are_cleaned():
    details = clean_details({
        "theme": " Atelier  Coopération ", "date": "2013-04-04", "language": "fr",
        "organisations": "ATE Conseil, C-L'Org", "animators": ["Claire", "Alexia"],
    })
    assert details["theme"] == "Atelier Coopération"
    assert details["organisations"] == ["ATE Conseil", "C-L'Org"]
    workshop = new_workshop("ABC234", details, now=1.0)
    assert workshop.phase == "setup" and workshop.language == "fr"


@pytest.mark.parametrize(("payload", "code", "field"), [
    ({"date": "2013-04-04"}, "empty", "theme"),
    ({"theme": "x", "date": "04/04/2013"}, "invalid_date", "date"),
    ({"theme": "x", "date": "2013-04-04", "language": "de"}, "invalid_language", "language"),
    ({"theme": "x" * 201, "date": "2013-04-04"}, "too_long", "theme"),
    ({"theme": "x", "date": "2013-04-04", "colour": "red"}, "bad_request", None),
])
def test_bad_details_are_refused(payload, code, field):
    with pytest.raises(DomainError) as err:
        clean_details(payload)
    assert err.value.code == code and err.value.field == field


def test_partial_details_need_no_theme():
    assert clean_details({"place": "Lyon"}, partial=True) == {"place": "Lyon"}


def test_phase_moves_one_step_at_a_time():
    assert check_phase_move("setup", "forum") == "forum"
    assert check_phase_move("forum", "setup") == "setup"
    for bad in ["cafe", "closed", "lunch", None]:
        with pytest.raises(DomainError):
            check_phase_move("setup", bad)


def test_profile_rules():
    assert clean_profile({"name": " Claire ", "organisation": ""}, default_language="fr") == {
        "name": "Claire", "organisation": "", "language": "fr",
    }
    for bad in [{"name": ""}, {"name": "x" * 200}, {"name": "a\x00b"},
                {"name": "ok", "language": "xx"}, {"name": "ok", "organisation": 5}, "str"]:
        with pytest.raises(DomainError):
            clean_profile(bad, default_language="fr")
    assert check_role("host") == "host"
    with pytest.raises(DomainError):
        check_role("admin")


def test_secrets_are_long_and_compared_by_digest():
    token = secrets.new_secret()
    assert len(token) >= 43
    digest = secrets.hash_secret(token)
    assert secrets.secret_matches(token, digest)
    assert not secrets.secret_matches(token + "x", digest)
    assert not secrets.secret_matches(token, None)
