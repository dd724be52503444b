#!/usr/bin/env python3
"""Install, run, test and benchmark Clinic App: the one entry point for people and for CI.

    python3 dev.py app [ARGS ...]        set up .venv if needed, then open the desktop app
    python3 dev.py test [PYTEST ARGS]    set up .venv if needed, then run every quality gate
    python3 dev.py bench [NAME ...]      run the benchmarks (benchmarks/bench_*.py)
    python3 dev.py bundle                build the stand-alone app (PyInstaller) into dist/, and an archive
    python3 dev.py lock [--upgrade]      re-pin requirements/lock.txt (every platform, with hashes)
    python3 dev.py translations          refresh resources/translations/*.ts from the strings in ui/

(On Windows, `py dev.py ...`.) Needs only Python 3.11 or newer: the standard library, no packages.
The environment lives in .venv next to this file: the pinned versions in requirements/lock.txt,
hash-checked, then Clinic App itself (editable). It is reinstalled only when pyproject.toml,
requirements/lock.txt or its Python version change, so a second start is quick.
"""

# Keep this file parseable by old Pythons (no match, no walrus) so that they can print the message below.
from __future__ import annotations

import hashlib
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

MIN_PYTHON = (3, 11)
if sys.version_info < MIN_PYTHON:
    sys.exit(
        f"Clinic App needs Python {MIN_PYTHON[0]}.{MIN_PYTHON[1]} or newer, but this is Python "
        f"{sys.version_info[0]}.{sys.version_info[1]} ({sys.executable}).\n"
        "Install a newer Python (https://www.python.org/downloads/) and run this command with it, "
        "for example: python3.11 dev.py ..."
    )

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
WINDOWS = os.name == "nt"
BIN = VENV / ("Scripts" if WINDOWS else "bin")
VENV_PYTHON = BIN / ("python.exe" if WINDOWS else "python")
STAMP = VENV / ".dev-stamp"
LOCK = ROOT / "requirements" / "lock.txt"
# What the lock covers besides the app's own dependencies: everything dev.py's commands use.
LOCKED_EXTRAS = ("test", "postgres", "bundle")
# The lock is resolved for every platform from PyPI by this uv (installed into a throwaway venv).
UV_VERSION = "0.13.8"
LOCK_INDEX = "https://pypi.org/simple"
LOCK_PYTHON = "{}.{}".format(*MIN_PYTHON)
LOCK_INPUTS_MARK = "# inputs sha256:"
TESTS = ROOT / "tests"
UI_TESTS = TESTS / "ui"
# Bump when the way the environment is installed changes, so existing stamps stop matching.
STAMP_FORMAT = "2"

PIP_ENV = {"PIP_DISABLE_PIP_VERSION_CHECK": "1", "PIP_NO_INPUT": "1"}
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


class DevError(Exception):
    """A failure with a message for the person at the keyboard."""


def say(message: str) -> None:
    print(f"dev.py: {message}", flush=True)


def script(name: str) -> Path:
    return BIN / (f"{name}.exe" if WINDOWS else name)


def run(command: Sequence[str | Path], env: Mapping[str, str] | None = None) -> int:
    """Run a command in the repository root with our environment added; return its exit status."""
    full_env = {**os.environ, **PIP_ENV, **(env or {})}
    try:
        return subprocess.run([str(part) for part in command], cwd=ROOT, env=full_env, check=False).returncode
    except FileNotFoundError as error:
        raise DevError(f"cannot run {command[0]}: {error.strerror}") from None


# --- the environment ------------------------------------------------------------------------


def _venv_config() -> dict[str, str]:
    config: dict[str, str] = {}
    cfg = VENV / "pyvenv.cfg"
    if cfg.is_file():
        for line in cfg.read_text(encoding="utf-8", errors="replace").splitlines():
            key, sep, value = line.partition("=")
            if sep:
                config[key.strip()] = value.strip()
    return config


def _venv_python_version() -> tuple[int, ...] | None:
    raw = _venv_config().get("version") or _venv_config().get("version_info") or ""
    numbers = re.findall(r"\d+", raw)[:3]
    return tuple(int(n) for n in numbers) if numbers else None


