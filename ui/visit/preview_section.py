"""Preview the handout (or referral letter) and the visit summary; print them or save them as PDF.

The PDF is built by the core's document layer on the documents lane, never on the UI
thread, and its pages rendered by pdfium (ui.visit.page_view). Printing (ui.visit.printing) runs on the documents lane too.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt, Signal, Slot
from PySide6.QtGui import QImage, QPageSize
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from clinic_app.domain import ClinicProfile, DocumentSettings, Language, PaperSize, Visit
from clinic_app.errors import ClinicError, InvalidInput
from clinic_app.output_file import write_output_file
from clinic_app.signatures import Addendum, Signature
from clinic_app.triage import TriageResult
from ui.language import QT_TRANSLATE_NOOP
from ui.tasks import Tasks
from ui.visit.page_view import PageView, render_pages
from ui.visit.printing import print_pdf
from ui.visit.wording import readable_problem
from ui.widgets.amber_note import AmberNote

log = logging.getLogger(__name__)

VisitSource = Callable[[], tuple[Visit, TriageResult] | None]
# (document title, what to do once allowed): checks the account may print it, and records that it did
OutputGuard = Callable[[str, Callable[[], None]], None]
PATIENT_DOCUMENT, SUMMARY = "patient", "summary"
DOCUMENT_TITLES = {
    "handout": QT_TRANSLATE_NOOP("preview_section", "Home exercise handout"),
    "referral": QT_TRANSLATE_NOOP("preview_section", "Referral letter"),
    "referral_and_handout": QT_TRANSLATE_NOOP("preview_section", "Referral letter and home exercise handout"),
}
# What every document must give: who it is from and whom the patient calls.
REQUIRED_CLINIC_DETAILS = {
    "name": QT_TRANSLATE_NOOP("preview_section", "name"),
    "phone": QT_TRANSLATE_NOOP("preview_section", "phone"),
    "emergency_number": QT_TRANSLATE_NOOP("preview_section", "emergency number"),
}


def build_pdf(
    visit: Visit,
    result: TriageResult,
    which: str,
    clinic: ClinicProfile,
    settings: DocumentSettings,
    language: Language | None,
    large_print: bool,
    signature: Signature | None = None,
    addenda: tuple[Addendum, ...] = (),
    previous: Visit | None = None,
) -> tuple[str, bytes]:
    """Runs on the documents lane: (title, PDF bytes) of the chosen document. For a follow-up
    (`previous`: the visit it started from), the handout says what changed in the plan."""
    from clinic_app.documents import DocumentRequest, render_patient_document, render_visit_summary
    from clinic_app.documents.changes import plan_changes

    changes = (
        plan_changes(previous.plan, visit.plan)
        if previous is not None and previous.plan is not None and visit.plan is not None
        else None
    )

    request = DocumentRequest.for_visit(
        visit,
        result=result,
        clinic=clinic,
        settings=settings,
        language=language,
        large_print=large_print,
        signature=signature,
        addenda=addenda,
        changes=changes,
    )
    if which == SUMMARY:
        return QT_TRANSLATE_NOOP("preview_section", "Visit summary"), render_visit_summary(request)
    document = render_patient_document(request)
    return DOCUMENT_TITLES[document.kind], document.pdf


class PreviewSection(QWidget):
    """The Print step of the visit: what will be printed, exactly as it will look."""

    rendered = Signal(str)  # the title of the document now shown
    clinic_details_needed = Signal(list)  # the profile fields missing, before anything is printed or saved

    def __init__(self, tasks: Tasks, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self._source: VisitSource = lambda: None
        self._clinic, self._settings = ClinicProfile(), DocumentSettings()
        self._pdf_bytes = b""
        self._title = ""
        self._stale = True
        self._printer: QPrinter | None = None
        self._print_when_ready = False
        self._signature: Signature | None = None
        self._addenda: tuple[Addendum, ...] = ()
        self.output_guard: OutputGuard | None = None
        self.previous: Visit | None = None  # a follow-up's last visit: the handout says what changed
        self._build()

    def _build(self) -> None:
        self.which = QComboBox()
        self.which.addItem(self.tr("Patient handout (or referral letter)"), PATIENT_DOCUMENT)
        self.which.addItem(self.tr("Visit summary for the chart"), SUMMARY)
        self.which.setAccessibleName(self.tr("Document"))
        self.language = QComboBox()
        self.language.addItem(self.tr("Patient's language"), None)
        self.language.addItem(self.tr("English"), Language.EN)
        self.language.addItem(self.tr("Spanish / Español"), Language.ES)
        self.language.setAccessibleName(self.tr("Language"))
        self.large_print = QCheckBox(self.tr("Lar&ge print"))
        self.large_print.setAccessibleName(self.tr("Large print"))
        self.print_button = QPushButton(self.tr("&Print…"))
        self.print_button.setAccessibleName(self.tr("Print"))
        self.save_button = QPushButton(self.tr("&Save as PDF…"))
        self.save_button.setAccessibleName(self.tr("Save as PDF"))
        self.message = QLabel()
        self.message.setWordWrap(True)
        # What the documents are made without (entries that are not valid yet), or why none is made.
        self.notice = AmberNote(self)
        self.notice.setAccessibleName(self.tr("Left out of the documents"))
        self.notice.setTextFormat(Qt.TextFormat.PlainText)
        self.view = PageView(self)
        self.view.width_changed.connect(self._rerender)
        which_label = QLabel(self.tr("Document:"))
        which_label.setBuddy(self.which)
        language_label = QLabel(self.tr("Language:"))
        language_label.setBuddy(self.language)
        # Each drop-down as wide as its longest choice, never cut ("Patient handout (…"): the document
        # on a line of its own, then the language and large print, then the buttons. Fewer lines would
        # not fit a 1024-pixel window beside the patient list and the triage panel, in Spanish least.
        for combo in (self.which, self.language):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            combo.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        language = QHBoxLayout()  # large print beside the language, not under a label of its own
        language.addWidget(self.language)
        language.addWidget(self.large_print)
        language.addStretch(1)
        choices = QGridLayout()
        choices.addWidget(which_label, 0, 0)
        choices.addWidget(self.which, 0, 1, Qt.AlignmentFlag.AlignLeft)
        choices.addWidget(language_label, 1, 0)
        choices.addLayout(language, 1, 1)
        choices.setColumnStretch(1, 1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addLayout(choices)
        layout.addLayout(buttons)
        layout.addWidget(self.notice)
        layout.addWidget(self.message)
        layout.addWidget(self.view, 1)
        self.which.currentIndexChanged.connect(self.refresh)
        self.language.currentIndexChanged.connect(self.refresh)
        self.large_print.toggled.connect(self.refresh)
        # clicked(bool) hands its `checked` to a slot that takes an argument: these take none.
        self.print_button.clicked.connect(self.print_document)
        self.save_button.clicked.connect(self.save_pdf)
        self._set_ready(False)

    # ---- inputs ------------------------------------------------------------------------------

    def set_visit_source(self, source: VisitSource) -> None:
        self._source = source

    def set_signature(self, signature: Signature | None, addenda: tuple[Addendum, ...]) -> None:
        """A signed visit's signature and addenda, printed with its documents."""
        if (signature, addenda) != (self._signature, self._addenda):
            self._signature, self._addenda = signature, addenda
            self.set_stale()

    def set_document_settings(self, clinic: ClinicProfile, settings: DocumentSettings) -> None:
        self._clinic, self._settings = clinic, settings
        self.large_print.blockSignals(True)
        self.large_print.setChecked(settings.large_print)
        self.large_print.blockSignals(False)
        self.set_stale()

    def tab_chain(self) -> list[QWidget]:
        return [self.which, self.language, self.large_print, self.print_button, self.save_button, self.view]

    def focus_entry(self) -> None:
        """Print, when the document is ready; else the choice of document."""
        target = self.print_button if self.print_button.isEnabled() else self.which
        target.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def set_notice(self, text: str | None) -> None:
        """A note above the document: what it is made without, or why it cannot be made (None: none)."""
        self.notice.show_warning(text)

    def set_stale(self) -> None:
        """The visit changed: render again when next shown."""
        self._stale = True
        if self.isVisible():
            self.refresh()

    def showEvent(self, event: object) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)  # type: ignore[arg-type]
        if self._stale:
            self.refresh()

    # ---- rendering ---------------------------------------------------------------------------

    def print_current(self) -> None:
        """Print what the visit says now: render it first if it changed since the last preview."""
        if self._ask_for_clinic_details():
            return
        if self._stale or not self._pdf_bytes:
            self._print_when_ready = True
            self.refresh()
        else:
            self.print_document()

    def refresh(self) -> None:
        current = self._source()
        if current is None:
            self._show_message(self.tr("Fix the entries marked in red to see the documents."))
            self._set_ready(False)
            self._print_when_ready = False
            return
        if self.missing_clinic_details():
            # No document may be made without them: Print and Save ask for them.
            self._pdf_bytes = b""
            self.view.show_pages([])
            self._show_message(
                self.tr(
                    "Every document needs the clinic's name, phone and emergency number: press Print or Save"
                    " to enter what is missing."
                )
            )
            self._set_ready(True)
            return
        self._stale = False
        visit, result = current
        which, language = self.which.currentData(), self.language.currentData()
        clinic, settings, large = self._clinic, self._settings, self.large_print.isChecked()
        signature, addenda, previous = self._signature, self._addenda, self.previous
        self._show_message(self.tr("Preparing the document…"))
        width = self.view.wanted_width()

        def build_and_render() -> tuple[str, bytes, list[QImage]]:
            title, pdf = build_pdf(
                visit, result, which, clinic, settings, language, large, signature, addenda, previous
            )
            return title, pdf, render_pages(pdf, width)

        self._tasks.run(build_and_render, self._show_pdf, self._failed)

    def _rerender(self, width: int) -> None:
        pdf = self._pdf_bytes
        if pdf:
            self._tasks.run(lambda: render_pages(pdf, width), self.view.show_pages)

    def _show_pdf(self, outcome: tuple[str, bytes, list[QImage]]) -> None:
        title, pdf, pages = outcome
        self._title, self._pdf_bytes = title, pdf
        self.view.show_pages(pages)
        count = len(pages)
        self._show_message(
            self.tr("{title}: %n page(s).", "", count).format(
                title=QCoreApplication.translate("preview_section", title)
            )
        )
        self._set_ready(True)
        self.rendered.emit(QCoreApplication.translate("preview_section", title))
        if self._print_when_ready:
            self._print_when_ready = False
            self.print_document()

    @property
    def page_count(self) -> int:
        return self.view.page_count

    def _failed(self, error: BaseException) -> None:
        if isinstance(error, InvalidInput):  # e.g. the clinic's emergency number is missing
            details = "; ".join(readable_problem(p) for p in error.problems)
            where = any(p.path.startswith("clinic.") for p in error.problems)
            self._show_message(
                self.tr("The document cannot be made yet: {details}.").format(details=details)
                + (self.tr(" Enter the clinic's details in Settings (Ctrl+,).") if where else "")
            )
            self._set_ready(False)
            return
        log.error("document could not be built: %s", type(error).__name__)
        self._show_message(self.tr("The document could not be built. Your visit is saved; please try again."))
        self._set_ready(False)

    def _show_message(self, text: str) -> None:
        self.message.setText(text)

    def _set_ready(self, ready: bool) -> None:
        self.print_button.setEnabled(ready)
        self.save_button.setEnabled(ready)

    @property
    def pdf_bytes(self) -> bytes:
        return self._pdf_bytes

    # ---- output ------------------------------------------------------------------------------

    @Slot()
    def save_pdf(self) -> None:
        """The "Save as PDF…" button: ask where, then save there."""
        if self._ask_for_clinic_details() or not self._pdf_bytes:
            return
        default = (
            QCoreApplication.translate("preview_section", self._title).lower().replace(" ", "-") + ".pdf"
        )
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save as PDF"), default, self.tr("PDF documents (*.pdf)")
        )
        if path:
            self.save_pdf_to(path)

    def save_pdf_to(self, path: str) -> None:
        """Save the document shown: a new file readable by this user alone, as the command line writes it."""
        title, pdf = self._title, self._pdf_bytes
        self._guarded(title, lambda: self._write(path, title, pdf))

    def _write(self, path: str, title: str, pdf: bytes) -> None:
        try:
            write_output_file(path, pdf)
        except ClinicError as error:
            QMessageBox.warning(
                self, self.tr("Not saved"), self.tr("The PDF was not saved: {error}.").format(error=error)
            )
            return
        self._show_message(
            self.tr("Saved {document} as {path}.").format(
                document=QCoreApplication.translate("preview_section", title).lower(), path=path
            )
        )

    def _guarded(self, title: str, proceed: Callable[[], None]) -> None:
        """Print or save only once the core has allowed it for this account, and recorded it."""
        if self.output_guard is None:
            proceed()
        else:
            self.output_guard(title.lower(), proceed)

    def output_refused(self, error: BaseException) -> None:
        """The core said no (an assistant and a visit not finished), or could not record the print."""
        if isinstance(error, ClinicError):
            self._show_message(self.tr("Not printed or saved: {error}.").format(error=error))
        else:
            log.error("print could not be recorded: %s", type(error).__name__)
            self._show_message(
                self.tr("Not printed or saved: the print could not be recorded. Please try again.")
            )

    @Slot()
    def print_document(self) -> None:
        """The "Print…" button and Ctrl+P: ask which printer, then print on it."""
        if self._ask_for_clinic_details() or not self._pdf_bytes:
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setPageSize(QPageSize(_PAGE_SIZES[self._settings.paper]))  # no shrinking to fit
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(
            self.tr("Print {document}").format(
                document=QCoreApplication.translate("preview_section", self._title).lower()
            )
        )
        if dialog.exec() == QPrintDialog.DialogCode.Accepted:
            self.print_on(printer)

    def print_on(self, printer: QPrinter) -> None:
        """Print the document shown on a printer the print dialog has set up."""
        if not self._pdf_bytes:
            return
        self._printer = printer  # kept alive until the documents lane has painted on it
        title, pdf = self._title.lower(), self._pdf_bytes

        def send() -> None:
            self._show_message(self.tr("Printing the {title}…").format(title=title))
            self._tasks.run(
                lambda: print_pdf(pdf, printer),
                lambda _: self._show_message(self.tr("Sent the {title} to the printer.").format(title=title)),
                self._print_failed,
            )

        self._guarded(title, send)

    def _print_failed(self, error: BaseException) -> None:
        log.error("printing failed: %s", type(error).__name__)
        if isinstance(error, ClinicError):  # printing to a file that cannot be written: say why
            self._show_message(self.tr("Not printed: {error}. The visit is saved.").format(error=error))
            return
        self._show_message(self.tr("Printing failed. Check the printer, then try again; the visit is saved."))

    def missing_clinic_details(self) -> list[str]:
        """The clinic profile's fields a document needs and does not have ("emergency_number", ...)."""
        return [name for name in REQUIRED_CLINIC_DETAILS if not str(getattr(self._clinic, name)).strip()]

    def _ask_for_clinic_details(self) -> bool:
        """Ask for what the clinic profile lacks instead of printing; True when something was missing."""
        missing = self.missing_clinic_details()
        if not missing:
            return False
        self._print_when_ready = False
        words = ", ".join(
            QCoreApplication.translate("preview_section", REQUIRED_CLINIC_DETAILS[name]) for name in missing
        )
        self._show_message(
            self.tr("Before printing or saving, enter the clinic's {words} in Settings.").format(words=words)
        )
        self.clinic_details_needed.emit(missing)
        return True


_PAGE_SIZES = {PaperSize.LETTER: QPageSize.PageSizeId.Letter, PaperSize.A4: QPageSize.PageSizeId.A4}
