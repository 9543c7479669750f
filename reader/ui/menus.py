"""The main window's actions, menus and toolbar, with platform-standard shortcuts where Qt has them.

The actions, toolbar and menu bar are part of the window's first paint; the menus are filled after it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QStyle, QToolBar

if TYPE_CHECKING:
    from reader.ui.window_alignment import AlignmentActions

Key = QKeySequence.StandardKey


@dataclass
class Actions:
    """Every action of the main window, by name."""

    open_file: QAction
    import_documents: QAction
    close_pane: QAction
    new_annotations: QAction
    open_annotations: QAction
    save_annotations_as: QAction
    import_annotations: QAction
    export_annotations: QAction
    export_image: QAction
    quit: QAction
    undo: QAction
    redo: QAction
    tag_selection: QAction
    add_note: QAction
    add_to_lesson: QAction
    add_tagged_to_lesson: QAction
    present: QAction
    export_handout: QAction
    annotator_name: QAction
    copy: QAction
    select_all: QAction
    find: QAction
    find_next: QAction
    find_previous: QAction
    search_all: QAction
    zoom_in: QAction
    zoom_out: QAction
    zoom_reset: QAction
    zoom_all: QAction
    word_wrap: QAction
    sync_enabled: QAction
    sync_proportional: QAction
    sync_paragraph: QAction
    side_by_side: QAction
    stacked: QAction
    scheme_system: QAction
    scheme_light: QAction
    scheme_dark: QAction
    high_contrast: QAction
    full_screen: QAction
    edit_themes: QAction
    statistics: QAction
    next_theme: QAction
    previous_theme: QAction
    next_pane: QAction
    previous_pane: QAction
    move_pane_earlier: QAction
    move_pane_later: QAction
    swap_with_next: QAction
    shortcuts_help: QAction
    show_log: QAction
    about: QAction
    about_qt: QAction

    def all(self) -> list[QAction]:
        """All actions in declaration order."""
        return list(vars(self).values())


def _action(window: QMainWindow, text: str, shortcuts=(), tip: str = "", checkable: bool = False, icon=None) -> QAction:
    action = QAction(text, window)
    keys: list[QKeySequence] = []
    for shortcut in shortcuts:
        keys.extend(QKeySequence.keyBindings(shortcut) if isinstance(shortcut, Key) else [QKeySequence(shortcut)])
    if keys:
        action.setShortcuts(keys)
    action.setStatusTip(tip or text.replace("&", "").rstrip("…"))
    action.setCheckable(checkable)
    if icon is not None:
        action.setIcon(window.style().standardIcon(icon))
    window.addAction(action)  # shortcuts work even when menus and toolbar are hidden
    return action


def _group(window: QMainWindow, *actions: QAction) -> QActionGroup:
    group = QActionGroup(window)
    group.setExclusive(True)
    for action in actions:
        action.setCheckable(True)
        group.addAction(action)
    return group


def build_actions(window: QMainWindow) -> Actions:
    """Create the actions (not yet connected to anything)."""
    icons = QStyle.StandardPixmap
    actions = Actions(
        open_file=_action(window, "&Open…", [Key.Open], "Open a text file in a new pane", icon=icons.SP_DialogOpenButton),
        import_documents=_action(window, "&Import Documents…", ["Ctrl+I"], "Add txt, md, html, docx or pdf files to your corpus"),
        close_pane=_action(window, "&Close Pane", [Key.Close], "Close the active pane", icon=icons.SP_TitleBarCloseButton),
        new_annotations=_action(window, "&New Annotation File…", [Key.New], "Start a new, empty annotation file"),
        open_annotations=_action(window, "Open &Annotation File…", ["Ctrl+Shift+O"], "Work in another annotation file"),
        save_annotations_as=_action(window, "Save Annotations &As…", [Key.SaveAs, "Ctrl+Shift+S"], "Save the annotations to another file and keep working there"),
        import_annotations=_action(window, "&Import Annotations…", [], "Add another annotator's annotations to this file"),
        export_annotations=_action(window, "E&xport Annotations…", [], "Write every annotation to a CSV or JSON-lines file"),
        export_image=_action(window, "Export Window as &Image…", ["Ctrl+Shift+E"], "Save a PNG of the window"),
        quit=_action(window, "&Quit", [Key.Quit, "Ctrl+Q"]),
        undo=_action(window, "&Undo", [Key.Undo], "Undo the last change to annotations or tags"),
        redo=_action(window, "&Redo", [Key.Redo, "Ctrl+Shift+Z"], "Redo what was undone"),
        tag_selection=_action(window, "&Tag Selection…", ["Ctrl+T"], "Tag the selected text: pick a tag by typing, or create one"),
        add_note=_action(window, "Add or Edit &Note…", ["Ctrl+M"], "Write a note on the annotation at the cursor"),
        add_to_lesson=_action(window, "Add Selection to &Lesson", ["Ctrl+L"], "Add the selected text to the lesson chosen in the Lesson dock"),
        add_tagged_to_lesson=_action(window, "Add Tagged Passages to Lesson…", [], "Add every passage carrying a tag to the lesson"),
        present=_action(window, "&Present", ["F5"], "Show the lesson, or the open panes, full screen for a room (Esc leaves)"),
        export_handout=_action(window, "Export Lesson &Handout…", [], "Write the lesson as a PDF or HTML handout"),
        annotator_name=_action(window, "Annotator &Name…", [], "The name recorded as the creator of your annotations"),
        copy=_action(window, "&Copy", [Key.Copy], "Copy the selected text"),
        select_all=_action(window, "Select &All", [Key.SelectAll], "Select the whole text of the active pane"),
        find=_action(window, "&Find…", [Key.Find], "Find in the active pane", icon=icons.SP_FileDialogContentsView),
        find_next=_action(window, "Find &Next", [Key.FindNext]),
        find_previous=_action(window, "Find Pre&vious", [Key.FindPrevious]),
        search_all=_action(window, "&Search All Documents…", ["Ctrl+Shift+F"], "Full-text search of every document, hits in context"),
        zoom_in=_action(window, "Zoom &In", ["Ctrl+=", Key.ZoomIn]),
        zoom_out=_action(window, "Zoom &Out", [Key.ZoomOut]),
        zoom_reset=_action(window, "&Actual Size", ["Ctrl+0"]),
        zoom_all=_action(window, "Zoom All &Panes Together", [], "Zoom changes every pane, not only the active one", True),
        word_wrap=_action(window, "&Word Wrap", ["Ctrl+Shift+W"], "Wrap long lines at the pane's edge", True),
        sync_enabled=_action(window, "&Synchronised Scrolling", ["Ctrl+Shift+L"], "Scroll all panes together", True),
        sync_proportional=_action(window, "Sync by P&roportion", [], "Other panes follow to the same fraction of their length"),
        sync_paragraph=_action(window, "Sync by Para&graph", [], "Other panes show the paragraph with the same number"),
        side_by_side=_action(window, "Side &by Side", ["Ctrl+Alt+H"], "Panes side by side"),
        stacked=_action(window, "S&tacked", ["Ctrl+Alt+V"], "Panes one above the other"),
        scheme_system=_action(window, "Follow &System", [], "Light or dark, as the desktop is set"),
        scheme_light=_action(window, "&Light"),
        scheme_dark=_action(window, "&Dark"),
        high_contrast=_action(window, "&High Contrast", ["Ctrl+Alt+C"], "White on black with strong highlights", True),
        full_screen=_action(window, "&Full Screen", [Key.FullScreen, "F11"], "", True),
        edit_themes=_action(window, "Edit T&hemes…", [], "Add, edit or delete themes and their patterns"),
        statistics=_action(window, "&Statistics…", [], "Counts of themes and tags per document and perspective, as a table and a chart"),
        next_theme=_action(window, "Ne&xt Theme Occurrence", ["F8"], "Select the next occurrence of the theme chosen in the Themes dock"),
        previous_theme=_action(window, "Previous Th&eme Occurrence", ["Shift+F8"], "Select the previous occurrence of the chosen theme"),
        next_pane=_action(window, "&Next Pane", ["Ctrl+PgDown"]),
        previous_pane=_action(window, "&Previous Pane", ["Ctrl+PgUp"]),
        move_pane_earlier=_action(window, "Move Pane &Earlier", ["Ctrl+Shift+PgUp"]),
        move_pane_later=_action(window, "Move Pane &Later", ["Ctrl+Shift+PgDown"]),
        swap_with_next=_action(window, "&Swap with Next Pane", ["Ctrl+Alt+S"]),
        shortcuts_help=_action(window, "&Keyboard Shortcuts", ["F1"]),
        show_log=_action(window, "Show &Log File Location"),
        about=_action(window, "&About Parallel Reader"),
        about_qt=_action(window, "About &Qt"),
    )
    _group(window, actions.sync_proportional, actions.sync_paragraph)
    _group(window, actions.side_by_side, actions.stacked)
    _group(window, actions.scheme_system, actions.scheme_light, actions.scheme_dark)
    actions.quit.setMenuRole(QAction.MenuRole.QuitRole)
    actions.about.setMenuRole(QAction.MenuRole.AboutRole)
    actions.about_qt.setMenuRole(QAction.MenuRole.AboutQtRole)
    return actions


def build_toolbar(window: QMainWindow, actions: Actions, alignment: AlignmentActions) -> QToolBar:
    """The toolbar (part of the first paint, so its height is right from the start)."""
    toolbar = QToolBar("Toolbar", window)
    toolbar.setObjectName("MainToolbar")
    toolbar.addActions([actions.open_file, actions.close_pane])
    toolbar.addSeparator()
    toolbar.addActions([actions.zoom_out, actions.zoom_in, actions.find])
    toolbar.addSeparator()
    toolbar.addActions([actions.sync_enabled, actions.sync_proportional, actions.sync_paragraph, alignment.sync_by_alignment])
    toolbar.addSeparator()
    toolbar.addActions([actions.side_by_side, actions.stacked])
    toolbar.addSeparator()
    toolbar.addAction(actions.present)
    window.addToolBar(toolbar)
    return toolbar


@dataclass
class Menus:
    """The menu bar's menus, empty until `fill_menus`."""

    file: QMenu
    edit: QMenu
    view: QMenu
    window: QMenu  # its pane list is rebuilt each time it opens
    help: QMenu


