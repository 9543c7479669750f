"""Cyrillic and Hangul render with real glyphs, not empty boxes."""

from PySide6.QtGui import QFont, QFontDatabase, QFontMetrics, QTextLayout

SAMPLES = {"Cyrillic": "Суверенитет и железная дорога", "Hangul": "조선민주주의인민공화국 철도 련결"}


def test_a_font_for_each_script_is_installed(qapp):
    assert QFontDatabase.families(QFontDatabase.WritingSystem.Cyrillic), "no Cyrillic font (make installs fonts-dejavu-core)"
    assert QFontDatabase.families(QFontDatabase.WritingSystem.Korean), "no Hangul font (make installs fonts-nanum)"


def test_the_reading_font_falls_back_to_real_glyphs(qapp):
    from reader.ui.document_view import DocumentView

    view = DocumentView()
    for script, sample in SAMPLES.items():
        layout_font = QFont(view.font())
        # Every character must be covered by the font Qt picks for it (directly or by fallback):
        # glyph 0 is the "missing glyph" box.
        layout = QTextLayout(sample, layout_font)
        layout.beginLayout()
        layout.createLine()
        layout.endLayout()
        for run in layout.glyphRuns():
            assert all(index != 0 for index in run.glyphIndexes()), f"{script}: missing glyph in {run.rawFont().familyName()}"
        assert QFontMetrics(layout_font).horizontalAdvance(sample) > 0
