"""The meetings domain's entry point for other domains (bodies, reports, events, the public site).

They reach this domain only here; the work is done in its modules, re-exported below: access
(the caller and visibility), listing (meetings as the caller sees them, pages and feeds),
lifecycle (creating, changing and moving a meeting through its statuses), agenda, attendance,
linking (links and their resolvers), minutes, decisions and action_items.

Who may see what:
- a meeting follows its `visibility` (public / partners / restricted); restricted meetings,
  and restricted agenda items, minutes, decisions and action items, are visible only to the
  body's current members (admins too only when they are members);
- draft minutes are visible to the body's members and to those who run its meetings; approved
  minutes to everyone who sees the meeting.
Who may change what (core.permissions.BODY_ROLE_PERMISSIONS): a body's chair and secretary
run its meetings, agenda, attendance, draft minutes, decisions and action items; admins
(bodies:manage) may too; only the chair or the secretary approve minutes and revise approved ones.
Lifecycle: planned -> agenda_published -> held -> minutes_draft -> minutes_approved; planned
or agenda_published -> cancelled. Approved minutes change only as a new revision with a reason.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from sammen.governance.meetings.access import Viewer

# re-exported for other domains (bodies, reports, events, the public site) and the router
from sammen.governance.meetings.access import decisions_stmt as decisions_stmt
from sammen.governance.meetings.access import get_meeting as get_meeting
from sammen.governance.meetings.access import meeting_clause as meeting_clause
from sammen.governance.meetings.access import viewer as viewer
from sammen.governance.meetings.agenda import agenda_public as agenda_public
from sammen.governance.meetings.agenda import create_agenda_item as create_agenda_item
from sammen.governance.meetings.agenda import delete_agenda_item as delete_agenda_item
from sammen.governance.meetings.agenda import get_agenda_item as get_agenda_item
from sammen.governance.meetings.agenda import item_visible as item_visible
from sammen.governance.meetings.agenda import list_agenda as list_agenda
from sammen.governance.meetings.agenda import load_agenda as load_agenda
from sammen.governance.meetings.agenda import update_agenda_item as update_agenda_item
from sammen.governance.meetings.attendance import attendance as attendance
from sammen.governance.meetings.attendance import member_has_attendance as member_has_attendance
from sammen.governance.meetings.attendance import record_attendance as record_attendance
from sammen.governance.meetings.decisions import decisions_public as decisions_public
from sammen.governance.meetings.decisions import require_decision as require_decision
from sammen.governance.meetings.feed import feed_events as feed_events
from sammen.governance.meetings.lifecycle import cancel_meeting as cancel_meeting
from sammen.governance.meetings.lifecycle import create_meeting as create_meeting
from sammen.governance.meetings.lifecycle import hold_meeting as hold_meeting
from sammen.governance.meetings.lifecycle import publish_agenda as publish_agenda
from sammen.governance.meetings.lifecycle import transition as transition
from sammen.governance.meetings.lifecycle import update_meeting as update_meeting
from sammen.governance.meetings.linking import ensure_decision_link as ensure_decision_link
from sammen.governance.meetings.linking import ensure_link as ensure_link
from sammen.governance.meetings.listing import MEETING_COLUMNS as MEETING_COLUMNS
from sammen.governance.meetings.listing import MEETING_FILTERS as MEETING_FILTERS
from sammen.governance.meetings.listing import MEETING_TAIL as MEETING_TAIL
from sammen.governance.meetings.listing import list_meetings as list_meetings
from sammen.governance.meetings.listing import list_page as list_page
from sammen.governance.meetings.listing import meeting_public as meeting_public
from sammen.governance.meetings.minutes import list_minutes
from sammen.governance.meetings.models import Decision as Decision
from sammen.governance.meetings.models import DecisionKind as DecisionKind
from sammen.governance.meetings.models import LinkSource as LinkSource
from sammen.governance.meetings.models import Meeting as Meeting
from sammen.governance.meetings.models import MeetingStatus as MeetingStatus
from sammen.governance.meetings.register import list_decisions as list_decisions


# ---------------------------------------------------------------- for the change feed and webhooks
async def current_minutes(session: AsyncSession, *, v: Viewer, meeting: Meeting) -> list[Any]:
    """The meeting's current minutes as `v` may see them."""
    return await list_minutes(session, v=v, meeting=meeting)
