"""Lessons: ordered passages chosen for a class, kept in the annotation file under "lessons".

A passage points into a document the way an annotation's target does (source IRI, a quote and
a position), so it is re-anchored the same way and other tools can read it. Versions that do
not know lessons keep them as an unknown top-level field. Every function returns a new
AnnotationSet, so the UI can push the change on its undo stack.
"""

from __future__ import annotations

from dataclasses import replace

from reader.core.anchoring import context_of
from reader.core.annotations import AnnotationSet, Lesson, Passage, new_id, now
from reader.core.errors import ReaderError

DEFAULT_LESSON_NAME = "Lesson"


def new_passage(document: str, text: str, start: int, end: int, caption: str = "") -> Passage:
    """A passage on text[start:end] of the document with this IRI (its context kept as an annotation's is)."""
    if not 0 <= start < end <= len(text):
        raise ReaderError("select some text first")
    prefix, suffix = context_of(text, start, end)
    return Passage(new_id(), document, start, end, text[start:end], prefix, suffix, caption)


def lesson(content: AnnotationSet, lesson_id: str) -> Lesson:
    """The lesson with this id (ReaderError if there is none)."""
    for found in content.lessons:
        if found.id == lesson_id:
            return found
    raise ReaderError(f"no lesson with id {lesson_id}")


def _with_lesson(content: AnnotationSet, changed: Lesson) -> AnnotationSet:
    changed = replace(changed, modified=now())
    return replace(content, lessons=tuple(changed if item.id == changed.id else item for item in content.lessons))


def add_lesson(content: AnnotationSet, name: str = "") -> tuple[AnnotationSet, Lesson]:
    """Append a new, empty lesson; a blank name becomes "Lesson N"."""
    name = name.strip() or f"{DEFAULT_LESSON_NAME} {len(content.lessons) + 1}"
    created = Lesson(new_id(), name, (), now())
    return replace(content, lessons=(*content.lessons, created)), created


def rename_lesson(content: AnnotationSet, lesson_id: str, name: str) -> AnnotationSet:
    """Give a lesson another name (not blank)."""
    if not name.strip():
        raise ReaderError("a lesson needs a name")
    return _with_lesson(content, replace(lesson(content, lesson_id), name=name.strip()))


def delete_lesson(content: AnnotationSet, lesson_id: str) -> AnnotationSet:
    """Remove a lesson and its passages (the documents and annotations are untouched)."""
    lesson(content, lesson_id)
    return replace(content, lessons=tuple(item for item in content.lessons if item.id != lesson_id))


def add_passages(content: AnnotationSet, lesson_id: str, passages: list[Passage]) -> AnnotationSet:
    """Append passages to a lesson, skipping any the lesson already has (same document and span)."""
    target = lesson(content, lesson_id)
    present = {(p.document, p.start, p.end) for p in target.passages}
    fresh = []
    for passage in passages:
        if (passage.document, passage.start, passage.end) not in present:
            present.add((passage.document, passage.start, passage.end))
            fresh.append(passage)
    return _with_lesson(content, replace(target, passages=(*target.passages, *fresh)))


def move_passage(content: AnnotationSet, lesson_id: str, passage_id: str, index: int) -> AnnotationSet:
    """Move a passage to position `index` (clamped to the lesson)."""
    target = lesson(content, lesson_id)
    passages = list(target.passages)
    moving = next((p for p in passages if p.id == passage_id), None)
    if moving is None:
        raise ReaderError(f"no passage with id {passage_id}")
    passages.remove(moving)
    passages.insert(max(0, min(index, len(passages))), moving)
    return _with_lesson(content, replace(target, passages=tuple(passages)))


def remove_passages(content: AnnotationSet, lesson_id: str, passage_ids: set[str]) -> AnnotationSet:
    """Take passages out of a lesson."""
    target = lesson(content, lesson_id)
    return _with_lesson(content, replace(target, passages=tuple(p for p in target.passages if p.id not in passage_ids)))


def set_caption(content: AnnotationSet, lesson_id: str, passage_id: str, caption: str) -> AnnotationSet:
    """Give a passage another caption (blank removes it)."""
    target = lesson(content, lesson_id)
    if not any(p.id == passage_id for p in target.passages):
        raise ReaderError(f"no passage with id {passage_id}")
    passages = tuple(replace(p, caption=caption.strip()) if p.id == passage_id else p for p in target.passages)
    return _with_lesson(content, replace(target, passages=passages))


def passages_with_tag(content: AnnotationSet, tag_id: str) -> list[Passage]:
    """A passage for every annotation carrying the tag, in document order; its note becomes the caption."""
    tagged = sorted((a for a in content.annotations if tag_id in a.tags), key=lambda a: (a.document, a.start, a.end))
    return [Passage(new_id(), a.document, a.start, a.end, a.exact, a.prefix, a.suffix, a.note.strip()) for a in tagged]
