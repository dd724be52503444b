"""The committed .qm files are what their .ts sources compile to.

They are committed so that every way of installing the app (the wheel, pipx, the stand-alone
bundle) has the Spanish screens without a build step; this test catches a .ts edited without
`python3 dev.py translations`.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.ui.translations import TRANSLATIONS, compiled

SOURCES = sorted(TRANSLATIONS.glob("clinic_app_*.ts"))


def test_there_are_translations_to_check() -> None:
    assert [source.stem for source in SOURCES] == ["clinic_app_en", "clinic_app_es"]


@pytest.mark.parametrize("source", SOURCES, ids=lambda source: source.stem)
def test_the_committed_qm_is_what_its_ts_compiles_to(source: Path, tmp_path: Path) -> None:
    committed = source.with_suffix(".qm")
    assert committed.is_file(), f"{committed.name} is missing: run python3 dev.py translations"
    assert committed.read_bytes() == compiled(source, tmp_path), (
        f"{committed.name} is older than {source.name}: run python3 dev.py translations and commit both"
    )
