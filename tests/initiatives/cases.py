"""Access-matrix cases for initiatives, progress updates, good stories, milestones, action plans and coverage."""

from __future__ import annotations

import csv
import io
from collections.abc import Awaitable, Callable
from typing import Any

from tests.factories import ADMIN, demo
from tests.initiatives.helpers import API, initiative_body
from tests.matrix import Call, Case, Ctx, register

AAB_EDITOR = demo("editor", "aab")
AAB_REPORTER = demo("reporter", "aab")
AAB_VIEWER = demo("viewer", "aab")
LEJERBO_EDITOR = demo("editor", "lejerbo")
LEJERBO_VIEWER = demo("viewer", "lejerbo")
PUBLIC = "public content: every caller reads it"
FILTERED = "the list is filtered by visibility rather than refused"
ADMIN_ONLY = "action plans are kept by the secretariat for the whole partnership: admins only"
IF_MATCH_1 = {"If-Match": '"1"'}


def _static(path: str, **kwargs: Any) -> Callable[[Ctx], Awaitable[Call]]:
    async def prepare(_ctx: Ctx) -> Call:
        return Call(path=path, **kwargs)

    return prepare


async def _restricted(ctx: Ctx) -> str:
    """A restricted initiative led by AAB with KVP as partner: other organisations get 404."""
    created = await ctx.post(
        f"{API}/initiatives", initiative_body(visibility="restricted", partners=["kvp"]), as_email=AAB_EDITOR
    )
    return f"{API}/initiatives/{created.json()['id']}"


async def _milestone(ctx: Ctx) -> str:
    path = await _restricted(ctx)
    made = await ctx.post(f"{path}/milestones", {"title": "Kickoff"}, as_email=AAB_EDITOR)
    return f"{path}/milestones/{made.json()['id']}"


async def _demo_plan(ctx: Ctx) -> str:
    plans = (await ctx.get(f"{API}/action-plans")).json()["items"]
    return f"{API}/action-plans/{next(p['id'] for p in plans if 'demodata' in p['title'])}"


def _import_file() -> dict[str, Any]:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["external_id", "title", "lead", "goals"])
    writer.writerow(["MATRIX-1", "Matrixindsats", "aab", "2e"])
    return {"file": ("i.csv", buffer.getvalue().encode(), "text/csv")}


# ---------------------------------------------------------------- initiatives
register(
    Case(
        "GET",
        f"{API}/initiatives",
        _static(f"{API}/initiatives", params={"organisation": "aab", "status": "active"}),
        allowed=AAB_VIEWER,
        anonymous=200,
        not_applicable={"too_low": PUBLIC + " (public ones only)", "other_org": FILTERED},
    )
)
register(
    Case(
        "GET",
        f"{API}/initiatives/export",
        _static(f"{API}/initiatives/export", params={"format": "csv"}),
        allowed=AAB_VIEWER,
        not_applicable={"too_low": "every partner role exports what it may read", "other_org": FILTERED},
    )
)


async def _import(_ctx: Ctx) -> Call:
    return Call(path=f"{API}/initiatives/import", files=_import_file())


register(
    Case(
        "POST",
        f"{API}/initiatives/import",
        _import,
        allowed=AAB_EDITOR,
        too_low=AAB_REPORTER,
        other_org=LEJERBO_EDITOR,
        other_org_status=403,  # the rows name AAB as lead: refused per row
        audit_action="initiative.import",
    )
)
register(
    Case(
        "POST",
        f"{API}/initiatives",
        _static(f"{API}/initiatives", json=initiative_body()),
        allowed=AAB_EDITOR,
        success=201,
        too_low=AAB_REPORTER,
        other_org=LEJERBO_EDITOR,
        other_org_status=403,  # creating for an organisation one does not edit for
        audit_action="initiative.create",
    )
)


async def _read(ctx: Ctx) -> Call:
    return Call(path=await _restricted(ctx))


