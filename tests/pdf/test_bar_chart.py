"""The report's charts (``pdf.bar_chart.BarChart``) draw what ReportLab's bar charts drew for
them before: the same strokes, fills and text at the same places, compared operator by operator
on the page's content (the reference is the report's former chart code, kept here)."""

from __future__ import annotations

import random
import re
from types import SimpleNamespace

import pytest
from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.charts.utils import nextRoundNumber
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from movement_desk.pdf.bar_chart import next_round_number
from movement_desk.pdf.fonts import SERIF, SERIF_ITALIC, register_fonts
from movement_desk.pdf.report import BAR_COLOUR, ReportRenderer


def _style_values_and_bars(chart, renderer: ReportRenderer, axis_length: float) -> None:
    """The value axis, grid and bars both of the report's charts had; and the step of a
    chart of counts never below 1 (ReportLab's own step, as its ``ValueAxis`` works it out, is
    told to be 1 where it would be a fraction)."""
    chart.valueAxis.valueMin = 0
    top = max(chart.data[0]) or 0.01
    axis = chart.valueAxis
    interval = top / min(float(axis.maximumTicks - 1), axis_length / axis.minimumTickSpacing)
    if nextRoundNumber(interval) < 1:
        chart.valueAxis.valueStep = 1
    chart.valueAxis.labels.fontName = SERIF
    chart.valueAxis.labels.fontSize = 8
    chart.valueAxis.labelTextFormat = renderer._axis_number
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = colors.HexColor("#d0d0d0")
    chart.bars[0].fillColor = BAR_COLOUR
    chart.bars.strokeColor = None
    chart.barLabelFormat = renderer._axis_number
    chart.barLabels.fontName = SERIF


def reference_units_chart(renderer: ReportRenderer, data) -> Drawing:
    """The units chart as the report drew it with ReportLab's HorizontalBarChart."""
    names = [row.name for row in data.unit_rows]
    values = [row.sessions for row in data.unit_rows]
    bar = 11 if len(names) > 12 else 16
    label_width = max(stringWidth(name, SERIF, 8) for name in names) + 6
    drawing = Drawing(renderer.width, bar * len(names) + 40)
    chart = HorizontalBarChart()
    chart.x, chart.y = label_width, 22
    chart.width = renderer.width - label_width - 30
    chart.height = bar * len(names)
    chart.data = [list(reversed(values))]
    chart.categoryAxis.categoryNames = list(reversed(names))
    chart.categoryAxis.labels.fontName = SERIF
    chart.categoryAxis.labels.fontSize = 8
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.categoryAxis.labels.dx = -6
    _style_values_and_bars(chart, renderer, chart.width)
    chart.barLabels.fontSize = 7
    chart.barLabels.boxAnchor = "w"
    chart.barLabels.dx = 2
    drawing.add(chart)
    return drawing


def reference_months_chart(renderer: ReportRenderer, data) -> Drawing:
    """The months chart as the report drew it with ReportLab's VerticalBarChart."""
    height = 60 * mm
    drawing = Drawing(renderer.width, height)
    chart = VerticalBarChart()
    chart.x, chart.y = 30, 28
    chart.width = renderer.width - 40
    chart.height = height - 45
    chart.data = [[m[1] for m in data.months]]
    chart.categoryAxis.categoryNames = [f"T{m[0]}" for m in data.months]
    chart.categoryAxis.labels.fontName = SERIF
    chart.categoryAxis.labels.fontSize = 9
    _style_values_and_bars(chart, renderer, chart.height)
    chart.barLabels.fontSize = 8
    chart.barLabels.nudge = 6
    drawing.add(chart)
    note = (
        "tháng tính từ ngày 15 tháng trước đến ngày 14"
        if data.rule == "decree"
        else "tháng dương lịch"
    )
    drawing.add(String(0, 4, f"(T01 = tháng 01; {note})", fontName=SERIF_ITALIC, fontSize=8))
    return drawing


# Operators that only save, restore or restate a state every painted shape sets for itself.
_NOT_PAINTING = re.compile(
    r"^(q|Q|1 0 0 1 0 0 cm|0 J|0 j|\[\] 0 d|BT /\S+ [\d.]+ Tf [\d.]+ TL ET)$"
)


