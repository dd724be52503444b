"""`clinic outcomes text import|list|remove` as an admin runs them: real processes on the tests'
throwaway database; a file that does not fit the measure is exit 2 with one line per problem."""

from __future__ import annotations

import json
import os
from pathlib import Path

from tests.clinic_app.wordings import lefs_yaml, odi_csv

from .commands import assert_plain_failure, clinic, said


def test_an_admin_imports_lists_and_removes_a_wording(tmp_path: Path) -> None:
    lefs, odi = tmp_path / "lefs.yaml", tmp_path / "odi.csv"
    lefs.write_text(lefs_yaml(), encoding="utf-8")
    odi.write_text(odi_csv(), encoding="utf-8")
    done = clinic("outcomes", "text", "import", "LEFS", lefs)
    assert done.returncode == 0, said(done)
    assert done.stdout.decode() == "LEFS: the clinic's wording imported (20 items in English and Spanish).\n"
    assert clinic("outcomes", "text", "import", "odi", odi).returncode == 0
    listed = clinic("outcomes", "text", "list", "--json")
    assert listed.returncode == 0, said(listed)
    found = {entry["measure"]: entry for entry in json.loads(listed.stdout)}
    assert (found["lefs"]["worded"], found["lefs"]["items"], found["lefs"]["languages"]) == (
        True,
        20,
        ["en", "es"],
    )
    assert (found["odi"]["worded"], found["odi"]["languages"]) == (True, ["en"])
    assert (found["ndi"]["worded"], found["ndi"]["imported_by"]) == (False, None)
    assert "nprs" not in found  # ships its own wording
    plain = clinic("outcomes", "text", "list").stdout.decode()
    assert "NDI: no wording supplied; paper entry only" in plain
    assert clinic("outcomes", "text", "remove", "odi").returncode == 0
    again = clinic("outcomes", "text", "remove", "odi")
    assert "no wording for ODI" in assert_plain_failure(again, 1)
    audit = clinic("audit", "--json")
    actions = [(e["action"], e["detail"]) for e in json.loads(audit.stdout)]
    assert ("measure_wording_import", "lefs") in actions
    assert ("measure_wording_remove", "odi") in actions


def test_a_file_that_does_not_fit_is_exit_2_naming_each_problem(tmp_path: Path) -> None:
    short = tmp_path / "lefs.yaml"
    short.write_text(lefs_yaml(items=19), encoding="utf-8")
    message = assert_plain_failure(clinic("outcomes", "text", "import", "lefs", short), 2)
    assert message == "items: LEFS has 20 items, got 19\n"
    bad_rows = tmp_path / "odi.csv"
    bad_rows.write_text(
        odi_csv().replace("2,5,", "2,7,").replace("5,,Test section 5", "5,,"), encoding="utf-8"
    )
    lines = assert_plain_failure(clinic("outcomes", "text", "import", "odi", bad_rows), 2).splitlines()
    assert lines == ["row 15, answer: from 0 to 5, got 7", "row 30, en: the English wording is required"]
    assert_plain_failure(clinic("outcomes", "text", "import", "nprs", short), 2)
    assert_plain_failure(clinic("outcomes", "text", "import", "lefs", tmp_path / "missing.yaml"), 1)


def test_importing_needs_a_login(tmp_path: Path) -> None:
    lefs = tmp_path / "lefs.yaml"
    lefs.write_text(lefs_yaml(), encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith("CLINIC_APP_USER")}
    env.pop("CLINIC_APP_PASSWORD_FILE", None)
    assert_plain_failure(clinic("outcomes", "text", "import", "lefs", lefs, env=env), 3)
