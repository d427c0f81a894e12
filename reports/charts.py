"""Charts drawn on the server as SVG, shared by the web dashboard and the PDF (WeasyPrint draws SVG).

Each function returns a ``SafeString`` holding one ``<svg>`` element, ready for ``{{ chart }}`` in a
template. The markup is plain SVG 1.1: no script, no external reference (fonts by family name only),
no ``style`` attributes (presentation attributes instead, so the portal's Content-Security-Policy,
which has no ``'unsafe-inline'`` for styles, does not block them), and every piece of text escaped,
so the string parses as XML on its own. No ``id`` attributes either: several charts may share a page.
"""

from __future__ import annotations

import math
from numbers import Real

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

__all__ = [
    "FONT_FAMILY", "MONTH_LABELS", "SERIES_COLOURS", "comparison_bars", "monthly_bar_chart", "monthly_rows_chart",
    "progress_bar",
]

FONT_FAMILY = "'Noto Sans CJK SC', 'Source Han Sans SC', 'Microsoft YaHei', sans-serif"
MONTH_LABELS = tuple(f"{month}月" for month in range(1, 13))
#: first series (e.g. this year) strong blue, second (e.g. last year) orange; both distinct in grey print
SERIES_COLOURS = ("#1f5fa8", "#e08a3c")
TEXT_COLOUR = "#222222"
MUTED_COLOUR = "#666666"
GRID_COLOUR = "#dddddd"
REACHED_COLOUR = "#2e7d32"
BEHIND_COLOUR = "#b02a37"
NEAR_COLOUR = "#c77c02"
#: no text of a chart is smaller than this (px at its natural size): readable on a phone
MIN_TEXT = 11
TRACK_COLOUR = "#e6e6e6"


