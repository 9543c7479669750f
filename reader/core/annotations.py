"""Annotations, tags, lessons and the annotation file's content, shaped as the W3C Web Annotation Data Model.

Every object keeps the JSON it was read from, and saving starts from that JSON: fields this
version does not know (from a newer version or another tool) are written back unchanged.
"""

from __future__ import annotations

import copy
import uuid
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from typing import Any

ANNOTATION_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
FILE_FORMAT = "parallel-reader/annotations"
FILE_VERSION = 1


def new_id() -> str:
    """A fresh `urn:uuid:` IRI."""
    return f"urn:uuid:{uuid.uuid4()}"


def now() -> str:
    """The current time as an ISO 8601 date-time in UTC, to the second."""
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")


@dataclass(frozen=True)
class Tag:
    """A codebook entry: a name, a colour and an optional parent tag."""

    id: str
    name: str
    color: str
    description: str = ""
    parent: str | None = None
    raw: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "Tag":
        """A Tag from its file form (already validated)."""
        return cls(data["id"], data["name"], data["color"], data.get("description", ""), data.get("parent"), copy.deepcopy(data))

    def to_json(self) -> dict[str, Any]:
        """The file form, unknown fields kept."""
        data = copy.deepcopy(self.raw)
        data.update({"id": self.id, "name": self.name, "color": self.color, "description": self.description, "parent": self.parent})
        return data


@dataclass(frozen=True)
class Annotation:
    """Tags and a note on a span of one document; offsets are code points into its text."""

    id: str
    document: str  # the document's IRI
    start: int
    end: int
    exact: str
    prefix: str = ""
    suffix: str = ""
    tags: tuple[str, ...] = ()
    note: str = ""
    creator: str = ""
    created: str = ""
    modified: str = ""
    raw: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "Annotation":
        """An Annotation from its file form (already validated)."""
        selectors = data["target"]["selector"]
        quote = next((s for s in selectors if s.get("type") == "TextQuoteSelector"), {})
        position = next((s for s in selectors if s.get("type") == "TextPositionSelector"), {})
        bodies = data.get("body", [])
        tags = tuple(b["source"] for b in bodies if b.get("purpose") == "tagging" and "source" in b)
        note = next((b.get("value", "") for b in bodies if b.get("type") == "TextualBody" and b.get("purpose") == "commenting"), "")
        return cls(
            id=data["id"],
            document=data["target"]["source"],
            start=int(position.get("start", 0)),
            end=int(position.get("end", position.get("start", 0))),
            exact=quote.get("exact", ""),
            prefix=quote.get("prefix", ""),
            suffix=quote.get("suffix", ""),
            tags=tags,
            note=note,
            creator=(data.get("creator") or {}).get("name", ""),
            created=data.get("created", ""),
            modified=data.get("modified", ""),
            raw=copy.deepcopy(data),
        )

    def to_json(self) -> dict[str, Any]:
        """The W3C form, unknown fields, bodies and selectors kept."""
        data = copy.deepcopy(self.raw)
        old_bodies = data.get("body", [])
        by_source = {b.get("source"): b for b in old_bodies if b.get("purpose") == "tagging"}
        bodies = [b for b in old_bodies if b.get("purpose") not in ("tagging", "commenting")]
        for tag in self.tags:
            body = by_source.get(tag, {})
            body.update({"type": "SpecificResource", "purpose": "tagging", "source": tag})
            bodies.append(body)
        if self.note:
            old_note = next((b for b in old_bodies if b.get("purpose") == "commenting"), {})
            old_note.update({"type": "TextualBody", "purpose": "commenting", "value": self.note, "format": "text/plain"})
            bodies.append(old_note)
        target = data.get("target", {})
        old_selectors = target.get("selector", [])
        quote = next((s for s in old_selectors if s.get("type") == "TextQuoteSelector"), {})
        position = next((s for s in old_selectors if s.get("type") == "TextPositionSelector"), {})
        others = [s for s in old_selectors if s.get("type") not in ("TextQuoteSelector", "TextPositionSelector")]
        quote.update({"type": "TextQuoteSelector", "exact": self.exact, "prefix": self.prefix, "suffix": self.suffix})
        position.update({"type": "TextPositionSelector", "start": self.start, "end": self.end})
        target.update({"source": self.document, "selector": [quote, position, *others]})
        data.update(
            {
                "@context": ANNOTATION_CONTEXT,
                "type": "Annotation",
                "id": self.id,
                "created": self.created,
                "modified": self.modified,
                "creator": {**data.get("creator", {}), "type": "Person", "name": self.creator},
                "motivation": "tagging" if self.tags else "commenting",
                "body": bodies,
                "target": target,
            }
        )
        return data

    def edited(self, **changes: Any) -> "Annotation":
        """A copy with `changes` and a new modification time."""
        return replace(self, modified=now(), **changes)


