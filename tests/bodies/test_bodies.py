"""Bodies, members and the composition report, through the HTTP API."""

from __future__ import annotations

import datetime as dt

import httpx

from sammen.core import clock
from tests.conftest import AuthHeaders
from tests.factories import ADMIN, demo, field_names, if_match, problem
from tests.meetings.helpers import (
    COORDINATION_CHAIR,
    action,
    body_id,
    decision_of,
    post,
)


async def test_the_standing_bodies_and_their_seats_come_from_the_agreement_file(
    client: httpx.AsyncClient,
) -> None:
    response = await client.get("/api/v1/bodies", params={"kind": "partnership"})
    assert response.status_code == 200
    [partnership] = response.json()["items"]
    assert partnership["status"] == "active"
    assert sum(s["count"] for s in partnership["seats"]) == 16
    assert {s["code"] for s in partnership["seats"]} >= {
        "kommunale-ledere",
        "politidirektoer",
        "ledelsen-vores-hg",
    }
    coordination = (await client.get("/api/v1/bodies", params={"kind": "coordination_group"})).json()[
        "items"
    ][0]
    assert coordination["parent_id"] == partnership["id"]


async def test_a_working_group_must_be_set_up_by_a_coordination_group(
    client: httpx.AsyncClient, as_user: AuthHeaders
) -> None:
    partnership = await body_id(client, "partnerskab")
    response = await client.post(
        "/api/v1/bodies",
        json={"slug": "wg-x", "kind": "working_group", "name": "X", "purpose": "p", "parent_id": partnership},
        headers=await as_user(ADMIN),
    )
    assert "body.parent_id" in field_names(problem(response, 422))


async def test_only_admins_manage_bodies(client: httpx.AsyncClient, as_user: AuthHeaders) -> None:
    response = await client.post(
        "/api/v1/bodies",
        json={"slug": "wg-x", "kind": "partnership", "name": "X", "purpose": "p"},
        headers=await as_user(demo("editor", "aab")),
    )
    problem(response, 403)


async def _decision(client: httpx.AsyncClient, as_user: AuthHeaders, kind: str) -> int:
    """A decision of the coordination group (whose chair is a demo user)."""
    return await decision_of(client, as_user, "koordinationsgruppe", COORDINATION_CHAIR, kind)


async def test_working_group_lifecycle_from_proposal_to_dissolution_with_summary(
    client: httpx.AsyncClient, as_user: AuthHeaders
) -> None:
    admin = await as_user(ADMIN)
    coordination = await body_id(client, "koordinationsgruppe")
    group = await post(
        client,
        admin,
        "/api/v1/bodies",
        {"slug": "wg-boligsocial", "kind": "working_group", "name": "Boligsocial gruppe", "purpose": "p",
         "parent_id": coordination},
    )  # fmt: skip
    assert group["status"] == "proposed"
    path = f"/api/v1/bodies/{group['id']}"

    wrong_kind = await _decision(client, as_user, "general")
    refused = await action(
        client, admin, f"{path}/activate", {"set_up_on": "2025-05-01", "decision_id": wrong_kind}
    )
    body = problem(refused, 422)
    assert field_names(body) == {"body.decision_id"}
    assert "set_up_working_group" in body["errors"][0]["message"]

    set_up = await _decision(client, as_user, "set_up_working_group")
    response = await action(
        client, admin, f"{path}/activate", {"set_up_on": "2025-05-01", "decision_id": set_up}
    )
    assert response.status_code == 200, response.text
    assert response.json()["status"] == "active"
    assert response.json()["set_up_decision_id"] == set_up

    member = await post(
        client, admin, f"{path}/members",
        {"person_name": "Maria Holm", "person_organisation": "Kirken", "from_date": "2025-05-01"},
    )  # fmt: skip
    assert member["current"] is True

    missing_summary = await action(
        client, admin, f"{path}/dissolve", {"dissolved_on": "2025-12-01", "reason": "Løst"}
    )
    assert "body.final_summary" in field_names(problem(missing_summary, 422))

    response = await action(
        client, admin, f"{path}/dissolve",
        {"dissolved_on": "2025-12-01", "reason": "Opgaven er løst", "final_summary": "Vi nåede målet."},
    )  # fmt: skip
    assert response.status_code == 200, response.text
    dissolved = response.json()
    assert (dissolved["status"], dissolved["final_summary"]) == ("dissolved", "Vi nåede målet.")
    members = (await client.get(f"{path}/members", headers=admin)).json()["items"]
    assert [m["to_date"] for m in members] == ["2025-12-01"]

    again = await action(
        client, admin, f"{path}/dissolve", {"dissolved_on": "2025-12-02", "reason": "r", "final_summary": "s"}
    )
    assert "active working group" in problem(again, 409)["detail"]
    no_more = await client.post(
        f"{path}/members", json={"person_name": "Ny", "from_date": "2026-01-01"}, headers=admin
    )
    assert "dissolved" in problem(no_more, 409)["detail"]


