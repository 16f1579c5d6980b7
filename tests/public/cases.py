"""Access-matrix cases for the public site: every page answers everyone alike (it never reads a
token), so "too low a role" and "another organisation" do not apply; a signed-in caller gets
exactly what an anonymous one gets (tests/public/test_leaks.py compares the bodies)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from sammen.public import texts
from sammen.public.rendering import CSS_NAME
from tests.factories import demo
from tests.matrix import Call, Case, Ctx, Scenario, register, static
from tests.meetings import scenarios
from tests.meetings.helpers import COORDINATION_CHAIR

SAME_FOR_ALL = "the public site shows everyone the same public content and reads no token"
NA: dict[Scenario, str] = {"too_low": SAME_FOR_ALL, "other_org": SAME_FOR_ALL}
VIEWER = demo("viewer", "aab")
Prepare = Callable[[Ctx], Awaitable[Call]]


async def _public_initiative(ctx: Ctx) -> int:
    return int((await ctx.get("/api/v1/initiatives", limit=1)).json()["items"][0]["id"])


async def _story(ctx: Ctx) -> int:
    return int((await ctx.get("/api/v1/good-stories", limit=1)).json()["items"][0]["id"])


async def _approved_public_minutes(ctx: Ctx) -> int:
    meeting, items = await scenarios.meeting(
        ctx, held=True, visibility="public", items=[{"title": "Punkt", "kind": "information"}]
    )
    path = f"/api/v1/meetings/{meeting['id']}"
    await ctx.post(
        f"{path}/minutes", {"agenda_item_id": items[0]["id"], "text": "Referat"}, as_email=COORDINATION_CHAIR
    )
    await scenarios.act(ctx, f"{path}/minutes/circulate", who=COORDINATION_CHAIR, etag_of=path)
    await scenarios.act(ctx, f"{path}/minutes/approve", who=COORDINATION_CHAIR, etag_of=path)
    return int(meeting["id"])


def _with_id(lang: texts.Lang, page: str, find: Callable[[Ctx], Awaitable[int]]) -> Prepare:
    async def prepare(ctx: Ctx) -> Call:
        return Call(path=texts.path_of(lang, page, id=await find(ctx)))

    return prepare


FINDERS = {"initiative": _public_initiative, "story": _story, "minutes": _approved_public_minutes}

for lang in texts.LANGS:
    for page, paths in texts.PAGES.items():
        template = texts.PREFIX[lang] + paths[0 if lang == "da" else 1]
        if "{id}" in template:
            prepare = _with_id(lang, page, FINDERS[page])
            template = template.replace("{id}", "{id:int}")
        else:
            prepare = static(texts.path_of(lang, page, code="2"))
        register(Case("GET", template, prepare, allowed=VIEWER, anonymous=200, not_applicable=NA))
    prefix = texts.PREFIX[lang]
    register(
        Case("GET", prefix, static(prefix), allowed=VIEWER, anonymous=308, success=308, not_applicable=NA)
    )
    register(
        Case(
            "GET", f"{prefix}/{{rest:path}}", static(f"{prefix}/findes-ikke"),
            allowed=VIEWER, anonymous=404, success=404, not_applicable=NA,
        )
    )  # fmt: skip

register(
    Case(
        "GET", "/offentlig/static/{name:path}", static(f"/offentlig/static/{CSS_NAME}"),
        allowed=VIEWER, anonymous=200, not_applicable=NA,
    )
)  # fmt: skip
for path in ("/sitemap.xml", "/robots.txt"):
    register(Case("GET", path, static(path), allowed=VIEWER, anonymous=200, not_applicable=NA))
