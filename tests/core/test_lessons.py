"""Lessons in the annotation file: editing, saving, unknown fields, and bad lesson data."""

from __future__ import annotations

import json

import pytest

from reader.core.annotations import Annotation, AnnotationSet, Tag, new_id, now
from reader.core.errors import ReaderError
from reader.core.lessons import (
    add_lesson,
    add_passages,
    delete_lesson,
    move_passage,
    new_passage,
    passages_with_tag,
    remove_passages,
    rename_lesson,
    set_caption,
)
from reader.core.store import AnnotationFileError, load, parse, save, serialise

KREMLIN = "urn:parallel-reader:doc:kremlin-2000-07-19"
DPRK = "urn:parallel-reader:doc:dprk-2020-07-19"
TEXT = "Первая фраза о договоре. Second sentence on the railway. 세 번째 문장은 주권에 관한 것이다."


def three_passage_lesson() -> tuple[AnnotationSet, str, list]:
    content, created = add_lesson(AnnotationSet(), "Summit of 2000")
    passages = [
        new_passage(KREMLIN, TEXT, 0, 24, "Russian wording"),
        new_passage(DPRK, TEXT, 25, 56),
        new_passage(KREMLIN, TEXT, 57, len(TEXT)),
    ]
    return add_passages(content, created.id, passages), created.id, passages


def test_a_lesson_keeps_its_passages_in_order_through_a_save(tmp_path):
    content, lesson_id, passages = three_passage_lesson()
    path = tmp_path / "annotations.json"
    save(path, content)
    loaded = load(path).content
    (lesson,) = loaded.lessons
    assert lesson.name == "Summit of 2000"
    assert [p.exact for p in lesson.passages] == ["Первая фраза о договоре.", "Second sentence on the railway.", "세 번째 문장은 주권에 관한 것이다."]
    assert [p.caption for p in lesson.passages] == ["Russian wording", "", ""]
    stored = json.loads(path.read_text(encoding="utf-8"))["lessons"][0]["passages"][1]["target"]
    assert stored["source"] == DPRK
    assert {"type": "TextPositionSelector", "start": 25, "end": 56} in stored["selector"]


def test_reorder_caption_remove_rename_and_delete():
    content, lesson_id, passages = three_passage_lesson()
    content = move_passage(content, lesson_id, passages[2].id, 0)
    assert [p.id for p in content.lessons[0].passages] == [passages[2].id, passages[0].id, passages[1].id]
    content = set_caption(content, lesson_id, passages[1].id, "  The DPRK account  ")
    assert content.lessons[0].passages[2].caption == "The DPRK account"
    content = remove_passages(content, lesson_id, {passages[0].id})
    assert [p.id for p in content.lessons[0].passages] == [passages[2].id, passages[1].id]
    content = rename_lesson(content, lesson_id, "Railway")
    assert content.lessons[0].name == "Railway"
    with pytest.raises(ReaderError):
        rename_lesson(content, lesson_id, "   ")
    assert delete_lesson(content, lesson_id).lessons == ()


def test_adding_the_same_span_twice_keeps_one_passage():
    content, lesson_id, passages = three_passage_lesson()
    again = new_passage(KREMLIN, TEXT, 0, 24)
    assert len(add_passages(content, lesson_id, [again]).lessons[0].passages) == 3


def test_an_empty_selection_is_not_a_passage():
    with pytest.raises(ReaderError, match="select some text"):
        new_passage(KREMLIN, TEXT, 5, 5)


def test_passages_with_a_tag_come_in_document_order_with_notes_as_captions():
    tag, other = Tag(new_id(), "Sovereignty", "#1b9e77"), Tag(new_id(), "Other", "#d95f02")
    late = Annotation(new_id(), KREMLIN, 57, 70, "세 번째", tags=(tag.id,), note="Korean line", created=now(), modified=now())
    early = Annotation(new_id(), KREMLIN, 0, 6, "Первая", tags=(tag.id, other.id), created=now(), modified=now())
    untagged = Annotation(new_id(), KREMLIN, 25, 31, "Second", tags=(other.id,), created=now(), modified=now())
    content = AnnotationSet(codebook=(tag, other), annotations=(late, untagged, early))
    found = passages_with_tag(content, tag.id)
    assert [(p.start, p.caption) for p in found] == [(0, ""), (57, "Korean line")]


def test_unknown_fields_of_lessons_and_passages_are_kept(tmp_path):
    content, lesson_id, passages = three_passage_lesson()
    document = json.loads(serialise(content))
    document["lessons"][0]["x-classroom"] = {"period": 3}
    document["lessons"][0]["passages"][0]["x-timing"] = 45
    document["lessons"][0]["passages"][0]["target"]["selector"].append({"type": "CssSelector", "value": "p"})
    reread = parse(json.dumps(document).encode(), "file.json").content
    edited = set_caption(reread, lesson_id, passages[0].id, "New caption")
    written = json.loads(serialise(edited))
    assert written["lessons"][0]["x-classroom"] == {"period": 3}
    assert written["lessons"][0]["passages"][0]["x-timing"] == 45
    assert {"type": "CssSelector", "value": "p"} in written["lessons"][0]["passages"][0]["target"]["selector"]
    assert written["lessons"][0]["passages"][0]["caption"] == "New caption"


def test_a_file_without_lessons_is_written_without_a_lessons_field():
    assert "lessons" not in json.loads(serialise(AnnotationSet()))


def test_a_broken_lesson_is_named_in_the_error():
    content, _, _ = three_passage_lesson()
    document = json.loads(serialise(content))
    del document["lessons"][0]["passages"][1]["target"]
    with pytest.raises(AnnotationFileError, match=r"lessons\[0\]\.passages\[1\]"):
        parse(json.dumps(document).encode(), "file.json")


def test_a_passage_that_ends_before_it_starts_is_named_in_the_error():
    content, _, _ = three_passage_lesson()
    document = json.loads(serialise(content))
    selectors = document["lessons"][0]["passages"][2]["target"]["selector"]
    next(s for s in selectors if s["type"] == "TextPositionSelector").update({"start": 50, "end": 10})
    with pytest.raises(AnnotationFileError, match=r"lessons\[0\]\.passages\[2\]\.target: the position ends before it starts"):
        parse(json.dumps(document).encode(), "file.json")
