"""Connects themes to the window: matching each pane, drawing highlights, the Themes dock, navigation."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer

from reader.core.themes import BUNDLED_LEXICON, LexiconError, load_lexicon_file
from reader.ui.appearance import Appearance
from reader.ui.document_view import THEME_LAYER
from reader.ui.pane import DocumentPane
from reader.ui.pane_area import PaneArea
from reader.ui.theme_layer import ThemeHighlights
from reader.ui.theme_matches import ThemeMatches
from reader.ui.theme_state import MatchStart, ThemeState
from reader.ui.themes_dock import ThemesDock

if TYPE_CHECKING:  # RE2 loads with the matcher, on a worker thread
    from reader.core.matcher import ThemeSpan
    from reader.ui.theme_editor import ThemeEditor




class ThemeController(QObject):
    """Owns the theme state and keeps every pane's highlights and the dock up to date."""

    def __init__(self, pane_area: PaneArea, dock: ThemesDock, report_problem, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.pane_area = pane_area
        self.dock = dock
        self.appearance = Appearance()
        self._report_problem = report_problem
        try:
            self.state = ThemeState(parent=self)
        except LexiconError as error:  # a broken user lexicon: say so, and use the bundled themes
            report_problem(f"Your theme file could not be used, so the bundled themes are shown. {error}")
            self.state = ThemeState(load_lexicon_file(BUNDLED_LEXICON), parent=self)
        self.matches: dict[DocumentPane, ThemeMatches] = {}  # each pane's spans, counted and indexed where found
        self._complete: set[DocumentPane] = set()  # panes whose whole text has been matched
        self._texts: dict[DocumentPane, str] = {}  # the text each pane's matches are (being) found in
        self._requests: dict[DocumentPane, object] = {}  # each pane's latest matching request
        self._in_flight: dict[DocumentPane, MatchStart] = {}  # its match, until its result is taken
        self._pending = 0
        # Several changes in one pass of the event loop (panes opened together) redraw once.
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(0)
        self._refresh_timer.timeout.connect(self.refresh)
        self.state.visibility_changed.connect(self.refresh)
        dock.model.visibility_toggled.connect(lambda theme_id, visible: self.state.set_hidden(theme_id, not visible))
        dock.shared_box.toggled.connect(self.state.set_shared_only)
        dock.highlights_box.toggled.connect(self.state.set_enabled)
        dock.jump_requested.connect(self.jump_to_first)
        dock.step_requested.connect(self.step)
        pane_area.panes_changed.connect(self._forget_closed)

    def text_arriving(self, pane: DocumentPane, text: str, started: MatchStart | None = None) -> None:
        """Match a pane's text as soon as it is read, while its view is still being filled
        (`started`: the matching the loader began on its worker)."""
        self._begin_matching(pane, text, started)

    def document_shown(self, pane: DocumentPane) -> None:
        """Match themes in a pane's new document, off the UI thread (a long one: its opening first)."""
        text = pane.view.text
        if self._texts.get(pane) is text:  # matching began while the text was filled in
            if pane in self._complete:
                self.refresh()  # now, so that the text is first painted with its highlights
            else:
                self._refresh_timer.start()
            return
        self._begin_matching(pane, text)

    def _begin_matching(self, pane: DocumentPane, text: str, started: MatchStart | None = None) -> None:
        self.matches.pop(pane, None)
        self._complete.discard(pane)
        self._texts[pane] = text
        # Results are taken only from the latest request: the same text is matched again when the lexicon changes.
        self._give_up(pane)
        request = self._requests[pane] = object()
        self._pending += 1
        self._in_flight[pane] = self.state.collect(
            started or self.state.begin(text),
            text,
            lambda matches: self._matched(pane, request, matches),
            lambda message: self._matching_failed(pane, request, message),
            lambda matches: self._previewed(pane, request, matches),
        )

    def _matching_failed(self, pane: DocumentPane, request: object, message: str) -> None:
        """A user theme RE2 cannot compile: say which, and go on with the bundled themes."""
        self._matched(pane, request, ThemeMatches())
        bundled = load_lexicon_file(BUNDLED_LEXICON)
        if self.state.themes != bundled:
            self._report_problem(f"Your themes could not be used, so the bundled themes are shown. {message}")
            self.state.set_themes(bundled)
            for open_pane in self.pane_area.panes():
                if open_pane.document is not None:
                    self._begin_matching(open_pane, open_pane.view.text)

    def _previewed(self, pane: DocumentPane, request: object, matches: ThemeMatches) -> None:
        if pane in self.spans_pending() and self._requests.get(pane) is request:
            self.matches[pane] = matches
            self._refresh_timer.start()

    @property
    def spans(self) -> dict[DocumentPane, list[ThemeSpan]]:
        """Each pane's spans (unpacked on first use); `spans_of` for one pane."""
        return {pane: matches.spans for pane, matches in self.matches.items()}

    def spans_of(self, pane: DocumentPane) -> list[ThemeSpan] | None:
        """One pane's spans (unpacked on first use), None before any are found."""
        matches = self.matches.get(pane)
        return matches.spans if matches is not None else None

    def spans_pending(self) -> list[DocumentPane]:
        """Open panes whose whole text has not been matched yet."""
        return [pane for pane in self.pane_area.panes() if pane not in self._complete]

    def pending(self) -> bool:
        """Whether some pane's themes are still being matched, or matched and not drawn yet."""
        return self._pending > 0 or self._refresh_timer.isActive()

    def _give_up(self, pane: DocumentPane) -> None:
        """Cancel a pane's match if the matching process has not begun it: the pane closed, or a new
        request replaces it (a 5 MB text would keep the process from the next one for 100 ms)."""
        started = self._in_flight.pop(pane, None)
        if started is not None:
            if started.full is not None and started.full.cancel():
                self._pending -= 1  # no result will come for it
            started.drop()

    def _matched(self, pane: DocumentPane, request: object, matches: ThemeMatches) -> None:
        self._pending -= 1
        if self._requests.get(pane) is not request:
            return  # replaced by a newer request, or the pane closed
        self._in_flight.pop(pane, None)
        if pane in self.pane_area.panes():
            self.matches[pane] = matches
            self._complete.add(pane)
            self._refresh_timer.start()

    def _forget_closed(self) -> None:
        open_panes = set(self.pane_area.panes())
        for pane in [p for p in self.matches if p not in open_panes]:
            del self.matches[pane]
        for pane in [p for p in self._texts if p not in open_panes]:
            del self._texts[pane]
            self._requests.pop(pane, None)
            self._give_up(pane)
        self._complete &= open_panes
        self._refresh_timer.start()

    def set_appearance(self, appearance: Appearance) -> None:
        """Redraw highlights in the colours of a new appearance."""
        self.appearance = appearance
        self.refresh()

    def visible_ids(self) -> set[str]:
        """The themes drawn now in the open panes (shown, and shared where only shared ones are)."""
        return self.state.visible_ids([self.matches[pane].themes for pane in self.pane_area.panes() if pane in self.matches])

    def refresh(self) -> None:
        """Redraw every pane's highlights and the dock's counts (lookups only: the matches were indexed on the worker)."""
        panes = self.pane_area.panes()
        per_pane = [self._shown_matches(pane) for pane in panes]
        visible = self.state.visible_ids([matches.themes for matches in per_pane])
        dark = self.appearance.is_dark()
        by_id = {theme.id: theme for theme in self.state.themes}
        colours = {theme.id: theme.strong_color(dark) for theme in self.state.themes}  # the marks' colours
        labels = {theme.id: theme.label for theme in self.state.themes}
        for pane, matches in zip(panes, per_pane):
            pane.view.set_layer(THEME_LAYER, ThemeHighlights(matches, self.state.themes, visible, dark))
            # The strip marks the whole text: not a long text's opening, matched first.
            pane.markers.set_matches(matches if pane in self._complete else None, visible & set(by_id), colours, labels)
        themes = [t for t in self.state.themes if not self.state.shared_only or t.id in visible or t.id in self.state.hidden]
        titles = [f"{number}. {pane.title}" for number, pane in enumerate(panes, start=1)]
        # A count is shown once it is the whole text's: not a long text's opening, nor 0 while it fills.
        counts = [matches.counts if pane in self._complete and self._shows_its_text(pane) else None for pane, matches in zip(panes, per_pane)]
        selected = self.dock.selected_theme()
        self.dock.model.reset(themes, self.state.hidden, dark, titles, counts)
        if selected:
            self.dock.select_theme(selected)

    def _shown_matches(self, pane: DocumentPane) -> ThemeMatches:
        """A pane's matches once its view shows the text they were found in (none while it fills)."""
        matches = self.matches.get(pane)
        return matches if matches is not None and self._shows_its_text(pane) else ThemeMatches()

    def _shows_its_text(self, pane: DocumentPane) -> bool:
        """Whether a pane's view shows the text its matches are for (not while a long text fills)."""
        return pane.view.text is self._texts.get(pane)

    def edit_themes(self, parent) -> "ThemeEditor":
        """Open the theme editor; saving writes the user lexicon and re-matches every pane."""
        from reader.ui.theme_editor import ThemeEditor

        editor = ThemeEditor(self.state.themes, lambda: [(p.title, p.view.text) for p in self.pane_area.panes()], parent)
        editor.saved.connect(self.replace_themes)
        editor.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        editor.open()
        return editor

    def replace_themes(self, themes: list) -> None:
        """Use new themes everywhere and remember them in the user lexicon."""
        from reader.core.themes import save_user_lexicon

        save_user_lexicon(themes)
        self.state.set_themes(themes)
        for pane in self.pane_area.panes():
            if pane.document is not None:
                self._begin_matching(pane, pane.view.text)
        self.refresh()

    def jump_to_first(self, theme_id: str, pane_number: int) -> None:
        """Scroll a pane to the first occurrence of a theme and select it."""
        panes = self.pane_area.panes()
        if 0 <= pane_number < len(panes):
            pane = panes[pane_number]
            first = next((s for s in self.spans_of(pane) or [] if s.theme == theme_id), None)
            if first is not None:
                self.pane_area.set_active(pane)
                pane.view.select_range(first.start, first.end)
                pane.view.setFocus()

    def step(self, direction: int) -> None:
        """Select the next (1) or previous (-1) occurrence of the dock's selected theme in the active pane."""
        pane = self.pane_area.active_pane
        theme_id = self.dock.selected_theme()
        if pane is None or theme_id is None:
            return
        spans = [s for s in self.spans_of(pane) or [] if s.theme == theme_id]
        if not spans:
            return
        here = pane.view.selection_offsets()[0 if direction < 0 else 1] if pane.view.textCursor().hasSelection() else pane.view.cursor_offset()
        if direction > 0:
            target = next((s for s in spans if s.start >= here), spans[0])
        else:
            target = next((s for s in reversed(spans) if s.end <= here), spans[-1])
        pane.view.select_range(target.start, target.end)
