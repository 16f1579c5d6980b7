"""Access-matrix cases for the yearly status report."""

from __future__ import annotations

from tests.factories import demo
from tests.matrix import Call, Case, Ctx, register
from tests.meetings.helpers import PARTNERSHIP_SECRETARY, body_id, held_meeting, post

EDITOR = "editor@sekretariat.demo"
TOO_LOW = "viewer@sekretariat.demo"
OTHER_EDITOR = demo("editor", "aab")
READER = demo("viewer", "aab")
ANY_PARTNER = "every partner reads the report (both editions), so no role or organisation is too low"
PUBLIC_LIST = "anyone lists the frozen reports; partners see drafts too"


async def _draft(ctx: Ctx, year: int = 2031) -> int:
    response = await ctx.post("/api/v1/reports", {"year": year, "cutoff": "2025-12-31"}, as_email=EDITOR)
    return int(response.json()["id"])


async def _in_review(ctx: Ctx) -> int:
    rid = await _draft(ctx)
    call = await ctx.change(f"/api/v1/reports/{rid}", action="submit", as_email=EDITOR)
    response = await ctx.client.post(call.path, headers={**call.headers, **await ctx.headers(EDITOR)})
    assert response.status_code == 200, response.text
    return rid


async def _meeting(ctx: Ctx) -> tuple[int, int]:
    headers = await ctx.headers(PARTNERSHIP_SECRETARY)
    meeting, items = await held_meeting(ctx.client, headers, await body_id(ctx.client, "partnerskab"))
    return int(meeting["id"]), int(items[0]["id"])


async def _presented(ctx: Ctx) -> tuple[int, int, int]:
    rid = await _in_review(ctx)
    meeting, item = await _meeting(ctx)
    call = await ctx.change(
        f"/api/v1/reports/{rid}", {"agenda_item_id": item}, action="present", as_email=EDITOR
    )
    response = await ctx.client.post(
        call.path, json=call.json, headers={**call.headers, **await ctx.headers(EDITOR)}
    )
    assert response.status_code == 200, response.text
    return rid, meeting, item


async def _frozen(ctx: Ctx) -> int:
    rid, meeting, item = await _presented(ctx)
    decision = await post(
        ctx.client, await ctx.headers(PARTNERSHIP_SECRETARY), "/api/v1/decisions",
        {"meeting_id": meeting, "agenda_item_id": item, "kind": "approve_status_report", "title": "Godkendt", "text": "t"},
    )  # fmt: skip
    call = await ctx.change(
        f"/api/v1/reports/{rid}", {"decision_id": decision["id"]}, action="freeze", as_email=EDITOR
    )
    response = await ctx.client.post(
        call.path, json=call.json, headers={**call.headers, **await ctx.headers(EDITOR)}
    )
    assert response.status_code == 200, response.text
    return rid


def _secretariat_change(method: str, path: str, prepare, **kw: object) -> None:  # type: ignore[no-untyped-def]
    register(
        Case(
            method, path, prepare, allowed=EDITOR, too_low=TOO_LOW, other_org=OTHER_EDITOR, other_org_status=403,
            **kw,  # type: ignore[arg-type]
        )
    )  # fmt: skip


async def _list(ctx: Ctx) -> Call:
    return Call("/api/v1/reports", params={"limit": 50})


register(
    Case("GET", "/api/v1/reports", _list, allowed=READER, anonymous=200,
         not_applicable={"too_low": PUBLIC_LIST, "other_org": PUBLIC_LIST})
)  # fmt: skip


async def _create(ctx: Ctx) -> Call:
    return Call("/api/v1/reports", json={"year": 2032})


_secretariat_change("POST", "/api/v1/reports", _create, success=201, audit_action="report.create")


def _read(suffix: str, **params: str):  # type: ignore[no-untyped-def]
    async def prepare(ctx: Ctx) -> Call:
        return Call(f"/api/v1/reports/{await _draft(ctx)}{suffix}", params=dict(params))

    return prepare


for _suffix in ("", ".html", ".xlsx", ".json", "/content"):
    register(
        Case("GET", f"/api/v1/reports/{{report_id}}{_suffix}", _read(_suffix), allowed=READER,
             not_applicable={"too_low": ANY_PARTNER, "other_org": ANY_PARTNER})
    )  # fmt: skip

register(
    Case("GET", "/api/v1/reports/{report_id}.pdf", _read(".pdf", edition="public"), allowed=READER,
         not_applicable={"too_low": ANY_PARTNER, "other_org": ANY_PARTNER})
)  # fmt: skip


