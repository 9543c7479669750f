"""The lexicon as data: the bundled themes, layering the user's over them, and bad lexicon files."""

from __future__ import annotations

import json

import pytest

from reader.core.matcher import ThemeMatcher
from reader.core.themes import (
    BUNDLED_LEXICON,
    LexiconError,
    layer,
    lexicon_json,
    load_lexicon_file,
    load_themes,
    theme_from_json,
    user_lexicon_path,
)


def test_bundled_lexicon_has_the_required_themes_and_more():
    themes = {theme.id: theme for theme in load_lexicon_file(BUNDLED_LEXICON)}
    labels = {"missile-programme": "Missile programme", "railway-link": "Railway link", "abm-treaty": "ABM Treaty", "sovereignty": "Sovereignty"}
    for theme_id, label in labels.items():
        assert themes[theme_id].label == label
    assert len(themes) >= 8
    for theme in themes.values():
        assert theme.description and set(theme.patterns) == {"en", "ru", "ko"}, theme.id
        assert all(theme.patterns[language] for language in ("en", "ru", "ko")), theme.id


def write_lexicon(path, themes, **overrides):
    document = {"format": "parallel-reader/themes", "version": 1, "themes": themes, **overrides}
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


GOOD = {"id": "famine", "label": "Famine", "description": "Food shortages", "color": {"light": "#ffeeaa", "dark": "#554400"}, "patterns": {"en": ["famine", "food shortages?"]}}


def test_user_lexicon_layers_over_the_bundled_one():
    bundled = load_lexicon_file(BUNDLED_LEXICON)
    renamed = theme_from_json({**GOOD, "id": "sovereignty", "label": "Sovereignty (mine)"}, "test")
    merged = layer(bundled, [renamed, theme_from_json(GOOD, "test")])
    assert [t.id for t in merged][: len(bundled)] == [t.id for t in bundled]
    assert merged[-1].id == "famine"
    assert next(t for t in merged if t.id == "sovereignty").label == "Sovereignty (mine)"


def test_load_themes_reads_the_user_lexicon_from_the_config_folder():
    path = user_lexicon_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(lexicon_json([theme_from_json(GOOD, "test")]), encoding="utf-8")
    themes = load_themes()
    assert themes[-1].id == "famine"
    assert {s.theme for s in ThemeMatcher(themes).match("A famine and food shortages.")} == {"famine"}


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"format": "parallel-reader/themes", "version": 1, "themes": [', "line 1, column"),
        (json.dumps({"format": "other", "version": 1, "themes": []}), "format"),
        (json.dumps({"format": "parallel-reader/themes", "version": 99, "themes": []}), "newer"),
        (json.dumps({"format": "parallel-reader/themes", "version": 1, "themes": [{**GOOD, "id": ""}]}), "themes[0].id"),
        (json.dumps({"format": "parallel-reader/themes", "version": 1, "themes": [{**GOOD, "color": {"light": "red"}}]}), "themes[0].color"),
        (json.dumps({"format": "parallel-reader/themes", "version": 1, "themes": [GOOD, GOOD]}), "duplicate theme id"),
        (json.dumps({"format": "parallel-reader/themes", "version": 1, "themes": [{**GOOD, "patterns": {"en": []}}]}), "at least one pattern"),
    ],
    ids=["broken-json", "wrong-format", "newer-version", "empty-id", "bad-colour", "duplicate-id", "no-patterns"],
)
def test_bad_lexicon_files_name_file_and_field(tmp_path, content, message):
    path = tmp_path / "lexicon.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(LexiconError) as caught:
        load_lexicon_file(path)
    assert str(path) in str(caught.value) and message in str(caught.value)


def test_an_invalid_pattern_names_the_theme_and_pattern(tmp_path):
    path = write_lexicon(tmp_path / "lexicon.json", [{**GOOD, "patterns": {"en": ["famine", "food (shortage"]}}])
    with pytest.raises(LexiconError) as caught:
        ThemeMatcher(load_lexicon_file(path))
    assert "famine" in str(caught.value) and "food (shortage" in str(caught.value)


def test_missing_lexicon_file(tmp_path):
    with pytest.raises(LexiconError, match="cannot be read"):
        load_lexicon_file(tmp_path / "nope.json")


def test_lexicon_json_round_trips():
    themes = load_lexicon_file(BUNDLED_LEXICON)
    path_text = lexicon_json(themes)
    from reader.core.themes import parse_lexicon

    assert parse_lexicon(path_text.encode("utf-8"), "round-trip") == themes


def test_saving_keeps_only_changes_and_removals_and_reloads_the_same_themes():
    from dataclasses import replace

    from reader.core.themes import read_user_lexicon, save_user_lexicon

    bundled = load_lexicon_file(BUNDLED_LEXICON)
    edited = [replace(t, label="Rail (edited)") if t.id == "railway-link" else t for t in bundled if t.id != "sanctions-us-policy"]
    edited.append(theme_from_json(GOOD, "test"))
    path = save_user_lexicon(edited)
    user_themes, removed = read_user_lexicon(path)
    assert [t.id for t in user_themes] == ["railway-link", "famine"]
    assert removed == ["sanctions-us-policy"]
    assert load_themes() == edited
    assert not list(path.parent.glob(".*.tmp"))  # the temporary file was replaced, not left behind
