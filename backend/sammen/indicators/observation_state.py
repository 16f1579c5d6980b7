"""An observation's current and published state: the columns read, the fields compared, the
published copy an approval writes and the revision it keeps of the copy it replaces.

Shared by writing (approve on write) and approving.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import String, type_coerce

from sammen.indicators.service import OBS

# A row's current value, its published copy and who entered and approved them: what writing and
# approving need to decide what changes and what goes to the history.
STATE_COLUMNS = (
    OBS.c.value,
    OBS.c.missing_reason,
    OBS.c.n,
    type_coerce(OBS.c.status, String).label("status"),
    OBS.c.comment,
    OBS.c.published,
    OBS.c.pub_value,
    OBS.c.pub_missing_reason,
    OBS.c.pub_n,
    type_coerce(OBS.c.pub_status, String).label("pub_status"),
    OBS.c.pub_comment,
    OBS.c.entered_by,
    OBS.c.entered_at,
    OBS.c.pub_entered_by,
    OBS.c.pub_entered_at,
    OBS.c.approved_by,
    OBS.c.approved_at,
    OBS.c.self_approved,
)

CURRENT_FIELDS = ("value", "missing_reason", "n", "status", "comment")


def published_values(
    current: dict[str, Any],
    who_id: int | None,
    who: str,
    now: dt.datetime,
    *,
    self_approved: bool,
    entered_by: str,
    entered_at: dt.datetime,
) -> dict[str, Any]:
    return {
        "published": True,
        "pub_entered_by": entered_by,
        "pub_entered_at": entered_at,
        "pub_value": current["value"],
        "pub_missing_reason": current["missing_reason"],
        "pub_n": current["n"],
        "pub_status": current["status"],
        "pub_comment": current["comment"],
        "approved_by_id": who_id,
        "approved_by": who,
        "approved_at": now,
        "self_approved": self_approved,
    }


def revision_of(old: Any) -> dict[str, Any]:
    return {
        "observation_id": old.id,
        "value": old.pub_value,
        "missing_reason": old.pub_missing_reason,
        "n": old.pub_n,
        "status": old.pub_status,
        "comment": old.pub_comment,
        "entered_by": old.pub_entered_by or old.entered_by,
        "entered_at": old.pub_entered_at or old.entered_at,
        "approved_by": old.approved_by or "?",
        "approved_at": old.approved_at,
        "self_approved": bool(old.self_approved),
    }
