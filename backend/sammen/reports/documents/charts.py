"""The indicator chart as SVG, with the SPA chart's look (frontend/src/features/indicators/chart.ts
and SeriesChart.tsx): the measured area against its comparison areas, baseline, target and
threshold lines, lines that differ by dash and marker as well as colour, and withheld values
drawn as withheld (a hollow mark on the axis labelled as such), never as 0 and never joined over.

The legend is HTML beside the plot (each entry a small SVG swatch and its text): WeasyPrint lays
out SVG text one letter at a time, so the legend's words in the SVG cost more than the rest of
the chart together.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from sammen.core import danish
from sammen.reports.content import ContentIndicator

WIDTH, HEIGHT, LEFT, RIGHT, TOP, BOTTOM = 720, 320, 60, 16, 16, 40
STYLES = (
    ("#0059b3", 3.5, None, "circle"),
    ("#b34700", 2.0, "8 4", "square"),
    ("#2e7d32", 2.0, "3 3", "diamond"),
    ("#6a1b9a", 2.0, "12 4 3 4", "triangle"),
    ("#454545", 2.0, "2 6", "circle"),
)
REF_STROKE = {"baseline": "#454545", "target": "#2e7d32", "threshold": "#b00020"}
WITHHELD = "#767676"
MARKERS_UP_TO = 16  # every point of a shorter series gets its marker; a longer one where a line starts


def nice_ticks(lo: float, hi: float, count: int = 5) -> list[float]:
    """Round steps (1, 2, 2.5 or 5 × 10^k) giving about `count` ticks over [lo, hi] (as chart.ts)."""
    if lo == hi:
        pad = abs(lo) * 0.1 or 1.0
        lo, hi = lo - pad, hi + pad
    raw = (hi - lo) / max(1, count)
    mag = 10 ** math.floor(math.log10(raw))
    step = next((m * mag for m in (1, 2, 2.5, 5, 10) if m * mag >= raw), 10 * mag)
    first, last = math.floor(lo / step) * step, math.ceil(hi / step) * step
    ticks, v = [], first
    while v <= last + step / 2:
        ticks.append(round(v, 10))
        v += step
    return ticks


def thin_labels(periods: Sequence[str], most: int = 8) -> set[str]:
    if len(periods) <= most:
        return set(periods)
    step = math.ceil((len(periods) - 1) / (most - 1))
    last = len(periods) - 1
    return {
        p
        for i, p in enumerate(periods)
        if i == last or (i % step == 0 and last - i >= math.ceil(step / 2) + 1)
    }


@dataclass(frozen=True)
class LegendEntry:
    swatch: str  # an SVG of SWATCH_WIDTH × SWATCH_HEIGHT: the line's colour, width and dash, or the ring
    label: str


SWATCH_WIDTH, SWATCH_HEIGHT = 28, 12


@dataclass(frozen=True)
class Chart:
    svg: str
    description: str
    legend: list[LegendEntry]


def chart(ind: ContentIndicator) -> Chart | None:
    """The indicator's chart, or None when it has no figures at all."""
    periods = sorted({p.period for s in ind.series for p in s.points})
    if not periods:
        return None
    values = [p.value for s in ind.series for p in s.points if p.value is not None]
    values += [ln.value for ln in ind.lines if ln.value is not None]
    lo, hi = (min(values), max(values)) if values else (0.0, 1.0)
    ticks = nice_ticks(0.0 if 0 <= lo < hi * 0.5 else lo, hi)
    y0, y1 = ticks[0], ticks[-1]
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    index = {p: i for i, p in enumerate(periods)}

    def x(period: str) -> float:
        return LEFT + (plot_w / 2 if len(periods) <= 1 else index[period] * plot_w / (len(periods) - 1))

    def y(value: float) -> float:
        return TOP + plot_h - (value - y0) / ((y1 - y0) or 1) * plot_h

    bottom = HEIGHT - BOTTOM
    withheld_any = any(p.withheld and p.value is None for s in ind.series for p in s.points)
    out: list[str] = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" height="{HEIGHT}" '
        'font-family="DejaVu Sans, Arial, sans-serif">'
    ]
    for t in ticks:
        out.append(
            f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y(t):.1f}" y2="{y(t):.1f}" stroke="#dcdcdc"/>'
            f'<text x="{LEFT - 8}" y="{y(t) + 4:.1f}" text-anchor="end" font-size="14" fill="#454545">'
            f"{escape(danish.number(t, _decimals(ticks)))}</text>"
        )
    out.append(f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{bottom}" y2="{bottom}" stroke="#454545"/>')
    labels = thin_labels(periods)
    for i, period in enumerate(periods):
        if period in labels:
            anchor = (
                "start"
                if i == 0 and len(periods) > 1
                else "end"
                if i == len(periods) - 1 and len(periods) > 1
                else "middle"
            )
            out.append(
                f'<text x="{x(period):.1f}" y="{bottom + 20}" text-anchor="{anchor}" font-size="14" fill="#454545">'
                f"{escape(period)}</text>"
            )
    for ln in ind.lines:
        if ln.value is None:
            continue
        colour = REF_STROKE[ln.kind]
        out.append(
            f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y(ln.value):.1f}" y2="{y(ln.value):.1f}" stroke="{colour}" '
            f'stroke-dasharray="6 3" stroke-width="1.5"/>'
            f'<text x="{WIDTH - RIGHT - 4}" y="{y(ln.value) - 4:.1f}" text-anchor="end" font-size="13" fill="{colour}">'
            f"{escape(ln.label)}</text>"
        )
    for k, s in enumerate(ind.series):
        colour, width, dash, marker = STYLES[k % len(STYLES)]
        every = len(s.points) <= MARKERS_UP_TO
        d, pen, dots = "", False, []
        for p in s.points:
            if p.value is None:
                pen = False  # a gap: withheld or missing values are never joined over
                if p.withheld:
                    out.append(
                        f'<circle cx="{x(p.period):.1f}" cy="{bottom:.1f}" r="5" fill="#ffffff" stroke="{WITHHELD}" '
                        'stroke-width="1.5"/>'
                    )
                continue
            if (
                every or not pen
            ):  # long series: a marker where a line starts (after a gap: a lone point shows)
                dots.append(_marker(marker, x(p.period), y(p.value), colour))
            d += f"{'L' if pen else 'M'}{x(p.period):.1f},{y(p.value):.1f}"
            pen = True
        if d:
            dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
            out.append(f'<path d="{d}" fill="none" stroke="{colour}" stroke-width="{width}"{dash_attr}/>')
        out += dots
    out.append("</svg>")
    return Chart(
        svg="".join(out),
        description=_describe(ind, periods, withheld_any),
        legend=_legend(ind, withheld_any),
    )


