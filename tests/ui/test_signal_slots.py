"""No button or action hands its `checked` flag to a slot that takes it for something else.

`clicked`, `triggered` and `toggled` pass a bool; PySide6 gives it to a slot that can take an
argument. A slot like `save_pdf(self, path=None)` then gets path=False and silently does nothing
(the Print tab's "Save as PDF…" did exactly that). The buttons' own tests catch it for the buttons
they press; this reads the whole desktop layer for the pattern, so a new button cannot bring it back.
"""

from __future__ import annotations

import ast
from pathlib import Path

import ui

BOOL_SIGNALS = frozenset({"clicked", "triggered", "toggled"})
UI_FOLDER = Path(ui.__file__).resolve().parent


def _methods_taking_an_optional_argument(tree: ast.Module) -> dict[str, set[str]]:
    """Class name -> names of its methods whose first argument after self has a default."""
    found: dict[str, set[str]] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ClassDef):
            found[node.name] = {
                method.name
                for method in node.body
                if isinstance(method, ast.FunctionDef) and _first_argument_is_optional(method.args)
            }
    return found


def _first_argument_is_optional(arguments: ast.arguments) -> bool:
    positional = [*arguments.posonlyargs, *arguments.args][1:]  # after self
    first_default = len([*arguments.posonlyargs, *arguments.args]) - len(arguments.defaults)
    return bool(positional) and first_default <= 1


def _mistakes(path: Path, root: Path = UI_FOLDER.parent) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    optional = _methods_taking_an_optional_argument(tree)
    mistakes = []
    for cls in (node for node in ast.walk(tree) if isinstance(node, ast.ClassDef)):
        for call in (node for node in ast.walk(cls) if isinstance(node, ast.Call)):
            function = call.func
            if not (
                isinstance(function, ast.Attribute)
                and function.attr == "connect"
                and isinstance(function.value, ast.Attribute)
                and function.value.attr in BOOL_SIGNALS
                and call.args
            ):
                continue
            slot = call.args[0]
            if (
                isinstance(slot, ast.Attribute)
                and isinstance(slot.value, ast.Name)
                and slot.value.id == "self"
                and slot.attr in optional[cls.name]
            ):
                mistakes.append(f"{path.relative_to(root).as_posix()}:{call.lineno} {ast.unparse(call)}")
    return mistakes


def test_no_bool_signal_feeds_an_optional_argument() -> None:
    mistakes = [mistake for path in sorted(UI_FOLDER.rglob("*.py")) for mistake in _mistakes(path)]

    assert mistakes == [], "connect through a lambda, or give the slot no optional argument"


def test_the_check_finds_the_mistake_it_is_for(tmp_path: Path) -> None:
    source = tmp_path / "ui" / "panel.py"
    source.parent.mkdir()
    source.write_text(
        "class Panel:\n"
        "    def build(self):\n"
        "        self.button.clicked.connect(self.save)\n"
        "        self.other.clicked.connect(self.fine)\n"
        "        self.box.toggled.connect(self.takes_the_flag)\n"
        "    def save(self, path=None): ...\n"
        "    def fine(self): ...\n"
        "    def takes_the_flag(self, checked): ...\n",
        encoding="utf-8",
    )

    assert _mistakes(source, tmp_path) == ["ui/panel.py:3 self.button.clicked.connect(self.save)"]
