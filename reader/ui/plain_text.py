"""User text (theme labels, tag names, notes, titles) in Qt tooltips, always shown literally.

Qt guesses whether a tooltip is rich text, so a tag named "<b>x</b>" would be drawn bold; the
house rule is that such text is plain. Escaped inside a paragraph, it is shown as typed.
"""

from __future__ import annotations

import html


def plain_tooltip(text: str) -> str:
    """Tooltip markup showing `text` exactly as typed, its line breaks kept, long lines wrapped."""
    return f"<p style='white-space:pre-wrap'>{html.escape(text)}</p>" if text else ""
