"""The goals table for other domains' SQL (the initiatives' lists join it): read only; every
change to a goal goes through `goals.service`."""

from sammen.goals.models import Goal as Goal
