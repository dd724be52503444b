"""Accounts, logins and the audit trail through the real `clinic` command, as a clinic's script would use it.

Each test has a database of its own (a SQLite file), reached through CLINIC_APP_DATABASE_URL, and logs
in through CLINIC_APP_USER and CLINIC_APP_PASSWORD_FILE. Passwords hash at the test-only cost
(CLINIC_APP_TEST_FAST_HASH=1, set by tests/conftest.py and inherited).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from clinic_app.storage.encrypted import keyed_connection, sqlcipher
from clinic_app.storage.key_slots import slots_path
from clinic_app.storage.recovery_key import RecoveryKey
from tests.clinic_app.cli.encrypted_clinics import RECOVERY_LINE
from tests.examples import EXAMPLES

from .commands import CLINIC, KNEE

ADMIN_PASSWORD = "admin's long password"
JO_PASSWORD = "jo's long password"
KNEE_MRN = json.loads(KNEE.read_text(encoding="utf-8"))["patient"]["mrn"]
KNEE_NAMES = [
    json.loads(KNEE.read_text(encoding="utf-8"))["patient"][name] for name in ("given_name", "family_name")
]


class Clinic:
    """The `clinic` command on a database of its own, run as whoever is logged in (nobody at first)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.database = folder / "clinic.db"
        self.env = {key: value for key, value in os.environ.items() if not key.startswith("CLINIC_APP_USER")}
        self.env.pop("CLINIC_APP_PASSWORD_FILE", None)
        self.env["CLINIC_APP_DATABASE_URL"] = f"sqlite:///{self.database.as_posix()}"
        self.key = b""  # the database key, from the recovery key the first account printed

    def __call__(self, *args: str | Path, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "clinic_app", *map(str, args)],
            input=stdin,
            capture_output=True,
            text=True,
            encoding="utf-8",
            env=self.env,
            cwd=self.folder,
            check=False,
            timeout=120,
        )

    def log_in(self, username: str, password: str) -> None:
        path = self.folder / f"{username}.password"
        path.write_text(password + "\n", encoding="utf-8")
        path.chmod(0o600)
        self.env["CLINIC_APP_USER"] = username
        self.env["CLINIC_APP_PASSWORD_FILE"] = str(path)

    def log_out(self) -> None:
        self.env.pop("CLINIC_APP_USER", None)
        self.env.pop("CLINIC_APP_PASSWORD_FILE", None)

    def ok(self, *args: str | Path, stdin: str | None = None) -> str:
        done = self(*args, stdin=stdin)
        assert done.returncode == 0, done.stderr
        return done.stdout

    def refused(self, *args: str | Path, status: int = 3, stdin: str | None = None) -> str:
        done = self(*args, stdin=stdin)
        assert done.returncode == status, (done.stdout, done.stderr)
        assert "Traceback" not in done.stderr
        assert done.stderr.strip()
        return done.stderr


@pytest.fixture
def clinic(tmp_path: Path) -> Clinic:
    return Clinic(tmp_path)


@pytest.fixture
def admin(clinic: Clinic) -> Clinic:
    """The database with its first account, sam, an admin, logged in."""
    out = clinic.ok(
        "user", "add", "sam", "--name", "Sam Lee, PT, DPT", "--role", "admin", "--licence", "PT-1234",
        "--password-stdin", stdin=ADMIN_PASSWORD + "\n",
    )  # fmt: skip
    found = RECOVERY_LINE.search(out)
    assert found is not None
    clinic.key = RecoveryKey.parse(found.group(1)).database_key  # the sheet: opens the file directly
    clinic.log_in("sam", ADMIN_PASSWORD)
    return clinic


def add_jo(clinic: Clinic, role: str = "assistant") -> None:
    clinic.ok(
        "user", "add", "jo", "--name", "Jo Park, PTA", "--role", role, "--password-stdin", stdin=JO_PASSWORD
    )


