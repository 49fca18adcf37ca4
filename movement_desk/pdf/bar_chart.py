"""The report's bar charts, drawn straight on the page.

``BarChart`` draws what ReportLab's ``HorizontalBarChart`` and ``VerticalBarChart`` draw in the
one configuration the report uses (one series of counts, the value axis from 0 to the largest
count with ReportLab's own tick step, a grid on the value ticks, a label on every bar, the
category names on the other axis): the same lines, bars and text, at the same places, in the
same order and colours (tests/pdf/test_bar_chart.py compares the two). ReportLab's charts
(``reportlab.graphics``: axes, widgets, markers, about 10 ms to load) and the ~350 shape objects
each chart builds before drawing them were most of what the charts cost a report.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from math import log10

from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

# ReportLab's defaults for a bar chart and its axes, as the report's charts leave them.
BAR_WIDTH = 10  # bar : space between groups, as 10 : 5
GROUP_SPACING = 5
TICK_LENGTH = 5  # ticks below (or left of) the axes, labels at their end
LABEL_OFFSET = 5
MAXIMUM_TICKS = 7
MINIMUM_TICK_SPACING = 10
GRID_WIDTH = 0.25
LINE_WIDTH = 1


def next_round_number(x: float) -> float:
    """The first of 1, 2, 5, 10, 20, 50, … (times a power of ten) at or above ``x``: ReportLab's
    ``nextRoundNumber``, the value axis' tick step."""
    if x in (0, 1):
        return x
    if x < 0:
        return -1.0 * next_round_number(-x)
    lg = int(log10(x))
    if lg == 0:
        base = 0.1 if x < 1 else 1.0
    elif lg < 0:
        base = 10.0 ** (lg - 1)
    else:
        base = 10.0**lg
    if base >= x:
        return base * 1.0
    if base * 2 >= x:
        return base * 2.0
    if base * 5 >= x:
        return base * 5.0
    return base * 10.0


def value_ticks(maximum: float, length: float) -> tuple[float, list[float]]:
    """The value axis' top and its ticks, from 0, for counts up to ``maximum`` over ``length``
    points (ReportLab's ``ValueAxis`` with ``valueMin=0`` and the rest left as they are), except
    that the step is never below 1: the values are counts, and a chart of a few records would
    otherwise put ticks at 0,2, 0,4 … and label them "0, 0, 0, 1, 1"."""
    top = maximum if maximum != 0 else 0.01
    interval = top / min(float(MAXIMUM_TICKS - 1), float(length) / MINIMUM_TICK_SPACING)
    step = max(1.0, next_round_number(interval))
    fuzz = 1e-8 * step
    last = int(float(top) / step)
    if last * step > top + fuzz:
        last -= 1
    return top, [i * step for i in range(0, last + 1)]


@dataclass
class Text:
    """A line of text put as ReportLab's ``Label`` puts it: ``anchor`` (n, e, w or c) is the
    point of its box that sits at (x + dx, y + dy)."""

    font: str
    size: float
    anchor: str
    dx: float = 0
    dy: float = 0

    def draw(self, canvas, x: float, y: float, text: str) -> None:
        width = stringWidth(text, self.font, self.size)
        leading = 1.2 * self.size
        top = 0 if self.anchor == "n" else 0.5 * leading
        left = {"e": -width, "w": 0}.get(self.anchor, -width * 0.5)
        canvas.saveState()
        canvas.translate(x + self.dx, y + self.dy)
        canvas.setFillColor(colors.black)
        canvas.setFont(self.font, self.size, leading)
        canvas.drawString(left, top - leading * (1 / 1.2), text)
        canvas.restoreState()