def _venv_usable() -> str | None:
    """None if .venv can be used as it is, else why it must be made again."""
    if not VENV_PYTHON.exists():
        return None if not VENV.exists() else ".venv has no Python in it"
    home = _venv_config().get("home")
    if home and not Path(home).is_dir():
        return f"the Python that made .venv is gone ({home})"
    version = _venv_python_version()
    if version is not None and version[:2] < MIN_PYTHON:
        return "it was made with Python {}.{}".format(*version[:2])
    return None


def _stamp() -> str:
    digest = hashlib.sha256()
    digest.update(f"format {STAMP_FORMAT}\n".encode())
    for path in (ROOT / "pyproject.toml", LOCK):
        digest.update(path.name.encode() + b"\n")
        digest.update(path.read_bytes() if path.is_file() else b"<missing>")
    digest.update(f"python {_venv_python_version()} {sys.platform}\n".encode())
    return digest.hexdigest()


def _create_venv(where: Path) -> None:
    say(f"creating {where.name} with Python {platform.python_version()} ({sys.executable})")
    if run([sys.executable, "-m", "venv", where]) != 0:
        hint = (
            " On Debian or Ubuntu: sudo apt install python3-venv." if sys.platform.startswith("linux") else ""
        )
        raise DevError(f"could not create {where}.{hint}")


def ensure_environment() -> None:
    reason = _venv_usable()
    if reason:
        say(f"removing .venv: {reason}")
        shutil.rmtree(VENV)
    if not VENV_PYTHON.exists():
        _create_venv(VENV)
    stamp = _stamp()
    if STAMP.is_file() and STAMP.read_text(encoding="utf-8").strip() == stamp:
        say(".venv is up to date")
        return
    STAMP.unlink(missing_ok=True)  # a half-finished install must never look finished
    stale = lock_out_of_date()
    if stale:
        raise DevError(stale)
    pip: list[str | Path] = [VENV_PYTHON, "-m", "pip", "install", "--quiet"]
    say(
        "installing the pinned versions in requirements/lock.txt (hash-checked) into .venv; the first time takes a few minutes"
    )
    if run([*pip, "--require-hashes", "-r", LOCK.relative_to(ROOT).as_posix()]) != 0:
        raise DevError("pip install failed (see above); fix the cause and run the same command again")
    # The project itself: its dependencies are all in place, and so are setuptools and wheel (locked
    # too), so nothing unhashed is downloaded to build it.
    say("installing Clinic App itself (editable)")
    if run([*pip, "--no-deps", "--no-build-isolation", "-e", "."]) != 0:
        raise DevError("pip install of the project failed (see above)")
    if run([VENV_PYTHON, "-m", "pip", "check"]) != 0:
        raise DevError("the installed packages do not fit together (see above); run `python3 dev.py lock`")
    STAMP.write_text(stamp + "\n", encoding="utf-8")
    say("installed")


# --- test: every quality gate ---------------------------------------------------------------


@dataclass
class Gate:
    name: str
    command: list[str | Path]
    env: dict[str, str]
    counts_file: Path | None = None
    cannot_run: str = ""  # set: the gate fails at once with this message


@dataclass
class Outcome:
    name: str
    result: str  # "passed", "FAILED" or "skipped"
    seconds: float
    note: str = ""


def _is_test_file(path: Path) -> bool:
    return path.suffix == ".py" and (path.name.startswith("test_") or path.name.endswith("_test.py"))


def _has_tests(folder: Path) -> bool:
    return folder.is_dir() and any(_is_test_file(p) for p in folder.rglob("*.py"))


def _core_test_paths() -> list[str]:
    """Everything under tests/ except the desktop layer's tests."""
    paths = []
    for entry in sorted(TESTS.iterdir()):
        if entry == UI_TESTS or entry.name.startswith((".", "_")):
            continue
        if (entry.is_dir() and _has_tests(entry)) or _is_test_file(entry):
            paths.append(entry.relative_to(ROOT).as_posix())
    return paths


def _split_pytest_args(args: Sequence[str]) -> tuple[list[str], list[str], list[str]]:
    """Sort the user's pytest arguments into core paths, ui paths and options for both."""
    core, ui, options = [], [], []
    for arg in args:
        target = (ROOT / arg.split("::")[0]).resolve()
        if arg.startswith("-") or not target.exists():
            options.append(arg)
        elif target == UI_TESTS or UI_TESTS in target.parents:
            ui.append(arg)
        else:
            core.append(arg)
    return core, ui, options


