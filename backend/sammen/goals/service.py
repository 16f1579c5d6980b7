"""The agreement and its goal tree: reads scoped by visibility, changes recorded as amendments.

The work is done in agreement (the agreement, phases, amendments) and tree (goals and
sub-objectives); other domains and the router use the names re-exported here.
"""

from __future__ import annotations

from sammen.goals.agreement import DecisionCheck as DecisionCheck
from sammen.goals.agreement import agreement_public as agreement_public
from sammen.goals.agreement import amendment_link_targets as amendment_link_targets
from sammen.goals.agreement import amendment_references as amendment_references
from sammen.goals.agreement import check_decision as check_decision
from sammen.goals.agreement import decision_checks as decision_checks
from sammen.goals.agreement import get_agreement as get_agreement
from sammen.goals.agreement import list_amendments as list_amendments
from sammen.goals.agreement import list_phases as list_phases
from sammen.goals.agreement import record_amendment as record_amendment
from sammen.goals.agreement import update_agreement as update_agreement
from sammen.goals.tree import create_goal as create_goal
from sammen.goals.tree import delete_goal as delete_goal
from sammen.goals.tree import get_goal as get_goal
from sammen.goals.tree import get_goal_by_code as get_goal_by_code
from sammen.goals.tree import goal_ids_by_code as goal_ids_by_code
from sammen.goals.tree import goal_link_targets as goal_link_targets
from sammen.goals.tree import goal_public as goal_public
from sammen.goals.tree import goal_tree as goal_tree
from sammen.goals.tree import restore_goal as restore_goal
from sammen.goals.tree import update_goal as update_goal
