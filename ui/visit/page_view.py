"""Pages of a document shown as pictures, rendered on a worker thread.

Pages are rendered by pdfium through pypdfium2, the one rasteriser of the app (printing uses it
too): its calls let go of Python's lock, so the window keeps moving while a page renders, and the
document is read from memory, never written to a temporary file. The pages arrive as ready
images and are only shown.
"""

from __future__ import annotations

import pypdfium2 as pdfium
from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QImage, QPalette, QPixmap, QResizeEvent
from PySide6.QtWidgets import QLabel, QScrollArea, QVBoxLayout, QWidget

PAGE_GAP = 12
RESIZE_DELAY_MS = 250
RERENDER_WHEN_OFF_BY = 0.1  # re-render once the width is this far from the rendered one


def render_pages(pdf: bytes, width: int) -> list[QImage]:
    """Every page as an image `width` pixels wide, on white. Safe on a worker thread (one at a time:
    pdfium is not thread-safe, and the documents lane runs one task at a time)."""
    try:
        document = pdfium.PdfDocument(pdf)
    except pdfium.PdfiumError as error:
        raise OSError("the document could not be read back for the preview") from error
    try:
        return [_page_image(document[index], width) for index in range(len(document))]
    finally:
        document.close()


def _page_image(page: pdfium.PdfPage, width: int) -> QImage:
    try:
        page_width, _ = page.get_size()
        bitmap = page.render(
            scale=width / page_width,
            prefer_bgrx=True,
            rev_byteorder=True,  # RGBX bytes: one Qt format on any byte order
            may_draw_forms=False,
        )
        image = QImage(
            bitmap.buffer, bitmap.width, bitmap.height, bitmap.stride, QImage.Format.Format_RGBX8888
        )
        return image.copy()  # the image must own its pixels: pdfium's go with the bitmap
    finally:
        page.close()


class PageView(QScrollArea):
    """A column of page images; asks for new ones (`width_changed`) when resized a good deal."""

    width_changed = Signal(int)  # pixels, for the page images

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setAccessibleName(self.tr("Document preview"))
        self._column = QWidget()
        self._column.setAutoFillBackground(True)
        self._column.setBackgroundRole(QPalette.ColorRole.Mid)  # white pages on a grey desk
        self._layout = QVBoxLayout(self._column)
        self._layout.setSpacing(PAGE_GAP)
        self._layout.addStretch(1)
        self.setWidget(self._column)
        self._labels: list[QLabel] = []
        self._rendered_width = 0
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(RESIZE_DELAY_MS)
        self._timer.timeout.connect(lambda: self.width_changed.emit(self.wanted_width()))

    @property
    def page_count(self) -> int:
        return len(self._labels)

    def wanted_width(self) -> int:
        """Page width in device pixels that fills the view (sharp on high-DPI screens)."""
        margins = self._layout.contentsMargins()
        # Leave room for the vertical scroll bar that a multi-page document brings.
        spare = margins.left() + margins.right() + self.verticalScrollBar().sizeHint().width()
        logical = max(200, self.width() - 2 * self.frameWidth() - spare)
        return round(logical * self.devicePixelRatioF())

    def show_pages(self, images: list[QImage]) -> None:
        for label in self._labels:
            self._layout.removeWidget(label)
            label.deleteLater()
        self._labels = []
        ratio = self.devicePixelRatioF()
        for number, image in enumerate(images, start=1):
            pixmap = QPixmap.fromImage(image)
            pixmap.setDevicePixelRatio(ratio)
            label = QLabel()
            label.setPixmap(pixmap)
            label.setAlignment(Qt.AlignmentFlag.AlignHCenter)
            label.setAccessibleName(
                self.tr("Page {number} of {images}").format(number=number, images=len(images))
            )
            self._layout.insertWidget(self._layout.count() - 1, label)
            self._labels.append(label)
        self._rendered_width = images[0].width() if images else 0

    def clear(self) -> None:
        self.show_pages([])

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        if self._rendered_width and abs(self.wanted_width() - self._rendered_width) > (
            RERENDER_WHEN_OFF_BY * self._rendered_width
        ):
            self._timer.start()
