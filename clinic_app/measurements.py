"""Every value a screen records, one by one, with its label and unit: what a follow-up visit shows
beside the last visit's, and what the progress report charts over an episode.

A screen's fields become one `ScreenField` each (the bilateral screens once per leg):
measurements (numbers, with a unit and a better direction) and observations (yes/no, or a result
such as "left higher"). `value_in(visit)` reads it from a visit; None when it was not recorded.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Literal

from clinic_app.catalogue import load_catalogue
from clinic_app.domain import BilateralScreen, ScreenId, Side, Visit

Better = Literal["higher", "lower"]
Value = float | bool | str


@dataclass(frozen=True, slots=True)
class ScreenField:
    """One recorded value of a screen: `ankle_mobility.left.toe_to_wall_cm`, "Toe-to-wall distance"."""

    screen: ScreenId
    side: Side | None  # the leg of a bilateral screen; None for the screens done once
    field: str
    label: str  # "Toe-to-wall distance"
    unit: str  # "cm", "°", "/3"; "" for observations
    better: Better | None  # for measurements: which way is better; None for observations

    @property
    def key(self) -> str:
        leg = f".{self.side.value}" if self.side is not None else ""
        return f"{self.screen.value}{leg}.{self.field}"

    @property
    def is_measurement(self) -> bool:
        return self.better is not None

    @property
    def title(self) -> str:
        """The label with its screen and leg: "Ankle mobility, left: toe-to-wall distance"."""
        screen = load_catalogue().screens[self.screen].name.en
        leg = f", {self.side.value}" if self.side is not None else ""
        return f"{screen}{leg}: {self.label[0].lower()}{self.label[1:]}"

    def value_in(self, visit: Visit) -> Value | None:
        screen = getattr(visit.screenings, self.screen.value)
        if screen is None:
            return None
        if isinstance(screen, BilateralScreen):
            screen = screen.side(self.side or Side.CENTRAL)
            if screen is None:
                return None
        value: Value | None = getattr(screen, self.field)
        return str(value) if isinstance(value, StrEnum) else value  # an enum result as its text

    def shown(self, value: Value | None) -> str:
        """A value as the therapist reads it: "8.5 cm", "yes", "left higher", "—" when not recorded."""
        if value is None:
            return "—"
        if isinstance(value, bool):
            return "yes" if value else "no"
        if isinstance(value, float | int):
            unit = self.unit if self.unit in ("°", "/3") else f" {self.unit}"
            return f"{value:g}{unit}"
        return value.replace("_", " ")


def _fields() -> tuple[ScreenField, ...]:
    level = (("result", "Result", "", None), ("difference_cm", "Height difference", "cm", "lower"))
    head = (
        ("result", "Result", "", None),
        ("craniovertebral_angle_deg", "Craniovertebral angle", "°", "higher"),
    )
    hip = (
        ("knee_bent_when_raised", "Raised knee bent", "", None),
        ("foot_turned_out_when_resting", "Resting foot turned out", "", None),
        ("resting_leg_lifted", "Resting leg lifted", "", None),
        ("raised_angle_deg", "Straight-leg raise angle", "°", "higher"),
        ("fms_score", "FMS active straight-leg raise", "/3", "higher"),
    )
    ankle = (
        ("knee_touches_wall", "Knee touches the wall", "", None),
        ("heel_lifted", "Heel lifted", "", None),
        ("toe_to_wall_cm", "Toe-to-wall distance", "cm", "higher"),
    )
    found: list[ScreenField] = []
    for screen, fields, legs in (
        (ScreenId.SHOULDER_HEIGHT, level, (None,)),
        (ScreenId.HEAD_POSTURE, head, (None,)),
        (ScreenId.HIP_MOBILITY, hip, (Side.LEFT, Side.RIGHT)),
        (ScreenId.ANKLE_MOBILITY, ankle, (Side.LEFT, Side.RIGHT)),
        (ScreenId.PELVIC_HEIGHT, level, (None,)),
    ):
        for leg in legs:
            found += [
                ScreenField(screen, leg, name, label, unit, better)  # type: ignore[arg-type]
                for name, label, unit, better in fields
            ]
    return tuple(found)


SCREEN_FIELDS: tuple[ScreenField, ...] = _fields()
MEASUREMENTS: tuple[ScreenField, ...] = tuple(f for f in SCREEN_FIELDS if f.is_measurement)
