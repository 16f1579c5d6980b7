"""The meetings domain's routers: meetings, agenda, attendance, minutes, decisions, links,
action items, calendars. main.py includes them from here.

The handlers live in one `routes_<sub-resource>.py` module per sub-resource. The agenda,
attendance and minutes modules add their `/meetings/{meeting_id}/...` routes to
`meetings_router` itself (not to a nested router: every nesting level costs routing time) as they
are imported, so the imports below are in registration order - the meeting's own routes, then
agenda, attendance, minutes. That order decides which route matches first and the order of
openapi.yaml; keep it (the import sorter is switched off for that reason).
"""

from __future__ import annotations

# isort: off
from sammen.governance.meetings.routes_meetings import meetings_router
from sammen.governance.meetings.routes_agenda import agenda_router
import sammen.governance.meetings.routes_attendance  # noqa: F401  (adds its routes to meetings_router)
from sammen.governance.meetings.routes_minutes import minutes_router
from sammen.governance.meetings.routes_decisions import decisions_router
from sammen.governance.meetings.routes_links import links_router
from sammen.governance.meetings.routes_action_items import actions_router
from sammen.governance.meetings.routes_calendar import calendar_router

# isort: on

__all__ = [
    "actions_router",
    "agenda_router",
    "calendar_router",
    "decisions_router",
    "links_router",
    "meetings_router",
    "minutes_router",
]
