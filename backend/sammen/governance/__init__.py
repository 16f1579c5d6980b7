"""Governance: the bodies of the agreement and their meetings, in three layers (see `.importlinter`).

- `bodies`: bodies, seats, mandates, members, a caller's body roles, and what a decision does to
  them. It never imports meetings.
- `meetings`: meetings, agenda, attendance, minutes, decisions, action items and links. It reaches
  bodies only through `bodies.service`.
- `acts` and `bodies_router`: what needs both (setting up, dissolving, approving on a decision;
  removing a member who never attended) and the bodies' routes that call it.
"""
