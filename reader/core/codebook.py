"""Codebook operations on an annotation set: create, rename, recolour, reorder, merge and delete tags.

Each returns a new AnnotationSet (the set is immutable), so the UI can keep the old one
for undo.
"""

from __future__ import annotations

from dataclasses import replace
from enum import Enum

from reader.core.annotations import AnnotationSet, Tag, new_id
from reader.core.errors import ReaderError


class TagInUse(str, Enum):
    """What deleting a tag does to the annotations that carry it."""

    UNTAG = "untag"  # the annotations stay, without this tag (and are removed if it was their only content)
    DELETE = "delete"  # the annotations carrying the tag are deleted
    REASSIGN = "reassign"  # the annotations get another tag instead


def _tag(content: AnnotationSet, tag_id: str) -> Tag:
    for tag in content.codebook:
        if tag.id == tag_id:
            return tag
    raise ReaderError(f"no tag with id {tag_id}")


def add_tag(content: AnnotationSet, name: str, color: str, description: str = "", parent: str | None = None) -> tuple[AnnotationSet, Tag]:
    """Append a new tag; names must be unique among siblings."""
    name = name.strip()
    if not name:
        raise ReaderError("a tag needs a name")
    if any(t.name.casefold() == name.casefold() and t.parent == parent for t in content.codebook):
        raise ReaderError(f"there is already a tag named {name!r} here")
    if parent is not None:
        _tag(content, parent)
    tag = Tag(new_id(), name, color, description, parent)
    return replace(content, codebook=(*content.codebook, tag)), tag


def update_tag(content: AnnotationSet, tag_id: str, **changes: object) -> AnnotationSet:
    """Rename, recolour, re-describe or re-parent a tag (never under itself or its descendants)."""
    tag = _tag(content, tag_id)
    parent = changes.get("parent", tag.parent)
    while parent is not None:
        if parent == tag_id:
            raise ReaderError("a tag cannot be placed under itself")
        parent = _tag(content, str(parent)).parent
    return replace(content, codebook=tuple(replace(t, **changes) if t.id == tag_id else t for t in content.codebook))


def move_tag(content: AnnotationSet, tag_id: str, new_index: int) -> AnnotationSet:
    """Put a tag at another place in the codebook's order."""
    tags = [t for t in content.codebook if t.id != tag_id]
    tags.insert(max(0, min(new_index, len(tags))), _tag(content, tag_id))
    return replace(content, codebook=tuple(tags))


def merge_tags(content: AnnotationSet, source_id: str, target_id: str) -> AnnotationSet:
    """Fold `source` into `target`: its annotations carry `target` instead, its children move under it."""
    if source_id == target_id:
        return content
    _tag(content, source_id), _tag(content, target_id)
    annotations = []
    for annotation in content.annotations:
        if source_id in annotation.tags:
            tags = tuple(dict.fromkeys(target_id if t == source_id else t for t in annotation.tags))
            annotation = annotation.edited(tags=tags)
        annotations.append(annotation)
    codebook = tuple(replace(t, parent=target_id) if t.parent == source_id else t for t in content.codebook if t.id != source_id)
    return replace(content, codebook=codebook, annotations=tuple(annotations))


def delete_tag(content: AnnotationSet, tag_id: str, in_use: TagInUse = TagInUse.UNTAG, reassign_to: str | None = None) -> AnnotationSet:
    """Remove a tag; its children move up to its parent; `in_use` says what happens to its annotations."""
    tag = _tag(content, tag_id)
    if in_use is TagInUse.REASSIGN:
        if reassign_to is None:
            raise ReaderError("say which tag the annotations should get instead")
        return merge_tags(content, tag_id, reassign_to)
    annotations = []
    for annotation in content.annotations:
        if tag_id in annotation.tags:
            if in_use is TagInUse.DELETE:
                continue
            remaining = tuple(t for t in annotation.tags if t != tag_id)
            if not remaining and not annotation.note:
                continue  # nothing would be left of it
            annotation = annotation.edited(tags=remaining)
        annotations.append(annotation)
    codebook = tuple(replace(t, parent=tag.parent) if t.parent == tag_id else t for t in content.codebook if t.id != tag_id)
    return replace(content, codebook=codebook, annotations=tuple(annotations))


def usage(content: AnnotationSet) -> dict[str, int]:
    """How many annotations carry each tag."""
    counts = {tag.id: 0 for tag in content.codebook}
    for annotation in content.annotations:
        for tag in annotation.tags:
            counts[tag] = counts.get(tag, 0) + 1
    return counts