def _has_screenshot_tests() -> bool:
    return UI_TESTS.is_dir() and any(
        "mark.screenshot" in p.read_text(encoding="utf-8", errors="replace") for p in UI_TESTS.rglob("*.py")
    )


def _pytest(paths: Sequence[str], options: Sequence[str], *extra: str) -> list[str | Path]:
    return [VENV_PYTHON, "-m", "pytest", *extra, *paths, *options]


def _in_parallel(options: Sequence[str]) -> list[str]:
    """pytest-xdist options for the core tests: one worker per core, a test file's tests together.

    Most of the core's time is spent in child processes (the real `clinic` command, the durability
    harness), so a worker per core nearly divides it. A file stays on one worker because its tests
    share a database per module. The caller's own -n (or -p no:xdist) wins.
    """
    if any(o == "no:xdist" or o.startswith(("-n", "--numprocesses")) for o in options):
        return []
    return ["-n", "auto", "--dist", "loadfile"]


def plan_gates(pytest_args: Sequence[str], counts_dir: Path) -> tuple[list[Gate], list[Outcome]]:
    gates = [
        Gate("ruff check", [script("ruff"), "check", "."], {}),
        Gate("ruff format", [script("ruff"), "format", "--check", "."], {}),
        Gate("mypy", [VENV_PYTHON, "-m", "mypy"], {}),
        Gate("import contracts", [script("lint-imports")], {}),
    ]
    skipped: list[Outcome] = []
    core_paths, ui_paths, options = _split_pytest_args(pytest_args)
    chose_paths = bool(core_paths or ui_paths)
    if not chose_paths:
        core_paths = _core_test_paths()
        ui_paths = [UI_TESTS.relative_to(ROOT).as_posix()] if _has_tests(UI_TESTS) else []

    if not core_paths and not chose_paths:
        gates.append(Gate("pytest core, Qt blocked", [], {}, cannot_run="no tests outside tests/ui"))
    elif core_paths:
        gates.append(
            Gate(
                "pytest core, Qt blocked",
                _pytest(core_paths, options, "-p", "tests.block_qt", *_in_parallel(options)),
                {"CLINIC_BLOCK_QT": "1"},
                counts_dir / "core.json",
            )
        )
    else:
        skipped.append(Outcome("pytest core, Qt blocked", "skipped", 0.0, "no core test paths given"))

    if ui_paths:
        gates.append(
            Gate("pytest ui", _pytest(ui_paths, options, "-m", "not screenshot"), {}, counts_dir / "ui.json")
        )
        if _has_screenshot_tests():
            xvfb = shutil.which("xvfb-run")
            command = _pytest(ui_paths, options, "-m", "screenshot")
            if sys.platform.startswith("linux") and xvfb:
                gates.append(
                    Gate(
                        "pytest ui screenshots",
                        [xvfb, "-a", *command],
                        {"QT_QPA_PLATFORM": "xcb"},
                        counts_dir / "screenshots.json",
                    )
                )
            elif IN_CI:
                missing = "xvfb-run is required under CI=true (apt install xvfb xauth)"
                gates.append(Gate("pytest ui screenshots", [], {}, cannot_run=missing))
            else:
                why = (
                    "xvfb-run not found (apt install xvfb xauth)" if sys.platform.startswith("linux") else ""
                )
                skipped.append(
                    Outcome(
                        "pytest ui screenshots", "skipped", 0.0, why or "screenshots run on Linux under Xvfb"
                    )
                )
    elif not chose_paths:
        skipped.append(Outcome("pytest ui", "skipped", 0.0, "tests/ui has no tests yet"))
    return gates, skipped


def run_gate(gate: Gate) -> Outcome:
    print(f"\n=== {gate.name} ===", flush=True)
    started = time.monotonic()
    if gate.cannot_run:
        print(gate.cannot_run, flush=True)
        return Outcome(gate.name, "FAILED", 0.0, gate.cannot_run)
    env = dict(gate.env)
    if gate.counts_file:
        env["CLINIC_TEST_COUNTS_FILE"] = str(gate.counts_file)
    status = run(gate.command, env)
    seconds = time.monotonic() - started
    note = ""
    if status == 5:
        note = "no tests collected (exit 5)"
    elif status != 0:
        note = f"exit status {status}"
    return Outcome(gate.name, "passed" if status == 0 else "FAILED", seconds, note)


