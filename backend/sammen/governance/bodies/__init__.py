"""Governance bodies: the partnership, the coordination group and working groups; mandates; members."""
