"""Tagging in the window: the annotation file, edits as undoable commands, autosave, and drawing.

The annotation set is immutable; every edit replaces it through one QUndoStack, so undo and
redo restore exactly what was there. The file is saved a moment after each change and on
quit, atomically (reader.core.store). A file that cannot be read is never overwritten.
"""

from __future__ import annotations

import getpass
import hashlib
from dataclasses import replace
from pathlib import Path
from typing import Callable

from PySide6.QtCore import QFileSystemWatcher, QLockFile, QObject, QTimer, Signal
from PySide6.QtGui import QColor, QTextCharFormat, QUndoCommand, QUndoStack

from reader.core.anchoring import context_of, reanchor
from reader.core.annotations import Annotation, AnnotationSet, new_id, now
from reader.core.codebook import add_tag
from reader.core.errors import ReaderError
from reader.core.paths import user_data_dir
from reader.core.store import AnnotationFileError, backup_paths, load, save
from reader.ui.highlights import Highlight, HighlightLayer
from reader.ui.session import user_settings
from reader.ui.annotation_dialogs import AnnotationDialogs
from reader.ui.pane import DocumentPane

AUTOSAVE_DELAY_MS = 800
# Colours for new tags. Each one's tint keeps text legible (4.5:1) on the page and over any theme
# highlight, in every appearance (tests/ui/test_contrast.py): dark goldenrod, not a light yellow.
TAG_COLOURS = ("#d95f02", "#1b9e77", "#7570b3", "#e7298a", "#66a61e", "#b8860b", "#a6761d", "#1f78b4", "#b2182b", "#4d4d4d")
UNTAGGED_COLOUR = "#808080"  # an annotation without a tag, or with one missing from the codebook
TAG_TINT_ALPHA = 70  # of 255: how strongly an annotation's tag colour tints the passage


def tag_tint(colour: str) -> QColor:
    """The translucent background an annotation with this tag colour is drawn with."""
    tint = QColor(colour)
    tint.setAlpha(TAG_TINT_ALPHA)
    return tint


CREATOR_KEY = "annotations/creator"


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _state_of(path: Path) -> tuple[int, int] | None:
    """What tells one version of the file from another: modification time and size."""
    try:
        status = path.stat()
    except OSError:
        return None
    return status.st_mtime_ns, status.st_size


def default_annotation_path() -> Path:
    """The annotation file used unless the user chooses another."""
    return user_data_dir() / "annotations.json"


class _Replace(QUndoCommand):
    """One edit: the whole annotation set before and after."""

    def __init__(self, controller: "AnnotationController", before: AnnotationSet, after: AnnotationSet, text: str) -> None:
        super().__init__(text)
        self._controller, self._before, self._after = controller, before, after

    def redo(self) -> None:
        self._controller._set_content(self._after)

    def undo(self) -> None:
        self._controller._set_content(self._before)


