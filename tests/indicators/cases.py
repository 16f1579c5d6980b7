"""Access-matrix cases for areas, indicators, observations, imports and status."""

from __future__ import annotations

from tests.factories import ADMIN, demo
from tests.matrix import Call, Case, Ctx, register

PUBLIC_READ = "public read: every caller gets the same public content, so role and organisation do not matter"
ANY_PARTNER = "any member of the owning organisation may read it, so no role is too low"


async def _areas(ctx: Ctx) -> Call:
    return Call("/api/v1/areas")


register(
    Case(
        "GET",
        "/api/v1/areas",
        _areas,
        allowed=ADMIN,
        anonymous=200,
        not_applicable={"too_low": PUBLIC_READ, "other_org": PUBLIC_READ},
    )
)


async def _criteria(ctx: Ctx) -> Call:
    return Call("/api/v1/areas/hoeje-gladsaxe/criteria")


register(
    Case(
        "GET",
        "/api/v1/areas/{code}/criteria",
        _criteria,
        allowed=demo("viewer", "gladsaxe-kommune"),
        anonymous=200,
        not_applicable={"too_low": PUBLIC_READ, "other_org": PUBLIC_READ},
    )
)


async def _indicators(ctx: Ctx) -> Call:
    return Call("/api/v1/indicators", params={"goal": "2"})


register(
    Case(
        "GET",
        "/api/v1/indicators",
        _indicators,
        allowed=demo("viewer", "kvp"),
        anonymous=200,
        not_applicable={"too_low": PUBLIC_READ, "other_org": PUBLIC_READ + " (restricted ones are left out)"},
    )
)


async def _restricted_indicator(ctx: Ctx) -> Call:
    return Call("/api/v1/indicators/anmeldelser")


register(
    Case(
        "GET",
        "/api/v1/indicators/{code}",
        _restricted_indicator,
        allowed=demo("viewer", "kvp"),
        anonymous=401,
        other_org=demo("editor", "aab"),
        other_org_status=404,
        not_applicable={"too_low": ANY_PARTNER},
    )
)


async def _restricted_status(ctx: Ctx) -> Call:
    return Call("/api/v1/indicators/anmeldelser/status", params={"as_of": "2025-06-01"})


register(
    Case(
        "GET",
        "/api/v1/indicators/{code}/status",
        _restricted_status,
        allowed=demo("viewer", "kvp"),
        anonymous=401,
        other_org=demo("editor", "aab"),
        other_org_status=404,
        not_applicable={"too_low": ANY_PARTNER},
    )
)


async def _goal_status(ctx: Ctx) -> Call:
    return Call("/api/v1/indicator-status", params={"goal": "2", "as_of": "2025-06-01"})


register(
    Case(
        "GET",
        "/api/v1/indicator-status",
        _goal_status,
        allowed=demo("viewer", "aab"),
        anonymous=200,
        not_applicable={"too_low": PUBLIC_READ, "other_org": PUBLIC_READ + " (restricted ones are left out)"},
    )
)


async def _batch(ctx: Ctx) -> Call:
    return Call(
        "/api/v1/indicators/fraflytning/observations",
        json={"items": [{"area": "danmark", "period": "2024K1", "value": 4.2, "status": "final"}]},
    )


register(
    Case(
        "PUT",
        "/api/v1/indicators/{code}/observations",
        _batch,
        allowed=demo("reporter", "aab"),
        too_low=demo("viewer", "aab"),
        other_org=demo("editor", "kvp"),
        other_org_status=403,  # the indicator is public: seen but not theirs to change
        audit_action="observations.batch",
    )
)


async def _approve(ctx: Ctx) -> Call:
    response = await ctx.client.put(
        "/api/v1/indicators/fraflytning/observations",
        json={"items": [{"area": "danmark", "period": "2024-Q2", "value": 3.9}]},
        headers=await ctx.headers(demo("reporter", "aab")),
    )
    assert response.status_code == 200, response.text
    return Call(
        "/api/v1/indicators/fraflytning/observations/approve",
        json={"areas": ["danmark"], "periods": ["2024-Q2"]},
    )