@dataclass(eq=False)  # a flowable compares and hashes by identity, as ReportLab's do
class BarChart(Flowable):
    """One series of ``values`` named ``names`` (first at the bottom of a horizontal chart, at
    the left of a vertical one) in a ``width`` × ``height`` box whose plot area is
    (``x``, ``y``, ``plot_width``, ``plot_height``); ``notes``: lines of text put as they are."""

    width: float
    height: float
    x: float
    y: float
    plot_width: float
    plot_height: float
    values: Sequence[int]
    names: Sequence[str]
    horizontal: bool
    number: Callable[[float], str]
    category_text: Text
    value_text: Text
    bar_text: Text
    bar_nudge: float = 0
    fill: object = colors.black
    grid: object = colors.black
    notes: list[tuple[float, float, str, str, float]] = field(default_factory=list)

    def __post_init__(self) -> None:
        size = self.width, self.height
        Flowable.__init__(self)  # which sets a flowable's size to 0 until it is wrapped
        self.width, self.height = size

    def wrap(self, avail_width, avail_height):
        return self.width, self.height

    def _line(self, x1: float, y1: float, x2: float, y2: float, colour, width: float) -> None:
        canvas = self.canv
        canvas.saveState()
        canvas.setStrokeColor(colour)
        canvas.setLineWidth(width)
        canvas.setLineCap(0)
        canvas.setLineJoin(0)
        canvas.setDash([], 0)
        canvas.line(x1, y1, x2, y2)
        canvas.restoreState()

    def draw(self) -> None:
        canvas = self.canv
        horizontal = self.horizontal
        value_length = self.plot_width if horizontal else self.plot_height
        category_length = self.plot_height if horizontal else self.plot_width
        # Value axis: 0 at the plot's edge, the largest value at its other end.
        value_origin = self.x if horizontal else self.y
        top, ticks = value_ticks(max(self.values), value_length)
        scale = value_length / float(top - 0)

        def at(value: float) -> float:
            return value_origin + scale * (value - 0)

        # Categories: equal bands, a bar of 10/15 of its band in the middle of each.
        category_origin = self.y if horizontal else self.x
        band = category_length / float(len(self.values) or 1)
        bar = BAR_WIDTH * (band / (GROUP_SPACING + BAR_WIDTH))
        offset = 0.5 * GROUP_SPACING * (band / (GROUP_SPACING + BAR_WIDTH))
        base = at(0)
        end_x, end_y = self.x + self.plot_width, self.y + self.plot_height

        for tick in ticks:  # the grid, under everything
            position = at(tick)
            if horizontal:
                self._line(position, self.y, position, end_y, self.grid, GRID_WIDTH)
            else:
                self._line(self.x, position, end_x, position, self.grid, GRID_WIDTH)

        bars = []
        for index, value in enumerate(self.values):
            start = category_origin + index * band + offset
            length = at(value) - base
            if -1e-8 < length <= 1e-8:
                length = 1e-8  # as ReportLab: no bar, the label where it would end
            bars.append((start, length))
            if abs(length) >= 1e-7 and bar > 1e-7:
                canvas.saveState()
                canvas.setFillColor(self.fill)
                canvas.setLineWidth(LINE_WIDTH)
                if horizontal:
                    canvas.rect(base, start, length, bar, stroke=0, fill=1)
                else:
                    canvas.rect(start, base, bar, length, stroke=0, fill=1)
                canvas.restoreState()
        for value, (start, length) in zip(self.values, bars, strict=True):
            middle = start + 0.5 * bar
            tip = base + length + self.bar_nudge
            if horizontal:
                self.bar_text.draw(canvas, tip, middle, self.number(value))
            else:
                self.bar_text.draw(canvas, middle, tip, self.number(value))

        # The category axis: its line, a tick at each band's edge, the names.
        if horizontal:
            self._line(self.x, self.y, self.x, end_y, colors.black, LINE_WIDTH)
        else:
            self._line(self.x, self.y, end_x, self.y, colors.black, LINE_WIDTH)
        for index in range(len(self.values) + 1):
            edge = category_origin + index * band
            if horizontal:
                self._line(self.x, edge, self.x - TICK_LENGTH, edge, colors.black, LINE_WIDTH)
            else:
                self._line(edge, self.y, edge, self.y - TICK_LENGTH, colors.black, LINE_WIDTH)
        for index, name in enumerate(self.names):
            middle = category_origin + (index + 0.5) * band
            if horizontal:
                self.category_text.draw(canvas, self.x, middle, name)
            else:
                self.category_text.draw(canvas, middle, self.y, name)

        # The value axis: its line, the ticks, their numbers.
        if horizontal:
            self._line(self.x, self.y, end_x, self.y, colors.black, LINE_WIDTH)
        else:
            self._line(self.x, self.y, self.x, end_y, colors.black, LINE_WIDTH)
        for tick in ticks:
            position = at(tick)
            if horizontal:
                self._line(position, self.y, position, self.y - TICK_LENGTH, colors.black, 1)
            else:
                self._line(self.x, position, self.x - TICK_LENGTH, position, colors.black, 1)
        for tick in ticks:
            position = at(tick)
            if horizontal:
                self.value_text.draw(canvas, position, self.y, self.number(tick))
            else:
                self.value_text.draw(canvas, self.x, position, self.number(tick))

        for x, y, text, font, size in self.notes:
            canvas.saveState()
            canvas.setFillColor(colors.black)
            canvas.setFont(font, size, 1.2 * size)
            canvas.drawString(x, y, text)
            canvas.restoreState()