def _operators(flowable) -> list[str]:
    canvas = Canvas("unused.pdf", pageCompression=0, invariant=1)
    flowable.wrapOn(canvas, 500, 800)
    flowable.drawOn(canvas, 50, 100)
    lines = [line.strip() for chunk in canvas._code for line in chunk.split("\n")]
    return [line for line in lines if not _NOT_PAINTING.match(line)]


def _data(sessions: list[int], months: list[int], rule: str = "decree"):
    rows = [
        SimpleNamespace(name=f"Xã Thử Nghiệm {i} – Bắc Kạn" if i % 3 else f"Huyện {i}", sessions=s)
        for i, s in enumerate(sessions)
    ]
    return SimpleNamespace(
        unit_rows=rows, months=[(f"{i + 1:02d}", m) for i, m in enumerate(months)], rule=rule
    )


_random = random.Random(18)
CASES = [
    _data([664, 817, 1220, 802, 1128, 1637, 1187, 1439], [1404, 1388, 1223, 1434, 1371, 0, 0]),
    _data([1, 0, 0, 0], [0, 1], "calendar"),
    _data([0, 0, 3], [5, 0, 0]),
    _data([123456, 99, 5, 77777, 1, 2], [10**6, 3, 250000, 0, 0, 0, 0, 0, 0, 0, 0, 999999]),
    _data([7] * 8, [7] * 12),
    _data(
        [_random.randint(0, 5000) for _ in range(20)], [_random.randint(0, 300) for _ in range(6)]
    ),
    _data([_random.randint(0, 50) for _ in range(13)], [_random.randint(0, 30) for _ in range(12)]),
    _data([2, 1], [1, 2]),
]


@pytest.mark.parametrize("data", CASES)
def test_the_charts_draw_what_reportlab_drew(data):
    register_fonts()
    renderer = ReportRenderer()
    for ours, reference in (
        (renderer.units_chart(data), reference_units_chart(renderer, data)),
        (renderer.months_chart(data), reference_months_chart(renderer, data)),
    ):
        assert ours.wrap(500, 800) == reference.wrap(500, 800)
        expected = _operators(reference)
        # The drawing's opening state (black, 1 pt), restated by every shape it paints.
        assert expected[1:4] == ["0 0 0 RG", "1 w", "0 0 0 rg"]
        assert _operators(ours) == expected[:1] + expected[4:]


@pytest.mark.parametrize("x", [0, 1, 0.03, 0.17, 0.9, 1.2, 3, 7.5, 23, 180, 4321, 99999])
def test_next_round_number_is_reportlabs(x):
    assert next_round_number(x) == nextRoundNumber(x)


class _WrittenCanvas(Canvas):
    """A canvas that keeps every text it is given, in order."""

    def __init__(self):
        super().__init__("unused.pdf")
        self.written: list[str] = []

    def drawString(self, x, y, text, *args, **kwargs):  # noqa: N802 - ReportLab's name
        self.written.append(text)
        super().drawString(x, y, text, *args, **kwargs)


@pytest.mark.parametrize(
    ("months", "axis"),
    [([0, 1, 0], ["0", "1"]), ([2, 0, 3], ["0", "1", "2", "3"]), ([0, 0, 0], ["0"])],
)
def test_a_chart_of_a_few_records_numbers_its_axis_in_whole_records(months, axis):
    """A month chart of at most a few sessions labels its value axis 0, 1, 2 …, each number
    once (it read "0, 0, 0, 1, 1": ticks at 0,2, 0,4 … printed as whole numbers)."""
    register_fonts()
    chart = ReportRenderer().months_chart(_data([1], months))
    canvas = _WrittenCanvas()
    chart.wrapOn(canvas, 500, 800)
    chart.drawOn(canvas, 50, 100)
    # bars' numbers, the months' names, then the value axis' numbers, then the note
    after_names = canvas.written[canvas.written.index(f"T{len(months):02d}") + 1 :]
    assert after_names[:-1] == axis
    assert after_names[-1].startswith("(T01 = tháng 01")
