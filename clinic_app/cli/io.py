"""Reading and writing the files named on the command line, with messages a person understands."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator
from typing import BinaryIO, TextIO

from clinic_app.errors import ClinicError, InvalidInput, Problem
from clinic_app.output_file import replacing

STANDARD_INPUT = "standard input"


def read_input(path: str) -> str:
    """The whole text of a file, or of standard input for '-', which must be UTF-8."""
    if path == "-":
        return decode_document(_read_standard_input(), STANDARD_INPUT)
    with open_binary(path) as stream:
        return decode_document(stream.read(), path)


def _read_standard_input() -> bytes | str:
    # The bytes, so that standard input is decoded like a file, whatever the terminal's locale.
    buffer = getattr(sys.stdin, "buffer", None)  # a test may stand a text-only stream in for it
    return buffer.read() if buffer is not None else sys.stdin.read()


def decode_document(data: bytes | str, source: str) -> str:
    """UTF-8 text, as a visit document must be; else invalid input (exit 2) saying so."""
    if isinstance(data, str):
        return data
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        detail = f"byte 0x{data[error.start]:02x} at offset {error.start}"
        message = f"{source} is not UTF-8 text ({detail}); a visit document must be UTF-8 JSON"
        raise InvalidInput([Problem("document", message)]) from None


def open_binary(path: str) -> BinaryIO:
    try:
        return open(path, "rb")
    except FileNotFoundError:
        raise ClinicError(f"cannot read {path}: no such file") from None
    except IsADirectoryError:
        raise ClinicError(f"cannot read {path}: it is a folder, not a file") from None
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
