"""Tagging from the keyboard: key 1, Ctrl+T with type-to-filter, notes, undo and redo, the file on disk."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QInputDialog

from reader.core.store import load
from reader.ui.annotation_controller import default_annotation_path
from reader.ui.document_view import ANNOTATION_LAYER
from tests.ui.conftest import wait_loaded

DOC = "kremlin-2001-08-04"


def select(pane, phrase: str) -> tuple[int, int]:
    start = pane.view.text.index(phrase)
    pane.view.select_range(start, start + len(phrase))
    return start, start + len(phrase)


def saved_annotations(qtbot, window):
    qtbot.waitUntil(lambda: not window.annotations.dirty, timeout=5000)  # autosave happened
    return json.loads(default_annotation_path().read_text(encoding="utf-8"))


def test_ctrl_t_creates_a_tag_and_tags_the_selection_then_key_1_reuses_it(make_window, qtbot):
    window = make_window(DOC)
    pane = window.pane_area.panes()[0]
    span = select(pane, "ABM Treaty")
    picker = window.annotations.pick_tag(pane, window)
    qtbot.keyClicks(picker.field, "Strategic stability")
    qtbot.keyClick(picker.field, Qt.Key.Key_Return)
    (annotation,) = window.annotations.content.annotations
    (tag,) = window.annotations.content.codebook
    assert (annotation.start, annotation.end, annotation.exact, tag.name) == (*span, "ABM Treaty", "Strategic stability")
    second = select(pane, "missile programme")
    pane.view.setFocus()
    qtbot.keyClick(pane.view, Qt.Key.Key_1)
    assert [(a.start, a.end) for a in window.annotations.content.annotations] == [span, second]
    assert all(a.tags == (tag.id,) for a in window.annotations.content.annotations)
    drawn = [pane.view.text[h.start : h.end] for h in pane.view.layer(ANNOTATION_LAYER).items]
    assert drawn == ["ABM Treaty", "missile programme"]
    window.actions.undo.trigger()  # the key-1 tagging
    window.actions.undo.trigger()  # creating the tag and tagging were one step
    assert window.annotations.content.annotations == () and window.annotations.content.codebook == ()
    window.actions.redo.trigger()
    window.actions.redo.trigger()
    document = saved_annotations(qtbot, window)
    assert load(default_annotation_path()).content == window.annotations.content  # the file holds what the window shows
    assert [a["target"]["selector"][0]["exact"] for a in document["annotations"]] == ["ABM Treaty", "missile programme"]
    assert document["codebook"][0]["name"] == "Strategic stability"
    assert document["documents"][0]["id"] == f"urn:parallel-reader:doc:{DOC}"


def test_picker_filters_by_typing(make_window, qtbot):
    window = make_window(DOC)
    pane = window.pane_area.panes()[0]
    for name in ("Security", "Economy", "Sovereignty"):
        window.annotations.create_tag(name)
    select(pane, "railway links")
    picker = window.annotations.pick_tag(pane, window)
    qtbot.keyClicks(picker.field, "sov")
    assert [picker.list.item(i).text() for i in range(picker.list.count())] == ["Sovereignty", "Create tag “sov”"]
    qtbot.keyClick(picker.field, Qt.Key.Key_Return)
    (annotation,) = window.annotations.content.annotations
    assert annotation.tags == (window.annotations.content.codebook[2].id,)


def test_note_undo_redo_and_reopening(make_window, qtbot):
    window = make_window(DOC)
    pane = window.pane_area.panes()[0]
    window.annotations.create_tag("Security")
    select(pane, "territorial integrity")
    pane.view.setFocus()
    qtbot.keyClick(pane.view, Qt.Key.Key_1)
    dialog = window.annotations.edit_note(pane, window)
    assert isinstance(dialog, QInputDialog)
    dialog.setTextValue("<b>not bold</b> & plain")
    dialog.accept()
    (annotation,) = window.annotations.content.annotations
    assert annotation.note == "<b>not bold</b> & plain"
    assert "Note: <b>not bold</b> & plain" in pane.view.tooltip_at(annotation.start + 1)  # escaped when shown
    window.actions.undo.trigger()
    assert window.annotations.content.annotations[0].note == ""
    window.actions.undo.trigger()
    assert window.annotations.content.annotations == ()
    assert pane.view.layer(ANNOTATION_LAYER).items == []
    window.actions.redo.trigger()
    window.actions.redo.trigger()
    assert window.annotations.content.annotations[0].note == "<b>not bold</b> & plain"
    on_disk = saved_annotations(qtbot, window)
    assert on_disk["annotations"][0]["body"][1]["value"] == "<b>not bold</b> & plain"
    window.close()
    reopened = make_window(DOC)
    view = reopened.pane_area.panes()[0].view
    assert [view.text[h.start : h.end] for h in view.layer(ANNOTATION_LAYER).items] == ["territorial integrity"]
    assert load(default_annotation_path()).content.annotations[0].note == "<b>not bold</b> & plain"


def test_an_unreadable_annotation_file_is_never_overwritten(make_window, qtbot):
    path = default_annotation_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text('{"format": "parallel-reader/annotations", "version": 1, "documents": [', encoding="utf-8")
    window = make_window(DOC)
    assert str(path) in window.last_error and "line 1" in window.last_error
    pane = window.pane_area.panes()[0]
    select(pane, "ABM Treaty")
    pane.view.setFocus()
    qtbot.keyClick(pane.view, Qt.Key.Key_1)
    window.annotations.create_tag("X")
    window.close()
    assert path.read_text(encoding="utf-8").endswith("[")
    assert window.annotations.content.annotations == ()
    for widget in QApplication.topLevelWidgets():
        widget.close()


def test_key_without_selection_or_tags_explains(make_window, qtbot):
    window = make_window(DOC)
    pane = window.pane_area.panes()[0]
    pane.view.setFocus()
    qtbot.keyClick(pane.view, Qt.Key.Key_1)
    assert "no tag 1" in window.last_error
    window.annotations.create_tag("Security")
    qtbot.keyClick(pane.view, Qt.Key.Key_1)
    assert "Select the text" in window.last_error


def test_right_click_menu_tags_as_a_chosen_tag(make_window):
    from PySide6.QtWidgets import QMenu

    window = make_window(DOC)
    pane = window.pane_area.panes()[0]
    window.annotations.create_tag("Security")
    window.annotations.create_tag("Economy")
    span = select(pane, "joint extraction")
    menu = QMenu()
    pane.view.context_menu_opening.emit(menu)
    tag_menu = next(a.menu() for a in menu.actions() if a.menu() is not None and "Tag" in a.text())
    assert [a.text() for a in tag_menu.actions() if a.text()] == ["&1 Security", "&2 Economy", "&New Tag…"]
    next(a for a in tag_menu.actions() if a.text() == "&2 Economy").trigger()
    (annotation,) = window.annotations.content.annotations
    assert (annotation.start, annotation.end) == span and annotation.tags == (window.annotations.content.codebook[1].id,)
    window.actions.undo.trigger()
    assert window.annotations.content.annotations == ()
    window.actions.redo.trigger()
    assert window.annotations.content.annotations == (annotation,)
    dock = window.annotations_dock
    dock.table.selectRow(0)
    dock.edit_requested.emit(dock.selected_ids()[0])
    dialog = next(w for w in QApplication.topLevelWidgets() if isinstance(w, QInputDialog) and w.isVisible())
    dialog.setTextValue("from the dock")
    dialog.accept()
    assert window.annotations.content.annotations[0].note == "from the dock"


def test_a_second_window_on_the_same_file_is_read_only(make_window, qtbot):
    first = make_window(DOC)
    first.annotations.create_tag("Security")
    second = make_window(DOC)
    assert second.annotations.read_only and not first.annotations.read_only
    assert "already open" in second.last_error and "read-only" in second.last_error
    pane = second.pane_area.panes()[0]
    select(pane, "ABM Treaty")
    pane.view.setFocus()
    second.annotations.create_tag("Other")
    assert second.annotations.content.codebook == ()  # refused, with a message
    first.close()
    third = make_window(DOC)
    assert not third.annotations.read_only  # the first window let go of the file


def test_a_change_by_another_program_is_offered_for_reload_and_not_overwritten(make_window, qtbot):
    from reader.core.annotations import AnnotationSet
    from reader.core.codebook import add_tag
    from reader.core.store import save

    window = make_window(DOC)
    window.annotations.create_tag("Mine")
    saved_annotations(qtbot, window)
    path = default_annotation_path()
    time_before = path.stat().st_mtime_ns
    theirs, _tag = add_tag(AnnotationSet(), "Theirs", "#123456")
    save(path, theirs)  # another program writes the file
    assert path.stat().st_mtime_ns != time_before
    qtbot.waitUntil(lambda: window.annotations.reload_prompt is not None, timeout=5000)
    window.annotations.create_tag("Mine too")  # an edit now must not overwrite their version
    window.annotations.save_now()
    assert [t.name for t in load(path).content.codebook] == ["Theirs"]
    assert len([w for w in QApplication.topLevelWidgets() if w.isVisible() and "another program" in getattr(w, "text", lambda: "")()]) == 1
    next(b for b in window.annotations.reload_prompt.buttons() if b.text() == "Reload").click()
    assert [t.name for t in window.annotations.content.codebook] == ["Theirs"]
    window.annotations.create_tag("After reload")
    window.annotations.save_now()
    assert [t.name for t in load(path).content.codebook] == ["Theirs", "After reload"]


def test_annotations_follow_an_edited_file_and_orphans_are_kept(make_window, qtbot, tmp_path):
    path = tmp_path / "speech.txt"
    original = "Opening words. The railway link was discussed at length. Sovereignty was affirmed. Closing words.\n"
    path.write_text(original, encoding="utf-8")
    window = make_window(str(path))
    pane = window.pane_area.panes()[0]
    window.annotations.create_tag("Rail")
    select(pane, "railway link")
    pane.view.setFocus()
    qtbot.keyClick(pane.view, Qt.Key.Key_1)
    select(pane, "Sovereignty was affirmed")
    qtbot.keyClick(pane.view, Qt.Key.Key_1)
    window.close()
    path.write_text("A new first paragraph.\n\n" + original.replace("Sovereignty was affirmed", "Nothing of that"), encoding="utf-8")
    reopened = make_window(str(path))
    view = reopened.pane_area.panes()[0].view
    assert [view.text[h.start : h.end] for h in view.layer(ANNOTATION_LAYER).items] == ["railway link"]
    assert "could not be" in reopened.last_error and "Sovereignty was affirmed" in reopened.last_error
    kept = reopened.annotations.content.annotations
    assert len(kept) == 2  # the orphan is not dropped
    qtbot.waitUntil(lambda: not reopened.annotations.dirty, timeout=5000)
    assert len(load(default_annotation_path()).content.annotations) == 2


def test_annotations_dock_lists_filters_jumps_and_deletes(make_window, qtbot):
    window = make_window(DOC)
    pane = window.pane_area.panes()[0]
    window.annotations.create_tag("Security")
    window.annotations.create_tag("Economy")
    for phrase, key in (("ABM Treaty", Qt.Key.Key_1), ("joint extraction", Qt.Key.Key_2), ("magnesium", Qt.Key.Key_2)):
        select(pane, phrase)
        pane.view.setFocus()
        qtbot.keyClick(pane.view, key)
    dock = window.annotations_dock
    model = dock.model
    assert [model.index(r, 1).data() for r in range(model.rowCount())] == ["ABM Treaty", "joint extraction", "magnesium"]
    dock.filter_field.setText("economy")
    assert len(dock.visible_ids()) == 2
    dock.filter_field.clear()
    window.pane_area.close_pane(pane)  # jumping opens the document again
    target = window.annotations.content.annotations[2]
    window.go_to_annotation(target.id)
    wait_loaded(qtbot, window)
    reopened = window.pane_area.panes()[0]
    assert reopened.view.selection_offsets() == (target.start, target.end)
    dock.table.selectRow(dock.proxy.mapFromSource(model.index(0, 0)).row())
    dock.delete_requested.emit(dock.selected_ids())
    assert [a.exact for a in window.annotations.content.annotations] == ["joint extraction", "magnesium"]
    window.actions.undo.trigger()
    assert len(window.annotations.content.annotations) == 3


def test_new_save_as_and_open_annotation_files_and_the_title(make_window, qtbot, tmp_path):
    window = make_window(DOC)
    pane = window.pane_area.panes()[0]
    window.annotations.create_tag("Security")
    select(pane, "ABM Treaty")
    pane.view.setFocus()
    qtbot.keyClick(pane.view, Qt.Key.Key_1)
    assert "annotations.json" in window.windowTitle() and window.isWindowModified()
    other = tmp_path / "project" / "mine.json"
    window.annotations.switch_to(other, keep_content=True)  # Save As
    assert "mine.json" in window.windowTitle() and not window.isWindowModified()
    assert [a.exact for a in load(other).content.annotations] == ["ABM Treaty"]
    fresh = tmp_path / "project" / "empty.json"
    window.annotations.switch_to(fresh)  # New
    assert window.annotations.content.annotations == () and pane.view.layer(ANNOTATION_LAYER).items == []
    window.annotations.switch_to(other)  # Open
    assert [pane.view.text[h.start : h.end] for h in pane.view.layer(ANNOTATION_LAYER).items] == ["ABM Treaty"]
    assert load(default_annotation_path()).content.annotations[0].exact == "ABM Treaty"  # the first file was saved too


def test_import_another_annotators_file_and_export(make_window, qtbot, tmp_path):
    import csv

    from reader.core.annotations import Annotation, AnnotationSet, Tag
    from reader.core.store import save
    from reader.ui.window_annotations import export_annotations_to, import_annotations_from

    window = make_window(DOC)
    theirs = tmp_path / "colleague.json"
    tag = Tag("urn:uuid:00000000-0000-4000-8000-0000000000c1", "Sovereignty frame", "#1b9e77")
    text = window.pane_area.panes()[0].view.text
    start = text.index("territorial integrity")
    save(theirs, AnnotationSet((), (tag,), (Annotation("urn:uuid:00000000-0000-4000-8000-0000000000c2", f"urn:parallel-reader:doc:{DOC}", start, start + 21, "territorial integrity", tags=(tag.id,), creator="Colleague"),)))
    assert import_annotations_from(window, theirs) == 1
    (annotation,) = window.annotations.content.annotations
    assert annotation.creator == "Colleague"
    view = window.pane_area.panes()[0].view
    assert [view.text[h.start : h.end] for h in view.layer(ANNOTATION_LAYER).items] == ["territorial integrity"]
    out = tmp_path / "export.csv"
    export_annotations_to(window, out)
    rows = list(csv.reader(out.read_text(encoding="utf-8").splitlines()))
    assert rows[1][:5] == [DOC, "territorial integrity", "Sovereignty frame", "", "Colleague"]
    window.actions.undo.trigger()
    assert window.annotations.content.annotations == ()


def test_an_orphan_is_re_attached_to_selected_text(make_window, qtbot, tmp_path):
    path = tmp_path / "speech.txt"
    path.write_text("The railway link was discussed. Sovereignty was affirmed.\n", encoding="utf-8")
    window = make_window(str(path))
    pane = window.pane_area.panes()[0]
    window.annotations.create_tag("Frame")
    select(pane, "Sovereignty was affirmed")
    pane.view.setFocus()
    qtbot.keyClick(pane.view, Qt.Key.Key_1)
    window.close()
    path.write_text("The railway link was discussed. Independence was stressed.\n", encoding="utf-8")
    reopened = make_window(str(path))
    pane = reopened.pane_area.panes()[0]
    (orphan,) = reopened.annotations.orphans[pane.document.iri]
    select(pane, "Independence was stressed")
    reopened.annotations_dock.reattach_requested.emit(orphan.id)
    (annotation,) = reopened.annotations.content.annotations
    assert annotation.exact == "Independence was stressed" and not reopened.annotations.orphans[pane.document.iri]
    assert [pane.view.text[h.start : h.end] for h in pane.view.layer(ANNOTATION_LAYER).items] == ["Independence was stressed"]


def test_a_broken_file_names_its_backups(make_window, qtbot):
    from reader.core.store import backup_paths

    first = make_window(DOC)
    first.annotations.create_tag("A")
    first.annotations.save_now()
    first.annotations.create_tag("B")
    first.annotations.save_now()  # the first version is now a backup
    first.close()
    path = default_annotation_path()
    path.write_text("{ broken", encoding="utf-8")
    window = make_window(DOC)
    assert backup_paths(path)[0].name in window.last_error
    window.annotations.switch_to(backup_paths(path)[0])  # File > Open Annotation File on the backup
    assert [t.name for t in window.annotations.content.codebook] == ["A"]
    assert path.read_text(encoding="utf-8") == "{ broken"


def test_annotator_name_is_recorded_and_remembered(make_window, qtbot):
    window = make_window(DOC)
    dialog = window.annotations.ask_creator(window)
    dialog.setTextValue("Dr. Kim")
    dialog.accept()
    window.annotations.create_tag("Security")
    pane = window.pane_area.panes()[0]
    select(pane, "ABM Treaty")
    pane.view.setFocus()
    qtbot.keyClick(pane.view, Qt.Key.Key_1)
    assert window.annotations.content.annotations[0].creator == "Dr. Kim"
    assert make_window(DOC).annotations.creator() == "Dr. Kim"
