"""Codebook operations: each returns a new set, and annotations follow their tags."""

from __future__ import annotations

import pytest

from reader.core.annotations import Annotation, AnnotationSet
from reader.core.codebook import TagInUse, add_tag, delete_tag, merge_tags, move_tag, update_tag, usage
from reader.core.errors import ReaderError

DOC = "urn:parallel-reader:doc:d"


def with_tags() -> tuple[AnnotationSet, list[str]]:
    content = AnnotationSet()
    content, security = add_tag(content, "Security", "#d95f02")
    content, economy = add_tag(content, "Economy", "#1b9e77")
    content, rail = add_tag(content, "Rail", "#7570b3", parent=economy.id)
    notes = (
        Annotation("urn:uuid:00000000-0000-4000-8000-000000000001", DOC, 0, 5, "abcde", tags=(security.id,)),
        Annotation("urn:uuid:00000000-0000-4000-8000-000000000002", DOC, 5, 9, "fghi", tags=(security.id, economy.id)),
        Annotation("urn:uuid:00000000-0000-4000-8000-000000000003", DOC, 9, 12, "jkl", tags=(security.id,), note="keep me"),
        Annotation("urn:uuid:00000000-0000-4000-8000-000000000004", DOC, 12, 15, "mno", tags=(rail.id,)),
    )
    return AnnotationSet(codebook=content.codebook, annotations=notes), [security.id, economy.id, rail.id]


def test_add_rename_recolour_reorder():
    content, (security, economy, rail) = with_tags()
    with pytest.raises(ReaderError, match="already a tag"):
        add_tag(content, "security", "#000000")
    renamed = update_tag(content, security, name="Security framing", color="#ff0000")
    assert [t.name for t in renamed.codebook] == ["Security framing", "Economy", "Rail"] and renamed.codebook[0].color == "#ff0000"
    assert [t.name for t in content.codebook] == ["Security", "Economy", "Rail"]  # the old set is untouched (undo)
    assert [t.name for t in move_tag(content, rail, 0).codebook] == ["Rail", "Security", "Economy"]
    with pytest.raises(ReaderError, match="under itself"):
        update_tag(content, economy, parent=rail)


def test_merge_moves_annotations_and_children():
    content, (security, economy, rail) = with_tags()
    merged = merge_tags(content, economy, security)
    assert [t.name for t in merged.codebook] == ["Security", "Rail"]
    assert next(t for t in merged.codebook if t.name == "Rail").parent == security
    assert merged.annotations[1].tags == (security,)  # no duplicate tag
    assert usage(merged) == {security: 3, rail: 1}


def test_delete_untag_delete_and_reassign():
    content, (security, economy, rail) = with_tags()
    untagged = delete_tag(content, security, TagInUse.UNTAG)
    assert [a.exact for a in untagged.annotations] == ["fghi", "jkl", "mno"]  # "abcde" had nothing left; "jkl" keeps its note
    assert untagged.annotations[1].tags == ()
    deleted = delete_tag(content, security, TagInUse.DELETE)
    assert [a.exact for a in deleted.annotations] == ["mno"]
    reassigned = delete_tag(content, security, TagInUse.REASSIGN, reassign_to=rail)
    assert usage(reassigned)[rail] == 4
    parent_gone = delete_tag(content, economy)
    assert next(t for t in parent_gone.codebook if t.name == "Rail").parent is None