async def _update(ctx: Ctx) -> Call:
    rid = await _draft(ctx)
    return await ctx.change(
        f"/api/v1/reports/{rid}", {"title": "Effektstatus 2031 (udkast)"}, as_email=EDITOR
    )


_secretariat_change("PATCH", "/api/v1/reports/{report_id}", _update, audit_action="report.update")


async def _delete(ctx: Ctx) -> Call:
    rid = await _draft(ctx)
    return await ctx.change(f"/api/v1/reports/{rid}", as_email=EDITOR)


_secretariat_change(
    "DELETE", "/api/v1/reports/{report_id}", _delete, success=204, audit_action="report.delete"
)


async def _section(ctx: Ctx) -> Call:
    return Call(f"/api/v1/reports/{await _draft(ctx)}/sections/introduction")


register(
    Case("GET", "/api/v1/reports/{report_id}/sections/{key}", _section, allowed=READER,
         not_applicable={"too_low": ANY_PARTNER, "other_org": ANY_PARTNER})
)  # fmt: skip


async def _write_section(ctx: Ctx) -> Call:
    path = f"/api/v1/reports/{await _draft(ctx)}/sections/introduction"
    headers = await ctx.etag(path, as_email=EDITOR)
    return Call(path, json={"body": "Året i **korte** træk."}, headers=headers)


_secretariat_change(
    "PUT", "/api/v1/reports/{report_id}/sections/{key}", _write_section, audit_action="report.section"
)


async def _comments(ctx: Ctx) -> Call:
    return Call(f"/api/v1/reports/{await _in_review(ctx)}/comments")


register(
    Case("GET", "/api/v1/reports/{report_id}/comments", _comments, allowed=READER,
         not_applicable={"too_low": ANY_PARTNER, "other_org": ANY_PARTNER})
)  # fmt: skip


async def _comment(ctx: Ctx) -> Call:
    return Call(
        f"/api/v1/reports/{await _in_review(ctx)}/sections/goal:1/comments", json={"body": "Godt afsnit."}
    )


register(
    Case("POST", "/api/v1/reports/{report_id}/sections/{key}/comments", _comment, allowed=OTHER_EDITOR, success=201,
         too_low=READER, audit_action="report.comment",
         not_applicable={"other_org": "editors of every partner organisation comment; none is another's"})
)  # fmt: skip


async def _submit(ctx: Ctx) -> Call:
    return await ctx.change(f"/api/v1/reports/{await _draft(ctx)}", action="submit", as_email=EDITOR)


_secretariat_change("POST", "/api/v1/reports/{report_id}/submit", _submit, audit_action="report.submit")


async def _reopen(ctx: Ctx) -> Call:
    return await ctx.change(f"/api/v1/reports/{await _in_review(ctx)}", action="reopen", as_email=EDITOR)


_secretariat_change("POST", "/api/v1/reports/{report_id}/reopen", _reopen, audit_action="report.reopen")


async def _present(ctx: Ctx) -> Call:
    rid = await _in_review(ctx)
    _meeting_id, item = await _meeting(ctx)
    return await ctx.change(
        f"/api/v1/reports/{rid}", {"agenda_item_id": item}, action="present", as_email=EDITOR
    )


_secretariat_change("POST", "/api/v1/reports/{report_id}/present", _present, audit_action="report.present")


async def _freeze(ctx: Ctx) -> Call:
    rid, meeting, item = await _presented(ctx)
    decision = await post(
        ctx.client, await ctx.headers(PARTNERSHIP_SECRETARY), "/api/v1/decisions",
        {"meeting_id": meeting, "agenda_item_id": item, "kind": "approve_status_report", "title": "Godkendt", "text": "t"},
    )  # fmt: skip
    return await ctx.change(
        f"/api/v1/reports/{rid}", {"decision_id": decision["id"]}, action="freeze", as_email=EDITOR
    )


_secretariat_change("POST", "/api/v1/reports/{report_id}/freeze", _freeze, audit_action="report.freeze")


async def _changes(ctx: Ctx) -> Call:
    return Call(f"/api/v1/reports/{await _frozen(ctx)}/changes-since-freeze")


register(
    Case("GET", "/api/v1/reports/{report_id}/changes-since-freeze", _changes, allowed=READER,
         not_applicable={"too_low": ANY_PARTNER, "other_org": ANY_PARTNER})
)  # fmt: skip