async def test_standing_bodies_are_not_dissolved(client: httpx.AsyncClient, as_user: AuthHeaders) -> None:
    admin = await as_user(ADMIN)
    path = f"/api/v1/bodies/{await body_id(client, 'partnerskab')}"
    response = await action(
        client, admin, f"{path}/dissolve", {"dissolved_on": "2025-12-01", "reason": "r", "final_summary": "s"}
    )
    assert "Only working groups" in problem(response, 409)["detail"]


async def test_composition_reports_empty_overfilled_and_expired_seats(
    client: httpx.AsyncClient, as_user: AuthHeaders
) -> None:
    admin = await as_user(ADMIN)
    path = f"/api/v1/bodies/{await body_id(client, 'partnerskab')}"
    members = (await client.get(f"{path}/members", params={"current": True}, headers=admin)).json()["items"]
    by_seat = {m["seat_code"]: m for m in members}
    yesterday = (clock.today() - dt.timedelta(days=1)).isoformat()

    # Plant the gaps: one term ended, one holder moved off their seat, one seat given a second holder.
    aab = by_seat["forretningsfoerer-aab"]
    read = await client.get(f"{path}/members/{aab['id']}", headers=admin)
    ended = await client.patch(
        f"{path}/members/{aab['id']}", json={"to_date": yesterday}, headers={**admin, **if_match(read)}
    )
    assert ended.status_code == 200, ended.text
    board = by_seat["formand-afdelingsbestyrelse-3b"]
    read = await client.get(f"{path}/members/{board['id']}", headers=admin)
    deleted = await client.delete(f"{path}/members/{board['id']}", headers={**admin, **if_match(read)})
    assert "end the term" in problem(deleted, 409)["detail"]  # they attended meetings: history stays
    moved = await client.patch(
        f"{path}/members/{board['id']}", json={"seat_code": None}, headers={**admin, **if_match(read)}
    )
    assert moved.status_code == 200, moved.text
    await post(
        client, admin, f"{path}/members",
        {"person_name": "Vicepolitidirektør", "seat_code": "politidirektoer", "from_date": "2025-01-01"},
    )  # fmt: skip

    response = await client.get(f"{path}/composition", headers=await as_user(demo("viewer", "kvp")))
    assert response.status_code == 200, response.text
    report = response.json()
    assert report["expired_seats"] == ["forretningsfoerer-aab"]
    assert report["empty_seats"] == ["formand-afdelingsbestyrelse-3b"]
    assert report["overfilled_seats"] == ["politidirektoer"]
    assert report["partly_filled_seats"] == ["kommunale-ledere"]  # the demo leaves one leader seat open
    assert report["complete"] is False
    police = next(s for s in report["seats"] if s["seat"]["code"] == "politidirektoer")
    assert (police["filled"], police["state"]) == (2, "overfilled")


async def test_composition_is_for_partners_only(client: httpx.AsyncClient) -> None:
    problem(await client.get(f"/api/v1/bodies/{await body_id(client, 'partnerskab')}/composition"), 401)


async def test_a_member_cannot_fill_another_organisations_seat(
    client: httpx.AsyncClient, as_user: AuthHeaders
) -> None:
    admin = await as_user(ADMIN)
    path = f"/api/v1/bodies/{await body_id(client, 'partnerskab')}"
    lejerbo = next(
        o
        for o in (await client.get("/api/v1/organisations", params={"limit": 100}, headers=admin)).json()[
            "items"
        ]
        if o["slug"] == "lejerbo"
    )
    response = await client.post(
        f"{path}/members",
        json={"person_name": "X", "seat_code": "politidirektoer", "organisation_id": lejerbo["id"],
              "from_date": "2025-01-01"},
        headers=admin,
    )  # fmt: skip
    assert field_names(problem(response, 422)) == {"body.organisation_id"}
    unknown_seat = await client.post(
        f"{path}/members",
        json={"person_name": "X", "seat_code": "nope", "from_date": "2025-01-01"},
        headers=admin,
    )
    assert field_names(problem(unknown_seat, 422)) == {"body.seat_code"}
    both = await client.post(f"{path}/members", json={"from_date": "2025-01-01"}, headers=admin)
    problem(both, 422)
