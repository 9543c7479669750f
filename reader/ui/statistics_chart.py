"""The statistics chart: theme and tag counts as horizontal bars (QtCharts), and its PNG and SVG export."""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCharts import QBarCategoryAxis, QBarSet, QChart, QChartView, QHorizontalBarSeries, QValueAxis
from PySide6.QtCore import QBuffer, QIODevice, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtSvg import QSvgGenerator

from reader.core.durable import write_atomically
from reader.core.errors import ReaderError
from reader.core.statistics import Matrix
from reader.ui.appearance import Appearance, badge_colors

# Okabe–Ito: told apart by people with the common colour-vision deficiencies; the legend names each.
DOCUMENT_COLOURS = ("#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00", "#f0e442", "#000000")


def build_chart(matrix: Matrix, title: str, appearance: Appearance, by_perspective: bool, row_names: list[str] | None = None, decimals: int = 0) -> QChart:
    """Bars per label (themes, then tags), one set per document or perspective; labels with no count are left out."""
    chart = QChart()
    chart.setTitle(title)
    chart.setTheme(QChart.ChartTheme.ChartThemeDark if appearance.is_dark() else QChart.ChartTheme.ChartThemeLight)
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    used = [column for column in range(len(matrix.column_labels)) if any(matrix.value(row, column) for row in range(len(matrix.row_labels)))]
    series = QHorizontalBarSeries()
    for row, name in enumerate(matrix.row_labels):
        bars = QBarSet(html.escape(_short(row_names[row] if row_names else name)))  # QtCharts reads labels as rich text
        bars.append([float(matrix.value(row, column)) for column in reversed(used)])  # the first label at the top
        colour = badge_colors(matrix.row_keys[row], appearance)[0] if by_perspective and matrix.row_keys else DOCUMENT_COLOURS[row % len(DOCUMENT_COLOURS)]
        bars.setColor(QColor(colour))
        series.append(bars)
    series.setBarWidth(0.85)
    chart.addSeries(series)
    categories = QBarCategoryAxis()
    categories.append([html.escape(matrix.column_labels[column]) for column in reversed(used)])
    chart.addAxis(categories, Qt.AlignmentFlag.AlignLeft)
    series.attachAxis(categories)
    values = QValueAxis()
    values.setRange(0, max(matrix.maximum, 1) * 1.05)
    values.applyNiceNumbers()
    values.setLabelFormat(f"%.{decimals}f")
    chart.addAxis(values, Qt.AlignmentFlag.AlignBottom)
    series.attachAxis(values)
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
    return chart


def _short(name: str, limit: int = 48) -> str:
    return name if len(name) <= limit else name[: limit - 1] + "…"


def save_chart_png(view: QChartView, path: Path) -> None:
    """The chart as it is on screen, as PNG (written atomically)."""
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not view.grab().save(buffer, "PNG"):
        raise ReaderError(f"{path}: could not make the PNG image")
    try:
        write_atomically(path, bytes(buffer.data()))
    except OSError as error:
        raise ReaderError(f"{path}: could not write the PNG file ({error.strerror or error})") from None


def save_chart_svg(view: QChartView, path: Path) -> None:
    """The chart as SVG (vector: sharp at any size, editable)."""
    size = view.size() if view.width() > 10 else QSize(1000, 700)
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    generator = QSvgGenerator()
    generator.setOutputDevice(buffer)
    generator.setSize(size)
    generator.setViewBox(QRectF(0, 0, size.width(), size.height()))
    generator.setTitle(view.chart().title())
    painter = QPainter()
    if not painter.begin(generator):
        raise ReaderError(f"{path}: could not write the SVG file")
    try:
        view.render(painter)
    finally:
        painter.end()
    try:
        write_atomically(path, bytes(buffer.data()))
    except OSError as error:
        raise ReaderError(f"{path}: could not write the SVG file ({error.strerror or error})") from None
