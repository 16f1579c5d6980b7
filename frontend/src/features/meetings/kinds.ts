/**
 * Decision kinds in the order forms offer them. The record is keyed by the API's own enum, so when the
 * API adds a kind (say approve_status_report) the type check fails here until it is placed (and named
 * in the message catalogues): the list cannot silently fall behind the schema.
 */
import type { DecisionKind } from './recordsApi';

const ORDER: Record<DecisionKind, number> = {
  general: 0,
  approve_mandate: 1,
  set_up_working_group: 2,
  dissolve_working_group: 3,
  approve_action_plan_revision: 4,
  amend_agreement: 5,
  approve_status_report: 6,
};

export const DECISION_KINDS = (Object.keys(ORDER) as DecisionKind[]).sort((a, b) => ORDER[a] - ORDER[b]);
