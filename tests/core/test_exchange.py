"""Export rows and merging another annotator's file."""

from __future__ import annotations

import csv
import io

from reader.core.annotations import Annotation, AnnotationSet, Tag
from reader.core.exchange import export_text, merge_in

DOC = "urn:parallel-reader:doc:d"


def test_merge_keeps_creators_maps_tags_by_name_and_skips_known_annotations():
    security = Tag("urn:uuid:00000000-0000-4000-8000-0000000000a1", "Security", "#d95f02")
    mine = AnnotationSet(
        ({"id": DOC},),
        (security,),
        (Annotation("urn:uuid:00000000-0000-4000-8000-000000000001", DOC, 0, 3, "abc", tags=(security.id,), creator="me"),),
    )
    their_security = Tag("urn:uuid:00000000-0000-4000-8000-0000000000b1", "security", "#000000")
    their_new = Tag("urn:uuid:00000000-0000-4000-8000-0000000000b2", "Economy", "#1b9e77")
    theirs = AnnotationSet(
        ({"id": DOC}, {"id": "urn:parallel-reader:doc:e"}),
        (their_security, their_new),
        (
            Annotation("urn:uuid:00000000-0000-4000-8000-000000000001", DOC, 0, 3, "abc", creator="them"),  # known: kept ours
            Annotation("urn:uuid:00000000-0000-4000-8000-000000000002", DOC, 4, 7, "def", tags=(their_security.id, their_new.id), creator="them"),
        ),
    )
    merged, added = merge_in(mine, theirs)
    assert added == 1
    assert [t.name for t in merged.codebook] == ["Security", "Economy"]
    assert [(a.exact, a.creator) for a in merged.annotations] == [("abc", "me"), ("def", "them")]
    assert merged.annotations[1].tags == (security.id, their_new.id)
    assert [d["id"] for d in merged.documents] == [DOC, "urn:parallel-reader:doc:e"]


def test_export_csv_escapes_and_joins_tags():
    tag_a, tag_b = Tag("urn:uuid:00000000-0000-4000-8000-0000000000a1", "A", "#000000"), Tag("urn:uuid:00000000-0000-4000-8000-0000000000a2", "B, C", "#000000")
    content = AnnotationSet((), (tag_a, tag_b), (Annotation("urn:uuid:00000000-0000-4000-8000-000000000001", DOC, 1, 4, 'q"uote', tags=(tag_a.id, tag_b.id), note="line\nbreak"),))
    rows = list(csv.reader(io.StringIO(export_text(content, "csv"))))
    assert rows[1][:4] == ["d", 'q"uote', "A; B, C", "line\nbreak"]


def test_merge_adds_the_other_files_lessons_and_keeps_ours():
    from reader.core.annotations import AnnotationSet
    from reader.core.lessons import add_lesson

    mine, ours = add_lesson(AnnotationSet(), "Ours")
    theirs, their_lesson = add_lesson(AnnotationSet(), "Theirs")
    theirs, _ = add_lesson(theirs, "Ours renamed elsewhere")
    theirs = theirs.__class__(lessons=(*theirs.lessons, ours.__class__(ours.id, "Ours, their copy")))
    merged, _ = merge_in(mine, theirs)
    assert [lesson.name for lesson in merged.lessons] == ["Ours", "Theirs", "Ours renamed elsewhere"]
