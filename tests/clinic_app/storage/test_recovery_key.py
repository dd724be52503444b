"""The printed recovery key: it gives back the database key, and a typo is named by its group."""

from __future__ import annotations

import re
import secrets

import pytest

from clinic_app.errors import InvalidInput
from clinic_app.storage.recovery_key import ALPHABET, GROUPS, RecoveryKey

KEY = bytes.fromhex("8f" * 16 + "01" * 16)


def test_the_printed_key_reads_back_as_the_database_key() -> None:
    for _ in range(200):
        key = secrets.token_bytes(32)
        assert RecoveryKey.parse(str(RecoveryKey.from_database_key(key))).database_key == key


def test_it_is_13_groups_of_5_characters_a_person_can_tell_apart() -> None:
    printed = str(RecoveryKey(KEY))
    assert re.fullmatch(r"([0-9A-HJKMNP-TV-Z]{5}-){12}[0-9A-HJKMNP-TV-Z]{5}", printed), printed
    assert len(RecoveryKey(KEY).groups) == GROUPS
    assert not set(printed) & set("ILOU")


def test_typing_is_forgiving_about_case_spaces_and_look_alike_letters() -> None:
    printed = str(RecoveryKey(KEY))
    typed = "  " + printed.lower().replace("-", " ").replace("0", "o").replace("1", "l") + "\n"
    assert RecoveryKey.parse(typed).database_key == KEY
    assert RecoveryKey.parse(printed.replace("-", "")).database_key == KEY


def test_every_single_mistyped_character_is_caught_and_its_group_named() -> None:
    printed = str(RecoveryKey(KEY)).replace("-", "")
    for position, original in enumerate(printed):
        for wrong in ALPHABET.replace(original, ""):
            typed = printed[:position] + wrong + printed[position + 1 :]
            with pytest.raises(InvalidInput) as caught:
                RecoveryKey.parse(typed)
            problem = caught.value.problems[0]
            assert problem.path == "recovery_key"
            assert f"group {position // 5 + 1} does not match the sheet" in problem.message


def test_swapped_neighbours_and_a_group_in_the_wrong_place_are_caught() -> None:
    groups = list(RecoveryKey(KEY).groups)
    joined = "".join(groups)
    for position in range(len(joined) - 1):
        if joined[position] != joined[position + 1]:
            swapped = joined[:position] + joined[position + 1] + joined[position] + joined[position + 2 :]
            with pytest.raises(InvalidInput, match=r"(does|do) not match the sheet"):
                RecoveryKey.parse(swapped)
    groups[2], groups[3] = groups[3], groups[2]
    with pytest.raises(InvalidInput, match="groups 3, 4 do not match the sheet"):
        RecoveryKey.parse("-".join(groups))


def test_a_missing_group_or_a_stray_character_says_what_a_key_looks_like() -> None:
    groups = RecoveryKey(KEY).groups
    with pytest.raises(InvalidInput, match=r"13 groups of 5 characters \(65 in all\); got 60"):
        RecoveryKey.parse("-".join(groups[:-1]))
    printed = str(RecoveryKey(KEY))
    with pytest.raises(InvalidInput, match="character 7 is not one printed on a recovery sheet"):
        RecoveryKey.parse(printed[:6] + "U" + printed[7:])  # U is left out of Crockford's alphabet


def test_the_key_never_shows_in_a_repr() -> None:
    assert KEY.hex() not in repr(RecoveryKey(KEY))
    assert str(RecoveryKey(KEY)) not in repr(RecoveryKey(KEY))
