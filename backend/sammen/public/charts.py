"""An indicator's figures for the public goal page: one table model and an inline SVG chart.

Both come from the same rows (the API's anonymous observation select), so the chart never
shows a number the table does not, and a withheld value is a gap in the line and
"skjult (under N)" in the table: never a zero.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup, escape

from sammen.indicators.schemas import AreaPublic, IndicatorPublic, RollupIndicator
from sammen.indicators.service import parse_period

# Line colours with at least 3:1 contrast on white, and a dash pattern each, so no line is told
# apart by colour alone (WCAG 1.4.1, 1.4.11).
STYLES = (
    ("#0059b3", ""),
    ("#a33a00", "8 4"),
    ("#1b6b2f", "2 3"),
    ("#6a3d9a", "10 3 2 3"),
    ("#454545", "4 4"),
)
WIDTH, HEIGHT = 640, 260
LEFT, RIGHT, TOP, BOTTOM = 72, 24, 16, 44


@dataclass(frozen=True)
class Cell:
    value: float | None
    withheld: bool
    missing_reason: str | None = None


@dataclass
class IndicatorFigures:
    code: str
    name_da: str
    name_en: str
    unit: str
    decimals: int
    source: str | None
    min_n: int
    status: str | None  # the status in the measured area (the goal roll-up's), None without one
    explanation: str | None  # its reasons in Danish (position, trend, the figure's age): Danish pages only
    latest_period: str | None
    areas: list[tuple[str, str]] = field(default_factory=list)  # (code, name): measured area first
    periods: list[str] = field(default_factory=list)  # oldest first
    cells: dict[tuple[str, str], Cell] = field(default_factory=dict)  # (period, area code) -> cell

    @property
    def has_withheld(self) -> bool:
        return any(c.withheld for c in self.cells.values())


def figures_of(
    info: IndicatorPublic, own: RollupIndicator | None, rows: Sequence[Any], areas: Sequence[AreaPublic]
) -> IndicatorFigures:
    """`own`: the indicator's status in the measured area, as the goal's roll-up judged it."""
    target = next((a.code for a in areas if a.kind == "target"), None)
    starts: dict[str, Any] = {}
    cells: dict[tuple[str, str], Cell] = {}
    present: set[str] = set()
    for row in rows:
        parsed = parse_period(row.period)
        starts[row.period] = parsed.start if parsed else row.period
        cells[(row.period, row.area)] = Cell(row.value, bool(row.withheld), row.missing_reason)
        present.add(row.area)
    ordered = sorted(areas, key=lambda a: (a.code != target, a.kind != "target"))
    return IndicatorFigures(
        code=info.code,
        name_da=info.name_da,
        name_en=info.name_en,
        unit=info.unit,
        decimals=info.decimals,
        source=info.source,
        min_n=info.min_n,
        status=own.status if own else None,
        explanation=own.explanation if own else None,
        latest_period=own.period if own else None,
        areas=[(a.code, a.name) for a in ordered if a.code in present],
        periods=sorted(starts, key=lambda p: (str(starts[p]), p)),
        cells=cells,
    )


def number(value: float | None, decimals: int, lang: str) -> str:
    if value is None:
        return ""
    text = f"{value:,.{max(decimals, 0)}f}"
    if lang == "da":  # 1.234,5 in Danish
        text = text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return text


def svg_chart(fig: IndicatorFigures, *, title: str, description: str, lang: str) -> Markup:
    """A line per area; periods along the bottom; withheld or missing values leave a gap."""
    values = [c.value for c in fig.cells.values() if c.value is not None]
    if not values or not fig.periods:
        return Markup("")
    lo, hi = min(0.0, min(values)), max(values)
    hi = hi * 1.1 if hi > 0 else hi + 1
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    step = plot_w / max(len(fig.periods) - 1, 1)

    def x(i: int) -> float:
        return LEFT + (i * step if len(fig.periods) > 1 else plot_w / 2)

    def y(v: float) -> float:
        return TOP + plot_h - (v - lo) / (hi - lo) * plot_h

    ident = f"chart-{escape(fig.code)}"
    parts = [
        f'<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-labelledby="{ident}-t {ident}-d" focusable="false">',
        f'<title id="{ident}-t">{escape(title)}</title><desc id="{ident}-d">{escape(description)}</desc>',
    ]
    for k in range(5):  # grid and value labels
        v = lo + (hi - lo) * k / 4
        parts.append(
            f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y(v):.1f}" y2="{y(v):.1f}" class="grid"/>'
            f'<text x="{LEFT - 8}" y="{y(v) + 6:.1f}" text-anchor="end">{number(v, fig.decimals, lang)}</text>'
        )
    every = max(1, len(fig.periods) // 8)
    for i, period in enumerate(fig.periods):
        if i % every == 0 or i == len(fig.periods) - 1:
            parts.append(
                f'<text x="{x(i):.1f}" y="{HEIGHT - BOTTOM + 26}" text-anchor="middle">{escape(period)}</text>'
            )
    for n, (area, _name) in enumerate(fig.areas):
        colour, dash = STYLES[n % len(STYLES)]
        run: list[str] = []
        segments: list[list[str]] = []
        for i, period in enumerate(fig.periods):
            cell = fig.cells.get((period, area))
            if cell is None or cell.value is None:
                if run:
                    segments.append(run)
                run = []
                continue
            run.append(f"{x(i):.1f},{y(cell.value):.1f}")
        if run:
            segments.append(run)
        width = 3 if n == 0 else 2
        for seg in segments:
            dashed = f' stroke-dasharray="{dash}"' if dash else ""
            parts.append(
                f'<polyline points="{" ".join(seg)}" fill="none" stroke="{colour}" '
                f'stroke-width="{width}"{dashed}/>'
            )
            for point in seg:
                px, py = point.split(",")
                parts.append(f'<circle cx="{px}" cy="{py}" r="{width + 1}" fill="{colour}"/>')
    parts.append("</svg>")
    return Markup("".join(parts))  # noqa: S704 (every text above went through escape())


def legend(fig: IndicatorFigures) -> list[tuple[str, str, str]]:
    """(area name, colour, dash pattern) per line, in the chart's order."""
    return [
        (name, STYLES[n % len(STYLES)][0], STYLES[n % len(STYLES)][1])
        for n, (_c, name) in enumerate(fig.areas)
    ]
