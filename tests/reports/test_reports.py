"""The yearly status report: drafts, the lifecycle to a frozen report, the cut-off, the editions."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

import httpx
from sqlalchemy import update
from sqlmodel import col

from sammen.core.db import Database
from sammen.indicators.models import Indicator
from tests.conftest import AuthHeaders
from tests.factories import demo, field_names, problem
from tests.meetings.helpers import COORDINATION_SECRETARY, body_id, held_meeting
from tests.reports.helpers import SECRETARIAT_EDITOR, approval, create, frozen, partnership_meeting, step

TODAY = dt.datetime.now(ZoneInfo("Europe/Copenhagen")).date()
YESTERDAY = TODAY - dt.timedelta(days=1)
OWNER = demo("editor", "gladsaxe-kommune")


async def content(
    client: httpx.AsyncClient, headers: dict[str, str], rid: int, edition: str = "partners"
) -> Any:
    response = await client.get(
        f"/api/v1/reports/{rid}/content", params={"edition": edition}, headers=headers
    )
    assert response.status_code == 200, response.text
    return response.json()


def indicator(body: Any, code: str) -> Any:
    return next(i for g in body["goals"] for i in g["indicators"] if i["code"] == code)


def point(body: Any, code: str, area: str, period: str) -> Any:
    series = next(s for s in indicator(body, code)["series"] if s["area"] == area)
    return next((p for p in series["points"] if p["period"] == period), None)


async def approve_value(
    client: httpx.AsyncClient, as_user: AuthHeaders, code: str, period: str, value: float, **extra: Any
) -> None:
    response = await client.put(
        f"/api/v1/indicators/{code}/observations",
        json={
            "items": [
                {"area": "hoeje-gladsaxe", "period": period, "value": value, "status": "final", **extra}
            ]
        },
        params={"approve": "true"},
        headers=await as_user(OWNER),
    )
    assert response.status_code == 200, response.text


# ---------------------------------------------------------------- drafts
async def test_a_new_draft_covers_the_year_before_and_has_a_section_per_goal(
    client: httpx.AsyncClient, as_user: AuthHeaders
) -> None:
    report = await create(client, await as_user(SECRETARIAT_EDITOR), year=2031)
    assert (report["title"], report["cutoff"], report["state"]) == (
        "Effektstatus 2031",
        "2030-12-31",
        "draft",
    )
    keys = [s["key"] for s in report["sections"]]
    assert keys == ["introduction", "goal:1", "goal:2", "goal:3", "goal:4", "recommendations"]


async def test_there_is_one_report_per_year(client: httpx.AsyncClient, as_user: AuthHeaders) -> None:
    headers = await as_user(SECRETARIAT_EDITOR)
    await create(client, headers, year=2031)
    problem(await client.post("/api/v1/reports", json={"year": 2031}, headers=headers), 409)


async def test_a_new_draft_starts_from_a_frozen_report_only(
    client: httpx.AsyncClient, as_user: AuthHeaders
) -> None:
    headers = await as_user(SECRETARIAT_EDITOR)
    draft = await create(client, headers, year=2031)
    refused = await client.post(
        "/api/v1/reports", json={"year": 2032, "from_report_id": draft["id"]}, headers=headers
    )
    assert field_names(problem(refused, 422)) == {"body.from_report_id"}
    seeded = (await client.get("/api/v1/reports", params={"state": "frozen"}, headers=headers)).json()[
        "items"
    ][0]
    copy = await create(client, headers, year=2033, from_report_id=seeded["id"])
    original = (await client.get(f"/api/v1/reports/{seeded['id']}", headers=headers)).json()
    assert [s["body"] for s in copy["sections"]] == [s["body"] for s in original["sections"]]
    assert copy["based_on_id"] == seeded["id"]


async def test_the_lifecycle_buttons_say_why_they_are_disabled(
    client: httpx.AsyncClient, as_user: AuthHeaders
) -> None:
    report = await create(client, await as_user(SECRETARIAT_EDITOR), year=2031)
    actions = {a["action"]: a for a in report["actions"]}
    assert actions["submit"]["allowed"] and actions["edit"]["allowed"]
    assert actions["freeze"] == {
        "action": "freeze",
        "allowed": False,
        "reason": "Rapporten skal være fremlagt på et partnerskabsmøde, før den kan fryses.",
    }
    as_viewer = (
        await client.get(f"/api/v1/reports/{report['id']}", headers=await as_user(demo("viewer", "aab")))
    ).json()
    reasons = {a["action"]: a["reason"] for a in as_viewer["actions"]}
    assert reasons["submit"] == "Kun sekretariatets redaktører og administratorer kan."
    assert reasons["comment"] == "Kommentarer skrives, mens rapporten er i høring."


# ---------------------------------------------------------------- the cut-off
async def test_an_observation_approved_after_the_cutoff_is_not_in_the_report(
    client: httpx.AsyncClient, as_user: AuthHeaders
) -> None:
    headers = await as_user(SECRETARIAT_EDITOR)
    report = await create(client, headers, year=2031, cutoff=YESTERDAY.isoformat())
    await approve_value(client, as_user, "beskaeftigelse", "2017", 50.5)  # approved today
    assert (
        point(await content(client, headers, report["id"]), "beskaeftigelse", "hoeje-gladsaxe", "2017")
        is None
    )
    read = await client.get(f"/api/v1/reports/{report['id']}", headers=headers)
    moved = await client.patch(
        f"/api/v1/reports/{report['id']}",
        json={"cutoff": TODAY.isoformat()},
        headers={**headers, "If-Match": read.headers["etag"]},
    )
    assert moved.status_code == 200, moved.text
    found = point(await content(client, headers, report["id"]), "beskaeftigelse", "hoeje-gladsaxe", "2017")
    assert found is not None and found["value"] == 50.5


async def test_a_correction_approved_after_the_cutoff_does_not_change_the_report(
    client: httpx.AsyncClient, as_user: AuthHeaders
) -> None:
    headers = await as_user(SECRETARIAT_EDITOR)
    report = await create(client, headers, year=2031, cutoff=YESTERDAY.isoformat())
    before = point(await content(client, headers, report["id"]), "beskaeftigelse", "hoeje-gladsaxe", "2019")
    assert before is not None and before["value"] is not None
    await approve_value(client, as_user, "beskaeftigelse", "2019", before["value"] + 10)
    after = point(await content(client, headers, report["id"]), "beskaeftigelse", "hoeje-gladsaxe", "2019")
    assert after == before  # the value that stood at the cut-off, from the observation's history


async def test_a_correction_after_freezing_appears_only_in_changes_since_freeze(
    client: httpx.AsyncClient, as_user: AuthHeaders
) -> None:
    headers = await as_user(SECRETARIAT_EDITOR)
    report = await frozen(client, as_user)
    rid = report["id"]
    before = await content(client, headers, rid)
    old = point(before, "beskaeftigelse", "hoeje-gladsaxe", "2019")["value"]
    assert (await client.get(f"/api/v1/reports/{rid}/changes-since-freeze", headers=headers)).json()[
        "items"
    ] == []

    await approve_value(client, as_user, "beskaeftigelse", "2019", old + 3)
    assert await content(client, headers, rid) == before
    changes = (await client.get(f"/api/v1/reports/{rid}/changes-since-freeze", headers=headers)).json()
    [change] = changes["items"]
    assert (change["indicator"], change["area"], change["period"], change["kind"]) == (
        "beskaeftigelse", "hoeje-gladsaxe", "2019", "corrected",
    )  # fmt: skip
    assert (change["in_report"], change["now"], change["since_freeze"]) == (old, old + 3, True)
    assert changes["content_hash"] == report["freezing"]["content_hash"]


# ---------------------------------------------------------------- editions
async def test_the_public_edition_withholds_small_numbers_and_leaves_out_what_is_not_public(
    client: httpx.AsyncClient, as_user: AuthHeaders, database: Database
) -> None:
    async with database.session() as session:
        await session.execute(
            update(Indicator).where(col(Indicator.code) == "elevtrivsel").values(visibility="partners")
        )
    headers = await as_user(SECRETARIAT_EDITOR)
    initiatives = {}
    for visibility in ("public", "partners", "restricted"):
        response = await client.post(
            "/api/v1/initiatives",
            json={"title": f"Indsats ({visibility})", "lead": "gladsaxe-kommune", "goals": ["1a"],
                  "status": "active", "visibility": visibility, "starts_on": "2020-01-01"},
            headers=await as_user(OWNER),
        )  # fmt: skip
        assert response.status_code == 201, response.text
        initiatives[visibility] = response.json()["title"]
    await approve_value(client, as_user, "beskaeftigelse", "2016", 41.0, n=3)  # below the minimum of 5
    report = await create(client, headers, year=2031, cutoff=TODAY.isoformat())

    public = await content(client, headers, report["id"], "public")
    partners = await content(client, headers, report["id"], "partners")
    codes = {
        e: {i["code"] for g in c["goals"] for i in g["indicators"]}
        for e, c in (("public", public), ("partners", partners))
    }
    assert "elevtrivsel" in codes["partners"] and "elevtrivsel" not in codes["public"]
    assert "anmeldelser" not in codes["partners"] | codes["public"]  # restricted to the police
    titles = {
        e: {i["title"] for g in c["goals"] for i in g["initiatives"]}
        for e, c in (("public", public), ("partners", partners))
    }
    assert initiatives["public"] in titles["public"]
    assert initiatives["partners"] in titles["partners"] - titles["public"]
    assert initiatives["restricted"] not in titles["partners"] | titles["public"]
    for body in (public, partners):
        withheld = point(body, "beskaeftigelse", "hoeje-gladsaxe", "2016")
        assert withheld == {"period": "2016", "value": None, "withheld": True, "missing_reason": None}


async def test_anonymous_readers_get_the_public_edition_of_frozen_reports_only(
    client: httpx.AsyncClient, as_user: AuthHeaders
) -> None:
    draft = await create(client, await as_user(SECRETARIAT_EDITOR), year=2031)
    listed = (await client.get("/api/v1/reports")).json()["items"]
    assert listed and {r["state"] for r in listed} == {"frozen"}
    problem(await client.get(f"/api/v1/reports/{draft['id']}"), 401)
    rid = listed[0]["id"]
    assert (await client.get(f"/api/v1/reports/{rid}.html", params={"edition": "public"})).status_code == 200
    problem(await client.get(f"/api/v1/reports/{rid}.html", params={"edition": "partners"}), 401)
    assert listed[0]["editions"] == ["public"] and listed[0]["actions"] == []


# ---------------------------------------------------------------- the lifecycle
async def test_a_frozen_report_refuses_edits_with_a_problem_naming_why(
    client: httpx.AsyncClient, as_user: AuthHeaders
) -> None:
    headers = await as_user(SECRETARIAT_EDITOR)
    report = await frozen(client, as_user)
    rid = report["id"]
    etag = {"If-Match": (await client.get(f"/api/v1/reports/{rid}", headers=headers)).headers["etag"]}
    section = await client.get(f"/api/v1/reports/{rid}/sections/introduction", headers=headers)
    attempts = [
        await client.patch(f"/api/v1/reports/{rid}", json={"title": "Ny titel"}, headers={**headers, **etag}),
        await client.put(
            f"/api/v1/reports/{rid}/sections/introduction",
            json={"body": "Ændret"},
            headers={**headers, "If-Match": section.headers["etag"]},
        ),
        await client.post(f"/api/v1/reports/{rid}/reopen", headers={**headers, **etag}),
        await client.post(f"/api/v1/reports/{rid}/submit", headers={**headers, **etag}),
        await client.delete(f"/api/v1/reports/{rid}", headers={**headers, **etag}),
        await client.post(
            f"/api/v1/reports/{rid}/sections/goal:1/comments",
            json={"body": "x"},
            headers=await as_user(demo("editor", "aab")),
        ),
    ]
    for response in attempts:
        body = problem(response, 409)
        assert body["type"].endswith("/report-frozen"), body
        assert "frozen" in body["detail"], body


async def test_freezing_needs_the_partnerships_approval_at_the_meeting_it_was_presented_at(
    client: httpx.AsyncClient, as_user: AuthHeaders
) -> None:
    headers = await as_user(SECRETARIAT_EDITOR)
    report = await create(client, headers, year=2031)
    rid = report["id"]
    problem(await step(client, headers, rid, "freeze", {"decision_id": 1}), 409)  # a draft: present it first
    assert (await step(client, headers, rid, "submit")).status_code == 200
    meeting, item = await partnership_meeting(client, as_user)
    assert (await step(client, headers, rid, "present", {"agenda_item_id": item["id"]})).status_code == 200

    assert field_names(problem(await step(client, headers, rid, "freeze", {}), 422)) == {"body.decision_id"}
    general = await approval(client, as_user, meeting["id"], item["id"], kind="general")
    refused = problem(await step(client, headers, rid, "freeze", {"decision_id": general}), 422)
    assert "it must be approve_status_report" in refused["detail"]
    other_meeting, other_item = await partnership_meeting(client, as_user)
    elsewhere = await approval(client, as_user, other_meeting["id"], other_item["id"])
    refused = problem(await step(client, headers, rid, "freeze", {"decision_id": elsewhere}), 422)
    assert f"the report was presented at meeting {meeting['id']}" in refused["detail"]
    assert (await client.get(f"/api/v1/reports/{rid}", headers=headers)).json()["state"] == "presented"

    approved = await approval(client, as_user, meeting["id"], item["id"])
    done = await step(client, headers, rid, "freeze", {"decision_id": approved})
    assert done.status_code == 200, done.text
    assert done.json()["freezing"]["decision_id"] == approved
    links = (await client.get(f"/api/v1/decisions/{approved}", headers=headers)).json()["links"]
    assert {"target_type": "status_report", "target_id": rid, "title": "Effektstatus 2031"} in links


async def test_a_report_is_presented_on_an_agenda_item_of_the_partnership(
    client: httpx.AsyncClient, as_user: AuthHeaders
) -> None:
    headers = await as_user(SECRETARIAT_EDITOR)
    report = await create(client, headers, year=2031)
    assert (await step(client, headers, report["id"], "submit")).status_code == 200
    _meeting, items = await held_meeting(
        client, await as_user(COORDINATION_SECRETARY), await body_id(client, "koordinationsgruppe")
    )
    refused = problem(
        await step(client, headers, report["id"], "present", {"agenda_item_id": items[0]["id"]}), 422
    )
    assert "not of the partnership" in refused["errors"][0]["message"]
    _meeting2, item = await partnership_meeting(client, as_user)
    presented = await step(client, headers, report["id"], "present", {"agenda_item_id": item["id"]})
    assert presented.json()["presentation"]["agenda_item_id"] == item["id"]
    reopened = await step(client, headers, report["id"], "reopen")
    assert (reopened.json()["state"], reopened.json()["presentation"]) == ("in_review", None)


async def test_partners_editors_comment_per_section_while_the_report_is_in_review(
    client: httpx.AsyncClient, as_user: AuthHeaders
) -> None:
    headers = await as_user(SECRETARIAT_EDITOR)
    report = await create(client, headers, year=2031)
    aab = await as_user(demo("editor", "aab"))
    path = f"/api/v1/reports/{report['id']}/sections/goal:2/comments"
    problem(await client.post(path, json={"body": "For tidligt"}, headers=aab), 409)
    await step(client, headers, report["id"], "submit")
    created = await client.post(path, json={"body": "Nævn gerne tryghedsvandringerne."}, headers=aab)
    assert created.status_code == 201, created.text
    assert (created.json()["organisation"], created.json()["section_key"]) == ("aab", "goal:2")
    listed = (
        await client.get(
            f"/api/v1/reports/{report['id']}/comments", params={"section": "goal:2"}, headers=headers
        )
    ).json()
    assert [c["body"] for c in listed["items"]] == ["Nævn gerne tryghedsvandringerne."]
    detail = (await client.get(f"/api/v1/reports/{report['id']}", headers=headers)).json()
    assert {s["key"]: s["comments"] for s in detail["sections"]}["goal:2"] == 1


async def test_the_demo_has_last_years_report_frozen_and_a_draft_for_this_year(
    client: httpx.AsyncClient, as_user: AuthHeaders
) -> None:
    reports = (await client.get("/api/v1/reports", headers=await as_user(demo("viewer", "aab")))).json()[
        "items"
    ]
    by_year = {r["year"]: r for r in reports}
    this_year = TODAY.year
    assert by_year[this_year]["state"] == "draft"
    assert by_year[this_year]["based_on_id"] == by_year[this_year - 1]["id"]
    last = by_year[this_year - 1]
    assert (last["state"], last["cutoff"]) == ("frozen", f"{this_year - 2}-12-31")
    assert len(last["freezing"]["content_hash"]) == 64
    body = await content(client, await as_user(demo("viewer", "aab")), last["id"])
    assert indicator(body, "tryghed")["status"]["value"] == 68.9  # the published series, as of the cut-off
