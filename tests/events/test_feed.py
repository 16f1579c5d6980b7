"""The change feed: commit order, cursors, visibility checked when read, every mutation path."""

from __future__ import annotations

from typing import Any

import httpx

from sammen.core.config import Settings
from sammen.core.db import Database
from sammen.events.schemas import ChangePage, ChangePublic
from tests.conftest import AuthHeaders
from tests.factories import demo, field_names, if_match, problem
from tests.initiatives.helpers import create_initiative, etag_of
from tests.matrix import Ctx
from tests.meetings import scenarios
from tests.meetings.helpers import COORDINATION_MEMBER, OUTSIDER

CHANGES = "/api/v1/changes"
AAB_EDITOR = demo("editor", "aab")
LEJERBO_VIEWER = demo("viewer", "lejerbo")


async def read(client: httpx.AsyncClient, headers: dict[str, str], **params: Any) -> dict[str, Any]:
    response = await client.get(CHANGES, params=params, headers=headers)
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


async def everything(
    client: httpx.AsyncClient, headers: dict[str, str], **params: Any
) -> list[dict[str, Any]]:
    """Follow the cursor until the feed has nothing more right now."""
    items: list[dict[str, Any]] = []
    cursor = None
    while True:
        page = await read(client, headers, **({"after": cursor} if cursor else {}), **params)
        items += page["items"]
        cursor = page["cursor"]
        if not page["has_more"]:
            return items


def summary(items: list[dict[str, Any]]) -> list[tuple[str, str, int | None]]:
    return [(i["type"], i["action"], i["version"]) for i in items]


async def test_changes_come_in_commit_order_with_version_and_link(
    client: httpx.AsyncClient, as_user: AuthHeaders
) -> None:
    editor = await as_user(AAB_EDITOR)
    created = await create_initiative(client, editor)
    path = f"/api/v1/initiatives/{created['id']}"
    changed = await client.patch(
        path, json={"title": "Nyt navn"}, headers={**editor, **etag_of(created["version"])}
    )
    await client.delete(path, headers={**editor, **if_match(changed)})

    items = await everything(client, editor)

    assert summary(items) == [
        ("initiative.created", "created", 1),
        ("initiative.updated", "updated", 2),
        ("initiative.deleted", "deleted", 3),
    ]
    assert {(i["resource_type"], i["resource_id"], i["link"]) for i in items} == {
        ("initiative", created["id"], path)
    }
    assert items[0]["id"] < items[1]["id"] < items[2]["id"]
    assert items[0]["occurred_at"].endswith("Z")


async def test_a_cursor_continues_after_the_last_change_and_comes_even_when_nothing_is_new(
    client: httpx.AsyncClient, as_user: AuthHeaders
) -> None:
    editor = await as_user(AAB_EDITOR)
    empty = await read(client, editor)
    assert empty["items"] == [] and empty["cursor"] and empty["has_more"] is False
    await create_initiative(client, editor, title="Første")
    await create_initiative(client, editor, title="Anden")

    first = await read(client, editor, after=empty["cursor"], limit=1)
    assert [i["type"] for i in first["items"]] == ["initiative.created"] and first["has_more"] is True
    second = await read(client, editor, after=first["cursor"], limit=1)
    assert second["items"][0]["id"] > first["items"][0]["id"]
    caught_up = await read(client, editor, after=second["cursor"])
    assert caught_up["items"] == [] and caught_up["has_more"] is False
    assert caught_up["cursor"] == second["cursor"]
    await create_initiative(client, editor, title="Tredje")
    third = await read(client, editor, after=caught_up["cursor"])
    assert [i["resource_id"] for i in third["items"]] != [] and third["items"][0]["id"] > second["items"][0][
        "id"
    ]


