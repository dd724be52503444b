"""`-o` writes a regular file only, and never harms what the name already is.

The contract: a folder, device, pipe or symbolic link as target is refused (exit 1, a plain message);
an existing regular file is replaced atomically, keeping its permissions; new files are private
(0600); `-o -` writes to standard output, and a reader that stops early ends the command quietly.

Every test runs the real command in a child process. None points at a real device such as
/dev/null: as root, a bug would replace it with a file. A FIFO made here stands in for any device.
"""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from .commands import KNEE, assert_plain_failure, clinic

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="named pipes and modes are POSIX")
# Windows lets only administrators (or developer mode) make symbolic links.
with_symlinks = pytest.mark.skipif(sys.platform == "win32", reason="symbolic links need privileges")
ALLOWED = "only a regular file can be written"


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def no_temporary_files_left(folder: Path) -> bool:
    return not list(folder.glob(".clinic-*"))


@posix_only
def test_a_named_pipe_is_refused_and_stays_a_pipe(tmp_path: Path) -> None:
    fifo = tmp_path / "printer-pipe"
    os.mkfifo(fifo)

    done = clinic("handout", KNEE, "-o", fifo)

    message = assert_plain_failure(done)
    assert f"cannot write {fifo}: it is a named pipe; {ALLOWED}" in message
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    assert no_temporary_files_left(tmp_path)


@with_symlinks
def test_a_symbolic_link_is_refused_and_what_it_points_to_is_untouched(tmp_path: Path) -> None:
    elsewhere = tmp_path / "somebody-elses.pdf"
    elsewhere.write_bytes(b"not ours")
    link = tmp_path / "summary.pdf"
    link.symlink_to(elsewhere)

    done = clinic("summary", KNEE, "-o", link)

    assert f"cannot write {link}: it is a symbolic link; {ALLOWED}" in assert_plain_failure(done)
    assert link.is_symlink()
    assert elsewhere.read_bytes() == b"not ours"


@pytest.mark.parametrize(
    "command", [["triage", KNEE, "--json"], ["triage", "--batch", KNEE]], ids=["triage", "batch"]
)
def test_a_folder_is_refused_with_a_plain_message(command: list[str | Path], tmp_path: Path) -> None:
    folder = tmp_path / "results"
    folder.mkdir()

    done = clinic(*command, "-o", folder)

    assert f"cannot write {folder}: it is a folder; {ALLOWED}" in assert_plain_failure(done)
    assert folder.is_dir()
    assert list(folder.iterdir()) == []


def test_a_missing_folder_is_named(tmp_path: Path) -> None:
    target = tmp_path / "no-such-folder" / "result.json"

    done = clinic("triage", KNEE, "--json", "-o", target)

    message = assert_plain_failure(done)
    assert f"cannot write {target}: the folder {target.parent} does not exist" in message


@posix_only
def test_an_existing_file_is_replaced_whole_keeping_its_permissions(tmp_path: Path) -> None:
    target = tmp_path / "handout.pdf"
    target.write_bytes(b"an older handout")
    target.chmod(0o640)

    done = clinic("handout", KNEE, "-o", target)

    assert done.returncode == 0, done.stderr
    assert target.read_bytes().startswith(b"%PDF-")
    assert mode(target) == 0o640
    assert no_temporary_files_left(tmp_path)


@posix_only
def test_a_read_only_file_is_not_replaced(tmp_path: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root may write any file")
    target = tmp_path / "result.json"
    target.write_text("{}", encoding="utf-8")
    target.chmod(0o444)

    done = clinic("triage", KNEE, "--json", "-o", target)

    assert f"cannot write {target}: the file is read-only" in assert_plain_failure(done)
    assert target.read_text(encoding="utf-8") == "{}"


@posix_only
@pytest.mark.parametrize(
    "command", [["summary", KNEE], ["triage", KNEE, "--json"]], ids=["summary", "triage"]
)
def test_a_new_file_is_readable_by_its_owner_alone(command: list[str | Path], tmp_path: Path) -> None:
    target = tmp_path / "new-file"

    done = clinic(*command, "-o", target, umask=0o022)  # the usual umask would give 0644

    assert done.returncode == 0, done.stderr
    assert mode(target) == 0o600


@with_symlinks
def test_visit_export_refuses_a_link_too(tmp_path: Path) -> None:
    imported = clinic("visit", "import", KNEE)
    assert imported.returncode == 0, imported.stderr
    visit_id = imported.stdout.decode("utf-8").splitlines()[-1]
    elsewhere = tmp_path / "elsewhere.json"
    elsewhere.write_text("[]", encoding="utf-8")
    link = tmp_path / "export.json"
    link.symlink_to(elsewhere)

    refused = clinic("visit", "export", visit_id, "-o", link)
    written = clinic("visit", "export", visit_id, "-o", tmp_path / "visit.json")

    assert f"it is a symbolic link; {ALLOWED}" in assert_plain_failure(refused)
    assert elsewhere.read_text(encoding="utf-8") == "[]"
    assert written.returncode == 0, written.stderr
    assert json.loads((tmp_path / "visit.json").read_text(encoding="utf-8"))["visit"]["id"] == visit_id


# ---- -o -: standard output ------------------------------------------------------------------------


def test_a_dash_writes_the_pdf_to_standard_output() -> None:
    done = clinic("handout", KNEE, "-o", "-")

    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(b"%PDF-")
    assert done.stdout.rstrip().endswith(b"%%EOF")


@posix_only
@pytest.mark.parametrize(
    "command",
    [["handout", KNEE, "-o", "-"], ["summary", KNEE, "-o", "-"], ["triage", KNEE]],
    ids=["handout", "summary", "triage"],
)
def test_a_reader_that_has_gone_ends_the_command_quietly(command: list[str | Path]) -> None:
    # `clinic handout V -o - | head -c 100`, with head already gone: a pipe nobody reads any more.
    # (A live `head` may exit only after the whole PDF sat in the pipe's buffer: no test at all.)
    reading_end, writing_end = os.pipe()
    os.close(reading_end)
    try:
        done = clinic(*command, stdout=writing_end, stderr=subprocess.PIPE)
    finally:
        os.close(writing_end)

    assert done.returncode == 141, done.stderr  # 128 + SIGPIPE, what a shell shows for `cat | head`
    assert done.stderr.decode("utf-8") == ""
