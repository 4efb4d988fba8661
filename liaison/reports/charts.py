"""Charts of the reports, drawn by the application itself: SVG for the PDF, PNG for Word.

A chart is one set of horizontal bars per label (one bar per series), the numbers written at the end of
each bar, so that it reads in black and white and needs no axis. Both renderings come from one layout,
so the PDF and the Word document draw the same thing; nothing is fetched from a CDN or a chart service.
"""

from dataclasses import dataclass
from io import BytesIO
from xml.sax.saxutils import escape

from PIL import Image, ImageDraw, ImageFont

COLOURS = ("#1f5f99", "#e07b00", "#2e8540", "#8e44ad")  # one per series, distinct in grey too
WIDTH = 720
LABEL_WIDTH = 250
BAR = 16
GAP = 10
LEGEND = 26
FONT_SIZE = 13


@dataclass
class Bar:
    x: int
    y: int
    width: int
    colour: str
    text: str


@dataclass
class Layout:
    height: int
    labels: list  # (x, y, text)
    bars: list[Bar]
    legend: list  # (x, y, colour, text)


def layout(chart: dict) -> Layout:
    """Where everything goes, for `Table.chart_data()`: {"labels": [...], "datasets": [{"label", "data"}]}."""
    datasets = chart["datasets"]
    values = [value or 0 for dataset in datasets for value in dataset["data"]]
    largest = max([*values, 0]) or 1
    room = WIDTH - LABEL_WIDTH - 90  # what is left for the longest bar and its number
    top = LEGEND if len(datasets) > 1 else 4
    group = BAR * len(datasets) + GAP
    labels, bars = [], []
    for index, label in enumerate(chart["labels"]):
        y = top + index * group
        labels.append((4, y + (BAR * len(datasets)) // 2 - FONT_SIZE // 2, _shorten(str(label))))
        for series, dataset in enumerate(datasets):
            value = dataset["data"][index] or 0
            width = max(int(room * value / largest), 1 if value else 0)
            bars.append(Bar(LABEL_WIDTH, y + series * BAR, width, COLOURS[series % len(COLOURS)], _number(value)))
    legend = [
        (LABEL_WIDTH + series * 180, 4, COLOURS[series % len(COLOURS)], _shorten(str(dataset["label"]), 24))
        for series, dataset in enumerate(datasets)
    ]
    return Layout(top + len(chart["labels"]) * group + 4, labels, bars, legend if len(datasets) > 1 else [])


def svg(chart: dict, title: str = "") -> str:
    """The chart as an inline SVG element (WeasyPrint draws it in the PDF)."""
    plan = layout(chart)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{plan.height}" '
        f'viewBox="0 0 {WIDTH} {plan.height}" role="img" aria-label="{escape(title, {chr(34): "&quot;"})}" '
        f'font-family="sans-serif" font-size="{FONT_SIZE}">'
    ]
    for x, y, colour, text in plan.legend:
        parts.append(f'<rect x="{x}" y="{y}" width="12" height="12" fill="{colour}"/>')
        parts.append(f'<text x="{x + 16}" y="{y + 11}">{escape(text)}</text>')
    for x, y, text in plan.labels:
        parts.append(f'<text x="{x}" y="{y + FONT_SIZE - 2}">{escape(text)}</text>')
    for bar in plan.bars:
        parts.append(f'<rect x="{bar.x}" y="{bar.y + 2}" width="{bar.width}" height="{BAR - 4}" fill="{bar.colour}"/>')
        parts.append(f'<text x="{bar.x + bar.width + 4}" y="{bar.y + BAR - 4}">{escape(bar.text)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def png(chart: dict) -> bytes:
    """The same chart as a PNG image (Word documents take no SVG everywhere)."""
    plan = layout(chart)
    scale = 2  # drawn at twice the size, so that it stays sharp when printed
    image = Image.new("RGB", (WIDTH * scale, plan.height * scale), "white")
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=FONT_SIZE * scale)
    for x, y, colour, text in plan.legend:
        draw.rectangle([x * scale, y * scale, (x + 12) * scale, (y + 12) * scale], fill=colour)
        draw.text(((x + 16) * scale, y * scale), text, fill="black", font=font)
    for x, y, text in plan.labels:
        draw.text((x * scale, y * scale), text, fill="black", font=font)
    for bar in plan.bars:
        if bar.width:
            box = [bar.x * scale, (bar.y + 2) * scale, (bar.x + bar.width) * scale, (bar.y + BAR - 2) * scale]
            draw.rectangle(box, fill=bar.colour)
        draw.text(((bar.x + bar.width + 4) * scale, (bar.y + 1) * scale), bar.text, fill="black", font=font)
    buffer = BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def _number(value) -> str:
    return f"{value:,.2f}" if isinstance(value, float) and not value.is_integer() else f"{int(value):,}"


def _shorten(text: str, limit: int = 34) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
