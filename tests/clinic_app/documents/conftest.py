"""The document tests' shared fixtures, and the `--refresh-references` option (see reference_images.py)."""

from __future__ import annotations

from .reference_images import pytest_addoption

__all__ = ["pytest_addoption"]  # a pytest hook: pytest finds it by name in this conftest
