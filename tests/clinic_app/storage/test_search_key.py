"""Search keys: what patient search compares, and the range that stands for a prefix."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from clinic_app.storage.search_key import prefix_upper_bound, search_key


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Zoë Núñez", "zoe nunez"),
        ("ŁUCJA", "lucja"),
        ("Nguyễn", "nguyen"),
        ("O'Brien", "obrien"),
        ("O\u2019Brien", "obrien"),  # a typographic apostrophe
        ("García-López", "garcia lopez"),
        ("  Núñez,   Zoë ", "nunez zoe"),
        ("Straße", "strasse"),
        ("Østergaard", "ostergaard"),
        ("Adébáyọ̀", "adebayo"),
        ("A-1001", "a 1001"),
        ("Смирнова", "смирнова"),
    ],
)
def test_keys_ignore_case_accents_and_punctuation(text: str, key: str) -> None:
    assert search_key(text) == key


@given(st.text(min_size=1), st.text())
def test_the_range_holds_exactly_the_keys_with_the_prefix(prefix: str, rest: str) -> None:
    prefix = search_key(prefix) or "a"
    upper = prefix_upper_bound(prefix)
    assert prefix <= prefix + rest < upper
    upper.encode("utf-8")  # a value the databases can store and compare


@given(st.text(min_size=1), st.text())
def test_strings_without_the_prefix_fall_outside_the_range(prefix: str, other: str) -> None:
    prefix = search_key(prefix) or "a"
    if not other.startswith(prefix):
        assert not prefix <= other < prefix_upper_bound(prefix)


def test_the_bound_steps_over_surrogates() -> None:
    assert prefix_upper_bound("a\ud7ff") == "a\ue000"
