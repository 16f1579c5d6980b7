"""The report as one accessible HTML page, rendered from its content document.

The same HTML and CSS make the PDF (pdf.py), so the two never differ. Everything from the data
is escaped by Jinja2's autoescape; Markdown sections go through the safe renderer
(core/markdown.py). Charts are SVG images with their description as alt text and a table beside
them holding every number. Nothing here reads the clock, so re-rendering a frozen report gives
the same page.
"""

from __future__ import annotations

import base64
from importlib import resources

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from sammen.core import danish
from sammen.core.markdown import render
from sammen.indicators.api import POSITION_WORDS, TREND_WORDS, VERDICT_WORDS
from sammen.reports.content import ContentIndicator, ContentInitiative, ReportContent
from sammen.reports.documents.charts import chart

STATE_WORDS = {
    "draft": "Kladde – ikke godkendt",
    "in_review": "I høring – ikke godkendt",
    "presented": "Fremlagt – ikke godkendt endnu",
    "frozen": "Godkendt og frosset",
}
EDITION_WORDS = {"partners": "Partnerudgave", "public": "Offentlig udgave"}
COLOUR_WORDS = {"green": "Grøn", "yellow": "Gul", "red": "Rød", "": "–"}
INITIATIVE_STATUS = {
    "idea": "Idé",
    "planned": "Planlagt",
    "active": "Aktiv",
    "paused": "På pause",
    "completed": "Afsluttet",
    "stopped": "Stoppet",
}
DIRECTION_WORDS = {
    "up": "Højere er bedre",
    "down": "Lavere er bedre",
    "context": "Kontekst (ingen ønsket retning)",
}


def _css() -> Markup:
    """Our own stylesheet, inlined as it is (a <style> element's text is never entity-decoded)."""
    text = (resources.files("sammen.reports.documents") / "templates" / "report.css").read_text(
        encoding="utf-8"
    )
    assert "</" not in text
    return Markup(text)  # noqa: S704 - a file of this package, not data


def _svg_uri(svg: str) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


TABLE_ALL_UP_TO = 12  # a table beside a chart holds every period up to this; a longer one the latest
TABLE_LATEST = 8


def _table_rows(ind: ContentIndicator) -> tuple[list[tuple[str, list[str]]], int]:
    """Period rows, newest first, one cell per series: Danish numbers, 'skjult' for withheld, – for none;
    and how many periods there are in all (a long quarterly series shows its latest 12; the annex has all)."""
    cells: dict[tuple[str, str], str] = {}
    for s in ind.series:
        for p in s.points:
            if p.withheld:
                text = "skjult (for få)"
            elif p.value is None:
                text = "–"
            else:
                text = danish.number(p.value, ind.decimals)
            cells[(s.area, p.period)] = text
    periods = sorted({p for _, p in cells}, reverse=True)
    shown = periods if len(periods) <= TABLE_ALL_UP_TO else periods[:TABLE_LATEST]
    return [(p, [cells.get((s.area, p), "") for s in ind.series]) for p in shown], len(periods)


def _unique_initiatives(content: ReportContent) -> list[ContentInitiative]:
    """Each initiative once (a goal chapter names its initiatives; the detail is in one table)."""
    seen: dict[int, ContentInitiative] = {}
    for goal in content.goals:
        for i in goal.initiatives:
            seen.setdefault(i.id, i)
    return sorted(seen.values(), key=lambda i: (i.title.casefold(), i.id))


def _sources(content: ReportContent) -> list[str]:
    """Every source a baseline, target or threshold cites, once, in the order they first appear."""
    found: dict[str, None] = {}
    for goal in content.goals:
        for ind in goal.indicators:
            for text in (
                ind.status.baseline_source,
                ind.status.target_source,
                *(ln.source for ln in ind.lines),
            ):
                if text:
                    found.setdefault(text, None)
    return list(found)


def _threshold_source(ind: ContentIndicator) -> str | None:
    return next((ln.source for ln in ind.lines if ln.kind == "threshold" and ln.source), None)


def _short(text: str | None, limit: int = 110) -> str:
    """A progress narrative as the report's table shows it (the whole text is in the content JSON)."""
    if not text:
        return ""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rsplit(" ", 1)[0] + " …"


def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("sammen.reports.documents", "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=StrictUndefined,
    )
    env.filters.update(
        num=lambda v, d=1: "–" if v is None else danish.number(v, d),
        fig=lambda v, unit, d=1: danish.figure(v, unit, d),
        change=lambda v, unit, d=1: "–" if v is None else danish.change(v, unit, d),
        date=lambda v: "–" if v is None else danish.date(v),
        period=lambda v: "–" if v is None else danish.period(v),
        md=lambda text: Markup(render(text) or ""),  # noqa: S704 - the renderer escapes everything first
        verdict=lambda v: VERDICT_WORDS.get(v, v),
        position=lambda v: POSITION_WORDS.get(v, v),
        trend=lambda v: TREND_WORDS.get(v, v),
        colour=lambda v: COLOUR_WORDS.get(v or "", v),
        initiative_status=lambda v: INITIATIVE_STATUS.get(v, v),
        direction=lambda v: DIRECTION_WORDS.get(v, v),
        svg_uri=_svg_uri,
    )
    env.filters.update(short=_short)
    env.globals.update(
        chart=chart,
        table_rows=_table_rows,
        css=_css,
        unique_initiatives=_unique_initiatives,
        sources_of=_sources,
        threshold_source=_threshold_source,
    )
    return env


ENV = _environment()


def render_html(content: ReportContent, *, content_hash: str | None) -> str:
    """The whole report as one HTML document (screen and print CSS inline)."""
    return ENV.get_template("report.html.j2").render(
        c=content,
        content_hash=content_hash,
        state_words=STATE_WORDS,
        edition_words=EDITION_WORDS,
    )
