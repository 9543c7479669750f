"""Lesson handouts as PDF: the handout HTML laid out by a QTextDocument on A4 pages, each with a header.

The PDF keeps real text (selectable and searchable); Qt's font fallback supplies Cyrillic and
Hangul glyphs. Nothing here touches a widget, so the export can run on a worker thread.
"""

from __future__ import annotations

import contextlib
import os
import uuid
from pathlib import Path
from typing import Sequence

from PySide6.QtCore import QMarginsF, QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPageLayout, QPageSize, QPainter, QPdfWriter, QPen, QTextDocument, QTextFormat

from reader.core.errors import ReaderError
from reader.core.handout import HandoutColumn, handout_html

RESOLUTION = 300  # dots per inch
MARGINS_MM = QMarginsF(18, 14, 18, 16)  # left, top, right, bottom
BODY_FONTS = (["DejaVu Serif", "Noto Serif", "Serif"], 11)  # Qt falls back per character for Hangul and others
HEADER_FONTS = (["DejaVu Sans", "Noto Sans", "Sans Serif"], 8)
KEEP_TOGETHER = 0.4  # a row that does not fit starts on the next page if less than this much of the page is left


def write_handout_pdf(path: str | os.PathLike[str], lesson_name: str, groups: Sequence[Sequence[HandoutColumn]], side_by_side: bool = True) -> int:
    """Write the handout as an A4 PDF at `path` (replaced whole, or left as it was); return its page count."""
    target = Path(path)
    scratch = str(target.with_name(f".{target.name}.{uuid.uuid4().hex[:8]}.tmp"))  # beside it, so the replace is atomic
    try:
        open(scratch, "xb").close()  # fails now, with the system's reason, if the folder is missing or read-only
    except OSError as error:
        raise ReaderError(f"cannot write the handout to {target}: {error.strerror or error}") from None
    try:
        pages = _render(scratch, lesson_name, groups, side_by_side, target)
        os.replace(scratch, target)
    except OSError as error:
        raise ReaderError(f"cannot write the handout to {target}: {error.strerror or error}") from None
    finally:
        with contextlib.suppress(OSError):
            os.remove(scratch)
    return pages


def _render(scratch: str, lesson_name: str, groups: Sequence[Sequence[HandoutColumn]], side_by_side: bool, target: Path) -> int:
    writer = QPdfWriter(scratch)
    writer.setResolution(RESOLUTION)
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setPageMargins(MARGINS_MM, QPageLayout.Unit.Millimeter)
    writer.setTitle(lesson_name)
    writer.setCreator("Parallel Reader")
    painter = QPainter()
    if not painter.begin(writer):
        raise ReaderError(f"cannot write the handout to {target}: the PDF could not be started")
    try:
        area = QSizeF(writer.pageLayout().paintRectPixels(RESOLUTION).size())
        header_font = QFont(*HEADER_FONTS)
        header_height = QFontMetricsF(header_font, writer).height() * 2.2
        document = QTextDocument()
        document.documentLayout().setPaintDevice(writer)  # lay out in the PDF's dots, fonts in points
        document.setDefaultFont(QFont(*BODY_FONTS))
        document.setDocumentMargin(0)
        document.setHtml(handout_html(lesson_name, groups, side_by_side, qt_rich_text=True))
        body = QSizeF(area.width(), area.height() - header_height)
        document.setPageSize(body)
        _keep_rows_together(document, body.height())
        pages = document.pageCount()
        for number in range(pages):
            if number:
                writer.newPage()
            _draw_header(painter, header_font, area.width(), header_height, lesson_name, f"page {number + 1} of {pages}")
            painter.save()
            painter.translate(0, header_height - number * body.height())
            document.drawContents(painter, QRectF(QPointF(0, number * body.height()), body))
            painter.restore()
    finally:
        painter.end()
    return pages


def _keep_rows_together(document: QTextDocument, page_height: float) -> None:
    """Move a row (each is a top-level table) to the next page rather than strand its title at the foot of one."""
    layout = document.documentLayout()
    for frame in document.rootFrame().childFrames():
        layout.documentSize()  # lays out what an earlier page break moved
        rect = layout.frameBoundingRect(frame)
        room = page_height - rect.top() % page_height
        if rect.height() > room and room < page_height * KEEP_TOGETHER:
            frame_format = frame.frameFormat()
            frame_format.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
            frame.setFrameFormat(frame_format)


def _draw_header(painter: QPainter, font: QFont, width: float, height: float, lesson_name: str, page_label: str) -> None:
    """The lesson's name on the left, "page N of M" on the right, and a thin rule under them."""
    painter.save()
    painter.setFont(font)
    painter.setPen(QColor("#444444"))
    metrics = QFontMetricsF(font, painter.device())
    line = QRectF(0, 0, width, metrics.height())
    label_width = metrics.horizontalAdvance(page_label)
    name = metrics.elidedText(" ".join(lesson_name.split()), Qt.TextElideMode.ElideRight, width - label_width - metrics.height() * 2)
    painter.drawText(line, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), name)
    painter.drawText(line, int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter), page_label)
    painter.setPen(QPen(QColor("#999999"), max(1.0, RESOLUTION / 200)))
    rule = metrics.height() * 1.35
    painter.drawLine(QPointF(0, rule), QPointF(width, rule))
    painter.restore()