def audit(clinic: Clinic, *filters: str) -> list[dict[str, object]]:
    entries = json.loads(clinic.ok("audit", *filters, "--json"))
    assert isinstance(entries, list)
    return entries


# ---- accounts -----------------------------------------------------------------------------------


def test_the_first_account_needs_no_login_and_must_be_an_admin(clinic: Clinic) -> None:
    said = clinic.refused("user", "add", "kim", "--name", "Kim Ode, PT", "--role", "therapist",
                          "--password-stdin", stdin=ADMIN_PASSWORD, status=2)  # fmt: skip
    assert said == "--role: the first account must be an admin (it manages the others), got therapist\n"

    out = clinic.ok("user", "add", "sam", "--name", "Sam Lee, PT, DPT", "--role", "admin",
                    "--password-stdin", stdin=ADMIN_PASSWORD + "\n")  # fmt: skip
    assert out.startswith("Added the admin account sam (Sam Lee, PT, DPT).\n")
    assert (
        "RECOVERY KEY" in out
    )  # the database is now encrypted (tests/clinic_app/cli/test_encryption_commands.py)

    said = clinic.refused("user", "add", "kim", "--name", "Kim Ode, PT", "--role", "therapist",
                          "--password-stdin", stdin=ADMIN_PASSWORD)  # fmt: skip
    assert said.startswith("clinic: this command needs a login: set CLINIC_APP_USER")


def test_a_new_account_s_mistakes_are_all_named_and_the_password_never_shown(admin: Clinic) -> None:
    said = admin.refused("user", "add", "jo park", "--name", "", "--role", "assistant",
                         "--password-stdin", stdin="hunter2\n", status=2)  # fmt: skip
    assert said.splitlines() == [
        "username: 1 to 64 characters: letters A-Z, digits, '.', '_' or '-', starting with a letter or digit",
        '--name: give the name with credentials, for example "Sam Lee, PT, DPT"',
        "password: at least 10 characters, got 7",
    ]
    said = admin.refused("user", "add", "SAM", "--name", "Sam Again", "--role", "assistant",
                         "--password-stdin", stdin=JO_PASSWORD, status=2)  # fmt: skip
    assert said == "username: SAM is taken (user names ignore letter case)\n"


def test_an_admin_adds_lists_and_disables_accounts(admin: Clinic) -> None:
    add_jo(admin)
    listed = json.loads(admin.ok("user", "list", "--json"))
    assert listed == [
        {"username": "jo", "name": "Jo Park, PTA", "licence": None, "role": "assistant", "disabled": False,
         "locked_until": None},
        {"username": "sam", "name": "Sam Lee, PT, DPT", "licence": "PT-1234", "role": "admin",
         "disabled": False, "locked_until": None},
    ]  # fmt: skip
    table = admin.ok("user", "list").splitlines()
    assert table[0].split() == ["USER", "ROLE", "NAME", "LICENCE", "STATUS"]
    assert table[1].split() == ["jo", "assistant", "Jo", "Park,", "PTA", "-", "enabled"]

    assert admin.ok("user", "disable", "JO") == "Disabled the account jo: it can no longer log in.\n"
    admin.log_in("jo", JO_PASSWORD)
    assert "login failed for jo" in admin.refused("visit", "export", "nope")
    admin.log_in("sam", ADMIN_PASSWORD)
    assert json.loads(admin.ok("user", "list", "--json"))[0]["disabled"] is True
    assert "last enabled admin" in admin.refused("user", "disable", "sam")


def test_only_an_admin_manages_accounts(admin: Clinic) -> None:
    add_jo(admin, role="therapist")
    admin.log_in("jo", JO_PASSWORD)
    assert (
        admin.refused("user", "list") == "clinic: jo (therapist) may not manage accounts (an admin's task)\n"
    )
    assert "may not manage accounts" in admin.refused("user", "disable", "sam")
    assert "may not manage accounts" in admin.refused(
        "user", "passwd", "sam", "--password-stdin", stdin="x" * 12
    )