register(
    Case(
        "GET",
        f"{API}/initiatives/{{initiative_id}}",
        _read,
        allowed=AAB_VIEWER,
        other_org=LEJERBO_VIEWER,
        not_applicable={"too_low": "viewers read what their organisation may see"},
    )
)


async def _patch(ctx: Ctx) -> Call:
    return Call(path=await _restricted(ctx), json={"title": "Nyt navn"}, headers=IF_MATCH_1)


register(
    Case(
        "PATCH",
        f"{API}/initiatives/{{initiative_id}}",
        _patch,
        allowed=AAB_EDITOR,
        too_low=AAB_REPORTER,
        other_org=LEJERBO_EDITOR,
        audit_action="initiative.update",
    )
)


async def _delete(ctx: Ctx) -> Call:
    return Call(path=await _restricted(ctx), headers=IF_MATCH_1)


register(
    Case(
        "DELETE",
        f"{API}/initiatives/{{initiative_id}}",
        _delete,
        allowed=AAB_EDITOR,
        success=204,
        too_low=AAB_REPORTER,
        other_org=LEJERBO_EDITOR,
        audit_action="initiative.delete",
    )
)


# ---------------------------------------------------------------- progress and good stories
async def _progress_list(ctx: Ctx) -> Call:
    return Call(path=f"{await _restricted(ctx)}/progress-updates")


register(
    Case(
        "GET",
        f"{API}/initiatives/{{initiative_id}}/progress-updates",
        _progress_list,
        allowed=demo("viewer", "kvp"),
        other_org=LEJERBO_VIEWER,
        not_applicable={"too_low": "viewers read progress of what they may see"},
    )
)


async def _progress_post(ctx: Ctx) -> Call:
    return Call(
        path=f"{await _restricted(ctx)}/progress-updates",
        json={"status_colour": "green", "narrative": "Godt i gang"},
    )


register(
    Case(
        "POST",
        f"{API}/initiatives/{{initiative_id}}/progress-updates",
        _progress_post,
        allowed=demo("reporter", "kvp"),  # a partner organisation's reporter
        success=201,
        too_low=demo("viewer", "kvp"),
        other_org=demo("reporter", "lejerbo"),
        audit_action="progress.create",
    )
)
register(
    Case(
        "GET",
        f"{API}/good-stories",
        _static(f"{API}/good-stories"),
        allowed=AAB_VIEWER,
        anonymous=200,
        not_applicable={"too_low": PUBLIC, "other_org": FILTERED},
    )
)


# ---------------------------------------------------------------- milestones
async def _milestones(ctx: Ctx) -> Call:
    return Call(path=f"{await _restricted(ctx)}/milestones")


register(
    Case(
        "GET",
        f"{API}/initiatives/{{initiative_id}}/milestones",
        _milestones,
        allowed=AAB_VIEWER,
        other_org=LEJERBO_VIEWER,
        not_applicable={"too_low": "viewers read milestones of what they may see"},
    )
)


async def _milestone_post(ctx: Ctx) -> Call:
    return Call(
        path=f"{await _restricted(ctx)}/milestones", json={"title": "Evaluering", "due_on": "2026-06-01"}
    )


register(
    Case(
        "POST",
        f"{API}/initiatives/{{initiative_id}}/milestones",
        _milestone_post,
        allowed=AAB_EDITOR,
        success=201,
        too_low=AAB_REPORTER,
        other_org=LEJERBO_EDITOR,
        audit_action="milestone.create",
    )
)


async def _milestone_patch(ctx: Ctx) -> Call:
    return Call(path=await _milestone(ctx), json={"done_on": "2026-01-10"}, headers=IF_MATCH_1)


register(
    Case(
        "PATCH",
        f"{API}/initiatives/{{initiative_id}}/milestones/{{milestone_id}}",
        _milestone_patch,
        allowed=AAB_EDITOR,
        too_low=AAB_REPORTER,
        other_org=LEJERBO_EDITOR,
        audit_action="milestone.update",
    )
)


async def _milestone_delete(ctx: Ctx) -> Call:
    return Call(path=await _milestone(ctx), headers=IF_MATCH_1)


