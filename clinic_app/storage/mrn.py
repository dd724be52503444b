"""The one comparison of MRNs: the same whatever their letter case (and Unicode compatibility form)."""

from __future__ import annotations

import unicodedata


def mrn_fold(mrn: str) -> str:
    """The key two MRNs share when they name the same patient: "ex-1", "EX-1" and "Ex-1" alike."""
    return unicodedata.normalize("NFKC", mrn.strip()).casefold()