def _add_counts(total: dict[str, dict[str, int]], path: Path | None) -> None:
    if path is None or not path.is_file():
        return
    counts = json.loads(path.read_text(encoding="utf-8"))
    for group in ("all", "postgres"):
        for key, value in counts.get(group, {}).items():
            total[group][key] = total[group].get(key, 0) + int(value)


def print_summary(outcomes: Sequence[Outcome], counts: Mapping[str, Mapping[str, int]]) -> None:
    width = max(len(o.name) for o in outcomes)
    print("\n=== summary ===")
    for o in outcomes:
        seconds = f"{o.seconds:6.1f} s" if o.result != "skipped" else "       -"
        note = f"  ({o.note})" if o.note else ""
        print(f"  {o.name:<{width}}  {o.result:<7}  {seconds}{note}")
    pg = counts["postgres"]
    print(
        f"PostgreSQL tests: {pg.get('passed', 0)} passed, {pg.get('skipped', 0)} skipped, {pg.get('failed', 0)} failed"
    )
    tests = counts["all"]
    results = [o.result for o in outcomes]
    print(
        f"gates: {results.count('passed')} passed, {results.count('FAILED')} failed, "
        f"{results.count('skipped')} skipped"
    )
    print(
        f"pytest: {tests.get('passed', 0)} passed, {tests.get('failed', 0)} failed, {tests.get('skipped', 0)} skipped"
    )


def command_test(pytest_args: Sequence[str]) -> int:
    ensure_environment()
    with tempfile.TemporaryDirectory(prefix="clinic-app-dev-") as tmp:
        gates, skipped = plan_gates(pytest_args, Path(tmp))
        outcomes: list[Outcome] = []
        counts: dict[str, dict[str, int]] = {"all": {}, "postgres": {}}
        for gate in gates:
            outcomes.append(run_gate(gate))
            _add_counts(counts, gate.counts_file)
    outcomes += skipped
    print_summary(outcomes, counts)
    return 1 if any(o.result == "FAILED" for o in outcomes) else 0


# --- the screens' translations ----------------------------------------------------------------

TRANSLATIONS = ROOT / "resources" / "translations"
SOURCE_LANGUAGE = "en"  # the language of the strings in ui/


def translation_sources() -> list[Path]:
    """The Qt Linguist sources, one per language the screens speak besides English (clinic_app_es.ts)."""
    return sorted(TRANSLATIONS.glob("clinic_app_*.ts"))


def compile_translations() -> None:
    """Compile each .ts into the .qm the app loads (ui/language.py). The .qm files are committed, so
    that every way of installing (the wheel, pipx, the bundle) has them without a build step; a test
    (tests/ui/test_translations_compiled.py) fails when one is not what its .ts compiles to."""
    for source in translation_sources():
        compiled = source.with_suffix(".qm")
        say(f"compiling {source.name}")
        if run([script("pyside6-lrelease"), "-silent", source, "-qm", compiled]) != 0:
            raise DevError(f"pyside6-lrelease could not compile {source.relative_to(ROOT).as_posix()}")


def _unfinished(source: Path) -> int:
    return source.read_text(encoding="utf-8").count('type="unfinished"')


def command_translations(args: Sequence[str]) -> int:
    """Add the strings new in ui/ to each .ts (as unfinished) and drop those gone from the code."""
    if args:
        raise DevError("translations takes no arguments")
    ensure_environment()
    code = sorted(path.relative_to(ROOT).as_posix() for path in (ROOT / "ui").rglob("*.py"))
    for source in translation_sources():
        # No line numbers in the .ts: they would change with every edit of ui/ and make merges conflict.
        lupdate: list[str | Path] = [
            script("pyside6-lupdate"),
            "-silent",
            "-no-obsolete",
            "-locations",
            "none",
            *code,
        ]
        if source.stem.endswith(f"_{SOURCE_LANGUAGE}"):  # English is the code's own: only its plural forms
            lupdate.append("-pluralonly")
        if run([*lupdate, "-ts", source.relative_to(ROOT).as_posix()]) != 0:
            raise DevError(f"pyside6-lupdate could not update {source.name}")
        left = _unfinished(source)
        say(
            f"{source.relative_to(ROOT).as_posix()}: {left} string(s) to translate"
            + (
                " (open it in pyside6-linguist, or edit the <translation> elements marked unfinished)"
                if left
                else ""
            )
        )
    compile_translations()
    return 0


