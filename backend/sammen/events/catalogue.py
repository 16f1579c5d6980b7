"""The event types: which audited changes become change-feed entries and webhook events.

Every mutation writes an audit event (core/audit.py); the ones named here also write a row to
the outbox in the same transaction. An entry maps audit actions to the event's action verb;
a batch's outcome is named `<audit action>:<outcome>` (see `audit.record(changed=...)`).
Adding an event type is one line here (and, for a new kind of resource, one entry in
events/resources.py saying who may read it and how it is shown).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class EventType:
    name: str  # what subscribers ask for, e.g. initiative.updated
    resource: str  # the kind of resource it is about (events/resources.py)
    on: Mapping[str, str]  # audit action (or action:outcome) -> the action verb in the feed
    description: str


CATALOGUE: tuple[EventType, ...] = (
    EventType("initiative.created", "initiative", {"initiative.create": "created", "initiative.import:created": "created"}, "An initiative was created (also by import)."),
    EventType("initiative.updated", "initiative", {"initiative.update": "updated", "initiative.import:updated": "updated"}, "An initiative changed (also by import)."),
    EventType("initiative.deleted", "initiative", {"initiative.delete": "deleted"}, "An initiative was deleted."),
    EventType("progress.created", "progress_update", {"progress.create": "created"}, "A progress update was reported on an initiative."),
    EventType("observation.approved", "observation", {"observations.approve:approved": "approved", "observations.batch:approved": "approved", "observations.import:approved": "approved"}, "An indicator value was approved (published), also when written or imported approved."),
    EventType("decision.recorded", "decision", {"decision.create": "recorded"}, "A body recorded a decision at a meeting."),
    EventType("decision.corrected", "decision", {"decision.correct": "corrected"}, "A decision was corrected by a new revision."),
    EventType("meeting.scheduled", "meeting", {"meeting.create": "scheduled"}, "A meeting was planned."),
    EventType("meeting.changed", "meeting", {"meeting.update": "updated", "meeting.publish_agenda": "agenda_published", "meeting.hold": "held", "meeting.cancel": "cancelled"}, "A meeting changed: details, agenda published, held or cancelled."),
    EventType("minutes.approved", "minutes", {"meeting.approve_minutes": "approved"}, "A meeting's minutes were approved."),
    EventType("report.frozen", "status_report", {"report.freeze": "frozen"}, "The partnership approved a yearly status report, which is now frozen."),
)  # fmt: skip

BY_NAME: Mapping[str, EventType] = {e.name: e for e in CATALOGUE}


def _by_trigger() -> dict[str, list[tuple[EventType, str]]]:
    found: dict[str, list[tuple[EventType, str]]] = {}
    for event_type in CATALOGUE:
        for trigger, verb in event_type.on.items():
            found.setdefault(trigger, []).append((event_type, verb))
    return found


# audit action (or action:outcome) -> the event types it emits, with their verbs
BY_TRIGGER: Mapping[str, list[tuple[EventType, str]]] = _by_trigger()
