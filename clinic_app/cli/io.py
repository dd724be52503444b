"""Reading and writing the files named on the command line, with messages a person understands."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator
from typing import TextIO

from clinic_app.errors import ClinicError
from clinic_app.output_file import replacing


def read_input(path: str) -> str:
    """The whole text of a file, or of standard input for '-'."""
    if path == "-":
        return sys.stdin.read()
    with open_text(path) as stream:
        return stream.read()


def open_text(path: str) -> TextIO:
    try:
        return open(path, encoding="utf-8")
    except FileNotFoundError:
        raise ClinicError(f"cannot read {path}: no such file") from None
    except OSError as error:
        raise ClinicError(f"cannot read {path}: {error.strerror}") from None


@contextlib.contextmanager
def open_output(path: str) -> Iterator[TextIO]:
    """Standard output for '-', else the file, written in full only when the writer succeeds."""
    if path == "-":
        yield sys.stdout
        sys.stdout.flush()
        return
    with atomic_write(path, "w") as stream:
        yield stream


@contextlib.contextmanager
def atomic_write(path: str, mode: str = "wb") -> Iterator[TextIO]:
    """A regular file only (new files 0600, replaced ones keep their permissions), replaced whole."""
    with replacing(path, "w" if mode == "w" else "wb") as stream:
        yield stream  # type: ignore[misc]  # binary for "wb": the callers write what the mode says
