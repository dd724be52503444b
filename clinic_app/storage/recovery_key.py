"""The printed recovery key: the database key itself, written so a person can type it back from paper.

    sheet = RecoveryKey.from_database_key(key)     # at first run: print sheet.groups
    key = RecoveryKey.parse(typed).database_key    # InvalidInput naming each mistyped group

Why the key itself rather than a second secret that wraps it: with the sheet and any copy of the
database (a backup carried away without its key-slots file included) the data can be read; nothing
else is needed, so nothing else can be lost. The cost is length: 256 bits.

Format 1: 13 groups of 5 characters, e.g. ``8K3QM-XD9PA-...``. Each group is 4 data characters and
a check character. The 52 data characters are Crockford base32 (5 bits each: digits and letters
without I, L, O, U, so nothing reads as something else) holding 4 bits of format number then the
256-bit key. The check character of a group is Luhn mod 32 over the group's number and its 4 data
characters: it catches every single mistyped character and most swapped neighbours, and a group
typed in another group's place, so a typo is reported with the group it is in. Typing is forgiving:
any case, hyphens and spaces anywhere, O read as 0, I and L read as 1.
"""

from __future__ import annotations

from dataclasses import dataclass

from clinic_app.errors import InvalidInput, Problem

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford base32
_VALUES = {symbol: value for value, symbol in enumerate(ALPHABET)}
_VALUES.update({"O": 0, "I": 1, "L": 1})  # Crockford's reading of look-alikes
_IGNORED = frozenset(" -\t\r\n")

FORMAT = 1
KEY_BYTES = 32
GROUPS = 13
DATA_PER_GROUP = 4
GROUP_LENGTH = DATA_PER_GROUP + 1
SEPARATOR = "-"
FIELD = "recovery_key"


@dataclass(frozen=True, slots=True)
class RecoveryKey:
    """A database key in its printed form."""

    database_key: bytes

    def __post_init__(self) -> None:
        if len(self.database_key) != KEY_BYTES:
            raise ValueError(f"a database key is {KEY_BYTES} bytes")

    @classmethod
    def from_database_key(cls, key: bytes) -> RecoveryKey:
        return cls(bytes(key))

    @property
    def groups(self) -> tuple[str, ...]:
        """The 13 groups as printed, in order."""
        number = (FORMAT << (KEY_BYTES * 8)) | int.from_bytes(self.database_key, "big")
        symbols = [(number >> (5 * shift)) & 31 for shift in reversed(range(GROUPS * DATA_PER_GROUP))]
        groups = []
        for index in range(GROUPS):
            data = symbols[index * DATA_PER_GROUP : (index + 1) * DATA_PER_GROUP]
            check = _check_symbol([index + 1, *data])
            groups.append("".join(ALPHABET[value] for value in (*data, check)))
        return tuple(groups)

    def __str__(self) -> str:
        return SEPARATOR.join(self.groups)

    def __repr__(self) -> str:  # never the key in a log line or traceback
        return "RecoveryKey(...)"

    @classmethod
    def parse(cls, typed: str) -> RecoveryKey:
        """The key a person typed; InvalidInput (field recovery_key) saying what to correct."""
        values: list[int] = []
        for position, character in enumerate(typed, start=1):
            if character in _IGNORED:
                continue
            value = _VALUES.get(character.upper())
            if value is None:
                raise _invalid(
                    f"character {position} is not one printed on a recovery sheet "
                    "(digits and the letters A-Z without U)"
                )
            values.append(value)
        expected = GROUPS * GROUP_LENGTH
        if len(values) != expected:
            raise _invalid(
                f"a recovery key has {GROUPS} groups of {GROUP_LENGTH} characters ({expected} in all); "
                f"got {len(values)}"
            )
        groups = [values[i * GROUP_LENGTH : (i + 1) * GROUP_LENGTH] for i in range(GROUPS)]
        mistyped = [n for n, group in enumerate(groups, start=1) if not _checks([n, *group])]
        if mistyped:
            listed = ", ".join(str(n) for n in mistyped)
            raise _invalid(
                f"group{'s' if len(mistyped) > 1 else ''} {listed} "
                f"{'do' if len(mistyped) > 1 else 'does'} not match the sheet (a mistyped or swapped "
                "character); compare with the printed sheet"
            )
        number = 0
        for group in groups:
            for value in group[:DATA_PER_GROUP]:
                number = (number << 5) | value
        if number >> (KEY_BYTES * 8) != FORMAT:
            raise _invalid("this is not a Clinic App recovery key of a format this version reads")
        return cls((number & ((1 << (KEY_BYTES * 8)) - 1)).to_bytes(KEY_BYTES, "big"))


def _check_symbol(values: list[int]) -> int:
    """Luhn mod 32: the symbol that makes the weighted sum of values + symbol a multiple of 32."""
    total = 0
    for offset, value in enumerate(reversed(values)):
        total += _luhn_addend(value, doubled=offset % 2 == 0)
    return (32 - total % 32) % 32


def _checks(values: list[int]) -> bool:
    total = 0
    for offset, value in enumerate(reversed(values)):
        total += _luhn_addend(value, doubled=offset % 2 == 1)
    return total % 32 == 0


def _luhn_addend(value: int, doubled: bool) -> int:
    if not doubled:
        return value
    product = 2 * value
    return product // 32 + product % 32


def _invalid(message: str) -> InvalidInput:
    return InvalidInput([Problem(FIELD, message)])
