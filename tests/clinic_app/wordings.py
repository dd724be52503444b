"""Made-up wordings for the tests (never a licensed instrument's real text): the shape of a clinic's
file for LEFS (one answer scale for every item) and for the ODI (each item its own answers)."""

from __future__ import annotations

import yaml

LEFS_SCALE = ["Cannot", "Much trouble", "Some trouble", "Little trouble", "No trouble"]


def lefs_yaml(items: int = 20, spanish: bool = True) -> str:
    document: dict[str, object] = {
        "measure": "lefs",
        "source": "Test copy",
        "answers": {"en": LEFS_SCALE, **({"es": [f"Respuesta {v}" for v in range(5)]} if spanish else {})},
        "items": [
            {"en": f"Test activity {n}", **({"es": f"Actividad de prueba {n}"} if spanish else {})}
            for n in range(1, items + 1)
        ],
    }
    return yaml.safe_dump(document, allow_unicode=True, sort_keys=False)


def odi_csv() -> str:
    """Ten sections, each with its six statements (0 to 5), in English only."""
    rows = ["item,answer,en"]
    for item in range(1, 11):
        rows.append(f"{item},,Test section {item}")
        rows += [f"{item},{value},Section {item} statement {value}" for value in range(6)]
    return "\n".join(rows) + "\n"
