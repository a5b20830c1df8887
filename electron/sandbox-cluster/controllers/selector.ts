// Label selectors in their object form (matchLabels + matchExpressions), as DaemonSets and quotas carry them.

import { requirementMatches } from './eligibility.js';
import type { NodeSelectorRequirement } from './kinds.js';

export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: NodeSelectorRequirement[];
}

/** An empty selector matches nothing here: workload controllers refuse empty selectors. */
export function selectorMatches(selector: LabelSelector | undefined, labels: Record<string, string> = {}): boolean {
  if (!selector) return false;
  const matchLabels = Object.entries(selector.matchLabels ?? {});
  const expressions = selector.matchExpressions ?? [];
  if (matchLabels.length === 0 && expressions.length === 0) return false;
  return (
    matchLabels.every(([k, v]) => labels[k] === v) &&
    expressions.every((req) =>
      ['In', 'NotIn', 'Exists', 'DoesNotExist'].includes(req.operator)
        ? requirementMatches(req, labels[req.key])
        : false,
    )
  );
}