def _n(value: float) -> str:
    """A coordinate or length: at most two decimals, no trailing zeros."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text


def _number(value: Real) -> str:
    """A figure as printed: ``12``, ``12.5``."""
    if isinstance(value, int) or float(value).is_integer():
        return str(int(value))
    return f"{float(value):g}"


def _text_width(text: str, font_size: float) -> float:
    """Estimated advance of a text: full width for CJK, about 0.6 em for ASCII."""
    return sum(font_size if ord(char) > 0x2E7F else font_size * 0.6 for char in text)


def _text(
    x: float,
    y: float,
    content: str,
    *,
    size: float,
    anchor: str = "start",
    fill: str = TEXT_COLOUR,
    weight: str | None = None,
) -> str:
    bold = f' font-weight="{weight}"' if weight else ""
    return (
        f'<text x="{_n(x)}" y="{_n(y)}" font-size="{_n(size)}" text-anchor="{anchor}" fill="{fill}"{bold}>'
        f"{escape(content)}</text>"
    )


def _svg(width: float, height: float, label: str, css_class: str, body: list[str]) -> SafeString:
    markup = (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="{css_class}"'
        f' width="{_n(width)}" height="{_n(height)}" viewBox="0 0 {_n(width)} {_n(height)}"'
        f' role="img" aria-label="{escape(label)}"'
        f' font-family="{escape(FONT_FAMILY)}">'
        f"<title>{escape(label)}</title>" + "".join(body) + "</svg>"
    )
    return mark_safe(markup)  # noqa: S308 - every text and attribute value above is escaped


def _nice_scale(maximum: int, ticks: int = 4) -> tuple[int, int]:
    """(step, top) of a value axis: a 1/2/5 × 10^k step and the first multiple of it ≥ maximum."""
    if maximum <= 0:
        return 1, ticks
    raw = maximum / ticks
    magnitude = 10 ** math.floor(math.log10(raw)) if raw >= 1 else 1
    step = next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw)
    step = max(int(step), 1)
    return step, math.ceil(maximum / step) * step


def monthly_bar_chart(
    series: list[tuple[str, list[int]]], *, title: str, width: int = 640, height: int = 240
) -> SafeString:
    """Bars per month for one or two series side by side (e.g. this year and last year).

    ``series`` is ``[(name, [12 counts, January first]), ...]``. Each bar carries its value on top;
    the legend names the series; the x axis reads 1月 … 12月.
    """
    if not 1 <= len(series) <= 2:
        raise ValueError("monthly_bar_chart draws one or two series")
    for name, values in series:
        if len(values) != 12:
            raise ValueError(f"series {name!r} must have 12 monthly values, has {len(values)}")
        if any(value < 0 for value in values):
            raise ValueError(f"series {name!r} has a negative value")

    top_margin, bottom_margin, left_margin, right_margin = 40, 24, 40, 8
    plot_w = width - left_margin - right_margin
    plot_h = height - top_margin - bottom_margin
    baseline = top_margin + plot_h
    step, top = _nice_scale(max(max(values) for _, values in series))

    body = []
    if title:
        body.append(_text(left_margin, 16, title, size=13, weight="bold"))

    # legend, right-aligned on the title line
    x = width - right_margin
    legend = []
    for index in reversed(range(len(series))):
        name = series[index][0]
        x -= _text_width(name, 11)
        legend.append(_text(x, 16, name, size=11))
        x -= 14
        legend.append(f'<rect x="{_n(x)}" y="7" width="10" height="10" fill="{SERIES_COLOURS[index]}"/>')
        x -= 12
    body.extend(reversed(legend))

    # value axis: grid lines and their labels
    for tick in range(0, top + 1, step):
        y = baseline - plot_h * tick / top
        colour = MUTED_COLOUR if tick == 0 else GRID_COLOUR
        body.append(
            f'<line x1="{_n(left_margin)}" y1="{_n(y)}" x2="{_n(width - right_margin)}" y2="{_n(y)}"'
            f' stroke="{colour}" stroke-width="1"/>'
        )
        body.append(_text(left_margin - 4, y + 3.5, str(tick), size=MIN_TEXT, anchor="end", fill=MUTED_COLOUR))

    # bars, month by month
    slot = plot_w / 12
    group = slot * 0.76
    bar_w = group / len(series)
    for month in range(12):
        group_x = left_margin + slot * month + (slot - group) / 2
        for index, (_name, values) in enumerate(series):
            value = values[month]
            bar_h = plot_h * value / top
            bar_x = group_x + bar_w * index
            if bar_h > 0:
                body.append(
                    f'<rect x="{_n(bar_x + 0.5)}" y="{_n(baseline - bar_h)}" width="{_n(bar_w - 1)}"'
                    f' height="{_n(bar_h)}" fill="{SERIES_COLOURS[index]}"/>'
                )
            body.append(
                _text(bar_x + bar_w / 2, baseline - bar_h - 3, _number(value), size=MIN_TEXT, anchor="middle")
            )
        body.append(
            _text(
                left_margin + slot * (month + 0.5),
                baseline + 16,
                MONTH_LABELS[month],
                size=11,
                anchor="middle",
            )
        )

    label = title or "、".join(name for name, _ in series)
    return _svg(width, height, label, "chart chart-monthly", body)


def _check_series(series) -> None:
    if not 1 <= len(series) <= 2:
        raise ValueError("a monthly chart draws one or two series")
    for name, values in series:
        if len(values) != 12:
            raise ValueError(f"series {name!r} must have 12 monthly values, has {len(values)}")
        if any(value < 0 for value in values):
            raise ValueError(f"series {name!r} has a negative value")


def monthly_rows_chart(series: list[tuple[str, list[int]]], *, title: str, width: int = 360) -> SafeString:
    """The monthly chart for a phone: one row per month, the series' bars side by side across, every text at
    least 11 px at the chart's natural width (a 640 px chart shrunk to a phone's width would print 6 px)."""
    _check_series(series)
    row_h, bar_h, left, right = 10 + 10 * len(series), 9, 40, 36
    top = 46
    height = top + row_h * 12 + 4
    plot_w = width - left - right
    peak = max(max(values) for _, values in series) or 1
    body = [_text(0, 16, title, size=13, weight="bold")]
    x = 0.0
    for index, (name, _values) in enumerate(series):
        body.append(f'<rect x="{_n(x)}" y="26" width="10" height="10" fill="{SERIES_COLOURS[index]}"/>')
        body.append(_text(x + 14, 35, name, size=MIN_TEXT))
        x += 14 + _text_width(name, MIN_TEXT) + 16
    for month in range(12):
        y = top + row_h * month
        body.append(_text(left - 6, y + row_h / 2 + 4, MONTH_LABELS[month], size=MIN_TEXT + 1, anchor="end"))
        for index, (_name, values) in enumerate(series):
            value = values[month]
            bar_y = y + 5 + index * (bar_h + 1)
            bar_w = plot_w * value / peak
            if bar_w > 0:
                body.append(f'<rect x="{left}" y="{_n(bar_y)}" width="{_n(bar_w)}" height="{bar_h}"'
                            f' fill="{SERIES_COLOURS[index]}"/>')
            body.append(_text(left + bar_w + 3, bar_y + bar_h - 0.5, _number(value), size=MIN_TEXT))
    body.append(f'<line x1="{left}" y1="{top}" x2="{left}" y2="{_n(top + row_h * 12)}" stroke="{MUTED_COLOUR}"'
                ' stroke-width="1"/>')
    return _svg(width, height, title or "、".join(name for name, _ in series), "chart chart-monthly-rows", body)


def comparison_bars(rows: list[tuple[str, Real | None, str]], *, title: str, unit: str = "",
                    target: Real | None = None, width: int = 300) -> SafeString:
    """One indicator across townships, a bar each (the county's comparison): ``rows`` is
    ``[(township, value or None, status)]`` with status reached / near / behind / none (the bar's colour);
    a target draws a dashed line."""
    row_h, left, right, top = 20, 64, 56, 24
    height = top + row_h * max(len(rows), 1) + 4
    plot_w = width - left - right
    values = [float(value) for _, value, _ in rows if value is not None]
    peak = max([*values, float(target or 0)]) or 1
    colours = {"reached": REACHED_COLOUR, "near": NEAR_COLOUR, "behind": BEHIND_COLOUR}
    body = [_text(0, 15, title, size=12, weight="bold")]
    for index, (name, value, status) in enumerate(rows):
        y = top + row_h * index
        shown = name if _text_width(name, MIN_TEXT) <= left - 6 else name[: int((left - 6) / MIN_TEXT)]
        body.append(_text(left - 6, y + 14, shown, size=MIN_TEXT, anchor="end"))
        if value is None:
            body.append(_text(left + 2, y + 14, "—", size=MIN_TEXT, fill=MUTED_COLOUR))
            continue
        bar_w = plot_w * float(value) / peak
        if bar_w > 0:
            body.append(f'<rect x="{left}" y="{y + 4}" width="{_n(bar_w)}" height="12"'
                        f' fill="{colours.get(status, SERIES_COLOURS[0])}"/>')
        body.append(_text(left + bar_w + 3, y + 14, f"{_number(value)}{unit}", size=MIN_TEXT))
    if target is not None:
        x = left + plot_w * float(target) / peak
        body.append(f'<line x1="{_n(x)}" y1="{top}" x2="{_n(x)}" y2="{_n(height - 4)}" stroke="{TEXT_COLOUR}"'
                    ' stroke-width="1" stroke-dasharray="3 2"/>')
    return _svg(width, height, title, "chart chart-comparison", body)


def progress_bar(
    value: Real, target: Real | None, *, label: str, width: int = 360, height: int = 44
) -> SafeString:
    """A figure against its target: the label, ``value / target（percent）`` and a bar.

    The percentage is rounded down, so it never overstates; the bar stops at full when the target is
    exceeded and turns green once the target is reached. A missing or non-positive target draws an
    empty track and says 未设目标.
    """
    if value < 0:
        raise ValueError("progress_bar value must not be negative")
    track_y, track_h = 24, 12
    has_target = target is not None and target > 0
    if has_target:
        share = value / target
        percent = math.floor(share * 100 + 1e-9)
        figure = f"{_number(value)} / {_number(target)}（{percent}%）"
    else:
        share = 0
        figure = f"{_number(value)}（未设目标）"
    reached = has_target and value >= target
    fill_w = (width - 2) * min(share, 1)

    body = [
        _text(1, 15, label, size=12),
        _text(width - 1, 15, figure, size=12, anchor="end", fill=REACHED_COLOUR if reached else TEXT_COLOUR),
        f'<rect x="1" y="{track_y}" width="{_n(width - 2)}" height="{track_h}" rx="3"'
        f' fill="{TRACK_COLOUR}"/>',
    ]
    if fill_w > 0:
        colour = REACHED_COLOUR if reached else SERIES_COLOURS[0]
        body.append(
            f'<rect x="1" y="{track_y}" width="{_n(fill_w)}" height="{track_h}" rx="3" fill="{colour}"/>'
        )
    return _svg(width, height, f"{label}：{figure}", "chart chart-progress", body)
