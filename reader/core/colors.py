"""Colour arithmetic for legibility: WCAG relative luminance and contrast ratio, and how far apart two colours look."""

from __future__ import annotations


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4


def hex_to_rgb(color: str) -> tuple[int, int, int]:
    """`#rrggbb` -> (r, g, b)."""
    color = color.lstrip("#")
    if len(color) != 6:
        raise ValueError(f"not a #rrggbb colour: {color!r}")
    return int(color[0:2], 16), int(color[2:4], 16), int(color[4:6], 16)


def relative_luminance(color: str) -> float:
    """WCAG 2 relative luminance of a `#rrggbb` colour."""
    r, g, b = (_channel(v) for v in hex_to_rgb(color))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(first: str, second: str) -> float:
    """WCAG 2 contrast ratio between two `#rrggbb` colours (1 to 21)."""
    a, b = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (a + 0.05) / (b + 0.05)


def readable_text_on(background: str) -> str:
    """Black or white, whichever contrasts more with `background`."""
    return "#000000" if contrast_ratio(background, "#000000") >= contrast_ratio(background, "#ffffff") else "#ffffff"


def mix(first: str, second: str, amount: float) -> str:
    """`first` moved `amount` (0 to 1) of the way towards `second`, as `#rrggbb`."""
    a, b = hex_to_rgb(first), hex_to_rgb(second)
    return "#" + "".join(f"{round(x + (y - x) * amount):02x}" for x, y in zip(a, b))


def _lab(color: str) -> tuple[float, float, float]:
    """CIE L*a*b* (D65) of a `#rrggbb` sRGB colour."""
    r, g, b = (_channel(v) for v in hex_to_rgb(color))
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116

    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def color_difference(first: str, second: str) -> float:
    """How different two `#rrggbb` colours look: CIE76 delta E (about 2: just noticeable; 10: plain; 25+: at a glance)."""
    return sum((a - b) ** 2 for a, b in zip(_lab(first), _lab(second))) ** 0.5