def test_passwords_change_by_an_admin_or_by_their_owner(admin: Clinic) -> None:
    add_jo(admin)
    assert admin.ok("user", "passwd", "jo", "--password-stdin", stdin="set by the admin\n") == (
        "Changed the password of jo.\n"
    )
    admin.log_in("jo", "set by the admin")
    admin.ok("user", "passwd", "jo", "--password-stdin", stdin="jo's own choice now")
    assert "login failed" in admin.refused("audit", "verify")  # the old one is gone
    admin.log_in("jo", "jo's own choice now")
    assert "may not read the audit trail" in admin.refused("audit", "verify")  # logged in, as an assistant
    assert admin.refused("user", "passwd", "jo", "--password-stdin", stdin="short", status=2) == (
        "password: at least 10 characters, got 5\n"
    )
    assert admin.refused("user", "passwd", "jo", status=2) == (
        "password: give it on standard input with --password-stdin\n"
    )


def test_five_wrong_passwords_lock_the_account(admin: Clinic) -> None:
    add_jo(admin, role="therapist")
    admin.log_in("jo", "not jo's password")
    for _ in range(5):
        assert "login failed for jo" in admin.refused("visit", "export", "nope")
    admin.log_in("jo", JO_PASSWORD)
    assert "the account jo is locked after 5 failed logins in a row" in admin.refused(
        "visit", "export", "nope"
    )
    admin.log_in("sam", ADMIN_PASSWORD)
    [jo] = [a for a in json.loads(admin.ok("user", "list", "--json")) if a["username"] == "jo"]
    assert jo["locked_until"] is not None
    admin.ok("user", "passwd", "jo", "--password-stdin", stdin=JO_PASSWORD)  # lifts the lock
    admin.log_in("jo", JO_PASSWORD)
    assert admin.refused("visit", "export", "nope", status=1) == "clinic: there is no visit with id nope\n"


# ---- logins -------------------------------------------------------------------------------------

STORED_DATA_COMMANDS = [
    ["visit", "import", str(KNEE)],
    ["visit", "export", "0" * 32],
    ["demo"],
    ["audit", "--json"],
    ["audit", "verify"],
    ["user", "list"],
]


def test_with_no_account_yet_each_command_says_how_to_make_the_first(clinic: Clinic) -> None:
    for command in STORED_DATA_COMMANDS:
        said = clinic.refused(*command)
        assert said == (
            "clinic: this command needs a login, and the database has no account yet; create the first one, "
            'an admin, with: clinic user add USERNAME --name "NAME, CREDENTIALS" --role admin --password-stdin\n'
        ), command


def test_without_a_login_each_command_exits_3(admin: Clinic) -> None:
    admin.log_out()
    for command in STORED_DATA_COMMANDS:
        said = admin.refused(*command)
        assert said == (
            "clinic: this command needs a login: set CLINIC_APP_USER to your user name and "
            "CLINIC_APP_PASSWORD_FILE to a file holding your password on its first line\n"
        ), command


def test_commands_that_only_read_their_files_need_no_login(clinic: Clinic) -> None:
    profile = clinic.folder / "clinic.json"
    profile.write_text(json.dumps(CLINIC), encoding="utf-8")
    clinic.ok("triage", KNEE, "--json")
    clinic.ok("exercises")
    clinic.ok("handout", KNEE, "-o", "handout.pdf", "--clinic", profile)
    clinic.ok("summary", KNEE, "-o", "summary.pdf", "--clinic", profile)


def test_a_login_comes_from_the_environment(admin: Clinic) -> None:
    visit_id = admin.ok("visit", "import", KNEE).splitlines()[-1]
    exported = json.loads(admin.ok("visit", "export", visit_id))
    assert exported["visit"]["id"] == visit_id

    admin.env["CLINIC_APP_PASSWORD_FILE"] = str(admin.folder / "missing")
    assert admin.refused("visit", "export", visit_id) == (
        f"clinic: cannot read CLINIC_APP_PASSWORD_FILE ({admin.folder / 'missing'}): no such file\n"
    )
    admin.log_in("sam", "not the password")
    said = admin.refused("visit", "export", visit_id)
    assert said.startswith("clinic: login failed for sam: wrong user name or password")


