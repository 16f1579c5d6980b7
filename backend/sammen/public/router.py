"""The public site's pages: one handler per page type, served in Danish and in English.

Handlers only fetch (public.service), render (templates/) and answer (answers.cacheable).
The site never reads the Authorization header and sets no cookie: every answer is the same
for everyone, so browsers and shared caches may keep it.
"""

from __future__ import annotations

import inspect
from collections.abc import Awaitable, Callable
from typing import Any

from fastapi import APIRouter, Request, Response
from fastapi.responses import RedirectResponse

from sammen.core.clock import today
from sammen.core.config import Settings
from sammen.core.deps import ReaderDep, SessionDep, SettingsDep
from sammen.core.fields import MAX_ID
from sammen.core.routing import DomainRouter
from sammen.core.tables import utcnow
from sammen.public import answers, assets, feeds, rendering, service, texts
from sammen.public.charts import legend, svg_chart
from sammen.public.texts import Lang

PAGE_SIZE = 50
HTML = "text/html; charset=utf-8"
Handler = Callable[..., Awaitable[Response]]


def _id(raw: int) -> int:
    if not 0 < raw <= MAX_ID:
        raise service.Gone
    return raw


def _context(request: Request, settings: Settings, lang: Lang, page: str, **params: Any) -> dict[str, Any]:
    other: Lang = "en" if lang == "da" else "da"
    base = rendering.base_url(request, settings)
    return {
        "lang": lang,
        "t": texts.WORDS[lang],
        "page": page,
        "canonical": base + texts.path_of(lang, page, **params),
        "alternates": {code: base + texts.path_of(code, page, **params) for code in texts.LANGS},
        "other_lang": other,
        "other_href": texts.path_of(other, page, **params),
        "base": base,
        "status_words": texts.INDICATOR_STATUS[lang],
        "goal_words": texts.GOAL_STATUS[lang],
        "initiative_status": texts.INITIATIVE_STATUS[lang],
        "progress_colour": texts.PROGRESS_COLOUR[lang],
        "content_lang": None if lang == "da" else "da",  # Danish content on English pages
    }


async def _page(
    request: Request,
    settings: Settings,
    lang: Lang,
    page: str,
    template: str,
    params: dict[str, Any],
    **data: Any,
) -> Response:
    context = _context(request, settings, lang, page, **params)
    body = rendering.render(template, **context, **data)
    return answers.cacheable(request, settings, body, media_type=HTML)


def not_found(request: Request, settings: Settings, lang: Lang) -> Response:
    context = _context(request, settings, lang, "front")
    body = rendering.render("not_found.html.j2", **context, site_title="Sammen")
    return answers.cacheable(request, settings, body, media_type=HTML, status_code=404)