register(
    Case(
        "DELETE",
        f"{API}/initiatives/{{initiative_id}}/milestones/{{milestone_id}}",
        _milestone_delete,
        allowed=AAB_EDITOR,
        success=204,
        too_low=AAB_REPORTER,
        other_org=LEJERBO_EDITOR,
        audit_action="milestone.delete",
    )
)

# ---------------------------------------------------------------- coverage
register(
    Case(
        "GET",
        f"{API}/coverage",
        _static(f"{API}/coverage"),
        allowed=AAB_VIEWER,
        not_applicable={
            "too_low": "every partner role reads the coverage",
            "other_org": "coverage is computed from what the caller may see",
        },
    )
)


# ---------------------------------------------------------------- action plans
register(
    Case(
        "GET",
        f"{API}/action-plans",
        _static(f"{API}/action-plans"),
        allowed=AAB_VIEWER,
        anonymous=200,
        not_applicable={"too_low": PUBLIC, "other_org": PUBLIC},
    )
)
register(
    Case(
        "POST",
        f"{API}/action-plans",
        _static(
            f"{API}/action-plans",
            json={"title": "Handlingsplan 2027", "period_start": "2027-01-01", "period_end": "2027-12-31"},
        ),
        allowed=ADMIN,
        success=201,
        too_low=AAB_EDITOR,
        not_applicable={"other_org": ADMIN_ONLY},
        audit_action="action_plan.create",
    )
)


def _plan_read(suffix: str = "") -> Callable[[Ctx], Awaitable[Call]]:
    async def prepare(ctx: Ctx) -> Call:
        return Call(path=f"{await _demo_plan(ctx)}{suffix}")

    return prepare


for template, suffix in (
    ("/{plan_id}", ""),
    ("/{plan_id}/revisions", "/revisions"),
    ("/{plan_id}/revisions/{number}", "/revisions/1"),
    ("/{plan_id}/revisions/{a}/diff/{b}", "/revisions/1/diff/2"),
):
    register(
        Case(
            "GET",
            f"{API}/action-plans{template}",
            _plan_read(suffix),
            allowed=AAB_VIEWER,
            anonymous=200,
            not_applicable={"too_low": PUBLIC + " (the demo plan is public)", "other_org": PUBLIC},
        )
    )


async def _plan_patch(ctx: Ctx) -> Call:
    path = await _demo_plan(ctx)
    return Call(path=path, json={"title": "Handlingsplan 2025-2026, revideret"}, headers=await ctx.etag(path))


register(
    Case(
        "PATCH",
        f"{API}/action-plans/{{plan_id}}",
        _plan_patch,
        allowed=ADMIN,
        too_low=AAB_EDITOR,
        not_applicable={"other_org": ADMIN_ONLY},
        audit_action="action_plan.update",
    )
)


async def _plan_delete(ctx: Ctx) -> Call:
    path = await _demo_plan(ctx)
    return Call(path=path, headers=await ctx.etag(path))


register(
    Case(
        "DELETE",
        f"{API}/action-plans/{{plan_id}}",
        _plan_delete,
        allowed=ADMIN,
        success=204,
        too_low=AAB_EDITOR,
        not_applicable={"other_org": ADMIN_ONLY},
        audit_action="action_plan.delete",
    )
)


async def _plan_approve(ctx: Ctx) -> Call:
    made = await ctx.post(
        f"{API}/action-plans", {"title": "Udkast", "period_start": "2027-01-01", "period_end": "2027-12-31"}
    )
    return Call(
        path=f"{API}/action-plans/{made.json()['id']}/approve", json={"decision_id": 3}, headers=IF_MATCH_1
    )


register(
    Case(
        "POST",
        f"{API}/action-plans/{{plan_id}}/approve",
        _plan_approve,
        allowed=ADMIN,
        success=201,
        too_low=AAB_EDITOR,
        not_applicable={"other_org": ADMIN_ONLY},
        audit_action="action_plan.approve",
    )
)
