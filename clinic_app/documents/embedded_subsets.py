"""Each font subset made and compressed once per set of characters, not once per document.

ReportLab embeds in every PDF the subset of each TrueType font that the document's text uses:
it builds the subset font file and then deflates it, some tens of kilobytes a font. A clinic prints
the same kinds of document over and over, whose subsets hold the same characters in the same order
(the subset is the characters in the order the text first used them), so the bytes are the same
each time. Making and compressing the regular and the bold subset was about a sixth of printing a
progress report; remembered, they cost a dictionary look-up.

The PDF is byte for byte the one ReportLab writes: the same subset, deflated the same way, with the
same Length1 and the FlateDecode filter ReportLab would name.
"""

from __future__ import annotations

import threading
import zlib
from collections import OrderedDict
from typing import Any

from reportlab.pdfbase import pdfdoc

SUBSETS_KEPT = 32  # per font: a few documents' worth of character sets, a few hundred kilobytes


class SubsetCache:
    """A font face's subsets, deflated, by the characters they hold (most recently used kept)."""

    def __init__(self, face: Any) -> None:
        self._face = face
        self._make_subset = face.makeSubset  # ReportLab's own, bound to the face
        self._add_subset_objects = face.addSubsetObjects
        self._deflated: OrderedDict[tuple[int, ...], tuple[bytes, bytes]] = OrderedDict()
        self._lock = threading.Lock()  # the desktop may build two documents at once

    def install(self) -> None:
        """Make the face use the cache (ReportLab calls these two on the face it holds)."""
        self._face.makeSubset = self.make_subset
        self._face.addSubsetObjects = self.add_subset_objects

    def _subset(self, subset: list[int]) -> tuple[bytes, bytes]:
        key = tuple(subset)
        with self._lock:
            found = self._deflated.get(key)
            if found is not None:
                self._deflated.move_to_end(key)
                return found
        raw = self._make_subset(subset)
        found = (raw, zlib.compress(raw))  # as pdfdoc.PDFZCompress deflates a stream
        with self._lock:
            self._deflated[key] = found
            while len(self._deflated) > SUBSETS_KEPT:
                self._deflated.popitem(last=False)
        return found

    def make_subset(self, subset: list[int]) -> bytes:
        return self._subset(subset)[0]

    def add_subset_objects(self, doc: Any, fontname: str, subset: list[int]) -> Any:
        """ReportLab's font descriptor and font file, the file given already deflated."""
        descriptor = self._add_subset_objects(doc, fontname, subset)
        if doc.compression:
            stream = doc.idToObject[f"fontFile:{self._face.filename}({fontname})"]
            stream.content = self._subset(subset)[1]
            stream.filters = None
            stream.dictionary["Filter"] = pdfdoc.PDFArray([pdfdoc.PDFName(pdfdoc.PDFZCompress.pdfname)])
        return descriptor