def _decimals(ticks: Sequence[float]) -> int:
    step = abs(ticks[1] - ticks[0]) if len(ticks) > 1 else 1.0
    return 0 if step >= 1 else 1 if step >= 0.1 else 2


def _marker(kind: str, x: float, y: float, colour: str) -> str:
    if kind == "square":
        return f'<rect x="{x - 4:.1f}" y="{y - 4:.1f}" width="8" height="8" fill="{colour}"/>'
    if kind == "diamond":
        return f'<path d="M{x:.1f},{y - 5:.1f}L{x + 5:.1f},{y:.1f}L{x:.1f},{y + 5:.1f}L{x - 5:.1f},{y:.1f}Z" fill="{colour}"/>'
    if kind == "triangle":
        return f'<path d="M{x:.1f},{y - 5:.1f}L{x + 5:.1f},{y + 4:.1f}L{x - 5:.1f},{y + 4:.1f}Z" fill="{colour}"/>'
    return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" fill="{colour}"/>'


def _legend(ind: ContentIndicator, withheld: bool) -> list[LegendEntry]:
    """Each series by colour, dash and width, each drawn reference line, and the ring for withheld
    values (when the chart has any)."""
    entries: list[LegendEntry] = []
    for k, s in enumerate(ind.series):
        colour, width, dash, _ = STYLES[k % len(STYLES)]
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        entries.append(
            LegendEntry(_swatch(f'stroke="{colour}" stroke-width="{width}"{dash_attr}'), s.area_name)
        )
    for ln in ind.lines:
        if ln.value is not None:
            style = f'stroke="{REF_STROKE[ln.kind]}" stroke-width="1.5" stroke-dasharray="6 3"'
            entries.append(LegendEntry(_swatch(style), ln.label))
    if withheld:
        entries.append(LegendEntry(_swatch(None), "skjult: for få i gruppen (ikke 0)"))
    return entries


def _swatch(line_style: str | None) -> str:
    """A legend swatch: a line in `line_style`, or (None) the hollow ring of a withheld value."""
    mid = SWATCH_HEIGHT / 2
    mark = (
        f'<circle cx="{SWATCH_WIDTH / 2}" cy="{mid}" r="5" fill="#ffffff" stroke="{WITHHELD}" stroke-width="1.5"/>'
        if line_style is None
        else f'<line x1="0" x2="{SWATCH_WIDTH}" y1="{mid}" y2="{mid}" {line_style}/>'
    )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {SWATCH_WIDTH} {SWATCH_HEIGHT}" '
        f'width="{SWATCH_WIDTH}" height="{SWATCH_HEIGHT}">{mark}</svg>'
    )


def _describe(ind: ContentIndicator, periods: Sequence[str], withheld: bool) -> str:
    areas = ", ".join(s.area_name for s in ind.series)
    lines = "; ".join(ln.label for ln in ind.lines if ln.value is not None)
    text = f"Linjediagram: {ind.name} for {areas}, {danish.span(periods[0], periods[-1])}."
    if lines:
        text += f" Referencelinjer: {lines}."
    if withheld:
        text += " Værdier for små grupper er skjult og vist som tomme ringe på aksen."
    return text + " Alle tal står i tabellen ved siden af."
