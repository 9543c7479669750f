"""The annotation file: W3C shape, round trips, unknown fields, bad files, atomic saves under SIGKILL."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from reader.core.annotations import Annotation, AnnotationSet, Tag, new_id, now
from reader.core.paths import PROJECT_ROOT
from reader.core.store import AnnotationFileError, backup_paths, load, save, serialise

DOC = "urn:parallel-reader:doc:kremlin-2001-08-04"


def sample(note: str = "Security <b>framing</b> & more") -> AnnotationSet:
    tag = Tag(new_id(), "Security framing", "#d95f02", "Strategic stability as a frame")
    annotation = Annotation(
        id=new_id(), document=DOC, start=1204, end=1262, exact="ABM Treaty", prefix="the 1972 ", suffix=" is the",
        tags=(tag.id,), note=note, creator="Annotator One", created=now(), modified=now(),
    )
    return AnnotationSet(documents=({"id": DOC, "path": "corpus/kremlin-2001-08-04.txt", "sha256": "0" * 64},), codebook=(tag,), annotations=(annotation,))


def test_round_trip_and_w3c_shape(tmp_path):
    path = tmp_path / "annotations.json"
    content = sample()
    save(path, content)
    loaded = load(path)
    assert loaded.content == content and not loaded.read_only
    document = json.loads(path.read_text(encoding="utf-8"))
    (annotation,) = document["annotations"]
    assert annotation["@context"] == "http://www.w3.org/ns/anno.jsonld" and annotation["type"] == "Annotation"
    assert annotation["id"].startswith("urn:uuid:") and annotation["target"]["source"] == DOC
    assert {s["type"] for s in annotation["target"]["selector"]} == {"TextQuoteSelector", "TextPositionSelector"}
    assert {"type": "TextualBody", "purpose": "commenting", "value": "Security <b>framing</b> & more", "format": "text/plain"} in annotation["body"]
    assert annotation["created"].endswith("Z")
    assert serialise(load(path).content) == path.read_bytes()  # stable: saving again changes nothing


def test_unknown_fields_survive_a_load_and_save(tmp_path):
    path = tmp_path / "annotations.json"
    save(path, sample())
    document = json.loads(path.read_text(encoding="utf-8"))
    document["x-other-tool"] = {"kept": [1, 2, 3]}
    document["codebook"][0]["x-icon"] = "shield"
    annotation = document["annotations"][0]
    annotation["x-confidence"] = 0.8
    annotation["body"].append({"type": "TextualBody", "purpose": "highlighting", "value": "yellow"})
    annotation["target"]["selector"].append({"type": "XPathSelector", "value": "/p[3]"})
    annotation["target"]["selector"][0]["x-note"] = "quote kept"
    path.write_text(json.dumps(document), encoding="utf-8")
    loaded = load(path)
    edited = loaded.content.annotations[0].edited(note="changed")
    save(path, AnnotationSet(loaded.content.documents, loaded.content.codebook, (edited,), raw=loaded.content.raw))
    again = json.loads(path.read_text(encoding="utf-8"))
    assert again["x-other-tool"] == {"kept": [1, 2, 3]} and again["codebook"][0]["x-icon"] == "shield"
    kept = again["annotations"][0]
    assert kept["x-confidence"] == 0.8
    assert {"type": "TextualBody", "purpose": "highlighting", "value": "yellow"} in kept["body"]
    assert {"type": "XPathSelector", "value": "/p[3]"} in kept["target"]["selector"]
    assert any(s.get("x-note") == "quote kept" for s in kept["target"]["selector"])
    assert next(b["value"] for b in kept["body"] if b.get("purpose") == "commenting") == "changed"


def test_broken_json_names_the_line_and_column_and_leaves_the_file_alone(tmp_path):
    path = tmp_path / "annotations.json"
    broken = b'{\n  "format": "parallel-reader/annotations",\n  "version": 1,\n  "documents": [,\n'
    path.write_bytes(broken)
    with pytest.raises(AnnotationFileError) as caught:
        load(path)
    assert str(path) in str(caught.value) and "line 4, column" in str(caught.value)
    assert path.read_bytes() == broken


def test_invalid_field_is_named(tmp_path):
    path = tmp_path / "annotations.json"
    save(path, sample())
    document = json.loads(path.read_text(encoding="utf-8"))
    document["annotations"][0]["target"]["selector"][1]["start"] = "twelve"
    path.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(AnnotationFileError, match=r"annotations\[0\]\.target\.selector\[1\]\.start"):
        load(path)


def test_a_file_from_a_newer_version_opens_read_only(tmp_path):
    path = tmp_path / "annotations.json"
    save(path, sample())
    document = json.loads(path.read_text(encoding="utf-8"))
    document["version"] = 7
    path.write_text(json.dumps(document), encoding="utf-8")
    loaded = load(path)
    assert loaded.read_only and "newer version" in loaded.reason
    assert len(loaded.content.annotations) == 1


def test_saves_keep_rotated_backups(tmp_path):
    path = tmp_path / "annotations.json"
    versions = [serialise(sample(note=f"version {n}")) for n in range(5)]
    for n in range(5):
        save(path, sample(note=f"version {n}"))
    assert '"version 4"' in path.read_text(encoding="utf-8")
    notes = [json.loads(p.read_text(encoding="utf-8"))["annotations"][0]["body"][1]["value"] for p in backup_paths(path)]
    assert notes == ["version 3", "version 2", "version 1"]
    assert len(versions) == 5 and not list(tmp_path.glob(".*.tmp"))


HOSTILE = st.recursive(
    st.none() | st.booleans() | st.integers(min_value=-(10**40), max_value=10**40) | st.floats(allow_nan=False) | st.text(max_size=20)
    | st.just("<script>alert(1)</script>"),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=20,
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_hostile_input_gives_a_clear_error_never_a_crash(data):
    document = json.loads(serialise(sample()))
    choice = data.draw(st.integers(0, 4))
    if choice == 0:  # truncated
        raw = serialise(sample())[: data.draw(st.integers(0, 400))]
    elif choice == 1:  # a field replaced by anything
        target = data.draw(st.sampled_from([("version",), ("annotations",), ("codebook",), ("documents",)]))
        document[target[0]] = data.draw(HOSTILE)
        raw = json.dumps(document).encode()
    elif choice == 2:  # deep nesting
        depth = data.draw(st.integers(100, 50_000))
        raw = b'{"format": "parallel-reader/annotations", "version": 1, "documents": ' + b"[" * depth + b"]" * depth + b"}"
    elif choice == 3:  # huge numbers in offsets
        document["annotations"][0]["target"]["selector"][1]["start"] = data.draw(st.integers(min_value=2**53, max_value=10**60))
        raw = json.dumps(document).encode()
    else:  # HTML in notes and tag names: kept as plain text
        html = data.draw(st.sampled_from(["<img src=x onerror=alert(1)>", "<b>bold</b>", "&amp;"]))
        document["annotations"][0]["body"][1]["value"] = html
        document["codebook"][0]["name"] = html
        raw = json.dumps(document).encode()
    with tempfile.TemporaryDirectory() as folder:  # through a real file: it must be left exactly as it was
        path = Path(folder) / "hostile.json"
        path.write_bytes(raw)
        try:
            loaded = load(path)
        except AnnotationFileError as error:
            assert str(error).startswith(f"{path}: ") and path.read_bytes() == raw
            return
        assert path.read_bytes() == raw
    if choice == 4:
        assert loaded.content.annotations[0].note == html and loaded.content.codebook[0].name == html


SAVER = """
import sys, itertools
sys.path.insert(0, {root!r})
from reader.core.annotations import AnnotationSet, Annotation, Tag
from reader.core.store import save
from pathlib import Path
path = Path(sys.argv[1])
tag = Tag("urn:uuid:00000000-0000-4000-8000-000000000001", "T", "#000000")
for n in itertools.count():
    notes = tuple(Annotation(f"urn:uuid:00000000-0000-4000-8000-{{i:012d}}", "urn:parallel-reader:doc:x", i, i + 1, "x",
                             tags=(tag.id,), note=f"save {{n}} " + "x" * 2000) for i in range(50))
    save(path, AnnotationSet(codebook=(tag,), annotations=notes))
    print(n, flush=True)
"""


def test_sigkill_at_random_moments_never_leaves_a_broken_file(tmp_path):
    path = tmp_path / "annotations.json"
    script = tmp_path / "saver.py"
    script.write_text(SAVER.format(root=str(PROJECT_ROOT)), encoding="utf-8")
    rng = random.Random(20261124)
    seen_saves = set()
    for _ in range(200):
        process = subprocess.Popen([sys.executable, str(script), str(path)], stdout=subprocess.PIPE, text=True)
        assert process.stdout is not None
        process.stdout.readline()  # it has saved once: now kill it somewhere in its next saves
        time.sleep(rng.uniform(0.0, 0.03))
        os.kill(process.pid, signal.SIGKILL)
        out, _ = process.communicate()
        if not path.exists():
            continue
        content = load(path).content  # must always parse and validate
        notes = {a.note.split(" ")[1] for a in content.annotations}
        assert len(content.annotations) == 50 and len(notes) == 1  # one whole save, never a mixture
        seen_saves.add(next(iter(notes)))
    assert len(seen_saves) > 1
    assert len(list(tmp_path.glob(".*.tmp"))) <= 1  # a killed save's leftover is removed by the next save