class AnnotationController(AnnotationDialogs, QObject):
    """Owns the annotation set of the window and its file."""

    changed = Signal()
    changed_on_disk = Signal()  # someone else wrote the file: offer to reload
    saved_state_changed = Signal()  # saved or dirty, or another file

    def __init__(self, report_problem: Callable[[str], None], path: Path | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.path = path or default_annotation_path()
        self.report_problem = report_problem
        self._lock: QLockFile | None = None
        self._locked_out = False  # another window holds the file
        self.broken = ""  # why the file could not be read, if it could not
        self.reload_prompt = None  # the open "changed by another program" question, if any
        self.last_question = None  # the latest open question dialog (for tests and focus)
        self.orphans: dict[str, list[Annotation]] = {}  # per document IRI: annotations that could not be placed
        self.undo_stack = QUndoStack(self)
        self.content = AnnotationSet()
        self.read_only = False
        self.dirty = False  # changed since the last save
        self._autosave = QTimer(self, singleShot=True, interval=AUTOSAVE_DELAY_MS)
        self._autosave.timeout.connect(self.save_now)
        self._disk_state: tuple[int, int] | None = None  # (mtime_ns, size) of what we last read or wrote
        self._outside_change = False
        self._watcher = QFileSystemWatcher(self)
        self._watcher.fileChanged.connect(self._file_changed)
        self._load()
        self._watch()

    def _load(self) -> None:
        self._lock_file()
        self._load_content()

    def _load_content(self) -> None:
        if not self.path.exists():
            return
        try:
            loaded = load(self.path)
        except AnnotationFileError as error:
            self.read_only = True
            self.broken = str(error)
            backups = " A backup can be opened with File ▸ Open Annotation File: " + ", ".join(p.name for p in self.backups()) if self.backups() else ""
            self.report_problem(f"Your annotations could not be opened, and the file will not be changed. {error}.{backups}")
            return
        self.content = loaded.content
        self._disk_state = _state_of(self.path)
        if loaded.read_only and not self.read_only:
            self.read_only = True
            self.report_problem(f"{self.path} is open read-only: {loaded.reason}.")

    def _lock_file(self) -> None:
        """Only one window may write a file: a second one opens it read-only and is told why."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = QLockFile(str(self.path.with_name(self.path.name + ".lock")))
        self._lock.setStaleLockTime(0)  # a lock is stale only when its process is gone
        if self._lock.tryLock(0):
            return
        self._locked_out = self.read_only = True
        info = self._lock.getLockInfo()  # (pid, host, application), with a leading bool in some bindings
        pid, host = info[-3], info[-2]
        holder = f"process {pid} on {host}" if pid else "another program"
        self.report_problem(f"{self.path} is already open in {holder}, so it is open read-only here: changes would be lost.")

    def release(self) -> None:
        """Give the file up (on close), so another window may write it."""
        if self._lock is not None and self._lock.isLocked():
            self._lock.unlock()

    # --- edits -----------------------------------------------------------------------------------
    def apply(self, after: AnnotationSet, description: str) -> bool:
        """Make an undoable edit; refused (with a message) when the file is read-only."""
        if self.read_only:
            self.report_problem(f"{self.path} is read-only here, so this change was not made.")
            return False
        self.undo_stack.push(_Replace(self, self.content, after, description))
        return True

    def _set_content(self, content: AnnotationSet) -> None:
        self.content = content
        self.dirty = True
        self._autosave.start()
        self.changed.emit()
        self.saved_state_changed.emit()

    def switch_to(self, path: Path, keep_content: bool = False) -> None:
        """Use another annotation file: New (an empty one), Open (an existing one), or Save As (`keep_content`)."""
        self.save_now()
        content = self.content if keep_content else None
        self.release()
        if self._watcher.files():
            self._watcher.removePaths(self._watcher.files())
        self.path, self.read_only, self._locked_out, self._outside_change = Path(path), False, False, False
        self.content, self.dirty, self.orphans = AnnotationSet(), False, {}
        self.undo_stack.clear()
        self._load()
        if content is not None and not self.read_only:
            self.content, self.dirty = content, True
            self._disk_state = _state_of(self.path)
            self.save_now()
        self._watch()
        self.changed.emit()
        self.saved_state_changed.emit()

    def document_shown(self, pane: DocumentPane) -> None:
        """Re-anchor the document's annotations and lesson passages if its text changed since (sha256 differs)."""
        document = pane.document
        if document is None:
            return
        recorded = next((d for d in self.content.documents if d.get("id") == document.iri), None)
        mine = [a for a in self.content.annotations if a.document == document.iri]
        passages = {p.id: p for item in self.content.lessons for p in item.passages if p.document == document.iri}
        if recorded is None or not (mine or passages) or recorded.get("sha256") in (None, _sha256(document.text)):
            return
        placed, orphans = reanchor(document.text, mine + [p.as_annotation() for p in passages.values()])
        self.orphans[document.iri] = [a for a in orphans if a.id not in passages]
        moved = {a.id: a for a in placed}
        annotations = tuple(moved.get(a.id, a) for a in self.content.annotations)
        lessons = tuple(
            replace(item, passages=tuple(p.placed(moved[p.id]) if p.id in moved else p for p in item.passages)) for item in self.content.lessons
        )
        # Orphans keep their old place in the file (never dropped): annotations are not drawn until
        # re-attached, and a lesson shows the passage's quote as it was when it was chosen.
        if not self.read_only:
            documents = self.with_document(pane) if not orphans else self.content.documents
            self.apply(replace(self.content, documents=documents, annotations=annotations, lessons=lessons), "Re-anchor annotations")
        if orphans:
            quotes = "\n".join(f"• “{a.exact[:80]}”" for a in orphans[:10]) + ("\n…" if len(orphans) > 10 else "")
            self.report_problem(
                f"{document.title} has changed since it was annotated. {len(placed)} annotations and lesson passages were placed again; "
                f"{len(orphans)} could not be and are kept unplaced:\n{quotes}"
            )

    def tag_selection(self, pane: DocumentPane, tag_id: str) -> Annotation | None:
        """Tag the selected text of a pane (adding the tag to an annotation on exactly that span)."""
        if pane.document is None:
            return None
        start, end = pane.view.selection_offsets()
        if start == end:
            self.report_problem("Select the text to tag first.")
            return None
        text = pane.document.text
        existing = next((a for a in self.content.annotations if a.document == pane.document.iri and (a.start, a.end) == (start, end)), None)
        if existing is not None:
            if tag_id in existing.tags:
                return existing
            annotation = existing.edited(tags=(*existing.tags, tag_id))
            annotations = tuple(annotation if a.id == existing.id else a for a in self.content.annotations)
        else:
            prefix, suffix = context_of(text, start, end)
            stamp = now()
            annotation = Annotation(new_id(), pane.document.iri, start, end, text[start:end], prefix, suffix, (tag_id,), "", self.creator(), stamp, stamp)
            annotations = (*self.content.annotations, annotation)
        tag_name = next((t.name for t in self.content.codebook if t.id == tag_id), "tag")
        documents = self.with_document(pane)
        self.apply(replace(self.content, documents=documents, annotations=annotations), f"Tag as {tag_name}")
        return annotation

    def create_tag(self, name: str) -> str:
        """Add a tag with the next colour; returns its id (ReaderError if the name is taken or empty)."""
        colour = TAG_COLOURS[len(self.content.codebook) % len(TAG_COLOURS)]
        after, tag = add_tag(self.content, name, colour)
        self.apply(after, f"New tag {tag.name}")
        return tag.id

    def tag_by_number(self, pane: DocumentPane, number: int) -> None:
        """Keys 1–9: tag the selection with the n-th tag of the codebook."""
        if number > len(self.content.codebook):
            self.report_problem(f"There is no tag {number} yet: create tags with Tag Selection… (Ctrl+T).")
            return
        self.tag_selection(pane, self.content.codebook[number - 1].id)

    def reattach(self, annotation_id: str, pane: DocumentPane) -> bool:
        """Put an (orphaned) annotation on the text selected in `pane`."""
        start, end = pane.view.selection_offsets()
        if pane.document is None or start == end:
            self.report_problem("Select the text the annotation belongs to, then re-attach it.")
            return False
        text = pane.document.text
        prefix, suffix = context_of(text, start, end)
        annotations = tuple(
            a.edited(document=pane.document.iri, start=start, end=end, exact=text[start:end], prefix=prefix, suffix=suffix) if a.id == annotation_id else a
            for a in self.content.annotations
        )
        for iri, orphans in list(self.orphans.items()):
            self.orphans[iri] = [a for a in orphans if a.id != annotation_id]
        documents = self.with_document(pane) if not self.orphans.get(pane.document.iri) else self.content.documents
        return self.apply(replace(self.content, documents=documents, annotations=annotations), "Re-attach annotation")

    def creator(self) -> str:
        """The name written as each new annotation's creator (Edit ▸ Annotator Name; the login name until set)."""
        return str(user_settings().value(CREATOR_KEY, "") or getpass.getuser())

    def set_creator(self, name: str) -> None:
        """Remember the annotator's name for new annotations."""
        settings = user_settings()
        settings.setValue(CREATOR_KEY, name.strip())
        settings.sync()

    def backups(self) -> list[Path]:
        """The rotated backups of the annotation file that exist, newest first."""
        return [path for path in backup_paths(self.path) if path.exists()]

    def delete_annotations(self, annotation_ids: list[str]) -> None:
        """Delete annotations (one undo step)."""
        doomed = set(annotation_ids)
        if not doomed:
            return
        annotations = tuple(a for a in self.content.annotations if a.id not in doomed)
        label = "Delete annotation" if len(doomed) == 1 else f"Delete {len(doomed)} annotations"
        self.apply(replace(self.content, annotations=annotations), label)

    def set_note(self, annotation_id: str, note: str) -> None:
        """Replace an annotation's note (plain text)."""
        annotations = tuple(a.edited(note=note) if a.id == annotation_id else a for a in self.content.annotations)
        self.apply(replace(self.content, annotations=annotations), "Edit note")

    def annotations_at(self, pane: DocumentPane, offset: int) -> list[Annotation]:
        """Annotations of the pane's document that contain `offset`."""
        if pane.document is None:
            return []
        return [a for a in self.content.annotations if a.document == pane.document.iri and a.start <= offset < max(a.end, a.start + 1)]

    def with_document(self, pane: DocumentPane) -> tuple[dict, ...]:
        """The file's document list, with the pane's document recorded (id, path, sha256)."""
        document = pane.document
        assert document is not None
        entry = {"id": document.iri, "sha256": _sha256(document.text)}
        if document.path is not None:
            entry["path"] = str(document.path)
        others = tuple(d for d in self.content.documents if d.get("id") != document.iri)
        return (*others, entry)

    # --- file --------------------------------------------------------------------------------------
    def save_now(self) -> None:
        """Write the file now (autosave and quit call this); never when read-only."""
        self._autosave.stop()
        if self.read_only or not self.dirty:
            return
        if self._outside_change or _state_of(self.path) != self._disk_state:
            self._outside_change = True  # never overwrite someone else's change unasked
            self.changed_on_disk.emit()
            return
        try:
            save(self.path, self.content)
            self._disk_state = _state_of(self.path)
            self.dirty = False
            self._watch()
            self.saved_state_changed.emit()
        except OSError as error:
            self.report_problem(f"Your annotations could not be saved to {self.path} ({error.strerror or error}). They are kept in memory; try again or use another file.")
        except ReaderError as error:
            self.report_problem(str(error))

    def _watch(self) -> None:
        # Re-added after each save: the rename replaces the file the watcher was following.
        if self.path.exists() and str(self.path) not in self._watcher.files():
            self._watcher.addPath(str(self.path))

    def _file_changed(self, _path: str) -> None:
        self._watch()
        if _state_of(self.path) != self._disk_state and not self._outside_change:
            self._outside_change = True
            self.changed_on_disk.emit()

    def reload(self) -> None:
        """Take the file as it is on disk now (the other program's version); undo history starts afresh."""
        self._outside_change = False
        self.undo_stack.clear()
        self.content = AnnotationSet()
        self.dirty = False
        self.read_only = self._locked_out  # a file problem is looked at afresh; another window's lock still holds
        self._load_content()
        self.changed.emit()

    def keep_mine(self) -> None:
        """Overwrite the other program's change with what this window shows, at the next save."""
        self._outside_change = False
        self._disk_state = _state_of(self.path)
        self.dirty = True
        self.save_now()

    # --- drawing -----------------------------------------------------------------------------------
    def layer_for(self, pane: DocumentPane) -> HighlightLayer:
        """Highlights for the pane's annotations: a tinted box with a dashed underline in the tag's colour."""
        if pane.document is None:
            return HighlightLayer()
        colours = {tag.id: tag.color for tag in self.content.codebook}
        names = {tag.id: tag.name for tag in self.content.codebook}
        highlights = []
        orphaned = {a.id for a in self.orphans.get(pane.document.iri, [])}
        for annotation in self.content.annotations:
            if annotation.document != pane.document.iri or annotation.id in orphaned:
                continue
            colour = QColor(colours.get(annotation.tags[0], UNTAGGED_COLOUR) if annotation.tags else UNTAGGED_COLOUR)
            char_format = QTextCharFormat()
            char_format.setBackground(tag_tint(colour.name()))
            char_format.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DashUnderline)
            char_format.setUnderlineColor(colour)
            char_format.setFontUnderline(True)
            tip = "Tags: " + ", ".join(names.get(t, "?") for t in annotation.tags)
            if annotation.note:
                tip += "\nNote: " + annotation.note
            char_format.setToolTip(tip)
            highlights.append(Highlight(annotation.start, annotation.end, char_format))
        return HighlightLayer(highlights)
