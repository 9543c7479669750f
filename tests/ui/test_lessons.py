"""Lessons and presentation mode: build, reorder, present, move, blank, leave; slides sized for a room."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt

from reader.core.store import load
from reader.ui.annotation_controller import default_annotation_path
from tests.ui.conftest import wait_loaded

KREMLIN, DPRK = "kremlin-2000-07-19", "dprk-2020-07-19"


def select_sentence(window, pane_index: int, words: str) -> tuple[int, int]:
    pane = window.pane_area.panes()[pane_index]
    start = pane.document.text.index(words)
    end = pane.document.text.index(".", start + len(words)) + 1
    window.pane_area.set_active(pane)
    pane.view.select_range(start, end)
    return start, end


def build_three_passage_lesson(window):
    spans = [
        select_sentence(window, 0, "visit continues"),
        select_sentence(window, 1, "adopted the DPRK-Russia Joint Declaration"),
        select_sentence(window, 0, "we could jointly build"),
    ]
    for index, span in zip((0, 1, 0), spans):
        pane = window.pane_area.panes()[index]
        window.pane_area.set_active(pane)
        pane.view.select_range(*span)
        window.actions.add_to_lesson.trigger()
    return spans


def present_and_wait(window, qtbot):
    window.presentation = None
    window.actions.present.trigger()
    qtbot.waitUntil(lambda: window.presentation is not None and window.presentation.isVisible(), timeout=10000)
    return window.presentation


def test_a_lesson_of_three_passages_is_built_reordered_presented_and_kept(make_window, qtbot):
    window = make_window(KREMLIN, DPRK)
    spans = build_three_passage_lesson(window)
    dock = window.lessons_dock
    assert dock.isVisible() and dock.passages.count() == 3
    (lesson,) = window.annotations.content.lessons
    assert [(p.start, p.end) for p in lesson.passages] == spans

    # Reorder: the railway passage comes first (Alt+Up twice on the list).
    dock.passages.setCurrentRow(2)
    dock.passages.setFocus()
    qtbot.keyClick(dock.passages, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    qtbot.keyClick(dock.passages, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    order = [(p.start, p.end) for p in window.annotations.content.lessons[0].passages]
    assert order == [spans[2], spans[0], spans[1]]
    assert dock.passages.item(0).text().startswith("1. ") and "railway" in dock.passages.item(0).text()

    # Present: slide 1 is the railway passage alone (its neighbour is from the same document),
    # slide 2 pairs the Kremlin and DPRK accounts of the visit side by side.
    shown = present_and_wait(window, qtbot)
    assert shown.isFullScreen() and shown.count == 2
    assert [piece.text for piece in shown.laid_out()] == [window.pane_area.panes()[0].document.text[slice(*spans[2])]]
    qtbot.keyClick(shown, Qt.Key.Key_Right)
    assert shown.index == 1 and len(shown.laid_out()) == 2
    assert "Kremlin" in shown.columns()[0].source and "DPRK" in shown.columns()[1].source
    qtbot.keyClick(shown, Qt.Key.Key_Left)
    assert shown.index == 0
    qtbot.keyClick(shown, Qt.Key.Key_Space)
    assert shown.index == 1
    qtbot.keyClick(shown, Qt.Key.Key_B)
    assert shown.blank and shown.grab().toImage().pixelColor(shown.width() // 2, shown.height() // 3).name() == "#000000"
    qtbot.keyClick(shown, Qt.Key.Key_B)
    assert not shown.blank
    qtbot.keyClick(shown, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not shown.isVisible())

    # Saved, and read back in the same order by a fresh load of the file.
    window.annotations.save_now()
    reread = load(default_annotation_path()).content.lessons[0]
    assert [(p.start, p.end) for p in reread.passages] == [spans[2], spans[0], spans[1]]
    stored = json.loads(default_annotation_path().read_text(encoding="utf-8"))
    assert stored["lessons"][0]["passages"][0]["target"]["source"] == f"urn:parallel-reader:doc:{KREMLIN}"


def test_a_reopened_window_lists_the_lesson(make_window, qtbot):
    window = make_window(KREMLIN, DPRK)
    build_three_passage_lesson(window)
    window.close()
    again = make_window(KREMLIN)
    assert again.lessons_dock.lesson_box.count() == 1
    assert again.lessons_dock.passages.count() == 3


def test_slides_at_1920x1080_use_at_least_32px_type_and_show_the_whole_passage(make_window, qtbot):
    window = make_window(KREMLIN, DPRK)
    kremlin, dprk = window.pane_area.panes()
    long_end = min(len(kremlin.document.text), 6000)  # far more than one slide holds at 32 px
    window.pane_area.set_active(kremlin)
    kremlin.view.select_range(0, long_end)
    window.actions.add_to_lesson.trigger()
    select_sentence(window, 1, "adopted the DPRK-Russia Joint Declaration")
    window.actions.add_to_lesson.trigger()
    shown = present_and_wait(window, qtbot)
    assert (shown.width(), shown.height()) == (1920, 1080)
    assert shown.pieces() > 1
    seen = []
    for _ in range(shown.pieces()):
        for piece in shown.laid_out():
            assert piece.text_px >= 32
            assert piece.document.size().height() <= shown.body_area().height()
        seen.append(shown.laid_out()[0].text)
        shown.next_slide()
    assert "".join(seen) == kremlin.document.text[:long_end]


def test_caption_and_quotes_are_shown_as_plain_text(make_window, qtbot):
    window = make_window(KREMLIN)
    select_sentence(window, 0, "visit continues")
    window.actions.add_to_lesson.trigger()
    lesson = window.annotations.content.lessons[0]
    from reader.core.lessons import set_caption

    window.annotations.apply(set_caption(window.annotations.content, lesson.id, lesson.passages[0].id, "<b>Not bold</b> & raw"), "caption")
    shown = present_and_wait(window, qtbot)
    assert "<b>Not bold</b> & raw" in shown.laid_out()[0].document.toPlainText()


def test_f5_without_a_lesson_presents_the_panes_paragraph_by_paragraph(make_window, qtbot):
    window = make_window(KREMLIN, DPRK)
    shown = present_and_wait(window, qtbot)
    first = [column.text for column in shown.columns()]
    assert len(first) == 2 and all(first)
    qtbot.keyClick(shown, Qt.Key.Key_PageDown)
    second = [column.text for column in shown.columns()]
    assert second[0] != first[0] and second[1] != first[1]  # both columns moved on together
    for pane, text in zip(window.pane_area.panes(), second):
        assert text in pane.document.text
    qtbot.keyClick(shown, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not shown.isVisible())


def test_no_document_and_no_lesson_explains_instead_of_presenting(make_window, qtbot):
    window = make_window()
    for pane in list(window.pane_area.panes()):
        window.pane_area.close_pane(pane)
    window.actions.present.trigger()
    assert window.presentation is None and "Open a document" in window.last_error


def test_adding_without_a_selection_explains(make_window, qtbot):
    window = make_window(KREMLIN)
    window.actions.add_to_lesson.trigger()
    assert "select some text" in window.last_error and window.annotations.content.lessons == ()
    wait_loaded(qtbot, window)


def test_lesson_passages_follow_an_edited_file_and_one_that_cannot_be_placed_keeps_its_quote(make_window, qtbot, tmp_path):
    path = tmp_path / "speech.txt"
    original = "Opening words. The railway link was discussed at length. Sovereignty was affirmed. Closing words.\n"
    path.write_text(original, encoding="utf-8")
    window = make_window(str(path))
    select_sentence(window, 0, "The railway link")
    window.actions.add_to_lesson.trigger()
    select_sentence(window, 0, "Sovereignty was")
    window.actions.add_to_lesson.trigger()
    window.close()
    path.write_text("A new first paragraph.\n\n" + original.replace("Sovereignty was affirmed.", "Nothing of that."), encoding="utf-8")
    reopened = make_window(str(path))
    moved, orphan = reopened.annotations.content.lessons[0].passages
    text = reopened.pane_area.panes()[0].document.text
    assert text[moved.start : moved.end] == moved.exact == "The railway link was discussed at length."
    assert orphan.exact == "Sovereignty was affirmed."  # kept, never dropped
    assert "could not be" in reopened.last_error
    shown = present_and_wait(reopened, qtbot)
    qtbot.keyClick(shown, Qt.Key.Key_Right)
    assert shown.columns()[0].text == "Sovereignty was affirmed." and "as quoted in the lesson" in shown.columns()[0].source


def test_theme_and_tag_highlights_can_be_hidden_and_shown_during_a_presentation(make_window, qtbot):
    window = make_window(KREMLIN)
    pane = window.pane_area.panes()[0]
    start = pane.document.text.index("Another priority issue was security")
    end = pane.document.text.index("threat.", start) + len("threat.")
    pane.view.select_range(start, end)
    window.annotations.create_tag("Security frame")
    pane.view.setFocus()
    qtbot.keyClick(pane.view, Qt.Key.Key_1)
    pane.view.select_range(start, end)
    window.actions.add_to_lesson.trigger()
    shown = present_and_wait(window, qtbot)
    labels = [label for label, _colour in shown.legend()]
    assert "Security frame" in labels and "ABM Treaty" in labels  # "national system of missile defence"
    qtbot.keyClick(shown, Qt.Key.Key_T)
    assert [label for label, _colour in shown.legend()] == ["Security frame"]
    qtbot.keyClick(shown, Qt.Key.Key_G)
    assert shown.legend() == []
    qtbot.keyClick(shown, Qt.Key.Key_C)
    assert shown.colors.background != "#000000"  # the window's own (light) colours
    qtbot.keyClick(shown, Qt.Key.Key_Escape)


def test_file_export_lesson_handout_writes_a_pdf_and_an_html_file(make_window, qtbot, tmp_path):
    from pypdf import PdfReader

    from reader.ui.handout_export import export_handout

    window = make_window(KREMLIN, DPRK)
    build_three_passage_lesson(window)
    lesson = window.annotations.content.lessons[0]
    for name in ("summit.pdf", "summit.html"):
        window.handout_written = None
        export_handout(window, lesson, tmp_path / name)
        qtbot.waitUntil(lambda: window.handout_written is not None, timeout=20000)
    pdf_text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(tmp_path / "summit.pdf").pages)
    html = (tmp_path / "summit.html").read_text(encoding="utf-8")
    for passage in lesson.passages:
        words = " ".join(passage.exact.split()[:4])
        assert words in pdf_text
    assert lesson.name in pdf_text and lesson.name in html and "DPRK-Russia Joint Declaration" in html


def test_a_handout_that_cannot_be_written_is_reported(make_window, qtbot, tmp_path):
    from reader.ui.handout_export import export_handout

    window = make_window(KREMLIN)
    select_sentence(window, 0, "visit continues")
    window.actions.add_to_lesson.trigger()
    export_handout(window, window.annotations.content.lessons[0], tmp_path / "no such folder" / "x.html")
    qtbot.waitUntil(lambda: window.last_error is not None, timeout=20000)
    assert "cannot write the handout" in window.last_error and "no such folder" in window.last_error


def test_a_passage_far_longer_than_forty_slides_is_paged_and_nothing_is_cut_off(make_window, qtbot, tmp_path):
    path = tmp_path / "long.txt"
    path.write_text(" ".join(f"Sentence {n} of a very long single paragraph about the railway link." for n in range(1800)), encoding="utf-8")
    window = make_window(str(path))
    pane = window.pane_area.panes()[0]
    pane.view.select_range(0, len(pane.document.text))
    window.actions.add_to_lesson.trigger()
    shown = present_and_wait(window, qtbot)
    pieces = shown.pieces()
    assert pieces > 40
    seen = []
    for _ in range(pieces):
        (piece,) = shown.laid_out()
        assert piece.document.size().height() <= shown.body_area().height() and piece.text_px >= shown.min_text_px()
        seen.append(piece.text)
        shown.next_slide()
    assert "".join(seen) == pane.document.text


def test_f5_twice_gives_one_presentation(make_window, qtbot):
    window = make_window(KREMLIN)
    select_sentence(window, 0, "visit continues")
    window.actions.add_to_lesson.trigger()
    window.presentation = None
    window.actions.present.trigger()
    window.actions.present.trigger()  # pressed again while the slides are prepared
    qtbot.waitUntil(lambda: window.presentation is not None and window.presentation.isVisible(), timeout=10000)
    first = window.presentation
    window.actions.present.trigger()
    assert window.presentation is first
    from reader.ui.presentation import PresentationWindow

    qtbot.wait(50)
    assert len([w for w in window.findChildren(PresentationWindow) if w.isVisible()]) == 1
