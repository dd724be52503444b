"""Writing a file the user named (`-o FILE`, "Save as PDF…"): only a regular file, and only whole.

What is written holds patient data, and the name came from a person who may have mistyped it, so:

- the target is a new name or an existing regular file. A directory, device, pipe, socket or
  symbolic link is refused: renaming a file over it would destroy it (as root, /dev/null would
  become a file of patient data) or send the data somewhere the name does not say;
- the content goes to a temporary file beside the target and is renamed over it only once
  complete, so a failure midway leaves the old file as it was;
- a new file is readable by its owner alone (0600), whatever the umask; a replaced file keeps its
  permission bits (and its owner and group where we may set them), as editing it in place would.

A name checked here could still be swapped for a link before the rename; the rename then replaces
the link itself, never what it points to.
"""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Iterator
from typing import IO, Any, Literal

from clinic_app.errors import ClinicError

NEW_FILE_MODE = 0o600
ALLOWED = "only a regular file can be written: a new one, or an existing one to replace"

_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISLNK, "a symbolic link"),
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISCHR, "a device"),
    (stat.S_ISBLK, "a device"),
    (stat.S_ISSOCK, "a socket"),
)


def write_output_file(path: str, data: bytes) -> None:
    """Write the bytes to the file at path, by the rules above; ClinicError says why not."""
    with replacing(path, "wb") as stream:
        stream.write(data)


@contextlib.contextmanager
def replacing(path: str, mode: Literal["wb", "w"] = "wb") -> Iterator[IO[Any]]:
    """A stream whose content replaces the file at path when the block ends without an error."""
    existing = _existing_regular_file(path)
    handle, temporary = _temporary_beside(path)
    try:
        with os.fdopen(handle, mode, encoding=None if "b" in mode else "utf-8") as stream:
            yield stream
            _finish(stream, path, existing)
        _rename(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


@contextlib.contextmanager
def replacing_path(path: str) -> Iterator[str]:
    """Like replacing(), for writers that need a file name (SQLite's backup): the name of a new,
    empty private file beside path, which replaces path when the block ends without an error."""
    existing = _existing_regular_file(path)
    handle, temporary = _temporary_beside(path)
    os.close(handle)
    try:
        yield temporary
        with open(temporary, "rb+") as stream:
            _finish(stream, path, existing)
        _rename(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def _existing_regular_file(path: str) -> os.stat_result | None:
    """The target's status if it is a regular file we may replace; None if there is none yet."""
    try:
        status = os.lstat(path)  # lstat: a symbolic link is judged itself, not what it points to
    except FileNotFoundError:
        return None  # a missing folder is reported when the temporary file cannot be made
    except OSError as error:
        raise ClinicError(f"cannot write {path}: {error.strerror}") from None
    if not stat.S_ISREG(status.st_mode):
        raise ClinicError(f"cannot write {path}: it is {_kind(status.st_mode)}; {ALLOWED}")
    if not os.access(path, os.W_OK):
        # Renaming over a read-only file would work, but undo the protection its owner gave it.
        raise ClinicError(f"cannot write {path}: the file is read-only")
    return status


def _kind(mode: int) -> str:
    return next((name for test, name in _KINDS if test(mode)), "not a regular file")


def _temporary_beside(path: str) -> tuple[int, str]:
    """A new private file in the target's folder, so that the final rename stays on one file system."""
    import tempfile  # here: importing it costs the command line's start-up 3 ms

    folder = os.path.dirname(path) or os.curdir
    try:
        return tempfile.mkstemp(dir=folder, prefix=".clinic-", suffix=".tmp")
    except FileNotFoundError:
        raise ClinicError(f"cannot write {path}: the folder {folder} does not exist") from None
    except NotADirectoryError:
        raise ClinicError(f"cannot write {path}: {folder} is not a folder") from None
    except OSError as error:
        raise ClinicError(f"cannot write {path}: {error.strerror}") from None


def _finish(stream: IO[Any], path: str, existing: os.stat_result | None) -> None:
    """Everything on disk, with the final permissions, before the rename makes it visible."""
    try:
        stream.flush()
        os.fsync(stream.fileno())  # else a crash just after the rename could leave an empty file
        _set_permissions(stream.fileno(), existing)
    except OSError as error:  # e.g. the disk is full
        raise ClinicError(f"cannot write {path}: {error.strerror}") from None


def _rename(temporary: str, path: str) -> None:
    try:
        os.replace(temporary, path)
    except OSError as error:  # e.g. the name became a folder meanwhile
        raise ClinicError(f"cannot write {path}: {error.strerror}") from None


def _set_permissions(descriptor: int, existing: os.stat_result | None) -> None:
    if not hasattr(os, "fchmod"):  # Windows: no POSIX permission bits to keep
        return
    if existing is not None and hasattr(os, "fchown"):
        with contextlib.suppress(OSError):  # allowed only to root, or for a group we belong to
            os.fchown(descriptor, existing.st_uid, existing.st_gid)
    os.fchmod(descriptor, NEW_FILE_MODE if existing is None else stat.S_IMODE(existing.st_mode))
