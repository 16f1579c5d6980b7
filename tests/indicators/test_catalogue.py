"""The seeded catalogue, areas and published figures."""

from __future__ import annotations

import httpx

from sammen.core.db import Database
from sammen.seed import loader
from tests.conftest import AuthHeaders
from tests.factories import demo


async def test_areas_come_from_the_agreement_file(client: httpx.AsyncClient) -> None:
    areas = {a["code"]: a for a in (await client.get("/api/v1/areas")).json()["items"]}
    assert areas["gladsaxe-kommune"]["dst_code"] == "159"
    assert areas["region-hovedstaden"]["dst_code"] == "084"
    assert areas["danmark"]["dst_code"] == "000"
    assert areas["hoeje-gladsaxe"]["kind"] == "target"
    assert areas["kvp-politikreds"]["dst_code"] is None


async def test_catalogue_links_indicators_to_goals_and_reference_lines(
    client: httpx.AsyncClient, as_user: AuthHeaders
) -> None:
    public = (await client.get("/api/v1/indicators")).json()["items"]
    assert "anmeldelser" not in {i["code"] for i in public}  # restricted to the police
    police = (await client.get("/api/v1/indicators", headers=await as_user(demo("viewer", "kvp")))).json()[
        "items"
    ]
    assert len(police) == 16
    k1 = (await client.get("/api/v1/indicators/k1-uden-beskaeftigelse")).json()
    assert k1["goals"] == ["1", "3c"]
    assert k1["owner"] == "gladsaxe-kommune"
    thresholds = [r for r in k1["reference_lines"] if r["kind"] == "threshold"]
    assert {(r["list_kind"], r["operator"], r["value"]) for r in thresholds} == {
        ("udsat", ">", 40.0),
        ("forebyggelse", ">", 30.0),
    }
    assert all(r["source"].startswith("Almenboligloven") for r in thresholds)
    lettings = (await client.get("/api/v1/indicators/nye-lejere-i-arbejde")).json()
    assert (lettings["owner"], lettings["min_n"]) == ("aab", 5)
    by_goal = (await client.get("/api/v1/indicators", params={"goal": "2e"})).json()["items"]
    assert {i["code"] for i in by_goal} == {"tryghed", "tillid-politi"}


async def test_every_directed_indicator_has_a_sourced_baseline_and_a_target_or_says_it_has_none(
    client: httpx.AsyncClient, as_user: AuthHeaders
) -> None:
    catalogue = (await client.get("/api/v1/indicators", headers=await as_user(demo("viewer", "kvp")))).json()[
        "items"
    ]
    without_target = set()
    for indicator in catalogue:
        lines = {r["kind"]: r for r in indicator["reference_lines"] if r["kind"] != "threshold"}
        if indicator["direction"] == "context":
            assert not lines, indicator["code"]
            continue
        assert lines["baseline"]["basis"] == "own_level", indicator["code"]
        assert lines["baseline"]["source"], indicator["code"]
        if "target" in lines:
            assert lines["target"]["source"], indicator["code"]
        else:
            without_target.add(indicator["code"])
    # The agreement names a direction for lettings and move-outs, not a level.
    assert without_target == {"nye-lejere-i-arbejde", "fraflytning"}
    employment = next(i for i in catalogue if i["code"] == "beskaeftigelse")
    [target] = [r for r in employment["reference_lines"] if r["kind"] == "target"]
    assert (target["basis"], target["basis_area"], target["value"]) == (
        "area_level",
        "gladsaxe-kommune",
        None,
    )
    assert "svarer til niveauet i resten af kommunen" in target["source"]


async def test_published_figures_are_stored_approved_and_final(client: httpx.AsyncClient) -> None:
    items = (await client.get("/api/v1/observations", params={"indicator": "tillid-politi"})).json()["items"]
    figures = {(o["area"], o["period"]): o for o in items}
    assert figures[("hoeje-gladsaxe", "2018")]["value"] == 77.8
    assert figures[("danmark", "2019")]["value"] == 82
    assert figures[("hoeje-gladsaxe", "2020")]["value"] is None
    assert figures[("hoeje-gladsaxe", "2020")]["missing_reason"].startswith("Ingen måling i 2020")
    assert {(o["approval"], o["status"]) for o in items} == {("approved", "final")}


async def test_demo_series_are_labelled_and_never_mix_with_real_figures(client: httpx.AsyncClient) -> None:
    demo_rows = (await client.get("/api/v1/observations", params={"indicator": "neet", "limit": 500})).json()[
        "items"
    ]
    assert demo_rows and all("DEMODATA" in (o["comment"] or "") for o in demo_rows)
    real = (await client.get("/api/v1/observations", params={"indicator": "tryghed"})).json()["items"]
    assert not any("DEMODATA" in (o["comment"] or "") for o in real)


async def test_loading_the_agreement_twice_changes_nothing(database: Database) -> None:
    async with database.session(write=True) as session:
        report = await loader.load_agreement(session, loader.read())
    assert not report.changed, report.summary()
