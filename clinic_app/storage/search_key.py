"""Search keys: the form of a name or MRN that patient search compares.

A key is case-folded, has accents removed and punctuation evened out, so that a
therapist typing "nunez" or "NÚÑ" finds Núñez, and "lucja" finds Łucja. Keys are
stored beside the names and compared by plain code-point order, so a prefix
search is an index range scan (`key >= prefix AND key < upper bound`) on
SQLite and PostgreSQL alike, where LIKE would scan the whole index.
"""

from __future__ import annotations

import re
import unicodedata

# Letters that carry no combining mark to remove, so NFKD leaves them alone (ß and ﬁ casefold already).
_BASE_LETTERS = str.maketrans(
    {
        "ł": "l",
        "ø": "o",
        "đ": "d",
        "ð": "d",
        "þ": "th",
        "æ": "ae",
        "œ": "oe",
        "\u0131": "i",
        "ħ": "h",
        "ŧ": "t",
    }
)
# Apostrophes, typed or typographic, vanish (O'Brien: obrien); separators become one space (García-López).
_APOSTROPHES = re.compile(r"['`\u2019\u02bc]")
_SEPARATORS = re.compile(r"[\s,.\-\u2010-\u2015_/]+")  # hyphens and dashes
_SURROGATES_START = 0xD800
_SURROGATES_END = 0xDFFF
_LAST_CODE_POINT = "\U0010ffff"  # a permanent noncharacter: dropped, so every key has an upper bound


def search_key(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    letters = "".join(ch for ch in decomposed if not unicodedata.combining(ch) and ch != _LAST_CODE_POINT)
    letters = letters.translate(_BASE_LETTERS)
    return _SEPARATORS.sub(" ", _APOSTROPHES.sub("", letters)).strip()


def name_word_keys(given_name: str, family_name: str) -> set[str]:
    """Keys that start at a later word of the name, so that any word finds the patient.

    For Ana María López: "maria lopez", "lopez" (given name first) and "ana maria", "maria"
    (family name first). A second given name or a second family name ("Gómez-Ruiz" by "ruiz")
    is often what the patient says first. The keys that start at the first word are the
    patients row's own.
    """
    keys: set[str] = set()
    for name in (f"{family_name} {given_name}", f"{given_name} {family_name}"):
        words = search_key(name).split(" ")
        keys.update(" ".join(words[start:]) for start in range(1, len(words)))
    return keys


def prefix_upper_bound(prefix: str) -> str:
    """The smallest string above every string that starts with prefix (a non-empty search key)."""
    code = ord(prefix[-1]) + 1
    if _SURROGATES_START <= code <= _SURROGATES_END:  # not encodable in UTF-8: step over them
        code = _SURROGATES_END + 1
    return prefix[:-1] + chr(code)