@dataclass(frozen=True)
class Passage:
    """A span of one document shown on a slide, with an optional caption."""

    id: str
    document: str  # the document's IRI
    start: int
    end: int
    exact: str
    prefix: str = ""
    suffix: str = ""
    caption: str = ""
    raw: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "Passage":
        """A Passage from its file form (already validated)."""
        as_annotation = Annotation.from_json({"id": data["id"], "target": data["target"]})
        return cls(
            data["id"], as_annotation.document, as_annotation.start, as_annotation.end,
            as_annotation.exact, as_annotation.prefix, as_annotation.suffix, data.get("caption", ""), copy.deepcopy(data),
        )

    def to_json(self) -> dict[str, Any]:
        """The file form: a W3C-style target, unknown fields and selectors kept."""
        data = copy.deepcopy(self.raw)
        target = self.as_annotation().to_json()["target"]
        data.update({"id": self.id, "target": target, "caption": self.caption})
        return data

    def as_annotation(self) -> Annotation:
        """The passage seen as an annotation, so anchoring can place it in a changed text."""
        raw = {"target": copy.deepcopy(self.raw.get("target", {}))}
        return Annotation(self.id, self.document, self.start, self.end, self.exact, self.prefix, self.suffix, raw=raw)

    def placed(self, annotation: Annotation) -> "Passage":
        """This passage at the place anchoring found for it."""
        return replace(self, start=annotation.start, end=annotation.end, exact=annotation.exact, prefix=annotation.prefix, suffix=annotation.suffix)


@dataclass(frozen=True)
class Lesson:
    """A named, ordered list of passages."""

    id: str
    name: str
    passages: tuple[Passage, ...] = ()
    modified: str = ""
    raw: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "Lesson":
        """A Lesson from its file form (already validated)."""
        passages = tuple(Passage.from_json(p) for p in data.get("passages", []))
        return cls(data["id"], data["name"], passages, data.get("modified", ""), copy.deepcopy(data))

    def to_json(self) -> dict[str, Any]:
        """The file form, unknown fields kept."""
        data = copy.deepcopy(self.raw)
        data.update({"id": self.id, "name": self.name, "modified": self.modified, "passages": [p.to_json() for p in self.passages]})
        return data


@dataclass(frozen=True)
class AnnotationSet:
    """Everything an annotation file holds."""

    documents: tuple[dict[str, Any], ...] = ()
    codebook: tuple[Tag, ...] = ()
    annotations: tuple[Annotation, ...] = ()
    version: int = FILE_VERSION
    raw: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)
    lessons: tuple[Lesson, ...] = ()

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "AnnotationSet":
        """From a validated file document."""
        return cls(
            documents=tuple(copy.deepcopy(d) for d in data["documents"]),
            codebook=tuple(Tag.from_json(t) for t in data["codebook"]),
            annotations=tuple(Annotation.from_json(a) for a in data["annotations"]),
            version=data["version"],
            raw=copy.deepcopy(data),
            lessons=tuple(Lesson.from_json(item) for item in data.get("lessons", [])),
        )

    def overlapping(self, document_iri: str, start: int, end: int) -> list[Annotation]:
        """The annotations on the document with this IRI that overlap text[start:end], in file order."""
        return [a for a in self.annotations if a.document == document_iri and a.end > start and a.start < end]

    def to_json(self) -> dict[str, Any]:
        """The file document, unknown top-level fields kept; written as this version."""
        data = copy.deepcopy(self.raw)
        data.update(
            {
                "format": FILE_FORMAT,
                "version": max(self.version, FILE_VERSION),
                "documents": [copy.deepcopy(d) for d in self.documents],
                "codebook": [tag.to_json() for tag in self.codebook],
                "annotations": [annotation.to_json() for annotation in self.annotations],
            }
        )
        if self.lessons or "lessons" in data:  # files without lessons stay as they were
            data["lessons"] = [item.to_json() for item in self.lessons]
        return data
