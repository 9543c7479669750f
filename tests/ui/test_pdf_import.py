"""Importing a PDF that Qt wrote with English, Russian and Korean paragraphs: all three come back as text."""

from __future__ import annotations

import unicodedata
from pathlib import Path

from PySide6.QtCore import QPointF, QRectF, QSizeF
from PySide6.QtGui import QFont, QPageSize, QPainter, QPdfWriter, QTextDocument

from reader.core.document_import import read_for_import
from reader.core.user_corpus import combined_corpus, import_documents
from reader.ui.app import application
from tests.core.import_samples import ENGLISH, KOREAN, RUSSIAN


def words(text: str) -> str:
    """Text with ligatures undone and every run of white space one space (PDF lines wrap where they like)."""
    return " ".join(unicodedata.normalize("NFKC", text).split())


def write_pdf(path: Path, paragraphs: list[str], title: str) -> Path:
    """A one-page A4 PDF with real text, laid out in the PDF's own dots (as the handout export does)."""
    application()
    writer = QPdfWriter(str(path))
    writer.setResolution(300)
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setTitle(title)
    area = QSizeF(writer.pageLayout().paintRectPixels(300).size())
    document = QTextDocument()
    document.documentLayout().setPaintDevice(writer)
    document.setDefaultFont(QFont("NanumGothic", 11))  # one font with Latin, Cyrillic and Hangul (fonts-nanum)
    document.setPlainText("\n\n".join(paragraphs))
    document.setPageSize(area)
    painter = QPainter()
    assert painter.begin(writer)
    try:
        document.drawContents(painter, QRectF(QPointF(0, 0), area))
    finally:
        painter.end()
    return path


def test_a_pdf_in_three_scripts_is_imported_with_all_its_text(tmp_path):
    path = write_pdf(tmp_path / "trilingual.pdf", [ENGLISH, RUSSIAN, KOREAN], "Трёхъязычный документ")
    imported = read_for_import(path)
    for paragraph in (ENGLISH, RUSSIAN, KOREAN):
        assert words(paragraph) in words(imported.text)
    assert "The two leaders agreed" in imported.text  # Qt maps its space glyph to a control character; it comes back a space
    assert not any(c < " " and c != "\n" for c in imported.text)
    assert imported.kind == "pdf" and imported.title == "Трёхъязычный документ"
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4\n" + bytes(range(256)) * 16)
    outcomes = import_documents([broken, path])
    assert [outcome.ok for outcome in outcomes] == [False, True]
    assert "not a readable PDF" in outcomes[0].error
    stored = combined_corpus().document(outcomes[1].entry.id).text
    assert stored == imported.text and words(KOREAN) in words(stored)