async def test_another_organisation_never_sees_that_a_restricted_initiative_changed(
    client: httpx.AsyncClient, as_user: AuthHeaders
) -> None:
    editor = await as_user(AAB_EDITOR)
    start = (await read(client, editor))["cursor"]
    hidden = await create_initiative(client, editor, visibility="restricted", partners=[], title="Fortroligt")
    await client.patch(
        f"/api/v1/initiatives/{hidden['id']}",
        json={"title": "Stadig fortroligt"},
        headers={**editor, **etag_of(1)},
    )
    shared = await create_initiative(client, editor, visibility="partners")

    lejerbo = await read(client, await as_user(LEJERBO_VIEWER), after=start)
    assert [(i["resource_id"], i["type"]) for i in lejerbo["items"]] == [(shared["id"], "initiative.created")]
    own = await read(client, await as_user(demo("viewer", "aab")), after=start)
    assert [i["resource_id"] for i in own["items"]] == [hidden["id"], hidden["id"], shared["id"]]
    # the cursor moves past what the caller may not see: the next page does not scan it again
    assert lejerbo["cursor"] == own["cursor"]


async def test_visibility_is_checked_when_the_feed_is_read_not_when_the_change_was_made(
    client: httpx.AsyncClient, as_user: AuthHeaders
) -> None:
    editor = await as_user(AAB_EDITOR)
    created = await create_initiative(client, editor, visibility="partners", partners=[])
    lejerbo = await as_user(LEJERBO_VIEWER)
    assert [i["resource_id"] for i in await everything(client, lejerbo)] == [created["id"]]

    await client.patch(
        f"/api/v1/initiatives/{created['id']}",
        json={"visibility": "restricted"},
        headers={**editor, **etag_of(1)},
    )

    assert await everything(client, lejerbo) == []
    assert len(await everything(client, editor)) == 2


async def test_restricted_decisions_show_only_to_the_bodys_members(
    client: httpx.AsyncClient, as_user: AuthHeaders, database: Database, settings: Settings
) -> None:
    ctx = Ctx(client=client, database=database, settings=settings)
    await scenarios.decision(ctx, restricted=True)

    member = await everything(client, await as_user(COORDINATION_MEMBER), types="decision.recorded")
    outsider = await everything(client, await as_user(OUTSIDER), types="decision.recorded")
    assert [i["type"] for i in member] == ["decision.recorded"]
    assert outsider == []


async def test_meetings_and_minutes_report_their_lifecycle(
    client: httpx.AsyncClient, as_user: AuthHeaders, database: Database, settings: Settings
) -> None:
    ctx = Ctx(client=client, database=database, settings=settings)
    meeting, _ = await scenarios.minutes(ctx, state="approved")

    items = await everything(client, await as_user(demo("viewer", "kvp")))

    mine = [i for i in items if i["resource_id"] == meeting["id"]]
    assert [(i["type"], i["action"]) for i in mine] == [
        ("meeting.scheduled", "scheduled"),
        ("meeting.changed", "agenda_published"),
        ("meeting.changed", "held"),
        ("minutes.approved", "approved"),
    ]
    assert mine[-1]["link"] == f"/api/v1/meetings/{meeting['id']}/minutes"


async def test_every_observation_approved_in_a_batch_gets_its_own_entry(
    client: httpx.AsyncClient, as_user: AuthHeaders
) -> None:
    editor = await as_user(AAB_EDITOR)
    items = [{"area": "danmark", "period": f"2021-Q{q}", "value": 50.0 + q, "n": 40} for q in (1, 2, 3)]
    drafts = await client.put(
        "/api/v1/indicators/nye-lejere-i-arbejde/observations", json={"items": items}, headers=editor
    )
    assert drafts.status_code == 200, drafts.text
    assert await everything(client, editor, types="observation.approved") == []  # drafts are not events
    approved = await client.post(
        "/api/v1/indicators/nye-lejere-i-arbejde/observations/approve",
        json={"periods": ["2021-Q1", "2021-Q2"]},
        headers=editor,
    )
    assert approved.json()["approved"] == 2
    direct = await client.put(
        "/api/v1/indicators/nye-lejere-i-arbejde/observations",
        params={"approve": "true"},
        json={"items": [{"area": "danmark", "period": "2021-Q4", "value": 60.0, "n": 40}]},
        headers=editor,
    )
    assert direct.status_code == 200, direct.text

    entries = await everything(client, editor, types="observation.approved")
    assert len(entries) == 3
    assert len({e["resource_id"] for e in entries}) == 3
    assert all(e["version"] and e["link"] == f"/api/v1/observations/{e['resource_id']}" for e in entries)


