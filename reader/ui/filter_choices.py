"""The perspective and language choices of a filter, filled from a corpus (the Corpus and Search docks)."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox

from reader.core.corpus import Corpus, perspective_label

ANY = None  # "all"; "" is a real value: the perspective or language is not known


def fill_filter_choices(perspective_box: QComboBox, language_box: QComboBox, corpus: Corpus) -> bool:
    """Offer what the corpus has, keeping each choice it still has; True if a choice was lost (now "all")."""
    lost = False
    for box, everything, values, label in (
        (perspective_box, "All perspectives", corpus.perspectives(), perspective_label),
        (language_box, "All languages", corpus.languages(), lambda language: language or "—"),
    ):
        chosen = box.currentData()
        box.blockSignals(True)
        box.clear()
        box.addItem(everything, ANY)
        for value in values:
            box.addItem(label(value), value)
        index = box.findData(chosen) if chosen is not ANY else 0
        box.setCurrentIndex(max(index, 0))
        box.blockSignals(False)
        lost = lost or index < 0
    return lost
