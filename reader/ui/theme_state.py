"""The themes the window shows: the lexicon, which themes are hidden, and matching off the UI thread."""

from __future__ import annotations

import logging
import threading
from concurrent.futures import Future
from pathlib import Path
from typing import TYPE_CHECKING, Callable, NamedTuple

from PySide6.QtCore import QObject, Signal

from reader.core.errors import ReaderError
from reader.core.themes import Theme, lexicon_json, load_themes
from reader.ui.theme_matches import ThemeMatches, summarise
from reader.ui.workers import run_in_background, when_done

if TYPE_CHECKING:  # the matcher (and RE2) load on the worker, not at start-up
    from reader.core.matcher import ThemeMatcher, ThemeSpan

log = logging.getLogger(__name__)
PREVIEW_CHARS = 20_000  # a longer text's opening is matched first, to light up the screen at once


class MatchStart(NamedTuple):
    """Matching begun in the matching process: the lexicon it uses, and its results to come (None: no process)."""

    themes: list[Theme]
    preview: Future | None
    full: Future | None
    utf8: bytes | None = None  # begun on a file's bytes before they were decoded: those bytes

    def drop(self) -> None:
        """Give up these results (matching that has not started yet is not done at all)."""
        for future in (self.preview, self.full):
            if future is not None:
                future.cancel()


def _opening(text: str) -> str | None:
    """The first lines of a long text (None for a short one)."""
    if len(text) <= PREVIEW_CHARS:
        return None
    cut = text.find("\n", PREVIEW_CHARS)
    return text[: cut if cut > 0 else PREVIEW_CHARS]


def _opening_utf8(data: bytes) -> bytes | None:
    """The first lines of a long text's UTF-8 (None for a short one): cut at a newline, never inside a character."""
    cut = data.find(b"\n", PREVIEW_CHARS)
    return data[:cut] if cut > 0 else None


