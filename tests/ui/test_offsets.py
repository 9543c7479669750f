"""Code points (core) vs UTF-16 (Qt): checked against what QTextCursor really counts."""

from hypothesis import given, strategies as st
from PySide6.QtGui import QTextCursor, QTextDocument

from reader.ui.offsets import OffsetMap

KOREAN_AND_EMOJI = "조선민주주의인민공화국 😀 철도 🚄 연결\u00a0사업 e\u0301 🇰🇵"


def qt_position_of(text: str, offset: int) -> int:
    """Where Qt puts a cursor after the first `offset` code points, measured by Qt itself."""
    document = QTextDocument()
    document.setPlainText(text[:offset])
    cursor = QTextCursor(document)
    cursor.movePosition(QTextCursor.MoveOperation.End)
    return cursor.position()


def test_korean_and_emoji_offsets_match_qt(qapp):
    offsets = OffsetMap(KOREAN_AND_EMOJI)
    for offset in range(len(KOREAN_AND_EMOJI) + 1):
        assert offsets.to_qt(offset) == qt_position_of(KOREAN_AND_EMOJI, offset)
        assert offsets.from_qt(offsets.to_qt(offset)) == offset


def test_selection_of_a_korean_word_after_emoji_slices_the_same_text(qapp):
    text = KOREAN_AND_EMOJI
    start = text.index("철도")
    offsets = OffsetMap(text)
    document = QTextDocument()
    document.setPlainText(text)
    cursor = QTextCursor(document)
    cursor.setPosition(offsets.to_qt(start))
    cursor.setPosition(offsets.to_qt(start + 2), QTextCursor.MoveMode.KeepAnchor)
    assert cursor.selectedText() == "철도"


def test_position_inside_a_surrogate_pair_rounds_down():
    offsets = OffsetMap("a😀b")
    assert offsets.to_qt(2) == 3
    assert offsets.from_qt(2) == 1  # between the two halves of 😀
    assert offsets.from_qt(3) == 2


@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40))
def test_round_trip_for_any_text(text):
    offsets = OffsetMap(text)
    for offset in range(len(text) + 1):
        utf16 = offsets.to_qt(offset)
        assert utf16 == len(text[:offset].encode("utf-16-le")) // 2
        assert offsets.from_qt(utf16) == offset


def test_a_long_text_is_checked_for_emoji_whatever_its_other_characters():
    for filler in ("a", "й", "가"):
        plain = filler * 5000
        assert OffsetMap(plain).to_qt(5000) == 5000
        with_emoji = plain + "\U0001F684" + "x"
        assert OffsetMap(with_emoji).to_qt(5002) == 5003  # the emoji is two UTF-16 positions
        assert OffsetMap(with_emoji).from_qt(5003) == 5002