# --- app, bench, lock -----------------------------------------------------------------------


def command_app(args: Sequence[str]) -> int:
    ensure_environment()
    say("starting clinic-app")
    return run([script("clinic-app"), *args])


def command_bench(names: Sequence[str]) -> int:
    ensure_environment()
    return run([VENV_PYTHON, "-m", "benchmarks.run", *names])


BUNDLE_SPEC = ROOT / "packaging" / "clinic-app.spec"
DIST = ROOT / "dist"


def command_bundle(args: Sequence[str]) -> int:
    """The stand-alone app for this system: dist/clinic-app/ and an archive of it beside it."""
    if args:
        raise DevError("bundle takes no arguments")
    ensure_environment()
    started = time.monotonic()
    say("building the stand-alone app with PyInstaller (packaging/clinic-app.spec)")
    build: list[str | Path] = [VENV_PYTHON, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN"]
    if run([*build, "--distpath", DIST, "--workpath", ROOT / "build" / "pyinstaller", BUNDLE_SPEC]) != 0:
        raise DevError("PyInstaller failed (see above)")
    built = time.monotonic() - started
    # On macOS the spec also wraps the folder as an application bundle: that is what users get.
    folder = DIST / ("Clinic App.app" if sys.platform == "darwin" else "clinic-app")
    archive = _archive(folder)
    files = [path for path in folder.rglob("*") if path.is_file() and not path.is_symlink()]
    size = sum(path.stat().st_size for path in files)
    say(
        f"built {folder.relative_to(ROOT).as_posix()}/ ({size / 2**20:.0f} MiB in {len(files)} files) in "
        f"{built:.0f} s, and {archive.relative_to(ROOT).as_posix()} ({archive.stat().st_size / 2**20:.0f} MiB) "
        f"in {time.monotonic() - started - built:.0f} s"
    )
    return 0


def _archive(folder: Path) -> Path:
    """A zip on Windows, else a .tar.gz (which keeps symbolic links and the programs' modes)."""
    system = {"win32": "windows", "darwin": "macos"}.get(sys.platform, sys.platform)
    stem = f"clinic-app-{_pyproject()['project']['version']}-{system}-{platform.machine().lower()}"
    if WINDOWS:
        return Path(shutil.make_archive(str(DIST / stem), "zip", root_dir=DIST, base_dir=folder.name))
    import tarfile

    archive = DIST / f"{stem}.tar.gz"
    with tarfile.open(archive, "w:gz", compresslevel=6) as tar:  # gzip's own default, quicker than 9
        tar.add(folder, arcname=folder.name)
    return archive


def _pyproject() -> dict[str, Any]:
    import tomllib  # here, not at the top: Pythons before 3.11 must reach the version message

    with (ROOT / "pyproject.toml").open("rb") as file:
        return tomllib.load(file)


def _build_requirements() -> list[str]:
    """What builds the project (setuptools, wheel): locked too, so the editable install needs no download."""
    requires: list[str] = _pyproject()["build-system"]["requires"]
    return requires


def lock_inputs_digest() -> str:
    """A digest of everything the lock is resolved from, to notice a pyproject.toml change it lacks."""
    pyproject = _pyproject()
    project = pyproject["project"]
    optional = project.get("optional-dependencies", {})
    inputs = {
        "requires-python": project.get("requires-python"),
        "dependencies": project.get("dependencies", []),
        "extras": {name: optional.get(name, []) for name in LOCKED_EXTRAS},
        "build": _build_requirements(),
    }
    return hashlib.sha256(json.dumps(inputs, sort_keys=True).encode()).hexdigest()


def lock_out_of_date() -> str | None:
    """None when requirements/lock.txt was made from the current pyproject.toml, else what to do."""
    if not LOCK.is_file():
        return "requirements/lock.txt is missing; make it with `python3 dev.py lock`"
    for line in LOCK.read_text(encoding="utf-8").splitlines():
        if line.startswith(LOCK_INPUTS_MARK):
            if line[len(LOCK_INPUTS_MARK) :].strip() == lock_inputs_digest():
                return None
            break
    return (
        "requirements/lock.txt does not match the dependencies in pyproject.toml; "
        "run `python3 dev.py lock` and commit the new lock"
    )


def command_lock(args: Sequence[str]) -> int:
    if args not in ([], ["--upgrade"]):
        raise DevError(
            "lock takes one option, --upgrade (newest versions of everything, not just what changed)"
        )
    upgrade = bool(args)
    with tempfile.TemporaryDirectory(prefix="clinic-app-lock-") as tmp:
        venv = Path(tmp) / "venv"
        _create_venv(venv)
        bin_dir = venv / ("Scripts" if WINDOWS else "bin")
        say(f"installing uv {UV_VERSION} into it")
        if run([bin_dir / "python", "-m", "pip", "install", "--quiet", f"uv=={UV_VERSION}"]) != 0:
            raise DevError("pip install uv failed (see above)")
        output = Path(tmp) / "lock.txt"
        if LOCK.is_file() and not upgrade:
            shutil.copyfile(LOCK, output)  # uv keeps these pins where pyproject.toml still allows them
        command: list[str | Path] = [
            bin_dir / ("uv.exe" if WINDOWS else "uv"),
            "pip",
            "compile",
            "--quiet",
            "--universal",
            "--generate-hashes",
            "--python-version",
            LOCK_PYTHON,
            "--default-index",
            LOCK_INDEX,
            "--no-header",
            "pyproject.toml",
            "-",  # the build requirements, from standard input
            *(part for extra in LOCKED_EXTRAS for part in ("--extra", extra)),
            "-o",
            output,
        ]
        if upgrade:
            command.append("--upgrade")
        say("resolving for Linux, Windows and macOS" + (" (newest versions)" if upgrade else ""))
        resolved = subprocess.run(
            [str(part) for part in command],
            cwd=ROOT,
            env={**os.environ, **PIP_ENV},
            input="\n".join(_build_requirements()) + "\n",
            text=True,
            check=False,
        )
        if resolved.returncode != 0:
            raise DevError("uv could not resolve the dependencies (see above)")
        body = output.read_text(encoding="utf-8")
    header = [
        "# Every package Clinic App, its extras ("
        + ", ".join(LOCKED_EXTRAS)
        + ") and its build need, pinned for",
        f"# Linux, Windows and macOS (Python {LOCK_PYTHON}+) with the hashes of PyPI's files. dev.py installs it with",
        "# `pip install --require-hashes -r requirements/lock.txt`, then the project with `--no-deps`.",
        f"# Made by `python3 dev.py lock` (uv {UV_VERSION} pip compile --universal --generate-hashes) on "
        f"{time.strftime('%Y-%m-%d')}; do not edit.",
        "# Change pyproject.toml, then run `python3 dev.py lock` (`--upgrade` to take the newest versions).",
        f"{LOCK_INPUTS_MARK} {lock_inputs_digest()}",
    ]
    LOCK.parent.mkdir(exist_ok=True)
    LOCK.write_text("\n".join(header) + "\n" + body, encoding="utf-8", newline="\n")
    count = sum(1 for line in body.splitlines() if line[:1].isalnum())
    say(f"wrote {LOCK.relative_to(ROOT).as_posix()} ({count} packages)")
    return 0


COMMANDS = {
    "app": command_app,
    "test": command_test,
    "bench": command_bench,
    "bundle": command_bundle,
    "lock": command_lock,
    "translations": command_translations,
}


def main(argv: Sequence[str]) -> int:
    if not argv or argv[0] in {"-h", "--help", "help"}:
        print(__doc__.strip())
        return 0 if argv else 2
    if argv[0] not in COMMANDS:
        say(f"unknown command {argv[0]!r}; the commands are: {', '.join(COMMANDS)} (python3 dev.py --help)")
        return 2
    try:
        return COMMANDS[argv[0]](argv[1:])
    except DevError as error:
        say(f"error: {error}")
        return 1
    except KeyboardInterrupt:
        say("interrupted")
        return 130


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
