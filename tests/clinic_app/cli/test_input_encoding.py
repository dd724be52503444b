"""A visit document that is not UTF-8 is invalid input (exit 2), read from a file or standard input alike."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .commands import KNEE, assert_plain_failure, clinic

MUST_BE = "a visit document must be UTF-8 JSON"


def latin1_visit(tmp_path: Path) -> Path:
    """The knee example as an older editor might save it: "Zoë Núñez" in Latin-1."""
    path = tmp_path / "latin1.visit.json"
    path.write_bytes(KNEE.read_text(encoding="utf-8").encode("latin-1"))
    return path


@pytest.mark.parametrize(
    "command",
    [["triage"], ["triage", "--json"], ["handout", "-o", "out.pdf"], ["summary", "-o", "out.pdf"]],
    ids=["triage", "triage-json", "handout", "summary"],
)
def test_a_file_that_is_not_utf8_is_invalid_input_naming_it(command: list[str], tmp_path: Path) -> None:
    visit = latin1_visit(tmp_path)
    offset = KNEE.read_bytes().index("ë".encode())

    done = clinic(command[0], visit, *command[1:], cwd=tmp_path)

    message = assert_plain_failure(done, status=2)
    assert message == f"document: {visit} is not UTF-8 text (byte 0xeb at offset {offset}); {MUST_BE}\n"
    assert not (tmp_path / "out.pdf").exists()


def test_standard_input_that_is_not_utf8_gets_the_same_message(tmp_path: Path) -> None:
    done = clinic("triage", "-", input=latin1_visit(tmp_path).read_bytes())

    message = assert_plain_failure(done, status=2)
    assert message.startswith("document: standard input is not UTF-8 text (byte 0xeb at offset ")
    assert message.endswith(f"; {MUST_BE}\n")


def test_visit_import_of_a_file_that_is_not_utf8_stores_nothing(tmp_path: Path) -> None:
    done = clinic("visit", "import", latin1_visit(tmp_path))

    assert MUST_BE in assert_plain_failure(done, status=2)
    assert done.stdout == b""


def test_a_batch_line_that_is_not_utf8_spoils_only_that_line(tmp_path: Path) -> None:
    good = json.dumps(json.loads(KNEE.read_text(encoding="utf-8")), ensure_ascii=False)
    source, results = tmp_path / "visits.jsonl", tmp_path / "results.jsonl"
    source.write_bytes(b"\n".join([good.encode("utf-8"), good.encode("latin-1"), good.encode("utf-8")]))

    done = clinic("triage", "--batch", source, "-o", results)

    message = assert_plain_failure(done, status=2)
    assert message.startswith("line 2: document: line 2 is not UTF-8 text (byte 0xeb at offset ")
    lines = [json.loads(line) for line in results.read_text(encoding="utf-8").splitlines()]
    assert [line["schema"].rsplit("/", 1)[0] for line in lines] == [
        "clinic-app/triage",
        "clinic-app/triage-error",
        "clinic-app/triage",
    ]
    assert MUST_BE in lines[1]["problems"][0]