def _pages(lang: Lang) -> dict[str, Handler]:
    """The handlers of one language, by page type."""

    async def front(request: Request, session: SessionDep, settings: SettingsDep) -> Response:
        agreement = await service.agreement(session)
        return await _page(
            request, settings, lang, "front", "front.html.j2", {},
            agreement=agreement,
            goals=await service.goals(session),
            statuses=await service.goal_statuses(session, min_n_default=settings.min_n_default),
            phase=service.current_phase(agreement.phases, today()),
            stories=await service.latest_stories(session, limit=3),
            meetings=await service.next_meetings(session, now=utcnow(), limit=5),
            reports=(await service.published_reports(session))[:1],
        )  # fmt: skip

    async def goal(
        request: Request, session: SessionDep, reader: ReaderDep, settings: SettingsDep, code: str
    ) -> Response:
        found = await service.goal_page(session, reader, code=code, min_n_default=settings.min_n_default)
        return await _page(
            request, settings, lang, "goal", "goal.html.j2", {"code": code},
            agreement=await service.agreement(session), data=found,
            organisations=await service.organisation_names(session), chart=svg_chart, legend=legend,
        )  # fmt: skip

    async def initiatives(
        request: Request,
        session: SessionDep,
        reader: ReaderDep,
        settings: SettingsDep,
        goal: str | None = None,
        organisation: str | None = None,
        page: str = "1",
    ) -> Response:
        page_no = max(1, min(int(page) if page.isdigit() and len(page) < 6 else 1, 10_000))
        items, total = await service.initiative_list(
            reader, goal=goal, organisation=organisation, limit=PAGE_SIZE, offset=(page_no - 1) * PAGE_SIZE
        )
        return await _page(
            request, settings, lang, "initiatives", "initiatives.html.j2", {},
            agreement=await service.agreement(session), items=items, total=total, page_no=page_no,
            pages=max(1, -(-total // PAGE_SIZE)), goal=goal or "", organisation=organisation or "",
            goals=await service.goals(session), organisations=await service.organisation_names(session),
        )  # fmt: skip

    async def initiative(request: Request, session: SessionDep, settings: SettingsDep, id: int) -> Response:
        found = await service.initiative_page(session, initiative_id=_id(id))
        return await _page(
            request, settings, lang, "initiative", "initiative.html.j2", {"id": id},
            agreement=await service.agreement(session), data=found,
            organisations=await service.organisation_names(session), goals=await service.goals(session),
        )  # fmt: skip

    async def stories(request: Request, session: SessionDep, settings: SettingsDep) -> Response:
        return await _page(
            request, settings, lang, "stories", "stories.html.j2", {},
            agreement=await service.agreement(session),
            stories=await service.latest_stories(session, limit=service.MAX_LIST),
            organisations=await service.organisation_names(session),
        )  # fmt: skip

    async def story(request: Request, session: SessionDep, settings: SettingsDep, id: int) -> Response:
        return await _page(
            request, settings, lang, "story", "story.html.j2", {"id": id},
            agreement=await service.agreement(session), story=await service.story(session, story_id=_id(id)),
            organisations=await service.organisation_names(session),
        )  # fmt: skip

    async def decisions(request: Request, session: SessionDep, settings: SettingsDep) -> Response:
        return await _page(
            request, settings, lang, "decisions", "decisions.html.j2", {},
            agreement=await service.agreement(session), decisions=await service.public_decisions(session),
        )  # fmt: skip

    async def minutes_list(request: Request, session: SessionDep, settings: SettingsDep) -> Response:
        return await _page(
            request, settings, lang, "minutes_list", "minutes_list.html.j2", {},
            agreement=await service.agreement(session),
            meetings=await service.approved_minutes_meetings(session),
        )  # fmt: skip

    async def minutes(request: Request, session: SessionDep, settings: SettingsDep, id: int) -> Response:
        return await _page(
            request, settings, lang, "minutes", "minutes.html.j2", {"id": id},
            agreement=await service.agreement(session),
            data=await service.minutes_page(session, meeting_id=_id(id)),
        )  # fmt: skip

    async def about(request: Request, session: SessionDep, settings: SettingsDep) -> Response:
        return await _page(
            request, settings, lang, "about", "about.html.j2", {},
            agreement=await service.agreement(session), parties=await service.parties(session),
            bodies=await service.bodies(session), reports=(await service.published_reports(session))[:1],
            markdown=service.markdown,
        )  # fmt: skip

    async def reports(request: Request, session: SessionDep, settings: SettingsDep) -> Response:
        return await _page(
            request, settings, lang, "reports", "reports.html.j2", {},
            agreement=await service.agreement(session), reports=await service.published_reports(session),
        )  # fmt: skip

    async def accessibility(request: Request, session: SessionDep, settings: SettingsDep) -> Response:
        return await _page(
            request, settings, lang, "accessibility", "accessibility.html.j2", {},
            agreement=await service.agreement(session), config=settings,
        )  # fmt: skip

    async def privacy(request: Request, session: SessionDep, settings: SettingsDep) -> Response:
        return await _page(
            request, settings, lang, "privacy", "privacy.html.j2", {},
            agreement=await service.agreement(session), config=settings,
        )  # fmt: skip

    async def stories_feed(request: Request, session: SessionDep, settings: SettingsDep) -> Response:
        base = rendering.base_url(request, settings)
        body = feeds.stories_feed(
            lang, base, await service.agreement(session), await service.latest_stories(session, limit=50)
        )
        return answers.cacheable(request, settings, body, media_type=feeds.ATOM)

    async def decisions_feed(request: Request, session: SessionDep, settings: SettingsDep) -> Response:
        base = rendering.base_url(request, settings)
        body = feeds.decisions_feed(
            lang, base, await service.agreement(session), await service.public_decisions(session, limit=50)
        )
        return answers.cacheable(request, settings, body, media_type=feeds.ATOM)

    return {
        "front": front, "goal": goal, "initiatives": initiatives, "initiative": initiative,
        "stories": stories, "story": story, "decisions": decisions, "minutes_list": minutes_list,
        "minutes": minutes, "about": about, "reports": reports, "accessibility": accessibility, "privacy": privacy,
        "stories_feed": stories_feed, "decisions_feed": decisions_feed,
    }  # fmt: skip


def _guarded(handler: Handler, lang: Lang) -> Handler:
    """The page, or the 404 page when what it shows does not exist or is not public."""

    async def answer(request: Request, **kwargs: Any) -> Response:
        settings: Settings = kwargs["settings"]
        ready = answers.cached(request, settings)
        if ready is not None:
            return ready

        async def render() -> Response:
            try:
                return await handler(request=request, **kwargs)
            except service.NOT_PUBLIC:
                return not_found(request, settings, lang)

        return await answers.once(request, settings, render)

    answer.__signature__ = inspect.signature(handler)  # type: ignore[attr-defined]
    answer.__name__ = f"public_{lang}_{handler.__name__}"
    return answer


def language_router(lang: Lang) -> DomainRouter:
    router = DomainRouter(prefix=texts.PREFIX[lang], include_in_schema=False)
    for page, handler in _pages(lang).items():
        path = texts.PAGES[page][0 if lang == "da" else 1].replace("{id}", "{id:int}")
        router.add_api_route(path, _guarded(handler, lang), methods=["GET"], name=f"public-{lang}-{page}")

    async def bare(request: Request) -> Response:  # /offentlig -> /offentlig/
        return RedirectResponse(texts.PREFIX[lang] + "/", status_code=308)

    async def unknown(request: Request, settings: SettingsDep, rest: str) -> Response:
        return not_found(request, settings, lang)

    router.add_api_route("", bare, methods=["GET"], name=f"public-{lang}-bare")
    router.add_api_route("/{rest:path}", unknown, methods=["GET"], name=f"public-{lang}-unknown")
    return router


site_router = APIRouter(include_in_schema=False)


@site_router.get("/robots.txt")
async def read_robots(request: Request, settings: SettingsDep) -> Response:
    if (ready := answers.cached(request, settings)) is not None:
        return ready
    body = feeds.robots(rendering.base_url(request, settings))
    return answers.cacheable(request, settings, body, media_type="text/plain; charset=utf-8")


@site_router.get("/sitemap.xml")
async def read_sitemap(
    request: Request, session: SessionDep, reader: ReaderDep, settings: SettingsDep
) -> Response:
    if (ready := answers.cached(request, settings)) is not None:
        return ready
    base = rendering.base_url(request, settings)
    body = feeds.sitemap(base, await feeds.sitemap_pages(session, reader))
    return answers.cacheable(request, settings, body, media_type="application/xml")


def routers() -> tuple[APIRouter, ...]:
    """The public site's routers: the asset route first, then each language, then the site files."""
    return (assets.router, language_router("da"), language_router("en"), site_router)