async def test_progress_reports_are_changes_of_their_initiative(
    client: httpx.AsyncClient, as_user: AuthHeaders
) -> None:
    editor = await as_user(AAB_EDITOR)
    created = await create_initiative(client, editor)
    reported = await client.post(
        f"/api/v1/initiatives/{created['id']}/progress-updates",
        json={"reported_on": "2024-03-01", "status_colour": "green", "narrative": "Godt i gang"},
        headers=editor,
    )
    assert reported.status_code == 201, reported.text

    [entry] = await everything(client, editor, types="progress.created")
    assert entry["link"] == f"/api/v1/initiatives/{created['id']}/progress-updates"


async def test_a_refused_change_leaves_no_entry(client: httpx.AsyncClient, as_user: AuthHeaders) -> None:
    editor = await as_user(AAB_EDITOR)
    created = await create_initiative(client, editor)
    stale = await client.patch(
        f"/api/v1/initiatives/{created['id']}", json={"title": "x"}, headers={**editor, **etag_of(99)}
    )
    assert stale.status_code == 412
    assert [i["type"] for i in await everything(client, editor)] == ["initiative.created"]


async def test_types_filter_and_unknown_types_are_refused(
    client: httpx.AsyncClient, as_user: AuthHeaders
) -> None:
    editor = await as_user(AAB_EDITOR)
    await create_initiative(client, editor)
    assert await everything(client, editor, types="initiative.updated,initiative.deleted") == []
    assert len(await everything(client, editor, types=["initiative.created", "initiative.updated"])) == 1
    body = problem(await client.get(CHANGES, params={"types": "initiative.exploded"}, headers=editor), 422)
    assert field_names(body) == {"query.types"}


async def test_a_cursor_that_is_not_ours_is_refused(client: httpx.AsyncClient, as_user: AuthHeaders) -> None:
    for bad in ("not-a-cursor", "MS54", "Mi4xLjI"):
        body = problem(
            await client.get(CHANGES, params={"after": bad}, headers=await as_user(AAB_EDITOR)), 422
        )
        assert field_names(body) == {"query.after"}


async def test_the_feed_needs_a_signed_in_caller(client: httpx.AsyncClient) -> None:
    problem(await client.get(CHANGES), 401)


async def test_the_hand_written_page_matches_its_declared_model(
    client: httpx.AsyncClient, as_user: AuthHeaders
) -> None:
    editor = await as_user(AAB_EDITOR)
    await create_initiative(client, editor)
    page = await read(client, editor)
    assert page["items"]
    ChangePage.model_validate(page)
    assert set(page) == set(ChangePage.model_fields)
    assert all(set(item) == set(ChangePublic.model_fields) for item in page["items"])


async def test_the_event_types_are_listed_for_everyone(client: httpx.AsyncClient) -> None:
    response = await client.get("/api/v1/event-types")
    names = {t["name"] for t in response.json()}
    assert {"initiative.created", "observation.approved", "minutes.approved", "decision.recorded"} <= names


async def test_an_import_reports_each_initiative_it_created_or_changed(
    client: httpx.AsyncClient, as_user: AuthHeaders
) -> None:
    from tests.initiatives.test_lists_and_transfer import ROWS, _csv, _import

    editor = await as_user(AAB_EDITOR)
    first = await _import(client, editor, _csv(ROWS))
    ids = [r["id"] for r in first.json()["results"]]
    await _import(client, editor, _csv(ROWS))  # unchanged: nothing to report
    await _import(client, editor, _csv([dict(ROWS[0], title="Import ét, revideret"), ROWS[1]]))

    items = await everything(client, editor)
    assert [(i["type"], i["resource_id"], i["version"]) for i in items] == [
        ("initiative.created", ids[0], 1),
        ("initiative.created", ids[1], 1),
        ("initiative.updated", ids[0], 2),
    ]


async def test_a_frozen_yearly_report_is_a_change_partners_see(
    client: httpx.AsyncClient, as_user: AuthHeaders
) -> None:
    from tests.reports.helpers import frozen

    report = await frozen(client, as_user)

    items = await everything(client, await as_user(LEJERBO_VIEWER), types="report.frozen")

    assert [(i["type"], i["action"], i["link"]) for i in items if i["resource_id"] == report["id"]] == [
        ("report.frozen", "frozen", f"/api/v1/reports/{report['id']}")
    ]