class ThemeState(QObject):
    """Lexicon, matcher (built on a worker) and the user's choice of visible themes."""

    visibility_changed = Signal()
    themes_changed = Signal()

    def __init__(self, themes: list[Theme] | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.themes: list[Theme] = themes if themes is not None else load_themes()
        self.hidden: set[str] = set()
        self.shared_only = False
        self.enabled = True
        self._matcher: ThemeMatcher | None = None

    def theme(self, theme_id: str) -> Theme | None:
        """The theme with this id, if the lexicon has it."""
        return next((theme for theme in self.themes if theme.id == theme_id), None)

    def begin_utf8(self, data: bytes, file: Path | None = None) -> MatchStart | None:
        """Start matching a large file's bytes before they are decoded, which the reader has found
        probably UTF-8 text that decodes as it is (None if no process can). Hand the result to
        `begin`, which keeps it only if the decoded text is exactly their UTF-8. On the worker
        reading the file, so matching runs while it decodes. `file`, the file they were read from,
        is read again by the matching process itself."""
        return self._submit(_opening_utf8(data), data, data, file)

    def begin(self, text: str, utf8: bytes | None = None, early: MatchStart | None = None) -> MatchStart:
        """Start matching `text` in the matching process: a long text's opening first, so the screen
        lights up at once. Safe on any thread (the document loader calls it as soon as a file is read).
        `utf8`, exactly the text's UTF-8 (a file's bytes), is sent instead of the text when given:
        encoding 5 MB of text for the journey holds the GIL for 10 ms, and the matcher needs UTF-8.
        `early`, from `begin_utf8`, is kept if it was begun on exactly these bytes with this lexicon.

        The matching process keeps the UI thread free: compiling the lexicon holds the GIL for
        tens of milliseconds, and the matcher's bookkeeping for as long again on a long text.
        """
        if early is not None:
            if early.utf8 is utf8 and early.themes is self.themes:
                return early
            early.drop()  # the bytes were not the text as it is (or the lexicon changed meanwhile)
        return self._submit(_opening(text), text if utf8 is None else utf8) or MatchStart(self.themes, None, None)

    def _submit(self, opening: str | bytes | None, whole: str | bytes, utf8: bytes | None = None, file: Path | None = None) -> MatchStart | None:
        """Send a text's opening (if long) and the whole text (or the file it is the bytes of) to the
        matching process; None if it is unavailable."""
        from reader.core.match_process import MatchProcessUnavailable, submit_match

        themes = self.themes
        try:
            lexicon = lexicon_json(themes)
            preview = submit_match(lexicon, opening, summarise) if opening is not None else None
            return MatchStart(themes, preview, submit_match(lexicon, whole, summarise, file), utf8)
        except MatchProcessUnavailable as error:
            log.warning("%s; matching on a thread instead", error)
            return None

    def collect(self, started: MatchStart, text: str, callback: Callable[[ThemeMatches], None], on_error: Callable[[str], None], on_preview: Callable[[ThemeMatches], None] | None = None) -> MatchStart:
        """Deliver a begun match on the UI thread: `on_preview` (a long text's opening), then `callback`
        or `on_error`. Call on the UI thread; matches on a worker thread if the process could not.
        Returns the match delivered: `drop()` gives it up, and then nothing more is called for it
        (unless it was matching on a thread, which goes on)."""
        if started.themes is not self.themes:  # begun with a lexicon replaced since
            started.drop()
            started = self.begin(text)
        if started.preview is not None and on_preview is not None:
            when_done(started.preview, lambda done: self._process_done(done, None, on_preview, lambda _message: None), self)
        if started.full is None:
            self._match_on_thread(text, callback, on_error)
        else:
            when_done(started.full, lambda done: self._process_done(done, text, callback, on_error), self)
        return started

    def _match_on_thread(self, text: str, callback: Callable[[ThemeMatches], None], on_error: Callable[[str], None]) -> None:
        from reader.core.match_process import stopped_for_good

        if stopped_for_good():  # quitting: the thread pool would be waited for, to match a text nobody will see
            return
        run_in_background(lambda: summarise(self.matcher().columns(text)), callback, on_error, self)

    def _process_done(self, future: Future, text: str | None, callback: Callable[[ThemeMatches], None], on_error: Callable[[str], None]) -> None:
        """Hand on a result from the matching process; if the process failed, match `text` on a
        thread instead (`text` None: a preview, given up)."""
        from reader.core.match_process import MatchProcessUnavailable, result_of

        if future.cancelled():  # given up by whoever asked
            return
        try:
            matches = result_of(future)
        except MatchProcessUnavailable as error:
            if text is not None:
                log.warning("%s; matching on a thread instead", error)
                self._match_on_thread(text, callback, on_error)
        except ReaderError as error:  # a user theme RE2 refuses
            on_error(str(error))
        except Exception as error:  # a bug: logged, and reported as the thread pool would
            log.error("matching in the matching process failed", exc_info=error)
            on_error(f"unexpected error: {error}")
        else:
            callback(matches)

    def set_themes(self, themes: list[Theme]) -> None:
        """Use another lexicon from now on (its matcher is compiled on the next match)."""
        self.themes = list(themes)
        self._matcher = None
        self.hidden &= {theme.id for theme in themes}
        self.themes_changed.emit()

    def match_now(self, text: str) -> list[ThemeSpan]:
        """Match every theme in `text` on this thread (a worker's: the first call compiles the lexicon)."""
        return self.matcher().match(text)

    def matcher(self) -> ThemeMatcher:
        """The compiled matcher of these themes (call it on a worker: compiling RE2 takes ~150 ms, once per lexicon)."""
        matcher = self._matcher
        if matcher is None:
            themes = self.themes
            matcher = _matcher_for(themes)
            if self.themes is themes:  # not if the lexicon was replaced meanwhile (set_themes resets it)
                self._matcher = matcher
        return matcher

    def set_hidden(self, theme_id: str, hidden: bool) -> None:
        """Show or hide one theme everywhere."""
        (self.hidden.add if hidden else self.hidden.discard)(theme_id)
        self.visibility_changed.emit()

    def set_shared_only(self, shared_only: bool) -> None:
        """Show only themes present in two or more open panes."""
        self.shared_only = shared_only
        self.visibility_changed.emit()

    def set_enabled(self, enabled: bool) -> None:
        """Turn all theme highlights on or off."""
        self.enabled = enabled
        self.visibility_changed.emit()

    def visible_ids(self, themes_per_pane: list[set[str]]) -> set[str]:
        """Theme ids to draw, given the themes that occur in each open pane."""
        if not self.enabled:
            return set()
        ids = {theme.id for theme in self.themes} - self.hidden
        if self.shared_only:
            ids &= shared_theme_ids(themes_per_pane)
        return ids


def shared_theme_ids(themes_per_pane: list[set[str]]) -> set[str]:
    """Themes that occur in at least two of the panes."""
    counts: dict[str, int] = {}
    for themes in themes_per_pane:
        for theme_id in themes:
            counts[theme_id] = counts.get(theme_id, 0) + 1
    return {theme_id for theme_id, count in counts.items() if count >= 2}


_compiled: dict[str, ThemeMatcher] = {}
_compiled_lock = threading.Lock()


def _matcher_for(themes: list[Theme]) -> ThemeMatcher:
    """A matcher for these themes, compiled once per process for the same lexicon."""
    from reader.core.matcher import ThemeMatcher

    key = lexicon_json(themes)
    with _compiled_lock:
        if key not in _compiled:
            _compiled.clear()  # only the current lexicon is worth keeping
            _compiled[key] = ThemeMatcher(themes)
        return _compiled[key]
