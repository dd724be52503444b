"""The document tests' shared fixtures, and the `--refresh-references` option (see reference_images.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from clinic_app.domain import ClinicProfile

from .helpers import CLINIC, CLINIC_FILE
from .reference_images import pytest_addoption

__all__ = ["pytest_addoption"]  # a pytest hook: pytest finds it by name in this conftest


@pytest.fixture
def clinic() -> ClinicProfile:
    """A complete clinic profile: name, phone and emergency number, as every document needs."""
    return CLINIC


@pytest.fixture
def clinic_file(tmp_path: Path) -> Path:
    """A `--clinic` file with the contract's fields (emergency number 112)."""
    path = tmp_path / "clinic.json"
    path.write_text(json.dumps(CLINIC_FILE, ensure_ascii=False), encoding="utf-8")
    return path
