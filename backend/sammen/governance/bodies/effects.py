"""What a decision does to bodies and mandates, and the bodies and mandates the decision register names."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Select, String, cast, literal_column, or_
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from sammen.core.errors import field_error
from sammen.core.idlist import within
from sammen.core.links import LinkTargetType
from sammen.core.live import get_live, live
from sammen.core.permissions import Principal
from sammen.governance.bodies.mandates import record_approval
from sammen.governance.bodies.models import (
    Body,
    BodyKind,
    BodyStatus,
    Mandate,
    MandateStatus,
)
from sammen.governance.bodies.registry import get_body, record_set_up


async def check_decision_effects(
    session: AsyncSession, *, approves_mandates: bool, deciding_body_id: int,
    targets: Sequence[tuple[LinkTargetType, int]],
) -> None:  # fmt: skip
    """Before an approve_mandate decision is recorded: only the partnership approves mandates, and a
    linked draft must be submitted first (a decision cannot approve what was never put forward)."""
    if not approves_mandates:
        return
    mandate_ids = [
        (index, target_id) for index, (t, target_id) in enumerate(targets) if t == LinkTargetType.mandate
    ]
    if not mandate_ids:
        return
    deciding = await get_body(session, body_id=deciding_body_id)
    if deciding.kind != BodyKind.partnership:
        raise field_error("body.kind", "only the strategic partnership approves mandates (kommissorier)")
    for index, mandate_id in mandate_ids:
        mandate = await session.get(Mandate, mandate_id)
        if mandate is not None and mandate.status == MandateStatus.draft:
            raise field_error(
                f"body.links.{index}",
                f"kommissorium v{mandate.number} is a draft: submit it before approving it",
            )


async def apply_decision_effects(
    session: AsyncSession, *, actor: Principal, decision_id: int, approves_mandates: bool,
    sets_up_working_groups: bool, deciding_body_id: int, decided_on: dt.date,
    targets: Sequence[tuple[LinkTargetType, int]],
) -> None:  # fmt: skip
    """After a decision is recorded: it approves the submitted mandate versions it links (approve_mandate)
    and sets up the proposed working groups of the deciding body it links (set_up_working_group).
    The decision needs no check here: it is the one being recorded, of this kind, by this body,
    and its links are already set."""
    for target_type, target_id in targets:
        if approves_mandates and target_type == LinkTargetType.mandate:
            mandate = await session.get(Mandate, target_id)
            if mandate is not None and mandate.status == MandateStatus.submitted:
                await record_approval(
                    session,
                    actor=actor,
                    mandate=mandate,
                    decision_id=decision_id,
                    expected_version=mandate.version,
                )
        elif sets_up_working_groups and target_type == LinkTargetType.body:
            body = await get_live(session, Body, target_id)
            if (
                body is not None
                and body.kind == BodyKind.working_group
                and body.status == BodyStatus.proposed
                and body.parent_id == deciding_body_id
            ):
                await record_set_up(
                    session, actor=actor, body=body, set_up_on=decided_on, decision_id=decision_id,
                    expected_version=body.version,
                )  # fmt: skip


def decision_references(decision_ids: Sequence[int] | str | Select[Any]) -> list[Any]:
    """(decision_id, object_type, object_id, title) of the bodies set up or dissolved, and the
    mandates approved, by these decisions (or those bound at execution to the parameter of that
    name, or those a select gives): branches of the decision register's references."""

    def reference(decision_id: Any, object_type: str, object_id: Any, title: Any) -> Any:
        return select(
            decision_id.label("decision_id"),
            literal_column(f"'{object_type}'", String).label("object_type"),
            object_id.label("object_id"),
            title.label("title"),
        )

    body_live = live(Body)
    set_up, dissolved = col(Body.set_up_decision_id), col(Body.dissolved_decision_id)
    return [
        reference(set_up, "body", col(Body.id), col(Body.name)).where(
            within(set_up, decision_ids), body_live
        ),
        # a body set up and dissolved by the same decision is named once
        reference(dissolved, "body", col(Body.id), col(Body.name)).where(
            within(dissolved, decision_ids), body_live, or_(set_up.is_(None), set_up != dissolved)
        ),
        reference(
            col(Mandate.approved_decision_id),
            "mandate",
            col(Mandate.id),
            col(Body.name) + ": kommissorium v" + cast(col(Mandate.number), String),
        ).where(
            col(Body.id) == col(Mandate.body_id), within(col(Mandate.approved_decision_id), decision_ids)
        ),
    ]
