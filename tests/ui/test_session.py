"""Open panes, their order, sizes, zoom, geometry and appearance come back in a new window."""

from __future__ import annotations

from PySide6.QtCore import Qt

from reader.ui.appearance import ColorScheme


def test_session_is_restored_in_a_new_window(make_window, corpus, tmp_path, settings_path, qtbot):
    path = tmp_path / "mine.txt"
    path.write_text("My own notes.\n", encoding="utf-8")
    a, b = [entry.id for entry in corpus][:2]
    first = make_window(a, b, str(path), remember=True, size=(1300, 760))
    first.actions.stacked.trigger()
    first.pane_area.set_active(first.pane_area.panes()[0])
    first.actions.move_pane_later.trigger()  # order is now b, a, file
    first.actions.zoom_all.setChecked(False)
    first.actions.zoom_in.trigger()
    first.actions.scheme_dark.trigger()
    first.actions.sync_paragraph.trigger()
    first.actions.sync_enabled.setChecked(True)
    first.actions.word_wrap.setChecked(False)
    first.pane_area.splitter.setSizes([300, 200, 100])
    sizes = first.pane_area.splitter.sizes()
    window_size = (first.width(), first.height())
    first.close()
    assert settings_path.exists()

    second = make_window(remember=True)
    panes = second.pane_area.panes()
    assert [p.source.ref for p in panes] == [b, a, str(path.resolve())]
    assert [p.view.zoom for p in panes] == [100, 110, 100]
    assert [p.view.document().defaultFont().pointSizeF() for p in panes] == [p.view.font().pointSizeF() for p in panes]
    assert panes[1].view.font().pointSizeF() > panes[0].view.font().pointSizeF()
    assert second.pane_area.active_pane is panes[1]
    assert second.pane_area.splitter.orientation() == Qt.Orientation.Vertical
    restored_sizes = second.pane_area.splitter.sizes()
    assert all(abs(got - want) <= 2 for got, want in zip(restored_sizes, sizes)), (restored_sizes, sizes)  # layout rounding
    assert restored_sizes[0] > restored_sizes[1] > restored_sizes[2]
    assert second.appearance.scheme is ColorScheme.DARK
    assert second.actions.sync_enabled.isChecked() and second.actions.sync_paragraph.isChecked()
    assert not second.actions.word_wrap.isChecked()
    assert not second.actions.zoom_all.isChecked()
    assert (second.width(), second.height()) == window_size != (1400, 850)


def test_first_run_opens_two_documents_from_different_perspectives(make_window, corpus):
    window = make_window(remember=True)
    panes = window.pane_area.panes()
    assert len(panes) == 2
    perspectives = {corpus.entry(p.source.ref).metadata.perspective for p in panes}
    assert len(perspectives) == 2


def test_a_missing_file_from_the_last_session_is_reported_not_fatal(make_window, corpus, tmp_path, qtbot):
    path = tmp_path / "gone.txt"
    path.write_text("soon gone\n", encoding="utf-8")
    first = make_window(next(iter(corpus)).id, str(path), remember=True)
    first.close()
    path.unlink()
    second = make_window(remember=True)
    assert [p.source.ref for p in second.pane_area.panes()] == [next(iter(corpus)).id]
    assert "gone.txt" in second.last_error


def test_session_is_saved_shortly_after_a_change_without_closing(make_window, corpus, settings_path, qtbot):
    from reader.ui.session import SessionStore

    a, b = [entry.id for entry in corpus][:2]
    window = make_window(a, b, remember=True)
    window.actions.stacked.trigger()
    window.actions.move_pane_later.trigger()
    qtbot.waitUntil(lambda: SessionStore(settings_path).load().orientation == "vertical", timeout=5000)
    saved = SessionStore(settings_path).load()
    assert [pane["ref"] for pane in saved.panes] == [p.source.ref for p in window.pane_area.panes()]