def build_menu_bar(window: QMainWindow) -> Menus:
    """The menu bar with its (still empty) menus, so the first paint shows it."""
    bar = window.menuBar()
    return Menus(*(bar.addMenu(title) for title in ("&File", "&Edit", "&View", "&Window", "&Help")))


def fill_menus(window: QMainWindow, menus: Menus, actions: Actions, alignment: AlignmentActions, toolbar: QToolBar, dock_toggles: list[QAction]) -> None:
    """Fill the menus; View also gets the toolbar's and docks' toggles and the Present on Screen submenu."""
    file_menu = menus.file
    file_menu.addActions([actions.open_file, actions.import_documents, actions.close_pane])
    file_menu.addSeparator()
    file_menu.addActions([actions.new_annotations, actions.open_annotations, actions.save_annotations_as])
    file_menu.addActions([actions.import_annotations, actions.export_annotations])
    file_menu.addSeparator()
    file_menu.addActions([actions.export_handout, actions.export_image])
    file_menu.addSeparator()
    file_menu.addAction(actions.quit)

    edit_menu = menus.edit
    edit_menu.addActions([actions.undo, actions.redo])
    edit_menu.addSeparator()
    edit_menu.addActions([actions.tag_selection, actions.add_note, actions.annotator_name])
    edit_menu.addSeparator()
    edit_menu.addActions([actions.add_to_lesson, actions.add_tagged_to_lesson])
    edit_menu.addSeparator()
    edit_menu.addActions([actions.copy, actions.select_all])
    edit_menu.addSeparator()
    edit_menu.addActions([actions.find, actions.find_next, actions.find_previous, actions.search_all])

    view_menu = menus.view
    view_menu.addActions([actions.zoom_in, actions.zoom_out, actions.zoom_reset, actions.zoom_all])
    view_menu.addSeparator()
    view_menu.addActions([actions.word_wrap, actions.side_by_side, actions.stacked])
    view_menu.addSeparator()
    view_menu.addActions([actions.sync_enabled, actions.sync_proportional, actions.sync_paragraph, alignment.sync_by_alignment])
    view_menu.addSeparator()
    view_menu.addActions([alignment.align_passages, alignment.go_to_aligned])
    view_menu.addSeparator()
    view_menu.addActions([actions.next_theme, actions.previous_theme, actions.edit_themes, actions.statistics])
    view_menu.addSeparator()
    appearance_menu = view_menu.addMenu("&Appearance")
    appearance_menu.addActions([actions.scheme_system, actions.scheme_light, actions.scheme_dark])
    appearance_menu.addSeparator()
    appearance_menu.addAction(actions.high_contrast)
    view_menu.addSeparator()
    view_menu.addActions([toolbar.toggleViewAction(), *dock_toggles])
    view_menu.addAction(actions.full_screen)
    view_menu.addSeparator()
    view_menu.addAction(actions.present)
    window.present_screen_menu = view_menu.addMenu("Present on &Screen")  # filled when it opens

    menus.help.addActions([actions.shortcuts_help, actions.show_log])
    menus.help.addSeparator()
    menus.help.addActions([actions.about, actions.about_qt])


def fill_window_menu(menu: QMenu, actions: Actions, pane_actions: list[QAction]) -> None:
    """Rebuild the Window menu: pane commands, then one entry per open pane."""
    menu.clear()
    menu.addActions([actions.next_pane, actions.previous_pane, actions.move_pane_earlier, actions.move_pane_later, actions.swap_with_next])
    if pane_actions:
        menu.addSeparator()
        menu.addActions(pane_actions)