def test_only_the_first_line_of_the_password_file_counts(admin: Clinic) -> None:
    path = admin.folder / "sam.password"
    path.write_text(ADMIN_PASSWORD + "\r\nsomething else\n", encoding="utf-8")
    admin.ok("audit", "verify")


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_a_password_file_others_can_read_is_used_with_a_warning(admin: Clinic) -> None:
    path = Path(admin.env["CLINIC_APP_PASSWORD_FILE"])
    path.chmod(0o644)
    done = admin("audit", "verify")
    assert done.returncode == 0
    assert (
        done.stderr
        == f"clinic: warning: {path} can be read by other users; make it yours alone (chmod 600 {path})\n"
    )


def test_an_assistant_may_not_import_nor_export(admin: Clinic) -> None:
    visit_id = admin.ok("visit", "import", KNEE).splitlines()[-1]
    add_jo(admin)
    admin.log_in("jo", JO_PASSWORD)
    assert (
        admin.refused("visit", "import", KNEE) == "clinic: jo (assistant) may not create or change visits\n"
    )
    assert admin.refused("visit", "export", visit_id) == "clinic: jo (assistant) may not export visits\n"
    assert admin.refused("demo") == "clinic: jo (assistant) may not create or change visits\n"


# ---- the audit trail ----------------------------------------------------------------------------


def test_the_trail_records_who_did_what_to_which_patient(admin: Clinic) -> None:
    add_jo(admin, role="therapist")
    admin.log_in("jo", JO_PASSWORD)
    visit_id = admin.ok("visit", "import", KNEE).splitlines()[-1]
    admin.ok("visit", "export", visit_id, "-o", "out.json")
    admin.log_in("jo", "a wrong password")
    admin.refused("visit", "export", visit_id)
    admin.log_in("sam", ADMIN_PASSWORD)

    entries = audit(admin)
    assert [(e["user"], e["action"], e["patient_mrn"], e["visit_id"]) for e in entries] == [
        ("sam", "user_add", None, None),
        ("sam", "login", None, None),
        ("sam", "user_add", None, None),
        ("jo", "login", None, None),
        ("jo", "visit_import", KNEE_MRN, visit_id),
        ("jo", "login", None, None),
        ("jo", "visit_export", KNEE_MRN, visit_id),
        ("jo", "login_failed", None, None),
        ("sam", "login", None, None),
    ]
    times = [dt.datetime.fromisoformat(str(e["at"])) for e in entries]
    assert times == sorted(times)
    assert all(time.utcoffset() == dt.timedelta(0) for time in times)
    assert {e["computer"] for e in entries} == {socket.gethostname()}
    assert [e["seq"] for e in entries] == list(range(1, 10))

    about_knee = audit(admin, "--patient", KNEE_MRN)
    assert [e["action"] for e in about_knee] == ["visit_import", "visit_export"]
    by_jo = audit(admin, "--user", "JO")
    assert [e["action"] for e in by_jo] == ["login", "visit_import", "login", "visit_export", "login_failed"]
    since = str(entries[6]["at"])
    assert [e["seq"] for e in audit(admin, "--since", since)][:3] == [7, 8, 9]
    assert audit(admin, "--since", "2999-01-01") == []
    failed = audit(admin, "--action", "LOGIN_FAILED")
    assert [(e["user"], e["action"]) for e in failed] == [("jo", "login_failed")]
    said = admin.refused("audit", "--action", "peeked", status=2)
    assert said.startswith("--action: expected one of ")
    assert "login_failed" in said
    said = admin.refused("audit", "--since", "yesterday", "--json", status=2)
    assert said.startswith("--since: expected a date like 2026-11-29")
    assert (
        admin.refused("audit", "--patient", "NO-SUCH", status=1)
        == "clinic: there is no patient with MRN NO-SUCH\n"
    )