register(
    Case(
        "POST",
        "/api/v1/indicators/{code}/observations/approve",
        _approve,
        allowed=demo("editor", "aab"),
        too_low=demo("reporter", "aab"),
        other_org=demo("editor", "kvp"),
        other_org_status=403,
        audit_action="observations.approve",
    )
)


async def _approve_queue(ctx: Ctx) -> Call:
    reporter = demo("reporter", "aab")
    response = await ctx.client.put(
        "/api/v1/indicators/fraflytning/observations",
        json={"items": [{"area": "danmark", "period": "2024-Q3", "value": 3.7}]},
        headers=await ctx.headers(reporter),
    )
    assert response.status_code == 200, response.text
    drafts = await ctx.get("/api/v1/observations", reporter, indicator="fraflytning", approval="draft")
    return Call("/api/v1/observations/approve", json={"ids": [o["id"] for o in drafts.json()["items"]]})


register(
    Case(
        "POST",
        "/api/v1/observations/approve",
        _approve_queue,
        allowed=demo("editor", "aab"),
        too_low=demo("reporter", "aab"),
        other_org=demo("editor", "kvp"),
        other_org_status=422,  # another organisation's drafts are not theirs to see: unknown ids
        audit_action="observations.approve",
    )
)


async def _duties(ctx: Ctx) -> Call:
    return Call("/api/v1/indicator-duties", params={"organisation": "aab"})


register(
    Case(
        "GET",
        "/api/v1/indicator-duties",
        _duties,
        allowed=demo("viewer", "aab"),
        other_org=demo("editor", "kvp"),
        other_org_status=403,
        not_applicable={"too_low": "every member of the organisation reads its duties"},
    )
)


async def _observations(ctx: Ctx) -> Call:
    return Call("/api/v1/observations", params={"indicator": "tryghed"})


register(
    Case(
        "GET",
        "/api/v1/observations",
        _observations,
        allowed=demo("viewer", "aab"),
        anonymous=200,
        not_applicable={
            "too_low": PUBLIC_READ,
            "other_org": "rows of other organisations' restricted indicators are left out, not refused",
        },
    )
)


async def _restricted_observation(ctx: Ctx) -> Call:
    rows = (await ctx.get("/api/v1/observations", demo("viewer", "kvp"), indicator="anmeldelser")).json()
    return Call(f"/api/v1/observations/{rows['items'][0]['id']}")


register(
    Case(
        "GET",
        "/api/v1/observations/{observation_id}",
        _restricted_observation,
        allowed=demo("viewer", "kvp"),
        anonymous=401,
        other_org=demo("editor", "aab"),
        other_org_status=404,
        not_applicable={"too_low": ANY_PARTNER},
    )
)


async def _import(ctx: Ctx) -> Call:
    csv = "indicator;area;period;value;n;status;comment\nfraflytning;danmark;2023K4;5,1;;final;\n"
    return Call(
        "/api/v1/observations/imports",
        files={"file": ("data.csv", csv.encode(), "text/csv")},
    )


register(
    Case(
        "POST",
        "/api/v1/observations/imports",
        _import,
        allowed=demo("reporter", "aab"),
        too_low=demo("viewer", "aab"),
        other_org=demo("editor", "kvp"),
        other_org_status=403,
        audit_action="observations.import",
    )
)


async def _goal_rollups(ctx: Ctx) -> Call:
    return Call("/api/v1/goal-status", params={"as_of": "2025-06-01"})


register(
    Case(
        "GET",
        "/api/v1/goal-status",
        _goal_rollups,
        allowed=demo("viewer", "kvp"),
        anonymous=200,
        not_applicable={
            "too_low": PUBLIC_READ,
            "other_org": PUBLIC_READ + " (restricted ones are not counted)",
        },
    )
)
