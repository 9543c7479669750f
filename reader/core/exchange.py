"""Exchanging annotations: rows for export, and merging another annotator's file into this one."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace

from reader.core.annotations import AnnotationSet
from reader.core.corpus import DOC_IRI_PREFIX

EXPORT_FIELDS = ("document", "quote", "tags", "note", "creator", "created", "modified", "start", "end", "id")


def export_rows(content: AnnotationSet) -> list[dict]:
    """One dict per annotation: document id, quote, tag names, note, creator, dates, offsets, id."""
    names = {tag.id: tag.name for tag in content.codebook}
    return [
        {
            "document": annotation.document.removeprefix(DOC_IRI_PREFIX),
            "quote": annotation.exact,
            "tags": [names.get(tag, tag) for tag in annotation.tags],
            "note": annotation.note,
            "creator": annotation.creator,
            "created": annotation.created,
            "modified": annotation.modified,
            "start": annotation.start,
            "end": annotation.end,
            "id": annotation.id,
        }
        for annotation in content.annotations
    ]


def export_text(content: AnnotationSet, output_format: str) -> str:
    """The export as CSV (tags joined with "; ") or JSON lines."""
    rows = export_rows(content)
    if output_format == "jsonl":
        return "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(EXPORT_FIELDS)
    for row in rows:
        writer.writerow(["; ".join(row["tags"]) if field == "tags" else row[field] for field in EXPORT_FIELDS])
    return buffer.getvalue()


def merge_in(current: AnnotationSet, other: AnnotationSet) -> tuple[AnnotationSet, int]:
    """Add another file's tags, documents and annotations (creators kept); returns the set and how many were new.

    Tags are matched by id, then by name (the other file's tag ids are mapped to ours); an
    annotation or a lesson already present (same id) is kept as it is here; new lessons are added.
    """
    codebook = list(current.codebook)
    by_id = {tag.id: tag for tag in codebook}
    by_name = {tag.name.casefold(): tag for tag in codebook}
    mapping: dict[str, str] = {}
    for tag in other.codebook:
        same = by_id.get(tag.id) or by_name.get(tag.name.casefold())
        if same is None:
            codebook.append(tag)
            by_id[tag.id] = by_name[tag.name.casefold()] = tag
            same = tag
        mapping[tag.id] = same.id
    known = {annotation.id for annotation in current.annotations}
    added = [
        replace(annotation, tags=tuple(dict.fromkeys(mapping.get(t, t) for t in annotation.tags)))
        for annotation in other.annotations
        if annotation.id not in known
    ]
    documents = list(current.documents)
    ids = {document.get("id") for document in documents}
    documents += [document for document in other.documents if document.get("id") not in ids]
    lesson_ids = {lesson.id for lesson in current.lessons}
    lessons = (*current.lessons, *(lesson for lesson in other.lessons if lesson.id not in lesson_ids))
    merged = replace(current, documents=tuple(documents), codebook=tuple(codebook), annotations=(*current.annotations, *added), lessons=lessons)
    return merged, len(added)
