"""Atom feeds (good stories, public decisions), the sitemap and robots.txt.

Feeds and the sitemap list only what the pages show, from the same service functions."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from sammen.core.reads import Reader
from sammen.goals.schemas import AgreementPublic
from sammen.initiatives.schemas import GoodStory
from sammen.public import rendering, service, texts
from sammen.public.texts import Lang

ATOM = "application/atom+xml; charset=utf-8"


@dataclass(frozen=True)
class Entry:
    id: str
    title: str
    url: str
    updated: dt.datetime
    summary: str


def _day(value: dt.date) -> dt.datetime:
    return dt.datetime(value.year, value.month, value.day, 12, tzinfo=dt.UTC)


def _feed(lang: Lang, base: str, page: str, feed: str, title: str, entries: Sequence[Entry]) -> str:
    updated = max((e.updated for e in entries), default=dt.datetime(2018, 1, 1, tzinfo=dt.UTC))
    return rendering.render(
        "feed.atom.j2",
        lang=lang,
        title=title,
        feed_url=base + texts.path_of(lang, feed),
        page_url=base + texts.path_of(lang, page),
        updated=updated,
        entries=entries,
    )


def stories_feed(lang: Lang, base: str, agreement: AgreementPublic, stories: Sequence[GoodStory]) -> str:
    t = texts.WORDS[lang]
    entries = [
        Entry(
            id=f"{base}{texts.path_of('da', 'story', id=s.id)}",
            title=s.title,
            url=base + texts.path_of(lang, "story", id=s.id),
            updated=_day(s.reported_on),
            summary=s.text,
        )
        for s in stories
    ]
    return _feed(lang, base, "stories", "stories_feed", f"{agreement.title}: {t.stories}", entries)


def decisions_feed(
    lang: Lang, base: str, agreement: AgreementPublic, decisions: Sequence[service.DecisionLine]
) -> str:
    t = texts.WORDS[lang]
    entries = [
        Entry(
            id=f"{base}{texts.path_of('da', 'decisions')}#beslutning-{d.id}",
            title=f"{d.number} {d.title}",
            url=f"{base}{texts.path_of(lang, 'decisions')}#beslutning-{d.id}",
            updated=d.updated_at,
            summary=f"{d.body}: {d.text}",
        )
        for d in decisions
    ]
    return _feed(lang, base, "decisions", "decisions_feed", f"{agreement.title}: {t.decisions}", entries)


async def sitemap_pages(session: AsyncSession, reader: Reader) -> list[tuple[str, dict[str, object]]]:
    """Every public page as (page type, parameters); each is listed in both languages."""
    pages: list[tuple[str, dict[str, object]]] = [
        (name, {})
        for name in (
            "front", "initiatives", "stories", "decisions", "minutes_list", "about", "reports", "accessibility",
            "privacy",
        )
    ]  # fmt: skip
    pages += [("goal", {"code": g.code}) for g in await service.goals(session)]
    items, _ = await service.initiative_list(
        reader, goal=None, organisation=None, limit=service.MAX_LIST, offset=0
    )
    pages += [("initiative", {"id": i["id"]}) for i in items]
    pages += [("story", {"id": s.id}) for s in await service.latest_stories(session, limit=service.MAX_LIST)]
    pages += [("minutes", {"id": m.id}) for m in await service.approved_minutes_meetings(session)]
    return pages


def sitemap(base: str, pages: Sequence[tuple[str, dict[str, object]]]) -> str:
    urls = [
        {
            "loc": base + texts.path_of(lang, page, **params),
            "alternates": [(code, base + texts.path_of(code, page, **params)) for code in texts.LANGS],
        }
        for page, params in pages
        for lang in texts.LANGS
    ]
    return rendering.render("sitemap.xml.j2", urls=urls)


def robots(base: str) -> str:
    return (
        "User-agent: *\n"
        f"Allow: {texts.PREFIX['da']}/\n"
        f"Allow: {texts.PREFIX['en']}/\n"
        "Disallow: /\n"
        f"\nSitemap: {base}/sitemap.xml\n"
    )
