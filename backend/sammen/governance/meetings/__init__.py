"""Meetings, agenda, attendance, minutes, decisions, action items and calendar feeds."""
