"""What the yearly report reads of initiatives besides `initiatives.service`: initiatives,
stories and milestones as of a cut-off, and the goals' coverage."""

from sammen.initiatives.coverage import coverage as coverage
from sammen.initiatives.reporting import initiatives_as_of as initiatives_as_of
from sammen.initiatives.reporting import milestones_between as milestones_between
from sammen.initiatives.reporting import stories_between as stories_between