def test_the_plain_listing_is_a_table(admin: Clinic) -> None:
    lines = admin.ok("audit").splitlines()
    assert lines[0].split() == ["SEQ", "AT", "(UTC)", "USER", "ACTION", "MRN", "VISIT", "COMPUTER", "DETAIL"]
    assert lines[1].split()[3:5] == ["sam", "user_add"]


def test_verify_counts_the_entries_of_an_intact_trail(admin: Clinic) -> None:
    admin.ok("visit", "import", KNEE)
    # user_add, login (import), visit_import, and this command's own login
    assert admin.ok("audit", "verify") == "Checked 4 audit entries: the chain is intact.\n"


@pytest.fixture
def trail(admin: Clinic) -> Clinic:
    """Five entries: user_add, then login and visit_import twice."""
    admin.ok("visit", "import", KNEE)
    admin.ok("visit", "import", EXAMPLES / "neck-headache-shoulder.visit.json")
    return admin


TAMPERING = {
    "changed": (
        ["UPDATE audit_log SET username = 'nobody' WHERE seq = 3"],
        "entry 3 was changed: its hash does not match it (2 entries before it are intact)",
    ),
    "removed": (
        ["DELETE FROM audit_log WHERE seq = 3"],
        "entry 3 is missing (2 entries before it are intact)",
    ),
    "reordered": (
        [
            "UPDATE audit_log SET seq = -1 WHERE seq = 3",
            "UPDATE audit_log SET seq = 3 WHERE seq = 4",
            "UPDATE audit_log SET seq = 4 WHERE seq = -1",
        ],
        "entry 3 does not follow entry 2: an entry was changed, removed or moved there "
        "(2 entries before it are intact)",
    ),
    "cut off at the end": (
        ["DELETE FROM audit_log WHERE seq >= 4"],
        "entry 4 is missing (3 entries before it are intact)",  # the login of `verify` added entry 6
    ),
}


def test_verify_names_the_first_entry_changed_removed_or_reordered(trail: Clinic, tmp_path: Path) -> None:
    """Each change made to a copy of the file behind the app's back, as someone who holds it could."""
    for case, (statements, problem) in TAMPERING.items():
        copy = Clinic(tmp_path / case.replace(" ", "-"))
        copy.folder.mkdir()
        copy.env.update(
            {k: v for k, v in trail.env.items() if k.startswith("CLINIC_APP_USER") or k.endswith("_FILE")}
        )
        shutil.copyfile(trail.database, copy.database)
        shutil.copyfile(slots_path(trail.database), slots_path(copy.database))
        with keyed_connection(copy.database, trail.key) as connection:  # someone holding the sheet
            for trigger in ("audit_log_no_update", "audit_log_no_delete", "audit_chain_head_moves_on"):
                connection.execute(f"DROP TRIGGER {trigger}")
            for statement in statements:
                connection.execute(statement)

        said = copy.refused("audit", "verify", status=4)

        assert said == f"clinic: the audit trail is broken: {problem}\n", case
        assert not any(name in said for name in [KNEE_MRN, *KNEE_NAMES])
    # The original was left alone: 5 entries and this command's login.
    assert trail.ok("audit", "verify") == "Checked 6 audit entries: the chain is intact.\n"


def test_the_database_refuses_to_change_the_trail(admin: Clinic) -> None:
    admin.ok("visit", "import", KNEE)
    with keyed_connection(admin.database, admin.key) as connection:
        with pytest.raises(sqlcipher().IntegrityError, match="audit entries are never changed"):
            connection.execute("UPDATE audit_log SET username = 'nobody' WHERE seq = 3")
        with pytest.raises(sqlcipher().IntegrityError, match="audit entries are never removed"):
            connection.execute("DELETE FROM audit_log")
    admin.ok("audit", "verify")
