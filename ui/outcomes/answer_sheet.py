"""One outcome measure's answer sheet as the therapist types it from paper: one row per item, each
answer a whole number in the measure's range or left blank (unanswered); PSFS rows also name the
patient's activity. Plain widgets; the measure's rules (clinic_app.outcomes) score it.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLineEdit, QSpinBox, QWidget

from clinic_app.domain import Language, Region
from clinic_app.outcome_wording import Wording
from clinic_app.outcomes import Measure
from ui.language import content_language


def item_text(measure: Measure, index: int, wording: Wording | None = None) -> str:
    """The item's wording where its licence lets us ship it, or as the clinic supplied it; else its
    number on the clinic's paper form."""
    if wording is not None:
        return wording.question(index, content_language())
    texts = measure.items.text
    # In the screens' language where the measure ships it, else in English.
    shipped = (texts.get(content_language()) or texts.get(Language.EN)) if texts is not None else None
    if shipped:
        return str(shipped[min(index, len(shipped) - 1)])
    return QCoreApplication.translate("answer_sheet", "Item {value} (on your licensed form)").format(
        value=index + 1
    )


class AnswerSheet(QWidget):
    def __init__(
        self,
        measure: Measure,
        region: Region | None = None,
        parent: QWidget | None = None,
        wording: Wording | None = None,
    ) -> None:
        super().__init__(parent)
        self.measure, self.region = measure, region
        items = measure.items
        self.answers: list[QSpinBox] = []
        self.activities: list[QLineEdit] = []
        form = QFormLayout(self)
        count = items.count if items.count is not None else (items.count_max or 1)
        for index in range(count):
            answer = QSpinBox()
            answer.setRange(items.min - 1, items.max)  # one below the range: "—", unanswered
            answer.setSpecialValueText("—")
            answer.setValue(answer.minimum())
            answer.setAccessibleName(
                self.tr("{value} answer {value2}, {min} to {max}").format(
                    value=measure.id.upper(), value2=index + 1, min=items.min, max=items.max
                )
            )
            self.answers.append(answer)
            if measure.id == "psfs":
                activity = QLineEdit()
                activity.setPlaceholderText(self.tr("Activity {value}").format(value=index + 1))
                activity.setAccessibleName(self.tr("Activity {value}").format(value=index + 1))
                self.activities.append(activity)
                row = QHBoxLayout()
                row.addWidget(activity, 1)
                row.addWidget(answer)
                form.addRow(f"{index + 1}.", row)
            else:
                if wording is not None:  # the clinic's words of each answer, where the spin box is
                    labels = wording.answer_labels(index, content_language())
                    answer.setToolTip("\n".join(f"{items.min + n} = {w}" for n, w in enumerate(labels)))
                label = (
                    item_text(measure, index, wording)
                    if count > 1 or items.text
                    else measure.name[content_language()]
                )
                form.addRow(label if count == 1 else f"{index + 1}. {label}", answer)

    def values(self) -> tuple[int | None, ...]:
        """The answers as the record keeps them: None for unanswered (PSFS: only the rows used)."""
        low = self.measure.items.min
        found = tuple(None if box.value() < low else box.value() for box in self.answers)
        if self.measure.id == "psfs":
            return tuple(
                value
                for value, box in zip(found, self.activities, strict=True)
                if value is not None or box.text().strip()
            )
        return found

    def activity_names(self) -> tuple[str, ...] | None:
        if not self.activities:
            return None
        low = self.measure.items.min
        return tuple(
            box.text().strip()
            for box, answer in zip(self.activities, self.answers, strict=True)
            if answer.value() >= low or box.text().strip()
        )

    def set_answer(self, index: int, value: int | None) -> None:
        box = self.answers[index]
        box.setValue(box.minimum() if value is None else value)

    def set_activity(self, index: int, text: str) -> None:
        self.activities[index].setText(text)
