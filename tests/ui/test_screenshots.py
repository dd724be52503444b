"""The README's screenshots can be taken: tools/screenshots.py, run under a real X server (xvfb-run)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image, ImageStat

ROOT = Path(__file__).resolve().parents[2]
LAYOUT_SIZES = [(1024, 700), (1280, 800), (1920, 1080)]
TOOL = ROOT / "tools" / "screenshots.py"
WINDOW_SHOTS = [
    "first-run.png",
    "login.png",
    "main-window.png",
    "visit-complaints.png",
    "visit-screening.png",
    "visit-plan.png",
    "visit-print.png",
]
DIALOG_SHOTS = ["settings.png"]


def looks_blank(path: Path) -> str | None:
    """Why the picture looks empty (one flat colour, or hardly any), or None when it shows something."""
    with Image.open(path) as image:
        rgb = image.convert("RGB")
        colours = rgb.getcolors(maxcolors=1_000_000) or []
        spread = max(ImageStat.Stat(rgb.convert("L")).stddev)
    if len(colours) < 32:
        return f"only {len(colours)} colours"
    if spread < 10:
        return f"almost flat (standard deviation {spread:.1f})"
    return None


@pytest.mark.screenshot
def test_the_screenshot_command_saves_every_main_screen(tmp_path: Path) -> None:
    run = subprocess.run(
        [sys.executable, str(TOOL), "--output", str(tmp_path)],
        cwd=ROOT,
        env=os.environ.copy(),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

    assert run.returncode == 0, run.stderr
    assert "Qt warning:" not in run.stderr, run.stderr
    for name in WINDOW_SHOTS + DIALOG_SHOTS:
        path = tmp_path / name
        assert path.is_file(), f"{name} was not saved:\n{run.stdout}\n{run.stderr}"
        assert looks_blank(path) is None, f"{name} looks blank: {looks_blank(path)}"
    for name in WINDOW_SHOTS:
        with Image.open(tmp_path / name) as image:
            width, height = image.size
        assert width * 900 == height * 1400, f"{name} is {width}x{height}, not the fixed 1400x900"
    assert sorted(p.name for p in tmp_path.glob("*.png")) == sorted(WINDOW_SHOTS + DIALOG_SHOTS)


@pytest.mark.screenshot
def test_the_visit_is_drawn_whole_at_every_size_in_both_themes(tmp_path: Path) -> None:
    """tools/screenshots.py --layouts: 1024x700, 1280x800 and 1920x1080, light and dark (look at them)."""
    run = subprocess.run(
        [sys.executable, str(TOOL), "--layouts", "--output", str(tmp_path)],
        cwd=ROOT,
        env=os.environ.copy(),
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    assert "Qt warning:" not in run.stderr, run.stderr
    for theme, width, height in [(t, w, h) for t in ("light", "dark") for w, h in LAYOUT_SIZES]:
        for section in ("complaints", "screening"):
            path = tmp_path / f"layout-{width}x{height}-{theme}-{section}.png"
            assert path.is_file(), f"{path.name} was not saved:\n{run.stdout}"
            assert looks_blank(path) is None, f"{path.name} looks blank: {looks_blank(path)}"
            with Image.open(path) as image:
                assert image.size == (width, height), path.name
                # The window's own background, in the status bar at the bottom: the theme's colour.
                background = image.convert("L").getpixel((width // 2, height - 2))
            assert (float(background) < 100) == (theme == "dark"), (path.name, background)  # type: ignore[arg-type]


@pytest.mark.screenshot
def test_an_episodes_progress_and_a_follow_up_are_drawn_in_both_themes(tmp_path: Path) -> None:
    """tools/screenshots.py --progress: the demo patient's progress page (charts), a follow-up beside
    last time, its outcome measures and the patient's large-type mode, light and dark (look at them)."""
    run = subprocess.run(
        [sys.executable, str(TOOL), "--progress", "--output", str(tmp_path)],
        cwd=ROOT,
        env=os.environ.copy(),
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    assert "Qt warning:" not in run.stderr, run.stderr
    for theme in ("light", "dark"):
        for name in ("progress", "follow-up-screening", "outcome-measures", "patient-mode"):
            path = tmp_path / f"{name}-{theme}.png"
            assert path.is_file(), f"{path.name} was not saved:\n{run.stdout}"
            assert looks_blank(path) is None, f"{path.name} looks blank: {looks_blank(path)}"
