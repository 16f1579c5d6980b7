"""Bodies, seats, mandates and members: the bodies' public face for other domains and for meetings.

Rules:
- A working group is set up by a coordination group (its parent) and is the only kind of
  body that is dissolved; dissolving needs a reason and a final summary and ends the
  members' terms.
- Bodies go proposed -> active -> dissolved; a dissolved body takes no new members or mandates.
- Mandates go draft -> submitted -> approved (naming the partnership's decision of kind
  approve_mandate) and are superseded by the next approved version: one version in force.
  A body has at most one open (draft or submitted) version at a time.
- Members fill seats from the agreement file; the composition report compares them.

The work is done in roles (a caller's body roles), registry (bodies and seats), mandates, members,
effects (what a decision does here) and resolvers (bodies and mandates as link targets). What needs
a decision or the meetings' attendance as well (setting up, dissolving, approving, removing a
member) lives a layer up, in `governance.acts`: this package never imports meetings.
"""

from __future__ import annotations

import sammen.governance.bodies.resolvers  # noqa: F401  (registers bodies and mandates as link targets)
from sammen.governance.bodies.effects import apply_decision_effects as apply_decision_effects
from sammen.governance.bodies.effects import check_decision_effects as check_decision_effects
from sammen.governance.bodies.effects import decision_references as decision_references
from sammen.governance.bodies.mandates import create_mandate as create_mandate
from sammen.governance.bodies.mandates import get_mandate as get_mandate
from sammen.governance.bodies.mandates import list_mandates as list_mandates
from sammen.governance.bodies.mandates import mandate_is_public as mandate_is_public
from sammen.governance.bodies.mandates import record_approval as record_approval
from sammen.governance.bodies.mandates import submit_mandate as submit_mandate
from sammen.governance.bodies.mandates import update_mandate as update_mandate
from sammen.governance.bodies.members import composition as composition
from sammen.governance.bodies.members import create_member as create_member
from sammen.governance.bodies.members import get_member as get_member
from sammen.governance.bodies.members import list_members as list_members
from sammen.governance.bodies.members import member_public as member_public
from sammen.governance.bodies.members import members_by_ids as members_by_ids
from sammen.governance.bodies.members import members_on as members_on
from sammen.governance.bodies.members import seat_codes as seat_codes
from sammen.governance.bodies.members import update_member as update_member
from sammen.governance.bodies.models import BodyKind as BodyKind
from sammen.governance.bodies.models import BodyStatus as BodyStatus
from sammen.governance.bodies.registry import body_names as body_names
from sammen.governance.bodies.registry import body_public as body_public
from sammen.governance.bodies.registry import create_body as create_body
from sammen.governance.bodies.registry import get_body as get_body
from sammen.governance.bodies.registry import get_body_by_slug as get_body_by_slug
from sammen.governance.bodies.registry import list_bodies as list_bodies
from sammen.governance.bodies.registry import mandate_in_force as mandate_in_force
from sammen.governance.bodies.registry import name_of as name_of
from sammen.governance.bodies.registry import names as names
from sammen.governance.bodies.registry import record_set_up as record_set_up
from sammen.governance.bodies.registry import seats_of as seats_of
from sammen.governance.bodies.registry import update_body as update_body
from sammen.governance.bodies.roles import bodies_held as bodies_held
from sammen.governance.bodies.roles import body_roles as body_roles
from sammen.governance.bodies.roles import my_body_roles as my_body_roles
